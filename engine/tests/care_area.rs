//! Issue 12, the care area: the plan checked against where it will be given, as a smart pump
//! checks its care area. The full 4 x 4 table of tier against care area, the escalation for age and
//! comorbidity moving the requirement, multi-day infusions, and a profile's own care areas.

mod common;
use common::*;
use ketamine_engine::care_area::CareLevel;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::profile::Profile;
use ketamine_engine::{calculate_with, Inputs, Status};
use serde_json::json;

/// One plan per tier, each a single 150-minute IV infusion at 70 kg.
const TIERS: [(Tier, &str); 4] = [
    (Tier::Standard, "weight=70&rate=0.5&duration_min=150"), // below 1 mg/kg/h
    (Tier::HighDose, "weight=70&rate=1&duration_min=150"),   // at 1 mg/kg/h (004:1494-1495)
    (Tier::Icu, "weight=70&rate=3&duration_min=150"),        // above 2 (004:1659-1661)
    (Tier::BeyondGuideline, "weight=70&rate=8&duration_min=150"), // above 7: blocked anyway
];

#[test]
fn every_tier_against_every_care_area() {
    // Rows: tiers; columns: outpatient, ward, monitored, icu. True: the care area provides it.
    let expected = [
        [true, true, true, true],
        [false, false, true, true],
        [false, false, false, true],
        [false, false, false, false],
    ];
    for ((tier, plan), row) in TIERS.iter().zip(expected) {
        for (level, sufficient) in CareLevel::ALL.iter().zip(row) {
            let r = calc(&format!("{plan}&care_area={}", level.key()));
            assert_eq!(r.monitoring_tier, Some(*tier), "{plan}");
            assert_eq!(
                r.care_area_sufficient,
                Some(sufficient),
                "{tier:?} in {level:?}"
            );
            let blocked_here = codes(&r).iter().any(|c| c == "care-area-insufficient");
            // Beyond the guideline is blocked by its own hard limit, not by the care area.
            assert_eq!(
                blocked_here,
                !sufficient && *tier != Tier::BeyondGuideline,
                "{tier:?} in {level:?}"
            );
            if !sufficient {
                assert_eq!(r.status, Status::Invalid);
                assert!(r.plan.rate_ml_per_h.is_none() && r.plan.rate_mg_per_h.is_none());
            }
        }
    }
}

#[test]
fn the_block_names_the_field_the_reason_and_the_source() {
    let r = calc("weight=70&rate=1&duration_min=150&care_area=ward");
    let e = r.errors.iter().find(|e| e.field == "care_area").unwrap();
    assert!(e.message.contains("General ward"), "{}", e.message);
    assert!(e.message.contains("Monitored unit"), "{}", e.message);
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "care-area-insufficient")
        .unwrap();
    assert_eq!(
        a.source.to_string(),
        "ASRA/AAPM/ASA guideline 2018, question 6 and Table 6"
    );
}

#[test]
fn a_care_area_above_what_the_plan_needs_is_fine() {
    let r = calc("weight=70&rate=0.5&duration_min=150&care_area=icu");
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.care_area_sufficient, Some(true));
    assert_eq!(r.care_area.unwrap().level, CareLevel::Icu);
}

#[test]
fn not_chosen_shows_the_requirement_and_says_choosing_checks_it() {
    let r = calc("weight=70&rate=1&duration_min=150");
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.care_area_sufficient, None);
    let check = r.care_area_check.unwrap();
    assert_eq!(check.required, Some(CareLevel::Monitored));
    assert!(
        check.note.contains("choose where this plan will be given"),
        "{}",
        check.note
    );
}

#[test]
fn age_and_comorbidity_move_the_requirement() {
    // 0.5 mg/kg/h is standard; at 65 or with a comorbidity it escalates to the high-dose setting
    // (004:1499-1500), and with it the care area it needs. The guideline gives no threshold, so
    // a care area short of it needs acknowledgement, not a block (review 2, finding 6).
    let plan = "weight=70&rate=0.5&duration_min=150&care_area=ward";
    assert_eq!(calc(plan).status, Status::Ok);
    for patient in ["age=65", "risk=comorbidity", "risk=moderate_liver_disease"] {
        let r = calc(&format!("{plan}&{patient}"));
        assert_eq!(r.care_area_sufficient, Some(false), "{patient}");
        assert_eq!(r.status, Status::Ok, "{patient}");
        assert_alert(&r, "care-area-judgment");
        let r = calc(&format!("{plan}&{patient}&care_area=monitored"));
        assert_eq!(r.status, Status::Ok, "{patient}");
    }
    // Age 64: not escalated.
    assert_eq!(calc(&format!("{plan}&age=64")).status, Status::Ok);
}

#[test]
fn a_multi_day_continuous_infusion_is_not_given_in_a_day_unit() {
    // Table 1: "1-d outpatient or 3- to 5-d inpatient" (004:369-371).
    let plan = "weight=70&rate=10&rate_unit=mg/h&duration_min=1440";
    let r = calc(&format!("{plan}&care_area=outpatient"));
    assert_alert(&r, "care-area-insufficient");
    assert_eq!(r.care_area_check.unwrap().required, Some(CareLevel::Ward));
    assert_eq!(calc(&format!("{plan}&care_area=ward")).status, Status::Ok);
    // A course of 4-hour days is given in a day unit.
    let r = calc("weight=70&rate=0.35&duration_min=240&days=10&care_area=outpatient");
    assert_eq!(r.status, Status::Ok);
}

#[test]
fn a_bad_care_area_names_the_accepted_values() {
    let r = calc("weight=70&care_area=floor-3");
    let e = r.error_for("care_area").expect("an error on care_area");
    assert!(
        e.message.contains("outpatient, ward, monitored or icu"),
        "{}",
        e.message
    );
    assert!(r.plan.rate_mg_per_h.is_none());
    // Case does not matter, as for every enumerated key.
    assert_eq!(
        calc("weight=70&care_area=ICU").care_area_sufficient,
        Some(true)
    );
}

#[test]
fn the_note_names_the_care_area() {
    use ketamine_engine::note::clinical_note;
    let text = clinical_note(
        &calc("weight=70&rate=0.5&duration_min=150&care_area=ward"),
        &[],
        "t",
    );
    assert!(text.contains("Care area: General ward"), "{text}");
    let text = clinical_note(&calc("weight=70&rate=0.5&duration_min=150"), &[], "t");
    assert!(text.contains("Care area: not chosen"), "{text}");
}

fn profile() -> Profile {
    Profile::load(json!({
        "schema": "ketamine-calculator-profile", "schema_version": 1,
        "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31",
        "care_areas": [
            { "id": "pain-suite-3", "label": "Pain clinic infusion suite, floor 3", "level": "outpatient",
              "limits": { "iv_infusion_mg_per_kg_per_h": { "soft": 0.6, "hard": 0.8, "reason": "Day unit: no high-dose infusions" } } },
            { "id": "pacu-b", "label": "Recovery B", "level": "monitored" }
        ]
    }))
    .expect("valid profile")
}

fn with_profile(fragment: &str) -> ketamine_engine::CalculationResult {
    calculate_with(&Inputs::from_fragment(fragment), profile().thresholds())
}

#[test]
fn a_profiles_care_areas_carry_their_labels_and_levels() {
    let r = with_profile("weight=70&rate=0.5&duration_min=150&care_area=pain-suite-3");
    assert_eq!(r.status, Status::Ok);
    let area = r.care_area.unwrap();
    assert_eq!(area.label, "Pain clinic infusion suite, floor 3");
    assert_eq!(area.level, CareLevel::Outpatient);
    // Mapped onto its level: a high-dose plan is blocked in the day unit, allowed in Recovery B.
    let r = with_profile("weight=70&rate=1&duration_min=150&care_area=pacu-b");
    assert_eq!(r.status, Status::Ok);
    // Under a profile with care areas, only its own are offered.
    let r = with_profile("weight=70&care_area=icu");
    let e = r.error_for("care_area").unwrap();
    assert!(
        e.message.contains("one of: pain-suite-3, pacu-b"),
        "{}",
        e.message
    );
}

#[test]
fn a_profiles_limits_apply_in_their_care_area_only() {
    // 0.7 mg/kg/h: above the day unit's soft limit (0.6), below its hard limit (0.8).
    let r = with_profile("weight=70&rate=0.7&duration_min=150&care_area=pain-suite-3");
    assert_alert(&r, "rate-above-range");
    // 0.9: above its hard limit: blocked there, by the profile's figure.
    let r = with_profile("weight=70&rate=0.9&duration_min=150&care_area=pain-suite-3");
    assert_alert(&r, "rate-hard-limit");
    assert_eq!(r.status, Status::Invalid);
    // The same 0.9 in Recovery B has the guideline's limits.
    let r = with_profile("weight=70&rate=0.9&duration_min=150&care_area=pacu-b");
    assert_eq!(r.status, Status::Ok);
    assert_no_alert(&r, "rate-above-range");
}

#[test]
fn a_care_areas_limits_keep_the_bounds_of_the_profile_schema() {
    let rejected = Profile::load(json!({
        "schema": "ketamine-calculator-profile", "schema_version": 1,
        "institution": "T", "profile_version": "1", "review_date": "2027-01-31",
        "care_areas": [
            { "id": "icu-1", "label": "ICU 1", "level": "icu",
              "limits": { "iv_infusion_mg_per_kg_per_h": { "hard": 8, "reason": "more" } } },
            { "id": "icu-1", "label": "ICU 1 again", "level": "intensive" },
            { "id": "Bad Id", "label": "", "level": "ward" }
        ]
    }))
    .unwrap_err();
    let keys: Vec<&str> = rejected.iter().map(|e| e.key.as_str()).collect();
    for key in [
        "care_areas[0].limits.iv_infusion_mg_per_kg_per_h.hard",
        "care_areas[1].id",
        "care_areas[1].level",
        "care_areas[2].id",
        "care_areas[2].label",
    ] {
        assert!(keys.contains(&key), "{key} not in {keys:?}");
    }
}

#[test]
fn existing_profiles_without_care_areas_stay_valid() {
    let example = include_str!("../../examples/profile.json");
    let p = Profile::from_json(example).expect("the example profile is valid");
    let r = calculate_with(
        &Inputs::from_fragment("weight=70&rate=0.5&duration_min=150&care_area=ward"),
        p.thresholds(),
    );
    assert_eq!(r.care_area.unwrap().level, CareLevel::Ward);
}

#[test]
fn the_printout_line_names_the_care_area_and_the_requirement() {
    let r = calc("weight=70&rate=1&duration_min=150&care_area=monitored");
    assert_eq!(
        r.care_area_check.unwrap().summary(),
        "Monitored unit (step-down, PACU or similar); the plan requires Monitored unit (step-down, PACU or similar): provided"
    );
    let r = calc("weight=70&rate=0.5&duration_min=150");
    assert_eq!(
        r.care_area_check.unwrap().summary(),
        "not chosen; the plan requires Outpatient infusion suite (day unit)"
    );
    // Short only of the escalation for an elderly patient: the line must not say the plan was
    // acknowledged (the summary bar shows it before anyone has), only that it needs to be.
    let r = calc("weight=70&rate=0.5&duration_min=150&age=80&care_area=ward");
    let line = r.care_area_check.unwrap().summary();
    assert!(
        line.ends_with("not provided, the clinician's judgment (needs acknowledgement)"),
        "{line}"
    );
    assert!(!line.contains("acknowledged"), "{line}");
    // Short of a number: blocked, in capitals as on a pump.
    let r = calc("weight=70&rate=1&duration_min=150&care_area=ward");
    assert!(r
        .care_area_check
        .unwrap()
        .summary()
        .ends_with("NOT PROVIDED, plan blocked"));
}
