//! The iframe widget: compact layout and the `postMessage` contract of
//! `docs/embed-api-v1.md` (embedding guide for hospital web teams: `docs/hospital-web-teams.md`).
//!
//! With `embed=1` in the fragment the page takes its compact layout (class `embed` on `<html>`).
//! With `embed=1` and a valid `parent_origin` as well, the page talks to its host:
//!
//! - after every change it posts `{type: "ketamine-calculator/result", version: 1, result}` to
//!   `window.parent`, with `parent_origin` as the target origin (never `*`), `result` being the
//!   engine's `CalculationResult` as serde serializes it;
//! - it posts `{type: "ketamine-calculator/height", version: 1, height}` (CSS pixels) whenever the
//!   content's height changes, so the host can size the iframe;
//! - it accepts `{type: "ketamine-calculator/prefill", version: 1, values: {key: value}}` only
//!   when the message comes from `window.parent` *and* from `parent_origin`;
//! - likewise `{type: "ketamine-calculator/profile", version: 1, profile: {...}}`, an institution
//!   profile (see `crate::profile`); the result message then carries `profile_status`: `state`
//!   (`guideline`, `loading`, `active` or `rejected`), `from`, and `errors` (`{key, message}`).
//!
//! `parent_origin` is read once, when the page starts: no later input (a prefill message, a field)
//! can redirect the results. Without it, or when it is not a plain origin, nothing is posted and
//! no message is accepted.

use ketamine_engine::protocols::Protocol;
use ketamine_engine::{CalculationResult, Inputs};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, ResizeObserver, Window};

use crate::state::{Calculator, ProfileState};

/// Message types of contract version 1.
pub const RESULT_TYPE: &str = "ketamine-calculator/result";
pub const HEIGHT_TYPE: &str = "ketamine-calculator/height";
pub const PREFILL_TYPE: &str = "ketamine-calculator/prefill";
pub const PROFILE_TYPE: &str = "ketamine-calculator/profile";
pub const CONTRACT_VERSION: u32 = 1;

/// Whether the page runs inside another page (an iframe).
pub fn framed() -> bool {
    window()
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !js_sys::Object::is(&parent, &window()))
}

/// Connects the calculator to its host page, as the fragment asks. Call once, after the
/// calculator is provided.
pub fn connect(calculator: Calculator) {
    let (embed, parent_origin) = calculator.inputs.with_untracked(|inputs| {
        (
            inputs.get("embed") == Some("1"),
            inputs.get("parent_origin").and_then(plain_origin),
        )
    });
    if !embed {
        return;
    }
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("embed");
    }
    let Some(origin) = parent_origin else {
        return;
    };
    // Not in a frame: there is no host to talk to.
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    if js_sys::Object::is(&parent, &window()) {
        return;
    }

    listen(calculator, parent.clone(), origin.clone());
    post_results(calculator, parent.clone(), origin.clone());
    post_height(parent, origin);
}

/// `value` when it is a plain http(s) origin, exactly as browsers write one
/// (`scheme://host[:port]`, lower case, no default port, no path, no trailing slash); else `None`.
pub fn plain_origin(value: &str) -> Option<String> {
    let url = web_sys::Url::new(value).ok()?;
    let scheme_ok = matches!(url.protocol().as_str(), "http:" | "https:");
    (scheme_ok && url.origin() == value).then(|| value.to_string())
}

/// Whose limits the result was calculated under, for the host page.
#[derive(Serialize)]
struct ProfileStatus<'a> {
    state: &'static str,
    from: Option<&'a str>,
    errors: &'a [ketamine_engine::profile::ProfileError],
}

impl<'a> From<&'a ProfileState> for ProfileStatus<'a> {
    fn from(state: &'a ProfileState) -> Self {
        let (state, from, errors) = match state {
            ProfileState::Guideline => ("guideline", None, &[][..]),
            ProfileState::Loading { from } => ("loading", Some(from.as_str()), &[][..]),
            ProfileState::Active { from, .. } => ("active", Some(from.as_str()), &[][..]),
            ProfileState::Rejected { from, errors } => {
                ("rejected", Some(from.as_str()), errors.as_slice())
            }
        };
        ProfileStatus {
            state,
            from,
            errors,
        }
    }
}

/// The result message as the host receives it: the engine's result serialized by serde, as a
/// plain JS object (JSON-compatible: `None` becomes `null`, maps become objects), and the
/// profile status beside it.
pub fn result_message(
    result: &CalculationResult,
    profile: &ProfileState,
) -> Result<js_sys::Object, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"type".into(), &RESULT_TYPE.into())?;
    js_sys::Reflect::set(&message, &"version".into(), &CONTRACT_VERSION.into())?;
    js_sys::Reflect::set(&message, &"result".into(), &result.serialize(&serializer)?)?;
    let status = ProfileStatus::from(profile).serialize(&serializer)?;
    js_sys::Reflect::set(&message, &"profile_status".into(), &status)?;
    Ok(message)
}

fn post_results(calculator: Calculator, parent: Window, origin: String) {
    let message = move || {
        calculator
            .profile
            .with(|p| calculator.result.with(|r| result_message(r, p)))
    };
    Effect::new(move |_| match message() {
        Ok(message) => {
            let _ = parent.post_message(&message, &origin);
        }
        Err(err) => web_sys::console::error_2(&"embed: result not posted:".into(), &err),
    });
}

fn post_height(parent: Window, origin: String) {
    let Some(body) = document().body() else {
        return;
    };
    let measured = body.clone();
    let mut last = -1.0;
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last {
            last = height;
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_TYPE.into());
            let _ = js_sys::Reflect::set(&message, &"version".into(), &CONTRACT_VERSION.into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, &origin);
        }
    });
    if let Ok(observer) = ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    callback.forget();
}

fn listen(calculator: Calculator, parent: Window, origin: String) {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // Both checks: the origin says who sent it; the source, that it is the page around this
        // frame and not another window of the same origin (a pop-up, a sibling frame).
        if event.origin() != origin {
            return;
        }
        match event.source() {
            Some(source) if js_sys::Object::is(&source, &parent) => {}
            _ => return,
        }
        if let Some(profile) = profile_of(&event.data()) {
            crate::profile::receive(calculator, profile, &origin);
            return;
        }
        let Some(values) = prefill_values(&event.data()) else {
            return;
        };
        let mut inputs = Inputs::default();
        calculator.inputs.with_untracked(|current| {
            for key in Inputs::FRAME_KEYS {
                inputs.set(key, current.get(key).map(str::to_string));
            }
        });
        for (key, value) in values {
            if !Inputs::FRAME_KEYS.contains(&key.as_str()) {
                // Keys outside the contract are ignored (Inputs::set returns false for them).
                inputs.set(&key, value);
            }
        }
        if let Some(protocol) = inputs.get("protocol").and_then(Protocol::from_key) {
            protocol.fill_missing(&mut inputs);
        }
        let changed = calculator
            .inputs
            .with_untracked(|current| *current != inputs);
        if changed {
            // Acknowledgements were given for the entries they saw, perhaps another patient's.
            calculator.acknowledgements.set(Vec::new());
            calculator.replace(inputs);
        }
    });
    let _ = window().add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// The `profile` of a version-1 profile message; `None` for anything else.
fn profile_of(data: &JsValue) -> Option<JsValue> {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok();
    let is_profile_message = data.is_object()
        && get("type")?.as_string().as_deref() == Some(PROFILE_TYPE)
        && get("version")?.as_f64() == Some(f64::from(CONTRACT_VERSION));
    is_profile_message.then(|| get("profile")).flatten()
}

/// The `values` of a version-1 prefill message, each as text (`None` for null or an empty
/// string, which clears the field); `None` for anything that is not such a message. Numbers are
/// written the way JavaScript writes them (70, 24.5), booleans and objects are dropped.
fn prefill_values(data: &JsValue) -> Option<Vec<(String, Option<String>)>> {
    let get = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &key.into()).ok();
    if !data.is_object() {
        return None;
    }
    if get(data, "type")?.as_string().as_deref() != Some(PREFILL_TYPE) {
        return None;
    }
    if get(data, "version")?.as_f64() != Some(f64::from(CONTRACT_VERSION)) {
        return None;
    }
    let values = get(data, "values")?;
    if !values.is_object() || js_sys::Array::is_array(&values) {
        return None;
    }
    let values: &js_sys::Object = values.unchecked_ref();
    let mut out = Vec::new();
    for entry in js_sys::Object::entries(values).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let Some(key) = pair.get(0).as_string() else {
            continue;
        };
        let value = pair.get(1);
        let text = if let Some(text) = value.as_string() {
            Some(text)
        } else if let Some(number) = value.as_f64() {
            if !number.is_finite() {
                continue;
            }
            js_sys::Number::from(number)
                .to_string_with_radix(10)
                .ok()
                .map(String::from)
        } else if value.is_null() || value.is_undefined() {
            None
        } else {
            continue;
        };
        out.push((key, text));
    }
    Some(out)
}
