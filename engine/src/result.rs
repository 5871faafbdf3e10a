//! The engine's answer, serialized with serde to the result of the embed contract v1
//! (`shared/spec/embed-api-v1.md`). Masses in mg, rates as named, durations in minutes, all
//! unrounded; `rounded` fields are the separate, explicit rounding for a pump or a syringe.

use crate::sources::Source;
use serde::Serialize;

/// `ok`, or `invalid` when a required input is missing or out of range or a hard limit is crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Invalid,
}

/// Why a result is invalid: the prefill key of the field and a message naming the accepted range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// A closed interval of a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

/// The complete result of one calculation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalculationResult {
    pub status: Status,
    pub errors: Vec<FieldError>,
    /// The weight the doses are based on, in kg.
    pub dosing_weight_kg: Option<f64>,
    /// The route, as in the prefill key.
    pub route: Option<&'static str>,
    /// The route's chronic-pain bolus range at the dosing weight, in mg.
    pub bolus_range_mg: Option<Range>,
    /// The route's chronic-pain infusion range at the dosing weight, in mg/h.
    pub infusion_range_mg_per_h: Option<Range>,
    /// Where the two ranges above come from.
    pub ranges_source: Option<Source>,
}

impl CalculationResult {
    /// A result that carries only errors: no number can leak out of invalid input.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        CalculationResult {
            status: Status::Invalid,
            errors,
            dosing_weight_kg: None,
            route: None,
            bolus_range_mg: None,
            infusion_range_mg_per_h: None,
            ranges_source: None,
        }
    }
}
