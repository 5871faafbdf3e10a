//! Route and protocol preset. Choosing a protocol fills the plan through the engine's
//! `Protocol::apply`, exactly as if its figures had been typed, then shows its regimen in the
//! source's words, the notes on what it leaves open, and its source.

use crate::components::fields::SelectField;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::protocols::{Protocol, Setting};
use ketamine_engine::routes::Route;
use leptos::prelude::*;

/// Route and protocol fields, with the chosen protocol's regimen.
#[component]
pub fn RouteAndProtocol() -> impl IntoView {
    let calculator = use_calculator();
    let routes = Route::ALL
        .iter()
        .map(|r| (r.key().to_string(), r.label().to_string()))
        .collect::<Vec<_>>();
    // The presets the institution profile offers (all of them without one), its default marked.
    let protocols = move || {
        let default = calculator.thresholds.with(|t| t.default_protocol);
        let mut protocols = vec![
            (String::new(), "None".to_string()),
            ("custom".to_string(), "Custom plan".to_string()),
        ];
        protocols.extend(calculator.protocols_offered().into_iter().map(|p| {
            let setting = match p.setting() {
                Setting::Outpatient => "outpatient",
                Setting::Inpatient => "inpatient",
            };
            let default = if Some(p) == default {
                ", institution default"
            } else {
                ""
            };
            (
                p.key().to_string(),
                format!("{} ({setting}{default})", p.name()),
            )
        }));
        protocols
    };
    let choose = Callback::new(move |key: String| match Protocol::from_key(&key) {
        Some(protocol) => {
            let mut inputs = calculator.inputs.get_untracked();
            protocol.apply(&mut inputs);
            calculator.replace(inputs);
        }
        None => calculator.set("protocol", Some(key)),
    });
    view! {
        <section class="card inputs" aria-labelledby="route-heading">
            <h2 id="route-heading">"Route and protocol"</h2>
            <div class="field-grid">
                <RouteSelect routes=routes />
                {move || {
                    view! {
                        <SelectField key="protocol" label="Protocol preset" options=protocols() on_choose=choose />
                    }
                }}
            </div>
            <ProtocolDetail />
        </section>
    }
}

/// The route drop-down; IV when nothing is chosen, as in the engine.
#[component]
fn RouteSelect(routes: Vec<(String, String)>) -> impl IntoView {
    view! { <SelectField key="route" label="Route" options=routes /> }
}

/// Regimen, notes and source of the chosen protocol, as the engine reports them.
#[component]
fn ProtocolDetail() -> impl IntoView {
    let calculator = use_calculator();
    // Read from the inputs as well as the result, so the regimen shows even before a weight is in.
    let protocol = Memo::new(move |_| {
        calculator
            .inputs
            .with(|i| i.get("protocol").and_then(Protocol::from_key))
    });
    move || {
        protocol.get().map(|p| {
            view! {
                <div id="protocol-detail" class="protocol-detail">
                    <h3>{p.name()}</h3>
                    <p class="regimen">
                        <strong>"Regimen: "</strong>
                        {p.regimen()}
                        " "
                        <SourceNote source=p.source() />
                    </p>
                    {(!p.notes().is_empty())
                        .then(|| {
                            view! {
                                <ul class="notes">
                                    {p.notes().iter().map(|n| view! { <li>{*n}</li> }).collect_view()}
                                </ul>
                            }
                        })}
                </div>
            }
        })
    }
}
