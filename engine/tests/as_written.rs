//! An order as written (issue 13): a rate in mL/h at a concentration and a bolus in mg or mL give
//! the same plan, and the same checks, as the planning units. Golden cases worked by hand, with
//! the arithmetic beside each figure; boundaries of the accepted ranges; errors that name the field.

mod common;
use common::*;
use ketamine_engine::alerts::Level;
use ketamine_engine::monitoring::Tier;
use ketamine_engine::{calculate, CalculationResult, Inputs, Status};
use proptest::prelude::*;

// ---- Rate in mL/h --------------------------------------------------------------------------

#[test]
fn pharmacist_verifies_2_mg_per_ml_at_35_ml_per_h_for_4_h() {
    // 35 mL/h x 2 mg/mL = 70 mg/h; 70 mg/h / 70 kg = 1 mg/kg/h (high-dose: at or above 1);
    // 1 mg/kg/h = 1000 / 60 mcg/kg/min = 16.667; 70 mg/h x 4 h = 280 mg.
    let r = calc("weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240");
    assert_eq!(r.status, Status::Ok);
    assert_some_close(r.plan.rate_mg_per_h.map(|x| x.0), 70.0);
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 1.0);
    assert_some_close(r.plan.rate_mcg_per_kg_per_min.map(|x| x.0), 1000.0 / 60.0);
    assert_eq!(r.plan.rate_ml_per_h.unwrap().0, 35.0);
    assert_eq!(r.plan.rate_ml_per_h_rounded.unwrap().0, 35.0);
    assert_some_close(r.plan.total_mg.map(|x| x.0), 280.0);
    assert_eq!(r.plan.rate_entered_unit, Some("mL/h"));
    assert_eq!(r.monitoring_tier, Some(Tier::HighDose));
    assert_eq!(r.targets.total_at_least_80_mg, Some(true));
    assert_eq!(r.targets.duration_over_2_h, Some(true));
}

#[test]
fn one_mg_per_ml_at_35_ml_per_h_is_the_first_outpatient_infusion() {
    // 35 mL/h x 1 mg/mL = 35 mg/h = 0.5 mg/kg/h at 70 kg; 35 x 150 / 60 = 87.5 mg.
    let r = calc("weight=70&rate=35&rate_unit=mL/h&conc=1&duration_min=150");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.5);
    assert_some_close(r.plan.total_mg.map(|x| x.0), 87.5);
    assert_some_close(r.plan.infusion_ml.map(|x| x.0), 87.5);
    assert_eq!(r.monitoring_tier, Some(Tier::Standard));
    assert_no_alert(&r, "first-infusion-target-not-met");
}

#[test]
fn ten_mg_per_ml_at_3_5_ml_per_h_warns_that_the_dilution_is_strong() {
    // 3.5 mL/h x 10 mg/mL = 35 mg/h = 0.5 mg/kg/h at 70 kg.
    let r = calc("weight=70&rate=3.5&rate_unit=mL/h&conc=10&duration_min=150");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.5);
    assert_alert(&r, "concentration-strong-for-infusion");
}

#[test]
fn a_custom_half_mg_per_ml_at_20_ml_per_h_is_below_the_range() {
    // 20 mL/h x 0.5 mg/mL = 10 mg/h; 10 / 80 kg = 0.125 mg/kg/h, below 0.5.
    let r = calc("weight=80&rate=20&rate_unit=mL/h&conc=0.5&duration_min=240");
    assert_some_close(r.plan.rate_mg_per_kg_per_h.map(|x| x.0), 0.125);
    assert_alert(&r, "rate-below-range");
    assert_alert(&r, "concentration-custom");
}

#[test]
fn a_rate_in_ml_per_h_at_50_mg_per_ml_reaches_the_hard_limit() {
    // 10 mL/h x 50 mg/mL = 500 mg/h; 500 / 70 = 7.14 mg/kg/h, above the 7 mg/kg/h ICU maximum.
    let r = calc("weight=70&rate=10&rate_unit=mL/h&conc=50&duration_min=60");
    assert_eq!(r.status, Status::Invalid);
    assert_alert(&r, "rate-hard-limit");
    assert!(
        r.plan.rate_mg_per_h.is_none(),
        "a blocked plan carries no rate"
    );
}

#[test]
fn the_high_dose_threshold_is_judged_on_the_converted_rate() {
    // At 70 kg and 1 mg/mL, 1 mg/kg/h is exactly 70 mL/h.
    let tier =
        |ml: &str| calc(&format!("weight=70&rate={ml}&rate_unit=mL/h&conc=1")).monitoring_tier;
    assert_eq!(tier("69.9"), Some(Tier::Standard)); // 0.9986 mg/kg/h
    assert_eq!(tier("70"), Some(Tier::HighDose)); // 1 mg/kg/h: at the threshold
    assert_eq!(tier("70.1"), Some(Tier::HighDose));
}

#[test]
fn a_rate_in_ml_per_h_without_a_concentration_is_an_error_that_says_so() {
    let r = calc("weight=70&rate=35&rate_unit=mL/h");
    assert_eq!(r.status, Status::Invalid);
    let e = r.error_for("conc").expect("an error on the concentration");
    assert!(
        e.message
            .starts_with("Concentration: required for a rate in mL/h"),
        "{}",
        e.message
    );
    assert!(e.message.contains("0.01 to 100 mg/mL"), "{}", e.message);
    assert!(r.plan.rate_mg_per_h.is_none());
}

#[test]
fn an_invalid_concentration_is_reported_once_not_twice() {
    let r = calc("weight=70&rate=35&rate_unit=mL/h&conc=two");
    let on_conc: Vec<_> = r.errors.iter().filter(|e| e.field == "conc").collect();
    assert_eq!(on_conc.len(), 1, "{on_conc:?}");
    assert!(on_conc[0].message.contains("not a number"));
}

#[test]
fn rate_in_ml_per_h_boundaries() {
    let status = |ml: &str| calc(&format!("weight=70&rate={ml}&rate_unit=mL/h&conc=0.1")).status;
    assert_eq!(status("999"), Status::Ok); // 99.9 mg/h
    let above = calc("weight=70&rate=999.1&rate_unit=mL/h&conc=0.1");
    let e = above.error_for("rate").unwrap();
    assert_eq!(
        e.message,
        "Infusion rate: 999.1 is out of range; enter a number from 0 to 999 mL/h"
    );
    // The unit is read case-insensitively, like every other choice.
    assert_eq!(
        calc("weight=70&rate=35&rate_unit=ml/h&conc=1").status,
        Status::Ok
    );
}

#[test]
fn an_unknown_rate_unit_names_ml_per_h_among_the_choices() {
    let r = calc("weight=70&rate=35&rate_unit=cc/h");
    assert_eq!(
        r.error_for("rate_unit").unwrap().message,
        "Rate unit: choose mg/kg/h, mg/h, mcg/kg/min or mL/h"
    );
}

// ---- Bolus in mg and mL --------------------------------------------------------------------

#[test]
fn a_bolus_of_20_mg_at_80_kg_is_a_quarter_mg_per_kg() {
    // 20 mg / 80 kg = 0.25 mg/kg; at 2 mg/mL, 10 mL.
    let r = calc("weight=80&bolus=20&bolus_unit=mg&conc=2");
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.plan.bolus_mg.unwrap().0, 20.0);
    assert_some_close(r.plan.bolus_mg_per_kg.map(|b| b.0), 0.25);
    assert_some_close(r.plan.bolus_ml.map(|b| b.0), 10.0);
    assert_eq!(r.plan.bolus_entered_unit, Some("mg"));
    assert_no_alert(&r, "bolus-above-range");
}

#[test]
fn a_bolus_in_mg_is_judged_per_kg_at_the_threshold() {
    // 0.35 mg/kg at 70 kg is 24.5 mg: at the high-dose threshold and still within "up to 0.35".
    let at = calc("weight=70&bolus=24.5&bolus_unit=mg");
    assert_eq!(at.monitoring_tier, Some(Tier::HighDose));
    assert_no_alert(&at, "bolus-above-range");
    // 24.4 mg = 0.3486 mg/kg: below.
    assert_eq!(
        calc("weight=70&bolus=24.4&bolus_unit=mg").monitoring_tier,
        Some(Tier::Standard)
    );
    // 24.6 mg = 0.3514 mg/kg: above the recommended bolus, needs acknowledgement.
    let above = calc("weight=70&bolus=24.6&bolus_unit=mg");
    assert_alert(&above, "bolus-above-range");
    assert_eq!(
        above
            .alerts
            .iter()
            .find(|a| a.code == "bolus-above-range")
            .unwrap()
            .level,
        Level::Soft
    );
}

#[test]
fn a_bolus_in_mg_above_the_iv_hard_limit_is_blocked() {
    // 60 mg / 70 kg = 0.857 mg/kg, above the 0.75 mg/kg IV limit.
    let r = calc("weight=70&bolus=60&bolus_unit=mg");
    assert_eq!(r.status, Status::Invalid);
    assert_alert(&r, "bolus-hard-limit");
}

#[test]
fn a_bolus_in_mg_uses_the_dosing_weight() {
    // Ideal body weight 73 kg (male, 177.8 cm); 21.9 mg / 73 kg = 0.3 mg/kg.
    let r = calc("weight=90&height=177.8&sex=male&dosing_weight=ideal&bolus=21.9&bolus_unit=mg");
    assert_some_close(r.plan.bolus_mg_per_kg.map(|b| b.0), 0.3);
    assert_eq!(r.plan.bolus_mg.unwrap().0, 21.9);
}

#[test]
fn a_bolus_of_12_ml_at_2_mg_per_ml() {
    // 12 mL x 2 mg/mL = 24 mg; 24 / 80 kg = 0.3 mg/kg; the volume stays exactly as entered.
    let r = calc("weight=80&bolus=12&bolus_unit=mL&conc=2");
    assert_eq!(r.plan.bolus_ml.unwrap().0, 12.0);
    assert_eq!(r.plan.bolus_ml_rounded.unwrap().0, 12.0);
    assert_some_close(r.plan.bolus_mg.map(|b| b.0), 24.0);
    assert_some_close(r.plan.bolus_mg_per_kg.map(|b| b.0), 0.3);
    assert_eq!(r.plan.bolus_entered_unit, Some("mL"));
}

#[test]
fn a_bolus_of_half_a_ml_from_the_50_mg_per_ml_vial() {
    // 0.5 mL x 50 mg/mL = 25 mg; 25 / 70 = 0.357 mg/kg: above 0.35. 50 mg/mL is a standard vial.
    let r = calc("weight=70&bolus=0.5&bolus_unit=mL&conc=50");
    assert_some_close(r.plan.bolus_mg.map(|b| b.0), 25.0);
    assert_alert(&r, "bolus-above-range");
    assert_no_alert(&r, "concentration-custom");
}

#[test]
fn a_bolus_in_ml_without_a_concentration_is_an_error_that_says_so() {
    let r = calc("weight=70&bolus=5&bolus_unit=mL");
    assert_eq!(r.status, Status::Invalid);
    assert!(r
        .error_for("conc")
        .unwrap()
        .message
        .starts_with("Concentration: required for a bolus in mL"));
}

#[test]
fn bolus_boundaries_in_each_unit() {
    // The entry's own error (a hard limit on the converted dose is another error on the field).
    let error = |f: &str| {
        calc(f)
            .errors
            .iter()
            .find(|e| e.field == "bolus" && e.message.starts_with("Bolus:"))
            .map(|e| e.message.clone())
    };
    assert_eq!(error("weight=350&bolus=1000&bolus_unit=mg&route=im"), None);
    assert_eq!(
        error("weight=70&bolus=1000.5&bolus_unit=mg").as_deref(),
        Some("Bolus: 1,000.5 is out of range; enter a number from 0 to 1,000 mg")
    );
    assert_eq!(error("weight=70&bolus=500&bolus_unit=mL&conc=0.1"), None);
    assert_eq!(
        error("weight=70&bolus=500.1&bolus_unit=mL&conc=0.1").as_deref(),
        Some("Bolus: 500.1 is out of range; enter a number from 0 to 500 mL")
    );
    assert_eq!(
        error("weight=70&bolus=10.01").as_deref(),
        Some("Bolus: 10.01 is out of range; enter a number from 0 to 10 mg/kg")
    );
}

#[test]
fn an_unknown_bolus_unit_is_named() {
    let r = calc("weight=70&bolus=20&bolus_unit=g");
    assert_eq!(
        r.error_for("bolus_unit").unwrap().message,
        "Bolus unit: choose mg/kg, mg or mL"
    );
    assert_eq!(r.status, Status::Invalid);
}

#[test]
fn a_zero_bolus_in_mg_means_none() {
    let r = calc("weight=70&bolus=0&bolus_unit=mg");
    assert!(r.plan.bolus_mg.is_none());
}

#[test]
fn a_bolus_in_mg_differs_from_a_protocol_preset_given_in_mg_per_kg() {
    // The preset's 0.1 is mg/kg; 0.1 mg is another bolus.
    let protocol = ketamine_engine::protocols::Protocol::ALL
        .iter()
        .find(|p| p.preset().bolus.is_some())
        .expect("a preset with a bolus");
    let same = calc(&format!(
        "weight=70&protocol={}&bolus={}",
        protocol.key(),
        protocol.preset().bolus.unwrap()
    ));
    let in_mg = calc(&format!(
        "weight=70&protocol={}&bolus={}&bolus_unit=mg",
        protocol.key(),
        protocol.preset().bolus.unwrap()
    ));
    let differs = |r: &CalculationResult| {
        r.alerts
            .iter()
            .find(|a| a.code == "plan-differs-from-protocol")
            .map(|a| a.message.clone())
    };
    assert!(!differs(&same).is_some_and(|m| m.contains("bolus")));
    assert!(
        differs(&in_mg).is_some_and(|m| m.contains("bolus unit")),
        "{:?}",
        differs(&in_mg)
    );
}

// ---- The same order in any unit gives the same checks --------------------------------------

/// What a checker compares: status, tier, and every alert with its level and message.
fn checks(r: &CalculationResult) -> (Status, Option<Tier>, Vec<(Level, String, String)>) {
    (
        r.status,
        r.monitoring_tier,
        r.alerts
            .iter()
            .map(|a| (a.level, a.code.clone(), a.message.clone()))
            .collect(),
    )
}

/// An exact decimal as text: `units` in ten-thousandths.
fn ten_thousandths(units: u64) -> String {
    let s = format!("{}.{:04}", units / 10_000, units % 10_000);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A plan entered in mg/kg/h and the same plan entered as its mL/h give the same checks. The
    /// concentrations divide 100, so the mL/h is an exact decimal of at most 4 places.
    #[test]
    fn a_rate_in_mg_per_kg_per_h_and_its_ml_per_h_give_the_same_checks(
        weight in 20u64..=350,
        hundredths in 1u64..=800,
        conc in proptest::sample::select(&[1u64, 2, 5, 10, 50][..]),
        duration in proptest::sample::select(&["30", "120", "121", "240", "1440", "4320"][..]),
        bolus in proptest::sample::select(&["", "0.1", "0.35", "0.5"][..]),
        route in proptest::sample::select(&["iv", "subcut"][..]),
    ) {
        // mL/h = mg/kg/h x kg / mg/mL, in ten-thousandths: hundredths x kg x (100 / conc).
        let ml_units = hundredths * weight * (100 / conc);
        prop_assume!(ml_units <= 999 * 10_000);
        let rate = ten_thousandths(hundredths * 100);
        let ml = ten_thousandths(ml_units);
        let common = format!("weight={weight}&conc={conc}&duration_min={duration}&route={route}&bolus={bolus}");
        let planned = calculate(&Inputs::from_fragment(&format!("{common}&rate={rate}")));
        let as_written = calculate(&Inputs::from_fragment(&format!("{common}&rate={ml}&rate_unit=mL/h")));
        prop_assert_eq!(checks(&planned), checks(&as_written));
        if let (Some(a), Some(b)) = (planned.plan.total_mg, as_written.plan.total_mg) {
            prop_assert!(close(a.0, b.0), "{} vs {}", a.0, b.0);
        }
        prop_assert_eq!(planned.plan.rate_ml_per_h_rounded, as_written.plan.rate_ml_per_h_rounded);
    }

    /// A bolus in mg/kg, the same bolus in mg and the same in mL give the same checks.
    #[test]
    fn a_bolus_in_mg_per_kg_mg_and_ml_give_the_same_checks(
        weight in 20u64..=350,
        hundredths in 1u64..=100,
        conc in proptest::sample::select(&[1u64, 2, 5, 10, 50][..]),
        route in proptest::sample::select(&["iv", "im", "intranasal", "subcut", "oral"][..]),
    ) {
        let per_kg = ten_thousandths(hundredths * 100);
        let mg = ten_thousandths(hundredths * weight * 100);
        let ml = ten_thousandths(hundredths * weight * (100 / conc));
        prop_assume!(hundredths * weight <= 1000 * 100 && hundredths * weight * (100 / conc) <= 500 * 10_000);
        let common = format!("weight={weight}&conc={conc}&route={route}");
        let planned = calculate(&Inputs::from_fragment(&format!("{common}&bolus={per_kg}")));
        let in_mg = calculate(&Inputs::from_fragment(&format!("{common}&bolus={mg}&bolus_unit=mg")));
        let in_ml = calculate(&Inputs::from_fragment(&format!("{common}&bolus={ml}&bolus_unit=mL")));
        prop_assert_eq!(checks(&planned), checks(&in_mg));
        prop_assert_eq!(checks(&planned), checks(&in_ml));
        prop_assert_eq!(planned.plan.bolus_ml_rounded, in_ml.plan.bolus_ml_rounded);
    }

    /// Any text in the new keys: never a panic, never a non-finite figure, never a dose while
    /// invalid.
    #[test]
    fn any_entry_in_the_new_units_is_safe(
        bolus in "[-.,0-9a-z]{0,8}",
        bolus_unit in proptest::sample::select(&["mg/kg", "mg", "mL", "ml", "g", ""][..]),
        rate in "[-.,0-9a-z]{0,8}",
        conc in "[-.0-9]{0,6}",
    ) {
        let fragment = format!("weight=70&bolus={bolus}&bolus_unit={bolus_unit}&rate={rate}&rate_unit=mL/h&conc={conc}");
        let r = calculate(&Inputs::from_fragment(&fragment));
        let text = format!("{r:?}");
        prop_assert!(!text.contains("NaN") && !text.contains("inf,"), "{text}");
        if r.status == Status::Invalid {
            prop_assert!(r.plan.bolus_mg.is_none() && r.plan.rate_mg_per_h.is_none());
        }
    }
}

// ---- Regression: rounding a half reached by arithmetic --------------------------------------

#[test]
fn pump_rate_rounds_a_half_reached_by_arithmetic_up_like_a_typed_half() {
    // 2.55 mg/kg/h x 51 kg at 1 mg/mL is 130.05 mL/h, 130.04999999999998 in binary: it rounded
    // to 130 while the same rate typed as 130.05 mL/h rounded to 130.1.
    // 2.55 mg/kg/h is in the anesthetic range: planned in the ICU, where it is not withheld.
    let planned = calc("weight=51&rate=2.55&conc=1&care_area=icu");
    let typed = calc("weight=51&rate=130.05&rate_unit=mL/h&conc=1&care_area=icu");
    assert_eq!(planned.plan.rate_ml_per_h_rounded.unwrap().0, 130.1);
    assert_eq!(typed.plan.rate_ml_per_h_rounded.unwrap().0, 130.1);
    // 0.35 mg/kg x 189 kg at 1 mg/mL is 66.15 mL (66.14999999999999 in binary).
    assert_eq!(
        calc("weight=189&bolus=0.35&conc=1")
            .plan
            .bolus_ml_rounded
            .unwrap()
            .0,
        66.2
    );
}

/// Regression: a bolus in mL was read at the infusion's concentration without saying so.
#[test]
fn a_bolus_in_ml_names_the_concentration_it_is_read_at() {
    use ketamine_engine::as_written::{bolus_ml_unit, bolus_ml_unit_for};
    use ketamine_engine::units::MgPerMl;
    assert_eq!(bolus_ml_unit(Some(MgPerMl(2.0))), "mL of the 2 mg/mL");
    assert_eq!(bolus_ml_unit(None), "mL of the infusion's concentration");
    assert_eq!(
        bolus_ml_unit_for(&Inputs::from_fragment("conc=0.5")),
        "mL of the 0.5 mg/mL"
    );
    assert_eq!(
        bolus_ml_unit_for(&Inputs::from_fragment("conc=abc")),
        "mL of the infusion's concentration"
    );
    // 5 mL of 2 mg/mL = 10 mg.
    let r = calculate(&Inputs::from_fragment(
        "weight=70&bolus=5&bolus_unit=mL&conc=2",
    ));
    assert_eq!(
        r.plan.bolus_as_entered.as_deref(),
        Some("5 mL of the 2 mg/mL (the infusion's concentration)")
    );
    assert_eq!(r.plan.bolus_mg.unwrap().0, 10.0);
    let note = ketamine_engine::note::clinical_note(&r, &[], "t");
    assert!(
        note.contains("entered as 5 mL of the 2 mg/mL (the infusion's concentration)"),
        "{note}"
    );
    // A bolus in mg says nothing of a concentration.
    let r = calculate(&Inputs::from_fragment(
        "weight=70&bolus=10&bolus_unit=mg&conc=2",
    ));
    assert!(!ketamine_engine::note::clinical_note(&r, &[], "t").contains("entered as"));
}

/// Regression (review 14): a rate in mL/h is a volume per hour, not a volume.
#[test]
fn a_rate_in_ml_per_h_without_a_concentration_says_a_volume_per_hour() {
    let r = calculate(&Inputs::from_fragment("weight=70&rate=35&rate_unit=mL/h"));
    let e = r.errors.iter().find(|e| e.field == "conc").unwrap();
    assert_eq!(
        e.message,
        "Concentration: required for a rate in mL/h, which is a volume per hour; enter a number from 0.01 to 100 mg/mL"
    );
    let r = calculate(&Inputs::from_fragment("weight=70&bolus=5&bolus_unit=mL"));
    let e = r.errors.iter().find(|e| e.field == "conc").unwrap();
    assert!(
        e.message.contains("a bolus in mL, which is a volume;"),
        "{}",
        e.message
    );
}
