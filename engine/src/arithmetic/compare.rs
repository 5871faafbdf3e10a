//! Threshold comparisons that are exact for the numbers clinicians enter. Unit conversions in
//! binary floating point can land one rounding step beside a threshold (490 mg/h at 70 kg is
//! 7 mg/kg/h exactly, but 0.1 + 0.2 is not 0.3); a relative tolerance of one part in 10^12,
//! far below any measurable dose, makes a value that equals a threshold mathematically compare
//! as equal to it.
//!
//! ```
//! use ketamine_engine::compare::{at_least, above};
//! assert!(at_least(0.1 + 0.2, 0.3));
//! assert!(!above(0.1 + 0.2, 0.3));
//! assert!(above(7.01, 7.0));
//! ```

const RELATIVE_TOLERANCE: f64 = 1e-12;

fn slack(threshold: f64) -> f64 {
    threshold.abs().max(1.0) * RELATIVE_TOLERANCE
}

/// `value >= threshold`, counting a value within rounding of the threshold as equal.
pub fn at_least(value: f64, threshold: f64) -> bool {
    value >= threshold - slack(threshold)
}

/// `value > threshold`, counting a value within rounding of the threshold as equal (not above).
pub fn above(value: f64, threshold: f64) -> bool {
    value > threshold + slack(threshold)
}

/// `value < threshold`, counting a value within rounding of the threshold as equal (not below).
pub fn below(value: f64, threshold: f64) -> bool {
    value < threshold - slack(threshold)
}
