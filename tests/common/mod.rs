//! Shared helpers for the browser tests: mount a view in its own container, drive it the way a
//! user does (type, choose, tick, click) and read what is rendered.

#![allow(dead_code)]

use ketamine_engine::{calculate, CalculationResult, Inputs};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

/// A view mounted in its own container, so that tests never see each other's elements.
pub struct Page<H> {
    pub root: HtmlElement,
    _mounted: H,
}

impl<H> Drop for Page<H> {
    fn drop(&mut self) {
        self.root.remove();
    }
}

pub fn mount<F, N>(view: F) -> Page<impl Sized>
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let mounted = mount_to(root.clone(), view);
    Page {
        root,
        _mounted: mounted,
    }
}

/// The engine's answer for a fragment, to compare the page with.
pub fn engine(fragment: &str) -> CalculationResult {
    calculate(&Inputs::from_fragment(fragment))
}

/// Waits for real time to pass (for promises such as the clipboard's).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `done` holds, looking every 20 ms, for at most `limit_ms` of real time; returns
/// whether it held. For answers that come when the browser gives them (the clipboard's): a
/// condition, not a guess of how long they take on a busy machine.
pub async fn wait_until(limit_ms: f64, mut done: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    while !done() {
        if js_sys::Date::now() - start > limit_ms {
            return false;
        }
        sleep(20).await;
    }
    true
}

impl<H> Page<H> {
    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    pub fn element(&self, selector: &str) -> HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    pub fn exists(&self, selector: &str) -> bool {
        self.find(selector).is_some()
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    pub fn text(&self, selector: &str) -> String {
        self.element(selector).text_content().unwrap_or_default()
    }

    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.element(selector).get_attribute(name)
    }

    /// The field's `aria-invalid`, which must always be set, to "true" or "false".
    pub fn invalid(&self, selector: &str) -> bool {
        match self.attr(selector, "aria-invalid").as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => panic!("aria-invalid of {selector} is {other:?}"),
        }
    }

    pub fn all_text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// The value property of an input or select.
    pub fn value(&self, selector: &str) -> String {
        js_sys::Reflect::get(&self.element(selector), &JsValue::from_str("value"))
            .unwrap()
            .as_string()
            .unwrap_or_default()
    }

    pub fn checked(&self, selector: &str) -> bool {
        let input: HtmlInputElement = self.element(selector).unchecked_into();
        input.checked()
    }

    pub fn fire(&self, selector: &str, event_type: &str) {
        let init = EventInit::new();
        // Leptos listens once at the document for most events, so they have to bubble to it.
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict(event_type, &init).unwrap();
        self.element(selector).dispatch_event(&event).unwrap();
    }

    /// Replaces the field's text and fires `input` the way typing does, then lets the view update.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let input: HtmlInputElement = self.element(selector).unchecked_into();
        input.set_value(text);
        self.fire(selector, "input");
        tick().await;
    }

    /// Types, then commits the entry (`change`, as on leaving the field or pressing Enter).
    pub async fn enter(&self, selector: &str, text: &str) {
        self.type_into(selector, text).await;
        self.fire(selector, "change");
        tick().await;
    }

    /// Chooses an option of a select, as a user does.
    pub async fn choose(&self, selector: &str, value: &str) {
        let select = self.element(selector);
        js_sys::Reflect::set(
            &select,
            &JsValue::from_str("value"),
            &JsValue::from_str(value),
        )
        .unwrap();
        assert_eq!(
            self.value(selector),
            value,
            "{selector} has no option {value:?}"
        );
        self.fire(selector, "change");
        tick().await;
    }

    pub async fn click(&self, selector: &str) {
        self.element(selector).click();
        tick().await;
    }
}

/// True when any "<number> mg" figure is on screen.
pub fn shows_mg_figure(text: &str) -> bool {
    text.match_indices(" mg").any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// True when an absolute dose or pump figure ("35 mg", "35 mg/h", "35 mL", "8.33 mcg/kg/min") is
/// on screen; figures per kg of a guideline or an entry ("0.9 mg/kg") do not count.
pub fn shows_dose_figure(text: &str) -> bool {
    let units = [" mg/h", " mL/h", " mL", " mcg/kg/min"];
    let digit_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    };
    // " mg" then anything but "/": "35 mg" counts; "0.9 mg/kg" and "1 mg/mL" do not.
    let plain_mg = text
        .match_indices(" mg")
        .any(|(i, _)| digit_before(i) && !text[i + 3..].starts_with('/'));
    plain_mg
        || units
            .iter()
            .any(|u| text.match_indices(u).any(|(i, _)| digit_before(i)))
}
