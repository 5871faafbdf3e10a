//! The concentrations a pharmacy stocks, and the limits of a custom one (medication-safety
//! practice; rulebook section 10): the figures alone, which `thresholds` starts from and an
//! institution profile may replace. The checks against them are `concentration`'s, which
//! re-exports these.

use crate::sources::{Document, Source};
use crate::units::MgPerMl;
use serde::Serialize;

/// A concentration on the standard list.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Standard {
    pub mg_per_ml: MgPerMl,
    pub label: &'static str,
}

/// Vials of 10, 50 and 100 mg/mL; infusion bags or syringes commonly 1 or 2 mg/mL.
pub const STANDARD: [Standard; 5] = [
    Standard {
        mg_per_ml: MgPerMl(1.0),
        label: "1 mg/mL (infusion bag or syringe)",
    },
    Standard {
        mg_per_ml: MgPerMl(2.0),
        label: "2 mg/mL (infusion bag or syringe)",
    },
    Standard {
        mg_per_ml: MgPerMl(10.0),
        label: "10 mg/mL (vial)",
    },
    Standard {
        mg_per_ml: MgPerMl(50.0),
        label: "50 mg/mL (vial)",
    },
    Standard {
        mg_per_ml: MgPerMl(100.0),
        label: "100 mg/mL (vial; dilute before IV use)",
    },
];

/// A custom concentration must lie within these (hard limits): the weakest useful dilution and
/// the strongest vial that may be given IV undiluted.
pub const CUSTOM_LIMITS: (MgPerMl, MgPerMl) = (MgPerMl(0.1), MgPerMl(50.0));

pub const SOURCE: Source = Source::new(Document::MedicationSafety, "concentrations and dilution");

impl Standard {
    /// The guideline's standard entry for a concentration, if it is one.
    pub fn from_value(value: MgPerMl) -> Option<Standard> {
        STANDARD.into_iter().find(|s| s.mg_per_ml.0 == value.0)
    }
}
