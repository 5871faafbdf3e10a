//! Browser tests: mount a component in headless Chromium, type into it as a user would, and read
//! what is rendered. Run with `cargo test --target wasm32-unknown-unknown -p ketamine-calculator`.
//!
//! The expected figures come from the engine itself (plus one fixed anchor), so these tests check
//! that the page shows exactly the engine's answer, and nothing when the engine has none.

#![cfg(target_arch = "wasm32")]

use ketamine_calculator::{App, BolusCalculator};
use ketamine_engine::{calculate, display, Inputs, Status};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A component mounted in its own container, so that tests never see each other's elements.
struct Page<H> {
    root: HtmlElement,
    _mounted: H,
}

impl<H> Drop for Page<H> {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn mount<F, N>(view: F) -> Page<impl Sized>
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let mounted = mount_to(root.clone(), view);
    Page {
        root,
        _mounted: mounted,
    }
}

impl<H> Page<H> {
    fn element(&self, selector: &str) -> HtmlElement {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
            .unchecked_into()
    }

    fn text(&self, selector: &str) -> String {
        self.element(selector).text_content().unwrap_or_default()
    }

    fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.element(selector).get_attribute(name)
    }

    /// The field's `aria-invalid`, which must always be set, to "true" or "false".
    fn invalid(&self, selector: &str) -> bool {
        match self.attr(selector, "aria-invalid").as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => panic!("aria-invalid of {selector} is {other:?}"),
        }
    }

    fn hint_shown(&self) -> bool {
        self.attr(".result-hint", "hidden").is_none()
    }

    fn all_text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    fn fire(&self, selector: &str, event_type: &str) {
        let init = EventInit::new();
        // Leptos listens once at the document for most events, so they have to bubble to it.
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict(event_type, &init).unwrap();
        self.element(selector).dispatch_event(&event).unwrap();
    }

    /// Replaces the field's text and fires `input` the way typing does, then lets the view update.
    async fn type_into(&self, selector: &str, text: &str) {
        let input: HtmlInputElement = self.element(selector).unchecked_into();
        input.set_value(text);
        self.fire(selector, "input");
        tick().await;
    }

    /// Types, then commits the entry (`change`, as on leaving the field or pressing Enter).
    async fn enter(&self, selector: &str, text: &str) {
        self.type_into(selector, text).await;
        self.fire(selector, "change");
        tick().await;
    }
}

/// What the engine says the bolus text should be for this weight, or `None` for invalid input.
fn engine_bolus(weight: &str) -> Option<String> {
    let mut inputs = Inputs::default();
    inputs.set("weight", Some(weight.to_string()));
    let result = calculate(&inputs);
    match (result.status, result.bolus_range_mg) {
        (Status::Ok, Some(r)) => Some(display::range(r.min, r.max, "mg")),
        _ => None,
    }
}

fn engine_weight_error(weight: &str) -> String {
    let mut inputs = Inputs::default();
    inputs.set("weight", Some(weight.to_string()));
    let result = calculate(&inputs);
    result
        .errors
        .iter()
        .find(|e| e.field == "weight")
        .map(|e| e.message.clone())
        .unwrap_or_else(|| panic!("the engine accepts weight {weight:?}"))
}

/// True when any "<number> mg" figure is on screen.
fn shows_mg_figure(text: &str) -> bool {
    text.match_indices(" mg").any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

#[wasm_bindgen_test]
async fn empty_form_shows_no_range_and_no_error() {
    let page = mount(BolusCalculator);
    tick().await;

    assert_eq!(page.text("#bolus-range"), "");
    assert_eq!(page.text("#weight-error"), "");
    assert!(!page.invalid("#weight"));
    assert!(!shows_mg_figure(&page.all_text()));
    assert!(page.hint_shown());
}

#[wasm_bindgen_test]
async fn weight_70_kg_shows_bolus_up_to_24_5_mg() {
    let page = mount(BolusCalculator);
    page.type_into("#weight", "70").await;

    // Fixed anchor, worked by hand: 0.35 mg/kg x 70 kg, from zero (ASRA 2018, Table 6).
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
    assert_eq!(page.text("#weight-error"), "");
    assert!(!page.invalid("#weight"));
    assert!(!page.hint_shown());
}

#[wasm_bindgen_test]
async fn shown_range_is_exactly_the_engines() {
    let page = mount(BolusCalculator);
    for weight in ["20", "35.5", "70", " 82 ", "123.4", "349.99", "350"] {
        page.type_into("#weight", weight).await;
        let expected = engine_bolus(weight).expect("engine accepts this weight");
        assert_eq!(page.text("#bolus-range"), expected, "weight {weight:?}");
        assert_eq!(page.text("#weight-error"), "", "weight {weight:?}");
    }
}

#[wasm_bindgen_test]
async fn letters_show_the_weight_error_and_no_mg_figure() {
    let page = mount(BolusCalculator);
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
    let page = mount(BolusCalculator);
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
    let page = mount(BolusCalculator);
    for weight in [
        "19.99", "350.01", "0", "-70", "700", "7O", "1e3", "NaN", "inf", "..",
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
    let page = mount(BolusCalculator);
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
    let page = mount(BolusCalculator);
    page.enter("#weight", "abc").await;
    assert!(!page.text("#weight-error").is_empty());

    page.type_into("#weight", "   ").await;
    assert_eq!(page.text("#weight-error"), "");
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!page.invalid("#weight"));
    assert!(page.hint_shown());
}

#[wasm_bindgen_test]
async fn error_is_tied_to_the_field_for_assistive_technology() {
    let page = mount(BolusCalculator);
    assert_eq!(page.attr("label", "for").as_deref(), Some("weight"));
    assert_eq!(page.text("label"), "Weight (kg)");
    assert_eq!(
        page.attr("#weight-error", "aria-live").as_deref(),
        Some("polite")
    );
    assert_eq!(
        page.attr("#bolus-range", "aria-live").as_deref(),
        Some("polite")
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
async fn app_has_landmark_heading_and_disclaimer() {
    let page = mount(App);
    tick().await;

    assert_eq!(page.root.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(page.root.query_selector_all("h1").unwrap().length(), 1);
    assert_eq!(page.text("h1"), "Ketamine dosing calculator");
    let disclaimer = page.text(".disclaimer");
    assert!(
        disclaimer.contains("does not replace, clinical judgment"),
        "{disclaimer}"
    );
    assert!(disclaimer.contains("ASRA/AAPM/ASA"), "{disclaimer}");
    assert!(disclaimer.contains("2018"), "{disclaimer}");

    page.type_into("#weight", "70").await;
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
}
