//! The patient's record: what the calculator takes from a health record (SMART on FHIR) to fill
//! the form, and the line shown beside each field saying where its value came from.
//!
//! The browser fetches the FHIR JSON (`src/smart/`); everything here is pure: a `Patient` gives
//! the age and sex, the newest body-weight (LOINC 29463-7) and body-height (8302-2) Observations
//! give the weight in kg and the height in cm. A value is filled only when it is a measurement of
//! this patient, in a unit the calculator converts, dated, finite, positive and inside the
//! calculator's own accepted range; anything else leaves the field empty with a note saying why.
//! A weight is never defaulted.
//!
//! ```
//! use ketamine_engine::record::{self, date::Date, Limits};
//! let today = Date::parse("2026-11-27").unwrap();
//! let bundle = r#"{"resourceType": "Bundle", "entry": [{"resource": {
//!     "resourceType": "Observation", "status": "final",
//!     "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
//!     "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-11-20",
//!     "valueQuantity": {"value": 181.7, "unit": "lb", "system": "http://unitsofmeasure.org",
//!                       "code": "[lb_av]"}}}]}"#;
//! let weight = record::weight(bundle, "p1", today, &Limits::default());
//! assert_eq!(weight.value(), Some("82.4"));
//! assert_eq!(weight.line(), "From the record: 181.7 lb (82.4 kg), measured 2026-11-20");
//! ```

pub mod date;
pub mod fhir;
mod label;
pub mod measurement;
mod patient;

pub use measurement::{height, search_problem, weight};
pub use patient::{patient, PatientFields};

use crate::profile::{Ehr, HEIGHT_MAX_AGE_DAYS, WEIGHT_MAX_AGE_DAYS};
use crate::thresholds::Thresholds;
use crate::validation::{AGE_YEARS_ACCEPTED, HEIGHT_CM_ACCEPTED};

/// The largest FHIR answer read, in bytes: one Patient is a few KB, a search of 50 weights about
/// 50 to 100 KB; a larger answer is a mistake or hostile.
pub const MAX_ANSWER_BYTES: usize = 256 * 1024;

/// What the record gives for one field of the form.
#[derive(Clone, Debug, PartialEq)]
pub enum FromRecord {
    /// Fill the field with `value`, in the field's first unit (kg, cm, years) or its choice key.
    Filled {
        /// The field's text, e.g. `82.4`.
        value: String,
        /// What the record says, as shown: `82.4 kg`, `181.7 lb (82.4 kg)`, `female`.
        recorded: String,
        /// The line beside the field: where the value came from and when it was measured.
        line: String,
        /// Older than the profile's limit: the line says so and asks for a new measurement.
        old: bool,
    },
    /// Leave the field empty; `line` says why and what to do instead.
    NotFilled { line: String },
}

impl FromRecord {
    /// The text to put in the field, when the record gave one.
    pub fn value(&self) -> Option<&str> {
        match self {
            FromRecord::Filled { value, .. } => Some(value),
            FromRecord::NotFilled { .. } => None,
        }
    }

    /// The line beside the field.
    pub fn line(&self) -> &str {
        match self {
            FromRecord::Filled { line, .. } | FromRecord::NotFilled { line } => line,
        }
    }

    /// Whether the measurement is older than the profile's limit.
    pub fn old(&self) -> bool {
        matches!(self, FromRecord::Filled { old: true, .. })
    }

    /// The line once the field no longer holds the record's value: "Changed by hand; the record
    /// gave 82.4 kg". `None` when nothing was filled.
    ///
    /// ```
    /// use ketamine_engine::record::FromRecord;
    /// let filled = FromRecord::Filled { value: "82.4".into(), recorded: "82.4 kg".into(),
    ///     line: "From the record: 82.4 kg, measured 2026-11-20".into(), old: false };
    /// assert_eq!(filled.changed_by_hand().unwrap(), "Changed by hand; the record gave 82.4 kg");
    /// ```
    pub fn changed_by_hand(&self) -> Option<String> {
        match self {
            FromRecord::Filled { recorded, .. } => Some(label::changed_by_hand(recorded)),
            FromRecord::NotFilled { .. } => None,
        }
    }
}

/// What decides whether a value is filled and whether it is old: the profile's ages and the
/// calculator's accepted ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    pub weight_max_age_days: u32,
    pub height_max_age_days: u32,
    /// The weights the calculator accepts, in kg (`Thresholds::weight_accepted`).
    pub weight_kg: (f64, f64),
    /// The heights the calculator accepts, in cm (`validation::HEIGHT_CM_ACCEPTED`).
    pub height_cm: (f64, f64),
    /// The ages the calculator accepts, in years (`validation::AGE_YEARS_ACCEPTED`).
    pub age_years: (f64, f64),
    /// The FHIR server's base (the profile's `fhir_base_url`): an absolute subject reference
    /// counts only on it. `None`: only relative references (`Patient/{id}`) count.
    pub fhir_base_url: Option<String>,
}

impl Limits {
    /// The limits of a deployment: its profile's `ehr` ages, the ranges of the limits in force.
    pub fn new(ehr: &Ehr, thresholds: &Thresholds) -> Limits {
        let (min, max) = thresholds.weight_accepted.value;
        Limits {
            weight_max_age_days: ehr.weight_max_age_days,
            height_max_age_days: ehr.height_max_age_days,
            weight_kg: (min.0, max.0),
            fhir_base_url: Some(ehr.fhir_base_url.clone()),
            ..Limits::default()
        }
    }
}

impl Default for Limits {
    /// The default ages and the guideline's ranges.
    fn default() -> Limits {
        let (min, max) = Thresholds::guideline().weight_accepted.value;
        Limits {
            weight_max_age_days: WEIGHT_MAX_AGE_DAYS.0,
            height_max_age_days: HEIGHT_MAX_AGE_DAYS.0,
            weight_kg: (min.0, max.0),
            height_cm: HEIGHT_CM_ACCEPTED,
            age_years: AGE_YEARS_ACCEPTED,
            fhir_base_url: None,
        }
    }
}
