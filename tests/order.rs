//! Browser tests of an order as written, the independent double check and the preparation
//! (issue 13). The double check must be blind: until the second entry is complete and compared,
//! none of the first entry's figures may be anywhere in the DOM (text, attributes or field values).

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::double_check::{connect, DoubleCheck};
use ketamine_calculator::components::patient::Patient;
use ketamine_calculator::components::plan_inputs::PlanInputs;
use ketamine_calculator::components::plan_result::PlanResult;
use ketamine_calculator::components::preparation::PreparationCard;
use ketamine_calculator::state::{use_calculator, Calculator, ProfileState};
use ketamine_calculator::CalculatorProvider;
use ketamine_engine::double_check::check_fragment;
use ketamine_engine::profile::Profile;
use ketamine_engine::Inputs;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The first entry: 83 kg, 0.5 mg/kg/h at 1 mg/mL: 41.5 mg/h, 41.5 mL/h. "83" and "41.5" appear
/// nowhere in a second entry of 82 kg (41 mg/h).
const FIRST: &str = "weight=83&rate=0.5&conc=1&duration_min=150";

/// Everything a screen reader, a script or a look at the page source could find: the markup and
/// the value of every field.
fn everything<H>(page: &Page<H>) -> String {
    let mut all = page.root.inner_html();
    let fields = page
        .root
        .query_selector_all("input, select, textarea")
        .unwrap();
    for i in 0..fields.length() {
        let field = fields.item(i).unwrap();
        let value = js_sys::Reflect::get(&field, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        all.push(' ');
        all.push_str(&value);
    }
    all
}

fn shows_first_entry(text: &str) -> bool {
    text.contains("83") || text.contains("41.5")
}

fn check_page(initial: &str, hash: Option<String>) -> Page<impl Sized> {
    let initial = Inputs::from_fragment(initial);
    mount(move || {
        view! {
            <CalculatorProvider initial=initial>
                {
                    if let Some(hash) = hash {
                        connect(use_calculator(), &hash);
                    }
                }
                <Patient />
                <PlanInputs />
                <PlanResult />
                <DoubleCheck />
            </CalculatorProvider>
        }
    })
}

fn disabled<H>(page: &Page<H>, selector: &str) -> bool {
    page.find(selector)
        .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .is_some_and(|b| b.disabled())
}

async fn enter_second_entry<H>(page: &Page<H>) {
    page.enter("#weight", "82").await;
    page.enter("#rate", "0.5").await;
    page.choose("#conc-choice", "1").await;
    page.enter("#duration_min", "150").await;
}

#[wasm_bindgen_test]
async fn handing_over_hides_the_first_entry_until_the_second_is_compared() {
    let page = check_page(FIRST, None);
    tick().await;
    assert!(
        shows_first_entry(&everything(&page)),
        "the first entry is shown to its own clinician"
    );
    page.click("#start-double-check").await;
    sleep(20).await;

    // Blind: a blank form, no figure of the first entry anywhere.
    assert_eq!(page.value("#weight"), "");
    assert!(page.exists("#double-check-banner"));
    assert!(
        !shows_first_entry(&everything(&page)),
        "{}",
        everything(&page)
    );
    assert!(
        disabled(&page, "#compare-entries"),
        "nothing to compare before a result"
    );

    // Partly entered: still blind, and still nothing to compare.
    page.enter("#weight", "82").await;
    assert!(!shows_first_entry(&everything(&page)));
    enter_second_entry(&page).await;
    assert!(
        !shows_first_entry(&everything(&page)),
        "{}",
        everything(&page)
    );
    assert!(!page.exists("#double-check-entries"));
    assert!(!disabled(&page, "#compare-entries"));

    page.click("#compare-entries").await;
    sleep(20).await;
    // Now, and only now, side by side.
    let weight = page.element("#double-check-entries tr[data-key='weight']");
    assert_eq!(weight.text_content().unwrap(), "Weight83 kg82 kgDIFFERENT");
    assert!(page
        .text("#double-check-verdict")
        .starts_with("Mismatch: the results differ in Dosing weight"));
    let pump = page.text("#double-check-results tr[data-key='plan.rate_ml_per_h_rounded']");
    assert_eq!(pump, "Pump rate41.5 mL/h41 mL/hDIFFERENT");
}

#[wasm_bindgen_test]
async fn the_same_order_entered_twice_says_match() {
    let page = check_page(FIRST, None);
    tick().await;
    page.click("#start-double-check").await;
    page.enter("#weight", "83").await;
    page.enter("#rate", "0.5").await;
    page.choose("#conc-choice", "1").await;
    page.enter("#duration_min", "150").await;
    page.click("#compare-entries").await;
    sleep(20).await;
    assert_eq!(
        page.text("#double-check-verdict"),
        "Match: both entries and every result agree."
    );
    assert_eq!(page.count("#double-check-entries tr.check-differs"), 0);
    page.click("#end-double-check").await;
    assert!(page.exists("#start-double-check"));
}

#[wasm_bindgen_test]
async fn cancelling_forgets_the_first_entry() {
    let page = check_page(FIRST, None);
    tick().await;
    page.click("#start-double-check").await;
    page.click("#cancel-double-check").await;
    sleep(20).await;
    enter_second_entry(&page).await;
    assert!(!shows_first_entry(&everything(&page)));
    assert!(page.exists("#start-double-check"));
    assert!(!page.exists("#double-check-entries"));
}

#[wasm_bindgen_test]
async fn a_check_link_opens_a_blank_form_and_keeps_the_first_entry_hidden() {
    let link = check_fragment(&Inputs::from_fragment(FIRST));
    let page = check_page("", Some(format!("#{link}")));
    tick().await;
    assert_eq!(page.value("#weight"), "");
    assert!(page.exists("#double-check-banner"));
    assert!(!shows_first_entry(&everything(&page)));
    enter_second_entry(&page).await;
    assert!(!shows_first_entry(&everything(&page)));
    page.click("#compare-entries").await;
    sleep(20).await;
    assert!(page
        .text("#double-check-entries tr[data-key='weight']")
        .contains("83 kg"));
}

#[wasm_bindgen_test]
async fn a_check_link_that_also_names_entries_still_opens_a_blank_form() {
    // Made by hand or tampered with: the entries beside `check` must not prime the second entry.
    let link = format!(
        "weight=83&rate=0.5&profile=p.json&{}",
        check_fragment(&Inputs::from_fragment(FIRST))
    );
    let form = ketamine_calculator::app::inputs_from_fragment(&link);
    assert_eq!(form.weight, None);
    assert_eq!(form.rate, None);
    assert_eq!(form.profile.as_deref(), Some("p.json"));
    // An ordinary link still fills the form.
    assert_eq!(
        ketamine_calculator::app::inputs_from_fragment("weight=83")
            .weight
            .as_deref(),
        Some("83")
    );
}

#[wasm_bindgen_test]
async fn a_broken_check_link_says_so() {
    let page = check_page("", Some("#check=".to_string()));
    tick().await;
    assert!(page
        .all_text()
        .contains("Check link: it carries no first entry"));
    assert!(page.exists("#start-double-check"));
}

// ---- An order as written ---------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_rate_in_ml_per_h_and_a_bolus_in_mg_are_entered_with_their_units() {
    let page = mount(|| {
        view! {
            <CalculatorProvider>
                <Patient />
                <PlanInputs />
                <PlanResult />
            </CalculatorProvider>
        }
    });
    page.enter("#weight", "70").await;
    page.choose("#rate_unit", "mL/h").await;
    page.enter("#rate", "35").await;
    // Without the concentration: the engine's message, on the concentration.
    assert!(page
        .all_text()
        .contains("Concentration: required for a rate in mL/h"));
    page.choose("#conc-choice", "2").await;
    page.choose("#bolus_unit", "mg").await;
    page.enter("#bolus", "14").await;
    sleep(20).await;
    assert_eq!(page.text("label[for='rate']"), "Infusion rate (mL/h)");
    assert_eq!(page.text("label[for='bolus']"), "Bolus (mg), optional");
    // 35 mL/h x 2 mg/mL = 70 mg/h = 1 mg/kg/h; 14 mg / 70 kg = 0.2 mg/kg.
    let engine = engine("weight=70&rate=35&rate_unit=mL/h&conc=2&bolus=14&bolus_unit=mg");
    assert_eq!(engine.plan.rate_mg_per_h.unwrap().0, 70.0);
    assert!(page.all_text().contains("70 mg/h"), "{}", page.all_text());
    assert!(page.all_text().contains("0.2 mg/kg"), "{}", page.all_text());
}

// ---- Preparation ----------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_preparation_card_shows_the_engines_preparation() {
    let page = mount(|| {
        view! {
            <CalculatorProvider initial=Inputs::from_fragment("weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240")>
                <PreparationCard />
            </CalculatorProvider>
        }
    });
    tick().await;
    assert!(!page.exists("#prep-total"));
    page.choose("#vial_mg_per_ml", "50").await;
    page.choose("#container", "bag").await;
    page.enter("#container_ml", "250").await;
    sleep(20).await;
    assert_eq!(page.text("#prep-total"), "500 mg");
    assert_eq!(page.text("#prep-draw"), "10 mL");
    assert_eq!(page.text("#prep-diluent"), "240 mL");
    assert_eq!(page.text("#prep-count"), "1");
    assert!(page
        .text("#prep-arithmetic")
        .contains("Add diluent to a total of 250 mL: 250 mL - 10 mL = 240 mL"));
    assert!(page
        .all_text()
        .contains("Pharmacy practice (not from the clinical sources)"));
    // A volume the container does not come in: the engine's message, naming the range.
    page.enter("#container_ml", "5").await;
    sleep(20).await;
    assert!(page
        .text("#container_ml-error")
        .contains("enter a whole number from 10 to 1,000 mL"));
    assert!(!page.exists("#prep-total"));
}

// ---- Pharmacist review (issue 13 follow-up) ------------------------------------------------

/// Regression: a weight alone gave a result, so Compare showed the first entry's plan against
/// "not entered".
#[wasm_bindgen_test]
async fn a_weight_alone_cannot_be_compared() {
    let page = check_page(FIRST, None);
    tick().await;
    page.click("#start-double-check").await;
    page.enter("#weight", "82").await;
    sleep(20).await;
    assert!(
        disabled(&page, "#compare-entries"),
        "a weight is not a plan"
    );
    page.enter("#rate", "0.5").await;
    sleep(20).await;
    assert!(
        disabled(&page, "#compare-entries"),
        "the first entry has a concentration and a duration"
    );
    page.click("#compare-entries").await;
    sleep(20).await;
    assert!(!page.exists("#double-check-entries"));
    // (Not a bare "83": the page's numbered source ids count past it.)
    let all = everything(&page);
    assert!(!all.contains("83 kg") && !all.contains("41.5"), "{all}");
    page.choose("#conc-choice", "1").await;
    page.enter("#duration_min", "150").await;
    sleep(20).await;
    assert!(!disabled(&page, "#compare-entries"));
}

/// Regression: after Compare the verdict followed live edits, so the second entry could be
/// edited until it said Match. The comparison is of the copy frozen at Compare, marked once edited.
#[wasm_bindgen_test]
async fn an_edit_after_comparison_is_marked_not_compared() {
    let page = check_page(FIRST, None);
    tick().await;
    page.click("#start-double-check").await;
    enter_second_entry(&page).await;
    page.click("#compare-entries").await;
    sleep(20).await;
    assert!(page.text("#double-check-verdict").starts_with("Mismatch"));
    page.enter("#weight", "83").await;
    sleep(20).await;
    let verdict = page.text("#double-check-verdict");
    assert!(verdict.starts_with("Edited after comparison"), "{verdict}");
    assert!(!verdict.contains("Match: both"), "{verdict}");
    assert_eq!(
        page.text("#double-check-entries tr[data-key='weight']"),
        "Weight83 kg82 kgDIFFERENT"
    );
    assert!(page.exists("#double-check-verdict.check-mismatch"));
}

fn profiled_page(initial: &str, hash: Option<String>) -> (Page<impl Sized>, Calculator) {
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let initial = Inputs::from_fragment(initial);
    let page = mount(move || {
        let calculator = Calculator::with_profile(initial, example_profile());
        provide_context(calculator);
        out.set(Some(calculator));
        if let Some(hash) = hash {
            connect(calculator, &hash);
        }
        view! {
            <Patient />
            <PlanInputs />
            <DoubleCheck />
        }
    });
    (page, slot.take().unwrap())
}

fn example_profile() -> ProfileState {
    ProfileState::settled(
        "the file profiles/example.json".into(),
        Profile::from_json(include_str!("../examples/profile.json")),
    )
}

fn plan_is_blank(calculator: Calculator) -> bool {
    calculator.inputs.with_untracked(|i| {
        ["protocol", "bolus", "rate", "duration_min"]
            .iter()
            .all(|k| i.get(k).is_none())
    })
}

/// Regression: with a profile's default protocol, the blank second form was refilled with the
/// preset on hand-over and when the profile loaded, priming the second clinician.
#[wasm_bindgen_test]
async fn a_default_protocol_does_not_prime_the_second_entry() {
    // Handed over on this device.
    let (page, calculator) = profiled_page(FIRST, None);
    tick().await;
    page.click("#start-double-check").await;
    sleep(20).await;
    assert!(plan_is_blank(calculator), "hand-over refilled the plan");
    calculator.settle(example_profile());
    tick().await;
    assert!(plan_is_blank(calculator), "the profile refilled the plan");
    // Without a double check, the default still opens on a blank plan.
    page.click("#cancel-double-check").await;
    calculator.clear();
    tick().await;
    calculator
        .inputs
        .with_untracked(|i| assert!(i.get("protocol").is_some()));

    // Answering a check link: the profile loads after the link is read.
    let link = check_fragment(&Inputs::from_fragment(FIRST));
    let (_page, calculator) = profiled_page("", Some(format!("#{link}")));
    tick().await;
    calculator.settle(example_profile());
    tick().await;
    assert!(plan_is_blank(calculator), "the profile refilled the plan");
}

/// Regression: a bolus in mL was read at the infusion's concentration without saying so.
#[wasm_bindgen_test]
async fn a_bolus_in_ml_is_labelled_with_its_concentration() {
    let page = mount(|| {
        view! {
            <CalculatorProvider>
                <Patient />
                <PlanInputs />
                <PlanResult />
            </CalculatorProvider>
        }
    });
    page.enter("#weight", "70").await;
    page.choose("#bolus_unit", "mL").await;
    page.enter("#bolus", "5").await;
    sleep(20).await;
    assert_eq!(
        page.text("label[for='bolus']"),
        "Bolus (mL of the infusion's concentration), optional"
    );
    page.choose("#conc-choice", "2").await;
    sleep(20).await;
    assert_eq!(
        page.text("label[for='bolus']"),
        "Bolus (mL of the 2 mg/mL), optional"
    );
    // 5 mL of 2 mg/mL = 10 mg, and the plan says which concentration it read.
    assert!(
        page.all_text()
            .contains("entered as 5 mL of the 2 mg/mL (the infusion's concentration)"),
        "{}",
        page.all_text()
    );
}
