//! Tests written to catch the mutants that cargo-mutants found surviving in `validation` (text to
//! typed values, every error naming its field and range). Each test is named after what the
//! mutant would break and names the mutant in a comment.

mod common;
use common::*;
use ketamine_engine::validation::{parse_decimal, NumberProblem};
use ketamine_engine::Status;

// Mutant: `validation.rs` `parse_decimal`, `text.len() > MAX_NUMBER_LEN` (12 characters) with `>`
// made `>=`: a number of exactly 12 characters, the longest accepted, would be refused as too long.
#[test]
fn a_number_of_exactly_12_characters_is_read_and_13_are_too_long() {
    assert_eq!("70.000000001".len(), 12);
    assert_eq!(parse_decimal("70.000000001"), Ok(70.000000001));
    assert_eq!(parse_decimal("000000000070"), Ok(70.0));
    assert_eq!(
        parse_decimal("70.0000000001"),
        Err(NumberProblem::TooLong),
        "13 characters"
    );
    // Surrounding spaces are trimmed before the length is counted.
    assert_eq!(parse_decimal(" 70.000000001 "), Ok(70.000000001));
    // Through the whole engine: a weight typed with 12 characters gives a result.
    let r = calc("weight=70.000000001");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    let r = calc("weight=70.0000000001");
    assert_eq!(r.status, Status::Invalid);
    assert!(
        r.error_for("weight").unwrap().message.contains("too long"),
        "{:?}",
        r.errors
    );
}

// Mutant: `validation.rs` `parse_decimal`, `text.contains(',') && text.chars().all(digit or ',')`
// with `&&` made `||`: "use a point as the decimal separator" would be said of text that is no
// number with a comma (an empty entry, "a,b", "0,5 mg"), sending the clinician to fix the wrong
// thing. Only digits with a comma are a decimal comma.
#[test]
fn only_digits_with_a_comma_are_called_a_decimal_comma() {
    assert_eq!(parse_decimal("0,5"), Err(NumberProblem::DecimalComma));
    assert_eq!(parse_decimal("1,000"), Err(NumberProblem::DecimalComma));
    for not_a_number in ["", "   ", "a,b", "0,5 mg", "0,5.1"] {
        assert_eq!(
            parse_decimal(not_a_number),
            Err(NumberProblem::NotANumber),
            "{not_a_number:?}"
        );
    }
    let r = calc("weight=70%20kg");
    assert!(
        r.error_for("weight")
            .unwrap()
            .message
            .contains("not a number"),
        "{:?}",
        r.errors
    );
}

// Mutant: `validation.rs` `EnteredRate::is_zero` replaced by `false`: a rate of 0, in any unit,
// means no infusion. Counted as a rate, it would be a plan of 0 mg/h (a pump rate of 0 mL/h) and
// an error on the topical route, which takes no rate.
#[test]
fn a_rate_of_zero_in_any_unit_is_no_infusion() {
    for unit in ["mg/kg/h", "mg/h", "mcg/kg/min", "mL/h"] {
        let r = calc(&format!(
            "weight=70&bolus=0.2&rate=0&rate_unit={unit}&conc=2&duration_min=60"
        ));
        assert_eq!(r.status, Status::Ok, "{unit}: {:?}", r.errors);
        assert_eq!(r.plan.rate_mg_per_kg_per_h, None, "{unit}");
        assert_eq!(r.plan.rate_ml_per_h_rounded, None, "{unit}");
        // The bolus stays: 0.2 mg/kg x 70 kg = 14 mg.
        assert_some_close(r.plan.bolus_mg.map(|m| m.0), 14.0);
    }
    // A rate just above zero is an infusion: 0.1 mg/kg/h x 70 kg = 7 mg/h.
    let r = calc("weight=70&rate=0.1&conc=2&duration_min=60");
    assert_some_close(r.plan.rate_mg_per_h.map(|m| m.0), 7.0);
    // Topical ketamine takes no rate; a rate of 0 is none, not an error.
    let r = calc("weight=70&route=topical&rate=0");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    let r = calc("weight=70&route=topical&rate=0.5");
    assert!(r.error_for("rate").is_some(), "{:?}", r.errors);
}

// Mutants: `validation.rs` `validate`, the match arms `"kg" => Some(false)` (weight unit) and
// `"cm" => Some(false)` (height unit) deleted: a unit chosen explicitly as the default, as a host
// page or a shared link may send it, would be refused as no unit.
#[test]
fn the_default_units_are_accepted_when_named() {
    let r = calc(
        "weight=70&weight_unit=kg&height=170&height_unit=cm&sex=male&dosing_weight=ideal&bolus=0.2",
    );
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    // Devine, male: 50 + 2.3 x (170 / 2.54 - 60) = 50 + 2.3 x 6.929 = 65.94 kg.
    assert_some_close(r.dosing_weight_kg, 50.0 + 2.3 * (170.0 / 2.54 - 60.0));
    let named = calc(
        "weight=70&weight_unit=KG&height=170&height_unit=CM&sex=male&dosing_weight=ideal&bolus=0.2",
    );
    let default = calc("weight=70&height=170&sex=male&dosing_weight=ideal&bolus=0.2");
    assert_eq!(named.dosing_weight_kg, default.dosing_weight_kg);
    assert_eq!(named.plan, default.plan);
}

// Mutant: `validation.rs` `validate`, the match arm `"actual"` of the dosing weight deleted: the
// contract's default basis, named, would be refused.
#[test]
fn the_actual_dosing_weight_is_accepted_when_named() {
    let named = calc("weight=70&dosing_weight=actual&bolus=0.2");
    assert_eq!(named.status, Status::Ok, "{:?}", named.errors);
    assert_eq!(named.dosing_weight_kg, Some(70.0));
    assert_eq!(named.plan, calc("weight=70&bolus=0.2").plan);
}

// Mutant: `validation.rs` `validate`, the guard `!factors.contains(&f)` replaced by `true`: a
// patient factor listed twice (or in two spellings of case) would be counted twice, and every
// alert and advice it brings shown twice.
#[test]
fn a_patient_factor_listed_twice_counts_once() {
    let once = calc("weight=70&bolus=0.2&risk=hyperthyroidism");
    assert_eq!(once.status, Status::Ok, "{:?}", once.errors);
    assert_alert(&once, "factor-hyperthyroidism");
    for twice in [
        "hyperthyroidism,hyperthyroidism",
        "hyperthyroidism, Hyperthyroidism",
    ] {
        let r = calc(&format!("weight=70&bolus=0.2&risk={twice}"));
        assert_eq!(codes(&r), codes(&once), "{twice}");
        assert_eq!(r.alerts, once.alerts, "{twice}");
        assert_eq!(r.pre_infusion_tests, once.pre_infusion_tests, "{twice}");
    }
}

// Mutant: `validation.rs` `pain_score`, `(value * 10.0 - tenths).abs() > 1e-9` with `>` made `>=`.
// A pain score is read to one decimal; the 10^-9 of a tenth only absorbs binary noise (0.3 x 10
// is 3.0000000000000004). The edge of that tolerance, from both sides: "0.0000000001", the one
// entry of 12 characters or fewer that lands exactly on it (10^-10 x 10 is 10^-9 in binary), is
// read as 0; "0.000000001", ten times as far, is refused as more than one decimal.
#[test]
fn a_pain_score_is_read_to_a_tenth_within_the_tolerance_for_binary_noise_and_no_further() {
    use ketamine_engine::validation::validate_response;
    use ketamine_engine::Inputs;
    let read = |score: &str| {
        validate_response(&Inputs::from_fragment(&format!("pain_before={score}")))
            .map(|e| e.pain_before_tenths)
            .map_err(|e| e[0].message.clone())
    };
    assert_eq!(read("0.3"), Ok(Some(3)));
    assert_eq!(read("4.9"), Ok(Some(49)));
    assert_eq!(read("0.0000000001"), Ok(Some(0)));
    assert_eq!(
        read("0.000000001"),
        Err("Pain before: use at most one decimal; enter a number from 0 to 10".to_string())
    );
    assert!(read("4.95").is_err());
}
