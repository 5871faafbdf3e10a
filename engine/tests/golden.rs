//! Golden cases worked by hand from the sources. Each test writes its arithmetic beside the
//! expected figure so that a reviewer can redo it on paper.

mod common;
use common::*;
use ketamine_engine::alerts::Level;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::Status;

// ---- Weight and dosing weight -------------------------------------------------------------

#[test]
fn pounds_convert_exactly_to_kilograms() {
    // 154 lb x 0.45359237 kg/lb = 69.85322498 kg
    let r = calc("weight=154&weight_unit=lb");
    assert_some_close(r.dosing_weight_kg, 69.853_224_98);
    assert_eq!(r.weight_entered_lb, Some(154.0));
}

#[test]
fn bolus_range_in_pounds_uses_the_converted_weight() {
    // 220 lb = 99.7903214 kg; IV bolus up to 0.35 x 99.7903214 = 34.92661249 mg
    let r = calc("weight=220&weight_unit=lb");
    assert_close(r.bolus_range_mg.unwrap().max, 34.926_612_49);
}

#[test]
fn ideal_body_weight_male_devine() {
    // 177.8 cm = 70 in; IBW = 50 + 2.3 x (70 - 60) = 73 kg
    let r = calc("weight=90&height=177.8&sex=male&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 73.0);
}

#[test]
fn ideal_body_weight_female_devine() {
    // 165.1 cm = 65 in; IBW = 45.5 + 2.3 x 5 = 57 kg
    let r = calc("weight=80&height=165.1&sex=female&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 57.0);
}

#[test]
fn ideal_body_weight_from_inches() {
    // 70 in: IBW = 50 + 2.3 x 10 = 73 kg
    let r = calc("weight=90&height=70&height_unit=in&sex=male&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 73.0);
}

#[test]
fn adjusted_body_weight_male() {
    // IBW 73 kg; adjusted = 73 + 0.4 x (120 - 73) = 73 + 18.8 = 91.8 kg
    let r = calc("weight=120&height=177.8&sex=male&dosing_weight=adjusted");
    assert_some_close(r.dosing_weight_kg, 91.8);
    assert!(r
        .dosing_weight
        .unwrap()
        .formula
        .contains("0.4 x (120 - 73)"));
}

#[test]
fn adjusted_body_weight_female() {
    // IBW 57 kg; adjusted = 57 + 0.4 x (100 - 57) = 57 + 17.2 = 74.2 kg
    let r = calc("weight=100&height=165.1&sex=female&dosing_weight=adjusted");
    assert_some_close(r.dosing_weight_kg, 74.2);
}

#[test]
fn ideal_weight_above_actual_falls_back_to_actual() {
    // 180 cm = 70.866 in; IBW = 45.5 + 2.3 x 10.866 = 70.49 kg > 50 kg actual: actual used
    let r = calc("weight=50&height=180&sex=female&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 50.0);
    assert_alert(&r, "dosing-weight-actual-used");
}

#[test]
fn obese_patient_on_actual_weight_is_offered_ideal_or_adjusted() {
    // BMI = 130 / 1.7^2 = 44.98 kg/m2
    let r = calc("weight=130&height=170");
    assert_alert(&r, "obese-actual-weight");
}

// ---- Ranges by route (ASRA Table 1 and Table 6), at 70 kg -----------------------------------

#[test]
fn iv_ranges_at_70_kg() {
    // bolus up to 0.35 x 70 = 24.5 mg; infusion 0.5 x 70 = 35 to 2 x 70 = 140 mg/h
    let r = calc("weight=70&route=iv");
    let b = r.bolus_range_mg.unwrap();
    let i = r.infusion_range_mg_per_h.unwrap();
    assert_close(b.min, 0.0);
    assert_close(b.max, 24.5);
    assert_close(i.min, 35.0);
    assert_close(i.max, 140.0);
}

#[test]
fn iv_ranges_at_50_kg() {
    // 0.35 x 50 = 17.5 mg; 0.5 x 50 = 25 to 2 x 50 = 100 mg/h
    let r = calc("weight=50");
    assert_close(r.bolus_range_mg.unwrap().max, 17.5);
    assert_close(r.infusion_range_mg_per_h.unwrap().max, 100.0);
}

#[test]
fn im_range_at_70_kg() {
    // 0.1 x 70 = 7 to 0.5 x 70 = 35 mg; no infusion
    let r = calc("weight=70&route=im");
    let b = r.bolus_range_mg.unwrap();
    assert_close(b.min, 7.0);
    assert_close(b.max, 35.0);
    assert!(r.infusion_range_mg_per_h.is_none());
    assert_eq!(r.route_facts.unwrap().bioavailability, "75-95 %");
}

#[test]
fn intranasal_range_at_70_kg() {
    // 0.2 x 70 = 14 to 1 x 70 = 70 mg
    let b = calc("weight=70&route=intranasal").bolus_range_mg.unwrap();
    assert_close(b.min, 14.0);
    assert_close(b.max, 70.0);
}

#[test]
fn subcut_ranges_at_70_kg() {
    // bolus 0.1 x 70 = 7 to 0.6 x 70 = 42 mg; infusion 0.1 x 70 = 7 to 1.2 x 70 = 84 mg/h
    let r = calc("weight=70&route=subcut");
    assert_close(r.bolus_range_mg.unwrap().max, 42.0);
    let i = r.infusion_range_mg_per_h.unwrap();
    assert_close(i.min, 7.0);
    assert_close(i.max, 84.0);
}

#[test]
fn oral_range_at_70_kg() {
    // 0.3 x 70 = 21 to 1.25 x 70 = 87.5 mg
    let b = calc("weight=70&route=oral").bolus_range_mg.unwrap();
    assert_close(b.min, 21.0);
    assert_close(b.max, 87.5);
}

#[test]
fn rectal_and_topical_have_no_chronic_pain_range() {
    for route in ["rectal", "topical"] {
        let r = calc(&format!("weight=70&route={route}"));
        assert_eq!(r.status, Status::Ok);
        assert!(
            r.bolus_range_mg.is_none() && r.infusion_range_mg_per_h.is_none(),
            "{route}"
        );
    }
}

// ---- Plan: the rate in every unit -----------------------------------------------------------

#[test]
fn rate_in_mg_per_kg_per_h_reported_in_all_units() {
    // 0.5 mg/kg/h x 70 kg = 35 mg/h; 0.5 x 1000 / 60 = 8.3333 mcg/kg/min; 35 / 1 = 35 mL/h
    let r = calc("weight=70&rate=0.5&conc=1");
    let p = &r.plan;
    assert_some_close(p.rate_mg_per_h.map(|x| x.0), 35.0);
    assert_some_close(p.rate_mcg_per_kg_per_min.map(|x| x.0), 500.0 / 60.0);
    assert_some_close(p.rate_ml_per_h.map(|x| x.0), 35.0);
}

#[test]
fn six_mcg_per_kg_per_min_is_0_36_not_0_42() {
    // 6 x 60 / 1000 = 0.36 mg/kg/h (the guideline's text prints 0.42); x 70 kg = 25.2 mg/h
    let r = calc("weight=70&rate=6&rate_unit=mcg/kg/min");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.36);
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 25.2);
}

#[test]
fn noppers_maximum_7_2_mcg_per_kg_per_min() {
    // 7.2 x 0.06 = 0.432 mg/kg/h ("7.2 mcg/kg per minute or 0.4 mg/kg per hour", question 5)
    let r = calc("weight=70&rate=7.2&rate_unit=mcg/kg/min");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.432);
}

#[test]
fn fifty_mcg_per_kg_per_min_is_3_mg_per_kg_per_h_icu_range() {
    // 50 x 0.06 = 3 mg/kg/h (question 5: "50 mcg/kg per minute [3 mg/kg per hour]"), above 2: ICU
    // (in the ICU: elsewhere the plan is blocked, issue 11 item 7)
    let r = calc("weight=70&rate=50&rate_unit=mcg/kg/min&care_area=icu");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 3.0);
    assert_eq!(r.monitoring_tier, Some(Tier::Icu));
    assert_alert(&r, "rate-above-range");
}

#[test]
fn one_hundred_seventeen_mcg_per_kg_per_min_is_above_7_and_blocked() {
    // 117 x 0.06 = 7.02 mg/kg/h: the text rounds it to "7 mg/kg per hour", but 7.02 > 7 is blocked
    let r = calc("weight=70&rate=117&rate_unit=mcg/kg/min");
    assert_eq!(r.status, Status::Invalid);
    assert_eq!(r.monitoring_tier, Some(Tier::BeyondGuideline));
    assert!(r.plan.rate_mg_per_h.is_none());
    assert!(r.errors.iter().any(|e| e.field == "rate"));
}

#[test]
fn rate_in_mg_per_h_converted_per_kg() {
    // 25 mg/h / 70 kg = 0.357142857 mg/kg/h = 5.952380952 mcg/kg/min
    let r = calc("weight=70&rate=25&rate_unit=mg/h");
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 25.0);
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 25.0 / 70.0);
    assert_some_close(
        r.plan.rate_mcg_per_kg_per_min.map(|x| x.0),
        25.0 / 70.0 * 1000.0 / 60.0,
    );
}

#[test]
fn pump_rate_at_2_mg_per_ml() {
    // 35 mg/h / 2 mg/mL = 17.5 mL/h
    let r = calc("weight=70&rate=0.5&conc=2");
    assert_some_close(r.plan.rate_ml_per_h.map(|x| x.0), 17.5);
    assert_some_close(r.plan.rate_ml_per_h_rounded.map(|x| x.0), 17.5);
}

#[test]
fn pump_rate_rounded_to_0_1_ml_per_h_keeps_unrounded() {
    // 0.5 x 73.3 = 36.65 mg/h / 2 mg/mL = 18.325 mL/h -> 18.3 mL/h on the pump
    let r = calc("weight=73.3&rate=0.5&conc=2");
    assert_some_close(r.plan.rate_ml_per_h.map(|x| x.0), 18.325);
    assert_some_close(r.plan.rate_ml_per_h_rounded.map(|x| x.0), 18.3);
}

#[test]
fn bolus_volume_rounded_to_0_1_ml() {
    // 0.3 x 70 = 21 mg / 10 mg/mL = 2.1 mL
    let r = calc("weight=70&bolus=0.3&conc=10");
    assert_some_close(r.plan.bolus_mg.map(|x| x.0), 21.0);
    assert_some_close(r.plan.bolus_ml.map(|x| x.0), 2.1);
    assert_some_close(r.plan.bolus_ml_rounded.map(|x| x.0), 2.1);
}

#[test]
fn small_bolus_volume_rounded_to_0_01_ml() {
    // 0.1 x 68.5 = 6.85 mg / 10 mg/mL = 0.685 mL -> 0.69 mL on a 1 mL syringe
    let r = calc("weight=68.5&bolus=0.1&conc=10");
    assert_some_close(r.plan.bolus_ml.map(|x| x.0), 0.685);
    assert_some_close(r.plan.bolus_ml_rounded.map(|x| x.0), 0.69);
}

#[test]
fn totals_include_bolus_and_infusion() {
    // 0.35 x 70 = 24.5 mg + 35 mg/h x 2.5 h = 87.5 mg -> 112 mg = 1.6 mg/kg
    let r = calc("weight=70&bolus=0.35&rate=0.5&duration_min=150");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 112.0);
    assert_some_close(r.plan.total_mg_per_kg.map(|x| x.0), 1.6);
    assert_some_close(r.plan.infusion_mg.map(|x| x.0), 87.5);
}

#[test]
fn totals_wait_for_a_duration() {
    let r = calc("weight=70&rate=0.5");
    assert!(r.plan.total_mg.is_none());
    assert!(r.targets.total_at_least_80_mg.is_none());
}

#[test]
fn infusion_volume_over_duration() {
    // 35 mg/h x 2.5 h = 87.5 mg / 1 mg/mL = 87.5 mL
    let r = calc("weight=70&rate=0.5&duration_min=150&conc=1");
    assert_some_close(r.plan.infusion_ml.map(|x| x.0), 87.5);
}

// ---- Protocols ---------------------------------------------------------------------------------

fn with_protocol(protocol: &str, extra: &str) -> ketamine_engine::CalculationResult {
    let mut inputs = ketamine_engine::Inputs::from_fragment(extra);
    ketamine_engine::protocols::Protocol::from_key(protocol)
        .unwrap()
        .apply(&mut inputs);
    ketamine_engine::calculate(&inputs)
}

#[test]
fn asra_first_outpatient_at_70_kg_meets_target() {
    // 0.5 x 70 = 35 mg/h x 150 min = 87.5 mg >= 80, 150 > 120: met, 7.5 mg to spare
    let r = with_protocol("asra-first-outpatient", "weight=70");
    let t = r.targets.detail.clone().unwrap();
    assert!(t.met);
    assert_close(t.margin_mg.0, 7.5);
}

#[test]
fn asra_first_outpatient_at_60_kg_falls_short_and_says_by_how_much() {
    // 0.5 x 60 = 30 mg/h x 2.5 h = 75 mg: 5 mg short; 80 / 2.5 h / 60 kg = 0.5333 mg/kg/h reaches it
    let r = with_protocol("asra-first-outpatient", "weight=60");
    let t = r.targets.detail.clone().unwrap();
    assert!(!t.met);
    assert_close(t.shortfall_mg.0, 5.0);
    assert_close(t.rate_to_reach_total.unwrap().0, 80.0 / 2.5 / 60.0);
    assert_alert(&r, "first-infusion-target-not-met");
}

#[test]
fn patil_first_infusion_is_0_5_mg_per_kg() {
    // 0.75 x 70 = 52.5 mg/h x 40/60 h = 35 mg = 0.5 mg/kg; below 1 mg/kg/h: standard tier
    let r = with_protocol("patil-outpatient", "weight=70");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 35.0);
    assert_some_close(r.plan.total_mg_per_kg.map(|x| x.0), 0.5);
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
}

#[test]
fn iv_test_dose_is_0_1_mg_per_kg() {
    // 0.1 x 70 = 7 mg; no infusion, so no first-infusion target
    let r = with_protocol("iv-test-dose", "weight=70");
    assert_some_close(r.plan.bolus_mg.map(|x| x.0), 7.0);
    assert!(r.targets.detail.is_none());
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
}

#[test]
fn multi_day_outpatient_leaves_doses_to_the_clinician() {
    let r = with_protocol("multi-day-outpatient", "weight=70");
    assert_eq!(r.plan.days, 3);
    assert!(r.plan.rate_mg_per_h.is_none(), "the poster gives no doses");
}

#[test]
fn schwartzman_course_totals() {
    // 0.35 x 70 = 24.5 mg/h x 4 h = 98 mg a day x 10 days = 980 mg; 4 h x 10 = 40 cumulative
    // hours (004:1097; under Table 2's 100 mg over 4 h, 004:603-604)
    let r = with_protocol("schwartzman-2009", "weight=70");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 98.0);
    assert_some_close(r.plan.course_total_mg.map(|x| x.0), 980.0);
    assert_some_close(r.plan.cumulative_hours, 40.0);
    assert_alert(&r, "duration-over-30-h");
}

#[test]
fn amr_course_totals() {
    // 16 mg/h x 5 h = 80 mg a day x 7 days = 560 mg; 35 cumulative hours
    let r = with_protocol("amr-2010", "weight=70");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 80.0);
    assert_some_close(r.plan.course_total_mg.map(|x| x.0), 560.0);
    assert_some_close(r.plan.cumulative_hours, 35.0);
    assert!(
        r.targets.detail.unwrap().met,
        "80 mg over 300 min meets the target"
    );
}

#[test]
fn sigtermans_continuous_infusion() {
    // The trial's mean 22 mg/h x 100.8 h (6,048 min) = 2,217.6 mg (004:1091-1092); beyond 4
    // days: soft alert
    let r = with_protocol("sigtermans-2009", "weight=70");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 2217.6);
    assert_alert(&r, "duration-above-4-days");
    assert_no_alert(&r, "rate-within-correll-limit"); // 22 mg/h: within Correll's 25 mg/h
    assert!(r.pre_infusion_tests.iter().any(|t| t.contains("liver")));
}

#[test]
fn eichenberger_single_hour() {
    // 0.4 x 70 = 28 mg/h x 1 h = 28 mg: 52 mg short of 80 and not over 2 h
    let r = with_protocol("eichenberger-2008", "weight=70");
    let t = r.targets.detail.clone().unwrap();
    assert_close(t.shortfall_mg.0, 52.0);
    assert!(!t.duration_over_2_h);
    assert!(
        t.rate_to_reach_total.is_none(),
        "no rate fixes a duration that is too short"
    );
    assert_alert(&r, "duration-short");
}

#[test]
fn mitchell_at_80_kg() {
    // 0.15 x 80 = 12 mg/h x 4 h = 48 mg = 0.6 mg/kg
    let r = with_protocol("mitchell-2002", "weight=80");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 48.0);
    assert_some_close(r.plan.total_mg_per_kg.map(|x| x.0), 0.6);
}

#[test]
fn noppers_uses_the_fastest_reading_and_says_so() {
    // 1 mg/kg/h x 70 kg x 0.5 h = 35 mg = 0.5 mg/kg; 1 mg/kg/h reaches the high-dose threshold
    let r = with_protocol("noppers-2011", "weight=70");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 35.0);
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
    assert!(r.protocol.unwrap().notes[0].contains("Ambiguous"));
}

#[test]
fn correll_titration_schedule_5_mg_steps_hourly() {
    // 10, 15, 20, 25 mg/h for an hour each (70 mg), then 30 mg/h for the remaining 20 h
    // (600 mg): 670 mg on the first day if every step is tolerated.
    let r = with_protocol(
        "correll-inpatient",
        "weight=70&step_mg_per_h=5&step_interval_min=60&conc=1",
    );
    let s = r.titration.unwrap();
    let rates: Vec<f64> = s.steps.iter().map(|x| x.rate_mg_per_h.0).collect();
    assert_eq!(rates, vec![10.0, 15.0, 20.0, 25.0, 30.0]);
    assert_close(s.steps[4].start_min.0, 240.0);
    assert_close(s.steps[4].cumulative_mg_at_start.0, 70.0);
    assert_close(s.total_mg.0, 670.0);
    assert_some_close(s.steps[0].rate_ml_per_h.map(|x| x.0), 10.0);
    // The plan itself is the starting rate: 10 mg/h x 24 h = 240 mg
    assert_some_close(r.plan.total_mg.map(|x| x.0), 240.0);
}

#[test]
fn correll_titration_schedule_half_hourly_small_steps() {
    // 10 -> 30 mg/h by 2.5 mg/h every 30 min: 9 steps, ceiling at 240 min.
    // First 4 h: 0.5 h x (10 + 12.5 + ... + 27.5) = 0.5 x 150 = 75 mg; then 30 mg/h x 20 h = 600.
    let r = with_protocol(
        "correll-inpatient",
        "weight=70&step_mg_per_h=2.5&step_interval_min=30",
    );
    let s = r.titration.unwrap();
    assert_eq!(s.steps.len(), 9);
    assert_close(s.total_mg.0, 675.0);
}

#[test]
fn correll_without_steps_gives_no_schedule() {
    let r = with_protocol("correll-inpatient", "weight=70");
    assert!(r.titration.is_none());
    assert!(r.protocol.unwrap().notes[0].contains("no step size"));
}

// ---- First-infusion target (question 3) ----------------------------------------------------------

#[test]
fn target_met_at_80_7_mg_over_121_min() {
    // 40 mg/h x 121/60 h = 80.667 mg, 121 > 120
    let r = calc("weight=70&rate=40&rate_unit=mg/h&duration_min=121");
    assert!(r.targets.detail.unwrap().met);
}

#[test]
fn target_counts_the_bolus_in_the_total() {
    // 0.35 x 70 = 24.5 mg + 28 mg/h x 130/60 h = 60.667 mg -> 85.167 mg over 130 min: met
    let r = calc("weight=70&bolus=0.35&rate=0.4&duration_min=130");
    assert_some_close(r.plan.total_mg.map(|x| x.0), 24.5 + 28.0 * 130.0 / 60.0);
    assert_eq!(r.targets.total_at_least_80_mg, Some(true));
}

// ---- Monitoring tiers (question 6, Table 6) ----------------------------------------------------

#[test]
fn elderly_by_age_escalates_at_any_dose() {
    let r = calc("weight=70&rate=0.5&age=70");
    let m = r.monitoring.clone().unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert!(m.escalated_for_patient);
    assert_alert(&r, "age-elderly");
}

#[test]
fn comorbidity_escalates_and_says_the_threshold_is_judgment() {
    let r = calc("weight=70&rate=0.5&risk=comorbidity");
    let m = r.monitoring.clone().unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert!(m
        .reasons
        .iter()
        .any(|(text, _)| text.contains("clinician's judgment")));
}

#[test]
fn high_dose_tier_requires_airway_trained_staff() {
    let r = calc("weight=70&rate=1");
    let m = r.monitoring.clone().unwrap();
    assert!(m
        .requirements
        .iter()
        .any(|q| q.text.contains("airway management")));
    assert!(
        m.requirements
            .iter()
            .any(|q| q.text.contains("every 5 min")),
        "Patil's monitoring stays"
    );
}

#[test]
fn standard_tier_lacks_high_dose_requirements() {
    let r = calc("weight=70&rate=0.5");
    let m = r.monitoring.clone().unwrap();
    assert_eq!(m.tier, Tier::Standard);
    assert!(!m
        .requirements
        .iter()
        .any(|q| q.text.contains("airway management")));
    assert!(m.requirements.iter().any(|q| q.text.contains("30-60 min")));
}

#[test]
fn icu_tier_requires_aspiration_precautions() {
    let r = calc("weight=70&rate=3");
    let m = r.monitoring.clone().unwrap();
    assert_eq!(m.tier, Tier::Icu);
    assert!(m.requirements.iter().any(|q| q.text.contains("aspiration")));
}

#[test]
fn oral_dose_is_compared_by_its_iv_equivalent() {
    // Oral 0.5 mg/kg x 20 % = 0.1 mg/kg IV, and the guideline gives it at home (004:1339-1340):
    // standard (issue 11, item 6; before, the IV threshold was applied as written)
    let r = calc("weight=70&route=oral&bolus=0.5");
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
    assert_alert(&r, "tier-rule-for-route");
    assert_no_alert(&r, "bolus-above-range");
}

// ---- Patient factors and tests (Table 5, questions 2 and 5) -----------------------------------

#[test]
fn healthy_patient_needs_no_tests() {
    let r = calc("weight=70&rate=0.5&duration_min=150");
    assert!(r.pre_infusion_tests.is_empty());
    assert!(r.pre_infusion.unwrap().note.is_some());
}

#[test]
fn cardiovascular_risk_calls_for_an_ecg() {
    let r = calc("weight=70&risk=cardiovascular_risk");
    assert_eq!(r.pre_infusion_tests, vec!["Baseline ECG".to_string()]);
}

#[test]
fn unstable_angina_calls_for_an_ecg_and_acknowledgement() {
    let r = calc("weight=70&risk=unstable_angina");
    assert!(r.pre_infusion_tests.contains(&"Baseline ECG".to_string()));
    assert!(r
        .alerts
        .iter()
        .any(|a| a.code == "factor-unstable_angina" && a.level == Level::Soft));
}

#[test]
fn liver_risk_calls_for_liver_tests() {
    let r = calc("weight=70&risk=liver_risk");
    assert!(r.pre_infusion_tests[0].contains("liver function"));
}

#[test]
fn high_doses_on_several_days_call_for_liver_tests() {
    let r = calc("weight=70&rate=1&duration_min=240&days=2");
    assert!(r
        .pre_infusion_tests
        .iter()
        .any(|t| t.contains("liver function")));
    let single = calc("weight=70&rate=1&duration_min=240&days=1");
    assert!(single.pre_infusion_tests.is_empty());
}

#[test]
fn no_consent_blocks_everything() {
    let r = calc("weight=70&rate=0.5&duration_min=150&risk=unable_to_consent");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.plan.rate_mg_per_h.is_none());
    assert!(r.errors.iter().any(|e| e.field == "risk"));
}

#[test]
fn pregnancy_is_a_relative_contraindication() {
    let r = calc("weight=70&risk=pregnancy");
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "factor-pregnancy")
        .unwrap();
    assert_eq!(a.level, Level::Soft);
    assert!(a.message.contains("Relative contraindication"));
}

#[test]
fn active_substance_abuse_with_a_series() {
    let r = calc("weight=70&rate=0.5&duration_min=150&days=3&risk=active_substance_abuse");
    assert_alert(&r, "serial-infusions-with-substance-abuse");
    let single = calc("weight=70&rate=0.5&duration_min=150&risk=active_substance_abuse");
    assert_no_alert(&single, "serial-infusions-with-substance-abuse");
}

// ---- Response (question 8, Correll) --------------------------------------------------------------

#[test]
fn relief_of_50_percent_is_positive() {
    // (8 - 4) / 8 x 100 = 50 %
    let r = calc("weight=70&pain_before=8&pain_after=4");
    assert_some_close(r.response.percent_relief, 50.0);
    assert_eq!(r.response.positive, Some(true));
    assert_eq!(r.response.two_point_drop, Some(true));
}

#[test]
fn relief_of_exactly_30_percent_from_7_to_4_9() {
    // (7 - 4.9) / 7 x 100 = 30 % exactly; in binary floating point 2.1 / 7 is just under 0.3
    let r = calc("weight=70&pain_before=7&pain_after=4.9");
    assert_eq!(r.response.positive, Some(true));
}

#[test]
fn relief_from_3_to_1() {
    // (3 - 1) / 3 x 100 = 66.67 %; a 2-point drop
    let r = calc("weight=70&pain_before=3&pain_after=1");
    assert_some_close(r.response.percent_relief, 200.0 / 3.0);
    assert_eq!(r.response.two_point_drop, Some(true));
}

#[test]
fn worse_pain_is_negative_relief() {
    // (5 - 6) / 5 x 100 = -20 %
    let r = calc("weight=70&pain_before=5&pain_after=6");
    assert_some_close(r.response.percent_relief, -20.0);
    assert_eq!(r.response.positive, Some(false));
}

#[test]
fn relief_needs_a_baseline_above_zero() {
    let r = calc("weight=70&pain_before=0&pain_after=0");
    assert!(r.response.percent_relief.is_none());
    assert_alert(&r, "relief-needs-baseline-pain");
}

#[test]
fn follow_on_regimens_at_the_dosing_weight() {
    // oral ketamine 0.5 x 70 = 35 mg every 6 h; dextromethorphan 35 to 70 mg every 8 h
    let r = calc("weight=70");
    let f = r.follow_on.clone().unwrap();
    assert!(f.options[0].regimen.contains("35 mg every 6 h"));
    assert!(f.options[1].regimen.contains("35 to 70 mg"));
    assert!(f.options[2].regimen.contains("14 to 28 mg"));
}

#[test]
fn rescue_medications_are_named_without_doses() {
    let r = calc("weight=70");
    assert!(r
        .rescue
        .medications
        .iter()
        .any(|m| m.name.starts_with("Benzodiazepine")));
    assert!(r
        .rescue
        .medications
        .iter()
        .all(|m| !m.name.contains(" mg") && !m.purpose.contains(" mg")));
}

// ---- Concentration and pump --------------------------------------------------------------------

#[test]
fn undiluted_100_mg_per_ml_blocks_iv() {
    let r = calc("weight=70&bolus=0.3&conc=100");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors.iter().any(|e| e.field == "conc"));
}

#[test]
fn undiluted_100_mg_per_ml_is_allowed_im() {
    // IM 0.3 x 70 = 21 mg / 100 mg/mL = 0.21 mL
    let r = calc("weight=70&route=im&bolus=0.3&conc=100");
    assert_eq!(r.status, Status::Ok);
    assert_some_close(r.plan.bolus_ml.map(|x| x.0), 0.21);
}

#[test]
fn custom_concentration_needs_confirmation() {
    let r = calc("weight=70&rate=0.5&conc=3");
    assert_alert(&r, "concentration-custom");
    assert_alert(&r, "concentration-strong-for-infusion");
}

#[test]
fn custom_concentration_beyond_its_hard_limit_blocks() {
    let r = calc("weight=70&rate=0.5&conc=60");
    assert_eq!(r.status, Status::Invalid);
}

#[test]
fn pump_rate_that_rounds_to_zero_blocks() {
    // subcut 0.1 x 20 kg = 2 mg/h / 50 mg/mL = 0.04 mL/h -> 0 mL/h
    let r = calc("weight=20&route=subcut&rate=0.1&conc=50");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors.iter().any(|e| e.message.contains("rounds to 0")));
}

#[test]
fn pump_rate_beyond_999_ml_per_h_blocks() {
    // 7 x 150 = 1,050 mg/h / 1 mg/mL = 1,050 mL/h
    let r = calc("weight=150&rate=7&conc=1");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors.iter().any(|e| e.message.contains("999")));
}

// ---- Routes ----------------------------------------------------------------------------------------

#[test]
fn im_takes_no_infusion() {
    let r = calc("weight=70&route=im&rate=0.5");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors[0].message.contains("no infusion"));
}

#[test]
fn topical_takes_no_weight_based_dose() {
    let r = calc("weight=70&route=topical&bolus=0.1");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors[0].message.contains("cream"));
}

#[test]
fn rectal_dose_is_blocked_for_lack_of_chronic_pain_dosing() {
    let r = calc("weight=70&route=rectal&bolus=0.5");
    assert_eq!(r.status, Status::Invalid);
    assert_alert(&r, "route-no-chronic-dosing");
    assert_eq!(r.monitoring_tier, Some(Tier::BeyondGuideline));
}

#[test]
fn patient_under_18_is_outside_the_guideline() {
    let r = calc("weight=60&age=16");
    assert_alert(&r, "age-under-18");
}

#[test]
fn every_figure_in_the_result_names_a_source() {
    let r = calc("weight=70&bolus=0.4&rate=2.5&duration_min=150&conc=3&age=70&risk=pregnancy,cardiovascular_risk&treatments_this_year=8");
    assert!(r.alerts.len() >= 5, "{:?}", codes(&r));
    for a in &r.alerts {
        assert!(
            !a.source.location.is_empty(),
            "{} names no table, question or section",
            a.code
        );
    }
    for q in r.monitoring.unwrap().requirements {
        assert!(!q.source.location.is_empty(), "{} has no location", q.text);
    }
}

// ---- Found in review: regressions that say what broke --------------------------------------------

#[test]
fn short_patient_cannot_get_a_negative_ideal_weight() {
    // 100 cm = 39.37 in: Devine would give 45.5 + 2.3 x (39.37 - 60) = -1.95 kg, and negative doses
    let r = calc(
        "weight=50&height=100&sex=female&dosing_weight=ideal&rate=0.5&duration_min=150&conc=1",
    );
    assert_eq!(r.status, Status::Invalid);
    assert!(r.plan.total_mg.is_none());
    assert!(r.errors[0].message.contains("152.4 cm"), "{:?}", r.errors);
}

#[test]
fn ideal_weight_at_exactly_60_in_is_the_devine_base() {
    // 152.4 cm = 60 in: IBW = 45.5 kg (female)
    let r = calc("weight=70&height=152.4&sex=female&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 45.5);
}

#[test]
fn several_full_days_are_one_continuous_infusion() {
    // 100 mg/h for 1,440 min on each of 7 days = 7 days continuous: beyond 5 days, blocked
    let r = calc("weight=70&rate=100&rate_unit=mg/h&duration_min=1440&days=7");
    assert_eq!(r.status, Status::Invalid);
    assert!(r.errors.iter().any(|e| e.field == "duration_min"));
    // 5 full days = 7,200 min: warned, not blocked; 25.5 mg/h over a day is within Correll's ceiling
    let five = calc("weight=70&rate=25.5&rate_unit=mg/h&duration_min=1440&days=5");
    assert_eq!(five.status, Status::Ok);
    assert_alert(&five, "duration-above-4-days");
    assert_alert(&five, "rate-within-correll-limit");
    assert!(five.pre_infusion_tests.iter().any(|t| t.contains("liver")));
}

#[test]
fn a_day_cannot_be_longer_than_1440_min_in_a_course() {
    let r = calc("weight=70&rate=0.5&duration_min=2880&days=3");
    assert_eq!(r.status, Status::Invalid);
    assert!(r
        .error_for("duration_min")
        .unwrap()
        .message
        .contains("at most 1,440 min"));
}

#[test]
fn table_5_condition_escalates_monitoring() {
    let r = calc("weight=70&rate=0.5&risk=unstable_angina");
    let m = r.monitoring.clone().unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert_eq!(m.tier_from_dose, Tier::Standard);
    assert!(m
        .reasons
        .iter()
        .any(|(text, _)| text.starts_with("Unstable angina")));
    assert_alert(&r, "closer-blood-pressure-monitoring");
}

#[test]
fn correll_start_above_the_first_day_maximum_has_no_schedule() {
    let r = with_protocol(
        "correll-inpatient",
        "weight=70&step_mg_per_h=5&step_interval_min=60",
    );
    assert!(r.titration.is_some());
    let mut inputs =
        ketamine_engine::Inputs::from_fragment("weight=70&step_mg_per_h=5&step_interval_min=60");
    ketamine_engine::protocols::Protocol::CorrellInpatient.apply(&mut inputs);
    inputs.set("rate", Some("40".into()));
    let high = ketamine_engine::calculate(&inputs);
    assert!(high.titration.is_none());
    assert_alert(&high, "titration-start-above-first-day-maximum");
    inputs.set("rate", Some("15".into()));
    assert_alert(
        &ketamine_engine::calculate(&inputs),
        "titration-start-differs",
    );
}

#[test]
fn plan_that_left_its_protocol_says_so() {
    let same = with_protocol("asra-first-outpatient", "weight=70");
    assert_no_alert(&same, "plan-differs-from-protocol");
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=70");
    ketamine_engine::protocols::Protocol::AsraFirstOutpatient.apply(&mut inputs);
    inputs.set("duration_min", Some("90".into()));
    let changed = ketamine_engine::calculate(&inputs);
    let alert = changed
        .alerts
        .iter()
        .find(|a| a.code == "plan-differs-from-protocol")
        .unwrap();
    assert!(alert.message.contains("duration"), "{}", alert.message);
}

#[test]
fn intoxication_blocks_like_absent_consent() {
    let r = calc("weight=70&rate=0.5&risk=intoxication");
    assert_eq!(r.status, Status::Invalid);
}

#[test]
fn target_reports_the_infusion_alone_beside_the_total() {
    // 24.5 mg bolus + 60.667 mg infusion = 85.167 mg: met with the bolus, not by the infusion alone
    let r = calc("weight=70&bolus=0.35&rate=0.4&duration_min=130");
    let t = r.targets.detail.unwrap();
    assert!(t.met);
    assert_close(t.infusion_only_mg.0, 28.0 * 130.0 / 60.0);
    assert!(!t.infusion_only_at_least_80_mg);
}

#[test]
fn factors_without_a_test_do_not_read_as_healthy() {
    let r = calc("weight=70&risk=hyperthyroidism");
    let note = r.pre_infusion.unwrap().note.unwrap();
    assert!(!note.contains("healthy"), "{note}");
}

#[test]
fn messages_near_a_threshold_show_the_digits_that_crossed_it() {
    let r = calc("weight=70&rate=2.001");
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "rate-above-range")
        .unwrap();
    assert!(
        alert.message.starts_with("Infusion 2.001 mg/kg/h"),
        "{}",
        alert.message
    );
}

#[test]
fn displayed_halves_round_up_whatever_the_binary_value() {
    use ketamine_engine::display::number;
    // 0.35 mg/kg x 57.5 kg = 20.125 mg; x 102.5 kg = 35.875 mg; x 82.5 kg = 28.875 mg
    assert_eq!(number(0.35 * 57.5), "20.13");
    assert_eq!(number(0.35 * 102.5), "35.88");
    assert_eq!(number(0.35 * 82.5), "28.88");
    assert_eq!(number(0.0005), "0.001");
    assert_eq!(number(0.0004), "0");
    assert_eq!(number(999.95), "1,000");
    assert_eq!(number(99.995), "100");
    assert_eq!(number(9.995), "10");
    assert_eq!(number(0.9995), "1");
    assert_eq!(number(1234567.25), "1,234,567.3");
    assert_eq!(number(0.05), "0.05");
    assert_eq!(number(12.0), "12");
}
