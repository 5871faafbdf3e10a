//! One entry read from text: a plain decimal number, range-checked against its field, or a
//! [`FieldError`] that names the field and the accepted range. Every numeric entry of the
//! validation, the order as written and the preparation is read through here; `validation`
//! re-exports these.

use crate::display::number;
use serde::Serialize;

/// Why a result is invalid: the prefill key of the field and a message naming the accepted range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// The longest number accepted, in characters: enough for any real entry.
const MAX_NUMBER_LEN: usize = 12;

/// Why a text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    DecimalComma,
    Negative,
    TooLong,
}

/// Parses a plain decimal number: digits with at most one decimal point. Rejects signs,
/// exponents, `inf`, `NaN`, thousands separators and anything longer than 12 characters, so
/// that nothing non-finite or surprising can enter the engine.
pub fn parse_decimal(text: &str) -> Result<f64, NumberProblem> {
    let text = text.trim();
    if text.len() > MAX_NUMBER_LEN {
        return Err(NumberProblem::TooLong);
    }
    if text.starts_with('-') {
        return Err(NumberProblem::Negative);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let points = text.chars().filter(|&c| c == '.').count();
    if digits == 0 || points > 1 || digits + points != text.len() {
        if text.contains(',') && text.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return Err(NumberProblem::DecimalComma);
        }
        return Err(NumberProblem::NotANumber);
    }
    text.parse::<f64>()
        .map_err(|_| NumberProblem::NotANumber)
        .and_then(|v| {
            if v.is_finite() {
                Ok(v)
            } else {
                Err(NumberProblem::NotANumber)
            }
        })
}

/// A numeric field: its prefill key, the label a clinician sees, unit and accepted range.
pub struct NumberField {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl NumberField {
    pub fn range_text(&self) -> String {
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        let kind = if self.whole {
            "a whole number"
        } else {
            "a number"
        };
        format!(
            "enter {kind} from {} to {}{unit}",
            number(self.min),
            number(self.max)
        )
    }

    /// Parses and range-checks a value.
    pub fn parse(&self, text: &str) -> Result<f64, FieldError> {
        let error = |what: String| FieldError {
            field: self.key,
            message: format!("{}: {what}", self.label),
        };
        let value = parse_decimal(text).map_err(|problem| {
            error(match problem {
                NumberProblem::DecimalComma => format!(
                    "use a point as the decimal separator; {}",
                    self.range_text()
                ),
                NumberProblem::Negative => format!("cannot be negative; {}", self.range_text()),
                NumberProblem::TooLong => format!("too long; {}", self.range_text()),
                NumberProblem::NotANumber => format!("not a number; {}", self.range_text()),
            })
        })?;
        if self.whole && value.fract() != 0.0 {
            return Err(error(format!("not a whole number; {}", self.range_text())));
        }
        if value < self.min || value > self.max {
            return Err(error(format!(
                "{} is out of range; {}",
                number(value),
                self.range_text()
            )));
        }
        Ok(value)
    }
}
