//! Labelled fields bound to one engine input each, with the engine's message for that input shown
//! next to the field (`aria-describedby`, `aria-invalid`).
//!
//! Every field reads and writes the shared [`Calculator`](crate::state::Calculator) by prefill key;
//! the key is also the element's id, which labels, messages, tests and the summary of problems
//! rely on.
//!
//! ```no_run
//! use ketamine_calculator::components::fields::TextField;
//! use ketamine_calculator::state::CalculatorProvider;
//! use leptos::prelude::*;
//! let _ = view! {
//!     <CalculatorProvider>
//!         <TextField key="age" label="Age (years)" />
//!     </CalculatorProvider>
//! };
//! ```

use crate::state::use_calculator;
use ketamine_engine::CalculationResult;
use leptos::prelude::*;

/// The engine's messages for one field, joined, if it has any.
pub fn field_errors(result: &CalculationResult, key: &str) -> Option<String> {
    let messages: Vec<&str> = result
        .errors
        .iter()
        .filter(|e| e.field == key)
        .map(|e| e.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

/// Ids of the hint and message that describe a field, for `aria-describedby`.
fn described_by(key: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{key}-hint"));
    }
    if has_error {
        ids.push(format!("{key}-error"));
    }
    // Where the value came from, when the record filled it (review S9): read with the field.
    if crate::smart::view::source_shown(key) {
        ids.push(format!("{key}-source"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// When the engine's message for a field is shown.
///
/// A field being typed into stays quiet until it is first left (or Enter is pressed): typing "70"
/// would otherwise flash, and announce, an error at "7". From then on it follows every keystroke.
/// A value that arrives from elsewhere (a link, a protocol, a host page) counts as left. An empty
/// field shows a message only when something else made it necessary (e.g. height for ideal body
/// weight), unless `quiet_when_empty` says an empty form is simply incomplete.
fn field_message(
    key: &'static str,
    quiet_when_empty: bool,
) -> (Signal<Option<String>>, Callback<()>, Callback<String>) {
    let calculator = use_calculator();
    let value = Memo::new(move |_| {
        calculator
            .inputs
            .with(|i| i.get(key).unwrap_or_default().to_string())
    });
    let left_once = RwSignal::new(false);
    let typed = StoredValue::new(String::new());
    Effect::new(move |_| {
        let v = value.get();
        if typed.with_value(|t| t.trim() != v) {
            left_once.set(!v.is_empty());
            typed.set_value(v);
        }
    });
    // A memo: the message re-renders when its text changes, not with every result.
    let shown = Memo::new(move |_| {
        let empty = value.with(|v| v.is_empty());
        if empty && quiet_when_empty {
            return None;
        }
        if !empty && !left_once.get() {
            return None;
        }
        calculator.result.with(|r| field_errors(r, key))
    });
    let leave = Callback::new(move |_| left_once.set(true));
    let typing = Callback::new(move |text: String| typed.set_value(text));
    (shown.into(), leave, typing)
}

/// The message slot under a field. Always in the DOM, even when empty: screen readers only
/// announce changes to a live region that already exists.
#[component]
fn FieldMessage(key: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=format!("{key}-error") class="field-message" aria-live="polite">
            {move || message.get().map(|m| view! { <span class="field-error">{m}</span> })}
        </p>
    }
}

/// A labelled text field for a number, bound to one prefill key.
///
/// A text field, not `type="number"`: a number field reports "7o" as empty, which would hide the
/// typo from the engine's validation. `inputmode="decimal"` still opens a numeric keypad.
#[component]
pub fn TextField(
    /// The prefill key; also the element's id.
    key: &'static str,
    /// Visible label, with the unit in it, e.g. "Weight (kg)".
    #[prop(into)]
    label: Signal<String>,
    /// A short note under the label, such as the accepted range; read with the field.
    #[prop(optional, into)]
    hint: Option<String>,
    /// An empty field is incomplete, not wrong: no message until something is typed.
    #[prop(optional)]
    quiet_when_empty: bool,
    /// The on-screen keyboard to offer.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// Extra content after the field on the same line, e.g. a unit selector.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let calculator = use_calculator();
    let (message, leave, typing) = field_message(key, quiet_when_empty);
    let has_error = move || message.with(|m| m.is_some());
    let value = move || calculator.value(key);
    let has_hint = hint.is_some();
    view! {
        <div class="field">
            <label for=key>{move || label.get()}</label>
            {hint.map(|h| view! { <p id=format!("{key}-hint") class="field-hint">{h}</p> })}
            <div class="field-row">
                <input
                    id=key
                    name=key
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    aria-describedby=move || described_by(key, has_hint, has_error())
                    prop:value=value
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        typing.run(text.trim().to_string());
                        calculator.set(key, Some(text));
                    }
                    on:change=move |_| leave.run(())
                    on:blur=move |_| leave.run(())
                />
                {children.map(|c| c())}
            </div>
            <FieldMessage key=key message=message />
        </div>
    }
}

/// A labelled drop-down bound to one prefill key. `options` are (value, label) pairs; an empty
/// value means "not entered".
#[component]
pub fn SelectField(
    /// The prefill key; also the element's id.
    key: &'static str,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
    /// Called with the chosen value instead of setting the key, for choices that change several
    /// fields at once (a protocol preset).
    #[prop(optional)]
    on_choose: Option<Callback<String>>,
    /// Hide the visible label (when the field sits beside another that names it), keeping it for
    /// screen readers.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let calculator = use_calculator();
    let (message, _, _) = field_message(key, false);
    let has_error = move || message.with(|m| m.is_some());
    let current = Memo::new(move |_| calculator.value(key));
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let v = value.clone();
            view! {
                <option value=value prop:selected=move || current.with(|c| *c == v)>{text}</option>
            }
        })
        .collect_view();
    let select = view! {
        <select
            id=key
            name=key
            aria-invalid=move || if has_error() { "true" } else { "false" }
            aria-describedby=move || described_by(key, false, has_error())
            on:change=move |ev| {
                let chosen = event_target_value(&ev);
                match on_choose {
                    Some(choose) => choose.run(chosen),
                    None => calculator.set(key, Some(chosen)),
                }
            }
        >
            {options}
        </select>
    };
    view! {
        <div class="field" class:field-compact=compact>
            <label for=key class:visually-hidden=compact>{move || label.get()}</label>
            {select}
            <FieldMessage key=key message=message />
        </div>
    }
}

/// A unit selector that sits beside its number field (kg or lb, cm or in, rate units). Labelled
/// for screen readers; the unit it shows is also in the number field's label.
#[component]
pub fn UnitSelect(
    /// The prefill key of the unit, e.g. `weight_unit`.
    key: &'static str,
    /// Accessible name, e.g. "Weight unit".
    label: &'static str,
    /// Units as (value, text); the first is the default when the key is empty.
    units: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let calculator = use_calculator();
    let current = Memo::new(move |_| {
        let v = calculator.value(key);
        if v.is_empty() {
            units[0].0.to_string()
        } else {
            v
        }
    });
    view! {
        <select
            id=key
            name=key
            class="unit-select"
            aria-label=label
            on:change=move |ev| calculator.set(key, Some(event_target_value(&ev)))
        >
            {units
                .iter()
                .map(|(value, text)| {
                    view! {
                        <option value=*value prop:selected=move || current.with(|c| c == value)>
                            {*text}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// A group of radio buttons bound to one prefill key; the first choice stands for an empty key
/// (the engine's default).
#[component]
pub fn RadioGroup(
    key: &'static str,
    legend: &'static str,
    choices: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let calculator = use_calculator();
    let (message, _, _) = field_message(key, false);
    let has_error = move || message.with(|m| m.is_some());
    let current = Memo::new(move |_| {
        let v = calculator.value(key);
        if v.is_empty() {
            choices[0].0.to_string()
        } else {
            v
        }
    });
    view! {
        <fieldset
            id=key
            class="field radio-group"
            aria-describedby=move || described_by(key, false, has_error())
        >
            <legend>{legend}</legend>
            <div class="choices">
                {choices
                    .iter()
                    .map(|(value, text)| {
                        let id = format!("{key}-{value}");
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input
                                    type="radio"
                                    id=id
                                    name=key
                                    value=*value
                                    prop:checked=move || current.with(|c| c == value)
                                    on:change=move |_| calculator.set(key, Some(value.to_string()))
                                />
                                {*text}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldMessage key=key message=message />
        </fieldset>
    }
}
