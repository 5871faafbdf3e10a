//! The patient: weight (kg or lb, with the engine's conversion beside it), height (cm or in),
//! sex, age, and which weight the doses are based on, with the engine's formula for it.

use crate::components::fields::{RadioGroup, SelectField, TextField, UnitSelect};
use crate::components::sources::SourceNote;
use crate::smart::view::{EhrPanel, RecordSource};
use crate::state::use_calculator;
use ketamine_engine::display::quantity;
use leptos::prelude::*;

const WEIGHT_UNITS: &[(&str, &str)] = &[("kg", "kg"), ("lb", "lb")];
const HEIGHT_UNITS: &[(&str, &str)] = &[("cm", "cm"), ("in", "in")];
const DOSING_WEIGHTS: &[(&str, &str)] = &[
    ("actual", "Actual body weight"),
    ("ideal", "Ideal body weight (Devine)"),
    ("adjusted", "Adjusted body weight"),
];

/// Weight, height, sex, age and dosing weight.
#[component]
pub fn Patient() -> impl IntoView {
    let calculator = use_calculator();
    let unit_of = move |key: &'static str, default: &'static str| {
        let v = calculator.value(key);
        if v.is_empty() {
            default.to_string()
        } else {
            v
        }
    };
    let weight_label = Signal::derive(move || format!("Weight ({})", unit_of("weight_unit", "kg")));
    let height_label =
        Signal::derive(move || format!("Height ({}), optional", unit_of("height_unit", "cm")));
    // The conversion is the engine's: the pounds as it read them and the kilograms it uses.
    let conversion = move || {
        calculator.result.with(|r| {
            let lb = r.weight_entered_lb?;
            let kg = r.dosing_weight.as_ref()?.actual_kg.0;
            Some(format!("{} = {}", quantity(lb, "lb"), quantity(kg, "kg")))
        })
    };
    view! {
        <section class="card inputs" aria-labelledby="patient-heading">
            <h2 id="patient-heading">"Patient"</h2>
            <EhrPanel />
            <div class="field-grid">
                <TextField key="weight" label=weight_label quiet_when_empty=true>
                    <UnitSelect key="weight_unit" label="Weight unit" units=WEIGHT_UNITS />
                </TextField>
                <p id="weight-conversion" class="conversion" aria-live="polite">
                    {conversion}
                </p>
                <RecordSource key="weight" />
                <TextField key="height" label=height_label>
                    <UnitSelect key="height_unit" label="Height unit" units=HEIGHT_UNITS />
                </TextField>
                <RecordSource key="height" />
                <SelectField
                    key="sex"
                    label="Sex (for ideal body weight)"
                    options=vec![
                        (String::new(), "Not entered".to_string()),
                        ("female".to_string(), "Female".to_string()),
                        ("male".to_string(), "Male".to_string()),
                    ]
                />
                <RecordSource key="sex" />
                <TextField key="age" label="Age (years), optional" inputmode="numeric" />
                <RecordSource key="age" />
            </div>
            <RadioGroup key="dosing_weight" legend="Dosing weight" choices=DOSING_WEIGHTS />
            <DosingWeightDetail />
        </section>
    }
}

/// The weight the doses use, how the engine arrived at it, and its source.
#[component]
fn DosingWeightDetail() -> impl IntoView {
    let calculator = use_calculator();
    let dosing_weight = Memo::new(move |_| calculator.result.with(|r| r.dosing_weight.clone()));
    move || {
        dosing_weight.with(|dw| {
            let dw = dw.as_ref()?;
            Some(view! {
                <div id="dosing-weight" class="dosing-weight">
                    <p>
                        <strong>"Doses are based on: "</strong>
                        <span class="figure">{quantity(dw.kg.0, "kg")}</span>
                        " ("
                        {dw.basis.key()}
                        " body weight) "
                        <SourceNote source=dw.source />
                    </p>
                    <p class="formula">{dw.formula.clone()}</p>
                    {dw.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                </div>
            })
        })
    }
}
