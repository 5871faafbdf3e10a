//! When the app itself fails: a panic hands over to the page's crash guard (`pwa/guard.js`), which
//! replaces every figure with a message to reload and tells an embedding host page.
//!
//! The release build aborts on a panic: the wasm instance traps and nothing it drew can be trusted.
//! The guard already sees the trap (an uncaught `WebAssembly.RuntimeError`); the hook tells it
//! first, and directly, so the figures go even if a trap is ever caught on its way out. With
//! `-Cpanic=immediate-abort` no hook runs and the guard alone acts.
//!
//! [`failed`] lets the embed module stay silent once the page has failed: a half-dead instance
//! must not post a result after the guard has told the host that the page stopped.

use wasm_bindgen::{JsCast, JsValue};

/// Installs the panic hook; call first in `main`. Any hook installed before keeps running after it.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(&info.to_string());
        previous(info);
    }));
}

/// Tells the guard that the app crashed, with what went wrong (for the console only: the host
/// page gets the reason, not the detail). Without a guard on the page (a test page), the console.
pub fn report(detail: &str) {
    match guard_call("fail") {
        Some((guard, fail)) => {
            // No reason: the guard knows whether the app had started ("crashed") or not.
            let _ = fail.call2(&guard, &JsValue::NULL, &detail.into());
        }
        None => {
            web_sys::console::error_1(&format!("ketamine-calculator: crashed: {detail}").into())
        }
    }
}

/// Whether the guard has replaced the page (the app crashed or could not start).
pub fn failed() -> bool {
    guard_call("failed")
        .and_then(|(guard, failed)| failed.call0(&guard).ok())
        .and_then(|answer| answer.as_bool())
        .unwrap_or(false)
}

/// The guard object and one of its functions.
fn guard_call(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let guard = js_sys::Reflect::get(&js_sys::global(), &"ketamineCalculatorGuard".into()).ok()?;
    let function = js_sys::Reflect::get(&guard, &name.into()).ok()?;
    let function = function.dyn_into::<js_sys::Function>().ok()?;
    Some((guard, function))
}
