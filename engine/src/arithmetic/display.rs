//! Numbers as a clinician reads them, following ISMP notation: a leading zero (0.5), never a
//! trailing zero (1, not 1.0), a space before the unit, thousands separators from 1,000. Display
//! only: the engine computes and serializes unrounded values.
//!
//! ```
//! use ketamine_engine::display::{number, quantity};
//! assert_eq!(number(0.5), "0.5");
//! assert_eq!(number(1.0), "1");
//! assert_eq!(number(1813.33), "1,813.3");
//! assert_eq!(quantity(24.5, "mg"), "24.5 mg");
//! assert_eq!(number(0.35 * 82.5), "28.88");   // 28.874999999999996 in binary: 28.875 meant
//! assert_eq!(number(20.125), "20.13");         // halves round up, not to even
//! ```

/// Decimal places shown for a magnitude: finer for small numbers, where a digit matters more.
fn decimals_for(magnitude: f64) -> usize {
    if magnitude < 1.0 {
        3
    } else if magnitude < 100.0 {
        2
    } else {
        1
    }
}

/// The smallest difference the display shows at a magnitude (0.001 below 1, 0.01 below 100, 0.1
/// from 100): two figures closer than half of it may look the same, or one digit apart.
pub fn resolution(magnitude: f64) -> f64 {
    10f64.powi(-(decimals_for(magnitude.abs()) as i32))
}

/// Formats a finite number for display; a non-finite one (which the engine never produces)
/// shows as an em dash rather than as "NaN".
pub fn number(value: f64) -> String {
    with_decimals(value, decimals_for(value.abs()))
}

/// An unrounded figure shown beside its rounded one: up to 4 decimals, so that 18.325 mL/h
/// is not itself shown rounded.
pub fn precise(value: f64) -> String {
    with_decimals(value, 4)
}

fn with_decimals(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "\u{2014}".to_string();
    }
    let fixed = round_half_up(value.abs(), decimals);
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        fixed.as_str()
    };
    if trimmed == "0" {
        return "0".to_string();
    }
    let (whole, fraction) = match trimmed.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (trimmed, None),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The calculator's one rounding rule (`rounding::to_decimals`), written out to `decimals` places.
fn round_half_up(value: f64, decimals: usize) -> String {
    format!(
        "{:.*}",
        decimals,
        crate::rounding::to_decimals(value, decimals)
    )
}

/// A number with its unit, separated by a space: `0.5 mg/kg/h`.
pub fn quantity(value: f64, unit: &str) -> String {
    format!("{} {unit}", number(value))
}

/// A range such as `17.5 to 35 mg/h`; "up to" when it starts at zero.
pub fn range(min: f64, max: f64, unit: &str) -> String {
    if min == 0.0 {
        format!("up to {}", quantity(max, unit))
    } else {
        format!("{} to {}", number(min), quantity(max, unit))
    }
}
