//! Tests written to catch the mutants that cargo-mutants found surviving in `result` (the
//! engine's answer). Each test is named after what the mutant would break and names the mutant in
//! a comment.

mod common;
use common::*;
use ketamine_engine::alerts::Level;
use ketamine_engine::Status;

// Mutant: `result.rs` `CalculationResult::hard_alerts` replaced by an empty iterator: the page
// reads it to show a result as blocked by a hard limit (the summary, the alerts, the ranges); an
// empty list would show a blocked plan as merely invalid, without the limit that blocks it.
#[test]
fn a_bolus_above_the_iv_hard_limit_is_listed_among_the_hard_alerts() {
    // 0.9 mg/kg IV is above the 0.75 mg/kg hard limit of the guideline.
    let r = calc("weight=70&bolus=0.9");
    assert_eq!(r.status, Status::Invalid);
    let hard: Vec<&str> = r.hard_alerts().map(|a| a.code.as_str()).collect();
    assert!(!hard.is_empty(), "{:?}", codes(&r));
    let expected: Vec<&str> = r
        .alerts
        .iter()
        .filter(|a| a.level == Level::Hard)
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(hard, expected);
    assert!(r.hard_alerts().all(|a| a.level == Level::Hard));
    // At the hard limit itself nothing is hard.
    let r = calc("weight=70&bolus=0.75");
    assert_eq!(r.hard_alerts().count(), 0, "{:?}", codes(&r));
}

// Mutants: `result.rs` `CalculationResult::soft_alerts` replaced by an empty iterator, and its
// `a.level == Level::Soft` made `!=`: the page asks for an acknowledgement with a reason of each
// soft alert it lists; none listed, or the hard and informative ones listed instead, and a soft
// limit crossed would go unacknowledged.
#[test]
fn a_bolus_above_the_recommended_range_is_listed_among_the_soft_alerts_only() {
    // 0.5 mg/kg IV: above the guideline's 0.35 mg/kg, below its 0.75 mg/kg hard limit.
    let r = calc("weight=70&bolus=0.5");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    let soft: Vec<&str> = r.soft_alerts().map(|a| a.code.as_str()).collect();
    assert!(soft.contains(&"bolus-above-range"), "{soft:?}");
    let expected: Vec<&str> = r
        .alerts
        .iter()
        .filter(|a| a.level == Level::Soft)
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(soft, expected);
    // A blocked plan's hard alert is not among the soft ones.
    let r = calc("weight=70&bolus=0.9");
    assert!(r.soft_alerts().all(|a| a.level == Level::Soft));
    assert!(r.hard_alerts().next().is_some());
    // A plan within every range has no soft alert, though it may inform.
    let r = calc("weight=70&bolus=0.2&rate=0.5&conc=1&duration_min=150");
    assert_eq!(r.soft_alerts().count(), 0, "{:?}", codes(&r));
}
