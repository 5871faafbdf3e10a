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

pub mod display;
pub mod inputs;
pub mod sources;
pub mod units;

mod calculate;
mod result;

pub use calculate::calculate;
pub use inputs::Inputs;
pub use result::*;
