//! The plan as a clinician and a pump need it: the bolus in mg and mL, the infusion rate in
//! mg/kg/h, mg/h, mcg/kg/min and mL/h, the duration, and the totals per infusion day and over a
//! multi-day course. Unrounded throughout; pump and syringe figures are rounded copies.
//!
//! ```
//! use ketamine_engine::plan::Plan;
//! use ketamine_engine::units::{Kg, MgPerKg, MgPerKgPerH, MgPerMl, Minutes};
//! use ketamine_engine::validation::EnteredRate;
//! // 70 kg, 0.35 mg/kg bolus, 0.5 mg/kg/h for 150 min at 1 mg/mL:
//! let plan = Plan::new(Kg(70.0), Some(MgPerKg(0.35)),
//!     Some(EnteredRate::PerKgPerH(MgPerKgPerH(0.5))), Some(Minutes(150.0)), Some(MgPerMl(1.0)), 1);
//! assert_eq!(plan.bolus_mg.unwrap().0, 24.5);        // 0.35 x 70
//! assert_eq!(plan.rate_mg_per_h.unwrap().0, 35.0);   // 0.5 x 70
//! assert_eq!(plan.rate_ml_per_h.unwrap().0, 35.0);   // 35 mg/h / 1 mg/mL
//! assert_eq!(plan.total_mg.unwrap().0, 112.0);       // 24.5 + 35 x 2.5
//! ```

use crate::as_written::{EnteredBolus, EnteredRate};
use crate::rounding::{measurable_volume, pump_rate};
use crate::sources::{Document, Source};
use crate::units::{
    Kg, McgPerKgPerMin, Mg, MgPerH, MgPerKg, MgPerKgPerH, MgPerMl, Minutes, Ml, MlPerH,
};
use serde::Serialize;

/// Where the plan's own arithmetic comes from: it is the entries multiplied out, so its sources are
/// the unit conversion and the rounding rules rather than a clinical table.
/// The arithmetic, not the guideline, which converts inconsistently (6 mcg/kg/min printed as 0.42
/// mg/kg per hour, 004:1032; 117 as 7, 004:1515).
pub const CONVERSION_SOURCE: Source = Source::new(
    Document::CalculatorCheck,
    "unit arithmetic: 1 mcg/kg/min x 60 min/h / 1,000 mcg/mg = 0.06 mg/kg per hour",
);
pub const ROUNDING_SOURCE: Source = Source::new(
    Document::MedicationSafety,
    "rounding to what a pump or syringe can deliver (0.1 mL/h; 0.01 mL below 1 mL, else 0.1 mL)",
);

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub bolus_mg_per_kg: Option<MgPerKg>,
    pub bolus_mg: Option<Mg>,
    /// Bolus volume at the concentration.
    pub bolus_ml: Option<Ml>,
    /// The bolus volume to draw up (0.01 mL below 1 mL, else 0.1 mL).
    pub bolus_ml_rounded: Option<Ml>,
    pub rate_mg_per_kg_per_h: Option<MgPerKgPerH>,
    pub rate_mg_per_h: Option<MgPerH>,
    pub rate_mcg_per_kg_per_min: Option<McgPerKgPerMin>,
    /// Pump rate at the concentration.
    pub rate_ml_per_h: Option<MlPerH>,
    /// The pump rate to program, to 0.1 mL/h.
    pub rate_ml_per_h_rounded: Option<MlPerH>,
    /// The unit the rate was entered in.
    pub rate_entered_unit: Option<&'static str>,
    /// The unit the bolus was entered in: `mg/kg`, `mg` or `mL` (an order as written).
    pub bolus_entered_unit: Option<&'static str>,
    /// The bolus as entered, in words; a volume names the concentration it is read at
    /// ("5 mL of the 2 mg/mL (the infusion's concentration)").
    pub bolus_as_entered: Option<String>,
    pub concentration_mg_per_ml: Option<MgPerMl>,
    /// Infusion duration per day, in minutes.
    pub duration_min: Option<Minutes>,
    /// The infusion alone over the duration.
    pub infusion_mg: Option<Mg>,
    /// Infusion volume over the duration.
    pub infusion_ml: Option<Ml>,
    /// Bolus plus infusion for one day.
    pub total_mg: Option<Mg>,
    pub total_mg_per_kg: Option<MgPerKg>,
    /// Infusion days in the course.
    pub days: u32,
    /// Total over all days of the course.
    pub course_total_mg: Option<Mg>,
    pub course_total_mg_per_kg: Option<MgPerKg>,
    /// Infusion hours over the course (the guideline's cumulative hours).
    pub cumulative_hours: Option<f64>,
    /// How long the exposure runs without a break: the duration, or, when each day's infusion
    /// leaves a gap shorter than [`BREAK`], the span from the first day's start to the last
    /// day's end. Duration limits apply to this.
    pub continuous_min: Option<Minutes>,
    /// The sources of the conversions (mg/kg/h, mg/h, mcg/kg/min) and of the rounding.
    pub conversion_source: Source,
    pub rounding_source: Source,
}

/// The shortest gap between daily infusions that counts as a break in exposure: 12 h, about five
/// half-lives of ketamine (2.3 h, 004:322), after which about 3 % of the drug remains. A shorter
/// gap (a bag change, a wash) leaves a course of near-24-hour days one continuous infusion for
/// Correll's limits, which are about continuous infusions of any number of days (001:962-965).
/// The sources define no gap; this is the calculator's choice.
pub const BREAK: Minutes = Minutes(720.0);

/// The continuous exposure of `days` daily infusions of `daily` minutes each.
fn continuous(daily: Minutes, days: u32) -> Minutes {
    let gap = Minutes::DAY.0 - daily.0;
    if days > 1 && gap < BREAK.0 {
        Minutes(f64::from(days - 1) * Minutes::DAY.0 + daily.0)
    } else {
        daily
    }
}

impl Plan {
    /// Computes the plan at a dosing weight from a bolus in mg/kg. A zero bolus or zero rate
    /// means "none".
    pub fn new(
        weight: Kg,
        bolus: Option<MgPerKg>,
        rate: Option<EnteredRate>,
        duration: Option<Minutes>,
        concentration: Option<MgPerMl>,
        days: u32,
    ) -> Plan {
        Plan::from_entries(
            weight,
            bolus.map(EnteredBolus::PerKg),
            rate,
            duration,
            concentration,
            days,
        )
    }

    /// Computes the plan from a bolus in any unit it can be written in (see `as_written`).
    pub fn from_entries(
        weight: Kg,
        bolus: Option<EnteredBolus>,
        rate: Option<EnteredRate>,
        duration: Option<Minutes>,
        concentration: Option<MgPerMl>,
        days: u32,
    ) -> Plan {
        let bolus = bolus.filter(|b| !b.is_zero());
        let rate = rate.filter(|r| !r.is_zero());
        // Each figure as entered stays exact; the others are derived from it.
        let bolus_mg = bolus.map(|b| b.mg(weight));
        let bolus_ml = match bolus {
            Some(EnteredBolus::Ml { volume, .. }) => Some(volume),
            _ => bolus_mg.zip(concentration).map(|(mg, c)| mg / c),
        };
        let per_kg = rate.map(|r| r.per_kg_per_h(weight));
        // A rate entered in mg/h or mL/h keeps that exact figure rather than a round trip through
        // mg/kg/h.
        let per_h = rate.map(|r| match r {
            EnteredRate::PerH(r) => r,
            EnteredRate::MlPerH {
                rate,
                concentration,
            } => MgPerH(rate.0 * concentration.0),
            other => other.per_kg_per_h(weight) * weight,
        });
        let mcg = rate.map(|r| match r {
            EnteredRate::McgPerKgPerMin(r) => r,
            other => other.per_kg_per_h(weight).to_mcg_per_kg_per_min(),
        });
        let ml_per_h = match rate {
            Some(EnteredRate::MlPerH { rate, .. }) => Some(rate),
            _ => per_h.zip(concentration).map(|(r, c)| r / c),
        };
        let infusion_mg = per_h.zip(duration).map(|(r, d)| r * d);
        let infusion_ml = infusion_mg.zip(concentration).map(|(mg, c)| mg / c);
        let total_mg = match (bolus_mg, rate, infusion_mg) {
            (_, Some(_), None) => None,
            (None, None, _) => None,
            (b, _, i) => Some(b.unwrap_or(Mg(0.0)) + i.unwrap_or(Mg(0.0))),
        };
        let days_f = f64::from(days);
        let course_total_mg = total_mg.map(|t| t * days_f);
        let cumulative_hours = rate.and(duration).map(|d| d.hours() * days_f);
        let continuous_min = rate.and(duration).map(|d| continuous(d, days));
        Plan {
            bolus_mg_per_kg: bolus.map(|b| b.per_kg(weight)),
            bolus_mg,
            bolus_ml,
            bolus_ml_rounded: bolus_ml.map(measurable_volume),
            rate_mg_per_kg_per_h: per_kg,
            rate_mg_per_h: per_h,
            rate_mcg_per_kg_per_min: mcg,
            rate_ml_per_h: ml_per_h,
            rate_ml_per_h_rounded: ml_per_h.map(pump_rate),
            rate_entered_unit: rate.map(|r| match r {
                EnteredRate::PerKgPerH(_) => "mg/kg/h",
                EnteredRate::PerH(_) => "mg/h",
                EnteredRate::McgPerKgPerMin(_) => "mcg/kg/min",
                EnteredRate::MlPerH { .. } => "mL/h",
            }),
            bolus_entered_unit: bolus.map(|b| b.unit().key()),
            bolus_as_entered: bolus.map(EnteredBolus::as_entered),
            concentration_mg_per_ml: concentration,
            duration_min: duration,
            infusion_mg,
            infusion_ml,
            total_mg,
            total_mg_per_kg: total_mg.map(|t| t / weight),
            days,
            course_total_mg,
            course_total_mg_per_kg: course_total_mg.map(|t| t / weight),
            cumulative_hours,
            continuous_min,
            conversion_source: CONVERSION_SOURCE,
            rounding_source: ROUNDING_SOURCE,
        }
    }

    /// A plan with nothing in it, for invalid results.
    pub fn empty() -> Plan {
        Plan::new(Kg(1.0), None, None, None, None, 1)
    }

    /// True when the plan has an infusion (a non-zero rate).
    pub fn has_infusion(&self) -> bool {
        self.rate_mg_per_kg_per_h.is_some()
    }
}
