//! The route's chronic-pain ranges at the dosing weight (bolus in mg, infusion in mg/h) and what
//! the guideline's Table 1 says of the route: bioavailability, onset, duration (with the caveat on
//! how those columns were read), and its other uses.
//!
//! The bolus range carries `data-bench="first-result"`: the benchmark waits for its figure.

use crate::components::reference::details_open;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::display::range;
use ketamine_engine::routes::Route;
use ketamine_engine::{CalculationResult, Range, Status};
use leptos::prelude::*;

/// A range as the engine formats it, only while the whole result is valid.
fn shown(
    result: &CalculationResult,
    pick: fn(&CalculationResult) -> Option<Range>,
    unit: &str,
) -> Option<String> {
    match (result.status, pick(result)) {
        (Status::Ok, Some(r)) => Some(range(r.min, r.max, unit)),
        _ => None,
    }
}

/// The bolus range as shown on the page (for tests and the benchmark hook).
pub fn bolus_range_text(result: &CalculationResult) -> Option<String> {
    shown(result, |r| r.bolus_range_mg, "mg")
}

/// The infusion range as shown on the page.
pub fn infusion_range_text(result: &CalculationResult) -> Option<String> {
    shown(result, |r| r.infusion_range_mg_per_h, "mg/h")
}

/// Ranges and route facts.
///
/// The ranges are not live regions (`aria-live="off"`, over the status role an `<output>` has):
/// they change with each keystroke in the weight, and a screen reader would read each one out.
/// The plan summary announces the plan's status once it has held (`summary.rs`).
#[component]
pub fn Ranges() -> impl IntoView {
    let calculator = use_calculator();
    let result = calculator.result;
    let ok = move || result.with(|r| r.status == Status::Ok);
    // The route as chosen, even before there is a result (IV when none is chosen, as in the engine).
    let route_label = move || {
        calculator.inputs.with(|i| {
            Route::from_key(i.get("route").unwrap_or("iv"))
                .map(|r| r.label())
                .unwrap_or("the chosen route")
        })
    };
    let blocked = move || result.with(|r| r.hard_alerts().next().is_some());
    let bolus = move || result.with(bolus_range_text);
    let infusion = move || result.with(infusion_range_text);
    let none_text = move |has: bool| {
        if ok() && !has {
            "none given for this route"
        } else {
            ""
        }
    };
    view! {
        <section class="card result" aria-labelledby="ranges-heading">
            <h2 id="ranges-heading">"Chronic-pain range: " {route_label}</h2>
            <dl class="slots">
                <div class="slot">
                    <dt id="bolus-range-label">"Bolus"</dt>
                    <dd>
                        <output
                            id="bolus-range"
                            class="result-value"
                            for="weight"
                            data-bench="first-result"
                            aria-labelledby="bolus-range-label"
                            aria-live="off"
                        >
                            {bolus}
                        </output>
                        <span class="muted">{move || none_text(bolus().is_some())}</span>
                    </dd>
                </div>
                <div class="slot">
                    <dt id="infusion-range-label">"Infusion"</dt>
                    <dd>
                        <output
                            id="infusion-range"
                            class="result-value"
                            for="weight"
                            aria-labelledby="infusion-range-label"
                            aria-live="off"
                        >
                            {infusion}
                        </output>
                        <span class="muted">{move || none_text(infusion().is_some())}</span>
                    </dd>
                </div>
            </dl>
            <p class="result-hint" hidden=ok>
                {move || {
                    if blocked() {
                        "Withheld while a hard limit blocks the plan (see Alerts)."
                    } else {
                        "Enter a valid weight (and fix any field marked in red) to see the ranges."
                    }
                }}
            </p>
            <RouteFacts />
        </section>
    }
}

/// Table 1 for the chosen route, while the result is valid: reference text, collapsed until
/// opened. Re-rendered only when the route's facts change, not on every keystroke.
#[component]
fn RouteFacts() -> impl IntoView {
    let calculator = use_calculator();
    let facts = Memo::new(move |_| {
        calculator.result.with(|r| {
            if r.status != Status::Ok {
                return None;
            }
            r.route_facts.clone()
        })
    });
    let open = RwSignal::new(false);
    move || {
        facts.get().map(|f| {
            view! {
                <details
                    id="route-context"
                    class="reference route-context"
                    prop:open=move || open.get()
                    on:toggle=move |ev| open.set(details_open(&ev))
                >
                <summary>"Route context (Table 1): dosing, bioavailability, onset, duration, other uses"</summary>
                <div class="route-facts">
                    <p>
                        <strong>"Chronic-pain dosing: "</strong>
                        {f.chronic_dosing}
                        " "
                        <SourceNote source=f.source />
                    </p>
                    {f.dosing_caveat.map(|c| view! { <p class="caveat">{c}</p> })}
                    <dl class="facts">
                        <div>
                            <dt>"Bioavailability"</dt>
                            <dd>{f.bioavailability}</dd>
                        </div>
                        <div>
                            <dt>"Onset"</dt>
                            <dd>{f.onset}</dd>
                        </div>
                        <div>
                            <dt>"Duration"</dt>
                            <dd>{f.duration}</dd>
                        </div>
                    </dl>
                    <p class="caveat">{f.column_caveat}</p>
                    {(!f.other_uses.is_empty())
                        .then(|| {
                            view! {
                                <details class="other-uses">
                                    <summary>"Other uses of this route (context, not chronic-pain dosing)"</summary>
                                    <ul>
                                        {f.other_uses.iter().map(|u| view! { <li>{u.text}</li> }).collect_view()}
                                    </ul>
                                </details>
                            }
                        })}
                </div>
                </details>
            }
        })
    }
}
