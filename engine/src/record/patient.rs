//! Age and sex from the record's `Patient`: age in whole years from `birthDate` on a given day,
//! sex from the administrative `gender` where it is female or male, labelled as such.

use super::date::{Date, Precision};
use super::fhir::Patient;
use super::label::{self, quoted};
use super::{FromRecord, Limits, MAX_ANSWER_BYTES};
use crate::display::number;

/// The age and sex fields as the record fills them.
#[derive(Clone, Debug, PartialEq)]
pub struct PatientFields {
    pub age: FromRecord,
    pub sex: FromRecord,
}

const AGE_BY_HAND: &str = "enter the age by hand";
const SEX_BY_HAND: &str = "choose the sex by hand if the dosing weight needs it";

/// Age and sex from a `Patient` resource, which must be `patient_id`'s; `today` is the local date.
///
/// ```
/// use ketamine_engine::record::{patient, date::Date, Limits};
/// let json = r#"{"resourceType": "Patient", "id": "p1", "birthDate": "1970-11-27",
///                "gender": "female"}"#;
/// let p = patient(json, "p1", Date::parse("2026-11-27").unwrap(), &Limits::default());
/// assert_eq!(p.age.value(), Some("56"));
/// assert_eq!(p.age.line(), "From the record: 56 years (born 1970-11-27)");
/// assert_eq!(p.sex.value(), Some("female"));
/// ```
pub fn patient(text: &str, patient_id: &str, today: Date, limits: &Limits) -> PatientFields {
    let both = |why: String| PatientFields {
        age: FromRecord::NotFilled {
            line: label::not_filled(&why, AGE_BY_HAND),
        },
        sex: FromRecord::NotFilled {
            line: label::not_filled(&why, SEX_BY_HAND),
        },
    };
    if text.len() > MAX_ANSWER_BYTES {
        return both(format!(
            "The record's patient details are larger than {} KB",
            MAX_ANSWER_BYTES / 1024
        ));
    }
    let p: Patient = match serde_json::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            return both(format!(
                "The record's patient details could not be read ({e})"
            ))
        }
    };
    if p.resource_type != "Patient" || p.id.as_deref() != Some(patient_id) {
        return both("The record's answer is not this patient's details".into());
    }
    PatientFields {
        age: age(p.birth_date.as_deref(), today, limits.age_years),
        sex: sex(p.gender.as_deref()),
    }
}

fn age(birth: Option<&str>, today: Date, (min, max): (f64, f64)) -> FromRecord {
    let refuse = |why: String| FromRecord::NotFilled {
        line: label::not_filled(&why, AGE_BY_HAND),
    };
    let Some(text) = birth else {
        return refuse("The record has no birth date".into());
    };
    // birthDate is a FHIR `date`: a time after it is not allowed.
    let born = match Date::parse_fhir(text) {
        Some(Precision::Day(d)) if !text.contains('T') => d,
        Some(Precision::Partial) => {
            return refuse(format!(
                "The record gives only part of the birth date ({}), not the day",
                quoted(text)
            ))
        }
        _ => {
            return refuse(format!(
                "The record's birth date {} is not a date",
                quoted(text)
            ))
        }
    };
    if born > today {
        return refuse(format!("The record's birth date {born} is after today"));
    }
    let years = born.whole_years_until(today) as f64;
    if !(min..=max).contains(&years) {
        return refuse(format!(
            "The record's birth date {born} gives {} years, outside the calculator's {} to {} years",
            number(years),
            number(min),
            number(max)
        ));
    }
    let recorded = format!("{} years (born {born})", number(years));
    FromRecord::Filled {
        value: number(years),
        line: label::from_record(&recorded),
        recorded,
        old: false,
    }
}

/// FHIR's `Patient.gender` is the administrative gender, not a clinical sex: the line says which
/// it is, so that the clinician can judge it for the ideal-weight formula.
fn sex(gender: Option<&str>) -> FromRecord {
    match gender {
        Some(g @ ("female" | "male")) => {
            let recorded = format!("{g} (administrative gender)");
            FromRecord::Filled {
                value: g.to_string(),
                line: label::from_record(&recorded),
                recorded,
                old: false,
            }
        }
        // FHIR's other and unknown say nothing about the sex the ideal-weight formula needs.
        Some(g) => FromRecord::NotFilled {
            line: label::not_filled(
                &format!(
                    "The record gives the administrative gender as {}",
                    quoted(g)
                ),
                SEX_BY_HAND,
            ),
        },
        None => FromRecord::NotFilled {
            line: label::not_filled("The record gives no administrative gender", SEX_BY_HAND),
        },
    }
}
