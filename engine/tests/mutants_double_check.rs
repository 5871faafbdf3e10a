//! Tests written to catch the mutants that cargo-mutants found surviving in `double_check` (two
//! entries of one order compared). Each test is named after what the mutant would break and names
//! the mutant in a comment.

use ketamine_engine::double_check::{compare, Comparison, Verdict};
use ketamine_engine::{calculate, Inputs};

const ORDER: &str = "weight=70&route=iv&bolus=0.2&rate=0.5&conc=1&duration_min=150";

fn check(first: &str, second: &str) -> Comparison {
    let (a, b) = (Inputs::from_fragment(first), Inputs::from_fragment(second));
    compare(&a, &calculate(&a), &b, &calculate(&b))
}

// Mutant: `double_check.rs` `compare`, the match arm `(_, Status::Ok) => "the first entry has"`
// deleted: a first entry without a result (here its weight is missing) would be reported as
// neither entry having one, sending both clinicians to look at an entry that is complete.
#[test]
fn an_incomplete_first_entry_is_named_as_the_first() {
    let c = check("bolus=0.2&rate=0.5&conc=1&duration_min=150", ORDER);
    assert_eq!(c.verdict, Verdict::Incomplete);
    assert_eq!(
        c.summary,
        "No comparison yet: the first entry has no result (an input is missing or invalid, or a hard limit blocks it)."
    );
}

// Regression, found while writing the test above: with both entries incomplete the summary said
// "neither entry has no result", a double negative that reads as both entries having one.
#[test]
fn regression_neither_entry_has_no_result_read_as_both_having_one() {
    let c = check(
        "bolus=0.2&rate=0.5&conc=1&duration_min=150",
        "bolus=0.2&rate=0.5&conc=1&duration_min=150",
    );
    assert_eq!(
        c.summary,
        "No comparison yet: neither entry has a result (an input is missing or invalid, or a hard limit blocks it)."
    );
}

fn row<'a>(c: &'a Comparison, key: &str) -> &'a ketamine_engine::double_check::Row {
    c.entries
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no {key} row in {:?}", c.entries))
}

// Mutants: `double_check.rs` `same_list` replaced by `true` or by `false`, with `set(a) == set(b)`
// made `!=`, and with the `!` of `!s.is_empty()` deleted (an empty item would count). Patient
// factors are a set: the same factors in another order, case or spacing, or with a stray comma,
// are the same entry; a factor more or less is a difference.
#[test]
fn patient_factors_are_compared_as_a_set() {
    let with = |risk: &str| format!("{ORDER}&risk={risk}");
    let same = [
        "hyperthyroidism,full_stomach",
        "full_stomach,hyperthyroidism",
        "Full_Stomach, hyperthyroidism",
        "hyperthyroidism,full_stomach,",
        "hyperthyroidism,,full_stomach",
    ];
    for second in same {
        let c = check(&with("hyperthyroidism,full_stomach"), &with(second));
        assert!(row(&c, "risk").same, "{second}: {:?}", row(&c, "risk"));
        assert_eq!(c.verdict, Verdict::Match, "{second}: {}", c.summary);
    }
    for second in ["hyperthyroidism", "full_stomach,pregnancy"] {
        let c = check(&with("hyperthyroidism,full_stomach"), &with(second));
        assert!(!row(&c, "risk").same, "{second}: {:?}", row(&c, "risk"));
        assert_ne!(c.verdict, Verdict::Match, "{second}: {}", c.summary);
    }
    // Factors in one entry only: a difference, shown as not entered on the other side.
    let c = check(ORDER, &with("hyperthyroidism"));
    let r = row(&c, "risk");
    assert!(!r.same);
    assert_eq!(
        (r.first.as_str(), r.second.as_str()),
        ("not entered", "hyperthyroidism")
    );
}

// Mutant: `double_check.rs` `entry_rows`, the match arm `"dosing_weight" => Some("actual")`
// deleted: a dosing weight left at its default and one chosen as "actual" are the same basis
// (the contract's default), but would be listed as a difference.
#[test]
fn a_dosing_weight_left_at_its_default_is_the_same_as_actual() {
    let c = check(ORDER, &format!("{ORDER}&dosing_weight=actual"));
    let r = row(&c, "dosing_weight");
    assert!(r.same, "{r:?}");
    assert_eq!((r.first.as_str(), r.second.as_str()), ("actual", "actual"));
    assert_eq!(c.verdict, Verdict::Match, "{}", c.summary);
}
