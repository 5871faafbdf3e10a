//! The calculation: `calculate` runs the pipeline from the entries to the result, one stage after
//! another (entries validated, dosing weight, plan, limits and alerts, monitoring tier, care area,
//! first-infusion target, titration, response, then the result with nothing released while a hard
//! limit is crossed); `double_check` runs it on two independent entries of one order and compares
//! them. The only modules that call `calculate_with`.

pub mod calculate;
pub mod double_check;
