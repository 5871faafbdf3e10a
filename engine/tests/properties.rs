//! Invariants over generated inputs (proptest): conversions round-trip, totals grow with weight,
//! rate and duration, no accepted input yields a non-finite number, no invalid input yields an
//! ok result, rounding stays within half a step.

mod common;
use common::*;
use ketamine_engine::rounding::pump_rate;
use ketamine_engine::units::{Kg, McgPerKgPerMin, MgPerKgPerH, MlPerH};
use ketamine_engine::{calculate, Inputs, Status};
use proptest::prelude::*;

/// A decimal as a clinician would type it: up to 3 decimals.
fn decimal(min: f64, max: f64) -> impl Strategy<Value = String> {
    (min..=max).prop_map(|v| {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

/// A number as text with at most `decimals` places, as a form or link would carry it.
fn num(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

fn has_non_finite(result: &ketamine_engine::CalculationResult) -> bool {
    // Debug prints floats as `NaN`, `inf` and `-inf`; no message text contains these forms.
    let text = format!("{result:?}");
    text.contains("NaN")
        || text.contains("(inf")
        || text.contains("(-inf")
        || text.contains(": inf")
        || text.contains(": -inf")
}

fn any_text() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        Just(None),
        decimal(0.0, 2000.0).prop_map(Some),
        "[-+.,eE0-9a-z ]{0,14}".prop_map(Some),
        Just(Some("NaN".to_string())),
        Just(Some("inf".to_string())),
        Just(Some("1e308".to_string())),
        Just(Some("0".to_string())),
    ]
    .boxed()
}

fn one_of(values: &'static [&'static str]) -> BoxedStrategy<Option<String>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(values).prop_map(|s| Some(s.to_string()))
    ]
    .boxed()
}

prop_compose! {
    fn any_inputs()(
        weight in any_text(),
        weight_unit in one_of(&["kg", "lb", "stone"]),
        height in any_text(),
        sex in one_of(&["female", "male", "x"]),
        age in any_text(),
        dosing_weight in one_of(&["actual", "ideal", "adjusted"]),
        route in one_of(&["iv", "im", "intranasal", "subcut", "oral", "rectal", "topical", "sc"]),
        protocol in one_of(&["asra-first-outpatient", "correll-inpatient", "custom", "nope"]),
        bolus in any_text(),
        rate in any_text(),
        rate_unit in one_of(&["mg/kg/h", "mg/h", "mcg/kg/min", "mg/min"]),
        duration_min in any_text(),
        conc in any_text(),
        risk in one_of(&["elderly", "pregnancy,liver_risk", "comorbidity,unable_to_consent", "bogus"]),
        pain_before in any_text(),
        pain_after in any_text(),
        days in any_text(),
        step in any_text(),
        interval in any_text(),
    ) -> Inputs {
        Inputs {
            weight, weight_unit, height, sex, age, dosing_weight, route, protocol, bolus, rate, rate_unit,
            duration_min, conc, risk, pain_before, pain_after, days,
            step_mg_per_h: step, step_interval_min: interval,
            ..Inputs::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_input_yields_a_non_finite_number_or_a_panic(inputs in any_inputs()) {
        let result = calculate(&inputs);
        prop_assert!(!has_non_finite(&result), "{result:?}");
    }

    #[test]
    fn invalid_results_carry_no_dose(inputs in any_inputs()) {
        let result = calculate(&inputs);
        if result.status == Status::Invalid {
            prop_assert!(!result.errors.is_empty());
            prop_assert!(result.plan.bolus_mg.is_none() && result.plan.rate_mg_per_h.is_none() && result.plan.total_mg.is_none());
            prop_assert!(result.plan.rate_ml_per_h.is_none() && result.titration.is_none());
        } else {
            prop_assert!(result.errors.is_empty());
            prop_assert!(result.dosing_weight_kg.is_some());
        }
    }

    #[test]
    fn weight_outside_the_accepted_range_is_never_ok(w in prop_oneof![0.0f64..19.99, 350.01f64..5000.0]) {
        let r = calc(&format!("weight={w:.2}"));
        prop_assert_eq!(r.status, Status::Invalid);
        prop_assert!(r.dosing_weight_kg.is_none());
        prop_assert!(r.errors[0].message.contains("20 to 350 kg"));
    }

    #[test]
    fn a_missing_weight_is_never_defaulted(rate in decimal(0.1, 2.0), bolus in decimal(0.0, 0.35)) {
        let r = calc(&format!("rate={rate}&bolus={bolus}&duration_min=150"));
        prop_assert_eq!(r.status, Status::Invalid);
        prop_assert!(r.errors.iter().any(|e| e.field == "weight"));
        prop_assert!(r.plan.total_mg.is_none());
    }

    #[test]
    fn mg_per_kg_per_h_round_trips_through_mcg_per_kg_per_min(r in 0.0f64..20.0) {
        let back = MgPerKgPerH(r).to_mcg_per_kg_per_min().to_mg_per_kg_per_h();
        prop_assert!(close(back.0, r));
        let forward = McgPerKgPerMin(r * 1000.0 / 60.0).to_mg_per_kg_per_h();
        prop_assert!(close(forward.0, r));
    }

    #[test]
    fn pounds_round_trip(lb in 44.1f64..771.6) {
        prop_assert!(close(Kg::from_lb(lb).to_lb(), lb));
    }

    #[test]
    fn rate_entered_in_any_unit_gives_the_same_plan(w in 20.0f64..350.0, r in 0.05f64..7.0) {
        prop_assume!(w * r <= 1999.0, "mg/h entries are accepted up to 2,000");
        let (w, r) = (num(w, 2), num(r, 3));
        let per_h_rate = num(w.parse::<f64>().unwrap() * r.parse::<f64>().unwrap(), 5);
        // In the ICU, which every rate up to 7 mg/kg/h may be given in.
        let per_kg = calc(&format!("weight={w}&rate={r}&care_area=icu"));
        let per_h = calc(&format!("weight={w}&rate={per_h_rate}&rate_unit=mg/h&care_area=icu"));
        let a = per_kg.plan.rate_mg_per_h.unwrap().0;
        let b = per_h.plan.rate_mg_per_h.unwrap().0;
        prop_assert!((a - b).abs() <= a * 1e-9, "{a} vs {b}");
    }

    #[test]
    fn totals_grow_with_weight_rate_and_duration(
        w in 20.0f64..340.0, dw in 0.0f64..10.0,
        r in 0.05f64..6.9, dr in 0.0f64..0.1,
        d in 1.0f64..5000.0, dd in 0.0f64..100.0,
    ) {
        let total = |w: f64, r: f64, d: f64| {
            calc(&format!("weight={}&rate={}&duration_min={}&care_area=icu", num(w, 3), num(r, 4), num(d, 2))).plan.total_mg.unwrap().0
        };
        let base = total(w, r, d);
        prop_assert!(total(w + dw, r, d) >= base);
        prop_assert!(total(w, r + dr, d) >= base);
        prop_assert!(total(w, r, d + dd) >= base);
    }

    #[test]
    fn course_total_is_daily_total_times_days(w in 20.0f64..350.0, r in 0.1f64..2.0, d in 30.0f64..600.0, days in 1u32..=14) {
        let p = calc(&format!("weight={}&rate={}&duration_min={}&days={days}", num(w, 2), num(r, 3), num(d, 1))).plan;
        prop_assert!(close(p.course_total_mg.unwrap().0, p.total_mg.unwrap().0 * f64::from(days)));
    }

    #[test]
    fn pump_rounding_stays_within_half_a_step(ml in 0.0f64..999.0) {
        let rounded = pump_rate(MlPerH(ml)).0;
        prop_assert!((rounded - ml).abs() <= 0.05 + 1e-9);
        prop_assert!(((rounded * 10.0).round() - rounded * 10.0).abs() < 1e-9);
    }

    #[test]
    fn percent_relief_and_positive_agree(before in 1u32..=100, after in 0u32..=100) {
        let frag = format!("weight=70&pain_before={}&pain_after={}", f64::from(before) / 10.0, f64::from(after) / 10.0);
        let resp = calc(&frag).response;
        let percent = resp.percent_relief.unwrap();
        prop_assert!(percent <= 100.0);
        // exact in integers: positive iff 100 x drop >= 30 x before
        let exact = 100 * (i64::from(before) - i64::from(after)) >= 30 * i64::from(before);
        prop_assert_eq!(resp.positive, Some(exact));
    }

    #[test]
    fn fragment_round_trips(inputs in any_inputs()) {
        let again = Inputs::from_fragment(&inputs.to_fragment());
        // Blank values are dropped on the way in, exactly as the form treats them.
        let mut expected = Inputs::default();
        for key in Inputs::KEYS {
            expected.set(key, inputs.get(key).map(str::to_string));
        }
        prop_assert_eq!(again, expected);
    }
}
