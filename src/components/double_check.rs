//! The independent double check, on one screen or across two devices. Thin: the engine holds the
//! comparison (`ketamine_engine::double_check`); this file only decides when it may be seen.
//!
//! Blind by construction: while the second entry is made, the first entry lives only in
//! [`Calculator::first_entry`](crate::state::Calculator), which nothing renders; the form, the
//! result, the address bar and the printout all show the second entry. The first entry's figures
//! reach the DOM only through the comparison, after the second clinician has a result and asks to
//! compare. A check link carries the first entry under `check`; the page takes it out of the
//! address on load (the fragment is rewritten from the form) and keeps it in memory only.

use crate::components::share::write_clipboard;
use crate::state::{use_calculator, Calculator};
use ketamine_engine::double_check::{
    check_fragment, first_entry, second_entry_complete, Comparison, Row, Verdict,
};
use ketamine_engine::{Inputs, Status};
use leptos::prelude::*;

/// Why a check link could not be read, for the card to say.
#[derive(Clone, Copy)]
struct CheckLinkProblem(RwSignal<Option<String>>);

/// Takes the first entry out of a check link, now and whenever a link is pasted into this tab.
/// Call before the page first rewrites its address.
pub fn connect(calculator: Calculator, hash: &str) {
    let problem = RwSignal::new(None::<String>);
    provide_context(CheckLinkProblem(problem));
    let take = move |hash: &str| match first_entry(hash) {
        None => {}
        Some(Ok(first)) => {
            problem.set(None);
            calculator.compared.set(None);
            calculator.first_entry.set(Some(first));
            calculator.acknowledgements.set(Vec::new());
        }
        Some(Err(e)) => problem.set(Some(e.message)),
    };
    take(hash);
    let handle = window_event_listener_untyped("hashchange", move |_| {
        take(&window().location().hash().unwrap_or_default());
    });
    on_cleanup(move || handle.remove());
}

/// The form a fragment fills: on a check link, nothing but the frame keys, so that a link that
/// also names entries (made by hand, or tampered with) can never prime the second entry.
pub fn blind(fragment: &str, inputs: Inputs) -> Inputs {
    if first_entry(fragment).is_none() {
        return inputs;
    }
    let mut frame = Inputs::default();
    for key in Inputs::FRAME_KEYS {
        frame.set(key, inputs.get(key).map(str::to_string));
    }
    frame
}

/// Starts a check on this device: the entry so far becomes the first entry, the form empties.
fn hand_over(calculator: Calculator) {
    let mut first = calculator.inputs.get_untracked();
    for key in Inputs::FRAME_KEYS {
        first.set(key, None);
    }
    calculator.compared.set(None);
    calculator.first_entry.set(Some(first));
    calculator.clear();
}

fn end(calculator: Calculator) {
    calculator.compared.set(None);
    calculator.first_entry.set(None);
}

/// The card: start a check, make the second entry blind, then the comparison.
#[component]
pub fn DoubleCheck() -> impl IntoView {
    let calculator = use_calculator();
    let problem = use_context::<CheckLinkProblem>().map(|p| p.0);
    let has_result = Memo::new(move |_| calculator.result.with(|r| r.status == Status::Ok));
    let stage = Memo::new(move |_| {
        match (
            calculator.first_entry.with(Option::is_some),
            calculator.compared.with(Option::is_some),
        ) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        }
    });
    view! {
        <section
            class="card double-check"
            class:no-print=move || stage.get() != 2
            aria-labelledby="double-check-heading"
        >
            <h2 id="double-check-heading">"Independent double check"</h2>
            {move || problem.and_then(|p| p.get()).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || match stage.get() {
                0 => view! { <Start has_result=has_result /> }.into_any(),
                1 => view! { <SecondEntry /> }.into_any(),
                _ => view! { <Compared /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Start(has_result: Memo<bool>) -> impl IntoView {
    let calculator = use_calculator();
    let status = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    // The record's values never leave the page (review M2): no check link while the form holds
    // them; the double check on this screen still works.
    let smart = crate::smart::use_smart();
    let from_record = move || smart.is_some_and(|s| s.holds_record());
    let copy_link = move |_| {
        if from_record() {
            return;
        }
        let location = window().location();
        let fragment = calculator.inputs.with_untracked(check_fragment);
        let href = format!(
            "{}{}{}#{fragment}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        leptos::task::spawn_local(async move {
            if write_clipboard(&href).await {
                link.set(None);
                status.set("Check link copied: it opens a blank form on the second device; this entry's figures stay hidden there until the second entry is compared.".into());
            } else {
                link.set(Some(href));
                status.set(
                    "The clipboard is not available here: select the check link below and copy it."
                        .into(),
                );
            }
        });
    };
    let start = move |_| {
        hand_over(calculator);
        status.set(String::new());
        focus("weight");
    };
    view! {
        <p class="field-hint">
            "A second clinician enters the same order from the written order, without seeing these figures; the calculator then compares the two, field by field."
        </p>
        <div class="buttons">
            <button type="button" id="start-double-check" class="button" disabled=move || !has_result.get() on:click=start>
                "Hand over for a double check"
            </button>
            <button
                type="button"
                id="copy-check-link"
                class="button"
                disabled=move || !has_result.get() || from_record()
                aria-describedby=move || from_record().then_some("check-link-why")
                on:click=copy_link
            >
                "Copy a check link"
            </button>
        </div>
        {move || from_record().then(|| view! {
            <p id="check-link-why" class="field-hint">
                "A check link is unavailable: the form holds the patient's details from the health record, and they do not leave this page. Hand over for a double check on this screen instead."
            </p>
        })}
        <p id="double-check-status" class="share-status" role="status">{move || status.get()}</p>
        {move || link.get().map(|href| view! {
            <label for="check-link-fallback">"Check link to copy"</label>
            <input id="check-link-fallback" class="note-fallback" type="text" readonly prop:value=href />
        })}
    }
}

#[component]
fn SecondEntry() -> impl IntoView {
    let calculator = use_calculator();
    // The engine's rule: a plan, and each duration and concentration the first entry has.
    let complete = Memo::new(move |_| {
        calculator.first_entry.with(|first| {
            first.as_ref().is_some_and(|first| {
                calculator.inputs.with(|second| {
                    calculator
                        .result
                        .with(|r| second_entry_complete(first, second, r))
                })
            })
        })
    });
    let compare = move |_| {
        if complete.get_untracked() {
            // Frozen here: later edits are marked, never compared.
            let frozen = (
                calculator.inputs.get_untracked(),
                calculator.result.get_untracked(),
            );
            calculator.compared.set(Some(frozen));
            focus("double-check-verdict");
        }
    };
    view! {
        <p id="double-check-banner" class="check-banner" role="status">
            "Second entry: enter the order as it is written. The first entry is hidden; its figures appear only when you compare."
        </p>
        <div class="buttons">
            <button
                type="button"
                id="compare-entries"
                class="button"
                aria-describedby="compare-hint"
                disabled=move || !complete.get()
                on:click=compare
            >
                "Compare with the first entry"
            </button>
            <button type="button" id="cancel-double-check" class="button button-quiet" on:click=move |_| end(calculator)>
                "Cancel the double check"
            </button>
        </div>
        <p id="compare-hint" class="field-hint">"Available once this entry is complete: a bolus or a rate, and the duration and the concentration as the order gives them."</p>
    }
}

#[component]
fn Compared() -> impl IntoView {
    let calculator = use_calculator();
    let comparison = Memo::new(move |_| calculator.result.with(|r| r.double_check.clone()));
    view! {
        {move || comparison.get().map(|c| view! { <ComparisonView comparison=c /> })}
        <div class="buttons no-print">
            <button type="button" id="end-double-check" class="button button-quiet" on:click=move |_| end(calculator)>
                "End the double check"
            </button>
        </div>
    }
}

#[component]
fn ComparisonView(comparison: Comparison) -> impl IntoView {
    let class = match comparison.verdict {
        _ if comparison.edited_after_comparison => "check-verdict check-mismatch",
        Verdict::Match => "check-verdict check-match",
        Verdict::ResultsMatchEntriesDiffer => "check-verdict check-entries-differ",
        Verdict::Mismatch | Verdict::Incomplete => "check-verdict check-mismatch",
    };
    view! {
        <p id="double-check-verdict" class=class tabindex="-1" role="status">
            <strong>{comparison.summary}</strong>
        </p>
        <RowsTable id="double-check-entries" caption="Entries" rows=comparison.entries />
        <RowsTable id="double-check-results" caption="Results" rows=comparison.results />
        <p class="field-hint">{comparison.rule} " (" {comparison.source.to_string()} ")"</p>
    }
}

#[component]
fn RowsTable(id: &'static str, caption: &'static str, rows: Vec<Row>) -> impl IntoView {
    view! {
        <table id=id class="check-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">"First entry"</th>
                    <th scope="col">"Second entry"</th>
                    <th scope="col">"Same"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        view! {
                            <tr class:check-differs=!r.same data-key=r.key>
                                <th scope="row">{r.label}</th>
                                <td>{r.first}</td>
                                <td>{r.second}</td>
                                <td>{if r.same { "same" } else { "DIFFERENT" }}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Moves focus once the view has caught up with the state just set.
fn focus(id: &'static str) {
    request_animation_frame(move || focus_now(id));
}

fn focus_now(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(e) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}
