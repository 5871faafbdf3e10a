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
//!
//! A message from `parent_origin` and `window.parent` that is not applied (not an object, a type
//! or version this contract does not have, a value of the wrong type, more or larger than bounds
//! allow) changes nothing and is answered with `{type: "ketamine-calculator/rejected", version: 1,
//! rejected, errors: [{key, message}]}`, `rejected` being the message's type when it had a short
//! text one. Messages from anywhere else get no answer at all. Sizes are checked before anything
//! is copied out of a message, so a huge one costs no more than reading its key count.
//!
//! Once the page has failed (`crate::crash`), nothing more is posted or accepted: the crash guard
//! has told the host with `ketamine-calculator/error`.

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
pub const REJECTED_TYPE: &str = "ketamine-calculator/rejected";
pub const CONTRACT_VERSION: u32 = 1;

/// Bounds of a message from the host, checked before its content is copied into the app.
/// A message type is short; a prefill names at most this many keys (the contract has 27); a value
/// is at most as long as the engine keeps one (longer is a mistake or hostile, not truncated).
const MAX_TYPE_CHARS: u32 = 64;
const MAX_PREFILL_KEYS: u32 = 64;
const MAX_KEY_CHARS: u32 = 64;
const MAX_VALUE_CHARS: u32 = 256;
/// A profile message: at most as much text as a profile file may hold, nested no deeper than a
/// profile is, in at most this many values.
const MAX_PROFILE_DEPTH: u32 = 16;
const MAX_PROFILE_VALUES: u32 = 10_000;

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
        // After a crash the guard has told the host; a half-dead instance must say nothing more.
        Ok(_) if crate::crash::failed() => {}
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
        if height != last && !crate::crash::failed() {
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
        if crate::crash::failed() {
            return;
        }
        match read_message(&event.data()) {
            Ok(HostMessage::Profile(profile)) => {
                crate::profile::receive(calculator, profile, &origin)
            }
            Ok(HostMessage::Prefill(values)) => prefill(calculator, values),
            Err(rejection) => match rejection.to_message() {
                Ok(reply) => {
                    let _ = parent.post_message(&reply, &origin);
                }
                Err(err) => web_sys::console::error_2(&"embed: rejection not posted:".into(), &err),
            },
        }
    });
    let _ = window().add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Replaces the entries with a prefill's values; the frame keys stay as the page started.
fn prefill(calculator: Calculator, values: Vec<(String, Option<String>)>) {
    let mut inputs = Inputs::default();
    calculator.inputs.with_untracked(|current| {
        for key in Inputs::FRAME_KEYS {
            inputs.set(key, current.get(key).map(str::to_string));
        }
    });
    for (key, value) in values {
        inputs.set(&key, value);
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
}

/// A message from the host that the calculator applies.
#[derive(Debug)]
pub enum HostMessage {
    /// The prefill's values for the contract's keys, as text (`None` clears the field).
    Prefill(Vec<(String, Option<String>)>),
    /// The profile object, checked for size and depth only (the engine validates it).
    Profile(JsValue),
}

/// Why a message from the host was not applied: its type when it had a short text one, and each
/// thing wrong with it, keyed like the message (`type`, `version`, `values.weight`, `profile`).
#[derive(Debug, PartialEq)]
pub struct Rejection {
    pub rejected: Option<String>,
    pub errors: Vec<ketamine_engine::profile::ProfileError>,
}

impl Rejection {
    fn new(rejected: Option<String>, key: &str, message: String) -> Self {
        let mut rejection = Rejection {
            rejected,
            errors: Vec::new(),
        };
        rejection.add(key, message);
        rejection
    }

    fn add(&mut self, key: &str, message: String) {
        self.errors.push(ketamine_engine::profile::ProfileError {
            key: key.to_string(),
            message: format!("{key}: {message}"),
        });
    }

    /// The reply to the host: `{type: "ketamine-calculator/rejected", version: 1, rejected, errors}`.
    pub fn to_message(&self) -> Result<js_sys::Object, JsValue> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"type".into(), &REJECTED_TYPE.into())?;
        js_sys::Reflect::set(&message, &"version".into(), &CONTRACT_VERSION.into())?;
        let rejected = self.rejected.serialize(&serializer)?;
        js_sys::Reflect::set(&message, &"rejected".into(), &rejected)?;
        let errors = self.errors.serialize(&serializer)?;
        js_sys::Reflect::set(&message, &"errors".into(), &errors)?;
        Ok(message)
    }
}

/// `value` as Rust text when it is a JS string of at most `max` UTF-16 units; measured before it
/// is copied, so a huge string is never copied.
fn short_text(value: &JsValue, max: u32) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    (text.length() <= max).then(|| String::from(text))
}

/// A plain object, as a structured clone or `JSON.parse` makes one: not null, not an array, not
/// a typed array, map or date (whose keys could be counted in millions before any check).
fn is_record(value: &JsValue) -> bool {
    value.is_object()
        && js_sys::Object::is(
            &js_sys::Object::get_prototype_of(value),
            &js_sys::Object::get_prototype_of(&js_sys::Object::new()),
        )
}

/// What a value is, in words, for a rejection.
fn kind(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "missing"
    } else if value.is_null() {
        "null"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "text"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else {
        "an object"
    }
}

/// Reads a message from the host: a prefill or a profile of contract version 1, or why not.
pub fn read_message(data: &JsValue) -> Result<HostMessage, Rejection> {
    if !is_record(data) {
        return Err(Rejection::new(
            None,
            "message",
            format!(
                "is {}; a message is an object {{type, version: {CONTRACT_VERSION}, …}}",
                kind(data)
            ),
        ));
    }
    let get = |object: &JsValue, key: &str| {
        js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    };
    let type_value = get(data, "type");
    let rejected = short_text(&type_value, MAX_TYPE_CHARS);
    let accepted = format!("{PREFILL_TYPE} or {PROFILE_TYPE}");
    let is_prefill = rejected.as_deref() == Some(PREFILL_TYPE);
    let is_profile = rejected.as_deref() == Some(PROFILE_TYPE);
    if !is_prefill && !is_profile {
        let message = match &rejected {
            Some(name) => {
                format!("\"{name}\" is not a message this calculator accepts ({accepted})")
            }
            None if type_value.is_string() => {
                format!("longer than {MAX_TYPE_CHARS} characters; it must be {accepted}")
            }
            None => format!("is {}; it must be {accepted}", kind(&type_value)),
        };
        return Err(Rejection::new(rejected, "type", message));
    }
    let version = get(data, "version");
    if version.as_f64() != Some(f64::from(CONTRACT_VERSION)) {
        let got = match version.as_f64() {
            Some(number) if number.is_finite() => format!("{number}"),
            _ => kind(&version).to_string(),
        };
        return Err(Rejection::new(
            rejected,
            "version",
            format!("is {got}; it must be the number {CONTRACT_VERSION}"),
        ));
    }
    if is_profile {
        let profile = get(data, "profile");
        return match profile_bounds(&profile) {
            Ok(()) => Ok(HostMessage::Profile(profile)),
            Err(message) => Err(Rejection::new(rejected, "profile", message)),
        };
    }
    prefill_values(&get(data, "values"))
        .map(HostMessage::Prefill)
        .map_err(|errors| Rejection { rejected, errors })
}

/// The profile of a profile message: an object, within the bounds of a profile file.
fn profile_bounds(profile: &JsValue) -> Result<(), String> {
    if !is_record(profile) {
        return Err(format!(
            "is {}; it must be an object, the profile file's content",
            kind(profile)
        ));
    }
    let mut values = 0;
    let mut text = 0;
    measure(profile, 1, &mut values, &mut text)
}

/// Walks a value, counting values and text, and stops at the first bound crossed.
fn measure(value: &JsValue, depth: u32, values: &mut u32, text: &mut u32) -> Result<(), String> {
    let max_text = ketamine_engine::profile::MAX_FILE_BYTES as u32;
    *values += 1;
    if *values > MAX_PROFILE_VALUES {
        return Err(format!(
            "holds more than {MAX_PROFILE_VALUES} values; a profile is far smaller"
        ));
    }
    if let Some(string) = value.dyn_ref::<js_sys::JsString>() {
        *text = text.saturating_add(string.length());
    } else if value.is_object() {
        if depth > MAX_PROFILE_DEPTH {
            return Err(format!(
                "is nested deeper than {MAX_PROFILE_DEPTH} levels; a profile is not"
            ));
        }
        let is_array = js_sys::Array::is_array(value);
        if !is_array && !is_record(value) {
            return Err("holds an object that is not JSON data (only objects, arrays, text, numbers, true, false and null)".into());
        }
        // An array's length first: a sparse array can claim billions of entries.
        if is_array && value.unchecked_ref::<js_sys::Array>().length() > MAX_PROFILE_VALUES {
            return Err(format!(
                "holds more than {MAX_PROFILE_VALUES} values; a profile is far smaller"
            ));
        }
        let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
        if keys.length() > MAX_PROFILE_VALUES {
            return Err(format!(
                "holds more than {MAX_PROFILE_VALUES} values; a profile is far smaller"
            ));
        }
        for key in keys.iter() {
            let key: js_sys::JsString = key.unchecked_into();
            *text = text.saturating_add(key.length());
            if *text > max_text {
                break;
            }
            let child = js_sys::Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
            measure(&child, depth + 1, values, text)?;
        }
    }
    if *text > max_text {
        return Err(format!(
            "holds more than {max_text} characters of text; a profile file is at most {max_text} bytes"
        ));
    }
    Ok(())
}

/// The `values` of a prefill, each as text (`None` for null or an empty string, which clears the
/// field). Numbers are written the way JavaScript writes them (70, 24.5). Keys outside the
/// contract, and the frame keys, are ignored (the contract says so); a value of a contract key
/// that is not text, a finite number or null rejects the whole message: a prefill applied in part
/// would show a plan the host did not send (a unit dropped changes what a rate means).
fn prefill_values(
    values: &JsValue,
) -> Result<Vec<(String, Option<String>)>, Vec<ketamine_engine::profile::ProfileError>> {
    let single = |message: String| Rejection::new(None, "values", message).errors;
    if !is_record(values) {
        return Err(single(format!(
            "is {}; it must be an object {{key: value}}",
            kind(values)
        )));
    }
    let keys = js_sys::Object::keys(values.unchecked_ref::<js_sys::Object>());
    if keys.length() > MAX_PREFILL_KEYS {
        return Err(single(format!(
            "has {} keys; a prefill has at most {MAX_PREFILL_KEYS}",
            keys.length()
        )));
    }
    let mut out = Vec::new();
    let mut rejection = Rejection {
        rejected: None,
        errors: Vec::new(),
    };
    for key in keys.iter() {
        // A key longer than any of the contract's is not one of them: ignored, never copied.
        let Some(name) = short_text(&key, MAX_KEY_CHARS) else {
            continue;
        };
        if !Inputs::KEYS.contains(&name.as_str()) || Inputs::FRAME_KEYS.contains(&name.as_str()) {
            continue;
        }
        let value = js_sys::Reflect::get(values, &key).unwrap_or(JsValue::UNDEFINED);
        let field = format!("values.{name}");
        let text = if value.is_string() {
            match short_text(&value, MAX_VALUE_CHARS) {
                Some(text) => Some(text),
                None => {
                    rejection.add(
                        &field,
                        format!("is longer than {MAX_VALUE_CHARS} characters"),
                    );
                    continue;
                }
            }
        } else if let Some(number) = value.as_f64() {
            if !number.is_finite() {
                rejection.add(&field, "is not a finite number".into());
                continue;
            }
            js_sys::Number::from(number)
                .to_string_with_radix(10)
                .ok()
                .map(String::from)
        } else if value.is_null() || value.is_undefined() {
            None
        } else {
            rejection.add(
                &field,
                format!("is {}; it must be text, a number or null", kind(&value)),
            );
            continue;
        };
        out.push((name, text));
    }
    if rejection.errors.is_empty() {
        Ok(out)
    } else {
        Err(rejection.errors)
    }
}
