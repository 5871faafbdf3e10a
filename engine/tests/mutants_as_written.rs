//! Tests written to catch the mutants that cargo-mutants found surviving in `as_written` (an order
//! as written: a bolus in mg or mL, a rate in mL/h). Each test is named after what the mutant
//! would break and names the mutant in a comment.

use ketamine_engine::as_written::bolus_ml_unit_for;
use ketamine_engine::Inputs;

/// The label of the bolus field in mL, for the concentration typed so far.
fn label(conc: &str) -> String {
    bolus_ml_unit_for(&Inputs::from_fragment(&format!("conc={conc}")))
}

// Mutants: `as_written.rs` `bolus_ml_unit_for`, `c.is_finite() && *c > 0.0` with `&&` made `||`
// (every number passes, since a parsed number is always finite) and with `>` made `>=` (zero
// passes). A typed 0 is no concentration (its own field reports the error): a volume read "of the
// 0 mg/mL" would label the bolus with a concentration that holds no ketamine.
#[test]
fn a_typed_zero_concentration_is_not_named_in_the_bolus_ml_label() {
    assert_eq!(label("0"), "mL of the infusion's concentration");
    assert_eq!(label("0.0"), "mL of the infusion's concentration");
}

// The same condition from the other side: the least positive concentration a clinician can type
// (0.01 mg/mL, the field's minimum) and a usual one are named, as typed.
#[test]
fn a_typed_positive_concentration_is_named_in_the_bolus_ml_label() {
    assert_eq!(label("0.01"), "mL of the 0.01 mg/mL");
    assert_eq!(label("2"), "mL of the 2 mg/mL");
    // Nothing typed, or not a number: no concentration to name.
    assert_eq!(
        bolus_ml_unit_for(&Inputs::from_fragment("weight=70")),
        "mL of the infusion's concentration"
    );
    assert_eq!(label("abc"), "mL of the infusion's concentration");
}
