//! Browser tests of the plan summary: the same figures as the plan card, in every state the
//! status can take, and panels that re-render only when their own figures change.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::alerts::Alerts;
use ketamine_calculator::components::monitoring::MonitoringTier;
use ketamine_calculator::components::patient::Patient;
use ketamine_calculator::components::plan_inputs::PlanInputs;
use ketamine_calculator::components::plan_result::{PlanResult, PlanView};
use ketamine_calculator::components::ranges::Ranges;
use ketamine_calculator::components::response::ResponseAssessment;
use ketamine_calculator::components::summary::PlanSummary;
use ketamine_calculator::components::target::Target;
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
                <Patient />
                <PlanInputs />
                <ResponseAssessment />
                <PlanSummary />
                <Alerts />
                <Ranges />
                <PlanResult />
                <Target />
                <MonitoringTier />
            </CalculatorProvider>
        }
    })
}

async fn settle() {
    tick().await;
    tick().await;
}

#[wasm_bindgen_test]
async fn the_summary_shows_the_plan_cards_own_figures() {
    // ASRA's first outpatient infusion at 70 kg and 1 mg/mL, with a 0.2 mg/kg bolus:
    // 0.5 mg/kg/h x 70 kg = 35 mg/h = 35 mL/h; bolus 14 mg = 14 mL; 14 + 35 x 2.5 = 101.5 mg.
    let page = calculator("weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1");
    settle().await;
    assert_eq!(page.text("#summary-status"), "Ready");
    assert_eq!(page.text("#summary-pump-rate"), "35 mL/h");
    assert_eq!(
        page.text("#summary-pump-rate"),
        page.text("#plan-rate-ml-per-h")
    );
    assert!(page.text("#summary-figures").contains("at 1 mg/mL"));
    assert_eq!(page.text("#summary-rate"), "0.5 mg/kg/h = 35 mg/h");
    assert_eq!(page.text("#summary-bolus"), "14 mg = 14 mL");
    assert_eq!(page.text("#summary-duration"), page.text("#plan-duration"));
    assert_eq!(page.text("#summary-total"), "101.5 mg");
    assert_eq!(page.text("#summary-total"), page.text("#plan-total-day"));
    assert_eq!(page.text("#summary-target"), "Met");
    assert_eq!(page.text("#summary-tier"), page.text("#monitoring-tier"));
    assert_eq!(page.text("#summary-alerts"), "none");
    // Each figure leads to its card.
    assert_eq!(
        page.attr("#summary-pump-rate", "href").as_deref(),
        Some("#plan-rate-ml-per-h")
    );
    assert!(page.exists("#plan-rate-ml-per-h"));
}

#[wasm_bindgen_test]
async fn the_summary_waits_for_acknowledgements_then_shows_the_rounded_pump_rate() {
    // 35 mg/h at a custom 3 mg/mL = 11.6667 mL/h, programmed as 11.7 mL/h. A custom concentration
    // and one above 2 mg/mL for an infusion are two warnings.
    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=3");
    settle().await;
    assert_eq!(
        page.text("#summary-status"),
        "Needs acknowledgement: 2 warnings"
    );
    assert!(!page.exists("#summary-pump-rate"));
    assert!(!shows_dose_figure(&page.text("#plan-summary")));
    assert_eq!(page.text("#summary-alerts"), "2");
    for left in ["1", "none"] {
        page.type_into(".alert-soft:not(.acknowledged) input", "pharmacy prepared")
            .await;
        page.fire(".alert-soft:not(.acknowledged) form", "submit");
        settle().await;
        assert_eq!(page.text("#summary-alerts"), left);
    }
    assert_eq!(page.text("#summary-status"), "Ready");
    assert_eq!(page.text("#summary-pump-rate"), "11.7 mL/h");
    assert_eq!(
        page.text("#summary-pump-rate"),
        page.text("#plan-rate-ml-per-h")
    );
}

#[wasm_bindgen_test]
async fn the_summary_withholds_every_figure_and_says_why() {
    let page = calculator("weight=70&bolus=0.9&rate=0.5&duration_min=150&conc=1");
    settle().await;
    assert_eq!(
        page.text("#summary-status"),
        "Withheld: a hard limit is crossed"
    );
    assert!(!shows_dose_figure(&page.text("#plan-summary")));
    assert!(!page.exists("#summary-pump-rate"));
    assert_eq!(page.text("#summary-tier"), "Beyond the guideline");
    assert_ne!(page.text("#summary-alerts"), "none");

    page.type_into("#weight", "").await;
    settle().await;
    assert_eq!(
        page.text("#summary-status"),
        "Withheld: an entry is missing or invalid"
    );
    assert!(!shows_dose_figure(&page.text("#plan-summary")));

    page.type_into("#weight", "70").await;
    page.type_into("#bolus", "").await;
    page.type_into("#rate", "").await;
    settle().await;
    assert_eq!(
        page.text("#summary-status"),
        "No plan: enter a bolus or an infusion rate"
    );
}

#[wasm_bindgen_test]
async fn the_status_is_announced_once_it_holds_not_on_every_keystroke() {
    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=1");
    settle().await;
    let live = "#plan-summary [role=status]";
    assert_eq!(page.text(live), "Plan summary: Ready.");
    // 70 to 700 and back within a moment: withheld, then ready again; nothing to announce.
    page.type_into("#weight", "700").await;
    settle().await;
    assert_eq!(
        page.text("#summary-status"),
        "Withheld: an entry is missing or invalid"
    );
    // Shown at once, not yet said.
    assert_eq!(page.text(live), "Plan summary: Ready.");
    page.type_into("#weight", "70").await;
    settle().await;
    sleep(1200).await;
    assert_eq!(page.text(live), "Plan summary: Ready.");
    // A status that holds is announced.
    page.type_into("#weight", "700").await;
    sleep(1200).await;
    assert_eq!(
        page.text(live),
        "Plan summary: Withheld: an entry is missing or invalid."
    );
}

#[wasm_bindgen_test]
fn the_plans_slice_changes_only_when_its_figures_do() {
    // A panel re-renders when its Memo's value changes (PartialEq). Pain scores change the result
    // (its response assessment) but not the plan's slice; a new rate changes both.
    let acks = Vec::new();
    let base = engine("weight=70&rate=0.5&duration_min=150&conc=1");
    let pain = engine("weight=70&rate=0.5&duration_min=150&conc=1&pain_before=8&pain_after=4");
    let rate = engine("weight=70&rate=0.6&duration_min=150&conc=1");
    assert_ne!(base, pain, "the result itself changes with a pain score");
    assert_eq!(PlanView::of(&base, &acks), PlanView::of(&pain, &acks));
    assert_ne!(PlanView::of(&base, &acks), PlanView::of(&rate, &acks));
}

#[wasm_bindgen_test]
async fn the_summary_names_the_care_area_and_whether_it_provides_what_the_plan_requires() {
    // 1 mg/kg/h is the high-dose setting (004:1494-1495), which a general ward does not provide:
    // the summary says so in the engine's words and links to the care-area card.
    let page = calculator("weight=70&rate=1&duration_min=150&care_area=ward");
    settle().await;
    let line = page.text("#summary-care-area");
    assert!(line.starts_with("General ward"), "{line}");
    assert!(line.ends_with("NOT PROVIDED, plan blocked"), "{line}");
    // In a monitored unit it is provided.
    let page = calculator("weight=70&rate=1&duration_min=150&care_area=monitored");
    settle().await;
    assert!(page.text("#summary-care-area").ends_with(": provided"));
}
