//! Browser tests of SMART on FHIR (issue 14): the status line in each state, the line beside each
//! field filled from the record (and once changed by hand), nothing at all without an `ehr`
//! section, and the pure pieces of the flow: the authorize request, the `state` check, the PKCE
//! verifier and its S256 challenge (RFC 7636 appendix B).

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::patient::Patient;
use ketamine_calculator::smart::launch::{
    origin_of, without_launch_keys, AuthorizeRequest, Launch, EHR_SCOPE, STANDALONE_SCOPE,
};
use ketamine_calculator::smart::server::{Failure, Token};
use ketamine_calculator::smart::session::Pending;
use ketamine_calculator::smart::{
    answer, endpoints_allowed, pkce, token_patient, valid_id, EhrState, Record, Smart,
};
use ketamine_calculator::state::Calculator;
use ketamine_engine::profile::{Ehr, Profile};
use ketamine_engine::record::{self, date::Date, Limits};
use ketamine_engine::Inputs;
use leptos::prelude::*;
use serde_json::json;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROFILE_WITH_EHR: &str = r#"{
    "schema": "ketamine-calculator-profile", "schema_version": 1,
    "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31",
    "ehr": { "fhir_base_url": "http://127.0.0.1:8311", "client_id": "ketamine-calculator",
             "authorization_origins": ["http://127.0.0.1:8312"] }
}"#;

fn ehr() -> Ehr {
    Profile::from_json(PROFILE_WITH_EHR)
        .unwrap()
        .ehr()
        .cloned()
        .unwrap()
}

fn today() -> Date {
    Date::parse("2026-11-27").unwrap()
}

fn weight_bundle(value: f64, code: &str, date: &str) -> String {
    json!({ "resourceType": "Bundle", "entry": [{ "resource": {
        "resourceType": "Observation", "status": "final",
        "code": { "coding": [{ "system": "http://loinc.org", "code": "29463-7" }] },
        "subject": { "reference": "Patient/p1" }, "effectiveDateTime": date,
        "valueQuantity": { "value": value, "system": "http://unitsofmeasure.org", "code": code }
    }}]})
    .to_string()
}

fn height_bundle(cm: f64) -> String {
    json!({ "resourceType": "Bundle", "entry": [{ "resource": {
        "resourceType": "Observation", "status": "final",
        "code": { "coding": [{ "system": "http://loinc.org", "code": "8302-2" }] },
        "subject": { "reference": "Patient/p1" }, "effectiveDateTime": "2026-06-01",
        "valueQuantity": { "value": cm, "system": "http://unitsofmeasure.org", "code": "cm" }
    }}]})
    .to_string()
}

const EMPTY: &str = r#"{"resourceType": "Bundle", "entry": []}"#;

fn patient_json(gender: &str) -> String {
    json!({ "resourceType": "Patient", "id": "p1", "birthDate": "1970-11-27", "gender": gender })
        .to_string()
}

/// The record as the engine reads these answers (what `smart::load` does after the reads).
fn record_of(weight: &str, height: &str, patient: &str) -> Record {
    let limits = Limits::default();
    let details = record::patient(patient, "p1", today(), &limits);
    Record {
        weight: record::weight(weight, "p1", today(), &limits),
        height: record::height(height, "p1", today(), &limits),
        age: details.age,
        sex: details.sex,
        patient: ketamine_calculator::smart::banner::Banner::from_patient(patient),
    }
}

/// The patient card under a SMART connection in `state`, with `record` loaded and filled.
fn patient_card(
    state: EhrState,
    record: Option<Record>,
    fragment: &str,
) -> (Page<impl Sized>, Calculator, Smart) {
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let inputs = Inputs::from_fragment(fragment);
    let page = mount(move || {
        let calculator = Calculator::new(inputs);
        provide_context(calculator);
        let smart = Smart::new(ehr(), state);
        provide_context(smart);
        if let Some(record) = record {
            record.fill(calculator);
            smart.record.set(Some(record));
        }
        out.set(Some((calculator, smart)));
        view! { <Patient /> }
    });
    let (calculator, smart) = slot.get().expect("mounted");
    (page, calculator, smart)
}

// ---- Without an ehr section ----

#[wasm_bindgen_test]
async fn without_an_ehr_section_nothing_of_it_shows() {
    let page = mount(|| {
        provide_context(Calculator::new(Inputs::from_fragment("weight=70")));
        view! { <Patient /> }
    });
    leptos::task::tick().await;
    for id in [
        "#ehr-status",
        "#ehr-launch",
        "#weight-source",
        "#height-source",
        "#age-source",
        "#sex-source",
    ] {
        assert!(!page.exists(id), "{id} shown without an ehr section");
    }
    assert!(!page.all_text().contains("health record"));
    // The test build carries no profile: no connection is made.
    assert_eq!(ketamine_calculator::profile::built_in_ehr(), None);
}

#[wasm_bindgen_test]
fn only_a_valid_profile_with_ehr_gives_a_connection() {
    use ketamine_calculator::profile::ehr_of_build;
    assert_eq!(ehr_of_build(PROFILE_WITH_EHR), Some(ehr()));
    assert_eq!(ehr_of_build(""), None);
    assert_eq!(
        ehr_of_build(&PROFILE_WITH_EHR.replace("http://127.0.0.1:8311", "http://fhir.example.org")),
        None,
        "a profile the engine rejects connects to nothing"
    );
}

// ---- The status line ----

#[wasm_bindgen_test]
async fn every_state_has_its_key_role_and_plain_words() {
    let cases: Vec<(EhrState, &str, &str)> = vec![
        (EhrState::Idle, "idle", "Load the patient's details from the record, or enter them by hand."),
        (EhrState::Redirecting, "redirecting", "Going to the health record to sign in"),
        (EhrState::Loading, "loading", "Reading the patient's record"),
        (EhrState::Loaded, "loaded", "Loaded from the health record."),
        (EhrState::Offline, "offline", "This device is offline, so the health record cannot be reached. Manual entry works"),
        (
            EhrState::Refused { error: "access_denied".into(), description: Some("The user said no".into()) },
            "error-refused",
            "The health record refused access (access_denied; its sign-in server said: \u{201c}The user said no\u{201d}).",
        ),
        (EhrState::WrongState, "error-state", "does not match a request from this page"),
        (
            EhrState::WrongServer,
            "error-iss",
            "This launch names a health record that this calculator is not set up for",
        ),
        (EhrState::Expired, "error-expired", "The health record's access has expired."),
        (EhrState::Forbidden, "error-forbidden", "does not allow this calculator to read this patient's details"),
        (
            EhrState::Server("The patient's weight answered HTTP 500".into()),
            "error-server",
            "The health record could not be read: The patient's weight answered HTTP 500.",
        ),
    ];
    for (state, key, words) in cases {
        let failure = key.starts_with("error-");
        let (page, _, _) = patient_card(state.clone(), None, "");
        leptos::task::tick().await;
        assert_eq!(
            page.attr("#ehr-status", "data-ehr-state").as_deref(),
            Some(key)
        );
        assert_eq!(page.attr("#ehr-status", "role").as_deref(), Some("status"));
        let text = page.text("#ehr-status");
        assert!(text.contains(words), "{key}: {text}");
        if failure {
            assert!(
                text.ends_with(
                    "Nothing was filled from the record; enter the patient's details by hand."
                ),
                "{key}: {text}"
            );
        }
        assert_eq!(page.text("#ehr-launch"), "Load from the health record");
        let disabled = page.element("#ehr-launch").has_attribute("disabled");
        assert_eq!(disabled, state.busy(), "{key}");
        assert_eq!(disabled, key == "redirecting" || key == "loading", "{key}");
        // Manual entry works in every state.
        page.type_into("#weight", "70").await;
        assert_eq!(page.value("#weight"), "70");
    }
}

#[wasm_bindgen_test]
async fn the_status_follows_the_state() {
    let (page, _, smart) = patient_card(EhrState::Idle, None, "");
    leptos::task::tick().await;
    smart.state.set(EhrState::Loading);
    leptos::task::tick().await;
    assert_eq!(
        page.attr("#ehr-status", "data-ehr-state").as_deref(),
        Some("loading")
    );
    smart.state.set(EhrState::Expired);
    leptos::task::tick().await;
    assert_eq!(
        page.attr("#ehr-status", "data-ehr-state").as_deref(),
        Some("error-expired")
    );
}

#[wasm_bindgen_test]
fn a_server_s_long_error_text_is_cut_short() {
    let long = "x".repeat(5000);
    let message = EhrState::Refused {
        error: long,
        description: None,
    }
    .message();
    assert!(message.len() < 400, "{}", message.len());
}

// ---- The lines beside the fields ----

#[wasm_bindgen_test]
async fn filled_fields_say_where_they_came_from_and_when() {
    let record = record_of(
        &weight_bundle(82.4, "kg", "2026-11-20"),
        &height_bundle(178.0),
        &patient_json("male"),
    );
    let (page, _, smart) = patient_card(EhrState::Loaded, Some(record), "");
    leptos::task::tick().await;
    assert!(smart.record.with_untracked(Option::is_some));
    assert_eq!(page.value("#weight"), "82.4");
    assert_eq!(page.value("#height"), "178");
    assert_eq!(page.value("#age"), "56");
    assert_eq!(page.value("#sex"), "male");
    assert_eq!(
        page.text("#weight-source"),
        "From the record: 82.4 kg, measured 2026-11-20"
    );
    assert_eq!(
        page.attr("#weight-source", "data-old").as_deref(),
        Some("false")
    );
    assert_eq!(
        page.text("#height-source"),
        "From the record: 178 cm, measured 2026-06-01"
    );
    assert_eq!(
        page.text("#age-source"),
        "From the record: 56 years (born 1970-11-27)"
    );
    assert_eq!(
        page.text("#sex-source"),
        "From the record: male (administrative gender)"
    );
}

#[wasm_bindgen_test]
async fn an_old_pound_weight_is_filled_in_kg_and_flagged() {
    // 181.7 lb x 0.45359237 = 82.4177 kg, to 0.1 kg: 82.4. 2025-10-23 is 400 days before 2026-11-27.
    let record = record_of(
        &weight_bundle(181.7, "[lb_av]", "2025-10-23"),
        EMPTY,
        &patient_json("female"),
    );
    // A pound entry before the load: the record's kilograms replace it, unit and all.
    let (page, _, _) = patient_card(EhrState::Loaded, Some(record), "weight=150&weight_unit=lb");
    leptos::task::tick().await;
    assert_eq!(page.value("#weight"), "82.4");
    assert_eq!(page.value("#weight_unit"), "kg");
    assert_eq!(
        page.attr("#weight-source", "data-old").as_deref(),
        Some("true")
    );
    assert_eq!(
        page.text("#weight-source"),
        "From the record: 181.7 lb (82.4 kg), measured 2025-10-23, 400 days ago: older than 30 days; weigh the patient again."
    );
}

#[wasm_bindgen_test]
async fn no_weight_in_the_record_leaves_the_field_empty_never_a_default() {
    let record = record_of(EMPTY, EMPTY, &patient_json("other"));
    // A weight typed before the load may be another patient's: it goes.
    let (page, _, _) = patient_card(EhrState::Loaded, Some(record), "weight=70&sex=female");
    leptos::task::tick().await;
    assert_eq!(page.value("#weight"), "");
    assert_eq!(
        page.text("#weight-source"),
        "The record has no body weight for this patient: not filled; weigh the patient and enter the weight."
    );
    assert_eq!(
        page.attr("#weight-source", "data-old").as_deref(),
        Some("false")
    );
    assert_eq!(page.value("#height"), "");
    assert!(page
        .text("#height-source")
        .starts_with("The record has no height"));
    assert_eq!(page.value("#sex"), "");
    assert_eq!(
        page.text("#sex-source"),
        "The record gives the administrative gender as \"other\": not filled; choose the sex by hand if the dosing weight needs it."
    );
    assert_eq!(page.value("#age"), "56");
}

#[wasm_bindgen_test]
async fn a_field_changed_by_hand_says_so_and_what_the_record_gave() {
    let record = record_of(
        &weight_bundle(82.4, "kg", "2026-11-20"),
        &height_bundle(178.0),
        &patient_json("male"),
    );
    let (page, _, _) = patient_card(EhrState::Loaded, Some(record), "");
    leptos::task::tick().await;
    page.type_into("#weight", "80").await;
    assert_eq!(
        page.text("#weight-source"),
        "Changed by hand; the record gave 82.4 kg"
    );
    assert_eq!(
        page.attr("#weight-source", "data-changed").as_deref(),
        Some("true")
    );
    // Back to the record's figure: the record's line again.
    page.type_into("#weight", "82.4").await;
    assert_eq!(
        page.text("#weight-source"),
        "From the record: 82.4 kg, measured 2026-11-20"
    );
    assert_eq!(
        page.attr("#weight-source", "data-changed").as_deref(),
        Some("false")
    );
    // The same digits in pounds are another weight.
    page.choose("#weight_unit", "lb").await;
    assert_eq!(
        page.text("#weight-source"),
        "Changed by hand; the record gave 82.4 kg"
    );
    page.choose("#sex", "female").await;
    assert_eq!(
        page.text("#sex-source"),
        "Changed by hand; the record gave male (administrative gender)"
    );
    page.type_into("#age", "57").await;
    assert_eq!(
        page.text("#age-source"),
        "Changed by hand; the record gave 56 years (born 1970-11-27)"
    );
    page.type_into("#height", "").await;
    assert_eq!(
        page.text("#height-source"),
        "Changed by hand; the record gave 178 cm"
    );
}

#[wasm_bindgen_test]
async fn before_a_record_is_loaded_no_source_line_shows() {
    let (page, _, _) = patient_card(EhrState::Idle, None, "weight=70");
    leptos::task::tick().await;
    assert!(page.exists("#ehr-status"));
    for id in [
        "#weight-source",
        "#height-source",
        "#age-source",
        "#sex-source",
    ] {
        assert!(!page.exists(id), "{id}");
    }
}

// ---- The pure pieces of the flow ----

fn query_of(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').unwrap().1;
    form_pairs(query)
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    let params = web_sys::UrlSearchParams::new_with_str(query).unwrap();
    let mut out = Vec::new();
    let entries = js_sys::try_iter(&params).unwrap().unwrap();
    for entry in entries {
        let pair: js_sys::Array = wasm_bindgen::JsCast::unchecked_into(entry.unwrap());
        out.push((
            pair.get(0).as_string().unwrap(),
            pair.get(1).as_string().unwrap(),
        ));
    }
    out
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[wasm_bindgen_test]
fn the_authorize_request_carries_every_parameter_once() {
    let request = AuthorizeRequest {
        client_id: "ketamine-calculator",
        redirect_uri: "http://127.0.0.1:4312/",
        aud: "http://127.0.0.1:8311",
        state: "s-123",
        code_challenge: "E9cMSA7vYk-Gnx-vfrRPT-HsZTILqXkBPg6R5Tn6Xi4",
        launch: Some("xyz&evil=1"),
    };
    let url = request.url("http://127.0.0.1:8312/authorize");
    assert!(url.starts_with("http://127.0.0.1:8312/authorize?"), "{url}");
    // Read back by the browser's own parser, as the authorization server reads it.
    let q = query_of(&url);
    for (key, value) in [
        ("response_type", "code"),
        ("client_id", "ketamine-calculator"),
        ("redirect_uri", "http://127.0.0.1:4312/"),
        ("scope", EHR_SCOPE),
        ("state", "s-123"),
        ("aud", "http://127.0.0.1:8311"),
        (
            "code_challenge",
            "E9cMSA7vYk-Gnx-vfrRPT-HsZTILqXkBPg6R5Tn6Xi4",
        ),
        ("code_challenge_method", "S256"),
        ("launch", "xyz&evil=1"),
    ] {
        assert_eq!(param(&q, key), vec![value], "{key} in {url}");
    }
    assert_eq!(q.len(), 9, "{url}");
    assert!(param(&q, "evil").is_empty());
    assert_eq!(
        EHR_SCOPE,
        "launch openid fhirUser patient/Patient.rs patient/Observation.rs"
    );
}

#[wasm_bindgen_test]
fn the_standalone_request_asks_for_a_patient_and_has_no_launch() {
    let request = AuthorizeRequest {
        client_id: "c",
        redirect_uri: "https://calc.example.org/",
        aud: "https://fhir.example.org/r4",
        state: "s",
        code_challenge: "c",
        launch: None,
    };
    let q = query_of(&request.url("https://auth.example.org/authorize?tenant=a"));
    assert_eq!(param(&q, "scope"), vec![STANDALONE_SCOPE]);
    assert_eq!(
        STANDALONE_SCOPE,
        "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs"
    );
    assert!(param(&q, "launch").is_empty());
    assert_eq!(
        param(&q, "tenant"),
        vec!["a"],
        "the endpoint's own query is kept"
    );
}

#[wasm_bindgen_test]
fn the_launch_and_the_answer_are_read_from_the_query_and_then_removed() {
    assert_eq!(
        Launch::from_query("?iss=http%3A%2F%2F127.0.0.1%3A8311&launch=abc"),
        Launch::Ehr {
            iss: "http://127.0.0.1:8311".into(),
            launch: "abc".into()
        }
    );
    assert_eq!(
        Launch::from_query("?code=c1&state=s1"),
        Launch::Return {
            code: Some("c1".into()),
            state: Some("s1".into()),
            error: None,
            error_description: None
        }
    );
    assert_eq!(
        Launch::from_query("?error=access_denied&error_description=No+thanks&state=s1"),
        Launch::Return {
            code: None,
            state: Some("s1".into()),
            error: Some("access_denied".into()),
            error_description: Some("No thanks".into()),
        }
    );
    assert_eq!(Launch::from_query("?profile=x"), Launch::None);
    assert_eq!(without_launch_keys("?code=c1&state=s1"), "");
    assert_eq!(
        without_launch_keys("?error=e&error_description=d&state=s&keep=1"),
        "?keep=1"
    );
    assert_eq!(without_launch_keys("?iss=i&launch=l"), "");
    assert_eq!(without_launch_keys(""), "");
}

#[wasm_bindgen_test]
fn only_the_exact_state_of_this_page_s_request_is_accepted() {
    let pending = Pending {
        state: "Jx9-state_value".into(),
        verifier: "v".into(),
        token_endpoint: "t".into(),
        redirect_uri: "r".into(),
        fhir_base_url: "f".into(),
    };
    assert!(pending.answers(Some("Jx9-state_value")));
    assert!(!pending.answers(None));
    assert!(!pending.answers(Some("")));
    assert!(!pending.answers(Some("Jx9-state_valu")));
    assert!(!pending.answers(Some("Jx9-state_value ")));
    assert!(!pending.answers(Some("jx9-state_value")));
    assert_eq!(Pending::decode(&pending.encode()), Some(pending.clone()));
    assert_eq!(Pending::decode("state=x&verifier=y"), None);
    let empty = Pending {
        state: String::new(),
        ..pending
    };
    assert!(
        !empty.answers(Some("")),
        "an empty stored state answers nothing"
    );
}

#[wasm_bindgen_test]
fn the_verifier_and_state_are_43_base64url_characters_new_each_time() {
    let alphabet = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let a = pkce::new_verifier().unwrap();
    let b = pkce::new_verifier().unwrap();
    let s = pkce::new_state().unwrap();
    for v in [&a, &b, &s] {
        assert_eq!(v.len(), 43, "{v}");
        assert!(alphabet(v), "{v}");
        assert!(pkce::is_valid_verifier(v));
    }
    assert_ne!(a, b);
    assert_ne!(a, s);
    assert!(!pkce::is_valid_verifier(&"a".repeat(42)));
    assert!(pkce::is_valid_verifier(&"a".repeat(128)));
    assert!(!pkce::is_valid_verifier(&"a".repeat(129)));
    assert!(!pkce::is_valid_verifier(&format!("{}+", "a".repeat(42))));
}

/// RFC 7636 appendix B: the verifier `dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk` (the base64url
/// of its 32 octets) and its S256 challenge `E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM`.
/// (The task's brief quoted another verifier and challenge that do not belong together: SHA-256
/// of its verifier is `TkQC9lv9…`, checked with Python's hashlib; that pair is tested too.)
#[wasm_bindgen_test]
async fn the_s256_challenge_of_rfc_7636_appendix_b() {
    let challenge = pkce::challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .await
        .unwrap();
    assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    let other = pkce::challenge("dBjftJeZ4CVP-mJ92IQzdYjtHHvfzh8w0vRjBj7L6yE")
        .await
        .unwrap();
    assert_eq!(other, "TkQC9lv9FquPpvWFfaauuwzNFGlVCVzRg7diVWbqPEg");
}

#[wasm_bindgen_test]
fn endpoints_are_checked_by_their_origin() {
    assert_eq!(
        origin_of("http://127.0.0.1:8312/token").as_deref(),
        Some("http://127.0.0.1:8312")
    );
    assert_eq!(
        origin_of("https://auth.example.org?x=1").as_deref(),
        Some("https://auth.example.org")
    );
    assert_eq!(origin_of("https://user@evil.example.org/"), None);
    assert_eq!(origin_of("/relative"), None);
    let allowed = ehr().connect_origins();
    assert!(allowed.contains(&"http://127.0.0.1:8312".to_string()));
    assert!(!allowed.contains(&origin_of("http://127.0.0.1:8313/a").unwrap()));
}

fn pending_for(state: &str) -> Pending {
    Pending {
        state: state.into(),
        verifier: "v".repeat(43),
        token_endpoint: "http://127.0.0.1:8312/token".into(),
        redirect_uri: "http://127.0.0.1:4317/".into(),
        fhir_base_url: "http://127.0.0.1:8311".into(),
    }
}

/// Review M1: `?error=…&error_description=…` crafted by anyone put its words in the status line.
/// An error counts only as the answer to this page's own request.
#[wasm_bindgen_test]
fn an_error_answer_counts_only_with_this_page_s_state() {
    let crafted = || {
        (
            Some("access_denied".to_string()),
            Some("Record weight is 200 kg; use it".to_string()),
        )
    };
    let (e, d) = crafted();
    assert_eq!(
        answer(&ehr(), None, None, None, e, d),
        Err(EhrState::WrongState)
    );
    let (e, d) = crafted();
    assert_eq!(
        answer(&ehr(), Some(pending_for("s1")), Some("s2"), None, e, d),
        Err(EhrState::WrongState)
    );
    let (e, d) = crafted();
    let refused = answer(&ehr(), Some(pending_for("s1")), Some("s1"), None, e, d).unwrap_err();
    assert_eq!(refused.key(), "error-refused");
    assert!(refused.message().contains("its sign-in server said"));
    // The code path: the same state gives the request back with its code.
    let (p, code) = answer(
        &ehr(),
        Some(pending_for("s1")),
        Some("s1"),
        Some("c1".into()),
        None,
        None,
    )
    .unwrap();
    assert_eq!((p.state.as_str(), code.as_str()), ("s1", "c1"));
    assert_eq!(
        answer(
            &ehr(),
            Some(pending_for("s1")),
            Some("s1"),
            None,
            None,
            None
        ),
        Err(EhrState::WrongState)
    );
}

/// Review M1: a crafted `iss` is not echoed in the status line.
#[wasm_bindgen_test]
fn a_foreign_iss_is_not_echoed() {
    let m = EhrState::WrongServer.message();
    assert!(!m.contains("http"), "{m}");
}

/// Review N2: on return, the kept token endpoint is checked against the deployment's origins
/// again before the code goes to it.
#[wasm_bindgen_test]
fn a_kept_token_endpoint_elsewhere_gets_no_code() {
    let mut p = pending_for("s1");
    p.token_endpoint = "https://evil.example.org/token".into();
    let got = answer(&ehr(), Some(p), Some("s1"), Some("c1".into()), None, None).unwrap_err();
    assert_eq!(got.key(), "error-server");
}

/// Review S3: the origin check of the authorization and token endpoints, as `authorize_url` uses it.
#[wasm_bindgen_test]
fn endpoints_on_other_origins_are_refused() {
    let e = ehr();
    assert!(endpoints_allowed(
        &e,
        &[
            "http://127.0.0.1:8312/authorize",
            "http://127.0.0.1:8312/token"
        ]
    ));
    assert!(endpoints_allowed(&e, &["http://127.0.0.1:8311/auth"]));
    assert!(!endpoints_allowed(
        &e,
        &[
            "http://127.0.0.1:8312/authorize",
            "http://127.0.0.1:8313/token"
        ]
    ));
    assert!(!endpoints_allowed(&e, &["https://127.0.0.1:8312/token"]));
    assert!(!endpoints_allowed(
        &e,
        &["http://127.0.0.1:8312@evil.example.org/token"]
    ));
    assert!(!endpoints_allowed(&e, &["/token"]));
}

/// Review S3: the launch is for the configured FHIR server only; a pending request for another is
/// not continued.
#[wasm_bindgen_test]
fn a_pending_request_for_another_fhir_server_is_not_continued() {
    let mut p = pending_for("s1");
    p.fhir_base_url = "http://127.0.0.1:9/fhir".into();
    assert_eq!(
        answer(&ehr(), Some(p), Some("s1"), Some("c1".into()), None, None),
        Err(EhrState::WrongState)
    );
}

/// Review S3: what may go in `Patient/{id}`.
#[wasm_bindgen_test]
fn only_a_fhir_id_goes_in_a_path() {
    assert!(valid_id("p-recent"));
    assert!(valid_id("A.b-9"));
    assert!(valid_id(&"a".repeat(64)));
    assert!(!valid_id(&"a".repeat(65)));
    assert!(!valid_id(""));
    assert!(!valid_id("p/other"));
    assert!(!valid_id("p?x=1"));
    assert!(!valid_id("p%2Fx"));
    assert!(!valid_id("p x"));
}

/// Review S3: a token response that names no patient (or one that is not an id) reads nothing.
#[wasm_bindgen_test]
fn a_token_without_a_patient_reads_nothing() {
    let token = |patient: Option<&str>| Token {
        access_token: "t".into(),
        expires_in: Some(300.0),
        patient: patient.map(str::to_string),
    };
    assert_eq!(
        token_patient(&token(Some("p-recent"))),
        Ok("p-recent".into())
    );
    assert!(matches!(
        token_patient(&token(None)),
        Err(Failure::Server(_))
    ));
    assert!(matches!(
        token_patient(&token(Some(""))),
        Err(Failure::Server(_))
    ));
    assert!(matches!(
        token_patient(&token(Some("../Patient/p-other"))),
        Err(Failure::Server(_))
    ));
}

/// Review B3: the banner names the patient from the Patient already read; nothing without it.
#[wasm_bindgen_test]
async fn the_banner_names_the_record_s_patient() {
    let patient = json!({ "resourceType": "Patient", "id": "p1", "birthDate": "1970-11-27",
        "gender": "female",
        "name": [{ "use": "old", "family": "Before" }, { "use": "official", "family": "Smith", "given": ["Ann", "B"] }],
        "identifier": [{ "system": "urn:x" }, { "type": { "coding": [{ "code": "MR" }] }, "value": "0042" }] })
    .to_string();
    let record = record_of(&weight_bundle(70.0, "kg", "2026-11-20"), EMPTY, &patient);
    let (page, _, _) = patient_card(EhrState::Loaded, Some(record), "");
    leptos::task::tick().await;
    assert_eq!(
        page.text("#ehr-patient-details"),
        "Ann B Smith, born 1970-11-27, MR 0042"
    );
    assert!(page
        .text("#ehr-patient")
        .contains("Check this is the patient"));
    let (page, _, _) = patient_card(EhrState::Idle, None, "");
    leptos::task::tick().await;
    assert!(!page.exists("#ehr-patient"));
    let bare = record_of(EMPTY, EMPTY, r#"{"resourceType":"Patient","id":"p1"}"#);
    let (page, _, _) = patient_card(EhrState::Loaded, Some(bare), "");
    leptos::task::tick().await;
    assert_eq!(
        page.text("#ehr-patient-details"),
        "no name in the record, no birth date in the record"
    );
}

/// Review S7: SMART and the embedded widget are separate entry points: no Load button embedded.
#[wasm_bindgen_test]
async fn embedded_the_load_button_is_not_offered() {
    let (page, _, _) = patient_card(EhrState::Idle, None, "embed=1");
    leptos::task::tick().await;
    assert!(page.exists("#ehr-status"));
    assert!(!page.exists("#ehr-launch"));
    let (page, _, _) = patient_card(EhrState::Idle, None, "");
    leptos::task::tick().await;
    assert!(page.exists("#ehr-launch"));
}

/// Review S8 and M3: forgetting the record takes its lines and banner; starting over also empties
/// the fields it filled and leaves the others.
#[wasm_bindgen_test]
async fn forgetting_the_record_leaves_no_line_and_starting_over_empties_its_fields() {
    let record = record_of(
        &weight_bundle(82.4, "kg", "2026-11-20"),
        &height_bundle(178.0),
        &patient_json("female"),
    );
    let (page, calculator, smart) = patient_card(
        EhrState::Loaded,
        Some(record.clone()),
        "protocol=maintenance",
    );
    leptos::task::tick().await;
    assert!(page.exists("#weight-source"));
    smart.forget();
    leptos::task::tick().await;
    assert!(!page.exists("#weight-source"));
    assert!(!page.exists("#ehr-patient"));
    assert_eq!(
        page.attr("#ehr-status", "data-ehr-state").as_deref(),
        Some("idle")
    );

    record.fill(calculator);
    smart.record.set(Some(record));
    leptos::task::tick().await;
    assert_eq!(page.value("#weight"), "82.4");
    smart.start_over(calculator);
    leptos::task::tick().await;
    for field in ["#weight", "#height", "#age", "#sex"] {
        assert_eq!(page.value(field), "", "{field}");
    }
    assert!(!page.exists("#weight-source"));
    assert_eq!(
        calculator
            .inputs
            .with_untracked(|i| i.get("protocol").map(str::to_string)),
        Some("maintenance".into())
    );
}

/// Review S10: during the blind second entry of a double check, no line says what the record gave.
#[wasm_bindgen_test]
async fn the_blind_second_entry_shows_no_record_line() {
    let record = record_of(
        &weight_bundle(82.4, "kg", "2026-11-20"),
        &height_bundle(178.0),
        &patient_json("female"),
    );
    let (page, calculator, _) = patient_card(EhrState::Loaded, Some(record), "");
    leptos::task::tick().await;
    assert!(page.exists("#weight-source"));
    calculator
        .first_entry
        .set(Some(calculator.inputs.get_untracked()));
    calculator.clear();
    leptos::task::tick().await;
    assert!(!page.exists("#weight-source"));
    assert!(!page.exists("#age-source"));
    assert!(!page.exists("#ehr-patient"));
}

/// Review S9: each line saying where a value came from describes its field.
#[wasm_bindgen_test]
async fn the_source_lines_describe_their_fields() {
    let record = record_of(
        &weight_bundle(82.4, "kg", "2026-11-20"),
        &height_bundle(178.0),
        &patient_json("female"),
    );
    let (page, _, smart) = patient_card(EhrState::Loaded, Some(record), "");
    leptos::task::tick().await;
    for key in ["weight", "height", "age", "sex"] {
        let ids = page
            .attr(&format!("#{key}"), "aria-describedby")
            .unwrap_or_default();
        assert!(
            ids.split(' ').any(|id| id == format!("{key}-source")),
            "{key}: {ids}"
        );
        assert!(page.exists(&format!("#{key}-source")), "{key}");
    }
    smart.forget();
    leptos::task::tick().await;
    let ids = page.attr("#weight", "aria-describedby").unwrap_or_default();
    assert!(!ids.contains("weight-source"), "{ids}");
}

/// Review S1: the record's source, date and age reach the printout.
#[wasm_bindgen_test]
async fn the_printout_says_where_the_figures_came_from() {
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let record = record_of(
        &weight_bundle(181.7, "[lb_av]", "2025-10-02"),
        &height_bundle(178.0),
        &patient_json("female"),
    );
    let page = mount(move || {
        let calculator = Calculator::new(Inputs::default());
        provide_context(calculator);
        let smart = Smart::new(ehr(), EhrState::Loaded);
        provide_context(smart);
        record.fill(calculator);
        smart.record.set(Some(record));
        out.set(Some(smart));
        view! { <ketamine_calculator::components::share::PrintSummary /> }
    });
    leptos::task::tick().await;
    let text = page.text("#print-record");
    assert!(text.contains("181.7 lb"), "{text}");
    assert!(text.contains("measured 2025-10-02"), "{text}");
    assert!(text.contains("[OLD]"), "{text}");
    assert!(text.contains("born 1970-11-27"), "{text}");
    slot.get().unwrap().forget();
    leptos::task::tick().await;
    assert!(!page.exists("#print-record"));
}
