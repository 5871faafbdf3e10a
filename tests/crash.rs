//! The panic hook (src/crash.rs) with the page's crash guard (pwa/guard.js), under a deliberate
//! panic: only a test build can panic on purpose. A file of its own: after the panic this wasm
//! instance is dead, so no other test may share it.
//!
//! What the release build does with a bare trap (no hook: `-Cpanic=immediate-abort`) and with a
//! wasm that does not start is tested in e2e/crash.spec.mjs.

#![cfg(target_arch = "wasm32")]

use ketamine_calculator::components::ranges::Ranges;
use ketamine_calculator::crash;
use ketamine_calculator::CalculatorProvider;
use ketamine_engine::Inputs;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GUARD: &str = include_str!("../pwa/guard.js");

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap()
}

// The framework's panic hook records the message that `should_panic` compares; the checking hook
// below passes the panic on to it only when, at that moment (after the app's hook has run), the
// page shows the message to reload and no figure. Otherwise the expected message is never
// recorded and the test fails.
#[wasm_bindgen_test]
#[should_panic(expected = "deliberate fault of the crash test")]
fn a_panic_replaces_every_figure_with_a_message_to_reload() {
    // The guard replaces the whole body of its page, and the test runner reads its results from
    // this page's body: the calculator and its guard get a frame of their own. The guard is found
    // by the app where the page's guard would be, on the global object.
    let frame = document().create_element("iframe").unwrap();
    document().body().unwrap().append_child(&frame).unwrap();
    let frame_window = get(&frame, "contentWindow");
    let function: js_sys::Function = get(&frame_window, "Function").unchecked_into();
    let guard: js_sys::Function =
        js_sys::Reflect::construct(&function, &js_sys::Array::of1(&GUARD.into()))
            .unwrap()
            .unchecked_into();
    guard.call0(&JsValue::UNDEFINED).unwrap();
    // As Trunk's loader does once `main` has run: from now on a failure is a crash.
    let event_class: js_sys::Function = get(&frame_window, "Event").unchecked_into();
    let started = js_sys::Reflect::construct(
        &event_class,
        &js_sys::Array::of1(&"TrunkApplicationStarted".into()),
    )
    .unwrap();
    let dispatch: js_sys::Function = get(&frame_window, "dispatchEvent").unchecked_into();
    dispatch.call1(&frame_window, &started).unwrap();
    let installed = get(&frame_window, "ketamineCalculatorGuard");
    js_sys::Reflect::set(
        &js_sys::global(),
        &"ketamineCalculatorGuard".into(),
        &installed,
    )
    .unwrap();
    let body: web_sys::HtmlElement = get(&get(&frame_window, "document"), "body").unchecked_into();

    let _mounted = mount_to(body.clone(), || {
        view! {
            <CalculatorProvider initial=Inputs::from_fragment("weight=70")>
                <Ranges />
            </CalculatorProvider>
        }
    });
    let before = body.text_content().unwrap_or_default();
    assert!(
        before.contains("24.5 mg"),
        "the figure to be removed: {before}"
    );
    assert!(!crash::failed());

    let framework = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let after = body.text_content().unwrap_or_default();
        let replaced = after.contains("The calculator stopped working")
            && after.contains("Reload the page")
            && !after.chars().any(|c| c.is_ascii_digit());
        if replaced && crash::failed() {
            framework(info);
        } else {
            web_sys::console::error_1(
                &format!(
                    "after the panic: failed() = {}, the page shows: {after}",
                    crash::failed()
                )
                .into(),
            );
        }
    }));
    crash::install_panic_hook();
    panic!("deliberate fault of the crash test");
}
