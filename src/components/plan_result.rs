//! The plan as the engine computed it, each figure in its own labelled place: the rate in
//! mg/kg/h, mg/h, mcg/kg/min and mL/h; the bolus in mg/kg, mg and mL; duration; totals per day
//! and for the course; cumulative hours. The pump rate and the volume to draw up are the engine's
//! rounded figures, with the unrounded value beside them.
//!
//! Nothing here shows while the result is invalid or blocked, nor until every soft alert is
//! acknowledged (`plan_released`).

use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::acknowledgements::{pending, plan_released};
use ketamine_engine::concentration;
use ketamine_engine::display::{precise, quantity};
use ketamine_engine::Status;
use leptos::prelude::*;

/// Whether the plan's figures may be shown: valid, and every soft alert acknowledged.
pub fn released() -> Memo<bool> {
    let calculator = use_calculator();
    Memo::new(move |_| {
        calculator
            .acknowledgements
            .with(|acks| calculator.result.with(|r| plan_released(r, acks)))
    })
}

/// One labelled figure. `id` lets tests and the print view find it.
#[component]
fn Slot(
    id: &'static str,
    #[prop(into)] label: String,
    value: String,
    #[prop(optional)] detail: Option<String>,
    #[prop(optional)] strong: bool,
) -> impl IntoView {
    let label_id = format!("{id}-label");
    view! {
        <div class="slot" class:slot-strong=strong>
            <dt id=label_id.clone()>{label}</dt>
            <dd>
                <output id=id class="figure" aria-labelledby=label_id>{value}</output>
                {detail.map(|d| view! { <span class="slot-detail">{d}</span> })}
            </dd>
        </div>
    }
}

/// The plan's figures, or why they are not shown.
#[component]
pub fn PlanResult() -> impl IntoView {
    let calculator = use_calculator();
    let released = released();
    let body = move || {
        let acks = calculator.acknowledgements.get();
        calculator.result.with(|r| {
            if r.status != Status::Ok {
                let blocked = r.hard_alerts().next().is_some();
                let text = if blocked {
                    "Plan withheld: a hard limit is crossed (see Alerts). No dose is shown."
                } else {
                    "No plan yet: complete the entries listed under Alerts."
                };
                return view! { <p id="plan-held" class="held">{text}</p> }.into_any();
            }
            if !released.get() {
                let n = pending(r, &acks).len();
                let text = if n == 1 {
                    "Acknowledge 1 warning to release the plan.".to_string()
                } else {
                    format!("Acknowledge {n} warnings to release the plan.")
                };
                return view! { <p id="plan-held" class="held held-soft">{text}</p> }.into_any();
            }
            let p = &r.plan;
            if p.bolus_mg.is_none() && p.rate_mg_per_h.is_none() {
                return view! {
                    <p id="plan-held" class="result-hint">
                        "Enter a bolus or an infusion rate to see the plan."
                    </p>
                }
                .into_any();
            }
            let mut slots = Vec::new();
            if let (Some(per_kg), Some(mg)) = (p.bolus_mg_per_kg, p.bolus_mg) {
                slots.push(view! { <Slot id="plan-bolus-mg-per-kg" label="Bolus (mg/kg)" value=quantity(per_kg.0, "mg/kg") /> }.into_any());
                slots.push(view! { <Slot id="plan-bolus-mg" label="Bolus (mg)" value=quantity(mg.0, "mg") strong=true /> }.into_any());
                if let (Some(ml), Some(rounded)) = (p.bolus_ml, p.bolus_ml_rounded) {
                    slots.push(view! {
                        <Slot
                            id="plan-bolus-ml"
                            label="Bolus volume to draw up (mL)"
                            value=quantity(rounded.0, "mL")
                            detail=format!("unrounded {} mL", precise(ml.0))
                            strong=true
                        />
                    }.into_any());
                }
            }
            if let (Some(a), Some(b), Some(c)) = (p.rate_mg_per_kg_per_h, p.rate_mg_per_h, p.rate_mcg_per_kg_per_min) {
                slots.push(view! { <Slot id="plan-rate-mg-per-kg-per-h" label="Infusion rate (mg/kg/h)" value=quantity(a.0, "mg/kg/h") /> }.into_any());
                slots.push(view! { <Slot id="plan-rate-mg-per-h" label="Infusion rate (mg/h)" value=quantity(b.0, "mg/h") strong=true /> }.into_any());
                slots.push(view! { <Slot id="plan-rate-mcg-per-kg-per-min" label="Infusion rate (mcg/kg/min)" value=quantity(c.0, "mcg/kg/min") /> }.into_any());
                let pump = match (p.rate_ml_per_h, p.rate_ml_per_h_rounded) {
                    (Some(ml), Some(rounded)) => view! {
                        <Slot
                            id="plan-rate-ml-per-h"
                            label="Pump rate to program (mL/h)"
                            value=quantity(rounded.0, "mL/h")
                            detail=format!("unrounded {} mL/h", precise(ml.0))
                            strong=true
                        />
                    }.into_any(),
                    _ => view! {
                        <Slot id="plan-rate-ml-per-h" label="Pump rate (mL/h)" value="choose a concentration".to_string() />
                    }.into_any(),
                };
                slots.push(pump);
            }
            if let Some(c) = p.concentration_mg_per_ml {
                slots.push(view! { <Slot id="plan-concentration" label="Concentration" value=quantity(c.0, "mg/mL") /> }.into_any());
            }
            if let Some(d) = p.duration_min {
                slots.push(view! { <Slot id="plan-duration" label="Duration per day" value=quantity(d.0, "min") /> }.into_any());
            }
            if let Some(mg) = p.infusion_mg {
                let detail = p.infusion_ml.map(|ml| format!("{} of solution", quantity(ml.0, "mL")));
                slots.push(match detail {
                    Some(d) => view! { <Slot id="plan-infusion-mg" label="Infusion alone, per day" value=quantity(mg.0, "mg") detail=d /> }.into_any(),
                    None => view! { <Slot id="plan-infusion-mg" label="Infusion alone, per day" value=quantity(mg.0, "mg") /> }.into_any(),
                });
            }
            if let (Some(total), Some(per_kg)) = (p.total_mg, p.total_mg_per_kg) {
                slots.push(view! {
                    <Slot id="plan-total-day" label="Total per infusion day" value=quantity(total.0, "mg") detail=quantity(per_kg.0, "mg/kg") strong=true />
                }.into_any());
            }
            if p.days > 1 {
                if let (Some(course), Some(per_kg)) = (p.course_total_mg, p.course_total_mg_per_kg) {
                    slots.push(view! {
                        <Slot id="plan-total-course" label=format!("Course total ({} days)", p.days) value=quantity(course.0, "mg") detail=quantity(per_kg.0, "mg/kg") />
                    }.into_any());
                }
            }
            if let Some(h) = p.cumulative_hours {
                slots.push(view! { <Slot id="plan-cumulative-hours" label="Cumulative infusion hours" value=quantity(h, "h") /> }.into_any());
            }
            let weight_source = r.dosing_weight.as_ref().map(|d| d.source);
            view! {
                <dl class="slots plan-slots">{slots}</dl>
                <p class="sources-line">
                    "Doses per kg use the dosing weight "
                    {r.dosing_weight.as_ref().map(|d| quantity(d.kg.0, "kg"))}
                    ". "
                    {weight_source.map(|s| view! { <SourceNote source=s /> })}
                    " Conversions between rate units: "
                    <SourceNote source=p.conversion_source />
                    " Pump rate and volume to draw up, rounded: "
                    <SourceNote source=p.rounding_source />
                    " Concentration: "
                    <SourceNote source=concentration::SOURCE />
                </p>
            }
            .into_any()
        })
    };
    view! {
        <section class="card result plan-result" aria-labelledby="plan-result-heading">
            <h2 id="plan-result-heading">"Plan"</h2>
            {body}
        </section>
    }
}
