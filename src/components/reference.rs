//! Reference text behind the figures (monitoring requirements, what the sources advise for each
//! patient factor, the route's Table 1 context, rescue and follow-on lists) sits collapsed in
//! `<details>` under a clear summary, so that the page leads with the work. Each opens by a click,
//! or from the alert that refers to it ([`reference_for`], the alert's "Show" button). Print shows
//! what it showed before, open or not (the stylesheet).

use ketamine_engine::alerts::Alert;
use ketamine_engine::patient_factors::PatientFactor;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the `<details>` a `toggle` event came from is now open.
pub fn details_open(ev: &leptos::ev::Event) -> bool {
    event_target::<web_sys::HtmlDetailsElement>(ev).open()
}

/// The id of the advice for one group of patient factors (`Category::ALL`'s order).
pub fn advice_id(category_index: usize) -> String {
    format!("factor-advice-{category_index}")
}

/// The reference section an alert refers to, if any: its element id and what the button says.
pub fn reference_for(alert: &Alert) -> Option<(String, &'static str)> {
    use ketamine_engine::patient_factors::Category;
    // Elderly and comorbid patients: the guideline's advice is about monitoring.
    if matches!(
        alert.code.as_str(),
        "factor-elderly"
            | "factor-comorbidity"
            | "closer-blood-pressure-monitoring"
            | "age-elderly"
    ) {
        return Some((
            "monitoring-requirements".into(),
            "Show the monitoring requirements",
        ));
    }
    if let Some(key) = alert.code.strip_prefix("factor-") {
        let factor = PatientFactor::ALL.iter().find(|f| f.key() == key)?;
        let index = Category::ALL.iter().position(|c| *c == factor.category())?;
        return Some((advice_id(index), "Show the advice for this factor"));
    }
    match alert.code.as_str() {
        "route-no-chronic-dosing"
        | "bolus-above-range"
        | "bolus-below-range"
        | "rate-above-range"
        | "rate-below-range" => Some(("route-context".into(), "Show the route's Table 1 context")),
        _ => None,
    }
}

/// Scrolls an element to the middle of the screen: clear of the plan summary, which is held at the
/// top or the bottom.
pub fn to_middle(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Opens a reference section, brings it to the middle of the screen and puts focus on its
/// summary, so that the keyboard continues from there.
pub fn open_reference(id: &str) {
    let Some(details) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    else {
        return;
    };
    details.set_open(true);
    to_middle(&details);
    if let Some(summary) = details
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = summary.focus();
    }
}
