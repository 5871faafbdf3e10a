//! The page's parts, one concern per file. Each reads the shared
//! [`Calculator`](crate::state::Calculator) and renders what the engine returned; none computes
//! a clinical figure.

pub mod alerts;
pub mod care_area;
pub mod double_check;
pub mod fields;
pub mod medications;
pub mod monitoring;
pub mod patient;
pub mod patient_factors;
pub mod plan_inputs;
pub mod plan_result;
pub mod pre_infusion;
pub mod preparation;
pub mod profile_status;
pub mod ranges;
pub mod reference;
pub mod response;
pub mod route_and_protocol;
pub mod share;
pub mod sources;
pub mod summary;
pub mod target;
pub mod titration_chart;
