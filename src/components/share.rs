//! Share, print and record: the link (the whole state is in the URL fragment), the print view,
//! "Copy as note" (the engine's plain-text note, with a visible fallback when the clipboard is not
//! available) and "Clear".

use crate::browser::local_timestamp;
use crate::components::plan_result::released;
use crate::components::profile_status::profile_line;
use crate::state::use_calculator;
use ketamine_engine::acknowledgements::pending;
use ketamine_engine::note::{clinical_note, DISCLAIMER};
use ketamine_engine::validation::field_label;
use ketamine_engine::{Inputs, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Writes text to the clipboard; false when the browser has no clipboard here (an insecure
/// context, an old browser) or refuses (no permission).
pub async fn write_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let Some(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
    else {
        return false;
    };
    let Some(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Some(promise) = write
        .call1(&clipboard, &text.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The entered values in the engine's words (`validation::field_label`), for the print view (the
/// form itself is not printed). Units follow the unit chosen for weight, height and rate.
pub fn input_summary(inputs: &Inputs) -> Vec<(&'static str, String)> {
    Inputs::KEYS
        .iter()
        .filter_map(|key| {
            let (label, default_unit) = field_label(key)?;
            let value = inputs.get(key)?;
            let unit = match *key {
                "weight" => inputs.get("weight_unit").unwrap_or(default_unit),
                "height" => inputs.get("height_unit").unwrap_or(default_unit),
                "rate" => inputs.get("rate_unit").unwrap_or("mg/kg/h"),
                "bolus" => inputs.get("bolus_unit").unwrap_or("mg/kg"),
                _ => default_unit,
            };
            let value = if *key == "risk" {
                value.replace(',', ", ")
            } else {
                value.to_string()
            };
            Some(match unit {
                "" => (label, value),
                unit => (label, format!("{value} {unit}")),
            })
        })
        .collect()
}

/// Copy as note, copy link, print and clear.
#[component]
pub fn ShareBar() -> impl IntoView {
    let calculator = use_calculator();
    let released = released();
    let status = RwSignal::new(String::new());
    let fallback = RwSignal::new(None::<String>);
    let copy_note = move |_| {
        let acks = calculator.acknowledgements.get_untracked();
        let (text, waiting) = calculator.result.with_untracked(|r| {
            let waiting = if r.status == Status::Ok && !released.get_untracked() {
                pending(r, &acks).len()
            } else {
                0
            };
            (clinical_note(r, &acks, &local_timestamp()), waiting)
        });
        // Where the patient's figures came from, and how old they are (review S1).
        let text = match crate::smart::view::record_summary(calculator) {
            Some(summary) => format!("{text}\n{summary}"),
            None => text,
        };
        if waiting > 0 {
            fallback.set(None);
            status.set(format!(
                "Not copied: acknowledge {waiting} warning{} first; the note carries the plan's figures.",
                if waiting == 1 { "" } else { "s" }
            ));
            return;
        }
        status.set(String::new());
        leptos::task::spawn_local(async move {
            if write_clipboard(&text).await {
                fallback.set(None);
                status.set("Note copied to the clipboard.".to_string());
            } else {
                fallback.set(Some(text));
                status.set(
                    "The clipboard is not available here: select the note below and copy it."
                        .to_string(),
                );
            }
        });
    };
    // The record's values never leave the page (review M2): no link while the form holds them.
    let smart = crate::smart::use_smart();
    let from_record = move || smart.is_some_and(|s| s.holds_record());
    let copy_link = move |_| {
        if from_record() {
            return;
        }
        // The address follows typing one task behind: bring it up to date before reading it.
        crate::address::mirror_now(calculator, smart);
        let href = window().location().href().unwrap_or_default();
        leptos::task::spawn_local(async move {
            if write_clipboard(&href).await {
                fallback.set(None);
                status.set("Link copied: it opens the calculator with these entries (acknowledgements are not included).".to_string());
            } else {
                fallback.set(Some(href));
                status.set(
                    "The clipboard is not available here: select the link below and copy it."
                        .to_string(),
                );
            }
        });
    };
    let print = move |_| {
        let _ = window().print();
    };
    let clear = move |_| {
        calculator.clear();
        // The next patient's form: the record's values, lines and banner go too (review S8).
        if let Some(smart) = smart {
            smart.forget();
        }
        fallback.set(None);
        status.set("Every field is cleared.".to_string());
        if let Some(weight) = document()
            .get_element_by_id("weight")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = weight.focus();
        }
    };
    view! {
        <section class="card share no-print" aria-labelledby="share-heading">
            <h2 id="share-heading" class="visually-hidden">"Share, print and record"</h2>
            <div class="buttons">
                <button type="button" id="copy-note" class="button" on:click=copy_note>"Copy as note"</button>
                <button
                    type="button"
                    id="copy-link"
                    class="button"
                    disabled=from_record
                    aria-describedby=move || from_record().then_some("copy-link-why")
                    on:click=copy_link
                >
                    "Copy link"
                </button>
                <button type="button" id="print" class="button" on:click=print>"Print"</button>
                <button type="button" id="clear" class="button button-quiet" on:click=clear>"Clear"</button>
            </div>
            {move || from_record().then(|| view! {
                <p id="copy-link-why" class="field-hint">
                    "Copy link is unavailable: the form holds the patient's details from the health record, and they do not leave this page. Print or copy the note instead."
                </p>
            })}
            <p id="share-status" class="share-status" role="status">{move || status.get()}</p>
            {move || {
                fallback
                    .get()
                    .map(|text| {
                        view! {
                            <label for="note-fallback">"Text to copy"</label>
                            <textarea id="note-fallback" class="note-fallback" readonly rows="10" prop:value=text></textarea>
                        }
                    })
            }}
        </section>
    }
}

/// The print view's header: what, when, which versions, and the entries (the form is not printed).
#[component]
pub fn PrintSummary() -> impl IntoView {
    let calculator = use_calculator();
    let printed_at = RwSignal::new(local_timestamp());
    // Ctrl+P as well as the Print button: the time is the time of printing.
    let handle =
        window_event_listener_untyped("beforeprint", move |_| printed_at.set(local_timestamp()));
    on_cleanup(move || handle.remove());
    let versions = calculator.result.with_untracked(|r| r.versions);
    let rows = move || calculator.inputs.with(input_summary);
    view! {
        <section class="print-only print-summary" aria-labelledby="print-heading">
            <h2 id="print-heading">"Ketamine infusion plan"</h2>
            <p>
                "Printed " {move || printed_at.get()} ". Engine " {versions.engine} ", rules "
                {versions.rules} ". "
                <span id="print-profile">
                    {move || {
                        let date = printed_at.get();
                        let today = date.get(..10).unwrap_or_default();
                        calculator.profile.with(|p| profile_line(p, today))
                    }}
                </span>
                " "
                <span id="print-care-area">
                    {move || {
                        calculator.result.with(|r| {
                            r.care_area_check.as_ref().map(|c| format!("Care area: {}.", c.summary()))
                        })
                    }}
                </span>
            </p>
            {move || crate::smart::view::record_summary(calculator).map(|summary| view! {
                <p id="print-record">{summary}</p>
            })}
            <p class="print-disclaimer">{DISCLAIMER}</p>
            <dl class="print-inputs">
                {move || {
                    rows()
                        .into_iter()
                        .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                        .collect_view()
                }}
            </dl>
        </section>
    }
}
