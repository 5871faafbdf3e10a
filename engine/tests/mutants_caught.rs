//! Tests written to catch the mutants that `scripts/mutants.sh` (cargo-mutants) found surviving in
//! the modules that decide a limit, a tier, a target or a displayed figure. Each one is a bug of a
//! real shape (a threshold made inclusive, a subtraction turned into an addition, a guard
//! inverted), so each test checks a figure worked by hand from the sources, or the cases just
//! below, at and just above a threshold. Citations are `seed file:line` in /work/shared/seeds
//! (004 is the ASRA 2018 guideline, 001 Correll 2004).

mod common;
use common::*;
use ketamine_engine::compare::{above, at_least, below};
use ketamine_engine::concentration::Standard;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::profile::Profile;
use ketamine_engine::units::MgPerMl;
use ketamine_engine::{calculate_with, Inputs, Status};

// ---- compare: thresholds with a tolerance of one part in 10^12 ---------------------------------

/// The tolerance the engine documents: one part in 10^12 of the threshold (of 1 below 1).
fn tolerance(threshold: f64) -> f64 {
    threshold.abs().max(1.0) * 1e-12
}

#[test]
fn at_least_counts_a_sum_meant_as_the_threshold_and_nothing_clearly_below() {
    // 0.7 + 0.1 is 0.7999999999999999 in binary: a clinician's 0.8 must reach a 0.8 threshold.
    assert!(at_least(0.7 + 0.1, 0.8));
    assert!(at_least(0.8, 0.8));
    assert!(at_least(0.81, 0.8));
    // 0.79 is a real hundredth below: no tolerance may swallow it.
    assert!(!at_least(0.79, 0.8));
    assert!(!at_least(69.0, 70.0));
}

#[test]
fn at_least_tolerance_ends_at_one_part_in_10_to_the_12() {
    // At the tolerance's edge the value still counts as equal; twice as far below it does not.
    assert!(at_least(80.0 - tolerance(80.0), 80.0));
    assert!(!at_least(80.0 - 2.0 * tolerance(80.0), 80.0));
}

#[test]
fn above_is_strict_at_the_threshold_and_within_its_tolerance() {
    // 7 mg/kg/h is the guideline's ICU ceiling (004:1660): exactly 7 is not above it.
    assert!(!above(7.0, 7.0));
    assert!(!above(0.1 + 0.2, 0.3));
    assert!(!above(7.0 + tolerance(7.0), 7.0));
    assert!(above(7.0 + 2.0 * tolerance(7.0), 7.0));
    assert!(above(7.01, 7.0));
    assert!(!above(6.99, 7.0));
}

#[test]
fn below_is_strict_at_the_threshold_and_within_its_tolerance() {
    // 0.5 mg/kg/h is the bottom of the recommended infusion (004:1659): 0.5 is not below it.
    assert!(!below(0.5, 0.5));
    assert!(!below(0.7 + 0.1, 0.8));
    assert!(!below(0.5 - tolerance(0.5), 0.5));
    assert!(below(0.5 - 2.0 * tolerance(0.5), 0.5));
    assert!(below(0.49, 0.5));
    assert!(!below(0.51, 0.5));
}

// ---- targets: the first-infusion target, at least 80 mg over more than 2 h (004:1287-1288) -----

#[test]
fn target_rate_to_reach_80_mg_counts_the_bolus_already_given() {
    // 60 kg: bolus 0.2 x 60 = 12 mg; infusion 0.3 x 60 = 18 mg/h x 3 h = 54 mg; total 66 mg.
    // Short by 80 - 66 = 14 mg. The bolus stays, so the infusion must bring 80 - 12 = 68 mg over
    // 3 h: 22.667 mg/h / 60 kg = 0.37778 mg/kg/h, shown as 0.378.
    let r = calc("weight=60&bolus=0.2&rate=0.3&duration_min=180");
    let t = r.targets.detail.clone().unwrap();
    assert!(!t.met);
    assert_close(t.shortfall_mg.0, 14.0);
    assert_close(t.rate_to_reach_total.unwrap().0, 68.0 / 3.0 / 60.0);
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "first-infusion-target-not-met")
        .unwrap();
    assert!(
        alert.message.contains("the total is 14 mg short of 80 mg"),
        "{}",
        alert.message
    );
    assert!(
        alert.message.contains("0.378 mg/kg/h would reach it"),
        "{}",
        alert.message
    );
}

#[test]
fn target_judges_the_infusion_alone_without_the_bolus() {
    // 70 kg: bolus 0.35 x 70 = 24.5 mg; infusion 0.5 x 70 = 35 mg/h x 2.5 h = 87.5 mg >= 80 on
    // its own; total 112 mg, 32 mg beyond 80.
    let t = calc("weight=70&bolus=0.35&rate=0.5&duration_min=150")
        .targets
        .detail
        .unwrap();
    assert!(t.met);
    assert_close(t.infusion_only_mg.0, 87.5);
    assert!(t.infusion_only_at_least_80_mg);
    assert_close(t.margin_mg.0, 32.0);
    assert_close(t.shortfall_mg.0, 0.0);
}

#[test]
fn target_total_reached_at_exactly_120_min_is_not_met() {
    // 80 kg: bolus 0.1 x 80 = 8 mg; 0.5 x 80 = 40 mg/h x 2 h = 80 mg, exactly the total on its
    // own. The total (88 mg) is reached, but "more than 2 h" is strict: not met, and no rate is
    // offered, since no rate fixes a duration.
    let t = calc("weight=80&bolus=0.1&rate=0.5&duration_min=120")
        .targets
        .detail
        .unwrap();
    assert!(t.total_at_least_80_mg);
    assert!(t.infusion_only_at_least_80_mg);
    assert!(!t.duration_over_2_h);
    assert!(!t.met);
    assert!(t.rate_to_reach_total.is_none());
    // One minute longer: 40 mg/h x 121 min = 80.667 mg + 8 mg, over 2 h: met.
    let longer = calc("weight=80&bolus=0.1&rate=0.5&duration_min=121")
        .targets
        .detail
        .unwrap();
    assert!(longer.met);
    assert_close(longer.margin_mg.0, 8.0 + 40.0 * 121.0 / 60.0 - 80.0);
}

#[test]
fn target_met_leaves_no_rate_to_reach() {
    // 70 kg, 0.5 mg/kg/h for 150 min = 87.5 mg over more than 2 h: nothing to reach.
    let t = calc("weight=70&rate=0.5&duration_min=150")
        .targets
        .detail
        .unwrap();
    assert!(t.met);
    assert!(t.rate_to_reach_total.is_none());
}

// ---- concentration: dilution and the custom limits (rulebook section 10) ---------------------

#[test]
fn standard_concentration_found_by_its_own_value() {
    // The label the page shows beside a stocked concentration must be that concentration's.
    assert_eq!(
        Standard::from_value(MgPerMl(10.0)).unwrap().label,
        "10 mg/mL (vial)"
    );
    assert_eq!(
        Standard::from_value(MgPerMl(1.0)).unwrap().mg_per_ml,
        MgPerMl(1.0)
    );
    assert!(Standard::from_value(MgPerMl(3.0)).is_none());
}

#[test]
fn undiluted_100_mg_per_ml_blocks_an_iv_bolus_without_an_infusion() {
    // A bolus alone still goes into a vein: 100 mg/mL must be diluted first.
    let r = calc("weight=70&bolus=0.1&conc=100");
    assert_eq!(r.status, Status::Invalid);
    assert_alert(&r, "concentration-undiluted-iv");
}

#[test]
fn undiluted_100_mg_per_ml_is_not_an_iv_matter_for_another_route() {
    // IM 0.3 x 70 = 21 mg / 100 mg/mL = 0.21 mL: a standard vial, no IV dilution rule.
    let r = calc("weight=70&route=im&bolus=0.3&conc=100");
    assert_no_alert(&r, "concentration-undiluted-iv");
    assert_no_alert(&r, "concentration-strong-for-infusion");
}

#[test]
fn strong_for_infusion_starts_above_2_mg_per_ml() {
    // Bags and syringes are 1 or 2 mg/mL: 2 is usual, the 10 mg/mL vial is not.
    assert_no_alert(
        &calc("weight=70&rate=0.5&conc=1"),
        "concentration-strong-for-infusion",
    );
    assert_no_alert(
        &calc("weight=70&rate=0.5&conc=2"),
        "concentration-strong-for-infusion",
    );
    assert_alert(
        &calc("weight=70&rate=0.5&conc=10"),
        "concentration-strong-for-infusion",
    );
}

#[test]
fn strong_for_infusion_is_about_an_iv_infusion_only() {
    // An IV bolus from a 10 mg/mL vial is no infusion bag; nor is a subcut infusion an IV one.
    assert_no_alert(
        &calc("weight=70&bolus=0.2&conc=10"),
        "concentration-strong-for-infusion",
    );
    assert_no_alert(
        &calc("weight=70&route=subcut&rate=0.5&conc=10"),
        "concentration-strong-for-infusion",
    );
}

#[test]
fn custom_concentration_at_its_limits_is_allowed_with_confirmation() {
    // A hospital that stocks no 50 mg/mL vial: 50 mg/mL becomes custom, exactly at the custom
    // maximum (the strongest vial that may be given IV undiluted): allowed with confirmation.
    // 0.1 mg/mL, the weakest useful dilution, likewise; just outside either, blocked.
    let profile = Profile::from_json(
        r#"{"schema": "ketamine-calculator-profile", "schema_version": 1,
            "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31",
            "standard_concentrations_mg_per_ml": [1, 2, 10]}"#,
    )
    .unwrap();
    let calc_here = |f: &str| calculate_with(&Inputs::from_fragment(f), profile.thresholds());
    for conc in ["50", "0.1"] {
        let r = calc_here(&format!("weight=70&route=im&bolus=0.3&conc={conc}"));
        assert_eq!(r.status, Status::Ok, "{conc} mg/mL");
        assert_alert(&r, "concentration-custom");
    }
    for conc in ["50.1", "0.09"] {
        let r = calc_here(&format!("weight=70&route=im&bolus=0.3&conc={conc}"));
        assert_eq!(r.status, Status::Invalid, "{conc} mg/mL");
        assert_alert(&r, "concentration-custom-out-of-limits");
    }
}

// ---- monitoring: the tier's name as the printout shows it --------------------------------------

#[test]
fn each_tier_is_named_in_the_words_of_its_setting() {
    // The note prints "Monitoring tier: <label>"; the label must name the setting that Table 6
    // and question 6 describe (004:1494-1499, 1699-1704), each differently.
    assert!(Tier::Standard.label().contains("Standard"));
    assert!(Tier::HighDose.label().contains("High-dose"));
    assert!(Tier::Icu.label().contains("Intensive care"));
    assert!(Tier::BeyondGuideline
        .label()
        .contains("Beyond the guideline"));
    let note = ketamine_engine::note::clinical_note(
        &calc("weight=70&rate=1&duration_min=150"),
        &[],
        "2026-11-27 19:45",
    );
    assert!(note.contains("Monitoring tier: High-dose"), "{note}");
}

#[test]
fn an_elderly_patient_already_in_the_high_dose_tier_is_not_escalated_again() {
    // 1 mg/kg/h reaches the high-dose setting by dose alone (004:1494-1495). Lower thresholds
    // for elderly patients (004:1499-1500) can only raise a lower tier: at 80 years the tier is
    // the same, and it is not reported as raised for the patient.
    let m = calc("weight=70&rate=1&duration_min=150&age=80")
        .monitoring
        .unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert_eq!(m.tier_from_dose, Tier::HighDose);
    assert!(!m.escalated_for_patient);
    assert!(
        !m.reasons
            .iter()
            .any(|(why, _)| why.contains("lower thresholds")),
        "{:?}",
        m.reasons
    );
    // Below the threshold, the same patient is escalated.
    let m = calc("weight=70&rate=0.5&duration_min=150&age=80")
        .monitoring
        .unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert_eq!(m.tier_from_dose, Tier::Standard);
    assert!(m.escalated_for_patient);
}

#[test]
fn a_parenteral_dose_is_compared_in_full() {
    // IM and subcut count at 100 % against question 6's thresholds (the calculator's reading:
    // Table 1's 75-95 % is too imprecise to lower a threshold by). So IM and subcut meet the IV
    // thresholds at the same figures: a bolus at or above 0.35 mg/kg, an infusion at or above
    // 1 mg/kg/h (004:1494-1495), just below, at and just above each.
    for (fragment, tier) in [
        ("weight=70&route=im&bolus=0.34", Tier::Standard),
        ("weight=70&route=im&bolus=0.35", Tier::HighDose),
        ("weight=70&route=im&bolus=0.36", Tier::HighDose),
        ("weight=70&route=subcut&rate=0.99", Tier::Standard),
        ("weight=70&route=subcut&rate=1", Tier::HighDose),
        ("weight=70&route=subcut&rate=1.01", Tier::HighDose),
    ] {
        assert_eq!(calc(fragment).monitoring_tier, Some(tier), "{fragment}");
    }
}

#[test]
fn the_iv_equivalent_is_shown_with_its_bioavailability() {
    // The reason for the tier carries the arithmetic. Intranasal 1 mg/kg at 50 kg is 50 mg, a
    // home dose of question 4 (at most five 10 mg sprays, 004:1340-1342), counted at Table 1's
    // top intranasal bioavailability: 1 x 50 % = 0.5 mg/kg IV.
    let m = calc("weight=50&route=intranasal&bolus=1")
        .monitoring
        .unwrap();
    assert_eq!(m.tier, Tier::Standard);
    let (why, _) = &m.reasons[0];
    assert_eq!(
        why,
        "intranasal 1 mg/kg counts as 0.5 mg/kg IV (50 %); a home dose of question 4, so standard monitoring."
    );
    // 1.02 mg/kg is 51 mg, above the home dose: 0.51 mg/kg IV, at or above 0.35, high-dose.
    let m = calc("weight=50&route=intranasal&bolus=1.02")
        .monitoring
        .unwrap();
    assert_eq!(m.tier, Tier::HighDose);
    assert_eq!(
        m.reasons[0].0,
        "intranasal 1.02 mg/kg counts as 0.51 mg/kg IV (50 %)."
    );
    // IM counts in full.
    let m = calc("weight=70&route=im&bolus=0.4").monitoring.unwrap();
    assert_eq!(
        m.reasons[0].0,
        "IM 0.4 mg/kg counts as 0.4 mg/kg IV (100 %)."
    );
}

// ---- checks: duration, protocol, pump and daily-total alerts -----------------------------------

fn message<'a>(r: &'a ketamine_engine::CalculationResult, code: &str) -> &'a str {
    &r.alerts
        .iter()
        .find(|a| a.code == code)
        .unwrap_or_else(|| panic!("no alert {code} in {:?}", codes(r)))
        .message
}

#[test]
fn cumulative_hours_carry_their_condition_only_over_several_days() {
    // The analysis behind "over 10 h" did not say whether hours are continuous or cumulative; the
    // guideline reads them as cumulative only when serial infusions come before the benefit fades
    // (004:1281-1283). One 11 h infusion needs no such condition...
    let one_day = calc("weight=70&rate=0.5&duration_min=660");
    assert!(
        !message(&one_day, "duration-over-10-h").contains("Cumulative hours count only"),
        "{}",
        message(&one_day, "duration-over-10-h")
    );
    // ...6 h on each of 2 days (12 cumulative hours) does.
    let two_days = calc("weight=70&rate=0.5&duration_min=360&days=2");
    assert!(
        message(&two_days, "duration-over-10-h").contains("Cumulative hours count only"),
        "{}",
        message(&two_days, "duration-over-10-h")
    );
}

#[test]
fn a_preset_rate_kept_in_another_unit_is_named_as_a_changed_unit() {
    // The ASRA first-outpatient preset is 0.5 mg/kg/h. The same figure in mg/h is a 70-fold lower
    // dose at 70 kg: the difference from the preset must be named, as the rate's unit.
    let r =
        calc("weight=70&protocol=asra-first-outpatient&rate=0.5&rate_unit=mg/h&duration_min=150");
    let m = message(&r, "plan-differs-from-protocol");
    assert!(m.ends_with("preset in: rate unit."), "{m}");
    // A rate changed in figure and unit (35 mg/h, the same dose at 70 kg) is named once, as the rate.
    let r =
        calc("weight=70&protocol=asra-first-outpatient&rate=35&rate_unit=mg/h&duration_min=150");
    let m = message(&r, "plan-differs-from-protocol");
    assert!(m.ends_with("preset in: rate."), "{m}");
}

#[test]
fn pump_rate_of_999_ml_per_h_programs_and_999_1_blocks() {
    // 999 mL/h is the most the engine lets a pump be programmed with. At 1 mg/mL, 999 mg/h is
    // 999 mL/h (150 kg: 6.66 mg/kg/h, within the guideline's 7 mg/kg/h ICU ceiling, 004:1660,
    // so given in the intensive care unit).
    let at = calc("weight=150&rate=999&rate_unit=mg/h&conc=1&care_area=icu");
    assert_no_alert(&at, "pump-rate-too-high");
    assert_some_close(at.plan.rate_ml_per_h_rounded.map(|x| x.0), 999.0);
    let above = calc("weight=150&rate=999.1&rate_unit=mg/h&conc=1&care_area=icu");
    assert_eq!(above.status, Status::Invalid);
    assert_alert(&above, "pump-rate-too-high");
}

#[test]
fn a_daily_total_limit_counts_a_shorter_infusion_as_it_is() {
    // Only an infusion longer than a day is cut to its first 24 h. 0.3 mg/kg/h x 70 kg = 21 mg/h
    // x 20 h = 420 mg: under a 500 mg daily limit (24 h of it would be 504 mg, above).
    let profile = Profile::from_json(
        r#"{"schema": "ketamine-calculator-profile", "schema_version": 1,
            "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31",
            "limits": {"total_mg_per_day": {"soft": 500, "hard": 1500, "reason": "pharmacy review"}}}"#,
    )
    .unwrap();
    let calc_here = |f: &str| calculate_with(&Inputs::from_fragment(f), profile.thresholds());
    let r = calc_here("weight=70&rate=0.3&duration_min=1200");
    assert_no_alert(&r, "total-above-institution-limit");
    // 24 h exactly is the whole infusion: 504 mg, above 500.
    let r = calc_here("weight=70&rate=0.3&duration_min=1440");
    assert!(
        message(&r, "total-above-institution-limit").starts_with("Total 504 mg in a day"),
        "{}",
        message(&r, "total-above-institution-limit")
    );
}

// ---- display: figures as the clinician reads them ----------------------------------------------

#[test]
fn a_range_reads_up_to_from_zero_and_from_to_otherwise() {
    // Table 6 gives the IV bolus as "up to 0.35 mg/kg" (004:1658); IM is 0.1 to 0.5 mg/kg.
    use ketamine_engine::display::range;
    assert_eq!(range(0.0, 0.35, "mg/kg"), "up to 0.35 mg/kg");
    assert_eq!(range(0.1, 0.5, "mg/kg"), "0.1 to 0.5 mg/kg");
    let iv = calc("weight=70&bolus=0.4");
    assert_eq!(
        message(&iv, "bolus-above-range"),
        "Bolus 0.4 mg/kg is above the IV chronic-pain range (up to 0.35 mg/kg)."
    );
}

#[test]
fn a_pain_score_that_rose_shows_negative_relief() {
    // Correll's percent relief, (before - after) / before x 100: pain 4 -> 6 is -50 %, which must
    // not read as 50 % relief.
    let r = calc("weight=70&pain_before=4&pain_after=6");
    assert_some_close(r.response.percent_relief, -50.0);
    let note = ketamine_engine::note::clinical_note(&r, &[], "2026-11-27 19:45");
    assert!(note.contains("pain 4 -> 6, -50 % relief"), "{note}");
    assert_eq!(ketamine_engine::display::number(-0.25), "-0.25");
}

// ---- inputs: a hostile value is cut, never past its limit --------------------------------------

#[test]
fn an_overlong_value_is_cut_before_a_character_that_crosses_256_bytes() {
    // 255 digits and a 2-byte "é" straddle the 256-byte limit: the "é" is dropped whole (a cut
    // inside it would panic; keeping it would pass the limit).
    let mut inputs = Inputs::default();
    let value = format!("{}é", "7".repeat(255));
    inputs.set("weight", Some(value));
    assert_eq!(inputs.get("weight"), Some("7".repeat(255).as_str()));
}

// ---- patient: Devine's ideal body weight at its 60 in edge, and the fallback to actual -------

#[test]
fn devine_applies_from_60_inches_exactly() {
    // Devine adds 2.3 kg per inch over 60 in: at 60 in, IBW = 50 kg (male), 45.5 kg (female).
    let male = calc("weight=80&height=60&height_unit=in&sex=male&dosing_weight=ideal");
    assert_eq!(male.status, Status::Ok, "{:?}", male.errors);
    assert_some_close(male.dosing_weight_kg, 50.0);
    let female = calc("weight=60&height=152.4&sex=female&dosing_weight=adjusted");
    assert_eq!(female.status, Status::Ok, "{:?}", female.errors);
    // adjusted = 45.5 + 0.4 x (60 - 45.5) = 51.3 kg
    assert!((female.dosing_weight_kg.unwrap() - 51.3).abs() < 1e-9);
    // 152.3 cm is under 60 in: refused, not extrapolated.
    let short = calc("weight=60&height=152.3&sex=female&dosing_weight=ideal");
    assert_eq!(short.status, Status::Invalid);
    assert!(
        short.error_for("dosing_weight").is_some(),
        "{:?}",
        short.errors
    );
}

#[test]
fn an_ideal_weight_equal_to_the_actual_one_is_used_as_ideal() {
    // 70 in male: IBW = 50 + 2.3 x 10 = 73 kg, the same as his actual 73 kg. Only a higher ideal
    // weight falls back to actual (a scalar must never raise a dose); an equal one is not "above".
    let r = calc("weight=73&height=70&height_unit=in&sex=male&dosing_weight=ideal");
    assert_some_close(r.dosing_weight_kg, 73.0);
    let dw = r.dosing_weight.clone().unwrap();
    assert_eq!(dw.basis, ketamine_engine::patient::DosingWeightBasis::Ideal);
    assert!(dw.note.is_none());
    assert_no_alert(&r, "dosing-weight-actual-used");
}

#[test]
fn no_ideal_weight_is_reported_below_60_inches() {
    // On actual weight, a 100 cm woman still gets her result, but Devine's formula would give
    // 45.5 + 2.3 x (39.37 - 60) = -1.95 kg: the result a host page reads carries no such figure.
    let r = calc("weight=40&height=100&sex=female");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    let dw = r.dosing_weight.unwrap();
    assert!(dw.ideal_kg.is_none(), "{:?}", dw.ideal_kg);
    assert!(dw.adjusted_kg.is_none(), "{:?}", dw.adjusted_kg);
    // From 60 in both are reported beside the actual weight: 45.5 and 45.5 + 0.4 x (60 - 45.5).
    let dw = calc("weight=60&height=152.4&sex=female")
        .dosing_weight
        .unwrap();
    assert!((dw.ideal_kg.unwrap().0 - 45.5).abs() < 1e-9);
    assert!((dw.adjusted_kg.unwrap().0 - 51.3).abs() < 1e-9);
}

#[test]
fn the_devine_formula_shown_starts_from_the_patients_own_base() {
    // The clinician checks the formula on screen: 45.5 kg for a woman, 50 kg for a man.
    // 165.1 cm = 65 in: 45.5 + 2.3 x 5 = 57 kg; 177.8 cm = 70 in: 50 + 2.3 x 10 = 73 kg.
    let female = calc("weight=80&height=165.1&sex=female&dosing_weight=ideal");
    assert_eq!(
        female.dosing_weight.unwrap().formula,
        "IBW (Devine) = 45.5 + 2.3 x (65 in - 60) = 57 kg"
    );
    let male = calc("weight=90&height=177.8&sex=male&dosing_weight=ideal");
    assert_eq!(
        male.dosing_weight.unwrap().formula,
        "IBW (Devine) = 50 + 2.3 x (70 in - 60) = 73 kg"
    );
}

// ---- response: the 2-point criterion from a baseline of 0 -------------------------------------

#[test]
fn from_a_baseline_of_0_there_is_no_2_point_drop_and_no_percent() {
    // With both scores entered, whether pain fell by 2 points is decidable: from 0 it cannot
    // have. Percent relief divides by the baseline and is not defined (Correll's formula).
    let r = calc("weight=70&pain_before=0&pain_after=0").response;
    assert_eq!(r.two_point_drop, Some(false));
    assert!(r.percent_relief.is_none());
    assert!(r.positive.is_none());
    // With one score missing nothing is decided.
    let r = calc("weight=70&pain_before=0").response;
    assert_eq!(r.two_point_drop, None);
}

// ---- calculate: boundaries of the stages that feed the result ---------------------------------

#[test]
fn obesity_is_a_body_mass_index_from_30() {
    // BMI = kg / m^2: 120 kg at 2.00 m is 30 exactly, obese (WHO class I starts at 30); 119 kg is
    // 29.75, not.
    assert_alert(&calc("weight=120&height=200"), "obese-actual-weight");
    assert_no_alert(&calc("weight=119&height=200"), "obese-actual-weight");
}

#[test]
fn serial_infusions_with_active_substance_abuse_from_2_days_or_1_earlier_treatment() {
    // Question 2: no serial infusions with active substance abuse. A series is a second day, or
    // any treatment already given this year.
    let plan = "weight=70&rate=0.5&duration_min=150&risk=active_substance_abuse";
    assert_alert(
        &calc(&format!("{plan}&days=2")),
        "serial-infusions-with-substance-abuse",
    );
    assert_alert(
        &calc(&format!("{plan}&treatments_this_year=1")),
        "serial-infusions-with-substance-abuse",
    );
    assert_no_alert(
        &calc(&format!("{plan}&days=1&treatments_this_year=0")),
        "serial-infusions-with-substance-abuse",
    );
}

#[test]
fn a_titration_schedule_covers_a_shorter_planned_duration_only() {
    // Correll's titration from 10 mg/h by 5 mg/h hourly, planned for 6 h: 10 + 15 + 20 + 25 mg in
    // the first 4 h, then 30 mg/h for the last 2 h = 60 mg: 130 mg over 360 min, not the 670 mg of
    // a whole first day.
    let mut inputs = Inputs::from_fragment("weight=70&step_mg_per_h=5&step_interval_min=60");
    ketamine_engine::protocols::Protocol::CorrellInpatient.apply(&mut inputs);
    inputs.set("duration_min", Some("360".into()));
    let r = ketamine_engine::calculate(&inputs);
    let s = r.titration.expect("a schedule");
    assert_close(s.covers_min.0, 360.0);
    assert_close(s.total_mg.0, 130.0);
}

#[test]
fn an_inpatient_protocol_is_not_given_in_a_day_unit_whatever_its_first_day() {
    // Table 1 gives IV infusions as "1-d outpatient or 3- to 5-d inpatient" (004:369-371). Correll's
    // titration is inpatient: even entered as 10 h, the outpatient suite does not provide it...
    let mut inputs = Inputs::from_fragment("weight=70&care_area=outpatient");
    ketamine_engine::protocols::Protocol::CorrellInpatient.apply(&mut inputs);
    inputs.set("duration_min", Some("600".into()));
    let r = ketamine_engine::calculate(&inputs);
    assert_eq!(r.care_area_sufficient, Some(false));
    assert_eq!(r.status, Status::Invalid);
    // ...while ASRA's first outpatient infusion is given there.
    let mut inputs = Inputs::from_fragment("weight=70&care_area=outpatient");
    ketamine_engine::protocols::Protocol::AsraFirstOutpatient.apply(&mut inputs);
    let r = ketamine_engine::calculate(&inputs);
    assert_eq!(r.care_area_sufficient, Some(true));
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
}

#[test]
fn a_follow_up_after_an_infusion_of_a_day_asks_for_6_weeks_of_relief() {
    // Question 8: relief of more than 3 weeks after a single outpatient infusion, more than 6
    // after an inpatient infusion or a series (004:1614-1615). An infusion of 24 h (1,440 min) is
    // an inpatient one (Correll's limits from 24 h inclusive); 150 min is a single outpatient one.
    use ketamine_engine::assess_response_only;
    use ketamine_engine::thresholds::Thresholds;
    let t = Thresholds::guideline();
    let follow_up = |f: &str| assess_response_only(&Inputs::from_fragment(f), &t).unwrap();
    assert_eq!(
        follow_up("pain_before=8&pain_after=4&duration_min=1440").required_weeks,
        6.0
    );
    assert_eq!(
        follow_up("pain_before=8&pain_after=4&duration_min=1439").required_weeks,
        3.0
    );
    assert_eq!(
        follow_up("pain_before=8&pain_after=4&duration_min=150").required_weeks,
        3.0
    );
}

// ---- thresholds: the care areas a clinician can choose ----------------------------------------

#[test]
fn the_care_areas_offered_are_the_four_levels_or_the_profiles_own() {
    // A plan in the ICU range is blocked until the ICU is chosen: the choice must be offered.
    use ketamine_engine::thresholds::Thresholds;
    let ids = |t: &Thresholds| {
        t.care_area_options()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&Thresholds::guideline()),
        ["outpatient", "ward", "monitored", "icu"]
    );
    let profile = Profile::from_json(
        r#"{"schema": "ketamine-calculator-profile", "schema_version": 1,
            "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31",
            "care_areas": [{"id": "pacu-b", "label": "Recovery B", "level": "monitored"},
                           {"id": "icu-2", "label": "ICU 2", "level": "icu"}]}"#,
    )
    .unwrap();
    assert_eq!(ids(profile.thresholds()), ["pacu-b", "icu-2"]);
}

// ---- note: the figures and citations the printout carries --------------------------------------

#[test]
fn the_note_carries_the_ranges_at_this_weight_and_cites_each_reason() {
    // IV at 70 kg: bolus up to 0.35 x 70 = 24.5 mg; infusion 0.5 x 70 = 35 to 2 x 70 = 140 mg/h
    // (Table 6, 004:1658-1659).
    let note = ketamine_engine::note::clinical_note(
        &calc("weight=70&rate=1&duration_min=150"),
        &[],
        "2026-11-27 20:50",
    );
    assert!(
        note.contains(
            "Chronic-pain range at this weight: bolus up to 24.5 mg; infusion 35 to 140 mg/h ("
        ),
        "{note}"
    );
    // Each tier reason ends with its source in brackets: 1 mg/kg/h reaches question 6's threshold.
    let reason = note
        .lines()
        .find(|l| l.starts_with("- Infusion 1 mg/kg/h is at or above 1 mg/kg/h"))
        .unwrap_or_else(|| panic!("{note}"));
    assert!(reason.ends_with("question 6 and Table 6)."), "{reason}");
}

#[test]
fn the_note_totals_a_course_of_several_days() {
    // 0.5 x 70 = 35 mg/h x 2.5 h = 87.5 mg a day; over 3 days 262.5 mg and 7.5 infusion hours.
    let course = ketamine_engine::note::clinical_note(
        &calc("weight=70&rate=0.5&duration_min=150&days=3"),
        &[],
        "2026-11-27 20:50",
    );
    assert!(
        course.contains("- Course: 3 days, 262.5 mg in all, 7.5 cumulative hours"),
        "{course}"
    );
    // 2 days is already a course; 1 day is not.
    let two = ketamine_engine::note::clinical_note(
        &calc("weight=70&rate=0.5&duration_min=150&days=2"),
        &[],
        "now",
    );
    assert!(two.contains("- Course: 2 days, 175 mg in all"), "{two}");
    let one = ketamine_engine::note::clinical_note(
        &calc("weight=70&rate=0.5&duration_min=150"),
        &[],
        "now",
    );
    assert!(!one.contains("Course:"), "{one}");
}

#[test]
fn the_note_says_why_the_first_infusion_target_is_not_met() {
    // 80 kg, 0.5 mg/kg/h x 120 min = 80 mg: the total is reached, the duration is not over 2 h.
    let note = ketamine_engine::note::clinical_note(
        &calc("weight=80&rate=0.5&duration_min=120"),
        &[],
        "now",
    );
    assert!(note.contains(": not met (not over 2 h) ("), "{note}");
}

// ---- pre_infusion: whose recommendation the liver tests are ------------------------------------

#[test]
fn liver_tests_for_a_long_infusion_alone_are_corrells_and_carry_no_guideline_grade() {
    let liver = |f: &str| {
        calc(f)
            .pre_infusion
            .unwrap()
            .tests
            .into_iter()
            .find(|t| t.name == "Baseline and post-infusion liver function tests")
            .unwrap_or_else(|| panic!("no liver tests for {f}"))
    };
    use ketamine_engine::sources::Document;
    // A 24 h infusion in a healthy patient: Correll's observation (001:609-623, 914-917), no grade.
    let t = liver("weight=70&rate=0.5&duration_min=1440");
    assert_eq!(t.source.document, Document::Correll2004);
    assert!(!t.reason.contains("grade C"), "{}", t.reason);
    // Two such days at a standard dose are not "high doses at frequent intervals": still Correll.
    let t = liver("weight=70&rate=0.5&duration_min=1440&days=2");
    assert_eq!(t.source.document, Document::Correll2004);
    // With liver risk, question 5's recommendation (grade C, 004:1681-1686) is the source.
    let t = liver("weight=70&rate=0.5&duration_min=1440&risk=liver_risk");
    assert_eq!(t.source.document, Document::Asra2018);
    assert!(t.reason.contains("(grade C)"), "{}", t.reason);
    // High doses on two days: question 5 again.
    let t = liver("weight=70&rate=1&duration_min=1440&days=2&care_area=monitored");
    assert_eq!(t.source.document, Document::Asra2018);
    assert!(t.reason.contains("(grade C)"), "{}", t.reason);
}

#[test]
fn this_treatment_counts_as_one_more_in_the_year() {
    // Question 8: no more than 6-12 a year (004:1618). 5 given already: this is the 6th.
    let t = calc("weight=70&treatments_this_year=5").treatments.unwrap();
    assert_eq!(t.with_this_one, Some(6));
    let t = calc("weight=70&treatments_this_year=0").treatments.unwrap();
    assert_eq!(t.with_this_one, Some(1));
}

#[test]
fn a_titration_never_starts_above_its_ceiling() {
    // The schedule's rates never exceed the first-day ceiling (Correll's 30 mg/h, 001:965): a start
    // entered above it is held at the ceiling.
    use ketamine_engine::titration::schedule;
    use ketamine_engine::units::{Kg, MgPerH, Minutes};
    let s = schedule(
        MgPerH(40.0),
        MgPerH(5.0),
        Minutes(60.0),
        MgPerH(30.0),
        Minutes(120.0),
        Kg(70.0),
        None,
    );
    assert_eq!(s.steps[0].rate_mg_per_h, MgPerH(30.0));
    assert_close(s.total_mg.0, 60.0); // 30 mg/h x 2 h
}

#[test]
fn the_note_says_by_how_much_the_total_falls_short() {
    // 60 kg: 0.5 x 60 = 30 mg/h x 2.5 h = 75 mg, 5 mg short of 80 mg.
    let note = ketamine_engine::note::clinical_note(
        &calc("weight=60&rate=0.5&duration_min=150"),
        &[],
        "now",
    );
    assert!(note.contains(": not met (5 mg short) ("), "{note}");
}

// ---- checks: the protocol's cap filled in place of its preset rate ------------------------------

// Mutant (found by the whole-engine run of 2026-11-27): `checks.rs` `protocol_match_alerts`, the
// trial's cap recognised when the rate is the cap `&&` its unit the cap's, with `&&` made `||`. Any
// rate in mg/h would then pass as Schwartzman's cap (Table 2's 100 mg over 4 h: 25 mg/h,
// 004:603-604), and a plan at 20 mg/h would be printed under the preset's name without saying it
// differs from its 0.35 mg/kg/h (004:1097).
#[test]
fn a_rate_in_the_caps_unit_but_not_at_the_cap_differs_from_the_protocol() {
    let base = "weight=100&protocol=schwartzman-2009&duration_min=240&days=10";
    // At the cap, as the preset fills it above about 71.4 kg: the preset.
    let r = calc(&format!("{base}&rate=25&rate_unit=mg/h"));
    assert_no_alert(&r, "plan-differs-from-protocol");
    // 20 mg/h: the cap's unit, not the cap: the rate differs.
    let r = calc(&format!("{base}&rate=20&rate_unit=mg/h"));
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "plan-differs-from-protocol")
        .expect("20 mg/h is not the preset");
    assert!(
        alert.message.ends_with("preset in: rate."),
        "{}",
        alert.message
    );
    // The cap's figure in another unit (25 mcg/kg/min, 1.5 mg/kg/h) is not the cap either.
    let r = calc(&format!("{base}&rate=25&rate_unit=mcg/kg/min"));
    assert_alert(&r, "plan-differs-from-protocol");
}

// Mutant (whole-engine run of 2026-11-27): `checks.rs` `trial_cap_alerts`, the match arm giving
// Sigtermans' cap its own source deleted: the alert would cite Table 2, which gives the trial's
// dose over 4.2 days, not the 7.2 mcg/kg/min maximum that question 7 states (004:1523).
#[test]
fn the_sigtermans_cap_alert_cites_question_7_and_schwartzmans_table_2() {
    // 8 mcg/kg/min = 0.48 mg/kg/h, above 7.2 mcg/kg/min = 0.432 mg/kg/h.
    let r =
        calc("weight=70&protocol=sigtermans-2009&rate=8&rate_unit=mcg/kg/min&duration_min=6048");
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "above-trial-cap")
        .expect("above Sigtermans' maximum");
    assert_eq!(alert.source.location, "question 7");
    // 30 mg/h is above Schwartzman's 25 mg/h (100 mg over 4 h): Table 2.
    let r = calc(
        "weight=100&protocol=schwartzman-2009&rate=30&rate_unit=mg/h&duration_min=240&days=10",
    );
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "above-trial-cap")
        .expect("above Schwartzman's cap");
    assert_eq!(alert.source.location, "Table 2");
}
