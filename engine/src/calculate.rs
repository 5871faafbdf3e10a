//! Inputs to result: validation first, and no number unless every required input is valid.

use crate::inputs::Inputs;
use crate::result::{CalculationResult, FieldError, Range, Status};
use crate::sources::{Document, Source};

/// Computes the full result for these inputs. Never panics; never returns a non-finite number.
pub fn calculate(inputs: &Inputs) -> CalculationResult {
    let weight = match inputs.weight.as_deref().map(str::parse::<f64>) {
        Some(Ok(w)) if (20.0..=350.0).contains(&w) => w,
        _ => {
            return CalculationResult::invalid(vec![FieldError {
                field: "weight",
                message: "Weight: enter a number from 20 to 350 kg".into(),
            }])
        }
    };
    CalculationResult {
        status: Status::Ok,
        errors: vec![],
        dosing_weight_kg: Some(weight),
        route: Some("iv"),
        bolus_range_mg: Some(Range { min: 0.0, max: 0.35 * weight }),
        infusion_range_mg_per_h: Some(Range { min: 0.5 * weight, max: 2.0 * weight }),
        ranges_source: Some(Source::new(Document::Asra2018, "Table 6")),
    }
}
