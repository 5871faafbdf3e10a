//! The patient and the weight the doses are based on: actual body weight by default; ideal
//! (Devine) or adjusted body weight on request, with the formula reported.
//!
//! ```
//! use ketamine_engine::patient::{dosing_weight, DosingWeightBasis, Sex};
//! use ketamine_engine::units::{Cm, Kg};
//! // Male, 70 in (177.8 cm): IBW = 50 + 2.3 x 10 = 73 kg; actual 120 kg:
//! // adjusted = 73 + 0.4 x (120 - 73) = 91.8 kg.
//! let dw = dosing_weight(Kg(120.0), Some(Cm::from_in(70.0)), Some(Sex::Male), DosingWeightBasis::Adjusted).unwrap();
//! assert!((dw.kg.0 - 91.8).abs() < 1e-9);
//! ```

use crate::display::number;
use crate::sources::{Document, Source};
use crate::units::{Cm, Kg};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

/// Which weight the doses are based on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DosingWeightBasis {
    Actual,
    Ideal,
    Adjusted,
}

impl DosingWeightBasis {
    pub fn key(self) -> &'static str {
        match self {
            DosingWeightBasis::Actual => "actual",
            DosingWeightBasis::Ideal => "ideal",
            DosingWeightBasis::Adjusted => "adjusted",
        }
    }
}

/// Devine: 50 kg (male) or 45.5 kg (female) plus 2.3 kg per inch of height over 60 in.
const DEVINE_BASE_MALE_KG: f64 = 50.0;
const DEVINE_BASE_FEMALE_KG: f64 = 45.5;
const DEVINE_KG_PER_INCH: f64 = 2.3;
const DEVINE_BASE_HEIGHT_IN: f64 = 60.0;
/// Devine's formula adds weight per inch over 60 in; below 60 in it would subtract and can reach
/// zero or less (a 100 cm woman: 45.5 + 2.3 x (39.4 - 60) = -1.9 kg). Ideal and adjusted
/// weights are refused below this height rather than extrapolated.
pub const DEVINE_MIN_HEIGHT: Cm = Cm(DEVINE_BASE_HEIGHT_IN * crate::units::CM_PER_IN);
/// Adjusted body weight = IBW + 0.4 x (actual - IBW).
const ADJUSTED_FACTOR: f64 = 0.4;

pub const DEVINE: Source = Source::new(Document::Devine1974, "ideal body weight");
pub const DOSING_WEIGHT_PRACTICE: Source = Source::new(
    Document::MedicationSafety,
    "dosing weight for obese patients",
);

/// Ideal body weight by Devine's formula, defined from 60 in (152.4 cm) up; below that the
/// caller refuses ideal and adjusted weight (see [`DEVINE_MIN_HEIGHT`]).
pub fn ideal_body_weight(sex: Sex, height: Cm) -> Kg {
    let base = match sex {
        Sex::Male => DEVINE_BASE_MALE_KG,
        Sex::Female => DEVINE_BASE_FEMALE_KG,
    };
    Kg(base + DEVINE_KG_PER_INCH * (height.to_in() - DEVINE_BASE_HEIGHT_IN))
}

/// Adjusted body weight from ideal and actual.
pub fn adjusted_body_weight(ideal: Kg, actual: Kg) -> Kg {
    Kg(ideal.0 + ADJUSTED_FACTOR * (actual.0 - ideal.0))
}

/// The weight used for dosing and how it was arrived at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DosingWeight {
    pub kg: Kg,
    /// The basis actually used (may be `actual` when ideal or adjusted would exceed it).
    pub basis: DosingWeightBasis,
    /// The basis the clinician asked for.
    pub requested: DosingWeightBasis,
    pub actual_kg: Kg,
    pub ideal_kg: Option<Kg>,
    pub adjusted_kg: Option<Kg>,
    /// The formula with this patient's numbers, for the clinician to check.
    pub formula: String,
    pub source: Source,
    /// Set when the requested basis was replaced by actual weight, with the reason.
    pub note: Option<String>,
}

/// Why a dosing weight cannot be computed: the missing field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DosingWeightNeeds {
    Height,
    Sex,
    /// Height under 60 in, where Devine's formula is not defined.
    HeightForDevine,
}

/// Computes the dosing weight. Ideal and adjusted need height and sex. Where ideal or adjusted
/// would be above the actual weight (a lean patient), the actual weight is used: a weight
/// scalar for obesity must never raise a dose.
pub fn dosing_weight(
    actual: Kg,
    height: Option<Cm>,
    sex: Option<Sex>,
    requested: DosingWeightBasis,
) -> Result<DosingWeight, Vec<DosingWeightNeeds>> {
    if requested != DosingWeightBasis::Actual
        && height.is_some_and(|h| h.0 < DEVINE_MIN_HEIGHT.0 - 1e-9)
    {
        return Err(vec![DosingWeightNeeds::HeightForDevine]);
    }
    let ideal = match (height, sex) {
        (Some(h), Some(s)) if h.0 >= DEVINE_MIN_HEIGHT.0 - 1e-9 => {
            Some((ideal_body_weight(s, h), s, h))
        }
        _ => None,
    };
    if requested != DosingWeightBasis::Actual && ideal.is_none() {
        let mut needs = Vec::new();
        if height.is_none() {
            needs.push(DosingWeightNeeds::Height);
        }
        if sex.is_none() {
            needs.push(DosingWeightNeeds::Sex);
        }
        return Err(needs);
    }
    let ideal_kg = ideal.map(|(ibw, _, _)| ibw);
    let adjusted_kg = ideal_kg.map(|ibw| adjusted_body_weight(ibw, actual));
    let devine_text = |ibw: Kg, sex: Sex, h: Cm| {
        let base = if sex == Sex::Male {
            DEVINE_BASE_MALE_KG
        } else {
            DEVINE_BASE_FEMALE_KG
        };
        format!(
            "IBW (Devine) = {} + 2.3 x ({} in - 60) = {} kg",
            number(base),
            number(h.to_in()),
            number(ibw.0)
        )
    };
    let (kg, formula, source) = match (requested, ideal) {
        (DosingWeightBasis::Actual, _) | (_, None) => (
            actual,
            format!("actual body weight = {} kg", number(actual.0)),
            DOSING_WEIGHT_PRACTICE,
        ),
        (DosingWeightBasis::Ideal, Some((ibw, s, h))) => (ibw, devine_text(ibw, s, h), DEVINE),
        (DosingWeightBasis::Adjusted, Some((ibw, s, h))) => {
            let adj = adjusted_body_weight(ibw, actual);
            let text = format!(
                "{}; adjusted = IBW + 0.4 x (actual - IBW) = {} + 0.4 x ({} - {}) = {} kg",
                devine_text(ibw, s, h),
                number(ibw.0),
                number(actual.0),
                number(ibw.0),
                number(adj.0)
            );
            (adj, text, DEVINE)
        }
    };
    if requested != DosingWeightBasis::Actual && kg.0 > actual.0 {
        return Ok(DosingWeight {
            kg: actual,
            basis: DosingWeightBasis::Actual,
            requested,
            actual_kg: actual,
            ideal_kg,
            adjusted_kg,
            formula: format!("{formula}; above the actual weight, so actual body weight ({} kg) is used", number(actual.0)),
            source,
            note: Some(format!(
                "The {} body weight is above the actual weight; the actual weight is used so that the dose is not raised.",
                requested.key()
            )),
        });
    }
    let basis = if ideal.is_none() {
        DosingWeightBasis::Actual
    } else {
        requested
    };
    Ok(DosingWeight {
        kg,
        basis,
        requested,
        actual_kg: actual,
        ideal_kg,
        adjusted_kg,
        formula,
        source,
        note: None,
    })
}
