//! Patient factors as a checklist grouped like the guideline's Table 5 (the engine's
//! `Category::ALL`), written to the `risk` key as a comma-separated list of identifiers. Each
//! factor has what the sources advise and where, collapsed under each group (reference text: a
//! ticked factor's advice is also in its alert).

use crate::components::fields::field_errors;
use crate::components::reference::{advice_id, details_open};
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::alerts::Level;
use ketamine_engine::patient_factors::{Category, PatientFactor};
use leptos::prelude::*;

/// The identifiers in a `risk` text, in order, without blanks.
pub fn risk_keys(risk: &str) -> Vec<String> {
    risk.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `risk` text with one identifier added or removed; identifiers the page does not know
/// (from a link) are kept, so that the engine can still name them.
pub fn toggle_risk(risk: &str, key: &str, on: bool) -> String {
    let mut keys = risk_keys(risk);
    keys.retain(|k| k != key);
    if on {
        keys.push(key.to_string());
    }
    keys.join(",")
}

/// The checklist, one group per category.
#[component]
pub fn PatientFactors() -> impl IntoView {
    let calculator = use_calculator();
    let message = Memo::new(move |_| calculator.result.with(|r| field_errors(r, "risk")));
    view! {
        <section class="card inputs" aria-labelledby="factors-heading">
            <h2 id="factors-heading">"Patient factors"</h2>
            <p class="field-hint" id="risk-hint">
                "Contraindications and precautions (grouped as in the guideline's Table 5), and factors that change monitoring or testing. Tick all that apply."
            </p>
            {Category::ALL
                .iter()
                .enumerate()
                .map(|(index, category)| {
                    let factors: Vec<PatientFactor> = PatientFactor::ALL
                        .iter()
                        .copied()
                        .filter(|f| f.category() == *category)
                        .collect();
                    let open = RwSignal::new(false);
                    view! {
                        <fieldset class="factor-group">
                            <legend>{category.label()}</legend>
                            {factors.iter().map(|f| view! { <FactorBox factor=*f /> }).collect_view()}
                            <details
                                id=advice_id(index)
                                class="reference factor-advice"
                                prop:open=move || open.get()
                                on:toggle=move |ev| open.set(details_open(&ev))
                            >
                                <summary>"What the sources advise"</summary>
                                <ul>
                                    {factors
                                        .into_iter()
                                        .map(|f| {
                                            view! {
                                                <li id=format!("risk-{}-advice", f.key()) class="advice">
                                                    <strong>{f.label()}</strong>
                                                    ": "
                                                    {f.advice()}
                                                    " "
                                                    <SourceNote source=f.source() />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        </fieldset>
                    }
                })
                .collect_view()}
            <p id="risk-error" class="field-message" aria-live="polite">
                {move || message.get().map(|m| view! { <span class="field-error">{m}</span> })}
            </p>
        </section>
    }
}

/// One factor: its checkbox, described by what the sources advise (in the group's collapsed
/// advice, which a screen reader still reads with the checkbox).
#[component]
fn FactorBox(factor: PatientFactor) -> impl IntoView {
    let calculator = use_calculator();
    let id = format!("risk-{}", factor.key());
    let description = format!("{id}-advice");
    let checked = Memo::new(move |_| {
        calculator.inputs.with(|i| {
            risk_keys(i.get("risk").unwrap_or_default())
                .iter()
                .any(|k| k == factor.key())
        })
    });
    let level = match factor.level() {
        Level::Hard => Some("blocks the plan"),
        Level::Soft => None,
        Level::Info => None,
    };
    view! {
        <div class="factor">
            <input
                type="checkbox"
                id=id.clone()
                name="risk"
                value=factor.key()
                aria-describedby=description
                prop:checked=move || checked.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let risk = calculator
                        .inputs
                        .with_untracked(|i| i.get("risk").unwrap_or_default().to_string());
                    let next = toggle_risk(&risk, factor.key(), on);
                    calculator.set("risk", Some(next));
                }
            />
            <div class="factor-text">
                <label for=id>{factor.label()}</label>
                {level.map(|l| view! { <span class="badge badge-hard">{l}</span> })}
            </div>
        </div>
    }
}
