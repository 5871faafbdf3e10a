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
