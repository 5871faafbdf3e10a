//! Concentrations: the standard list, and the checks a pharmacy applies to a bag, syringe or
//! vial (medication-safety practice; rulebook section 10). A custom concentration is allowed
//! only within hard limits and needs confirmation.
//!
//! ```
//! use ketamine_engine::concentration::{check, Standard};
//! use ketamine_engine::routes::Route;
//! use ketamine_engine::units::MgPerMl;
//! assert!(Standard::from_value(MgPerMl(100.0)).is_some());
//! let alerts = check(MgPerMl(100.0), Route::Iv, true, false, &ketamine_engine::thresholds::Thresholds::guideline());
//! assert_eq!(alerts[0].code, "concentration-undiluted-iv");
//! ```

use crate::alerts::{Alert, Level};
use crate::display::{number, precise};
pub use crate::knowledge::standard_concentrations::{Standard, CUSTOM_LIMITS, SOURCE, STANDARD};
use crate::routes::Route;
use crate::thresholds::Thresholds;
use crate::units::MgPerMl;

/// The strongest standard bag or syringe concentration; above it an IV infusion is from a vial.
const INFUSION_MAX_STANDARD: MgPerMl = MgPerMl(2.0);

/// Checks a concentration for a route. `infusion` is true when the plan has an infusion;
/// `bolus` when it has a bolus.
pub fn check(
    value: MgPerMl,
    route: Route,
    infusion: bool,
    bolus: bool,
    t: &Thresholds,
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let standard = t
        .standard_concentrations
        .value
        .iter()
        .any(|s| s.0 == value.0);
    let (custom_min, custom_max) = t.custom_concentration.value;
    let list = t
        .standard_concentrations
        .value
        .iter()
        .map(|c| number(c.0))
        .collect::<Vec<_>>()
        .join(", ");
    let used = infusion || bolus;
    if route == Route::Iv && value.0 >= 100.0 && used {
        alerts.push(
            Alert::new(Level::Hard, "concentration-undiluted-iv", "Concentration: 100 mg/mL must be diluted before IV use; choose a diluted concentration (for example 1 or 2 mg/mL).", SOURCE)
                .on("conc"),
        );
        return alerts;
    }
    if !standard {
        if value.0 < custom_min.0 || value.0 > custom_max.0 {
            alerts.push(
                Alert::new(
                    Level::Hard,
                    "concentration-custom-out-of-limits",
                    format!(
                        "Concentration: a custom concentration must be from {} to {} mg/mL; {} mg/mL is outside.",
                        number(custom_min.0),
                        number(custom_max.0),
                        precise(value.0)
                    ),
                    t.custom_concentration.source,
                )
                .on("conc"),
            );
        } else {
            alerts.push(
                Alert::new(
                    Level::Soft,
                    "concentration-custom",
                    format!("Concentration: {} mg/mL is not on the standard list ({list} mg/mL); confirm the preparation.", precise(value.0)),
                    t.standard_concentrations.source,
                )
                .on("conc"),
            );
        }
    }
    if route == Route::Iv && infusion && value.0 > INFUSION_MAX_STANDARD.0 {
        alerts.push(
            Alert::new(
                Level::Soft,
                "concentration-strong-for-infusion",
                format!("Concentration: {} mg/mL is stronger than the usual 1-2 mg/mL infusion bag or syringe; confirm the dilution.", number(value.0)),
                SOURCE,
            )
            .on("conc"),
        );
    }
    alerts
}
