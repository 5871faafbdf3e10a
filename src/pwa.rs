//! Offline use and safe updates: registers the service worker, tells the clinician when a new
//! version is ready, and shows which version is running.
//!
//! The worker (`pwa/sw.js`, written into each build by `pwa/build-sw.mjs`) precaches every file of
//! one build and serves the page from that build only. A new build installs beside it and waits:
//! nothing changes under a clinician's hands. [`UpdateBanner`] says that a new version is ready;
//! only when the clinician presses its button does the page ask the waiting worker to take over
//! (`skip-waiting`), and it reloads once, when the new worker controls the page.
//!
//! The build id comes from `<meta name="build-id">`, which the same hook writes into index.html
//! (the wasm is built before the id exists, so it cannot be compiled in). A page without that
//! meta (a test harness, a dev page without the hook) registers no worker.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ketamine_engine::{Versions, VERSIONS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache,
};

use crate::state::Calculator;

/// The app's own version (the `ketamine-calculator` crate).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How often an open page asks the server whether a newer build exists (besides every load).
const UPDATE_CHECK_INTERVAL: Duration = Duration::from_secs(30 * 60);

/// The id of the build this page was loaded from, if the page was built with the hook.
pub fn build_id() -> Option<String> {
    document()
        .query_selector(r#"meta[name="build-id"]"#)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|id| !id.is_empty())
}

/// What the banner is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Update {
    /// Nothing to say: this page runs the newest build the browser knows of.
    Current,
    /// A new build is installed and waiting for the clinician's consent.
    Ready,
    /// The clinician accepted; the page reloads as soon as the new build controls it.
    Applying,
    /// Another tab started the new build; this page still runs the old one until reloaded.
    StartedElsewhere,
}

/// "A new version is ready", with the button that applies it. Renders an empty live region
/// otherwise (kept in the DOM so that screen readers announce the message when it appears).
///
/// Mount it once, near the top of the page: it also registers the service worker.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = RwSignal::new(Update::Current);
    // The JS objects are not `Send`; they live in this thread's arena.
    let registration = StoredValue::new_local(None::<ServiceWorkerRegistration>);

    if build_id().is_some() {
        register(update, registration);
    }

    let accept = move |_| match update.get_untracked() {
        Update::Ready => {
            update.set(Update::Applying);
            let waiting = registration.with_value(|r| r.as_ref().and_then(|r| r.waiting()));
            match waiting {
                Some(worker) => skip_waiting(&worker),
                // Activated meanwhile (another tab): the new build already serves this page's
                // next load.
                None => reload_once(),
            }
        }
        Update::StartedElsewhere => reload_once(),
        Update::Current | Update::Applying => {}
    };

    view! {
        <div class="update-status" role="status">
            <Show when=move || update.get() != Update::Current>
                <div class="update-banner">
                    <p>
                        {move || match update.get() {
                            Update::StartedElsewhere => {
                                "A new version of the calculator was started in another tab. \
                                 This page still runs the previous version: reload it to continue \
                                 with the new one."
                            }
                            _ => {
                                "A new version of the calculator is ready. Reloading keeps the \
                                 values entered; acknowledgements of alerts must be given again."
                            }
                        }}
                    </p>
                    <button
                        type="button"
                        on:click=accept
                        disabled=move || update.get() == Update::Applying
                    >
                        {move || match update.get() {
                            Update::Applying => "Updating…",
                            Update::StartedElsewhere => "Reload",
                            _ => "Reload to update",
                        }}
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// App, engine, rules and build versions, for the page footer and every printout.
///
/// Uses the calculator's `result.versions` when a calculator is provided, else the engine's
/// constants (the same values).
#[component]
pub fn VersionInfo() -> impl IntoView {
    let versions: Signal<Versions> = match use_context::<Calculator>() {
        Some(calculator) => Signal::derive(move || calculator.result.with(|r| r.versions)),
        None => Signal::derive(|| VERSIONS),
    };
    let build = build_id().unwrap_or_else(|| "development".to_string());
    view! {
        <p class="version-info">
            "Calculator " {APP_VERSION}
            " · engine " {move || versions.get().engine}
            " · rules " {move || versions.get().rules}
            " · build " <code class="build-id">{build}</code>
        </p>
    }
}

/// The page's service-worker container, where the browser offers one (secure contexts only).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .map(|sw| !sw.is_undefined() && !sw.is_null())
        .unwrap_or(false);
    present.then(|| navigator.service_worker())
}

fn register(
    update: RwSignal<Update>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
) {
    let Some(container) = container() else {
        return;
    };
    // A page that was already controlled when it loaded is one that a worker serves; a change of
    // controller then means a new build took over.
    let controlled_at_start = container.controller().is_some();
    on(&container, "controllerchange", move || {
        if update.get_untracked() == Update::Applying {
            reload_once();
        } else if controlled_at_start {
            update.set(Update::StartedElsewhere);
        }
    });

    let options = RegistrationOptions::new();
    options.set_scope("./");
    // The browser checks sw.js itself on every navigation, bypassing the HTTP cache.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("./sw.js", &options);
    spawn_local(async move {
        let reg = match JsFuture::from(promise).await {
            Ok(reg) => reg.unchecked_into::<ServiceWorkerRegistration>(),
            Err(err) => {
                // Not fatal: the page works online without a worker. A warning, not an error.
                web_sys::console::warn_2(&"Offline use unavailable:".into(), &err);
                return;
            }
        };
        registration.set_value(Some(reg.clone()));
        // A new build may be waiting already, or still installing (its `updatefound` may have
        // fired before this listener existed): look at both, then listen for later ones.
        if reg.waiting().is_some() && container.controller().is_some() {
            update.set(Update::Ready);
        }
        if let Some(worker) = reg.installing() {
            watch_install(&worker, &container, update);
        }
        on(&reg, "updatefound", {
            let reg = reg.clone();
            let container = container.clone();
            move || {
                if let Some(worker) = reg.installing() {
                    watch_install(&worker, &container, update);
                }
            }
        });
        // Browsers also check after a navigation, but when is up to them: ask now, on every start.
        check_for_update(&reg);
        let reg_for_timer = reg.clone();
        let _ = set_interval_with_handle(
            move || check_for_update(&reg_for_timer),
            UPDATE_CHECK_INTERVAL,
        );
    });
}

/// Shows the banner once this installing worker has installed, if it is an update.
fn watch_install(
    worker: &ServiceWorker,
    container: &ServiceWorkerContainer,
    update: RwSignal<Update>,
) {
    let watched = worker.clone();
    let container = container.clone();
    on(worker, "statechange", move || {
        // With no controller this is the first install: there is nothing to update from.
        if watched.state() == ServiceWorkerState::Installed
            && container.controller().is_some()
            && update.get_untracked() == Update::Current
        {
            update.set(Update::Ready);
        }
    });
}

/// Asks the server for a newer sw.js; offline, the check fails quietly.
fn check_for_update(reg: &ServiceWorkerRegistration) {
    if let Ok(promise) = reg.update() {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Tells the waiting worker to take over. The page reloads on `controllerchange`, or when the
/// worker reports itself activated, whichever comes first.
fn skip_waiting(worker: &ServiceWorker) {
    let watched = worker.clone();
    on(worker, "statechange", move || {
        if watched.state() == ServiceWorkerState::Activated {
            reload_once();
        }
    });
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
    let _ = worker.post_message(&message);
}

/// Set once the page has asked to reload, so that two signals of the same takeover (the
/// controller change and the worker's own state change) reload it only once.
static RELOADING: AtomicBool = AtomicBool::new(false);

fn reload_once() {
    if !RELOADING.swap(true, Ordering::SeqCst) {
        let _ = window().location().reload();
    }
}

/// Adds an event listener for the page's lifetime.
fn on(target: &web_sys::EventTarget, event: &str, handler: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}
