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
fn item_6_parenteral_routes_use_the_iv_equivalent_at_95_percent() {
    // IM 0.5 mg/kg (top of Table 1's chronic range) x 95 % = 0.475: high-dose.
    assert_eq!(
        calc("weight=70&route=im&bolus=0.5").monitoring_tier,
        Some(Tier::HighDose)
    );
    // Subcut infusion 1.2 mg/kg/h x 95 % = 1.14: high-dose; 1 x 95 % = 0.95: standard.
    assert_eq!(
        calc("weight=70&route=subcut&rate=1.2").monitoring_tier,
        Some(Tier::HighDose)
    );
    assert_eq!(
        calc("weight=70&route=subcut&rate=1").monitoring_tier,
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
    assert!(rule.message.contains("at home"), "{}", rule.message);
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
fn item_8_liver_and_cardiovascular_risk_escalate_like_the_other_conditions() {
    for factor in [
        "liver_risk",
        "cardiovascular_risk",
        "moderate_liver_disease",
        "full_stomach",
    ] {
        let r = calc(&format!("weight=70&rate=0.5&risk={factor}"));
        let m = r.monitoring.unwrap();
        assert!(m.escalated_for_patient, "{factor}");
        assert_eq!(m.tier, Tier::HighDose, "{factor}");
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
    use ketamine_engine::rounding::to_decimals;
    let mut checked = 0;
    for tenth_kg in 400..=1300 {
        let weight = f64::from(tenth_kg) / 10.0;
        for (rate, conc) in [
            (0.15, 1.0),
            (0.35, 1.0),
            (0.5, 2.0),
            (0.75, 2.0),
            (1.0, 10.0),
        ] {
            let r = calc(&format!("weight={weight}&rate={rate}&conc={conc}"));
            let (Some(unrounded), Some(rounded)) =
                (r.plan.rate_ml_per_h, r.plan.rate_ml_per_h_rounded)
            else {
                continue;
            };
            assert_eq!(
                rounded.0,
                to_decimals(unrounded.0, 1),
                "{weight} kg {rate} {conc}"
            );
            // What the pump is programmed with is what the screen shows, to 0.1 mL/h.
            assert_eq!(number(rounded.0), number(to_decimals(unrounded.0, 1)));
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
    let r = calc("weight=70&route=im&bolus=0.1&conc=100&weight=20&bolus=0.01");
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
