//! Tests before the infusion that the guideline calls for with these inputs, each with its reason
//! and source; for a healthy patient, the guideline's word that none is needed.

use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use leptos::prelude::*;

/// Pre-infusion tests, whenever the engine has assessed them.
#[component]
pub fn PreInfusionTests() -> impl IntoView {
    let calculator = use_calculator();
    // Re-rendered only when the tests called for change.
    let pre_infusion = Memo::new(move |_| calculator.result.with(|r| r.pre_infusion.clone()));
    move || {
        pre_infusion.get().map(|pre| {
            view! {
                <section class="card result pre-infusion" aria-labelledby="pre-infusion-heading">
                    <h2 id="pre-infusion-heading">"Pre-infusion tests"</h2>
                    {pre.note.map(|n| view! { <p>{n} " " <SourceNote source=pre.source /></p> })}
                    {(!pre.tests.is_empty())
                        .then(|| {
                            view! {
                                <ul id="pre-infusion-tests">
                                    {pre
                                        .tests
                                        .iter()
                                        .map(|t| {
                                            view! {
                                                <li>
                                                    <strong>{t.name}</strong>
                                                    ": "
                                                    {t.reason.clone()}
                                                    " "
                                                    <SourceNote source=t.source />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </section>
            }
        })
    }
}
