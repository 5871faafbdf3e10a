//! The guideline's first outpatient infusion target: a total of at least 80 mg infused over more
//! than 2 h (ASRA question 3 and Table 6, grade C). "More than 2 h" is strict: 120 min does not
//! meet it.
//!
//! ```
//! use ketamine_engine::targets::first_infusion_target;
//! use ketamine_engine::thresholds::Thresholds;
//! use ketamine_engine::units::{Kg, Mg, Minutes};
//! let t = Thresholds::guideline();
//! let target = first_infusion_target(Mg(0.0), Mg(87.5), Minutes(150.0), Kg(70.0), &t);
//! assert_eq!(target.met, true);
//! let short = first_infusion_target(Mg(0.0), Mg(90.0), Minutes(120.0), Kg(70.0), &t);
//! assert_eq!(short.duration_over_2_h, false);
//! ```

use crate::compare::{above, at_least};
use crate::sources::Source;
use crate::thresholds::Thresholds;
use crate::units::{Kg, Mg, MgPerKgPerH, Minutes};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FirstInfusionTarget {
    pub total_at_least_80_mg: bool,
    pub duration_over_2_h: bool,
    pub met: bool,
    /// How far the total is from 80 mg (0 when reached).
    pub shortfall_mg: Mg,
    /// How far the total is beyond 80 mg (0 when short).
    pub margin_mg: Mg,
    /// The rate that would reach 80 mg over the planned duration (bolus counted), when the
    /// duration already qualifies and the total falls short.
    pub rate_to_reach_total: Option<MgPerKgPerH>,
    /// The infusion alone, without the bolus: the guideline says "80 mg infused", which may or may
    /// not include a bolus, so both readings are reported.
    pub infusion_only_mg: Mg,
    pub infusion_only_at_least_80_mg: bool,
    pub target_mg: Mg,
    pub target_min: Minutes,
    pub source: Source,
}

/// Judges a plan's total (bolus plus infusion) and infusion duration against the target. Table 6
/// speaks of "total dosages", question 3 of "a minimum dose of 80 mg": the bolus is counted, which
/// is the reading that never pushes the infusion higher; the infusion alone is reported beside it.
pub fn first_infusion_target(
    bolus: Mg,
    total: Mg,
    duration: Minutes,
    weight: Kg,
    t: &Thresholds,
) -> FirstInfusionTarget {
    let target_mg = t.first_infusion_total.value;
    let target_min = t.first_infusion_duration.value;
    let total_ok = at_least(total.0, target_mg.0);
    let duration_ok = above(duration.0, target_min.0);
    FirstInfusionTarget {
        total_at_least_80_mg: total_ok,
        duration_over_2_h: duration_ok,
        met: total_ok && duration_ok,
        shortfall_mg: Mg(if total_ok { 0.0 } else { target_mg.0 - total.0 }),
        margin_mg: Mg(if total_ok {
            (total.0 - target_mg.0).max(0.0)
        } else {
            0.0
        }),
        rate_to_reach_total: (!total_ok && duration_ok)
            .then(|| (Mg((target_mg.0 - bolus.0).max(0.0)) / duration) / weight),
        infusion_only_mg: Mg(total.0 - bolus.0),
        infusion_only_at_least_80_mg: at_least(total.0 - bolus.0, target_mg.0),
        target_mg,
        target_min,
        source: t.first_infusion_total.source,
    }
}
