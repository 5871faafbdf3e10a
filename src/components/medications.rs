//! Follow-on options for responders. Their regimens carry doses at the dosing weight, so they show
//! only while the result is valid. (The rescue medications, static text, are rendered at build time
//! from the engine: `engine/examples/reference_html.rs`.)

use crate::components::reference::details_open;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::Status;
use leptos::prelude::*;

/// Follow-on therapy in lieu of serial infusions, with its evidence and warnings. Re-rendered
/// only when the options change (their doses follow the dosing weight).
#[component]
pub fn FollowOn() -> impl IntoView {
    let calculator = use_calculator();
    let follow_on = Memo::new(move |_| {
        calculator.result.with(|r| {
            if r.status != Status::Ok {
                return None;
            }
            r.follow_on.clone()
        })
    });
    // Kept outside the card so that it stays open while the doses change.
    let open = RwSignal::new(false);
    move || {
        follow_on.get().map(|f| {
            view! {
                <section class="card result follow-on" aria-labelledby="follow-on-heading">
                    <h2 id="follow-on-heading">"Follow-on options for responders"</h2>
                    <details
                        class="reference"
                        prop:open=move || open.get()
                        on:toggle=move |ev| open.set(details_open(&ev))
                    >
                    <summary>"Options, their evidence and warnings"</summary>
                    <ul>
                        {f
                            .options
                            .iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <strong>{o.name}</strong>
                                        ": "
                                        {o.regimen.clone()}
                                        ". "
                                        <span class="muted">{o.evidence}</span>
                                        " "
                                        <SourceNote source=o.source />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <ul class="notes">
                        {f
                            .warnings
                            .iter()
                            .map(|(text, source)| view! { <li>{*text} " " <SourceNote source=*source /></li> })
                            .collect_view()}
                    </ul>
                    </details>
                </section>
            }
        })
    }
}
