//! Issue 11, the second clinical review: one test (or a small group) per item, named after the
//! defect it found. Each states the seed line it was checked against (`../shared/seeds/`,
//! `file:line`); each failed before its fix.

mod common;
use common::*;
use ketamine_engine::monitoring::Tier;

// ---- Item 1: Correll's limits skipped a 24-hour infusion ----------------------------------------
// 001:962-965: "limit the duration of a continuous ketamine infusion treatment to a maximum of
// 4-5 days and ... the maximum infusion rate to about 25-50mg/hr", of any length of days.

#[test]
fn item_1_a_24_hour_infusion_at_60_mg_per_h_gets_corrells_rate_alert() {
    let r = calc("weight=70&rate=60&rate_unit=mg/h&duration_min=1440");
    assert_alert(&r, "rate-above-correll-limit");
}

#[test]
fn item_1_a_day_just_under_24_h_repeated_for_10_days_is_one_continuous_infusion() {
    // 20 mg/h for 1,439 min on 10 days: a 1-minute gap each day is no break in exposure.
    let r = calc("weight=70&rate=20&rate_unit=mg/h&duration_min=1439&days=10");
    assert_alert(&r, "duration-hard-limit");
    // Five such days span 4 days 23 h 59 min: beyond Correll's 4 days.
    let r = calc("weight=70&rate=20&rate_unit=mg/h&duration_min=1439&days=5");
    assert_alert(&r, "duration-above-4-days");
    assert_some_close(r.plan.continuous_min.map(|m| m.0), 4.0 * 1440.0 + 1439.0);
}

#[test]
fn item_1_a_gap_of_12_h_or_more_is_a_break() {
    // 004:322: half-life about 2.3 h; after 12 h (about five half-lives) little remains.
    let r = calc("weight=70&rate=20&rate_unit=mg/h&duration_min=720&days=3");
    assert_some_close(r.plan.continuous_min.map(|m| m.0), 720.0);
    let r = calc("weight=70&rate=20&rate_unit=mg/h&duration_min=721&days=3");
    assert_some_close(r.plan.continuous_min.map(|m| m.0), 2.0 * 1440.0 + 721.0);
}

// ---- Item 2: the Correll preset listed no liver tests ------------------------------------------
// 001:609-623 (four patients' enzymes rose), 001:914-917 ("prior to and during the treatment ...
// monitored for ... hepatic pathology"); 001:400 (courses averaged 4.7 days).

#[test]
fn item_2_correll_preset_brings_liver_function_tests() {
    let r = calc("weight=70&protocol=correll-inpatient&rate=10&rate_unit=mg/h&duration_min=1440");
    assert!(
        r.pre_infusion_tests.iter().any(|t| t.contains("liver")),
        "{:?}",
        r.pre_infusion_tests
    );
    // Even when the clinician enters only part of the first day.
    let r = calc("weight=70&protocol=correll-inpatient&rate=10&rate_unit=mg/h&duration_min=600");
    assert!(r.pre_infusion_tests.iter().any(|t| t.contains("liver")));
}
