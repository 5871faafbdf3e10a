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
