//! A case on each side of every threshold: the value itself and the nearest value beyond it.

mod common;
use common::*;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::Status;

fn tier(fragment: &str) -> Option<Tier> {
    calc(fragment).monitoring_tier
}

#[test]
fn bolus_0_35_mg_per_kg_reaches_the_high_dose_tier() {
    assert_eq!(tier("weight=70&bolus=0.34"), Some(Tier::Standard));
    assert_eq!(tier("weight=70&bolus=0.35"), Some(Tier::HighDose));
}

#[test]
fn bolus_0_35_is_inside_the_recommended_bolus_and_0_36_is_not() {
    assert_no_alert(&calc("weight=70&bolus=0.35"), "bolus-above-range");
    assert_alert(&calc("weight=70&bolus=0.36"), "bolus-above-range");
}

#[test]
fn iv_bolus_hard_limit_at_0_75_mg_per_kg() {
    assert_eq!(calc("weight=70&bolus=0.75").status, Status::Ok);
    let r = calc("weight=70&bolus=0.76");
    assert_eq!(r.status, Status::Invalid);
    assert_eq!(r.monitoring_tier, Some(Tier::BeyondGuideline));
}

#[test]
fn infusion_1_mg_per_kg_per_h_reaches_the_high_dose_tier() {
    assert_eq!(tier("weight=70&rate=0.99"), Some(Tier::Standard));
    assert_eq!(tier("weight=70&rate=1"), Some(Tier::HighDose));
}

#[test]
fn infusion_1_mg_per_kg_per_h_entered_in_other_units() {
    // 70 mg/h at 70 kg and 16.6667 mcg/kg/min are both 1 mg/kg/h
    assert_eq!(
        tier("weight=70&rate=70&rate_unit=mg/h"),
        Some(Tier::HighDose)
    );
    assert_eq!(
        tier("weight=70&rate=69.9&rate_unit=mg/h"),
        Some(Tier::Standard)
    );
    // 16.6 mcg/kg/min = 0.996 mg/kg/h; 16.7 mcg/kg/min = 1.002 mg/kg/h
    assert_eq!(
        tier("weight=70&rate=16.6&rate_unit=mcg/kg/min"),
        Some(Tier::Standard)
    );
    assert_eq!(
        tier("weight=70&rate=16.7&rate_unit=mcg/kg/min"),
        Some(Tier::HighDose)
    );
}

#[test]
fn infusion_2_mg_per_kg_per_h_is_the_top_of_the_recommended_range() {
    let at = calc("weight=70&rate=2");
    assert_eq!(at.monitoring_tier, Some(Tier::HighDose));
    assert_no_alert(&at, "rate-above-range");
    let over = calc("weight=70&rate=2.01");
    assert_eq!(over.monitoring_tier, Some(Tier::Icu));
    assert_alert(&over, "rate-above-range");
}

#[test]
fn infusion_0_5_mg_per_kg_per_h_is_the_bottom_of_the_recommended_range() {
    assert_no_alert(&calc("weight=70&rate=0.5"), "rate-below-range");
    assert_alert(&calc("weight=70&rate=0.49"), "rate-below-range");
}

#[test]
fn infusion_7_mg_per_kg_per_h_is_the_last_allowed() {
    // In the ICU (elsewhere blocked: issue 11, item 7)
    let at = calc("weight=70&rate=7&care_area=icu");
    assert_eq!(at.status, Status::Ok);
    assert_eq!(at.monitoring_tier, Some(Tier::Icu));
    // 490 mg/h / 70 kg = 7 mg/kg/h exactly, entered in mg/h
    assert_eq!(
        calc("weight=70&rate=490&rate_unit=mg/h&care_area=icu").status,
        Status::Ok
    );
    let over = calc("weight=70&rate=7.01");
    assert_eq!(over.status, Status::Invalid);
    assert_eq!(over.monitoring_tier, Some(Tier::BeyondGuideline));
}

#[test]
fn total_of_80_mg_meets_and_79_9_does_not() {
    // 32 mg/h x 150 min = 80 mg; 31.96 mg/h x 150 min = 79.9 mg
    assert_eq!(
        calc("weight=70&rate=32&rate_unit=mg/h&duration_min=150")
            .targets
            .total_at_least_80_mg,
        Some(true)
    );
    assert_eq!(
        calc("weight=70&rate=31.96&rate_unit=mg/h&duration_min=150")
            .targets
            .total_at_least_80_mg,
        Some(false)
    );
}

#[test]
fn total_of_80_mg_reached_through_a_mg_per_kg_conversion() {
    // 0.5 mg/kg/h x 64 kg = 32 mg/h x 2.5 h = 80 mg
    assert_eq!(
        calc("weight=64&rate=0.5&duration_min=150")
            .targets
            .total_at_least_80_mg,
        Some(true)
    );
}

#[test]
fn duration_of_120_min_does_not_count_as_more_than_2_h() {
    assert_eq!(
        calc("weight=70&rate=1&duration_min=120")
            .targets
            .duration_over_2_h,
        Some(false)
    );
    assert_eq!(
        calc("weight=70&rate=1&duration_min=120.5")
            .targets
            .duration_over_2_h,
        Some(true)
    );
}

#[test]
fn duration_under_2_h_is_flagged_as_short() {
    assert_alert(&calc("weight=70&rate=1&duration_min=119"), "duration-short");
    assert_no_alert(&calc("weight=70&rate=1&duration_min=120"), "duration-short");
}

#[test]
fn relief_of_30_percent_is_positive_and_29_is_not() {
    assert_eq!(
        calc("weight=70&pain_before=10&pain_after=7")
            .response
            .positive,
        Some(true)
    );
    assert_eq!(
        calc("weight=70&pain_before=10&pain_after=7.1")
            .response
            .positive,
        Some(false)
    );
}

#[test]
fn relief_duration_more_than_3_weeks_after_a_single_infusion() {
    assert_eq!(
        calc("weight=70&relief_weeks=3").response.duration_counts,
        Some(false)
    );
    assert_eq!(
        calc("weight=70&relief_weeks=3.1").response.duration_counts,
        Some(true)
    );
}

#[test]
fn relief_duration_more_than_6_weeks_after_a_series() {
    assert_eq!(
        calc("weight=70&days=3&relief_weeks=6")
            .response
            .duration_counts,
        Some(false)
    );
    assert_eq!(
        calc("weight=70&days=3&relief_weeks=6.1")
            .response
            .duration_counts,
        Some(true)
    );
}

#[test]
fn continuous_infusion_of_4_days_warns_only_beyond() {
    // 4 days = 5,760 min
    assert_no_alert(
        &calc("weight=70&rate=0.2&duration_min=5760"),
        "duration-above-4-days",
    );
    assert_alert(
        &calc("weight=70&rate=0.2&duration_min=5761"),
        "duration-above-4-days",
    );
}

#[test]
fn continuous_infusion_of_5_days_blocks_only_beyond() {
    // 5 days = 7,200 min
    let at = calc("weight=70&rate=0.2&duration_min=7200");
    assert_eq!(at.status, Status::Ok);
    assert_alert(&at, "duration-above-4-days");
    assert_eq!(
        calc("weight=70&rate=0.2&duration_min=7201").status,
        Status::Invalid
    );
}

#[test]
fn correll_rate_limits_at_25_and_50_mg_per_h() {
    // multi-day continuous infusion (over 24 h)
    let base = "weight=70&rate_unit=mg/h&duration_min=2880&rate=";
    assert_no_alert(&calc(&format!("{base}25")), "rate-within-correll-limit");
    assert_alert(&calc(&format!("{base}25.1")), "rate-within-correll-limit");
    assert_alert(&calc(&format!("{base}50")), "rate-within-correll-limit");
    assert_no_alert(&calc(&format!("{base}50")), "rate-above-correll-limit");
    assert_alert(&calc(&format!("{base}50.1")), "rate-above-correll-limit");
}

#[test]
fn correll_rate_limits_do_not_apply_to_a_single_session() {
    assert_no_alert(
        &calc("weight=70&rate_unit=mg/h&duration_min=150&rate=60"),
        "rate-above-correll-limit",
    );
}

#[test]
fn correll_rate_limits_start_at_24_h() {
    // Inclusive since the second clinical review (issue 11, item 1).
    assert_no_alert(
        &calc("weight=70&rate_unit=mg/h&duration_min=1439&rate=30"),
        "rate-within-correll-limit",
    );
    assert_alert(
        &calc("weight=70&rate_unit=mg/h&duration_min=1440&rate=30"),
        "rate-within-correll-limit",
    );
}

#[test]
fn titration_never_exceeds_30_mg_per_h_on_the_first_day() {
    let mut inputs =
        ketamine_engine::Inputs::from_fragment("weight=70&step_mg_per_h=7&step_interval_min=60");
    ketamine_engine::protocols::Protocol::CorrellInpatient.apply(&mut inputs);
    let s = ketamine_engine::calculate(&inputs).titration.unwrap();
    // 10, 17, 24, then 31 capped to 30
    let rates: Vec<f64> = s.steps.iter().map(|x| x.rate_mg_per_h.0).collect();
    assert_eq!(rates, vec![10.0, 17.0, 24.0, 30.0]);
}

#[test]
fn weight_accepted_from_20_to_350_kg() {
    assert_eq!(calc("weight=20").status, Status::Ok);
    assert_eq!(calc("weight=19.9").status, Status::Invalid);
    assert_eq!(calc("weight=350").status, Status::Ok);
    assert_eq!(calc("weight=350.1").status, Status::Invalid);
}

#[test]
fn weight_accepted_in_pounds_within_the_same_limits() {
    // 44.1 lb = 20.0033 kg; 771.6 lb = 349.9919 kg
    assert_eq!(calc("weight=44.1&weight_unit=lb").status, Status::Ok);
    assert_eq!(calc("weight=44&weight_unit=lb").status, Status::Invalid);
    assert_eq!(calc("weight=771.6&weight_unit=lb").status, Status::Ok);
    assert_eq!(calc("weight=771.7&weight_unit=lb").status, Status::Invalid);
}

#[test]
fn unusual_adult_weight_needs_confirmation() {
    assert_no_alert(&calc("weight=35"), "weight-unusual");
    assert_alert(&calc("weight=34.9"), "weight-unusual");
    assert_no_alert(&calc("weight=200"), "weight-unusual");
    assert_alert(&calc("weight=200.1"), "weight-unusual");
}

#[test]
fn age_18_is_an_adult_and_65_elderly() {
    assert_alert(&calc("weight=70&age=17.9"), "age-under-18");
    assert_no_alert(&calc("weight=70&age=18"), "age-under-18");
    assert_no_alert(&calc("weight=70&age=64.9"), "age-elderly");
    assert_eq!(tier("weight=70&rate=0.5&age=64.9"), Some(Tier::Standard));
    assert_alert(&calc("weight=70&age=65"), "age-elderly");
    assert_eq!(tier("weight=70&rate=0.5&age=65"), Some(Tier::HighDose));
}

#[test]
fn treatments_per_year_6_and_12() {
    // with this one: 6 is within, 7 beyond 6, 12 within 12, 13 beyond 12
    assert!(codes(&calc("weight=70&treatments_this_year=5"))
        .iter()
        .all(|c| !c.starts_with("treatments-")));
    assert_alert(
        &calc("weight=70&treatments_this_year=6"),
        "treatments-above-6",
    );
    assert_alert(
        &calc("weight=70&treatments_this_year=11"),
        "treatments-above-6",
    );
    assert_alert(
        &calc("weight=70&treatments_this_year=12"),
        "treatments-above-12",
    );
}

#[test]
fn noppers_10_and_30_cumulative_hours() {
    assert_no_alert(
        &calc("weight=70&rate=0.2&duration_min=600"),
        "duration-over-10-h",
    );
    assert_alert(
        &calc("weight=70&rate=0.2&duration_min=601"),
        "duration-over-10-h",
    );
    let at_30 = calc("weight=70&rate=0.2&duration_min=1800");
    assert_no_alert(&at_30, "duration-over-30-h");
    assert_alert(&at_30, "duration-over-10-h");
    assert_alert(
        &calc("weight=70&rate=0.2&duration_min=1801"),
        "duration-over-30-h",
    );
    // cumulative over a course: 4 h x 8 days = 32 h
    assert_alert(
        &calc("weight=70&rate=0.5&duration_min=240&days=8"),
        "duration-over-30-h",
    );
}

#[test]
fn intranasal_hard_limit_includes_3_mg_per_kg() {
    assert_eq!(
        calc("weight=70&route=intranasal&bolus=2.99").status,
        Status::Ok
    );
    assert_eq!(
        calc("weight=70&route=intranasal&bolus=3").status,
        Status::Invalid
    );
}

#[test]
fn im_hard_limit_above_2_mg_per_kg() {
    assert_eq!(calc("weight=70&route=im&bolus=2").status, Status::Ok);
    assert_eq!(
        calc("weight=70&route=im&bolus=2.01").status,
        Status::Invalid
    );
}

#[test]
fn subcut_infusion_soft_above_1_2_hard_above_2() {
    assert_no_alert(&calc("weight=70&route=subcut&rate=1.2"), "rate-above-range");
    assert_alert(
        &calc("weight=70&route=subcut&rate=1.21"),
        "rate-above-range",
    );
    assert_eq!(calc("weight=70&route=subcut&rate=2").status, Status::Ok);
    assert_eq!(
        calc("weight=70&route=subcut&rate=2.01").status,
        Status::Invalid
    );
}

#[test]
fn custom_concentration_hard_limits_0_1_and_50() {
    assert_eq!(
        calc("weight=70&route=im&bolus=0.3&conc=50").status,
        Status::Ok
    );
    assert_eq!(
        calc("weight=70&route=im&bolus=0.3&conc=50.1").status,
        Status::Invalid
    );
    assert_eq!(
        calc("weight=70&route=subcut&bolus=0.1&conc=0.1").status,
        Status::Ok
    );
    // 0.09 mg/mL is accepted as an entry but is below the custom hard limit
    let weak = calc("weight=70&route=subcut&bolus=0.1&conc=0.09");
    assert_eq!(weak.status, Status::Invalid);
    assert!(weak
        .errors
        .iter()
        .any(|e| e.message.contains("custom concentration")));
}

#[test]
fn pump_rate_rounding_boundary_at_0_05_ml_per_h() {
    // 0.05 mL/h rounds to 0.1 and programs; 0.04 rounds to 0 and blocks.
    // subcut 0.1 mg/kg/h x 25 kg = 2.5 mg/h / 50 mg/mL = 0.05 mL/h
    assert_eq!(
        calc("weight=25&route=subcut&rate=0.1&conc=50").status,
        Status::Ok
    );
    assert_eq!(
        calc("weight=20&route=subcut&rate=0.1&conc=50").status,
        Status::Invalid
    );
}
