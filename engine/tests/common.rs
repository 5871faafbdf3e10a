//! Helpers shared by the engine's integration tests.
#![allow(dead_code)]

use ketamine_engine::{calculate, CalculationResult, Inputs};

/// Calculates from a URL fragment, as a host page or a shared link would.
pub fn calc(fragment: &str) -> CalculationResult {
    calculate(&Inputs::from_fragment(fragment))
}

/// Equality to within one part in 10^12: the tolerance of the engine's own comparisons, far
/// below anything measurable.
pub fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= expected.abs().max(1.0) * 1e-12
}

#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    assert!(close(actual, expected), "expected {expected}, got {actual}");
}

#[track_caller]
pub fn assert_some_close(actual: Option<f64>, expected: f64) {
    match actual {
        Some(a) => assert_close(a, expected),
        None => panic!("expected {expected}, got None"),
    }
}

pub fn codes(result: &CalculationResult) -> Vec<String> {
    result.alerts.iter().map(|a| a.code.clone()).collect()
}

#[track_caller]
pub fn assert_alert(result: &CalculationResult, code: &str) {
    assert!(
        codes(result).iter().any(|c| c == code),
        "expected alert {code}, got {:?}",
        codes(result)
    );
}

#[track_caller]
pub fn assert_no_alert(result: &CalculationResult, code: &str) {
    assert!(
        !codes(result).iter().any(|c| c == code),
        "unexpected alert {code} in {:?}",
        codes(result)
    );
}
