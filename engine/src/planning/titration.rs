//! The inpatient titration schedule (Correll): from 10 mg/h, one step at a time, up to 30 mg/h on
//! the first day if tolerated. Correll gives no step size or interval; the clinician enters both,
//! and the schedule shows the most the first day can deliver if every step is tolerated.
//!
//! ```
//! use ketamine_engine::titration::schedule;
//! use ketamine_engine::units::{Kg, MgPerH, Minutes};
//! // 10 mg/h, +5 mg/h every 60 min, ceiling 30 mg/h, over 4 h:
//! let s = schedule(MgPerH(10.0), MgPerH(5.0), Minutes(60.0), MgPerH(30.0), Minutes(240.0), Kg(70.0), None);
//! let rates: Vec<f64> = s.steps.iter().map(|st| st.rate_mg_per_h.0).collect();
//! assert_eq!(rates, vec![10.0, 15.0, 20.0, 25.0]);
//! assert_eq!(s.total_mg.0, 70.0); // 10 + 15 + 20 + 25 mg over four 1-h steps
//! ```

use crate::rounding::pump_rate;
use crate::sources::{Document, Source};
use crate::units::{Kg, Mg, MgPerH, MgPerKgPerH, MgPerMl, Minutes, MlPerH};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TitrationStep {
    /// Minutes from the start of the infusion.
    pub start_min: Minutes,
    pub rate_mg_per_h: MgPerH,
    pub rate_mg_per_kg_per_h: MgPerKgPerH,
    pub rate_ml_per_h: Option<MlPerH>,
    pub rate_ml_per_h_rounded: Option<MlPerH>,
    /// Dose delivered before this step starts.
    pub cumulative_mg_at_start: Mg,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Titration {
    pub steps: Vec<TitrationStep>,
    pub ceiling_mg_per_h: MgPerH,
    /// The time the schedule covers (the first day, or the planned duration if shorter).
    pub covers_min: Minutes,
    /// Dose over `covers_min` if every step is tolerated.
    pub total_mg: Mg,
    pub source: Source,
}

/// Builds the schedule. Rates never exceed the ceiling; the last step holds until `covers`.
pub fn schedule(
    start: MgPerH,
    step: MgPerH,
    interval: Minutes,
    ceiling: MgPerH,
    covers: Minutes,
    weight: Kg,
    concentration: Option<MgPerMl>,
) -> Titration {
    let mut steps = Vec::new();
    let mut cumulative = Mg(0.0);
    let mut rate = if start.0 > ceiling.0 { ceiling } else { start };
    let mut t = Minutes(0.0);
    loop {
        let ml = concentration.map(|c| rate / c);
        steps.push(TitrationStep {
            start_min: t,
            rate_mg_per_h: rate,
            rate_mg_per_kg_per_h: rate / weight,
            rate_ml_per_h: ml,
            rate_ml_per_h_rounded: ml.map(pump_rate),
            cumulative_mg_at_start: cumulative,
        });
        let next_t = Minutes(t.0 + interval.0);
        let at_ceiling = rate.0 >= ceiling.0;
        if at_ceiling || next_t.0 >= covers.0 {
            cumulative = cumulative + rate * Minutes(covers.0 - t.0);
            break;
        }
        cumulative = cumulative + rate * interval;
        t = next_t;
        let raised = rate.0 + step.0;
        rate = MgPerH(if raised > ceiling.0 {
            ceiling.0
        } else {
            raised
        });
    }
    Titration {
        steps,
        ceiling_mg_per_h: ceiling,
        covers_min: covers,
        total_mg: cumulative,
        source: Source::new(Document::Correll2004, "Methods and Discussion"),
    }
}
