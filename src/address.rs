//! The address bar: the entries kept in step with the URL fragment, so that a link always
//! reproduces the page. Below the components, which ask for an up-to-date address before they
//! copy it, and the page, which starts the following.

use crate::smart::Smart;
use crate::state::Calculator;
use ketamine_engine::Inputs;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Writes the inputs into the address bar now, without waiting for the deferred write that
/// follows typing; for whatever reads the address (copying the link) and for leaving the page.
pub fn mirror_now(calculator: Calculator, smart: Option<Smart>) {
    calculator
        .inputs
        .with_untracked(|inputs| mirror_entries(inputs, smart));
}

/// Once the form holds values from the health record, the address carries none of the entries:
/// nothing from the record goes into a link, the history or a bookmark.
fn mirror_entries(inputs: &Inputs, smart: Option<Smart>) {
    if smart.is_some_and(|s| s.holds_record()) {
        mirror_to_url(&Inputs::default());
    } else {
        mirror_to_url(inputs);
    }
}

/// Keeps the address bar in step with the entries, one step behind the page: the write comes in
/// the task after the keystroke, once the result is on screen. `history.replaceState` costs about
/// 3.5 ms a call in Chromium, more than half of the main thread's time while typing (measured
/// 2026-11-27 with a CPU profile of the benchmark's keystrokes); made before the render, it
/// delayed every figure by that much. Changes in one task are written once, as they stand when
/// the write runs; leaving the page writes at once.
pub fn follow_in_url(calculator: Calculator, smart: Option<Smart>) {
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        calculator.inputs.track();
        if let Some(s) = smart {
            s.record.track();
        }
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            // Nothing once the page is gone (a test that unmounted it).
            move || {
                if pending.try_set_value(false).is_none() {
                    calculator
                        .inputs
                        .try_with_untracked(|inputs| mirror_entries(inputs, smart));
                }
            },
            std::time::Duration::ZERO,
        );
    });
    let handle = window_event_listener_untyped("pagehide", move |_| mirror_now(calculator, smart));
    on_cleanup(move || handle.remove());
}

/// Writes the inputs into the address bar without a new history entry; no `#` at all when empty.
fn mirror_to_url(inputs: &Inputs) {
    let window = window();
    let location = window.location();
    let fragment = inputs.to_fragment();
    let current = location.hash().unwrap_or_default();
    if current.trim_start_matches('#') == fragment {
        return;
    }
    let url = if fragment.is_empty() {
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        format!("#{fragment}")
    };
    // Through Reflect: `history` is the one browser API here that web-sys features do not cover.
    let Ok(history) = js_sys::Reflect::get(&window, &"history".into()) else {
        return;
    };
    if let Some(replace) = js_sys::Reflect::get(&history, &"replaceState".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = replace.call3(&history, &JsValue::NULL, &"".into(), &url.into());
    }
}
