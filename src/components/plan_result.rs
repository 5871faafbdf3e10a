//! The plan as the engine computed it, each figure in its own labelled place: the rate in
//! mg/kg/h, mg/h, mcg/kg/min and mL/h; the bolus in mg/kg, mg and mL; duration; totals per day
//! and for the course; cumulative hours. The pump rate and the volume to draw up are the engine's
//! rounded figures, with the unrounded value beside them.
//!
//! Nothing here shows while the result is invalid or blocked, nor until every soft alert is
//! acknowledged (`plan_released`).
//!
//! [`plan_view`] is the one place the plan's figures are written as text: this card and the plan
//! summary (`summary.rs`) both show its strings, so they can never disagree, and each re-renders
//! only when the text it shows changes, not on every keystroke that leaves it the same.

use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::acknowledgements::{pending, plan_released};
use ketamine_engine::concentration;
use ketamine_engine::display::{precise, quantity};
use ketamine_engine::sources::Source;
use ketamine_engine::{CalculationResult, Status};
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

/// Where the plan stands, and its figures once it may be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanView {
    /// No result: an entry is missing or invalid (`blocked` false), or a hard limit is crossed;
    /// `waiting` while a named institution profile is on its way.
    Held { blocked: bool, waiting: bool },
    /// Valid, with this many soft alerts still to acknowledge.
    Pending(usize),
    /// Valid and released, but neither a bolus nor a rate is entered.
    NothingPlanned,
    /// Released: the figures, as the page writes them.
    Ready(Box<PlanFigures>),
}

/// A figure as shown, and the unrounded value shown beside a rounded one.
#[derive(Clone, Debug, PartialEq)]
pub struct Rounded {
    pub shown: String,
    pub unrounded: String,
}

/// The plan's figures in the engine's display format (`display::quantity`), nothing computed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFigures {
    pub bolus_mg_per_kg: Option<String>,
    pub bolus_mg: Option<String>,
    pub bolus_ml: Option<Rounded>,
    /// A bolus entered in mL: the concentration it was read at, in the engine's words.
    pub bolus_entered_ml: Option<String>,
    pub rate_mg_per_kg_per_h: Option<String>,
    pub rate_mg_per_h: Option<String>,
    pub rate_mcg_per_kg_per_min: Option<String>,
    /// The pump rate to program; `None` with a rate but no concentration.
    pub pump: Option<Rounded>,
    /// True when there is a rate (whether or not there is a pump rate).
    pub has_rate: bool,
    pub concentration: Option<String>,
    pub duration: Option<String>,
    pub infusion_mg: Option<String>,
    pub infusion_ml: Option<String>,
    pub total_day: Option<String>,
    pub total_day_per_kg: Option<String>,
    pub days: u32,
    pub course_total: Option<String>,
    pub course_total_per_kg: Option<String>,
    pub cumulative_hours: Option<String>,
    pub dosing_weight: Option<String>,
    pub weight_source: Option<Source>,
    pub conversion_source: Source,
    pub rounding_source: Source,
}

impl PlanView {
    /// The view of a result under these acknowledgements.
    pub fn of(
        r: &CalculationResult,
        acks: &[ketamine_engine::acknowledgements::Acknowledgement],
    ) -> Self {
        if r.status != Status::Ok {
            return PlanView::Held {
                blocked: r.hard_alerts().next().is_some(),
                waiting: r.errors.iter().any(|e| e.field == "profile"),
            };
        }
        if !plan_released(r, acks) {
            return PlanView::Pending(pending(r, acks).len());
        }
        let p = &r.plan;
        if p.bolus_mg.is_none() && p.rate_mg_per_h.is_none() {
            return PlanView::NothingPlanned;
        }
        let bolus = p.bolus_mg_per_kg.zip(p.bolus_mg);
        let rate = p
            .rate_mg_per_kg_per_h
            .zip(p.rate_mg_per_h)
            .zip(p.rate_mcg_per_kg_per_min);
        let rounded = |value: f64, exact: f64, unit: &str| Rounded {
            shown: quantity(value, unit),
            unrounded: format!("unrounded {} {unit}", precise(exact)),
        };
        let (total_day, total_day_per_kg) = match p.total_mg.zip(p.total_mg_per_kg) {
            Some((t, k)) => (Some(quantity(t.0, "mg")), Some(quantity(k.0, "mg/kg"))),
            None => (None, None),
        };
        let (course_total, course_total_per_kg) = match (p.days > 1)
            .then_some(())
            .and(p.course_total_mg.zip(p.course_total_mg_per_kg))
        {
            Some((t, k)) => (Some(quantity(t.0, "mg")), Some(quantity(k.0, "mg/kg"))),
            None => (None, None),
        };
        PlanView::Ready(Box::new(PlanFigures {
            bolus_mg_per_kg: bolus.map(|(k, _)| quantity(k.0, "mg/kg")),
            bolus_mg: bolus.map(|(_, mg)| quantity(mg.0, "mg")),
            bolus_entered_ml: bolus
                .and(p.bolus_as_entered.clone())
                .filter(|_| p.bolus_entered_unit == Some("mL"))
                .map(|e| format!("entered as {e}")),
            bolus_ml: bolus
                .and(p.bolus_ml.zip(p.bolus_ml_rounded))
                .map(|(ml, r)| rounded(r.0, ml.0, "mL")),
            rate_mg_per_kg_per_h: rate.map(|((a, _), _)| quantity(a.0, "mg/kg/h")),
            rate_mg_per_h: rate.map(|((_, b), _)| quantity(b.0, "mg/h")),
            rate_mcg_per_kg_per_min: rate.map(|(_, c)| quantity(c.0, "mcg/kg/min")),
            pump: rate
                .and(p.rate_ml_per_h.zip(p.rate_ml_per_h_rounded))
                .map(|(ml, r)| rounded(r.0, ml.0, "mL/h")),
            has_rate: rate.is_some(),
            concentration: p.concentration_mg_per_ml.map(|c| quantity(c.0, "mg/mL")),
            duration: p.duration_min.map(|d| quantity(d.0, "min")),
            infusion_mg: p.infusion_mg.map(|mg| quantity(mg.0, "mg")),
            infusion_ml: p
                .infusion_mg
                .and(p.infusion_ml)
                .map(|ml| format!("{} of solution", quantity(ml.0, "mL"))),
            total_day,
            total_day_per_kg,
            days: p.days,
            course_total,
            course_total_per_kg,
            cumulative_hours: p.cumulative_hours.map(|h| quantity(h, "h")),
            dosing_weight: r.dosing_weight.as_ref().map(|d| quantity(d.kg.0, "kg")),
            weight_source: r.dosing_weight.as_ref().map(|d| d.source),
            conversion_source: p.conversion_source,
            rounding_source: p.rounding_source,
        }))
    }
}

/// The plan's view, recomputed with the result but passed on only when it changes.
pub fn plan_view() -> Memo<PlanView> {
    let calculator = use_calculator();
    Memo::new(move |_| {
        calculator
            .acknowledgements
            .with(|acks| calculator.result.with(|r| PlanView::of(r, acks)))
    })
}

/// One labelled figure. `id` lets tests, the print view and the plan summary find it.
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
                // Not a live region (see `ranges::Ranges`): the figures change as entries are typed.
                <output id=id class="figure" aria-labelledby=label_id aria-live="off">{value}</output>
                {detail.map(|d| view! { <span class="slot-detail">{d}</span> })}
            </dd>
        </div>
    }
}

/// Why there is no plan to show, in the words of the card (and of the summary's status).
pub fn held_text(view: &PlanView) -> Option<String> {
    match view {
        PlanView::Held { blocked: true, .. } => {
            Some("Plan withheld: a hard limit is crossed (see Alerts). No dose is shown.".into())
        }
        PlanView::Held { .. } => {
            Some("No plan yet: complete the entries listed under Alerts.".into())
        }
        PlanView::Pending(1) => Some("Acknowledge 1 warning to release the plan.".into()),
        PlanView::Pending(n) => Some(format!("Acknowledge {n} warnings to release the plan.")),
        PlanView::NothingPlanned => {
            Some("Enter a bolus or an infusion rate to see the plan.".into())
        }
        PlanView::Ready(_) => None,
    }
}

/// The plan's figures, or why they are not shown.
#[component]
pub fn PlanResult() -> impl IntoView {
    let view = plan_view();
    let body = move || {
        view.with(|v| {
            let f = match v {
                PlanView::Ready(f) => f,
                held => {
                    let text = held_text(held);
                    let class = match held {
                        PlanView::Held { .. } => "held",
                        PlanView::Pending(_) => "held held-soft",
                        _ => "result-hint",
                    };
                    return view! { <p id="plan-held" class=class>{text}</p> }.into_any();
                }
            };
            let mut slots = Vec::new();
            if let (Some(per_kg), Some(mg)) = (f.bolus_mg_per_kg.clone(), f.bolus_mg.clone()) {
                slots.push(view! { <Slot id="plan-bolus-mg-per-kg" label="Bolus (mg/kg)" value=per_kg /> }.into_any());
                match f.bolus_entered_ml.clone() {
                    Some(entered) => slots.push(view! { <Slot id="plan-bolus-mg" label="Bolus (mg)" value=mg detail=entered strong=true /> }.into_any()),
                    None => slots.push(view! { <Slot id="plan-bolus-mg" label="Bolus (mg)" value=mg strong=true /> }.into_any()),
                }
                if let Some(ml) = f.bolus_ml.clone() {
                    slots.push(view! {
                        <Slot id="plan-bolus-ml" label="Bolus volume to draw up (mL)" value=ml.shown detail=ml.unrounded strong=true />
                    }.into_any());
                }
            }
            if let (Some(a), Some(b), Some(c)) = (
                f.rate_mg_per_kg_per_h.clone(),
                f.rate_mg_per_h.clone(),
                f.rate_mcg_per_kg_per_min.clone(),
            ) {
                slots.push(view! { <Slot id="plan-rate-mg-per-kg-per-h" label="Infusion rate (mg/kg/h)" value=a /> }.into_any());
                slots.push(view! { <Slot id="plan-rate-mg-per-h" label="Infusion rate (mg/h)" value=b strong=true /> }.into_any());
                slots.push(view! { <Slot id="plan-rate-mcg-per-kg-per-min" label="Infusion rate (mcg/kg/min)" value=c /> }.into_any());
                slots.push(match f.pump.clone() {
                    Some(pump) => view! {
                        <Slot id="plan-rate-ml-per-h" label="Pump rate to program (mL/h)" value=pump.shown detail=pump.unrounded strong=true />
                    }.into_any(),
                    None => view! {
                        <Slot id="plan-rate-ml-per-h" label="Pump rate (mL/h)" value="choose a concentration".to_string() />
                    }.into_any(),
                });
            }
            if let Some(c) = f.concentration.clone() {
                slots.push(view! { <Slot id="plan-concentration" label="Concentration" value=c /> }.into_any());
            }
            if let Some(d) = f.duration.clone() {
                slots.push(view! { <Slot id="plan-duration" label="Duration per day" value=d /> }.into_any());
            }
            if let Some(mg) = f.infusion_mg.clone() {
                slots.push(match f.infusion_ml.clone() {
                    Some(d) => view! { <Slot id="plan-infusion-mg" label="Infusion alone, per day" value=mg detail=d /> }.into_any(),
                    None => view! { <Slot id="plan-infusion-mg" label="Infusion alone, per day" value=mg /> }.into_any(),
                });
            }
            if let (Some(total), Some(per_kg)) = (f.total_day.clone(), f.total_day_per_kg.clone()) {
                slots.push(view! {
                    <Slot id="plan-total-day" label="Total per infusion day" value=total detail=per_kg strong=true />
                }.into_any());
            }
            if let (Some(course), Some(per_kg)) = (f.course_total.clone(), f.course_total_per_kg.clone()) {
                slots.push(view! {
                    <Slot id="plan-total-course" label=format!("Course total ({} days)", f.days) value=course detail=per_kg />
                }.into_any());
            }
            if let Some(h) = f.cumulative_hours.clone() {
                slots.push(view! { <Slot id="plan-cumulative-hours" label="Cumulative infusion hours" value=h /> }.into_any());
            }
            view! {
                <dl class="slots plan-slots">{slots}</dl>
                <p class="sources-line">
                    "Doses per kg use the dosing weight "
                    {f.dosing_weight.clone()}
                    ". "
                    {f.weight_source.map(|s| view! { <SourceNote source=s /> })}
                    " Conversions between rate units: "
                    <SourceNote source=f.conversion_source />
                    " Pump rate and volume to draw up, rounded: "
                    <SourceNote source=f.rounding_source />
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
