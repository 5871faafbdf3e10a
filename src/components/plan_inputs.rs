//! The plan as the clinician enters it: bolus, infusion rate in a chosen unit, duration, days,
//! concentration (standard list or custom), and the titration step and interval for Correll's
//! inpatient protocol. The unit of each entry is in its label, so screen readers read it too.

use crate::components::fields::{TextField, UnitSelect};
use crate::state::use_calculator;
use ketamine_engine::as_written::bolus_ml_unit_for;
use ketamine_engine::concentration::Standard;
use ketamine_engine::display::number;
use ketamine_engine::protocols::Protocol;
use leptos::prelude::*;

const RATE_UNITS: &[(&str, &str)] = &[
    ("mg/kg/h", "mg/kg/h"),
    ("mg/h", "mg/h"),
    ("mcg/kg/min", "mcg/kg/min"),
    // The pump rate, as an order or a pump shows it; needs the concentration.
    ("mL/h", "mL/h"),
];

/// A bolus as planned (mg/kg) or as an order or a syringe says it (mg, mL at the concentration).
const BOLUS_UNITS: &[(&str, &str)] = &[("mg/kg", "mg/kg"), ("mg", "mg"), ("mL", "mL")];

/// Bolus, rate, duration, days, concentration and titration fields.
#[component]
pub fn PlanInputs() -> impl IntoView {
    let calculator = use_calculator();
    let rate_label = Signal::derive(move || {
        let unit = calculator.value("rate_unit");
        let unit = if unit.is_empty() {
            "mg/kg/h".to_string()
        } else {
            unit
        };
        format!("Infusion rate ({unit})")
    });
    let bolus_label = Signal::derive(move || {
        let unit = calculator.value("bolus_unit");
        let unit = match unit.as_str() {
            "" => "mg/kg".to_string(),
            // A volume is read at the infusion's one concentration: say which.
            "mL" => calculator.inputs.with(bolus_ml_unit_for),
            _ => unit,
        };
        format!("Bolus ({unit}), optional")
    });
    // The titration fields belong to Correll's protocol; they also stay while they hold a value,
    // so that nothing entered is ever hidden.
    let titration = move || {
        calculator.inputs.with(|i| {
            i.get("protocol") == Some(Protocol::CorrellInpatient.key())
                || i.get("step_mg_per_h").is_some()
                || i.get("step_interval_min").is_some()
        })
    };
    view! {
        <section class="card inputs" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Plan"</h2>
            <div class="field-grid">
                <TextField key="bolus" label=bolus_label>
                    <UnitSelect key="bolus_unit" label="Bolus unit" units=BOLUS_UNITS />
                </TextField>
                <TextField key="rate" label=rate_label>
                    <UnitSelect key="rate_unit" label="Infusion rate unit" units=RATE_UNITS />
                </TextField>
                <TextField key="duration_min" label="Infusion duration (min per day)" />
                <TextField key="days" label="Infusion days in the course" inputmode="numeric" />
                <Concentration />
            </div>
            <Show when=titration>
                <fieldset class="titration-fields">
                    <legend>"Titration (Correll inpatient)"</legend>
                    <p class="field-hint">
                        "The source gives no step size or interval: enter both to see the schedule."
                    </p>
                    <div class="field-grid">
                        <TextField key="step_mg_per_h" label="Titration step (mg/h)" />
                        <TextField key="step_interval_min" label="Step interval (min)" />
                    </div>
                </fieldset>
            </Show>
        </section>
    }
}

/// The concentration: one of the standard list, or a custom figure typed in.
#[component]
fn Concentration() -> impl IntoView {
    let calculator = use_calculator();
    let custom_chosen = RwSignal::new(false);
    // "Clear" (or a link without a concentration) leaves custom mode too.
    Effect::new(move |_| {
        if calculator
            .inputs
            .with(|i| i.get("conc").is_none() && i.get("weight").is_none())
        {
            custom_chosen.set(false);
        }
    });
    // The standard list in force (the institution profile's, or the guideline's), each value as
    // the engine writes it ("1", "2", "10", ...) to match against the text, with its label.
    let standard = Memo::new(move |_| {
        calculator.thresholds.with(|t| {
            t.standard_concentrations
                .value
                .iter()
                .map(|c| {
                    let label = Standard::from_value(*c)
                        .map(|s| s.label.to_string())
                        .unwrap_or_else(|| format!("{} mg/mL", number(c.0)));
                    (number(c.0), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let choice = Memo::new(move |_| {
        let text = calculator.value("conc");
        let listed = standard.with(|list| list.iter().any(|(key, _)| *key == text));
        if custom_chosen.get() || (!text.is_empty() && !listed) {
            "custom".to_string()
        } else {
            text
        }
    });
    let options = move || {
        let mut options = vec![(String::new(), "Not entered".to_string())];
        options.extend(standard.get());
        options.push(("custom".to_string(), "Custom concentration".to_string()));
        options
    };
    let custom_hint = move || {
        let (min, max) = calculator.thresholds.with(|t| t.custom_concentration.value);
        format!(
            "From {} to {} mg/mL; a custom concentration must be confirmed.",
            number(min.0),
            number(max.0),
        )
    };
    let conc_error = move || {
        choice.with(|c| c != "custom")
            && calculator
                .result
                .with(|r| r.errors.iter().any(|e| e.field == "conc"))
    };
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if chosen == "custom" {
            custom_chosen.set(true);
            calculator.set("conc", None);
        } else {
            custom_chosen.set(false);
            calculator.set("conc", Some(chosen));
        }
    };
    view! {
        <div class="field">
            <label for="conc-choice">"Concentration (mg/mL)"</label>
            <select
                id="conc-choice"
                name="conc-choice"
                aria-invalid=move || if conc_error() { "true" } else { "false" }
                aria-describedby=move || conc_error().then_some("conc-error")
                on:change=on_change
            >
                {move || {
                    options()
                        .into_iter()
                        .map(|(value, text)| {
                            let v = value.clone();
                            view! {
                                <option value=value prop:selected=move || choice.with(|c| *c == v)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {move || {
                (choice.get() != "custom")
                    .then(|| view! { <ConcentrationMessage /> })
            }}
        </div>
        <Show when=move || choice.get() == "custom">
            <TextField
                key="conc"
                label="Custom concentration (mg/mL)"
                hint=custom_hint()
            />
        </Show>
    }
}

/// The engine's message about the concentration while it is chosen from the list (the custom
/// field shows its own).
#[component]
fn ConcentrationMessage() -> impl IntoView {
    let calculator = use_calculator();
    let message = Memo::new(move |_| {
        calculator
            .result
            .with(|r| crate::components::fields::field_errors(r, "conc"))
    });
    view! {
        <p id="conc-error" class="field-message" aria-live="polite">
            {move || message.get().map(|m| view! { <span class="field-error">{m}</span> })}
        </p>
    }
}
