//! On the page: the status of the connection to the health record (`#ehr-status`), the button
//! that loads from it (`#ehr-launch`), and beside each field the line saying where its value came
//! from (`#weight-source`, `#height-source`, `#age-source`, `#sex-source`). Each renders nothing
//! without a connection (no `ehr` section in the built-in profile).
//!
//! ```no_run
//! use ketamine_calculator::smart::view::{EhrPanel, RecordSource};
//! use ketamine_calculator::state::CalculatorProvider;
//! use leptos::prelude::*;
//! let _ = view! {
//!     <CalculatorProvider>
//!         <EhrPanel />
//!         <RecordSource key="weight" />
//!     </CalculatorProvider>
//! };
//! ```

use super::{start_standalone, use_smart, Record};
use crate::state::use_calculator;
use ketamine_engine::record::FromRecord;
use leptos::prelude::*;

/// The status line and the button, when the deployment reads from a health record.
#[component]
pub fn EhrPanel() -> impl IntoView {
    // Not even the view's code in a release without an `ehr` section (build.rs).
    #[cfg(smart)]
    return ehr_panel();
    #[cfg(not(smart))]
    return ();
}

#[cfg_attr(not(smart), allow(dead_code))]
fn ehr_panel() -> Option<impl IntoView> {
    let smart = use_smart()?;
    let key = move || smart.state.with(|s| s.key());
    let message = move || smart.state.with(|s| s.message());
    let busy = move || smart.state.with(|s| s.busy());
    Some(view! {
        <div class="ehr-panel no-print">
            <p id="ehr-status" class="ehr-status" role="status" data-ehr-state=key>
                {message}
            </p>
            <button
                id="ehr-launch"
                type="button"
                class="button ehr-launch"
                disabled=busy
                on:click=move |_| start_standalone(smart)
            >
                "Load from the health record"
            </button>
        </div>
    })
}

/// Whether the form still holds the value the record filled into `key` (in the field's first
/// unit: a weight switched to lb is a change).
fn unchanged(key: &str, filled: &str, value: &str, unit: &str) -> bool {
    let first_unit = match key {
        "weight" => unit.is_empty() || unit == "kg",
        "height" => unit.is_empty() || unit == "cm",
        _ => true,
    };
    first_unit && value.trim() == filled
}

/// The line beside a field and whether it is the record's, changed, or old; `None` before the
/// record is loaded.
pub fn source_line(
    record: &Record,
    key: &str,
    value: &str,
    unit: &str,
) -> Option<(String, bool, bool)> {
    let field = record.field(key)?;
    Some(match field {
        FromRecord::Filled { value: filled, .. } if !unchanged(key, filled, value, unit) => {
            (field.changed_by_hand().unwrap_or_default(), false, true)
        }
        _ => (field.line().to_string(), field.old(), false),
    })
}

/// Where the value of field `key` came from: `id="{key}-source"`, `data-old`, `data-changed`.
#[component]
pub fn RecordSource(
    /// `weight`, `height`, `age` or `sex`.
    key: &'static str,
) -> impl IntoView {
    #[cfg(smart)]
    return record_source(key);
    #[cfg(not(smart))]
    return {
        let _ = key;
    };
}

#[cfg_attr(not(smart), allow(dead_code))]
fn record_source(key: &'static str) -> Option<impl IntoView> {
    let smart = use_smart()?;
    let calculator = use_calculator();
    let unit_key = match key {
        "weight" => "weight_unit",
        "height" => "height_unit",
        _ => "",
    };
    let line = Memo::new(move |_| {
        let value = calculator
            .inputs
            .with(|i| i.get(key).unwrap_or_default().to_string());
        let unit = calculator
            .inputs
            .with(|i| i.get(unit_key).unwrap_or_default().to_string());
        smart
            .record
            .with(|r| r.as_ref().and_then(|r| source_line(r, key, &value, &unit)))
    });
    Some(move || {
        line.get().map(|(text, old, changed)| {
            view! {
                <p
                    id=format!("{key}-source")
                    class="record-source"
                    class:record-old=old
                    data-old=if old { "true" } else { "false" }
                    data-changed=if changed { "true" } else { "false" }
                >
                    {text}
                </p>
            }
        })
    })
}
