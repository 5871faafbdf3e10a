//! Rounding for what can be measured or programmed, done once, at the end, on a copy: the
//! unrounded value always stays in the result beside the rounded one.
//!
//! ```
//! use ketamine_engine::rounding::{pump_rate, measurable_volume};
//! use ketamine_engine::units::{Ml, MlPerH};
//! assert_eq!(pump_rate(MlPerH(17.5)).0, 17.5);
//! assert_eq!(pump_rate(MlPerH(11.666_666)).0, 11.7);
//! assert_eq!(measurable_volume(Ml(0.456)).0, 0.46);
//! assert_eq!(measurable_volume(Ml(2.45)).0, 2.5);
//! assert_eq!(pump_rate(MlPerH(2.55 * 51.0)).0, 130.1); // 130.04999999999998 in binary
//! ```

use crate::units::{Ml, MlPerH};

/// Rounds to `decimals` places, halves away from zero, on the decimal value the arithmetic meant:
/// the binary noise of floating point (6.1499999999999995 for 41 x 0.15) is removed first by
/// reading the scaled number to 12 significant digits, so that 6.15 rounds to 6.2 at every weight.
/// The one rounding rule of the calculator: the display (`display`) and the pump and syringe
/// figures below all use it.
pub fn to_decimals(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let scaled: f64 = format!("{:.11e}", value * scale)
        .parse()
        .unwrap_or(value * scale);
    scaled.round() / scale
}

/// The least volume the calculator lets a clinician draw up without a warning: 0.1 mL, ten of
/// the 0.01 mL graduations of a 1 mL syringe, below which one graduation misread is an error of
/// 10 % or more. A calculator choice; the sources give none.
pub const LEAST_MEASURABLE_ML: f64 = 0.1;

/// A pump programs rates in steps of 0.1 mL/h.
pub const PUMP_STEP_ML_PER_H: f64 = 0.1;

/// The rate to program on a pump, to the nearest 0.1 mL/h ([`PUMP_STEP_ML_PER_H`]).
pub fn pump_rate(rate: MlPerH) -> MlPerH {
    MlPerH(to_decimals(rate.0, 1))
}

/// A volume to draw up: to 0.01 mL below 1 mL (a 1 mL syringe), to 0.1 mL from 1 mL.
pub fn measurable_volume(volume: Ml) -> Ml {
    if volume.0 < 1.0 {
        Ml(to_decimals(volume.0, 2))
    } else {
        Ml(to_decimals(volume.0, 1))
    }
}
