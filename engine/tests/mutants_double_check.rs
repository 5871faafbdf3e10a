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

fn result_row<'a>(c: &'a Comparison, key: &str) -> Option<&'a ketamine_engine::double_check::Row> {
    c.results.iter().find(|r| r.key == key)
}

// Mutant: `double_check.rs` `result_rows`, the status row's `a.status == Ok && b.status == Ok`
// with `&&` made `||`: a second entry without a result would be marked the same as a first that
// has one.
#[test]
fn a_result_beside_no_result_is_not_the_same() {
    let c = check(ORDER, "bolus=0.2&rate=0.5&conc=1&duration_min=150");
    let r = result_row(&c, "status").expect("the status row");
    assert_eq!(r.first, "calculated");
    assert!(r.second.starts_with("no result: Weight: required"), "{r:?}");
    assert!(!r.same);
    let c = check(ORDER, ORDER);
    assert!(result_row(&c, "status").unwrap().same);
}

// Mutant: `double_check.rs` `result_rows`, the course total read only when `r.plan.days > 1`,
// with `>` made `<`: the course total of a course of several days would never be compared, and
// a course of 2 days beside one of 3 would show no difference in what the course gives.
#[test]
fn the_course_total_of_a_course_of_days_is_compared() {
    // 70 kg, 0.5 mg/kg/h = 35 mg/h for 150 min = 87.5 mg a day, plus the 14 mg bolus:
    // 101.5 mg a day; 2 days: 203 mg; 3 days: 304.5 mg.
    let c = check(&format!("{ORDER}&days=2"), &format!("{ORDER}&days=3"));
    let r = result_row(&c, "plan.course_total_mg").expect("the course total row");
    assert_eq!(
        (r.first.as_str(), r.second.as_str()),
        ("203 mg", "304.5 mg")
    );
    assert!(!r.same);
    assert_eq!(c.verdict, Verdict::Mismatch);
    // The same course: compared, and the same.
    let c = check(&format!("{ORDER}&days=2"), &format!("{ORDER}&days=2"));
    assert!(result_row(&c, "plan.course_total_mg").unwrap().same);
    // One day: there is no course to compare.
    assert!(result_row(&check(ORDER, ORDER), "plan.course_total_mg").is_none());
}

// Mutants: `double_check.rs` `result_rows`, the guard that shows both figures unrounded only
// where they differ, replaced by `true`, or with `o - v` made `o + v` or `o / v`: figures that
// agree would be shown to 4 decimals instead of as the display shows them elsewhere.
#[test]
fn figures_that_agree_are_shown_as_the_display_rounds_them_and_differing_ones_unrounded() {
    // 70 lb = 31.7514659 kg: shown 31.75 kg on the page.
    let lb = "weight=70&weight_unit=lb&bolus=0.2&rate=0.5&conc=1&duration_min=150";
    let c = check(lb, lb);
    let r = result_row(&c, "dosing_weight_kg").unwrap();
    assert_eq!(
        (r.first.as_str(), r.second.as_str()),
        ("31.75 kg", "31.75 kg")
    );
    assert!(r.same);
    // 70 lb against 70.01 lb (31.7560018 kg): both to 4 decimals, so the difference shows.
    let c = check(
        lb,
        "weight=70.01&weight_unit=lb&bolus=0.2&rate=0.5&conc=1&duration_min=150",
    );
    let r = result_row(&c, "dosing_weight_kg").unwrap();
    assert_eq!(
        (r.first.as_str(), r.second.as_str()),
        ("31.7515 kg", "31.756 kg")
    );
}

// Mutant: `double_check.rs` `result_rows`, the tier row shown when
// `a.monitoring_tier.is_some() || b.monitoring_tier.is_some()`, with `||` made `&&`: a tier
// beside no tier (the second entry has no result) would not be listed.
#[test]
fn a_tier_beside_no_tier_is_listed() {
    let c = check(ORDER, "bolus=0.2&rate=0.5&conc=1&duration_min=150");
    let r = result_row(&c, "monitoring_tier").expect("the tier row");
    assert_eq!(r.second, "none");
    assert_ne!(r.first, "none");
    assert!(!r.same);
}

// Mutant: `double_check.rs` `first_entry`, `value.len() > MAX_CHECK_LEN` (4,096 characters) with
// `>` made `>=`: a check link of exactly the longest accepted length would be refused as too long.
#[test]
fn a_check_link_of_exactly_4096_characters_is_read_and_one_more_is_too_long() {
    use base64::Engine as _;
    use ketamine_engine::double_check::first_entry;
    let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
    // 3,072 bytes encode to exactly 4,096 base64 characters (3 bytes to 4, no padding).
    let head = "weight=70&bolus=0.2&note=";
    let entry = format!("{head}{}", "a".repeat(3072 - head.len()));
    let at = encode(&entry);
    assert_eq!(at.len(), 4096);
    let read = first_entry(&format!("check={at}")).expect("a check link");
    let first = read.expect("4,096 characters are accepted");
    assert_eq!(first.get("weight"), Some("70"));
    // One character more: refused before it is decoded.
    let above = first_entry(&format!("check={at}A")).expect("a check link");
    let message = above.expect_err("4,097 characters are too long").message;
    assert!(message.starts_with("Check link: too long"), "{message}");
}
