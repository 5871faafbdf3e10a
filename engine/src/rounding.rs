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

/// A pump programs rates in steps of 0.1 mL/h.
pub const PUMP_STEP_ML_PER_H: f64 = 0.1;

fn to_step(value: f64, step: f64) -> f64 {
    // Scale by the inverse step so that the result is the nearest representable decimal.
    let inverse = (1.0 / step).round();
    // A half step reached by arithmetic carries binary noise (2.55 x 51 is 130.04999999999998,
    // meaning 130.05): read the scaled value to 12 significant digits first, so that a half
    // rounds up however it was reached, as the display rounds it (`display::number`).
    let scaled = value * inverse;
    let meant: f64 = format!("{scaled:.11e}").parse().unwrap_or(scaled);
    meant.round() / inverse
}

/// The rate to program on a pump, to the nearest 0.1 mL/h.
pub fn pump_rate(rate: MlPerH) -> MlPerH {
    MlPerH(to_step(rate.0, PUMP_STEP_ML_PER_H))
}

/// A volume to draw up: to 0.01 mL below 1 mL (a 1 mL syringe), to 0.1 mL from 1 mL.
pub fn measurable_volume(volume: Ml) -> Ml {
    if volume.0 < 1.0 {
        Ml(to_step(volume.0, 0.01))
    } else {
        Ml(to_step(volume.0, 0.1))
    }
}
