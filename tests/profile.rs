//! Browser tests of the institution profile: the file read in the browser as the page reads it
//! (`Profile::from_json`, serde_json compiled to wasm), the status on screen, alerts saying whose
//! limit they are, the wait before a named profile arrives, the fallback to the guideline, and the
//! offered protocols, default protocol and standard concentrations.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::alerts::Alerts;
use ketamine_calculator::components::plan_inputs::PlanInputs;
use ketamine_calculator::components::profile_status::ProfileStatus;
use ketamine_calculator::components::ranges::Ranges;
use ketamine_calculator::components::route_and_protocol::RouteAndProtocol;
use ketamine_calculator::profile::{built_in, built_in_over, from_build};
use ketamine_calculator::state::{Calculator, ProfileState};
use ketamine_engine::profile::{Profile, ProfileError};
use ketamine_engine::Inputs;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../examples/profile.json");

fn example() -> ProfileState {
    ProfileState::settled("the file profiles/example.json".into(), read(EXAMPLE))
}

/// Parses and validates a profile file, as the page does.
fn read(text: &str) -> Result<Profile, Vec<ProfileError>> {
    Profile::from_json(text)
}

/// The example profile with one text replaced, e.g. a key misspelled or a value changed.
fn example_with(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "the example has no {from:?}");
    EXAMPLE.replacen(from, to, 1)
}

/// The page's parts that a profile changes, under this state and these entries; the calculator
/// is handed back so a test can settle another profile state, as the loader does.
fn page_with(state: ProfileState, fragment: &str) -> (Page<impl Sized>, Calculator) {
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let inputs = Inputs::from_fragment(fragment);
    let page = mount(move || {
        let calculator = Calculator::with_profile(inputs, state);
        provide_context(calculator);
        out.set(Some(calculator));
        view! {
            <ProfileStatus />
            <RouteAndProtocol />
            <PlanInputs />
            <Alerts />
            <Ranges />
        }
    });
    (page, slot.get().expect("mounted"))
}

fn option_values<H>(page: &Page<H>, select: &str) -> Vec<String> {
    let list = page
        .root
        .query_selector_all(&format!("{select} option"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            let option: web_sys::HtmlElement =
                wasm_bindgen::JsCast::unchecked_into(list.get(i).unwrap());
            option.get_attribute("value").unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_browser_reads_the_example_profile_and_names_the_key_of_a_bad_one() {
    let profile = read(EXAMPLE).expect("the example profile is valid");
    assert_eq!(profile.info().institution, "Example General Hospital");

    // Regression guard: serde-wasm-bindgen must keep `deny_unknown_fields` and the key path, or a
    // misspelled limit would be dropped silently and the guideline's would apply unannounced.
    let errors = read(&example_with("\"soft\": 0.25", "\"sfot\": 0.25")).unwrap_err();
    assert_eq!(
        errors[0].key, "limits.iv_bolus_mg_per_kg.sfot",
        "{errors:?}"
    );

    let errors = read(&example_with("\"soft\": 0.25", "\"soft\": \"0.25\"")).unwrap_err();
    assert_eq!(
        errors[0].key, "limits.iv_bolus_mg_per_kg.soft",
        "{errors:?}"
    );

    let errors = read("not JSON").unwrap_err();
    assert_eq!(errors[0].key, "profile");
    assert!(errors[0].message.contains("line 1 column 2"), "{errors:?}");

    let errors = read(&" ".repeat(64 * 1024 + 1)).unwrap_err();
    assert!(
        errors[0].message.contains("at most 65536 bytes"),
        "{errors:?}"
    );

    // Out of bounds: read, then refused by the engine, naming the key.
    let errors = read(&example_with("\"soft\": 0.25", "\"soft\": 0.5")).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.key == "limits.iv_bolus_mg_per_kg.soft"),
        "{errors:?}"
    );
}

#[wasm_bindgen_test]
async fn a_profile_limit_changes_the_alert_and_the_alert_says_it_is_the_profiles() {
    let entries = "weight=70&bolus=0.3";
    let (page, _) = page_with(ProfileState::Guideline, entries);
    tick().await;
    assert!(!page.all_text().contains("0.25 mg/kg"));
    assert_eq!(
        page.count(".alert-origin"),
        0,
        "no origin tags without a profile"
    );
    assert!(page
        .text("#profile-status")
        .contains("No institution profile is in use"));
    drop(page);

    let (page, _) = page_with(example(), entries);
    tick().await;
    let warning = page.text(".alert-soft");
    assert!(warning.contains("Institution profile"), "{warning}");
    assert!(
        warning.contains("institution profile's limit of 0.25 mg/kg"),
        "{warning}"
    );
    assert_eq!(
        page.text(".alert-soft .alert-origin-profile"),
        "Institution profile"
    );
    let status = page.text("#profile-status");
    assert!(
        status.contains("Institution profile: Example General Hospital"),
        "{status}"
    );
    assert!(
        status.contains("Version 2026-1, review date 2027-06-30"),
        "{status}"
    );
    assert!(!status.contains("Review date passed"), "{status}");
}

#[wasm_bindgen_test]
async fn a_hard_limit_of_the_profile_blocks_what_the_guideline_only_warns_about() {
    let entries = "weight=70&bolus=0.6";
    let (page, _) = page_with(ProfileState::Guideline, entries);
    tick().await;
    assert_eq!(page.count(".alert-hard"), 0, "{}", page.all_text());
    assert!(page.exists(".alert-soft"));
    drop(page);

    let (page, _) = page_with(example(), entries);
    tick().await;
    let blocked = page.text(".alert-hard");
    assert!(blocked.contains("Institution profile"), "{blocked}");
    assert!(blocked.contains("hard limit of 0.5 mg/kg"), "{blocked}");
}

#[wasm_bindgen_test]
async fn a_rejected_profile_is_said_and_the_guideline_applies() {
    let errors = vec![ProfileError {
        key: "limits.iv_bolus_mg_per_kg.soft".into(),
        message: "limits.iv_bolus_mg_per_kg.soft: 0.5 is outside 0 to 0.35".into(),
    }];
    let state = ProfileState::Rejected {
        from: "the file profiles/bad.json".into(),
        errors,
    };
    let (page, _) = page_with(state, "weight=70");
    tick().await;
    let status = page.text("#profile-status");
    assert!(status.contains("the guideline's limits apply"), "{status}");
    assert!(
        status.contains("limits.iv_bolus_mg_per_kg.soft: 0.5"),
        "{status}"
    );
    assert_eq!(
        page.attr("#profile-status", "role").as_deref(),
        Some("alert")
    );
    assert_eq!(page.text("#bolus-range"), "up to 24.5 mg");
}

#[wasm_bindgen_test]
async fn nothing_is_calculated_while_a_named_profile_is_on_its_way() {
    let loading = ProfileState::Loading {
        from: "the file profiles/pain.json".into(),
    };
    let (page, calculator) = page_with(loading, "weight=70&bolus=0.3");
    tick().await;
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!shows_mg_figure(&page.text(".alerts")));
    assert!(page.text(".problems").contains("waiting for the profile"));
    assert!(
        page.text(".problems").contains("profiles/pain.json"),
        "names what it waits for"
    );
    assert!(
        !page.text(".problems").contains("Go to field"),
        "no field to go to"
    );

    calculator.settle(example());
    tick().await;
    assert!(page.text(".alert-soft").contains("0.25 mg/kg"));
    // The profile narrows the IV bolus range: 0.25 mg/kg x 70 kg.
    assert_eq!(page.text("#bolus-range"), "up to 17.5 mg");
}

#[wasm_bindgen_test]
async fn the_profile_offers_its_protocols_its_default_and_its_concentrations() {
    let (page, calculator) = page_with(ProfileState::Guideline, "weight=70");
    tick().await;
    let every = option_values(&page, "#protocol");
    assert!(every.len() > 6, "{every:?}");
    assert_eq!(page.value("#protocol"), "");

    calculator.settle(example());
    tick().await;
    assert_eq!(
        option_values(&page, "#protocol"),
        [
            "",
            "custom",
            "asra-first-outpatient",
            "patil-outpatient",
            "correll-inpatient",
            "iv-test-dose"
        ]
    );
    // The plan was empty: the default protocol opens, as on a pump's drug library.
    assert_eq!(page.value("#protocol"), "asra-first-outpatient");
    assert!(page.all_text().contains("institution default"));
    assert_eq!(
        option_values(&page, "#conc-choice"),
        ["", "1", "2", "10", "50", "custom"]
    );

    // Entered figures are never overwritten by a default.
    calculator.clear();
    tick().await;
    assert_eq!(page.value("#protocol"), "asra-first-outpatient");
    calculator.set("protocol", Some("custom".into()));
    calculator.set("bolus", Some("0.2".into()));
    calculator.settle(example());
    tick().await;
    calculator.inputs.with_untracked(|i| {
        assert_eq!(i.get("protocol"), Some("custom"));
        assert_eq!(i.get("bolus"), Some("0.2"));
    });
    assert_eq!(page.value("#protocol"), "custom");
}

#[wasm_bindgen_test]
async fn a_profile_past_its_review_date_is_flagged() {
    let overdue = ProfileState::settled(
        "the file profiles/old.json".into(),
        read(&example_with("2027-06-30", "2020-01-31")),
    );
    let (page, _) = page_with(overdue, "");
    tick().await;
    let status = page.text("#profile-status");
    assert!(status.contains("review date 2020-01-31"), "{status}");
    assert!(status.contains("Review date passed"), "{status}");
}

#[wasm_bindgen_test]
fn a_build_carries_its_profile_or_none() {
    // The test build is made without KETAMINE_PROFILE: the guideline applies.
    assert_eq!(built_in(), ProfileState::Guideline);
    assert_eq!(from_build(" \n"), ProfileState::Guideline);
    match from_build(EXAMPLE) {
        ProfileState::Active { profile, from } => {
            assert_eq!(profile.info().profile_version, "2026-1");
            assert_eq!(from, "this deployment's build");
        }
        other => panic!("{other:?}"),
    }
    // A broken built-in profile is rejected visibly like any other, never half-applied.
    assert!(matches!(
        from_build(&example_with("2027-06-30", "2027-13-01")),
        ProfileState::Rejected { .. }
    ));
}

#[wasm_bindgen_test]
fn a_built_in_profile_is_not_replaced_by_one_the_page_names() {
    // Regression: on a deployment with its own profile, a link naming a missing file (or
    // `profile=message` outside a frame) made the page fall back to the looser guideline.
    assert_eq!(built_in_over("", "profiles/other.json"), None);
    match built_in_over(EXAMPLE, "profiles/other.json") {
        Some(ProfileState::Active { profile, from }) => {
            assert_eq!(profile.info().institution, "Example General Hospital");
            assert!(
                from.contains("\"profiles/other.json\" named by the page is not used"),
                "{from}"
            );
        }
        other => panic!("{other:?}"),
    }
}
