//! Planning: from the entries to the plan and its checks. The raw entries (`inputs`, one text per
//! prefill key), each read and range-checked into a typed value or an error naming the field
//! (`fields`, `as_written` for a bolus in mL or a rate in mL/h, `validation`), a published
//! protocol filled into the entries (`presets`), the plan in every unit with its pump and syringe
//! figures (`plan`), the inpatient titration schedule, the limits and alerts the plan is checked
//! against (`checks`), and the preparation of the syringe or bag. It reads the clinical knowledge
//! and arithmetic; it never builds the result.

pub mod as_written;
pub mod checks;
pub(crate) mod fields;
pub mod inputs;
pub mod plan;
pub mod preparation;
pub(crate) mod presets;
pub mod titration;
pub mod validation;
