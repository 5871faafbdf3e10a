//! Clinical quantities as distinct types, so that mg, mg/kg, mg/h, mg/kg/h, mcg/kg/min, mL and
//! mL/h cannot be mixed up: multiplying a rate per kg by a weight gives a rate, and nothing else
//! compiles. Values are unrounded `f64`; rounding for display or for a pump is a separate step
//! (see `rounding`).
//!
//! ```
//! use ketamine_engine::units::{Kg, MgPerKgPerH, McgPerKgPerMin, Minutes};
//! let rate = MgPerKgPerH(0.5) * Kg(70.0);          // 35 mg/h
//! assert_eq!(rate.0, 35.0);
//! assert_eq!((rate * Minutes(150.0)).0, 87.5);     // mg over 2.5 h
//! assert_eq!(McgPerKgPerMin(6.0).to_mg_per_kg_per_h().0, 0.36);
//! ```

use serde::Serialize;
use std::ops::{Add, Div, Mul, Sub};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $unit:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// The unit as it is written next to a number (ISMP notation).
            pub const UNIT: &'static str = $unit;
        }

        impl Add for $name {
            type Output = $name;
            fn add(self, other: $name) -> $name {
                $name(self.0 + other.0)
            }
        }

        impl Sub for $name {
            type Output = $name;
            fn sub(self, other: $name) -> $name {
                $name(self.0 - other.0)
            }
        }

        impl Mul<f64> for $name {
            type Output = $name;
            fn mul(self, factor: f64) -> $name {
                $name(self.0 * factor)
            }
        }
    };
}

quantity!(
    /// Body weight in kilograms.
    Kg, "kg");
quantity!(
    /// Height in centimetres.
    Cm, "cm");
quantity!(
    /// Mass of ketamine base in milligrams.
    Mg, "mg");
quantity!(
    /// Dose per kilogram of dosing weight.
    MgPerKg, "mg/kg");
quantity!(
    /// Infusion rate in milligrams per hour.
    MgPerH, "mg/h");
quantity!(
    /// Weight-based infusion rate in milligrams per kilogram per hour.
    MgPerKgPerH, "mg/kg/h");
quantity!(
    /// Weight-based infusion rate in micrograms per kilogram per minute.
    McgPerKgPerMin, "mcg/kg/min");
quantity!(
    /// Concentration of ketamine base in milligrams per millilitre.
    MgPerMl, "mg/mL");
quantity!(
    /// Volume in millilitres.
    Ml, "mL");
quantity!(
    /// Pump rate in millilitres per hour.
    MlPerH, "mL/h");
quantity!(
    /// Duration in minutes.
    Minutes, "min");

/// One pound is exactly 0.453 592 37 kg (international yard and pound agreement, 1959).
pub const KG_PER_LB: f64 = 0.453_592_37;
/// One inch is exactly 2.54 cm.
pub const CM_PER_IN: f64 = 2.54;

impl Kg {
    /// Converts pounds to kilograms.
    pub fn from_lb(lb: f64) -> Kg {
        Kg(lb * KG_PER_LB)
    }
    /// This weight in pounds.
    pub fn to_lb(self) -> f64 {
        self.0 / KG_PER_LB
    }
}

impl Cm {
    /// Converts inches to centimetres.
    pub fn from_in(inches: f64) -> Cm {
        Cm(inches * CM_PER_IN)
    }
    /// This height in inches.
    pub fn to_in(self) -> f64 {
        self.0 / CM_PER_IN
    }
}

impl Minutes {
    /// One day.
    pub const DAY: Minutes = Minutes(24.0 * 60.0);

    /// The duration in hours.
    pub fn hours(self) -> f64 {
        self.0 / 60.0
    }
}

impl McgPerKgPerMin {
    /// 1 mcg/kg/min = 60 mcg/kg/h = 0.06 mg/kg/h. Multiplying by 60 before dividing by 1000
    /// keeps exact results for the whole numbers clinicians enter (6 mcg/kg/min is 0.36, not
    /// the 0.42 that the guideline's text prints beside it).
    pub fn to_mg_per_kg_per_h(self) -> MgPerKgPerH {
        MgPerKgPerH(self.0 * 60.0 / 1000.0)
    }
}

impl MgPerKgPerH {
    /// The same rate in mcg/kg/min.
    pub fn to_mcg_per_kg_per_min(self) -> McgPerKgPerMin {
        McgPerKgPerMin(self.0 * 1000.0 / 60.0)
    }
}

impl Mul<Kg> for MgPerKg {
    type Output = Mg;
    fn mul(self, weight: Kg) -> Mg {
        Mg(self.0 * weight.0)
    }
}

impl Div<Kg> for Mg {
    type Output = MgPerKg;
    fn div(self, weight: Kg) -> MgPerKg {
        MgPerKg(self.0 / weight.0)
    }
}

impl Mul<Kg> for MgPerKgPerH {
    type Output = MgPerH;
    fn mul(self, weight: Kg) -> MgPerH {
        MgPerH(self.0 * weight.0)
    }
}

impl Div<Kg> for MgPerH {
    type Output = MgPerKgPerH;
    fn div(self, weight: Kg) -> MgPerKgPerH {
        MgPerKgPerH(self.0 / weight.0)
    }
}

impl Div<MgPerMl> for MgPerH {
    type Output = MlPerH;
    fn div(self, concentration: MgPerMl) -> MlPerH {
        MlPerH(self.0 / concentration.0)
    }
}

impl Div<MgPerMl> for Mg {
    type Output = Ml;
    fn div(self, concentration: MgPerMl) -> Ml {
        Ml(self.0 / concentration.0)
    }
}

impl Mul<Minutes> for MgPerH {
    type Output = Mg;
    /// Multiplies before dividing by 60 so that whole-minute durations stay exact.
    fn mul(self, duration: Minutes) -> Mg {
        Mg(self.0 * duration.0 / 60.0)
    }
}

impl Div<Minutes> for Mg {
    type Output = MgPerH;
    fn div(self, duration: Minutes) -> MgPerH {
        MgPerH(self.0 * 60.0 / duration.0)
    }
}

/// How the clinician entered the infusion rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateUnit {
    MgPerKgPerH,
    MgPerH,
    McgPerKgPerMin,
    /// A pump rate at the entered concentration (an order as written; see `as_written`); how each is read and range-checked is `validation`'s.
    MlPerH,
}

impl RateUnit {
    pub fn key(self) -> &'static str {
        match self {
            RateUnit::MgPerKgPerH => "mg/kg/h",
            RateUnit::MgPerH => "mg/h",
            RateUnit::McgPerKgPerMin => "mcg/kg/min",
            RateUnit::MlPerH => "mL/h",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [
            RateUnit::MgPerKgPerH,
            RateUnit::MgPerH,
            RateUnit::McgPerKgPerMin,
            RateUnit::MlPerH,
        ]
        .into_iter()
        // Choices are read lowercased: "ml/h" is the pump rate.
        .find(|u| u.key().eq_ignore_ascii_case(key))
    }
}
