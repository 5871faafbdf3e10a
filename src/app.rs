//! The page: the state built from the URL fragment, the layout, and the fragment kept in step with
//! every entry.
//!
//! Entries go into the fragment with `history.replaceState`: a link always reproduces the page,
//! and typing never floods the back button with history entries. Acknowledgements never go into
//! the link: each clinician confirms for themselves.

use crate::components::alerts::Alerts;
use crate::components::medications::FollowOn;
use crate::components::monitoring::MonitoringTier;
use crate::components::patient::Patient;
use crate::components::patient_factors::PatientFactors;
use crate::components::plan_inputs::PlanInputs;
use crate::components::plan_result::PlanResult;
use crate::components::pre_infusion::PreInfusionTests;
use crate::components::profile_status::ProfileStatus;
use crate::components::ranges::Ranges;
use crate::components::response::ResponseAssessment;
use crate::components::route_and_protocol::RouteAndProtocol;
use crate::components::share::{PrintSummary, ShareBar};
use crate::components::summary::PlanSummary;
use crate::components::target::Target;
use crate::components::titration_chart::TitrationSchedule;
use crate::state::{use_calculator, Calculator};
use ketamine_engine::note::DISCLAIMER;
use ketamine_engine::protocols::Protocol;
use ketamine_engine::Inputs;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The inputs a fragment describes; a named protocol fills what the link leaves out.
pub fn inputs_from_fragment(fragment: &str) -> Inputs {
    let mut inputs =
        crate::components::double_check::blind(fragment, Inputs::from_fragment(fragment));
    if let Some(protocol) = inputs.get("protocol").and_then(Protocol::from_key) {
        protocol.fill_missing(&mut inputs);
    }
    inputs
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let hash = window().location().hash().unwrap_or_default();
    let calculator = Calculator::new(inputs_from_fragment(&hash));
    provide_context(calculator);
    crate::components::double_check::connect(calculator, &hash);
    crate::profile::connect(calculator);
    let smart = crate::smart::connect(calculator);

    crate::address::follow_in_url(calculator, smart);
    // A link pasted into the same tab changes only the fragment: take its entries.
    let handle = window_event_listener_untyped("hashchange", move |_| {
        let hash = window().location().hash().unwrap_or_default();
        calculator.replace(inputs_from_fragment(&hash));
    });
    on_cleanup(move || handle.remove());
    crate::embed::connect(calculator);

    view! {
        <main class="page">
            <crate::pwa::UpdateBanner />
            <header class="page-header">
                <h1>"Ketamine dosing calculator"</h1>
                <p class="subtitle">"Intravenous ketamine infusions for chronic pain"</p>
            </header>
            <Disclaimer />
            <ProfileStatus />
            <AfterFirstResult>
                <PrintSummary />
            </AfterFirstResult>
            // One column on a phone, in the order a clinician works: the entries that make a plan,
            // the plan and its alerts, then patient factors and response, then medications. On a
            // wide screen the entries sit on the left and the results on the right. The plan
            // summary comes right after the entries, so it is next in reading and keyboard order;
            // the stylesheet keeps it in view (held at the bottom of a phone's screen, at the top of
            // the results column on a wide one).
            <div class="layout">
                <div class="area area-entries">
                    <Patient />
                    <RouteAndProtocol />
                    <PlanInputs />
                    <AfterFirstResult>
                        <crate::components::care_area::CareAreaEntry />
                    </AfterFirstResult>
                </div>
                <div class="area area-results" id="results">
                    <PlanSummary />
                    <AfterFirstResult>
                        <ShareBar />
                        <Alerts />
                    </AfterFirstResult>
                    <Ranges />
                    <AfterFirstResult>
                        <PlanResult />
                        <Target />
                        <TitrationSchedule />
                        <MonitoringTier />
                        <PreInfusionTests />
                        <crate::components::preparation::PreparationCard />
                        <crate::components::double_check::DoubleCheck />
                    </AfterFirstResult>
                </div>
                <div class="area area-more-entries">
                    <AfterFirstResult>
                        <PatientFactors />
                        <ResponseAssessment />
                    </AfterFirstResult>
                </div>
                <div class="area area-more-results">
                    <AfterFirstResult>
                        <FollowOn />
                        <StaticSection id="static-rescue" />
                    </AfterFirstResult>
                </div>
            </div>
            <AfterFirstResult>
                <StaticSection id="static-references" />
            </AfterFirstResult>
            <footer class="page-footer">
                <crate::pwa::VersionInfo />
                <Versions />
            </footer>
        </main>
    }
}

/// Mounts its children in a task of their own, just after the page's first render: the entries,
/// the plan summary and the ranges appear first, the other cards a moment later (the same
/// elements in the same places). Mounting the whole page in one go took one task of 70 to 100 ms
/// before the first result (the benchmark's long task, 2026-11-27), which froze the page on a
/// slow PC; split, each task is shorter and the first result comes sooner.
#[component]
fn AfterFirstResult(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    // `try_set`: nothing if the page was unmounted first (a test).
    in_next_task(move || {
        ready.try_set(true);
    });
    move || ready.get().then(|| children())
}

/// Runs `f` in a task of its own, as soon as the browser gets to it: a message the page posts to
/// itself. Not a timer: a background tab or a frame's throttled timers (or a test's paused clock)
/// would hold the cards back. Without `MessageChannel`, `f` runs at once.
fn in_next_task(f: impl FnOnce() + 'static) {
    use js_sys::{Array, Function, Reflect};
    let port = |channel: &JsValue, name: &str| Reflect::get(channel, &name.into()).ok();
    let channel = Reflect::get(&js_sys::global(), &"MessageChannel".into())
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
        .and_then(|c| Reflect::construct(&c, &Array::new()).ok());
    let ports = channel.and_then(|c| port(&c, "port1").zip(port(&c, "port2")));
    let post = ports.as_ref().and_then(|(_, sender)| {
        Reflect::get(sender, &"postMessage".into())
            .ok()
            .and_then(|p| p.dyn_into::<Function>().ok())
    });
    let (Some((receiver, sender)), Some(post)) = (ports, post) else {
        f();
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = Reflect::set(&receiver, &"onmessage".into(), &callback);
    let _ = post.call1(&sender, &JsValue::UNDEFINED);
}

/// Where a section of the static reference text goes in the layout. The build writes that text
/// into `index.html` from the engine (`pwa/static-reference.mjs`), readable before the wasm
/// arrives; once mounted, the app moves the section here, so the page reads as one. Nothing when
/// the page has no such section (a browser test, a build without the hook).
#[component]
fn StaticSection(id: &'static str) -> impl IntoView {
    let slot = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let (Some(slot), Some(section)) = (slot.get(), document().get_element_by_id(id)) else {
            return;
        };
        let _ = slot.append_child(&section);
    });
    view! { <div class="static-slot" node_ref=slot></div> }
}

/// What the calculator is for and what it is based on: the engine's disclaimer and guideline.
#[component]
pub fn Disclaimer() -> impl IntoView {
    let calculator = use_calculator();
    let guideline = calculator.result.with_untracked(|r| r.versions.guideline);
    view! {
        <p class="disclaimer">
            <strong>{DISCLAIMER}</strong>
            " Based on the " {guideline} "."
        </p>
    }
}

/// Engine and rules versions, on screen (the printout states them in its header and footer).
#[component]
fn Versions() -> impl IntoView {
    let calculator = use_calculator();
    let v = calculator.result.with_untracked(|r| r.versions);
    view! {
        <p class="versions">
            "Engine " {v.engine} ", clinical rules " {v.rules} ". " {v.guideline} "."
        </p>
    }
}
