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
    let calculator = use_calculator();
    // SMART and the embedded widget are separate entry points (review S7): the return from the
    // sign-in drops the fragment's `embed=1` and `parent_origin`, and the widget would silently
    // become the full page, cut off from its host.
    let embedded = calculator
        .inputs
        .with_untracked(|i| i.get("embed") == Some("1"));
    let key = move || smart.state.with(|s| s.key());
    let message = move || smart.state.with(|s| s.message());
    let busy = move || smart.state.with(|s| s.busy());
    // Whose values these are, after every load: the clinician checks it against the patient.
    let banner = move || {
        if blind_second_entry(calculator) {
            return None;
        }
        smart.record.with(|r| {
            r.as_ref().map(|r| {
                let line = r
                    .patient
                    .as_ref()
                    .map(|b| b.line())
                    .unwrap_or_else(|| "the record's patient details could not be read".into());
                view! {
                    <p id="ehr-patient" class="ehr-patient">
                        <strong>"Patient in the record: "</strong>
                        <span id="ehr-patient-details">{line}</span>
                        ". Check this is the patient you are treating."
                    </p>
                }
            })
        })
    };
    Some(view! {
        <div class="ehr-panel no-print">
            <p id="ehr-status" class="ehr-status" role="status" data-ehr-state=key>
                {message}
            </p>
            {banner}
            {(!embedded).then(|| view! {
                <button
                    id="ehr-launch"
                    type="button"
                    class="button ehr-launch"
                    disabled=busy
                    on:click=move |_| start_standalone(smart, calculator)
                >
                    "Load from the health record"
                </button>
            })}
        </div>
    })
}

/// What the record gave, as the lines beside the fields say it (with each measurement's date and
/// age, the pound figure, "changed by hand"), for the printout and the note (review S1); `None`
/// without a loaded record. Tracked.
pub fn record_summary(calculator: crate::state::Calculator) -> Option<String> {
    let smart = use_smart()?;
    if blind_second_entry(calculator) {
        return None;
    }
    let inputs = calculator.inputs.get();
    smart.record.with(|r| {
        let r = r.as_ref()?;
        let lines: Vec<String> = [
            ("weight", "weight_unit", "Weight"),
            ("height", "height_unit", "Height"),
            ("age", "", "Age"),
            ("sex", "", "Sex"),
        ]
        .iter()
        .filter_map(|(key, unit_key, label)| {
            let value = inputs.get(key).unwrap_or_default();
            let unit = inputs.get(unit_key).unwrap_or_default();
            let (line, old, _) = source_line(r, key, value, unit)?;
            Some(format!(
                "{label}: {line}{}",
                if old { " [OLD]" } else { "" }
            ))
        })
        .collect();
        let who = r
            .patient
            .as_ref()
            .map(|b| format!("Patient in the record: {}. ", b.line()))
            .unwrap_or_default();
        Some(format!(
            "From the health record (check against the patient): {who}{}",
            lines.join("; ")
        ))
    })
}

/// Whether the line `#{key}-source` is on the page (tracked): for the field's
/// `aria-describedby`.
pub fn source_shown(key: &str) -> bool {
    let Some(smart) = use_smart() else {
        return false;
    };
    let Some(calculator) = use_context::<crate::state::Calculator>() else {
        return false;
    };
    !blind_second_entry(calculator)
        && smart
            .record
            .with(|r| r.as_ref().is_some_and(|r| r.field(key).is_some()))
}

/// Whether a second clinician is making the blind entry of a double check on this screen.
fn blind_second_entry(calculator: crate::state::Calculator) -> bool {
    calculator.first_entry.with(Option::is_some) && calculator.compared.with(Option::is_none)
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
        // The blind second entry of a double check on this screen shows nothing of the first
        // (review S10): "the record gave 82.4 kg" would tell the second clinician the figure.
        if blind_second_entry(calculator) {
            return None;
        }
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
