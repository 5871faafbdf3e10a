//! Loading the institution profile: which one applies, from where, and what the page does while
//! it waits. The engine validates (`ketamine_engine::profile`); this module only fetches and
//! hands over.
//!
//! Where a profile comes from, the page's own choice first:
//!
//! - the `profile` key of the fragment names a same-origin URL (`#profile=profiles/icu.json`),
//!   read once it is named and again whenever the fragment names another;
//! - `profile=message`: the host page sends it (`{type: "ketamine-calculator/profile", version: 1,
//!   profile: {...}}`, only from `parent_origin`, see `embed`); a profile message from the host is
//!   taken at any time, waited for or not;
//! - otherwise the guideline.
//!
//! A profile built into the deployment (`KETAMINE_PROFILE` at build time, see `build.rs`) is the
//! institution's own and outranks both: a link or a framing page could otherwise swap it for
//! another profile, or for the guideline by naming one that fails.
//!
//! While a named profile is on its way nothing is calculated (the guideline's figures must not
//! show for a moment under a hospital's name). A profile that cannot be read, or that the engine
//! rejects, leaves the guideline in force and the page says so, naming each key; so does one
//! that has not arrived after [`WAIT`].
//!
//! ```no_run
//! use ketamine_calculator::profile::from_build;
//! use ketamine_calculator::state::ProfileState;
//! // A build without KETAMINE_PROFILE carries an empty file: the guideline applies.
//! assert_eq!(from_build(""), ProfileState::Guideline);
//! ```

use crate::state::{Calculator, ProfileState};
use ketamine_engine::profile::{Profile, ProfileError, MAX_FILE_BYTES};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The profile built in at build time; empty when there is none.
const BUILT_IN: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled-profile.json"));

/// The `profile` value that waits for the host page to send it.
pub const FROM_HOST: &str = "message";

/// How long a named profile may take before the page gives up on it and says so.
pub const WAIT: Duration = Duration::from_secs(10);

fn problem(message: String) -> Vec<ProfileError> {
    vec![ProfileError {
        key: "profile".into(),
        message: format!("profile: {message}"),
    }]
}

/// Validates a profile that arrived as a JavaScript object (from the host page): written out as
/// JSON and read like a file, so the same schema checks apply.
pub fn from_value(value: JsValue) -> Result<Profile, Vec<ProfileError>> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| problem("the message's profile cannot be written as JSON".into()))?;
    Profile::from_json(&text)
}

/// The health record of the profile built into the deployment, if it has an `ehr` section: the
/// only `ehr` section used (the build widens the Content-Security-Policy for it alone).
pub fn built_in_ehr() -> Option<ketamine_engine::profile::Ehr> {
    ehr_of_build(BUILT_IN)
}

/// The `ehr` section of a build's profile text, when the profile is valid and has one.
pub fn ehr_of_build(text: &str) -> Option<ketamine_engine::profile::Ehr> {
    match from_build(text) {
        ProfileState::Active { profile, .. } => profile.ehr().cloned(),
        _ => None,
    }
}

/// The state a page starts in when it names no profile: the built-in one, or the guideline.
pub fn built_in() -> ProfileState {
    from_build(BUILT_IN)
}

/// What applies when the page names `named` on a build carrying `built_in` (the file's text):
/// the built-in profile, saying the named one is not used; `None` when the build carries none
/// and the named profile is to be loaded.
pub fn built_in_over(built_in: &str, named: &str) -> Option<ProfileState> {
    carries_profile(built_in).then(|| {
        let from = format!(
            "this deployment's build (\"{named}\" named by the page is not used: this deployment carries its own profile)"
        );
        ProfileState::settled(from, Profile::from_json(built_in))
    })
}

/// Whether a build's profile text holds a profile (`build.rs` writes an empty file without one).
fn carries_profile(built_in: &str) -> bool {
    !built_in.trim().is_empty()
}

/// Each load gets a number; a timer or a fetch of an earlier one finds a newer number and stays
/// out of the way (A named, then B, then A again within the wait).
static ATTEMPT: AtomicU32 = AtomicU32::new(0);

fn next_attempt() -> u32 {
    ATTEMPT.fetch_add(1, Ordering::Relaxed) + 1
}

fn still_current(attempt: u32) -> bool {
    ATTEMPT.load(Ordering::Relaxed) == attempt
}

/// The profile state of a build that carries this file text (empty: no profile built in).
pub fn from_build(text: &str) -> ProfileState {
    if carries_profile(text) {
        ProfileState::settled("this deployment's build".into(), Profile::from_json(text))
    } else {
        ProfileState::Guideline
    }
}

/// Loads whatever the fragment names now, and again whenever it names another. Call once, right
/// after the calculator is made and before anything renders, so no result is ever computed under
/// the wrong limits.
pub fn connect(calculator: Calculator) {
    let named = Memo::new(move |_| {
        calculator
            .inputs
            .with(|i| i.get("profile").map(str::to_string))
    });
    begin(calculator, named.get_untracked());
    Effect::new(move |previous: Option<Option<String>>| {
        let now = named.get();
        if previous.is_some_and(|p| p != now) {
            untrack(|| begin(calculator, now.clone()));
        }
        now
    });
}

fn begin(calculator: Calculator, named: Option<String>) {
    let attempt = next_attempt();
    let Some(named) = named else {
        calculator.settle(built_in());
        return;
    };
    if let Some(state) = built_in_over(BUILT_IN, &named) {
        calculator.settle(state);
        return;
    }
    if named == FROM_HOST {
        let can_receive = calculator
            .inputs
            .with_untracked(|i| i.get("embed") == Some("1") && i.get("parent_origin").is_some())
            && crate::browser::framed();
        if !can_receive {
            let errors = problem(
                "\"message\" waits for the host page, which needs embed=1, parent_origin and a page around the calculator".into(),
            );
            calculator.settle(ProfileState::Rejected {
                from: "the host page".into(),
                errors,
            });
            return;
        }
        wait(calculator, "the host page".into(), attempt);
        return;
    }
    match same_origin_url(&named) {
        Ok(url) => {
            let from = format!("the file {named}");
            wait(calculator, from.clone(), attempt);
            leptos::task::spawn_local(async move {
                let outcome = fetch_text(&url).await;
                // Only if the page still waits for this one: the fragment may have named another.
                if still_current(attempt) {
                    let state = match outcome {
                        Ok((text, None)) => ProfileState::settled(from, Profile::from_json(&text)),
                        Ok((text, Some(saved))) => ProfileState::settled(
                            format!("{from} (offline copy saved {saved})"),
                            Profile::from_json(&text),
                        ),
                        Err(errors) => ProfileState::Rejected { from, errors },
                    };
                    calculator.settle(state);
                }
            });
        }
        Err(errors) => calculator.settle(ProfileState::Rejected {
            from: format!("the file {named}"),
            errors,
        }),
    }
}

/// Withholds the result until the profile arrives, or until [`WAIT`] has passed.
fn wait(calculator: Calculator, from: String, attempt: u32) {
    calculator
        .profile
        .set(ProfileState::Loading { from: from.clone() });
    set_timeout(
        move || {
            if still_current(attempt) && calculator.profile.with_untracked(|p| p.waiting_for(&from))
            {
                let errors = problem(format!(
                    "nothing arrived from {from} within {} s",
                    WAIT.as_secs()
                ));
                calculator.settle(ProfileState::Rejected { from, errors });
            }
        },
        WAIT,
    );
}

/// A profile message from the host page (already checked to come from `parent_origin`). A
/// deployment's built-in profile is not replaced: the host sees that in `profile_status.from`.
pub fn receive(calculator: Calculator, profile: JsValue, origin: &str) {
    if carries_profile(BUILT_IN) {
        return;
    }
    next_attempt();
    let from = format!("the host page ({origin})");
    calculator.settle(ProfileState::settled(from, from_value(profile)));
}

/// `named` resolved against the page, if it stays on the page's own origin: a profile from
/// elsewhere would let any link set a hospital's limits.
fn same_origin_url(named: &str) -> Result<String, Vec<ProfileError>> {
    let location = window().location();
    let here = location.href().unwrap_or_default();
    let origin = location.origin().unwrap_or_default();
    match web_sys::Url::new_with_base(named, &here) {
        Ok(url) if url.origin() == origin && url.protocol().starts_with("http") => Ok(url.href()),
        Ok(_) => Err(problem(format!(
            "{named} is not on this calculator's origin ({origin}); a profile is read only from there"
        ))),
        Err(_) => Err(problem(format!("{named} is not a URL"))),
    }
}

/// The file's text, and when the service worker answered with its offline copy, the time that
/// copy was saved (pwa/sw.js marks it).
async fn fetch_text(url: &str) -> Result<(String, Option<String>), Vec<ProfileError>> {
    let unreadable = |why: String| problem(format!("{url} could not be read ({why})"));
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    // A profile edited by pharmacy applies on the next load, not when a cache expires.
    init.set_cache(web_sys::RequestCache::NoCache);
    // Also how the service worker tells this request from the build's files (pwa/sw.js): it keeps
    // the last copy of a profile for offline use.
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"application/json".into());
    init.set_headers(&headers);
    let response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| unreadable("the network or the server did not answer".into()))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| unreadable("no response".into()))?;
    if !response.ok() {
        return Err(unreadable(format!("HTTP {}", response.status())));
    }
    // A same-origin address may redirect elsewhere; the profile must still come from here.
    let origin = window().location().origin().unwrap_or_default();
    let landed = web_sys::Url::new(&response.url()).map(|u| u.origin());
    if landed.as_deref().ok() != Some(origin.as_str()) {
        return Err(unreadable("it was redirected to another origin".into()));
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let declared = header("Content-Length").and_then(|n| n.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(unreadable(format!(
            "it is {} bytes; a profile is at most {MAX_FILE_BYTES} bytes",
            declared.unwrap_or_default()
        )));
    }
    let saved = header("X-Ketamine-Profile-Saved");
    let text = response.text().map_err(|_| unreadable("no body".into()))?;
    let text = JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| unreadable("the body is not text".into()))?;
    Ok((text, saved))
}
