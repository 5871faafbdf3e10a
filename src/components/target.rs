//! The guideline's first outpatient infusion target: at least 80 mg over more than 2 h. Says
//! whether the plan meets it and by how much, from the engine's `targets.detail`. Held back with
//! the rest of the plan until it is released.

use crate::components::plan_result::released;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::display::quantity;
use leptos::prelude::*;

/// Met or not, the margin or shortfall, and what would reach it.
#[component]
pub fn Target() -> impl IntoView {
    let calculator = use_calculator();
    let released = released();
    // Re-rendered only when the target's own figures change.
    let detail = Memo::new(move |_| {
        if !released.get() {
            return None;
        }
        calculator.result.with(|r| r.targets.detail.clone())
    });
    move || {
        detail.get().map(|t| {
            let target = format!(
                "At least {} over more than {}",
                quantity(t.target_mg.0, "mg"),
                quantity(t.target_min.0, "min")
            );
            let verdict = if t.met {
                format!("Met: {} above {}.", quantity(t.margin_mg.0, "mg"), quantity(t.target_mg.0, "mg"))
            } else {
                let mut why = Vec::new();
                if !t.total_at_least_80_mg {
                    why.push(format!("the total is {} short", quantity(t.shortfall_mg.0, "mg")));
                }
                if !t.duration_over_2_h {
                    why.push(format!("the infusion does not last more than {}", quantity(t.target_min.0, "min")));
                }
                format!("Not met: {}.", why.join("; "))
            };
            let to_reach = t.rate_to_reach_total.map(|rate| {
                format!(
                    "A rate of {} over the planned duration would reach {} (bolus counted).",
                    quantity(rate.0, "mg/kg/h"),
                    quantity(t.target_mg.0, "mg")
                )
            });
            let infusion_only = format!(
                "Infusion alone, without the bolus: {} ({}).",
                quantity(t.infusion_only_mg.0, "mg"),
                if t.infusion_only_at_least_80_mg { "reaches the target" } else { "below the target" }
            );
            view! {
                <section class="card result target" aria-labelledby="target-heading">
                    <h2 id="target-heading">"First-infusion target"</h2>
                    <p>{target} " " <SourceNote source=t.source /></p>
                    <p id="target-verdict" class="verdict" class:verdict-met=t.met class:verdict-not-met=!t.met>
                        {verdict}
                    </p>
                    {to_reach.map(|s| view! { <p>{s}</p> })}
                    <p class="muted">{infusion_only}</p>
                </section>
            }
        })
    }
}
