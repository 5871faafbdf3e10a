//! Browser tests of the patient entries and the route's ranges: mount the components in headless
//! Chromium, type into them as a user would, and read what is rendered. Run with
//! `cargo test --target wasm32-unknown-unknown -p ketamine-calculator`.
//!
//! The expected figures come from the engine itself (plus fixed anchors worked by hand), so these
//! tests check that the page shows exactly the engine's answer, and nothing when it has none.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::patient::Patient;
use ketamine_calculator::components::ranges::{bolus_range_text, Ranges};
use ketamine_calculator::{App, CalculatorProvider};
use ketamine_engine::display::quantity;
use ketamine_engine::Inputs;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The patient entries and the ranges, sharing one calculator.
fn patient_and_ranges() -> Page<impl Sized> {
    mount(|| {
        view! {
            <CalculatorProvider>
                <Patient />
                <Ranges />
            </CalculatorProvider>
        }
    })
}

fn engine_bolus(weight: &str) -> Option<String> {
    bolus_range_text(&engine(&format!("weight={}", weight.trim())))
}

fn engine_weight_error(weight: &str) -> String {
    let mut inputs = Inputs::default();
    inputs.set("weight", Some(weight.to_string()));
    ketamine_engine::calculate(&inputs)
        .error_for("weight")
        .map(|e| e.message.clone())
        .unwrap_or_else(|| panic!("the engine accepts weight {weight:?}"))
}

fn hint_shown<H>(page: &Page<H>) -> bool {
    page.attr(".result-hint", "hidden").is_none()
}

#[wasm_bindgen_test]
async fn empty_form_shows_no_range_and_no_error() {
    let page = patient_and_ranges();
    tick().await;

    assert_eq!(page.text("#bolus-range"), "");
    assert_eq!(page.text("#infusion-range"), "");
    assert_eq!(page.text("#weight-error"), "");
    assert!(!page.invalid("#weight"));
    assert!(!shows_mg_figure(&page.all_text()));
    assert!(hint_shown(&page));
}

#[wasm_bindgen_test]
async fn weight_70_kg_shows_bolus_up_to_24_5_mg() {
    let page = patient_and_ranges();
    page.type_into("#weight", "70").await;

    // Fixed anchors, worked by hand: 0.35 mg/kg x 70 kg from zero; 0.5-2 mg/kg/h x 70 kg
    // (ASRA 2018, Table 6).
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
    assert_eq!(page.text("#infusion-range"), "35 to 140 mg/h");
    assert_eq!(
        page.attr("#bolus-range", "data-bench").as_deref(),
        Some("first-result")
    );
    assert_eq!(page.text("#weight-error"), "");
    assert!(!page.invalid("#weight"));
    assert!(!hint_shown(&page));
}

#[wasm_bindgen_test]
async fn shown_range_is_exactly_the_engines() {
    let page = patient_and_ranges();
    for weight in ["20", "35.5", "70", " 82 ", "123.4", "349.99", "350"] {
        page.type_into("#weight", weight).await;
        let expected = engine_bolus(weight).expect("engine accepts this weight");
        assert_eq!(page.text("#bolus-range"), expected, "weight {weight:?}");
        assert_eq!(page.text("#weight-error"), "", "weight {weight:?}");
    }
}

#[wasm_bindgen_test]
async fn letters_show_the_weight_error_and_no_mg_figure() {
    let page = patient_and_ranges();
    page.enter("#weight", "abc").await;

    let error = page.text("#weight-error");
    assert_eq!(error, engine_weight_error("abc"));
    assert!(error.contains("Weight"), "names the field: {error}");
    assert!(
        error.contains(" to ") && error.ends_with("kg"),
        "names the range: {error}"
    );
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!shows_mg_figure(&page.all_text()), "{}", page.all_text());
    assert!(page.invalid("#weight"));
}

#[wasm_bindgen_test]
async fn error_waits_for_the_field_to_be_left_then_follows_each_keystroke() {
    let page = patient_and_ranges();
    // Mid-typing: "7" on the way to "70" is no range, but not yet an error either.
    page.type_into("#weight", "7").await;
    assert_eq!(page.text("#bolus-range"), "");
    assert_eq!(page.text("#weight-error"), "");
    assert!(!page.invalid("#weight"));

    page.fire("#weight", "change");
    tick().await;
    assert_eq!(page.text("#weight-error"), engine_weight_error("7"));
    assert!(page.invalid("#weight"));

    // Once left, the field is checked live: the correction clears the error without leaving it.
    page.type_into("#weight", "70").await;
    assert_eq!(page.text("#weight-error"), "");
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
    page.type_into("#weight", "7").await;
    assert_eq!(page.text("#weight-error"), engine_weight_error("7"));
    assert_eq!(page.text("#bolus-range"), "");
}

#[wasm_bindgen_test]
async fn out_of_range_and_malformed_weights_show_no_range() {
    let page = patient_and_ranges();
    for weight in [
        "19.99", "350.01", "0", "-70", "700", "7O", "1e3", "NaN", "inf", "..", "70,5",
    ] {
        page.enter("#weight", weight).await;
        assert_eq!(page.text("#bolus-range"), "", "weight {weight:?}");
        assert!(!shows_mg_figure(&page.all_text()), "weight {weight:?}");
        assert_eq!(
            page.text("#weight-error"),
            engine_weight_error(weight),
            "weight {weight:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_range_never_outlives_a_valid_entry() {
    let page = patient_and_ranges();
    page.type_into("#weight", "70").await;
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");

    // A slip of the finger: 70 becomes 700. The range goes at once, before the field is left.
    page.type_into("#weight", "700").await;
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!shows_mg_figure(&page.all_text()));
    page.fire("#weight", "change");
    tick().await;
    assert_eq!(page.text("#weight-error"), engine_weight_error("700"));

    page.type_into("#weight", "70").await;
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
    assert_eq!(page.text("#weight-error"), "");
}

#[wasm_bindgen_test]
async fn clearing_the_field_clears_error_and_result() {
    let page = patient_and_ranges();
    page.enter("#weight", "abc").await;
    assert!(!page.text("#weight-error").is_empty());

    page.type_into("#weight", "   ").await;
    assert_eq!(page.text("#weight-error"), "");
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!page.invalid("#weight"));
    assert!(hint_shown(&page));
}

#[wasm_bindgen_test]
async fn error_is_tied_to_the_field_for_assistive_technology() {
    let page = patient_and_ranges();
    assert_eq!(
        page.attr("label[for=weight]", "for").as_deref(),
        Some("weight")
    );
    assert_eq!(page.text("label[for=weight]"), "Weight (kg)");
    assert_eq!(
        page.attr("#weight-error", "aria-live").as_deref(),
        Some("polite")
    );
    // The range is no live region (an `<output>` is one by default): it changes with each
    // keystroke in the weight, and a screen reader would read out every one.
    assert_eq!(
        page.attr("#bolus-range", "aria-live").as_deref(),
        Some("off")
    );
    assert_eq!(page.attr("#weight", "aria-describedby"), None);

    page.enter("#weight", "abc").await;
    assert_eq!(
        page.attr("#weight", "aria-describedby").as_deref(),
        Some("weight-error")
    );
    assert!(page.invalid("#weight"));

    page.type_into("#weight", "70").await;
    assert_eq!(page.attr("#weight", "aria-describedby"), None);
}

#[wasm_bindgen_test]
async fn pounds_show_the_engines_conversion_to_kg() {
    let page = patient_and_ranges();
    page.choose("#weight_unit", "lb").await;
    assert_eq!(page.text("label[for=weight]"), "Weight (lb)");
    page.type_into("#weight", "154").await;

    let result = engine("weight=154&weight_unit=lb");
    let kg = result.dosing_weight.as_ref().unwrap().actual_kg.0;
    let expected = format!("{} = {}", quantity(154.0, "lb"), quantity(kg, "kg"));
    assert_eq!(page.text("#weight-conversion"), expected);
    // Worked by hand: 154 lb x 0.45359237 = 69.85 kg.
    assert_eq!(page.text("#weight-conversion"), "154 lb = 69.85 kg");
    assert_eq!(
        page.text("#bolus-range"),
        bolus_range_text(&result).unwrap()
    );

    page.choose("#weight_unit", "kg").await;
    assert_eq!(page.text("#weight-conversion"), "");
    assert_eq!(page.text("#bolus-range"), "up to 53.9 mg");
}

#[wasm_bindgen_test]
async fn ideal_body_weight_asks_for_height_and_sex_then_shows_the_formula() {
    let page = patient_and_ranges();
    page.type_into("#weight", "120").await;
    page.click("#dosing_weight-ideal").await;
    tick().await;

    // The height and sex fields are empty, but the choice made them necessary: say so there.
    let result = engine("weight=120&dosing_weight=ideal");
    assert_eq!(
        page.text("#height-error"),
        result.error_for("height").unwrap().message
    );
    assert_eq!(
        page.text("#sex-error"),
        result.error_for("sex").unwrap().message
    );
    assert!(page.invalid("#height"));
    assert_eq!(page.text("#bolus-range"), "");

    page.enter("#height", "177.8").await;
    page.choose("#sex", "male").await;
    let result = engine("weight=120&height=177.8&sex=male&dosing_weight=ideal");
    let dw = result.dosing_weight.as_ref().unwrap();
    assert!(
        page.text("#dosing-weight").contains(&dw.formula),
        "{}",
        page.text("#dosing-weight")
    );
    assert!(page
        .text("#dosing-weight")
        .contains(&quantity(dw.kg.0, "kg")));
    assert_eq!(
        page.text("#bolus-range"),
        bolus_range_text(&result).unwrap()
    );
    assert_eq!(page.text("#height-error"), "");
}

#[wasm_bindgen_test]
async fn app_has_landmark_heading_and_disclaimer() {
    set_fragment("");
    let page = mount(App);
    tick().await;

    assert_eq!(page.root.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(page.root.query_selector_all("h1").unwrap().length(), 1);
    assert_eq!(page.text("h1"), "Ketamine dosing calculator");
    let disclaimer = page.text(".disclaimer");
    assert!(
        disclaimer.contains(ketamine_engine::note::DISCLAIMER),
        "{disclaimer}"
    );
    assert!(
        disclaimer.contains("does not replace clinical judgment"),
        "{disclaimer}"
    );
    assert!(disclaimer.contains("ASRA/AAPM/ASA"), "{disclaimer}");
    assert!(disclaimer.contains("2018"), "{disclaimer}");

    page.type_into("#weight", "70").await;
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
}

fn history_length() -> f64 {
    let history = js_sys::Reflect::get(&window(), &"history".into()).unwrap();
    js_sys::Reflect::get(&history, &"length".into())
        .unwrap()
        .as_f64()
        .unwrap()
}

/// Sets the test page's fragment without a history entry, as a link would have opened it.
fn set_fragment(fragment: &str) {
    let url = if fragment.is_empty() {
        window().location().pathname().unwrap()
    } else {
        format!("#{fragment}")
    };
    let history = js_sys::Reflect::get(&window(), &"history".into()).unwrap();
    let replace: js_sys::Function = js_sys::Reflect::get(&history, &"replaceState".into())
        .unwrap()
        .unchecked_into();
    replace
        .call3(
            &history,
            &wasm_bindgen::JsValue::NULL,
            &"".into(),
            &url.into(),
        )
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_link_restores_every_entry_and_the_page_keeps_the_link_current() {
    set_fragment("weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1&risk=elderly");
    let page = mount(App);
    tick().await;
    tick().await;
    // The cards below the plan (the patient factors among them) mount a task after the first
    // render (app::AfterFirstResult).
    assert!(wait_until(2000.0, || page.exists("#risk-elderly")).await);

    assert_eq!(page.value("#weight"), "70");
    assert_eq!(page.value("#bolus"), "0.2");
    assert_eq!(page.value("#rate"), "0.5");
    assert_eq!(page.value("#duration_min"), "150");
    assert_eq!(page.value("#conc-choice"), "1");
    assert!(page.checked("#risk-elderly"));
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");

    // Typing writes back into the fragment (replaceState: no new history entry).
    let before = history_length();
    page.type_into("#weight", "80").await;
    tick().await;
    // Written a task after the keystroke, once the result is on screen (app::follow_in_url).
    let current = || window().location().hash().unwrap();
    assert!(wait_until(2000.0, || current().starts_with("#weight=80&")).await);
    let hash = current();
    assert!(hash.starts_with("#weight=80&"), "{hash}");
    assert!(hash.contains("risk=elderly"), "{hash}");
    assert_eq!(history_length(), before);

    // Clear empties every field and the fragment.
    page.click("#clear").await;
    tick().await;
    assert_eq!(page.value("#weight"), "");
    assert_eq!(page.value("#bolus"), "");
    assert!(!page.checked("#risk-elderly"));
    assert!(wait_until(2000.0, || current().is_empty()).await);
    assert_eq!(page.text("#bolus-range"), "");
    set_fragment("");
}

/// Regression: the address follows typing a task late (app::follow_in_url), so "Copy link" must
/// bring it up to date before reading it, or a link copied right after a keystroke would lack it.
#[wasm_bindgen_test]
async fn copy_link_right_after_a_keystroke_carries_that_keystroke() {
    set_fragment("weight=70");
    let page = mount(App);
    tick().await;
    // The share bar mounts a task after the first render (app::AfterFirstResult).
    assert!(wait_until(2000.0, || page.exists("#copy-link")).await);
    assert!(
        wait_until(2000.0, || window().location().hash().unwrap()
            == "#weight=70")
        .await
    );

    page.type_into("#weight", "83").await;
    // Still the old address: the write waits for the next task.
    assert_eq!(window().location().hash().unwrap(), "#weight=70");
    page.click("#copy-link").await;
    assert_eq!(window().location().hash().unwrap(), "#weight=83");
    set_fragment("");
}
