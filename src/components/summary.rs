//! The plan summary that stays in view while the entries change: whether the plan is ready, needs
//! acknowledgement or is withheld (and why), the figures a nurse programs and checks, whether the
//! first-infusion target is met, the monitoring tier, and how many alerts need action. Each figure
//! links to its card, where its source is.
//!
//! Nothing is computed or formatted here: the figures are the plan card's own strings
//! ([`plan_view`]) and the labels the engine gives. On a phone the summary is a bar held at the
//! bottom of the screen while the entries are edited (it expands to every figure); on a wide screen
//! it heads the results column, beside the entries, and stays at the top while the page scrolls.
//!
//! Screen readers hear the status when it changes and has stayed changed for a moment, in a live
//! region of its own: never the figures, and never on every keystroke.

use crate::components::plan_result::{plan_view, PlanFigures, PlanView};
use crate::state::use_calculator;
use ketamine_engine::acknowledgements::pending;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::{CalculationResult, Status};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long a status must hold before it is announced: typing "700" over "70" passes through
/// "withheld" and back, which is not worth an announcement.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(900);

/// The parts of the result the summary shows beside the plan's figures.
#[derive(Clone, Debug, PartialEq)]
struct Context {
    /// Met or not, once the plan is released and the target applies.
    target_met: Option<bool>,
    /// The monitoring tier's label and its style key, whenever the engine assessed it.
    tier: Option<(&'static str, &'static str)>,
    /// Problems to fix while there is no result, otherwise warnings still to acknowledge.
    needing_action: usize,
    /// The care-area check, as the engine words it for a printout.
    care_area: Option<String>,
}

impl Context {
    fn of(
        r: &CalculationResult,
        acks: &[ketamine_engine::acknowledgements::Acknowledgement],
    ) -> Self {
        let released = ketamine_engine::acknowledgements::plan_released(r, acks);
        Context {
            target_met: released
                .then(|| r.targets.detail.as_ref().map(|t| t.met))
                .flatten(),
            tier: r
                .monitoring
                .as_ref()
                .map(|m| (m.tier.label(), tier_key(m.tier))),
            needing_action: if r.status == Status::Ok {
                pending(r, acks).len()
            } else {
                r.errors.len()
            },
            care_area: r.care_area_check.as_ref().map(|c| c.summary()),
        }
    }
}

/// The tier's identifier as serialized by the engine, for styling.
fn tier_key(tier: Tier) -> &'static str {
    match tier {
        Tier::Standard => "standard",
        Tier::HighDose => "high-dose",
        Tier::Icu => "icu",
        Tier::BeyondGuideline => "beyond-guideline",
    }
}

/// The status in a few words, and its style key.
pub fn status_of(view: &PlanView) -> (String, &'static str) {
    match view {
        PlanView::Held { waiting: true, .. } => (
            "Withheld: waiting for the institution profile".into(),
            "held",
        ),
        PlanView::Held { blocked: true, .. } => {
            ("Withheld: a hard limit is crossed".into(), "held")
        }
        PlanView::Held { .. } => ("Withheld: an entry is missing or invalid".into(), "held"),
        PlanView::Pending(1) => ("Needs acknowledgement: 1 warning".into(), "pending"),
        PlanView::Pending(n) => (format!("Needs acknowledgement: {n} warnings"), "pending"),
        PlanView::NothingPlanned => ("No plan: enter a bolus or an infusion rate".into(), "none"),
        PlanView::Ready(_) => ("Ready".into(), "ready"),
    }
}

/// Moves focus to a figure's place in its card (the slot around it, when there is one) and
/// brings it to the middle of the screen, clear of the summary. Never through the URL fragment:
/// the fragment holds the entries.
fn go_to(id: &str) {
    let Some(target) = document().get_element_by_id(id) else {
        return;
    };
    let place = target.closest(".slot").ok().flatten().unwrap_or(target);
    if !place.has_attribute("tabindex") {
        let _ = place.set_attribute("tabindex", "-1");
    }
    if let Ok(el) = place.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    crate::components::reference::to_middle(&place);
}

/// One line of the summary: a label, and the figure as a link to its card.
#[component]
fn Item(
    /// The id of the figure in its card.
    to: &'static str,
    label: &'static str,
    /// The id of the figure here, for tests.
    figure_id: &'static str,
    value: String,
    /// Shown after the link, e.g. the concentration beside the pump rate.
    #[prop(optional)]
    after: Option<String>,
    /// Kept in view while the phone's bar is collapsed.
    #[prop(optional)]
    pinned: bool,
    /// Extra class for the link, e.g. the tier's colour.
    #[prop(optional)]
    tone: &'static str,
) -> impl IntoView {
    view! {
        <div class="summary-item" class:summary-key=pinned>
            <dt>{label}</dt>
            <dd>
                <a
                    href=format!("#{to}")
                    id=figure_id
                    class=format!("summary-link {tone}")
                    on:click=move |ev| {
                        ev.prevent_default();
                        go_to(to);
                    }
                >
                    {value}
                </a>
                {after.map(|a| view! { <span class="summary-after">{a}</span> })}
            </dd>
        </div>
    }
}

/// The plan's figures, in the order a nurse checks them against the pump.
fn figures(f: &PlanFigures) -> impl IntoView {
    let pump = f.has_rate.then(|| match (&f.pump, &f.concentration) {
        (Some(pump), Some(c)) => view! {
            <Item to="plan-rate-ml-per-h" figure_id="summary-pump-rate" label="Pump rate" value=pump.shown.clone() after=format!("at {c}") pinned=true tone="figure" />
        }
        .into_any(),
        _ => view! {
            <Item to="plan-rate-ml-per-h" figure_id="summary-pump-rate" label="Pump rate" value="choose a concentration".to_string() pinned=true />
        }
        .into_any(),
    });
    let infusion = f
        .rate_mg_per_kg_per_h
        .clone()
        .zip(f.rate_mg_per_h.clone())
        .map(|(per_kg, mg_per_h)| {
            view! { <Item to="plan-rate-mg-per-h" figure_id="summary-rate" label="Infusion" value=format!("{per_kg} = {mg_per_h}") /> }
        });
    let bolus = f.bolus_mg_per_kg.clone().zip(f.bolus_mg.clone()).map(|(per_kg, mg)| {
        let value = match &f.bolus_ml {
            Some(ml) => format!("{mg} = {}", ml.shown),
            None => mg,
        };
        view! { <Item to="plan-bolus-mg" figure_id="summary-bolus" label="Bolus" value=value after=format!("({per_kg})") pinned=true /> }
    });
    let duration = f.duration.clone().map(|d| {
        view! { <Item to="plan-duration" figure_id="summary-duration" label="Duration per day" value=d /> }
    });
    let total = f.total_day.clone().map(|t| {
        view! { <Item to="plan-total-day" figure_id="summary-total" label="Total per day" value=t /> }
    });
    let course = f.course_total.clone().map(|t| {
        view! { <Item to="plan-total-course" figure_id="summary-course" label="Course total" value=format!("{t} over {} days", f.days) /> }
    });
    (pump, infusion, bolus, duration, total, course)
}

/// The summary: status, figures, target, tier, alerts.
#[component]
pub fn PlanSummary() -> impl IntoView {
    let calculator = use_calculator();
    let view = plan_view();
    let context = Memo::new(move |_| {
        calculator
            .acknowledgements
            .with(|acks| calculator.result.with(|r| Context::of(r, acks)))
    });
    let status = Memo::new(move |_| view.with(status_of));
    let expanded = RwSignal::new(false);

    // The live region says the status only once it has held for a moment.
    let announced = RwSignal::new(status.with_untracked(|(text, _)| text.clone()));
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let text = status.with(|(text, _)| text.clone());
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || announced.set(text), ANNOUNCE_AFTER).ok();
        timer.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });

    let body = move || {
        view.with(|v| match v {
            PlanView::Ready(f) => Some(figures(f)),
            _ => None,
        })
    };
    let target = move || {
        context.with(|c| c.target_met).map(|met| {
            let text = if met { "Met" } else { "Not met" };
            view! { <Item to="target-verdict" figure_id="summary-target" label="First-infusion target" value=text.to_string() /> }
        })
    };
    let tier = move || {
        context.with(|c| c.tier).map(|(label, key)| {
            view! {
                <Item to="monitoring-tier" figure_id="summary-tier" label="Monitoring" value=label.to_string() tone=match key {
                    "icu" | "beyond-guideline" => "tier-icu",
                    "high-dose" => "tier-high-dose",
                    _ => "",
                } />
            }
        })
    };
    let care_area = move || {
        context.with(|c| c.care_area.clone()).map(|text| {
            view! { <Item to="care-area" figure_id="summary-care-area" label="Care area" value=text /> }
        })
    };
    let action = move || {
        let n = context.with(|c| c.needing_action);
        if n == 0 {
            view! {
                <div class="summary-item">
                    <dt>"Alerts needing action"</dt>
                    <dd id="summary-alerts">"none"</dd>
                </div>
            }
            .into_any()
        } else {
            let not_ready = view.with(|v| !matches!(v, PlanView::Ready(_)));
            view! { <Item to="alerts-heading" figure_id="summary-alerts" label="Alerts needing action" value=n.to_string() pinned=not_ready tone="summary-action" /> }
                .into_any()
        }
    };
    view! {
        <section
            id="plan-summary"
            class="plan-summary no-print"
            class:expanded=move || expanded.get()
            aria-labelledby="summary-heading"
        >
            <div class="summary-bar">
                <h2 id="summary-heading">"Plan summary"</h2>
                <p id="summary-status" class=move || format!("summary-status status-{}", status.with(|s| s.1))>
                    {move || status.with(|s| s.0.clone())}
                </p>
                <button
                    type="button"
                    class="summary-toggle"
                    aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    aria-controls="summary-figures"
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || if expanded.get() { "Less" } else { "More" }}
                    <span class="visually-hidden">" figures"</span>
                </button>
            </div>
            <p class="visually-hidden" role="status">
                {move || format!("Plan summary: {}.", announced.get())}
            </p>
            <dl id="summary-figures" class="summary-figures">
                {body}
                {target}
                {tier}
                {care_area}
                {action}
            </dl>
        </section>
    }
}
