//! Browser tests of the care area (issue 12): choosing where the plan will be given checks it
//! against what the plan requires; a care area that does not provide it blocks and withholds the
//! plan, says why next to the field, and the printout names the care area.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::alerts::Alerts;
use ketamine_calculator::components::care_area::CareAreaEntry;
use ketamine_calculator::components::plan_result::PlanResult;
use ketamine_calculator::components::share::PrintSummary;
use ketamine_calculator::CalculatorProvider;
use ketamine_engine::Inputs;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn calculator(fragment: &'static str) -> Page<impl Sized> {
    mount(move || {
        view! {
            <CalculatorProvider initial=Inputs::from_fragment(fragment)>
                <CareAreaEntry />
                <Alerts />
                <PlanResult />
                <PrintSummary />
            </CalculatorProvider>
        }
    })
}

async fn settle() {
    tick().await;
    tick().await;
}

#[wasm_bindgen_test]
async fn a_care_area_that_does_not_provide_the_tier_blocks_and_withholds_the_plan() {
    // 1 mg/kg/h: the high-dose setting (question 6), a monitored unit.
    let plan = "weight=70&rate=1&duration_min=150&conc=1";
    let page = calculator("weight=70&rate=1&duration_min=150&conc=1");
    settle().await;
    assert_eq!(page.text("#plan-rate-mg-per-h"), "70 mg/h");
    assert!(
        page.text("#care-area-check")
            .contains("choose where this plan will be given"),
        "{}",
        page.text("#care-area-check")
    );

    page.choose("#care_area", "ward").await;
    settle().await;
    let result = engine(&format!("{plan}&care_area=ward"));
    let message = result.error_for("care_area").unwrap().message.clone();
    assert_eq!(page.text("#care_area-error"), message);
    assert!(page.invalid("#care_area"));
    assert!(page.text("#care-area-check").contains("does not provide"));
    assert!(
        !page.exists("#plan-rate-mg-per-h"),
        "the plan is shown while blocked"
    );
    assert!(!shows_dose_figure(&page.all_text()), "{}", page.all_text());

    page.choose("#care_area", "monitored").await;
    settle().await;
    assert_eq!(page.text("#care_area-error"), "");
    assert!(page
        .text("#care-area-check")
        .contains("provides what this plan requires"));
    assert_eq!(page.text("#plan-rate-mg-per-h"), "70 mg/h");
    assert!(
        page.text("#print-care-area").contains("Monitored unit"),
        "{}",
        page.text("#print-care-area")
    );
}

#[wasm_bindgen_test]
async fn an_anesthetic_range_infusion_shows_only_in_the_icu() {
    let page = calculator("weight=70&rate=3&duration_min=150&conc=1");
    settle().await;
    assert!(!page.exists("#plan-rate-mg-per-h"));
    assert!(page
        .text("#care_area-error")
        .contains("intensive care unit"));
    assert!(page.text("#plan-held").contains("withheld"));
    page.choose("#care_area", "icu").await;
    settle().await;
    assert_eq!(page.text("#care_area-error"), "");
    // No longer blocked: only the soft alert above the recommended range is left to acknowledge.
    assert!(
        page.text("#plan-held").contains("Acknowledge 1 warning"),
        "{}",
        page.text("#plan-held")
    );
    assert!(page
        .text("#print-care-area")
        .contains("Intensive care unit"));
}
