//! Problems and alerts. A missing or invalid entry, or a hard limit, withholds the whole plan and
//! says why, naming the field (with a button that takes focus there). Soft alerts need an
//! acknowledgement with a reason, as on a smart pump; the plan is held back until every one is
//! acknowledged. Info alerts inform. Every alert shows its source.

use crate::components::reference::{open_reference, reference_for};
use crate::components::sources::{unique_id, SourceNote};
use crate::state::use_calculator;
use ketamine_engine::acknowledgements::{covering, pending, Acknowledgement, MIN_REASON_LEN};
use ketamine_engine::alerts::{Alert, Level, Origin};
use ketamine_engine::sources::{Document, Source};
use ketamine_engine::{FieldError, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the control a field error is about: the field itself, the concentration list while
/// the custom field is not shown, the first checkbox of the patient factors, or the first plan
/// field for a limit on the plan as a whole.
fn focus_field(field: &str) {
    let selectors = if field == "plan" {
        vec!["#bolus".to_string()]
    } else {
        vec![
            format!("input#{field}, select#{field}"),
            format!("#{field}-choice"),
            format!("[name=\"{field}\"]"),
        ]
    };
    let element = selectors.iter().find_map(|s| {
        document()
            .query_selector(s)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    });
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Why there is no plan, and every alert.
#[component]
pub fn Alerts() -> impl IntoView {
    let calculator = use_calculator();
    let result = calculator.result;
    // Each part re-renders only when its own alerts change, not with every result.
    let problems = Memo::new(move |_| {
        result.with(|r| {
            (r.status != Status::Ok).then(|| (r.hard_alerts().next().is_some(), r.errors.clone()))
        })
    });
    let problems = move || {
        problems.get().map(|(blocked, errors)| {
            view! {
                <div class="problems" role="group" aria-labelledby="problems-heading">
                    <h3 id="problems-heading">
                        {if blocked { "Plan blocked by a hard limit" } else { "No result yet" }}
                    </h3>
                    <p>
                        {if blocked {
                            "The plan is withheld: no dose is shown until every limit below is resolved."
                        } else {
                            "Nothing is calculated until every entry is complete and valid:"
                        }}
                    </p>
                    <ul>{errors.into_iter().map(|e| view! { <Problem error=e /> }).collect_view()}</ul>
                </div>
            }
        })
    };
    let of_level = move |level: Level| {
        Memo::new(move |_| {
            result.with(|r| {
                r.alerts
                    .iter()
                    .filter(|a| a.level == level)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let (hard, soft, info) = (
        of_level(Level::Hard),
        of_level(Level::Soft),
        of_level(Level::Info),
    );
    let (hard, soft, info) = (move || hard.get(), move || soft.get(), move || info.get());
    let pending_count = Memo::new(move |_| {
        let acks = calculator.acknowledgements.get();
        result.with(|r| pending(r, &acks).len())
    });
    let pending_count = move || pending_count.get();
    let any = Memo::new(move |_| result.with(|r| r.status != Status::Ok || !r.alerts.is_empty()));
    let any = move || any.get();
    view! {
        <section class="card alerts" aria-labelledby="alerts-heading" hidden=move || !any()>
            <h2 id="alerts-heading">"Alerts"</h2>
            {problems}
            <Show when=move || !hard().is_empty()>
                <ul class="alert-list">
                    <For each=hard key=|a| (a.code.clone(), a.message.clone()) let:alert>
                        <PlainAlert alert=alert />
                    </For>
                </ul>
            </Show>
            <Show when=move || !soft().is_empty()>
                <p class="pending-count" aria-live="polite">
                    {move || match pending_count() {
                        0 => "Every warning is acknowledged.".to_string(),
                        1 => "1 warning needs your acknowledgement with a reason.".to_string(),
                        n => format!("{n} warnings need your acknowledgement with a reason."),
                    }}
                </p>
                <ul class="alert-list">
                    <For each=soft key=|a| (a.code.clone(), a.message.clone()) let:alert>
                        <SoftAlert alert=alert />
                    </For>
                </ul>
            </Show>
            <Show when=move || !info().is_empty()>
                <ul class="alert-list">
                    <For each=info key=|a| (a.code.clone(), a.message.clone()) let:alert>
                        <PlainAlert alert=alert />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// The button that opens the reference text an alert refers to, when it refers to one.
#[component]
fn ReferenceLink(alert: Alert) -> impl IntoView {
    reference_for(&alert).map(|(id, text)| {
        view! {
            " "
            <button type="button" class="link-button" on:click=move |_| open_reference(&id)>
                {text}
            </button>
        }
    })
}

/// A hard or info alert: its level, message and source; nothing to acknowledge.
#[component]
fn PlainAlert(alert: Alert) -> impl IntoView {
    let (class, label) = match alert.level {
        Level::Hard => ("alert alert-hard", "Blocked: "),
        Level::Soft => ("alert alert-soft", "Warning: "),
        Level::Info => ("alert alert-info", "Note: "),
    };
    view! {
        <li class=class>
            <span class="alert-level">{label}</span>
            <AlertOrigin origin=alert.origin source=alert.source />
            {alert.message.clone()}
            " "
            <SourceNote source=alert.source />
            <ReferenceLink alert=alert />
        </li>
    }
}

/// Whose limit an alert is: the institution profile's, or not. Shown while a profile is in force;
/// without one every limit is the guideline's (or the calculator's own check) and the profile
/// status line says so.
#[component]
fn AlertOrigin(origin: Origin, source: Source) -> impl IntoView {
    let calculator = use_calculator();
    let text = match (origin, source.document) {
        (Origin::Profile, _) => "Institution profile",
        (Origin::Guideline, Document::CalculatorCheck) => "Calculator check",
        (Origin::Guideline, Document::PharmacyPractice) => "Pharmacy practice",
        (Origin::Guideline, _) => "Guideline",
    };
    view! {
        <Show when=move || calculator.thresholds.with(|t| t.profile.is_some())>
            <span class="alert-origin" class:alert-origin-profile=origin == Origin::Profile>
                {text}
            </span>
            " "
        </Show>
    }
}

/// One reason the result is withheld, with a button that goes to the field.
#[component]
fn Problem(error: FieldError) -> impl IntoView {
    let field = error.field;
    // The wait for a profile is no field of the form: nothing to go to.
    let button = (field != "profile").then(|| {
        view! {
            " "
            <button type="button" class="link-button" on:click=move |_| focus_field(field)>
                "Go to field"
            </button>
        }
    });
    view! {
        <li class="problem">
            <span class="field-error">{error.message}</span>
            {button}
        </li>
    }
}

/// A soft alert: the message, its source, and the acknowledgement form or the reason given.
#[component]
fn SoftAlert(alert: Alert) -> impl IntoView {
    let calculator = use_calculator();
    let reason = RwSignal::new(String::new());
    let refused = RwSignal::new(false);
    let input_id = unique_id("ack-reason");
    let error_id = format!("{input_id}-error");
    let withdraw_ref = NodeRef::<leptos::html::Button>::new();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let alert_for_memo = alert.clone();
    let given = Memo::new(move |_| {
        calculator
            .acknowledgements
            .with(|acks| covering(&alert_for_memo, acks).map(|k| k.reason.clone()))
    });
    let alert_for_submit = alert.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Acknowledgement::new(&alert_for_submit, &reason.get_untracked()) {
            Some(ack) => {
                refused.set(false);
                calculator.acknowledgements.update(|acks| acks.push(ack));
                // The alert may be gone by the next frame (another entry changed it).
                request_animation_frame(move || {
                    if let Some(b) = withdraw_ref.try_get_untracked().flatten() {
                        let _ = b.focus();
                    }
                });
            }
            None => {
                refused.set(true);
                if let Some(i) = input_ref.get_untracked() {
                    let _ = i.focus();
                }
            }
        }
    };
    let alert_for_withdraw = alert.clone();
    let withdraw = move |_| {
        calculator
            .acknowledgements
            .update(|acks| acks.retain(|k| !k.covers(&alert_for_withdraw)));
        reason.set(String::new());
        request_animation_frame(move || {
            if let Some(i) = input_ref.try_get_untracked().flatten() {
                let _ = i.focus();
            }
        });
    };
    let error_id_for_attr = error_id.clone();
    view! {
        <li class="alert alert-soft" class:acknowledged=move || given.with(Option::is_some)>
            <p>
                <span class="alert-level">"Warning: "</span>
                <AlertOrigin origin=alert.origin source=alert.source />
                {alert.message.clone()}
                " "
                <SourceNote source=alert.source />
                <ReferenceLink alert=alert.clone() />
            </p>
            <Show
                when=move || given.with(Option::is_some)
                fallback=move || {
                    let input_id = input_id.clone();
                    let error_id = error_id.clone();
                    let error_id_for_attr = error_id_for_attr.clone();
                    view! {
                        <p class="print-only not-acknowledged">"Not acknowledged"</p>
                        <form class="ack-form" on:submit=submit.clone()>
                            <label for=input_id.clone()>"Reason for going ahead"</label>
                            <div class="field-row">
                                <input
                                    id=input_id
                                    node_ref=input_ref
                                    type="text"
                                    autocomplete="off"
                                    aria-invalid=move || if refused.get() { "true" } else { "false" }
                                    aria-describedby=move || refused.get().then(|| error_id_for_attr.clone())
                                    prop:value=move || reason.get()
                                    on:input=move |ev| reason.set(event_target_value(&ev))
                                />
                                <button type="submit" class="button">"Acknowledge"</button>
                            </div>
                            <p id=error_id class="field-message" aria-live="polite">
                                {move || {
                                    refused
                                        .get()
                                        .then(|| {
                                            view! {
                                                <span class="field-error">
                                                    {format!(
                                                        "Reason: give at least {MIN_REASON_LEN} characters, e.g. who approved it and why.",
                                                    )}
                                                </span>
                                            }
                                        })
                                }}
                            </p>
                        </form>
                    }
                }
            >
                <p class="ack-given">
                    <span class="ack-badge">"Acknowledged"</span>
                    " Reason: "
                    <span class="ack-reason">{move || given.get().unwrap_or_default()}</span>
                    " "
                    <button type="button" class="link-button" node_ref=withdraw_ref on:click=withdraw.clone()>
                        "Withdraw"
                    </button>
                </p>
            </Show>
        </li>
    }
}
