//! The browser app of the ketamine calculator: Leptos components, rendered client-side.
//!
//! The components collect text and show what [`ketamine_engine::calculate`] returns. Nothing here
//! computes, rounds or range-checks a clinical figure, so the engine's tests cover every number
//! the page can show.

use ketamine_engine::{calculate, display, CalculationResult, Inputs, Status};
use leptos::prelude::*;

/// The whole page: heading, disclaimer and calculator, inside the page's one main landmark.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="page">
            <header class="page-header">
                <h1>"Ketamine dosing calculator"</h1>
                <p class="subtitle">"Intravenous ketamine infusions for chronic pain"</p>
            </header>
            <Disclaimer />
            <BolusCalculator />
        </main>
    }
}

/// States what the calculator is for, and where its ranges come from.
#[component]
pub fn Disclaimer() -> impl IntoView {
    view! {
        <p class="disclaimer">
            <strong>"Decision support only. "</strong>
            "This calculator supports, and does not replace, clinical judgment. Its ranges follow "
            "the ASRA/AAPM/ASA consensus guidelines on intravenous ketamine infusions for chronic "
            "pain (2018)."
        </p>
    }
}

/// The weight field and the guideline IV bolus range for that weight.
///
/// Recalculates on every keystroke. A range shows only while the engine answers `ok`, so a figure
/// from an earlier entry can never stay on screen beside an invalid one.
#[component]
pub fn BolusCalculator() -> impl IntoView {
    let weight = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        let mut inputs = Inputs::default();
        inputs.set("weight", Some(weight.get()));
        calculate(&inputs)
    });
    let weight_error =
        Signal::derive(move || weight.with(|text| result.with(|r| field_error(r, "weight", text))));
    let bolus = move || result.with(bolus_range_text);

    view! {
        <section class="card" aria-labelledby="patient-heading">
            <h2 id="patient-heading">"Patient"</h2>
            <NumberField field="weight" label="Weight (kg)" value=weight error=weight_error />
        </section>
        <section class="card result" aria-labelledby="bolus-heading">
            <h2 id="bolus-heading">"IV bolus: guideline range"</h2>
            <output id="bolus-range" class="result-value" for="weight" aria-live="polite">
                {bolus}
            </output>
            <p class="result-hint" hidden=move || bolus().is_some()>
                "Enter a valid weight to see the range."
            </p>
        </section>
    }
}

/// A labelled text field for one engine input, with the engine's message for it just below.
///
/// The message waits until the clinician first leaves the field (or presses Enter), then follows
/// every keystroke: typing "70" would otherwise flash, and announce, an error at "7". No range is
/// shown meanwhile, because the engine has none.
///
/// A text field, not `type="number"`: a number field reports "7o" as empty, which would hide the
/// typo from the engine's validation. `inputmode="decimal"` still opens a numeric keypad.
#[component]
pub fn NumberField(
    /// The engine's input key; also the element's id, which the label and tests rely on.
    field: &'static str,
    /// Visible label, including the unit.
    label: &'static str,
    /// The raw text, exactly as typed.
    value: RwSignal<String>,
    /// The message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{field}-error");
    let left_once = RwSignal::new(false);
    let shown_error = move || error.get().filter(|_| left_once.get());
    let has_error = move || shown_error().is_some();
    let described_by = {
        let error_id = error_id.clone();
        move || has_error().then(|| error_id.clone())
    };

    view! {
        <div class="field">
            <label for=field>{label}</label>
            <input
                id=field
                name=field
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || if has_error() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
                on:change=move |_| left_once.set(true)
                on:blur=move |_| left_once.set(true)
            />
            // Always in the DOM, even when empty: screen readers only announce changes to a live
            // region that already exists.
            <p id=error_id class="field-message" aria-live="polite">
                {move || shown_error().map(|message| view! { <span class="field-error">{message}</span> })}
            </p>
        </div>
    }
}

/// The engine's messages for one field, once something has been typed in it: an empty form is
/// incomplete, not wrong, so it gets no error.
fn field_error(result: &CalculationResult, field: &str, text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    let messages: Vec<&str> = result
        .errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

/// The bolus range as the engine formats it, or nothing unless the whole result is valid.
fn bolus_range_text(result: &CalculationResult) -> Option<String> {
    match (result.status, result.bolus_range_mg) {
        (Status::Ok, Some(r)) => Some(display::range(r.min, r.max, "mg")),
        _ => None,
    }
}
