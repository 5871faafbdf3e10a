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

// ---- Item 3: the Sigtermans preset said more than the trial did ---------------------------------
// 004:1091-1092: S(+) ketamine, "mean ketamine infusion dose, 22 [SD, 2.0]mg/h; mean duration,
// 4.2 days"; 004:1107-1108 summary "22 mg/h for 4 days"; 004:1523 "up to 7.2 μg/kg per minute or
// 0.4 mg/kg per hour"; 004:1527-1528 "the more potent S(+)-ketamine" (no factor given).

#[test]
fn item_3_sigtermans_preset_fills_the_mean_22_mg_per_h_not_the_maximum_as_a_constant() {
    use ketamine_engine::protocols::Protocol;
    let p = Protocol::Sigtermans2009.preset();
    assert_eq!((p.rate, p.rate_unit), (Some("22"), Some("mg/h")));
    assert_eq!(p.duration_min, Some("6048")); // 4.2 days x 1,440 min
    let r = calc("weight=70&protocol=sigtermans-2009&rate=22&rate_unit=mg/h&duration_min=6048");
    assert_some_close(r.plan.total_mg.map(|m| m.0), 22.0 * 100.8); // 2,217.6 mg, not 3,034
}

#[test]
fn item_3_sigtermans_note_claims_no_potency_factor_the_sources_do_not_give() {
    use ketamine_engine::protocols::Protocol;
    let notes = Protocol::Sigtermans2009.notes().join(" ");
    assert!(!notes.contains("3 to 4 times"), "{notes}");
    assert!(notes.contains("more potent"), "{notes}");
}

// ---- Item 4: the Schwartzman preset filled a flat 25 mg/h ---------------------------------------
// 004:1097 and 1107: "0.35 mg/kg per hour over 4 hours daily for 10 days"; Table 2, 004:603-604:
// "Up to 100 mg over 4 h for 10 consecutive weekdays".

#[test]
fn item_4_schwartzman_preset_fills_0_35_mg_per_kg_per_h_over_4_h_for_10_days() {
    use ketamine_engine::protocols::Protocol;
    let p = Protocol::Schwartzman2009.preset();
    assert_eq!((p.rate, p.rate_unit), (Some("0.35"), Some("mg/kg/h")));
    assert_eq!((p.duration_min, p.days), (Some("240"), Some("10")));
    // At 50 kg: 17.5 mg/h, not 25 (43 % above the trial's rate).
    let r = calc("weight=50&protocol=schwartzman-2009&rate=0.35&duration_min=240&days=10");
    assert_some_close(r.plan.rate_mg_per_h.map(|m| m.0), 17.5);
    assert_no_alert(&r, "above-trial-cap");
}

#[test]
fn item_4_schwartzman_above_100_mg_over_4_h_says_the_trial_capped_there() {
    // 80 kg x 0.35 mg/kg/h x 4 h = 112 mg, above Table 2's "up to 100 mg over 4 h".
    let r = calc("weight=80&protocol=schwartzman-2009&rate=0.35&duration_min=240&days=10");
    assert_alert(&r, "above-trial-cap");
}

// ---- Item 6: the IV high-dose thresholds were applied to every route ---------------------------
// Question 6's thresholds are IV figures, "bolus dose of ≥0.35 mg/kg and/or infusion of ≥1 mg/kg
// per hour" (004:1494-1495). Table 1's bioavailability (004:359-385 as reflowed): IM and subcut
// 75-95 %, intranasal 25-50 %, oral 10-20 %. Question 4 sends oral ketamine home, "0.5 mg/kg every
// 6 hours" (004:1339-1340, also 004:1314-1315), and intranasal ketamine for breakthrough pain
// (004:1341-1342).

#[test]
fn item_6_the_guidelines_home_oral_dose_needs_no_monitored_unit() {
    let r = calc("weight=70&route=oral&bolus=0.5");
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
    // The whole oral chronic-pain range of Table 1 (0.3-1.25 mg/kg, 004:383), every weight.
    for w in [35, 50, 70, 120, 200] {
        for dose in ["0.3", "0.5", "1", "1.25"] {
            let r = calc(&format!("weight={w}&route=oral&bolus={dose}"));
            assert_eq!(
                r.monitoring_tier,
                Some(Tier::Standard),
                "{w} kg, oral {dose}"
            );
        }
    }
}

#[test]
fn item_6_intranasal_home_doses_need_no_monitored_unit() {
    // 0.2-0.4 mg/kg, 25 mg at 70 kg (0.36 mg/kg), 50 mg (5 sprays of 10 mg) at 50 kg (1 mg/kg).
    for (w, dose) in [(70, "0.2"), (70, "0.4"), (70, "0.36"), (50, "1")] {
        let r = calc(&format!("weight={w}&route=intranasal&bolus={dose}"));
        assert_eq!(r.monitoring_tier, Some(Tier::Standard), "{w} kg, {dose}");
    }
}

#[test]
fn item_6_elderly_at_home_dose_is_not_escalated_to_a_monitored_unit() {
    let r = calc("weight=70&age=80&route=oral&bolus=0.5");
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
}

#[test]
fn item_6_oral_dose_above_the_chronic_range_is_compared_by_its_iv_equivalent() {
    // 1.75 mg/kg x 20 % = 0.35 mg/kg IV: the threshold. 1.7 x 20 % = 0.34: below it.
    let r = calc("weight=70&route=oral&bolus=1.75");
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
    let r = calc("weight=70&route=oral&bolus=1.7");
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
}

#[test]
fn finding_5_im_and_subcut_doses_were_discounted_to_95_percent() {
    // Table 1's IM and subcut bioavailability, 75-95 % (004:394, 406), is too imprecise to lower
    // a monitoring threshold by: IM and subcut count in full against question 6's 0.35 mg/kg and
    // 1 mg/kg per hour (004:1494-1495).
    assert_eq!(
        calc("weight=70&route=im&bolus=0.35").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc("weight=70&route=im&bolus=0.34").monitoring_tier,
        Some(Tier::Standard)
    );
    // Subcut 1 mg/kg/h was 0.95 IV (standard); in full it reaches the threshold.
    assert_eq!(
        calc("weight=70&route=subcut&rate=1").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc("weight=70&route=subcut&rate=0.99").monitoring_tier,
        Some(Tier::Standard)
    );
}

#[test]
fn item_6_the_tier_rule_for_the_route_is_stated() {
    let r = calc("weight=70&route=oral&bolus=0.5");
    let rule = r
        .alerts
        .iter()
        .find(|a| a.code == "tier-rule-for-route")
        .expect("the rule is stated");
    assert!(rule.message.contains("20 %"), "{}", rule.message);
    assert!(rule.message.contains("home doses"), "{}", rule.message);
    assert!(calc("weight=70&bolus=0.2")
        .alerts
        .iter()
        .all(|a| a.code != "tier-rule-for-route"));
}

// ---- Item 8: comorbidity escalation was inconsistent --------------------------------------------
// 004:1499-1500: "elderly individuals and those with significant comorbidities" lower the
// thresholds. One rule: every condition of the patient that the guideline names as a reason for
// caution or a test (Table 5, question 2, question 5) is a significant comorbidity; treatment
// history (high-dose opioids, stabilized on higher doses) is not.

#[test]
fn item_8_diagnosed_conditions_escalate() {
    for factor in ["moderate_liver_disease", "full_stomach", "comorbidity"] {
        let r = calc(&format!("weight=70&rate=0.5&risk={factor}"));
        let m = r.monitoring.unwrap();
        assert!(m.escalated_for_patient, "{factor}");
        assert_eq!(m.tier, Tier::HighDose, "{factor}");
    }
}

#[test]
fn finding_6_a_risk_flag_that_only_calls_for_a_test_was_counted_as_a_comorbidity() {
    // "suspected or at high risk of cardiovascular disease" brings an ECG; "at risk of liver
    // toxicity" liver tests (question 5, 004:1679-1686): tests, not escalation.
    for factor in ["cardiovascular_risk", "liver_risk"] {
        let r = calc(&format!("weight=70&rate=0.5&risk={factor}"));
        let m = r.monitoring.unwrap();
        assert!(!m.escalated_for_patient, "{factor}");
        assert_eq!(m.tier, Tier::Standard, "{factor}");
    }
}

#[test]
fn item_8_treatment_history_is_not_a_comorbidity() {
    for factor in ["high_dose_opioids", "stabilized_on_higher_doses"] {
        let r = calc(&format!("weight=70&rate=0.5&risk={factor}"));
        assert_eq!(r.monitoring_tier, Some(Tier::Standard), "{factor}");
    }
}

// ---- Item 9: the 5-day block said no source supports a longer infusion --------------------------
// Correll's infusions ran up to 20 days (001:406, 001:550-551); the guideline cites 10-day
// inpatient infusions (004:1306-1307); Correll offers his limit "not to restrict future
// treatments" (001:966-969).

#[test]
fn item_9_the_5_day_block_says_it_is_the_calculators_conservative_limit() {
    let r = calc("weight=70&rate=10&rate_unit=mg/h&duration_min=7300");
    let block = r
        .alerts
        .iter()
        .find(|a| a.code == "duration-hard-limit")
        .expect("blocked");
    assert!(
        block.message.contains("conservative limit"),
        "{}",
        block.message
    );
    assert!(block.message.contains("20 days"), "{}", block.message);
    assert!(!block.message.contains("no source"), "{}", block.message);
}

// ---- Item 10: the 0.06 conversion was credited to ASRA ------------------------------------------
// ASRA converts inconsistently: 6 mcg/kg/min printed as 0.42 mg/kg per hour (004:1032), 117 as 7
// (004:1515). The figure is arithmetic: 60 min/h / 1,000 mcg/mg.

#[test]
fn item_10_the_unit_conversion_cites_the_arithmetic_not_the_guideline() {
    use ketamine_engine::sources::Document;
    let r = calc("weight=70&rate=6&rate_unit=mcg/kg/min");
    assert_ne!(r.plan.conversion_source.document, Document::Asra2018);
    assert!(r.plan.conversion_source.location.contains("1,000"));
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.36);
}

// ---- Item 11: messages that misquoted ----------------------------------------------------------

#[test]
fn item_11_the_under_18_message_does_not_say_the_studies_excluded_minors() {
    // Correll treated two 15-year-olds (001:302, 001:317).
    let r = calc("weight=60&age=16");
    let a = r.alerts.iter().find(|a| a.code == "age-under-18").unwrap();
    assert!(!a.message.contains("do not cover"), "{}", a.message);
    assert!(a.message.contains("15"), "{}", a.message);
}

#[test]
fn item_11_the_angina_advice_does_not_fire_for_hypertension_alone() {
    // 004:997-1000: "In patients with a history of angina ..."
    let r = calc("weight=70&risk=poorly_controlled_hypertension");
    assert_no_alert(&r, "closer-blood-pressure-monitoring");
    let r = calc("weight=70&risk=unstable_angina");
    assert_alert(&r, "closer-blood-pressure-monitoring");
}

#[test]
fn item_11_corrells_25_mg_per_h_is_78_percent_of_infusion_cycles() {
    // 001:530-531: "During 78% of all infusion cycles, patients received ketamine at a rate
    // ≤25mg/hr."
    let r = calc("weight=70&rate=30&rate_unit=mg/h&duration_min=1440");
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "rate-within-correll-limit")
        .unwrap();
    assert!(a.message.contains("78 %"), "{}", a.message);
    assert!(!a.message.contains("most of his patients"), "{}", a.message);
}

#[test]
fn item_11_the_4_to_5_day_proposal_is_not_said_to_include_liver_monitoring() {
    // 001:962-965 proposes the limits and says nothing of liver enzymes.
    let r = calc("weight=70&rate=10&rate_unit=mg/h&duration_min=6000");
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "duration-above-4-days")
        .unwrap();
    assert!(!a.message.contains("liver"), "{}", a.message);
}

#[test]
fn item_11_table_1s_words_are_table_1s() {
    // 004:369-373: "0.5–2 mg/kg for 1-d outpatient or 3- to 5-d inpatient awake ketamine
    // infusions in chronic pain (higher dosages titrated to effect from lower doses)"; no
    // "per hour", no bolus (Table 6's "up to 0.35 mg/kg", 004:1658).
    use ketamine_engine::routes::Route;
    let f = Route::Iv.facts();
    assert!(
        !f.chronic_dosing.contains("per hour"),
        "{}",
        f.chronic_dosing
    );
    assert!(!f.chronic_dosing.contains("0.35"), "{}", f.chronic_dosing);
    assert!(f
        .chronic_dosing
        .starts_with("0.5-2 mg/kg for 1-day outpatient"));
}

// ---- Item 12: pump and syringe rounding acted on binary noise -----------------------------------
// Arithmetic: 41 x 0.15 = 6.15 mL/h at 1 mg/mL; 42.8 x 0.75 / 2 = 16.05 mL/h. Halves round up on
// the decimal value meant, as the display does.

#[test]
fn item_12_pump_rate_rounds_the_decimal_value_meant() {
    let r = calc("weight=41&rate=0.15&conc=1");
    assert_eq!(r.plan.rate_ml_per_h_rounded.unwrap().0, 6.2);
    let r = calc("weight=42.8&rate=0.75&conc=2");
    assert_eq!(r.plan.rate_ml_per_h_rounded.unwrap().0, 16.1);
}

#[test]
fn item_12_one_rounding_rule_for_display_and_pump_at_every_weight() {
    use ketamine_engine::display::number;
    // The expected pump rate worked in whole numbers, independently of the engine's rounding: the
    // weight in tenths of a kg, the rate in hundredths of a mg/kg/h, so the rate in tenths of a
    // mL/h is weight x rate / (100 x concentration), rounded half up.
    let mut checked = 0;
    for tenth_kg in 400u64..=1300 {
        let weight = tenth_kg as f64 / 10.0;
        for (rate_hundredths, conc) in [(15u64, 1u64), (35, 1), (50, 2), (75, 2), (100, 10)] {
            let rate = rate_hundredths as f64 / 100.0;
            let r = calc(&format!("weight={weight}&rate={rate}&conc={conc}"));
            let Some(rounded) = r.plan.rate_ml_per_h_rounded else {
                continue;
            };
            let (n, d) = (tenth_kg * rate_hundredths, 100 * conc);
            let tenths = (2 * n + d) / (2 * d);
            let expected = tenths as f64 / 10.0;
            assert_eq!(rounded.0, expected, "{weight} kg {rate} {conc}");
            // What the pump is programmed with is what the screen shows, to 0.1 mL/h.
            assert_eq!(
                number(rounded.0),
                format!("{}.{}", tenths / 10, tenths % 10).trim_end_matches(".0")
            );
            checked += 1;
        }
    }
    assert!(checked > 4000);
}

#[test]
fn item_12_syringe_volume_rounds_the_decimal_value_meant() {
    // A half rounds up on the decimal value meant: 0.125 mL draws up 0.13; 0.15 x 41
    // (6.1499999999999995 in binary, 6.15 meant) 6.2.
    use ketamine_engine::rounding::measurable_volume;
    use ketamine_engine::units::Ml;
    assert_eq!(measurable_volume(Ml(0.125)).0, 0.13);
    assert_eq!(measurable_volume(Ml(1.0 * 0.15 * 41.0 / 1.0)).0, 6.2); // 6.1499999... meant 6.15
}

// ---- Item 13: a bolus volume no syringe measures had no alert -----------------------------------

#[test]
fn item_13_a_bolus_under_a_measurable_volume_warns_and_suggests_a_dilution() {
    // IM 0.1 mg/kg (Table 1's lowest IM dose) x 70 kg = 7 mg; the 100 mg/mL vial gives 0.07 mL.
    let r = calc("weight=70&route=im&bolus=0.1&conc=100"); // 7 mg / 100 = 0.07 mL
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "bolus-volume-too-small")
        .expect("warned");
    assert_eq!(a.level, ketamine_engine::alerts::Level::Soft);
    assert!(a.message.contains("0.07 mL"), "{}", a.message);
    // The strongest standard concentration that gives at least 0.1 mL: 7 mg at 50 mg/mL = 0.14 mL.
    assert!(a.message.contains("50 mg/mL (0.14 mL)"), "{}", a.message);
    // 0.14 mL is measurable on a 1 mL syringe (from 0.1 mL).
    let r = calc("weight=70&route=im&bolus=0.1&conc=50");
    assert_no_alert(&r, "bolus-volume-too-small");
    // A volume that rounds to 0 mL cannot be drawn up at all: blocked.
    // 20 kg x 0.01 mg/kg = 0.2 mg; at 100 mg/mL 0.002 mL, which rounds to 0 mL.
    let r = calc("weight=20&route=im&bolus=0.01&conc=100");
    assert_alert(&r, "bolus-volume-unmeasurable");
    let r = calc("weight=70&route=im&bolus=0.1&conc=50"); // 7 mg / 50 = 0.14 mL
    assert_no_alert(&r, "bolus-volume-too-small");
}

// ---- Item 14: `protocol=PATIL-OUTPATIENT` was accepted but filled no plan -----------------------

#[test]
fn item_14_the_protocol_key_is_parsed_once_whatever_its_case() {
    use ketamine_engine::protocols::Protocol;
    use ketamine_engine::Inputs;
    let mut inputs = Inputs::from_fragment("weight=70&protocol=PATIL-OUTPATIENT");
    let protocol = inputs
        .get("protocol")
        .and_then(Protocol::from_key)
        .expect("the key validation accepts is the key that fills the plan");
    protocol.fill_missing(&mut inputs);
    assert_eq!(inputs.rate.as_deref(), Some("0.75"));
    let r = ketamine_engine::calculate(&inputs);
    assert_eq!(r.protocol.unwrap().id, "patil-outpatient");
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 52.5);
}

// ---- Item 7: anesthetic-range doses needed only a soft acknowledgement --------------------------
// IV 2-7 mg/kg/h overlaps anesthesia maintenance, 1-6 mg/kg per hour (Table 1, 004:367-368); the
// guideline asks for ICU monitoring with intubation or aspiration precautions (004:1267-1272).

#[test]
fn item_7_an_anesthetic_range_infusion_is_blocked_unless_the_care_area_is_an_icu() {
    use ketamine_engine::Status;
    // Not chosen: blocked, and the block says to choose the ICU.
    let r = calc("weight=70&rate=3&duration_min=150");
    assert_eq!(r.status, Status::Invalid);
    let e = r.error_for("care_area").expect("blocked on the care area");
    assert!(e.message.contains("intensive care unit"), "{}", e.message);
    assert!(r.plan.rate_ml_per_h.is_none());
    // A monitored unit is not enough.
    let r = calc("weight=70&rate=3&duration_min=150&care_area=monitored");
    assert_eq!(r.status, Status::Invalid);
    // In the ICU the plan shows, with the soft alert still to acknowledge.
    let r = calc("weight=70&rate=3&duration_min=150&care_area=icu");
    assert_eq!(r.status, Status::Ok);
    assert_alert(&r, "rate-above-range");
    // At the top of the recommended range, 2 mg/kg/h, nothing changes.
    assert_eq!(calc("weight=70&rate=2&duration_min=150").status, Status::Ok);
}

#[test]
fn item_14_a_preset_in_capitals_is_not_reported_as_differing_from_itself() {
    let r = calc(
        "weight=70&protocol=PATIL-OUTPATIENT&route=IV&rate=0.75&rate_unit=MG/KG/H&duration_min=40",
    );
    assert_no_alert(&r, "plan-differs-from-protocol");
}

#[test]
fn item_6_the_age_alert_does_not_say_a_home_dose_is_escalated() {
    let r = calc("weight=70&age=80&route=oral&bolus=0.5");
    let a = r.alerts.iter().find(|a| a.code == "age-elderly").unwrap();
    assert!(
        !a.message.ends_with("monitoring is escalated."),
        "{}",
        a.message
    );
    assert!(a.message.contains("standard monitoring"), "{}", a.message);
}

// ==== Review 2 by the pharmacist: findings 1-13 ================================================
// Each test is named after the defect it found and fails without its fix.

const EXAMPLE_PROFILE: &str = include_str!("../../examples/profile.json");

fn calc_with_example_profile(fragment: &str) -> ketamine_engine::CalculationResult {
    let profile = ketamine_engine::profile::Profile::load(
        serde_json::from_str::<serde_json::Value>(EXAMPLE_PROFILE)
            .expect("the example profile is JSON"),
    )
    .expect("the example profile is valid");
    ketamine_engine::calculate_with(
        &ketamine_engine::Inputs::from_fragment(fragment),
        profile.thresholds(),
    )
}

fn alert<'a>(
    r: &'a ketamine_engine::CalculationResult,
    code: &str,
) -> &'a ketamine_engine::alerts::Alert {
    r.alerts
        .iter()
        .find(|a| a.code == code)
        .unwrap_or_else(|| panic!("expected alert {code}, got {:?}", codes(r)))
}

// ---- Finding 1: a profile's soft infusion limit worked as a hard block ----------------------
// The ICU tier begins above the guideline's 2 mg/kg/h (004:1659-1661); the example profile's
// soft 1 mg/kg/h stays soft.

#[test]
fn finding_1_a_profiles_soft_infusion_limit_blocked_the_plan_outside_the_icu() {
    use ketamine_engine::alerts::Level;
    use ketamine_engine::Status;
    // 1.2 mg/kg/h at 70 kg: above the soft 1, below the hard 2.
    let r = calc_with_example_profile("weight=70&rate=1.2&duration_min=150&care_area=monitored");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
    assert_eq!(r.care_area_sufficient, Some(true));
    let a = alert(&r, "rate-above-range");
    assert_eq!(a.level, Level::Soft);
    assert!(
        a.message.contains("soft limit of 1 mg/kg/h"),
        "{}",
        a.message
    );
    assert!(
        !a.message
            .contains("requires the ICU setting above the limit"),
        "{}",
        a.message
    );
    // Not chosen: no ICU block either.
    let r = calc_with_example_profile("weight=70&rate=1.2&duration_min=150");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    assert_no_alert(&r, "care-area-icu-required");
}

// ---- Finding 2: the intranasal home-dose exemption covered Table 1's whole range ------------
// Question 4's home doses: intranasal 1-5 sprays of 10 mg, 0.2-0.4 mg/kg (S)-ketamine or 25 mg
// (004:1340-1342), at most 50 mg; oral 0.5 mg/kg every 6 hours (004:1339-1340).

#[test]
fn finding_2_any_intranasal_dose_in_table_1s_range_got_standard_monitoring() {
    // 1 mg/kg at 70 kg = 70 mg intranasal: above 50 mg; 50 % of it is 0.5 mg/kg IV: high-dose.
    let r = calc("weight=70&route=intranasal&bolus=1");
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
    // 0.7 mg/kg at 70 kg = 49 mg: a home dose. 0.72 mg/kg = 50.4 mg: not (0.36 IV: high-dose).
    assert_eq!(
        calc("weight=70&route=intranasal&bolus=0.7").monitoring_tier,
        Some(Tier::Standard)
    );
    assert_eq!(
        calc("weight=70&route=intranasal&bolus=0.72").monitoring_tier,
        Some(Tier::HighDose)
    );
    // Exactly 50 mg (1 mg/kg at 50 kg): a home dose, for an elderly patient too.
    assert_eq!(
        calc("weight=50&age=80&route=intranasal&bolus=1").monitoring_tier,
        Some(Tier::Standard)
    );
    // Above the home dose, the patient's escalation applies: 0.6 mg/kg at 100 kg = 60 mg,
    // 0.3 mg/kg IV, below the threshold, escalated for an 80-year-old.
    let r = calc("weight=100&age=80&route=intranasal&bolus=0.6");
    assert_eq!(
        r.monitoring.as_ref().unwrap().tier_from_dose,
        Tier::Standard
    );
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
}

#[test]
fn finding_2_an_oral_dose_above_the_home_dose_got_standard_monitoring() {
    // 1.25 mg/kg oral (top of Table 1's range) is above question 4's 0.5 mg/kg: for an elderly
    // patient the escalation applies; 0.5 mg/kg stays standard.
    assert_eq!(
        calc("weight=70&age=80&route=oral&bolus=1.25").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc("weight=70&age=80&route=oral&bolus=0.5").monitoring_tier,
        Some(Tier::Standard)
    );
    assert_eq!(
        calc("weight=70&age=80&route=oral&bolus=0.51").monitoring_tier,
        Some(Tier::HighDose)
    );
}

// ---- Finding 3: the Schwartzman preset went above Table 2's 100 mg over 4 h ----------------

#[test]
fn finding_3_schwartzman_preset_exceeded_100_mg_over_4_h_above_71_kg() {
    use ketamine_engine::alerts::Level;
    use ketamine_engine::protocols::Protocol;
    // 100 kg: 0.35 mg/kg/h would be 35 mg/h (140 mg over 4 h); the preset fills 25 mg/h.
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=100");
    Protocol::Schwartzman2009.apply(&mut inputs);
    assert_eq!(
        (inputs.get("rate"), inputs.get("rate_unit")),
        (Some("25"), Some("mg/h"))
    );
    let r = ketamine_engine::calculate(&inputs);
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 25.0);
    assert_no_alert(&r, "above-trial-cap");
    assert_no_alert(&r, "plan-differs-from-protocol");
    // 70 kg: 24.5 mg/h, under the cap: 0.35 mg/kg/h as before.
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=70");
    Protocol::Schwartzman2009.apply(&mut inputs);
    assert_eq!(inputs.get("rate"), Some("0.35"));
    // From a link that names only the protocol, the same.
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=100&protocol=schwartzman-2009");
    Protocol::Schwartzman2009.fill_missing(&mut inputs);
    let r = ketamine_engine::calculate(&inputs);
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 25.0);
    // An entry above the cap needs acknowledgement.
    let r = calc("weight=80&protocol=schwartzman-2009&rate=0.35&duration_min=240&days=10");
    let a = alert(&r, "above-trial-cap");
    assert_eq!(a.level, Level::Soft);
    assert!(a.message.contains("112 mg over 4 h"), "{}", a.message);
}

// ---- Finding 4: the Sigtermans preset went above the trial's 7.2 mcg/kg/min below 50.9 kg --

#[test]
fn finding_4_sigtermans_preset_exceeded_7_2_mcg_per_kg_per_min_below_51_kg() {
    use ketamine_engine::alerts::Level;
    use ketamine_engine::protocols::Protocol;
    // 40 kg: 22 mg/h is 0.55 mg/kg/h, above 0.432; the preset fills 7.2 mcg/kg/min = 17.28 mg/h.
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=40");
    Protocol::Sigtermans2009.apply(&mut inputs);
    assert_eq!(
        (inputs.get("rate"), inputs.get("rate_unit")),
        (Some("7.2"), Some("mcg/kg/min"))
    );
    let r = ketamine_engine::calculate(&inputs);
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 17.28);
    assert_no_alert(&r, "above-trial-cap");
    assert_no_alert(&r, "plan-differs-from-protocol");
    // 70 kg: 22 mg/h is 0.314 mg/kg/h, under the maximum: 22 mg/h as before.
    let mut inputs = ketamine_engine::Inputs::from_fragment("weight=70");
    Protocol::Sigtermans2009.apply(&mut inputs);
    assert_eq!(inputs.get("rate"), Some("22"));
    // 22 mg/h entered at 40 kg needs acknowledgement.
    let r = calc("weight=40&protocol=sigtermans-2009&rate=22&rate_unit=mg/h&duration_min=6048");
    let a = alert(&r, "above-trial-cap");
    assert_eq!(a.level, Level::Soft);
    assert!(a.message.contains("7.2 mcg/kg/min"), "{}", a.message);
}

// ---- Finding 6: escalation with no number hard-blocked outpatient care ---------------------
// "lower thresholds should trigger" with no number (004:1499-1500); the dose "may vary based on
// individual characteristics" (004:1702-1703).

#[test]
fn finding_6_the_test_dose_for_an_elderly_patient_was_hard_blocked_in_a_day_unit() {
    use ketamine_engine::alerts::Level;
    use ketamine_engine::Status;
    let r = calc("weight=70&age=80&bolus=0.1&care_area=outpatient");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    assert_no_alert(&r, "care-area-insufficient");
    let a = alert(&r, "care-area-judgment");
    assert_eq!(a.level, Level::Soft);
    assert!(a.message.contains("no threshold"), "{}", a.message);
    assert!(a.message.contains("clinician's judgment"), "{}", a.message);
    // A dose that itself needs the high-dose setting still blocks.
    let r = calc("weight=70&age=80&rate=1&duration_min=150&care_area=outpatient");
    assert_eq!(r.status, Status::Invalid);
    // A profile's numeric lower threshold crossed still blocks: 0.5 mg/kg/h for the elderly.
    let r = calc_with_example_profile(
        "weight=70&age=80&rate=0.5&duration_min=150&care_area=outpatient",
    );
    assert_eq!(r.status, Status::Invalid);
    assert_alert(&r, "care-area-insufficient");
}

// ---- Finding 7: the route rule stated the calculator's reading as the guideline's ----------

#[test]
fn finding_7_the_route_rule_hard_coded_the_guidelines_thresholds_under_a_profile() {
    let r = calc("weight=70&route=oral&bolus=0.5");
    let m = &alert(&r, "tier-rule-for-route").message;
    assert!(m.starts_with("The calculator's reading"), "{m}");
    assert!(!m.contains("are IV doses"), "{m}");
    assert!(
        m.contains("0.35 mg/kg") && m.contains("1 mg/kg per hour"),
        "{m}"
    );
    assert!(!m.contains("IM and subcut 95 %"), "{m}");
    assert!(m.contains("IM and subcut doses count in full"), "{m}");
    // The guideline's thresholds are not a profile's: a profile's stabilized or lower figures do
    // not move question 6's, but its high-dose thresholds in force are read, not written in.
    use ketamine_engine::thresholds::Thresholds;
    let mut t = Thresholds::guideline();
    t.high_dose_bolus.value = ketamine_engine::units::MgPerKg(0.3);
    let text = ketamine_engine::monitoring::route_rule(&t);
    assert!(text.contains("a bolus of 0.3 mg/kg"), "{text}");
}

// ---- Finding 8: the under-18 message gave the guideline an age scope it does not state ------

#[test]
fn finding_8_the_under_18_message_said_the_guideline_is_about_adults() {
    let r = calc("weight=60&age=16");
    let m = &alert(&r, "age-under-18").message;
    assert!(!m.contains("the guideline is about adults"), "{m}");
    assert!(m.contains("no dosing for patients under 18"), "{m}");
    assert!(m.contains("calculator is for adults"), "{m}");
    assert!(m.contains("15"), "{m}"); // 001:302, 317
}

// ---- Finding 9: the Sigtermans note cited 004:1523 for 0.43 --------------------------------

#[test]
fn finding_9_the_sigtermans_0_43_was_attributed_to_the_wrong_text() {
    use ketamine_engine::protocols::Protocol;
    // 004:574 gives 0.43 mg/kg per hour over 4.2 days; 004:1523 (question 7) gives 0.4.
    let regimen = Protocol::Sigtermans2009.regimen();
    assert!(
        regimen.contains("0.4 mg/kg per hour in question 7"),
        "{regimen}"
    );
    assert!(
        regimen.contains("0.43 mg/kg per hour over 4.2 days"),
        "{regimen}"
    );
}

// ---- Finding 10: a course merged by the gap rule read as one entered infusion ---------------

#[test]
fn finding_10_a_merged_course_read_as_one_long_entered_infusion() {
    // 780 min a day on 10 days: 9 gaps of 660 min (under 12 h), 9 x 1,440 + 780 = 13,740 min.
    let r = calc("weight=70&rate=0.2&duration_min=780&days=10&care_area=ward");
    let m = &alert(&r, "duration-hard-limit").message;
    assert!(
        m.starts_with("10 daily infusions of 780 min with gaps under 12 h count as one continuous exposure of 13,740 min (9.54 days)"),
        "{m}"
    );
    // A single entered infusion still reads as one.
    let r = calc("weight=70&rate=0.2&duration_min=6000&care_area=ward");
    let m = &alert(&r, "duration-above-4-days").message;
    assert!(m.starts_with("A continuous infusion of 6,000 min"), "{m}");
}

// ---- Finding 11: clinical figures written in more than one place ----------------------------

#[test]
fn finding_11_the_figures_come_from_one_constant_each() {
    use ketamine_engine::routes::{Route, ANESTHESIA_MAINTENANCE, IM_BIOAVAILABILITY};
    assert_eq!(ANESTHESIA_MAINTENANCE, "1-6 mg/kg per hour"); // 004:367-368
    let r = calc("weight=70&rate=3&duration_min=150&care_area=monitored");
    let e = r.error_for("care_area").unwrap();
    assert!(e.message.contains(ANESTHESIA_MAINTENANCE), "{}", e.message);
    assert!(Route::Iv
        .facts()
        .other_uses
        .iter()
        .any(|u| u.text.starts_with(ANESTHESIA_MAINTENANCE)));
    assert_eq!(IM_BIOAVAILABILITY, (75.0, 95.0)); // 004:394
    assert_eq!(Route::Im.facts().bioavailability, "75-95 %");
    assert_eq!(Route::Topical.facts().bioavailability, "< 5 %");
}
