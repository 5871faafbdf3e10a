//! SMART on FHIR: launched from the health record (EHR launch) or from the page (standalone), the
//! calculator reads the patient's weight, height, age and sex and fills the form, each field
//! labelled with where its value came from. A public client with PKCE S256 and no server of ours;
//! only with a profile built into the deployment that has an `ehr` section (the build widens the
//! Content-Security-Policy for exactly its servers). Without one, nothing here shows or runs.
//!
//! - [`launch`]: the launch's URL parameters, the authorize request, the address cleaned after;
//! - [`pkce`]: the verifier, the challenge and `state`, from the browser's cryptography;
//! - [`session`]: what is kept in `sessionStorage` while away, deleted on return;
//! - [`server`]: discovery, the token exchange and the FHIR reads;
//! - [`view`]: the status line, the button, and the line beside each field.
//!
//! The engine (`ketamine_engine::record`) decides what each answer fills; the token lives in the
//! one async task that uses it; nothing from the record is stored on the device.

pub mod banner;
pub mod launch;
pub mod pkce;
pub mod server;
pub mod session;
pub mod view;

use crate::state::Calculator;
use ketamine_engine::profile::Ehr;
use ketamine_engine::record::{self, date::Date, FromRecord, Limits};
use launch::{AuthorizeRequest, Launch};
use leptos::prelude::*;
use server::Failure;
use session::Pending;
use wasm_bindgen::JsValue;

/// Where the connection to the health record stands (`data-ehr-state` on `#ehr-status`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EhrState {
    Idle,
    Redirecting,
    Loading,
    Loaded,
    Offline,
    /// The user or the server refused: the answer's `error` and `error_description`.
    Refused {
        error: String,
        description: Option<String>,
    },
    /// The answer's `state` is missing or not this page's request.
    WrongState,
    /// The launch named another FHIR server than the one configured. What it named is not
    /// shown: a crafted link could put any words there.
    WrongServer,
    Expired,
    Forbidden,
    /// Discovery, the token or a FHIR read failed otherwise; what happened.
    Server(String),
}

/// What to do instead, said by every failure.
const BY_HAND: &str = "Nothing was filled from the record; enter the patient's details by hand.";

impl EhrState {
    /// The `data-ehr-state` value.
    pub fn key(&self) -> &'static str {
        match self {
            EhrState::Idle => "idle",
            EhrState::Redirecting => "redirecting",
            EhrState::Loading => "loading",
            EhrState::Loaded => "loaded",
            EhrState::Offline => "offline",
            EhrState::Refused { .. } => "error-refused",
            EhrState::WrongState => "error-state",
            EhrState::WrongServer => "error-iss",
            EhrState::Expired => "error-expired",
            EhrState::Forbidden => "error-forbidden",
            EhrState::Server(_) => "error-server",
        }
    }

    /// The status line's words.
    pub fn message(&self) -> String {
        match self {
            EhrState::Idle => "Not connected to the health record. Load the patient's details from the record, or enter them by hand.".into(),
            EhrState::Redirecting => "Going to the health record to sign in…".into(),
            EhrState::Loading => "Reading the patient's record…".into(),
            EhrState::Loaded => "Loaded from the health record. Check each value and its date against the patient; every field can still be changed by hand.".into(),
            EhrState::Offline => "This device is offline, so the health record cannot be reached. Manual entry works: enter the patient's details by hand.".into(),
            EhrState::Refused { error, description } => {
                // The server's own words, marked as such: they are not the calculator's.
                let why = description
                    .as_deref()
                    .map(|d| format!("; its sign-in server said: \u{201c}{}\u{201d}", short(d)))
                    .unwrap_or_default();
                format!("The health record refused access ({}{why}). {BY_HAND}", short(error))
            }
            EhrState::WrongState => format!("The answer from the health record's sign-in does not match a request from this page, so it was not used. {BY_HAND}"),
            EhrState::WrongServer => format!(
                "This launch names a health record that this calculator is not set up for, so nothing was requested. {BY_HAND}"
            ),
            EhrState::Expired => format!("The health record's access has expired. Load from the record again. {BY_HAND}"),
            EhrState::Forbidden => format!("The health record does not allow this calculator to read this patient's details. {BY_HAND}"),
            EhrState::Server(what) => format!("The health record could not be read: {}. {BY_HAND}", short(what)),
        }
    }

    /// Whether a request is under way (the button waits).
    pub fn busy(&self) -> bool {
        matches!(self, EhrState::Redirecting | EhrState::Loading)
    }
}

impl From<Failure> for EhrState {
    fn from(f: Failure) -> Self {
        match f {
            Failure::Offline => EhrState::Offline,
            Failure::Expired => EhrState::Expired,
            Failure::Forbidden => EhrState::Forbidden,
            Failure::Server(what) => EhrState::Server(what),
        }
    }
}

/// Text from a server or a URL, cut short for the status line.
fn short(text: &str) -> String {
    let mut s: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    if text.chars().count() > 200 {
        s.push('…');
    }
    s
}

/// What the record gave, field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub weight: FromRecord,
    pub height: FromRecord,
    pub age: FromRecord,
    pub sex: FromRecord,
    /// Who the values belong to, for the banner; `None` when the Patient could not be read.
    pub patient: Option<banner::Banner>,
}

impl Record {
    /// The record's answer for a form field (`weight`, `height`, `age`, `sex`).
    pub fn field(&self, key: &str) -> Option<&FromRecord> {
        match key {
            "weight" => Some(&self.weight),
            "height" => Some(&self.height),
            "age" => Some(&self.age),
            "sex" => Some(&self.sex),
            _ => None,
        }
    }

    /// Puts the record's values in the form (kg and cm), and empties a field the record has no
    /// usable value for: a weight typed before may be another patient's.
    pub fn fill(&self, calculator: Calculator) {
        let mut inputs = calculator.inputs.get_untracked();
        for key in ["weight", "height", "age", "sex"] {
            let value = self
                .field(key)
                .and_then(FromRecord::value)
                .map(str::to_string);
            inputs.set(key, value);
        }
        inputs.set("weight_unit", None);
        inputs.set("height_unit", None);
        calculator.replace(inputs);
    }
}

/// The connection to the health record, provided as context when the deployment has one.
#[derive(Clone, Copy)]
pub struct Smart {
    pub ehr: StoredValue<Ehr>,
    pub state: RwSignal<EhrState>,
    /// What the record gave; `None` until loaded.
    pub record: RwSignal<Option<Record>>,
}

impl Smart {
    /// A connection in `state`, with nothing loaded.
    pub fn new(ehr: Ehr, state: EhrState) -> Smart {
        Smart {
            ehr: StoredValue::new(ehr),
            state: RwSignal::new(state),
            record: RwSignal::new(None),
        }
    }

    /// Whether the form holds values from the record (the address then carries none of them).
    pub fn holds_record(&self) -> bool {
        self.record.with(Option::is_some)
    }

    /// Forgets the record (its values, its lines, its banner) and returns to idle: Clear, before
    /// the next patient.
    pub fn forget(&self) {
        self.record.set(None);
        self.state.set(EhrState::Idle);
    }

    /// Before a new launch: empties the fields the record filled, and forgets the record, so that
    /// a launch that fails before it leaves the page cannot leave the last patient's values
    /// standing under its error.
    pub fn start_over(&self, calculator: Calculator) {
        let filled = self.record.with_untracked(Option::is_some);
        if filled {
            let mut inputs = calculator.inputs.get_untracked();
            for key in RECORD_KEYS {
                inputs.set(key, None);
            }
            calculator.replace(inputs);
        }
        self.record.set(None);
    }
}

/// The form's keys the record fills (and empties when it has no value).
const RECORD_KEYS: [&str; 6] = [
    "weight",
    "weight_unit",
    "height",
    "height_unit",
    "age",
    "sex",
];

/// Starts SMART when the deployment's built-in profile has an `ehr` section: reads the launch or
/// the answer from the address, and provides [`Smart`]. `None`, and nothing done, without one.
pub fn connect(calculator: Calculator) -> Option<Smart> {
    // A release built without an `ehr` section carries none of this (build.rs).
    if !cfg!(smart) {
        return None;
    }
    let ehr = crate::profile::built_in_ehr()?;
    let smart = Smart::new(ehr.clone(), EhrState::Idle);
    provide_context(smart);
    let location = window().location();
    let query = location.search().unwrap_or_default();
    let launch = Launch::from_query(&query);
    if launch != Launch::None {
        clean_address(&query);
    }
    match launch {
        // A request left behind by a sign-in never finished (review N3): not kept any longer.
        Launch::None => drop(session::take()),
        Launch::Ehr { iss, launch } => {
            if !ehr.is_configured_server(&iss) {
                smart.state.set(EhrState::WrongServer);
            } else {
                // An `iss` without its `launch` carries no context: the server asks for the
                // patient, as in a standalone launch.
                let launch = (!launch.is_empty()).then_some(launch);
                leptos::task::spawn_local(authorize(smart, Some((iss, launch))));
            }
        }
        Launch::Return {
            code,
            state,
            error,
            error_description,
        } => {
            // Taken (and deleted) whatever the answer: it is for this one return only.
            let pending = session::take();
            smart.state.set(
                answer(
                    &ehr,
                    pending,
                    state.as_deref(),
                    code,
                    error,
                    error_description,
                )
                .map_or_else(
                    |refused| refused,
                    |(p, code)| {
                        leptos::task::spawn_local(load(smart, calculator, p, code));
                        EhrState::Loading
                    },
                ),
            );
        }
    }
    Some(smart)
}

/// What to make of the authorization server's answer: the request to continue with and its code,
/// or the state to show. Only an answer to this page's own pending request counts, an `error`
/// included: anyone can craft `?error=…&error_description=…`, and those words would stand in the
/// clinical status line. The request must also be for the configured FHIR server, and its token
/// endpoint still one of the deployment's origins (storage is the page's, but not beyond doubt).
pub fn answer(
    ehr: &Ehr,
    pending: Option<Pending>,
    state: Option<&str>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
) -> Result<(Pending, String), EhrState> {
    let Some(p) = pending.filter(|p| p.answers(state) && p.fhir_base_url == ehr.fhir_base_url)
    else {
        return Err(EhrState::WrongState);
    };
    if let Some(error) = error {
        return Err(EhrState::Refused {
            error,
            description: error_description,
        });
    }
    if !endpoints_allowed(ehr, &[&p.token_endpoint]) {
        return Err(EhrState::Server(
            "the sign-in request kept by this page names a server this deployment is not set up for"
                .into(),
        ));
    }
    code.filter(|c| !c.is_empty())
        .map(|code| (p, code))
        .ok_or(EhrState::WrongState)
}

/// Whether every endpoint is on one of the origins this deployment names (the FHIR base's and
/// `authorization_origins`): the build lets the page reach no others, and a sign-in page elsewhere
/// could be anyone's.
pub fn endpoints_allowed(ehr: &Ehr, endpoints: &[&str]) -> bool {
    let allowed = ehr.connect_origins();
    endpoints
        .iter()
        .all(|e| launch::origin_of(e).is_some_and(|o| allowed.contains(&o)))
}

/// The standalone launch (the button): the configured FHIR server, no launch context. The last
/// record's values go first.
pub fn start_standalone(smart: Smart, calculator: Calculator) {
    smart.start_over(calculator);
    leptos::task::spawn_local(authorize(smart, None));
}

/// Removes the launch's and the answer's keys from the address, keeping the rest.
fn clean_address(query: &str) {
    let location = window().location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        launch::without_launch_keys(query),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Discovery, PKCE and the redirect to the authorization server. `ehr_launch` is the EHR's
/// `iss` and `launch`, `None` in a standalone launch.
async fn authorize(smart: Smart, ehr_launch: Option<(String, Option<String>)>) {
    if !server::online() {
        smart.state.set(EhrState::Offline);
        return;
    }
    smart.state.set(EhrState::Redirecting);
    let ehr = smart.ehr.get_value();
    match authorize_url(&ehr, ehr_launch).await {
        Ok(url) => {
            if window().location().assign(&url).is_err() {
                smart.state.set(EhrState::Server(
                    "the sign-in page could not be opened".into(),
                ));
            }
        }
        Err(state) => smart.state.set(state),
    }
}

async fn authorize_url(
    ehr: &Ehr,
    ehr_launch: Option<(String, Option<String>)>,
) -> Result<String, EhrState> {
    let config = server::discover(&ehr.fhir_base_url).await?;
    if !config
        .code_challenge_methods_supported
        .iter()
        .any(|m| m == "S256")
    {
        return Err(EhrState::Server(
            "its sign-in server does not offer PKCE S256".into(),
        ));
    }
    for endpoint in [&config.authorization_endpoint, &config.token_endpoint] {
        if !endpoints_allowed(ehr, &[endpoint]) {
            return Err(EhrState::Server(format!(
                "its sign-in server ({}) is not one this deployment is set up for",
                short(endpoint)
            )));
        }
    }
    let no_crypto = |_| {
        EhrState::Server(
            "this browser offers no cryptography on this page (https is needed)".into(),
        )
    };
    let verifier = pkce::new_verifier().map_err(no_crypto)?;
    let state = pkce::new_state().map_err(no_crypto)?;
    let challenge = pkce::challenge(&verifier).await.map_err(no_crypto)?;
    let location = window().location();
    let redirect_uri = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let pending = Pending {
        state: state.clone(),
        verifier,
        token_endpoint: config.token_endpoint.clone(),
        redirect_uri: redirect_uri.clone(),
        fhir_base_url: ehr.fhir_base_url.clone(),
    };
    if !session::keep(&pending) {
        return Err(EhrState::Server(
            "this browser does not keep the sign-in request (session storage is off)".into(),
        ));
    }
    let (aud, launch) = match &ehr_launch {
        Some((iss, launch)) => (iss.as_str(), launch.as_deref()),
        None => (ehr.fhir_base_url.as_str(), None),
    };
    Ok(AuthorizeRequest {
        client_id: &ehr.client_id,
        redirect_uri: &redirect_uri,
        aud,
        state: &state,
        code_challenge: &challenge,
        launch,
    }
    .url(&config.authorization_endpoint))
}

/// Back with a code: the token, the three reads, the form filled.
async fn load(smart: Smart, calculator: Calculator, pending: Pending, code: String) {
    if !server::online() {
        smart.state.set(EhrState::Offline);
        return;
    }
    smart.state.set(EhrState::Loading);
    match read_record(&smart.ehr.get_value(), calculator, &pending, &code).await {
        Ok(record) => {
            // The record first: the address stops carrying entries before the values arrive.
            smart.record.set(Some(record.clone()));
            record.fill(calculator);
            smart.state.set(EhrState::Loaded);
        }
        Err(failure) => smart.state.set(failure.into()),
    }
}

/// A FHIR id that can go in a path (`record::fhir::valid_id`: 1 to 64 of `A-Z a-z 0-9 - .`,
/// never only dots); anything else is not put in a path.
pub fn valid_id(id: &str) -> bool {
    record::fhir::valid_id(id)
}

/// The patient the token is for: present, and an id that can go in a path.
pub fn token_patient(token: &server::Token) -> Result<String, Failure> {
    token
        .patient
        .clone()
        .filter(|p| valid_id(p))
        .ok_or_else(|| Failure::Server("the sign-in did not name a patient".into()))
}

async fn read_record(
    ehr: &Ehr,
    calculator: Calculator,
    pending: &Pending,
    code: &str,
) -> Result<Record, Failure> {
    let token = server::exchange(
        &pending.token_endpoint,
        code,
        &pending.redirect_uri,
        &pending.verifier,
        &ehr.client_id,
    )
    .await?;
    let expires = token.expires_in.map(|s| js_sys::Date::now() + s * 1000.0);
    let patient = token_patient(&token)?;
    let base = &ehr.fhir_base_url;
    let bearer = &token.access_token;
    let live = || match expires {
        Some(at) if js_sys::Date::now() >= at => Err(Failure::Expired),
        _ => Ok(()),
    };
    live()?;
    let patient_text = server::read(
        base,
        &format!("Patient/{patient}"),
        bearer,
        "The patient's details",
    )
    .await?;
    live()?;
    let weight_path =
        server::newest_observation_path(&patient, record::measurement::BODY_WEIGHT_LOINC);
    let weight_text = server::read(base, &weight_path, bearer, "The patient's weight").await?;
    live()?;
    let height_path =
        server::newest_observation_path(&patient, record::measurement::BODY_HEIGHT_LOINC);
    let height_text = server::read(base, &height_path, bearer, "The patient's height").await?;
    // A server that reports a problem with the search (e.g. a parameter it ignored) may have sent
    // the wrong measurements: nothing is filled from it (review M4).
    if let Some(why) = record::measurement::search_problem(&weight_text)
        .or_else(|| record::measurement::search_problem(&height_text))
    {
        return Err(Failure::Server(why));
    }
    let today = Date::parse(&crate::browser::today())
        .ok_or_else(|| Failure::Server("this device's date cannot be read".into()))?;
    let limits = Limits::new(ehr, &calculator.thresholds.get_untracked());
    let details = record::patient(&patient_text, &patient, today, &limits);
    Ok(Record {
        weight: record::weight(&weight_text, &patient, today, &limits),
        height: record::height(&height_text, &patient, today, &limits),
        age: details.age,
        sex: details.sex,
        patient: banner::Banner::from_patient(&patient_text),
    })
}

/// The calculator's SMART connection, when the deployment has one.
pub fn use_smart() -> Option<Smart> {
    if !cfg!(smart) {
        return None;
    }
    use_context::<Smart>()
}
