//! The patient banner: who the record's values belong to (name, birth date, an identifier), read
//! from the Patient the flow has already fetched, so the clinician can check it is the patient in
//! front of them (SMART's `need_patient_banner`; in a standalone launch the sign-in server's picker
//! chose the patient). Kept in memory only: never in the address, storage or a link.

use serde::Deserialize;

/// What the banner shows. Each part is `None` when the record has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Banner {
    pub name: Option<String>,
    pub birth_date: Option<String>,
    /// The first identifier with a value, with its type's words when the record gives them.
    pub identifier: Option<String>,
}

#[derive(Deserialize)]
struct PatientJson {
    #[serde(default)]
    name: Vec<HumanName>,
    #[serde(rename = "birthDate")]
    birth_date: Option<String>,
    #[serde(default)]
    identifier: Vec<Identifier>,
}

#[derive(Deserialize)]
struct HumanName {
    #[serde(rename = "use")]
    use_: Option<String>,
    text: Option<String>,
    family: Option<String>,
    #[serde(default)]
    given: Vec<String>,
}

#[derive(Deserialize)]
struct Identifier {
    #[serde(rename = "type")]
    kind: Option<CodeableConcept>,
    value: Option<String>,
}

#[derive(Deserialize)]
struct CodeableConcept {
    text: Option<String>,
    #[serde(default)]
    coding: Vec<Coding>,
}

#[derive(Deserialize)]
struct Coding {
    code: Option<String>,
}

/// Text from the record, without control characters and cut short.
fn clean(text: &str) -> Option<String> {
    let s: String = text.chars().filter(|c| !c.is_control()).take(80).collect();
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

impl HumanName {
    fn words(&self) -> Option<String> {
        if let Some(text) = self.text.as_deref().and_then(clean) {
            return Some(text);
        }
        let mut parts: Vec<&str> = self.given.iter().map(String::as_str).collect();
        parts.extend(self.family.as_deref());
        clean(&parts.join(" "))
    }
}

impl Banner {
    /// Reads the Patient resource's text; `None` when it is not a Patient that can be read.
    ///
    /// ```
    /// use ketamine_calculator::smart::banner::Banner;
    /// let b = Banner::from_patient(r#"{"resourceType":"Patient","name":[{"family":"Recent","given":["Test"]}],"birthDate":"1968-03-09"}"#).unwrap();
    /// assert_eq!(b.line(), "Test Recent, born 1968-03-09");
    /// ```
    pub fn from_patient(text: &str) -> Option<Banner> {
        let p: PatientJson = serde_json::from_str(text).ok()?;
        // The official name first, as the record files the patient.
        let name = p
            .name
            .iter()
            .find(|n| n.use_.as_deref() == Some("official"))
            .and_then(HumanName::words)
            .or_else(|| p.name.iter().find_map(HumanName::words));
        let identifier = p.identifier.iter().find_map(|i| {
            let value = clean(i.value.as_deref()?)?;
            let kind = i.kind.as_ref().and_then(|k| {
                k.text.as_deref().and_then(clean).or_else(|| {
                    k.coding
                        .iter()
                        .find_map(|c| c.code.as_deref().and_then(clean))
                })
            });
            Some(match kind {
                Some(kind) => format!("{kind} {value}"),
                None => format!("ID {value}"),
            })
        });
        Some(Banner {
            name,
            birth_date: p.birth_date.as_deref().and_then(clean),
            identifier,
        })
    }

    /// The banner's words: "Test Recent, born 1968-03-09, MR 0001"; says what the record lacks.
    pub fn line(&self) -> String {
        let mut parts = vec![self
            .name
            .clone()
            .unwrap_or_else(|| "no name in the record".into())];
        parts.push(match &self.birth_date {
            Some(d) => format!("born {d}"),
            None => "no birth date in the record".into(),
        });
        parts.extend(self.identifier.clone());
        parts.join(", ")
    }
}
