//! The few FHIR R4 fields the calculator reads, as small serde structs. Not a FHIR model crate:
//! those link every resource type's parser into the app (about 1 MB of wasm, measured in
//! research-2026-11 §1.3). Unknown fields are ignored, as FHIR readers must; a field of the wrong
//! type makes the resource unreadable, which the callers turn into a note, never a guess.

use serde::Deserialize;

/// `Patient`: its id, birth date and administrative gender.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub resource_type: String,
    pub id: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
}

/// A search result `Bundle`. Each entry stays raw JSON text until it is read, so that one
/// unreadable entry is reported as such instead of making the whole answer unreadable.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    pub resource_type: String,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

/// One entry of a `Bundle`.
#[derive(Debug, Deserialize)]
pub struct Entry {
    pub resource: Option<Box<serde_json::value::RawValue>>,
}

/// Only the type of a resource, read first to pass over what is not an Observation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceType {
    pub resource_type: Option<String>,
}

/// `OperationOutcome`: what a server says about a search it answered (`search.mode` `outcome`),
/// e.g. that it ignored a parameter.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct OperationOutcome {
    #[serde(default)]
    pub issue: Vec<Issue>,
}

/// One issue of an `OperationOutcome`: `fatal`, `error`, `warning` or `information`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Issue {
    pub severity: Option<String>,
    pub code: Option<String>,
    pub diagnostics: Option<String>,
}

/// `Observation`: a vital sign with its code, status, subject, value and time.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub resource_type: String,
    pub status: Option<String>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub effective_date_time: Option<String>,
    pub effective_instant: Option<String>,
    pub effective_period: Option<Period>,
    /// When the result was made available, not when it was measured: a weight from last year
    /// entered today is issued today. Read only to say why a measurement has no date.
    pub issued: Option<String>,
    pub value_quantity: Option<Quantity>,
    /// Why there is no value (`not-performed`, `asked-declined`...): named in the note.
    pub data_absent_reason: Option<CodeableConcept>,
    /// Values in parts (as a blood pressure has): not read, named in the note.
    #[serde(default)]
    pub component: Vec<serde::de::IgnoredAny>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct CodeableConcept {
    #[serde(default)]
    pub coding: Vec<Coding>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Coding {
    pub system: Option<String>,
    pub code: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Reference {
    pub reference: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Period {
    pub start: Option<String>,
}

/// `Quantity`: the value, the UCUM code (`code`, with `system` UCUM) and the display unit;
/// `comparator` (`<`, `<=`, `>=`, `>`) makes the value a bound, not a measurement.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Quantity {
    pub value: Option<f64>,
    pub comparator: Option<String>,
    pub unit: Option<String>,
    pub system: Option<String>,
    pub code: Option<String>,
}

pub const LOINC: &str = "http://loinc.org";

/// Whether `id` is a FHIR `id` safe to put in a request path: 1 to 64 of `A-Z a-z 0-9 - .`
/// (FHIR R4 `id`), and not made of dots only, which a URL reads as `.` or `..`: `Patient/..`
/// would ask for the server's base instead of a patient.
///
/// ```
/// use ketamine_engine::record::fhir::valid_id;
/// assert!(valid_id("p-recent.2"));
/// assert!(!valid_id(".."));
/// assert!(!valid_id("p/1"));
/// ```
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !id.bytes().all(|b| b == b'.')
}

impl Observation {
    /// Whether any of its codings is this LOINC code.
    pub fn has_loinc(&self, code: &str) -> bool {
        self.code.as_ref().is_some_and(|c| {
            c.coding
                .iter()
                .any(|k| k.system.as_deref() == Some(LOINC) && k.code.as_deref() == Some(code))
        })
    }

    /// Whether its subject is this patient: `Patient/{id}`, or absolute on this FHIR server
    /// (`{fhir_base_url}/Patient/{id}`). An absolute reference to another server is another
    /// server's patient, whatever its id.
    pub fn is_about(&self, patient_id: &str, fhir_base_url: Option<&str>) -> bool {
        let relative = format!("Patient/{patient_id}");
        self.subject
            .as_ref()
            .and_then(|s| s.reference.as_deref())
            .is_some_and(|r| {
                r == relative
                    || fhir_base_url.is_some_and(|base| {
                        r.strip_prefix(base).and_then(|rest| rest.strip_prefix('/'))
                            == Some(&relative)
                    })
            })
    }

    /// When it was measured: `effectiveDateTime`, `effectiveInstant` or `effectivePeriod.start`.
    /// Never `issued`, which would make an old weight entered today look fresh.
    pub fn measured(&self) -> Option<&str> {
        self.effective_date_time
            .as_deref()
            .or(self.effective_instant.as_deref())
            .or_else(|| self.effective_period.as_ref()?.start.as_deref())
    }
}
