//! The monitoring tier the plan requires, why, and everything it brings with it, grouped by kind
//! (monitoring, personnel, setting, observation), each requirement with its source. The
//! requirements are reference text: collapsed under their heading until opened (by a click, or by
//! an alert that refers to them), and always printed.

use crate::components::reference::details_open;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::monitoring::{Monitoring, RequirementKind};
use leptos::prelude::*;

const KINDS: [(RequirementKind, &str); 4] = [
    (RequirementKind::Monitoring, "Monitoring"),
    (RequirementKind::Personnel, "Personnel"),
    (RequirementKind::Setting, "Setting"),
    (RequirementKind::Observation, "Observation before discharge"),
];

/// The tier and its requirements, whenever the engine has assessed them. Re-rendered only when
/// the monitoring assessment itself changes, not on every keystroke.
#[component]
pub fn MonitoringTier() -> impl IntoView {
    let calculator = use_calculator();
    let monitoring = Memo::new(move |_| calculator.result.with(|r| r.monitoring.clone()));
    // Kept above the card, so that the requirements stay open when the tier changes.
    let open = RwSignal::new(false);
    move || {
        monitoring
            .get()
            .map(|m| view! { <MonitoringCard monitoring=m open=open /> })
    }
}

#[component]
fn MonitoringCard(monitoring: Monitoring, open: RwSignal<bool>) -> impl IntoView {
    let m = monitoring;
    let tier_class = format!("tier tier-{}", tier_key(&m));
    view! {
        <section class="card result monitoring" aria-labelledby="monitoring-heading">
            <h2 id="monitoring-heading">"Monitoring tier"</h2>
            <p id="monitoring-tier" class=tier_class>{m.tier.label()}</p>
            {m.escalated_for_patient
                .then(|| {
                    view! {
                        <p class="note">
                            {format!(
                                "Raised for this patient; the doses alone would need: {}.",
                                m.tier_from_dose.label(),
                            )}
                        </p>
                    }
                })}
            {(!m.reasons.is_empty())
                .then(|| {
                    view! {
                        <h3>"Why"</h3>
                        <ul class="reasons">
                            {m.reasons
                                .iter()
                                .map(|(text, source)| {
                                    view! { <li>{text.clone()} " " <SourceNote source=*source /></li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <details
                id="monitoring-requirements"
                class="reference requirements-details"
                prop:open=move || open.get()
                on:toggle=move |ev| open.set(details_open(&ev))
            >
                <summary>"What this tier requires: monitoring, personnel, setting, observation"</summary>
                {KINDS
                    .iter()
                    .filter_map(|(kind, heading)| {
                        let items: Vec<_> = m.requirements.iter().filter(|r| r.kind == *kind).cloned().collect();
                        (!items.is_empty())
                            .then(|| {
                                view! {
                                    <h3>{*heading}</h3>
                                    <ul class="requirements">
                                        {items
                                            .into_iter()
                                            .map(|r| view! { <li>{r.text} " " <SourceNote source=r.source /></li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    })
                    .collect_view()}
            </details>
        </section>
    }
}

/// The tier's identifier as serialized by the engine, for styling.
fn tier_key(m: &Monitoring) -> &'static str {
    use ketamine_engine::monitoring::Tier;
    match m.tier {
        Tier::Standard => "standard",
        Tier::HighDose => "high-dose",
        Tier::Icu => "icu",
        Tier::BeyondGuideline => "beyond-guideline",
    }
}
