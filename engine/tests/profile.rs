//! Institution profiles: the schema, each bound a profile cannot cross, the fallback, and a
//! profile-set limit changing the alert a clinician sees.

mod common;
use common::*;
use ketamine_engine::alerts::{Level, Origin};
use ketamine_engine::monitoring::Tier;
use ketamine_engine::profile::{Profile, ProfileError};
use ketamine_engine::{calculate_with, Inputs, Status};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../examples/profile.json");

fn base() -> Value {
    json!({
        "schema": "ketamine-calculator-profile", "schema_version": 1,
        "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31"
    })
}

fn with(path: &[&str], value: Value) -> Value {
    let mut v = base();
    let mut at = &mut v;
    for key in &path[..path.len() - 1] {
        at = at
            .as_object_mut()
            .unwrap()
            .entry(key.to_string())
            .or_insert(json!({}));
    }
    at[path[path.len() - 1]] = value;
    v
}

fn load(v: Value) -> Result<Profile, Vec<ProfileError>> {
    Profile::load(v)
}

#[track_caller]
fn rejected(v: Value, key: &str) {
    let errors = load(v).expect_err("profile was accepted");
    assert!(
        errors
            .iter()
            .any(|e| e.key == key && e.message.starts_with(key)),
        "no error for {key}: {errors:?}"
    );
}

/// `value` at `path` is rejected, with an error on the key `path.field` (`path` when `field` is
/// empty, `path[i]` when it starts with a bracket).
#[track_caller]
fn rejected_at(path: &[&str], value: Value, field: &str) {
    let mut key = path.join(".");
    if field.starts_with('[') {
        key.push_str(field);
    } else if !field.is_empty() {
        key = format!("{key}.{field}");
    }
    rejected(with(path, value), &key);
}

fn calc_with(profile: &Profile, fragment: &str) -> ketamine_engine::CalculationResult {
    calculate_with(&Inputs::from_fragment(fragment), profile.thresholds())
}

#[test]
fn the_example_profile_is_valid() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    assert_eq!(profile.info().institution, "Example General Hospital");
}

#[test]
fn unknown_keys_and_a_wrong_schema_are_rejected() {
    let mut v = base();
    v["limts"] = json!({});
    rejected(v, "limts");
    rejected_at(&["schema"], json!("something-else"), "");
    rejected_at(&["schema_version"], json!(2), "");
    rejected_at(&["review_date"], json!("30/06/2027"), "");
    rejected_at(&["review_date"], json!("2027-02-30"), "");
    rejected_at(&["institution"], json!("  "), "");
}

#[test]
fn a_file_that_does_not_fit_the_schema_names_the_key_by_its_path() {
    // Regression: serde's own message named the misspelled key but not where it was, so a
    // pharmacist could not tell which of the limits was wrong.
    rejected_at(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"sfot": 0.2, "reason": "x"}),
        "sfot",
    );
    rejected_at(
        &["limits", "total_mg_per_day"],
        json!({"soft": "600", "reason": "why"}),
        "soft",
    );
    rejected_at(
        &["standard_concentrations_mg_per_ml"],
        json!([1, "two"]),
        "[1]",
    );
    let mut v = base();
    v.as_object_mut().unwrap().remove("institution");
    let errors = load(v).unwrap_err();
    assert_eq!(errors[0].key, "profile");
    assert!(
        errors[0].message.contains("missing field `institution`"),
        "{errors:?}"
    );
    assert!(load(json!([1, 2])).is_err());
    assert!(load(json!("profile")).is_err());
}

#[test]
fn a_file_that_is_not_json_is_named_as_the_whole_profile() {
    // Regression: a syntax error partway through the file was reported under the key "?", the
    // path the parser had reached, and did not say the file was not JSON.
    for broken in [
        r#"{"schema": "ketamine-calculator-profile", "#,
        r#"{"schema_version": 1,, }"#,
        "not JSON",
    ] {
        let errors = Profile::from_json(broken).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].key, "profile", "{broken}: {errors:?}");
        assert!(
            errors[0]
                .message
                .starts_with("profile: the file is not valid JSON (")
                && errors[0].message.contains("line 1 column"),
            "{broken}: {errors:?}"
        );
    }
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(70_000));
    let errors = Profile::from_json(&big).unwrap_err();
    assert!(
        errors[0].message.contains("at most 65536 bytes"),
        "{errors:?}"
    );
}

#[test]
fn a_profile_may_tighten_but_not_loosen_the_iv_bolus() {
    assert!(load(with(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"soft": 0.3, "hard": 0.75, "reason": "policy"})
    ))
    .is_ok());
    rejected_at(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"soft": 0.36, "reason": "policy"}),
        "soft",
    );
    rejected_at(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"hard": 0.76, "reason": "policy"}),
        "hard",
    );
    rejected_at(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"soft": 0.3, "hard": 0.2, "reason": "policy"}),
        "soft",
    );
    rejected_at(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"soft": 0.3}),
        "reason",
    );
}

#[test]
fn a_profile_may_tighten_but_not_loosen_the_iv_infusion() {
    assert!(load(with(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"soft": 2, "hard": 7, "reason": "guideline"})
    ))
    .is_ok());
    rejected_at(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"soft": 2.1, "reason": "x y z"}),
        "soft",
    );
    rejected_at(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"hard": 7.5, "reason": "x y z"}),
        "hard",
    );
    rejected_at(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"hard": -1, "reason": "x y z"}),
        "hard",
    );
}

#[test]
fn a_profile_may_shorten_but_not_lengthen_continuous_infusions() {
    assert!(load(with(
        &["limits", "continuous_infusion_min"],
        json!({"hard": 7200, "reason": "Correll"})
    ))
    .is_ok());
    rejected_at(
        &["limits", "continuous_infusion_min"],
        json!({"hard": 7201, "reason": "longer"}),
        "hard",
    );
    rejected_at(
        &["limits", "continuous_infusion_min"],
        json!({"soft": 5761, "reason": "longer"}),
        "soft",
    );
}

#[test]
fn custom_concentrations_may_only_narrow() {
    rejected_at(
        &["limits", "custom_concentration_mg_per_ml"],
        json!({"min": 0.05, "max": 10}),
        "min",
    );
    rejected_at(
        &["limits", "custom_concentration_mg_per_ml"],
        json!({"min": 0.5, "max": 60}),
        "max",
    );
    rejected_at(
        &["limits", "custom_concentration_mg_per_ml"],
        json!({"min": 5, "max": 2}),
        "min",
    );
    rejected_at(
        &["standard_concentrations_mg_per_ml"],
        json!([1, 200]),
        "[1]",
    );
}

#[test]
fn monitoring_thresholds_may_be_lowered_and_raised_only_for_stabilized_patients() {
    assert!(load(with(
        &["monitoring", "high_dose_infusion_mg_per_kg_per_h"],
        json!({"value": 0.8, "reason": "ward"})
    ))
    .is_ok());
    rejected_at(
        &["monitoring", "high_dose_infusion_mg_per_kg_per_h"],
        json!({"value": 1.2, "reason": "ward"}),
        "value",
    );
    rejected_at(
        &["monitoring", "high_dose_bolus_mg_per_kg"],
        json!({"value": 0.4, "reason": "ward"}),
        "value",
    );
    assert!(load(with(
        &[
            "monitoring",
            "stabilized_high_dose_infusion_mg_per_kg_per_h"
        ],
        json!({"value": 1.5, "reason": "stabilized CRPS patients"})
    ))
    .is_ok());
    rejected_at(
        &[
            "monitoring",
            "stabilized_high_dose_infusion_mg_per_kg_per_h",
        ],
        json!({"value": 2.5, "reason": "more"}),
        "value",
    );
    rejected_at(
        &[
            "monitoring",
            "stabilized_high_dose_infusion_mg_per_kg_per_h",
        ],
        json!({"value": 1.5, "reason": ""}),
        "reason",
    );
    rejected_at(
        &["monitoring", "elderly_age_years"],
        json!({"value": 45, "reason": "young"}),
        "value",
    );
    rejected_at(
        &["monitoring", "lower_thresholds"],
        json!({"bolus_mg_per_kg": 0.5, "infusion_mg_per_kg_per_h": 0.5, "reason": "ward"}),
        "bolus_mg_per_kg",
    );
}

#[test]
fn protocols_must_be_known_and_the_default_offered() {
    rejected_at(
        &["protocols"],
        json!({"offered": ["asra-first-outpatient", "bogus"]}),
        "offered[1]",
    );
    rejected_at(
        &["protocols"],
        json!({"offered": ["asra-first-outpatient"], "default": "patil-outpatient"}),
        "default",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut v = with(
        &["limits", "iv_bolus_mg_per_kg"],
        json!({"soft": 0.5, "reason": "x"}),
    );
    v["review_date"] = json!("soon");
    let keys: Vec<String> = load(v).unwrap_err().into_iter().map(|e| e.key).collect();
    assert_eq!(
        keys,
        vec![
            "review_date",
            "limits.iv_bolus_mg_per_kg.soft",
            "limits.iv_bolus_mg_per_kg.reason"
        ]
    );
}

#[test]
fn a_profile_limit_changes_the_alert_and_says_it_is_the_profiles() {
    let profile = load(with(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"soft": 1, "hard": 2, "reason": "no ICU infusions"}),
    ))
    .unwrap();
    // 1.5 mg/kg/h: fine under the guideline, above this hospital's soft limit
    assert_no_alert(&calc("weight=70&rate=1.5"), "rate-above-range");
    let r = calc_with(&profile, "weight=70&rate=1.5");
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "rate-above-range")
        .unwrap();
    assert_eq!(alert.origin, Origin::Profile);
    assert_eq!(r.profile.as_ref().unwrap().institution, "Test Hospital");
    // 2.5 mg/kg/h: allowed in the ICU under the guideline, blocked here
    assert_eq!(calc("weight=70&rate=2.5&care_area=icu").status, Status::Ok);
    let blocked = calc_with(&profile, "weight=70&rate=2.5");
    assert_eq!(blocked.status, Status::Invalid);
    assert_eq!(
        blocked
            .alerts
            .iter()
            .find(|a| a.level == Level::Hard)
            .unwrap()
            .origin,
        Origin::Profile
    );
}

#[test]
fn guideline_alerts_stay_the_guidelines_under_a_profile() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let r = calc_with(&profile, "weight=70&age=16");
    assert_eq!(
        r.alerts
            .iter()
            .find(|a| a.code == "age-under-18")
            .unwrap()
            .origin,
        Origin::Guideline
    );
}

#[test]
fn total_per_day_limit_exists_only_with_a_profile() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    // 0.5 mg/kg/h x 70 kg = 35 mg/h x 20 h = 700 mg > 600 mg
    assert_no_alert(
        &calc("weight=70&rate=0.5&duration_min=1200"),
        "total-above-institution-limit",
    );
    assert_alert(
        &calc_with(&profile, "weight=70&rate=0.5&duration_min=1200"),
        "total-above-institution-limit",
    );
}

#[test]
fn lower_thresholds_replace_escalation_at_any_dose() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    // Guideline default: an elderly patient escalates at any dose
    assert_eq!(
        calc("weight=70&rate=0.3&age=80").monitoring_tier,
        Some(Tier::HighDose)
    );
    // Profile: only from 0.5 mg/kg/h (and elderly from 70 years)
    assert_eq!(
        calc_with(&profile, "weight=70&rate=0.3&age=80").monitoring_tier,
        Some(Tier::Standard)
    );
    assert_eq!(
        calc_with(&profile, "weight=70&rate=0.5&age=80").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc_with(&profile, "weight=70&rate=0.5&age=68").monitoring_tier,
        Some(Tier::Standard)
    );
}

#[test]
fn stabilized_patients_may_have_a_higher_threshold() {
    let profile = load(with(
        &[
            "monitoring",
            "stabilized_high_dose_infusion_mg_per_kg_per_h",
        ],
        json!({"value": 1.5, "reason": "stabilized CRPS patients"}),
    ))
    .unwrap();
    assert_eq!(
        calc_with(&profile, "weight=70&rate=1.2").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc_with(
            &profile,
            "weight=70&rate=1.2&risk=stabilized_on_higher_doses"
        )
        .monitoring_tier,
        Some(Tier::Standard)
    );
    // Without a profile the factor changes nothing
    assert_eq!(
        calc("weight=70&rate=1.2&risk=stabilized_on_higher_doses").monitoring_tier,
        Some(Tier::HighDose)
    );
}

#[test]
fn a_protocol_the_hospital_does_not_offer_is_refused() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let r = calc_with(&profile, "weight=70&protocol=sigtermans-2009");
    assert_eq!(r.status, Status::Invalid);
    assert!(r
        .error_for("protocol")
        .unwrap()
        .message
        .contains("not offered by Example General Hospital"));
}

#[test]
fn the_standard_list_is_the_hospitals() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    // 100 mg/mL is not stocked there: IM 100 mg/mL is a custom concentration beyond its 10 mg/mL
    assert_eq!(
        calc("weight=70&route=im&bolus=0.3&conc=100").status,
        Status::Ok
    );
    assert_eq!(
        calc_with(&profile, "weight=70&route=im&bolus=0.3&conc=100").status,
        Status::Invalid
    );
}

#[test]
fn review_date_overdue_is_detected() {
    let profile = load(base()).unwrap();
    assert!(!profile.review_overdue("2027-01-31"));
    assert!(profile.review_overdue("2027-02-01"));
}

#[test]
fn the_note_names_the_profile_or_says_the_guideline_applies() {
    use ketamine_engine::note::clinical_note;
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let note = clinical_note(&calc_with(&profile, "weight=70"), &[], "2026-11-21 10:00");
    assert!(
        note.contains("Institution profile: Example General Hospital, version 2026-1, review date 2027-06-30, approved by Pharmacy and Therapeutics Committee"),
        "{note}"
    );
    let guideline = ketamine_engine::calculate(&Inputs::from_fragment("weight=70"));
    let note = clinical_note(&guideline, &[], "2026-11-21 10:00");
    assert!(
        note.contains("Limits: the guideline's (no institution profile)"),
        "{note}"
    );
}

/// The message of the alert with this code, for these entries under the example profile.
fn profile_message(fragment: &str, code: &str) -> String {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let result = calc_with(&profile, fragment);
    let alert = result
        .alerts
        .iter()
        .find(|a| a.code == code)
        .unwrap_or_else(|| panic!("no {code} for {fragment}: {:?}", result.alerts));
    assert_eq!(alert.origin, Origin::Profile, "{alert:?}");
    alert.message.clone()
}

#[test]
fn a_profile_limit_is_stated_with_the_profiles_figure_not_the_guidelines_reasoning() {
    // Regression: the alerts kept the guideline's explanation ("Table 1's procedural-analgesia
    // bolus goes up to 0.75 mg/kg", "7 mg/kg per hour in ICU settings", "beyond 4 days") while
    // the limit that fired was the profile's 0.5 mg/kg, 2 mg/kg/h or 3 days.
    let cases = [
        (
            "weight=70&bolus=0.3",
            "bolus-above-range",
            "institution profile's limit of 0.25 mg/kg",
            "goes up to 0.35 mg/kg",
        ),
        (
            "weight=70&bolus=0.6",
            "bolus-hard-limit",
            "institution profile's hard limit of 0.5 mg/kg",
            "",
        ),
        (
            "weight=70&rate=1.5&duration_min=150",
            "rate-above-range",
            "institution profile's soft limit of 1 mg/kg/h",
            "recommends 0.5 to 2 mg/kg/h",
        ),
        (
            "weight=70&rate=2.5&duration_min=150",
            "rate-hard-limit",
            "institution profile's hard limit of 2 mg/kg/h",
            "",
        ),
        (
            "weight=70&rate=0.5&duration_min=1440&days=4",
            "duration-above-4-days",
            "beyond 3 days, the institution profile's limit",
            "",
        ),
        (
            "weight=70&rate=0.5&duration_min=1440&days=5",
            "duration-hard-limit",
            "beyond the institution profile's limit (4 days)",
            "",
        ),
    ];
    for (fragment, code, profile_figure, guideline_figure) in cases {
        let m = profile_message(fragment, code);
        assert!(m.contains(profile_figure), "{code}: {m}");
        assert!(m.contains(guideline_figure), "{code}: {m}");
        for stale in ["0.75 mg/kg", "7 mg/kg", "beyond 4 days"] {
            assert!(
                !m.contains(stale),
                "{code} still explains the guideline's figure: {m}"
            );
        }
    }
}

#[test]
fn the_icu_tier_under_a_profile_starts_above_the_guidelines_range_not_the_soft_limit() {
    // Review 2, finding 1: the profile's soft 1 mg/kg/h is a soft alert; the ICU tier begins above
    // the guideline's 2 mg/kg/h (004:1659-1661), which the example's hard limit never passes.
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let result = calc_with(&profile, "weight=70&rate=1.5&duration_min=150");
    let monitoring = result.monitoring.expect("a plan has monitoring");
    assert_eq!(monitoring.tier, Tier::HighDose);
    assert!(monitoring
        .reasons
        .iter()
        .all(|(why, _)| !why.contains("ICU")));
}

// Regressions from the second review of the profile work.

#[test]
fn a_standard_concentration_cannot_carry_a_strong_vial_past_the_iv_limit() {
    // Was: a profile listing 80 mg/mL made an undiluted 80 mg/mL IV bolus pass without an alert,
    // where the same figure as a custom concentration is blocked above 50 mg/mL.
    rejected_at(
        &["standard_concentrations_mg_per_ml"],
        json!([1, 2, 80]),
        "[2]",
    );
    rejected_at(
        &["standard_concentrations_mg_per_ml"],
        json!([1, 50.5]),
        "[1]",
    );
    let profile = load(with(
        &["standard_concentrations_mg_per_ml"],
        json!([1, 50, 100]),
    ))
    .unwrap();
    assert_alert(
        &calc_with(&profile, "weight=70&bolus=0.3&conc=100"),
        "concentration-undiluted-iv",
    );
}

#[test]
fn lower_thresholds_equal_to_the_high_dose_ones_are_refused() {
    // Was: equal thresholds were accepted, which switched the escalation of elderly and comorbid
    // patients off while the message said they "must be lower".
    let lower = |bolus: f64, rate: f64| {
        with(
            &["monitoring", "lower_thresholds"],
            json!({"bolus_mg_per_kg": bolus, "infusion_mg_per_kg_per_h": rate, "reason": "committee"}),
        )
    };
    rejected(
        lower(0.35, 0.5),
        "monitoring.lower_thresholds.bolus_mg_per_kg",
    );
    rejected(
        lower(0.2, 1.0),
        "monitoring.lower_thresholds.infusion_mg_per_kg_per_h",
    );
    assert!(load(lower(0.349, 0.999)).is_ok());
}

#[test]
fn the_age_alert_does_not_claim_an_escalation_that_did_not_happen() {
    let profile = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    let result = calc_with(&profile, "weight=70&bolus=0.1&age=85&conc=1");
    assert_eq!(result.monitoring_tier, Some(Tier::Standard));
    let age = result
        .alerts
        .iter()
        .find(|a| a.code == "age-elderly")
        .unwrap();
    assert!(
        !age.message.contains("monitoring is escalated"),
        "{}",
        age.message
    );
    assert!(
        age.message.contains("lower monitoring thresholds apply"),
        "{}",
        age.message
    );
    // Without a profile the escalation happens at any dose, and the message says so.
    let result = calc("weight=70&bolus=0.1&age=85&conc=1");
    assert_eq!(result.monitoring_tier, Some(Tier::HighDose));
    let age = result
        .alerts
        .iter()
        .find(|a| a.code == "age-elderly")
        .unwrap();
    // Review 2, finding 6: it says the threshold is the clinician's judgment, not a block.
    assert!(
        age.message
            .contains("monitoring is escalated, by clinical judgment"),
        "{}",
        age.message
    );
}

#[test]
fn a_profile_hard_limit_does_not_become_the_guidelines_figure() {
    // Was: with only a hard infusion limit of 3 in the profile, the soft alert said "The
    // guideline reports up to 3 mg/kg/h ... in ICU settings"; the guideline reports 7.
    let profile = load(with(
        &["limits", "iv_infusion_mg_per_kg_per_h"],
        json!({"hard": 3, "reason": "ward policy"}),
    ))
    .unwrap();
    let result = calc_with(&profile, "weight=70&rate=2.5&duration_min=240&conc=1");
    let soft = result
        .alerts
        .iter()
        .find(|a| a.code == "rate-above-range")
        .unwrap();
    assert!(
        soft.message
            .contains("The guideline reports up to 7 mg/kg/h"),
        "{}",
        soft.message
    );
    assert_eq!(soft.origin, Origin::Guideline);
    let icu = result.monitoring.unwrap();
    let (_, source) = icu
        .reasons
        .iter()
        .find(|(why, _)| why.contains("ICU"))
        .unwrap();
    assert_eq!(
        source.document,
        ketamine_engine::sources::Document::Asra2018
    );
}

#[test]
fn a_daily_total_limit_counts_24_hours_of_a_longer_infusion() {
    // Was: a 72 h infusion's whole total (1,512 mg) was called "a day" and blocked; its first
    // 24 h carry 0.3 mg/kg/h x 70 kg x 24 h = 504 mg.
    let profile = load(with(
        &["limits", "total_mg_per_day"],
        json!({"soft": 500, "hard": 1500, "reason": "pharmacy review"}),
    ))
    .unwrap();
    let result = calc_with(&profile, "weight=70&rate=0.3&duration_min=4320&conc=1");
    assert_no_alert(&result, "total-hard-limit");
    let soft = result
        .alerts
        .iter()
        .find(|a| a.code == "total-above-institution-limit")
        .expect("504 mg in a day is above 500");
    assert!(
        soft.message.starts_with("Total 504 mg in a day"),
        "{}",
        soft.message
    );
    // A bolus counts in the day it is given: 0.35 x 70 = 24.5 mg + 504 mg.
    let result = calc_with(
        &profile,
        "weight=70&bolus=0.35&rate=0.3&duration_min=4320&conc=1",
    );
    let soft = result
        .alerts
        .iter()
        .find(|a| a.code == "total-above-institution-limit")
        .unwrap();
    assert!(
        soft.message.starts_with("Total 528.5 mg in a day"),
        "{}",
        soft.message
    );
}

// ---- The `ehr` section (SMART on FHIR, issue 14) ----

fn ehr(section: Value) -> Value {
    with(&["ehr"], section)
}

fn ehr_ok() -> Value {
    json!({ "fhir_base_url": "https://fhir.example-hospital.org/r4", "client_id": "ketamine-calculator" })
}

fn ehr_with(key: &str, value: Value) -> Value {
    let mut e = ehr_ok();
    e[key] = value;
    ehr(e)
}

#[test]
fn an_ehr_section_is_read_with_its_defaults_and_a_trailing_slash_dropped() {
    let profile = load(ehr_with(
        "fhir_base_url",
        json!("https://fhir.example-hospital.org/r4/"),
    ))
    .unwrap();
    let e = profile.ehr().expect("the ehr section");
    assert_eq!(e.fhir_base_url, "https://fhir.example-hospital.org/r4");
    assert_eq!(e.client_id, "ketamine-calculator");
    assert_eq!((e.weight_max_age_days, e.height_max_age_days), (30, 365));
    assert_eq!(e.fhir_origin(), "https://fhir.example-hospital.org");
    assert!(e.is_configured_server("https://fhir.example-hospital.org/r4/"));
    assert!(e.is_configured_server("https://fhir.example-hospital.org/r4"));
    assert!(!e.is_configured_server("https://fhir.example-hospital.org/r5"));
    assert!(!e.is_configured_server("https://fhir.example-hospital.org.evil.test/r4"));
}

#[test]
fn a_profile_without_ehr_has_none_and_the_example_carries_none() {
    assert!(load(base()).unwrap().ehr().is_none());
    let example = load(serde_json::from_str(EXAMPLE).unwrap()).unwrap();
    assert!(example.ehr().is_none());
}

#[test]
fn the_connect_origins_are_the_fhir_origin_then_each_authorization_origin_once() {
    let mut e = ehr_ok();
    e["fhir_base_url"] = json!("http://127.0.0.1:8311");
    e["authorization_origins"] = json!([
        "http://127.0.0.1:8312",
        "http://127.0.0.1:8311",
        "https://auth.example.org/"
    ]);
    let profile = load(ehr(e)).unwrap();
    assert_eq!(
        profile.ehr().unwrap().connect_origins(),
        [
            "http://127.0.0.1:8311",
            "http://127.0.0.1:8312",
            "https://auth.example.org"
        ]
    );
}

#[test]
fn the_fhir_base_must_be_https_or_http_on_this_machine_without_query_or_fragment() {
    for ok in [
        "https://fhir.example.org",
        "https://fhir.example.org:8443/r4",
        "http://127.0.0.1:8311",
        "http://localhost:8311/fhir",
        "http://[::1]:8311",
    ] {
        assert!(load(ehr_with("fhir_base_url", json!(ok))).is_ok(), "{ok}");
    }
    for bad in [
        "http://fhir.example.org/r4",
        "http://127.0.0.2/r4",
        "ftp://fhir.example.org",
        "fhir.example.org/r4",
        "https://fhir.example.org/r4?x=1",
        "https://fhir.example.org/r4#top",
        "https://user:pw@fhir.example.org",
        "https://FHIR.example.org",
        "https://fhir.example.org:0",
        "https://fhir.example.org:65536",
        "https://fhir.example.org:",
        "https://",
        "https:///r4",
        "https://fhir example.org",
        "",
    ] {
        rejected(ehr_with("fhir_base_url", json!(bad)), "ehr.fhir_base_url");
    }
    rejected(
        ehr_with(
            "fhir_base_url",
            json!(format!("https://a.org/{}", "x".repeat(2000))),
        ),
        "ehr.fhir_base_url",
    );
    assert!(load(ehr_with("fhir_base_url", json!("https://a.org:65535"))).is_ok());
}

#[test]
fn an_explicit_default_port_or_a_port_with_a_leading_zero_is_refused_one_spelling_per_origin() {
    // Regression (review N1): https://fhir.x.org:443/r4 gave the CSP https://fhir.x.org (the
    // build's URL drops :443) but the app's allow-list https://fhir.x.org:443.
    for bad in [
        "https://fhir.example.org:443/r4",
        "http://127.0.0.1:80/fhir",
        "https://fhir.example.org:08443/r4",
    ] {
        rejected(ehr_with("fhir_base_url", json!(bad)), "ehr.fhir_base_url");
    }
    for bad in [
        "https://auth.example.org:443",
        "http://localhost:80/",
        "http://localhost:0080",
    ] {
        rejected(
            ehr_with("authorization_origins", json!([bad])),
            "ehr.authorization_origins[0]",
        );
    }
    // Another scheme's default port is an ordinary port.
    for ok in [
        "https://fhir.example.org:80/r4",
        "http://127.0.0.1:443",
        "https://fhir.example.org:4430/r4",
        "https://fhir.example.org:8443",
    ] {
        assert!(load(ehr_with("fhir_base_url", json!(ok))).is_ok(), "{ok}");
    }
    let errors = load(ehr_with(
        "fhir_base_url",
        json!("https://fhir.example.org:443/r4"),
    ))
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.message
            == "ehr.fhir_base_url: names the default port :443 of https://; leave it out"),
        "{errors:?}"
    );
}

#[test]
fn the_client_id_is_1_to_200_printable_ascii_characters() {
    assert!(load(ehr_with("client_id", json!("x"))).is_ok());
    assert!(load(ehr_with("client_id", json!("x".repeat(200)))).is_ok());
    rejected(
        ehr_with("client_id", json!("x".repeat(201))),
        "ehr.client_id",
    );
    rejected(ehr_with("client_id", json!("")), "ehr.client_id");
    rejected(ehr_with("client_id", json!("   ")), "ehr.client_id");
    rejected(ehr_with("client_id", json!("caf\u{e9}")), "ehr.client_id");
    rejected(ehr_with("client_id", json!("a\nb")), "ehr.client_id");
}

#[test]
fn authorization_origins_are_0_to_4_origins_without_a_path() {
    let origins = |n: usize| {
        json!((0..n)
            .map(|i| format!("https://auth{i}.example.org"))
            .collect::<Vec<_>>())
    };
    assert!(load(ehr_with("authorization_origins", origins(0))).is_ok());
    assert!(load(ehr_with("authorization_origins", origins(4))).is_ok());
    rejected(
        ehr_with("authorization_origins", origins(5)),
        "ehr.authorization_origins",
    );
    rejected(
        ehr_with(
            "authorization_origins",
            json!(["https://auth.example.org/oauth"]),
        ),
        "ehr.authorization_origins[0]",
    );
    rejected(
        ehr_with(
            "authorization_origins",
            json!(["https://auth.example.org", "http://auth.example.org"]),
        ),
        "ehr.authorization_origins[1]",
    );
}

#[test]
fn the_measurement_ages_have_their_bounds() {
    for (key, max) in [("weight_max_age_days", 365), ("height_max_age_days", 3650)] {
        let path = format!("ehr.{key}");
        assert!(load(ehr_with(key, json!(1))).is_ok(), "{key} at 1");
        assert!(load(ehr_with(key, json!(2))).is_ok(), "{key} at 2");
        assert!(
            load(ehr_with(key, json!(max - 1))).is_ok(),
            "{key} just inside"
        );
        let at_max = load(ehr_with(key, json!(max))).unwrap();
        let e = at_max.ehr().unwrap();
        assert_eq!(
            if key.starts_with("weight") {
                e.weight_max_age_days
            } else {
                e.height_max_age_days
            },
            max
        );
        rejected(ehr_with(key, json!(0)), &path);
        rejected(ehr_with(key, json!(max + 1)), &path);
        // Not whole days, or not a number of days at all: named by the schema.
        rejected(ehr_with(key, json!(30.5)), &path);
        rejected(ehr_with(key, json!(-1)), &path);
        rejected(ehr_with(key, json!("30")), &path);
    }
}

#[test]
fn an_ehr_section_with_an_unknown_or_missing_key_is_rejected_by_name() {
    let mut e = ehr_ok();
    e["fhir_base"] = json!("https://x.org");
    rejected(ehr(e), "ehr.fhir_base");
    rejected(ehr(json!({ "client_id": "x" })), "ehr");
}
