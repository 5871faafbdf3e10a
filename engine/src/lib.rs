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

pub mod acknowledgements;
pub mod alerts;
pub mod as_written;
pub mod care_area;
pub mod checks;
pub mod compare;
pub mod concentration;
pub mod display;
pub mod double_check;
pub mod follow_on;
pub mod inputs;
pub mod monitoring;
pub mod note;
pub mod patient;
pub mod patient_factors;
pub mod plan;
pub mod pre_infusion;
pub mod preparation;
pub mod profile;
pub mod protocols;
pub mod record;
pub mod rescue;
pub mod response;
pub mod rounding;
pub mod routes;
pub mod sources;
pub mod targets;
pub mod thresholds;
pub mod titration;
pub mod units;
pub mod validation;

mod calculate;
mod result;

pub use calculate::{assess_response_only, calculate, calculate_with, withheld};
pub use inputs::Inputs;
pub use result::*;
