//! The clinical engine of the ketamine calculator: pure Rust, no web dependencies.
//!
//! Text inputs in (the prefill keys of the embed contract), one sourced, serializable result out.
//! The browser app, the URL fragment and the embed API only display and transmit what
//! [`calculate`] returns; no clinical figure lives anywhere else.
//!
//! ```
//! use ketamine_engine::{calculate, Inputs, Status};
//! let result = calculate(&Inputs::from_fragment("weight=70&route=iv"));
//! assert_eq!(result.status, Status::Ok);
//! assert_eq!(result.bolus_range_mg.unwrap().max, 24.5); // 0.35 mg/kg x 70 kg
//! ```
//!
//! The source is grouped by what it is, lowest first (a folder reads only the folders before it in
//! this list): `arithmetic` (units, rounding, display), `knowledge` (what the sources say),
//! `planning` (entries to the plan and its checks), `result` (what a calculation returns, the
//! note, acknowledgements) and `calculation` (the pipeline, and the double check that runs it
//! twice). The public paths stay flat (`ketamine_engine::routes`, `ketamine_engine::plan`, …):
//! the folders are for reading, not part of the API. `node scripts/module-cycles.mjs engine/src`
//! shows that no module imports in a circle.

// Lowest first, as the folders read one another.
mod arithmetic;
mod calculation;
mod knowledge;
mod planning;

/// The patient's record (SMART on FHIR): what the app reads, turned into the form's entries.
pub mod record;
mod result;

pub use arithmetic::{compare, display, rounding, units};
pub use calculation::double_check;
pub use knowledge::{
    alerts, care_area, concentration, follow_on, monitoring, patient, patient_factors,
    pre_infusion, profile, protocols, rescue, response, routes, sources, targets, thresholds,
};
pub use planning::{as_written, checks, inputs, plan, preparation, titration, validation};
pub use result::{acknowledgements, note};

pub use calculation::calculate::{assess_response_only, calculate, calculate_with, withheld};
pub use inputs::Inputs;
pub use result::*;
