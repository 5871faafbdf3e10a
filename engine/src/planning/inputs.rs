//! What the clinician (or a host page) entered, exactly as text, keyed by the prefill keys of the
//! embed contract (`docs/embed-api-v1.md`). The form, the URL fragment and `postMessage`
//! prefill all land here, so every path goes through the same validation.
//!
//! ```
//! use ketamine_engine::Inputs;
//! let inputs = Inputs::from_fragment("#weight=70&route=iv");
//! assert_eq!(inputs.weight.as_deref(), Some("70"));
//! assert_eq!(inputs.to_fragment(), "weight=70&route=iv");
//! ```

use serde::{Deserialize, Serialize};

/// Longest value kept from a fragment or message; anything longer is hostile or a paste error and
/// is cut so that validation rejects it with a message rather than the page choking on it.
const MAX_VALUE_LEN: usize = 256;

macro_rules! inputs {
    ($( $(#[$doc:meta])* $field:ident => $key:literal ),* $(,)?) => {
        /// Raw inputs, one optional text per prefill key. `None` and blank both mean "not entered".
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct Inputs {
            $( $(#[$doc])* pub $field: Option<String>, )*
        }

        impl Inputs {
            /// Every key, in the order the fragment is written.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// The value entered for a prefill key, if any.
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $( $key => self.$field.as_deref(), )*
                    _ => None,
                }
            }

            /// Sets a prefill key; returns false for a key that is not part of the contract.
            pub fn set(&mut self, key: &str, value: Option<String>) -> bool {
                let value = value.map(clean).filter(|v| !v.is_empty());
                match key {
                    $( $key => { self.$field = value; true } )*
                    _ => false,
                }
            }
        }
    };
}

inputs! {
    /// Body weight, in `weight_unit`.
    weight => "weight",
    /// `kg` (default) or `lb`.
    weight_unit => "weight_unit",
    /// Height, in `height_unit`; needed for ideal and adjusted body weight.
    height => "height",
    /// `cm` (default) or `in`.
    height_unit => "height_unit",
    /// `female` or `male`; needed for ideal body weight.
    sex => "sex",
    /// Age in years.
    age => "age",
    /// `actual` (default), `ideal` or `adjusted`.
    dosing_weight => "dosing_weight",
    /// `iv` (default), `im`, `intranasal`, `subcut`, `oral`, `rectal`, `topical`.
    route => "route",
    /// A protocol identifier (see `protocols`) or `custom`.
    protocol => "protocol",
    /// Planned bolus, in `bolus_unit`.
    bolus => "bolus",
    /// `mg/kg` (default), `mg` or `mL` (`mL` requires `conc`). An addition to the v1 contract.
    bolus_unit => "bolus_unit",
    /// Planned infusion rate, in `rate_unit`.
    rate => "rate",
    /// `mg/kg/h` (default), `mg/h`, `mcg/kg/min` or `mL/h` (`mL/h` requires `conc`).
    rate_unit => "rate_unit",
    /// Planned infusion duration in minutes (per day for a multi-day course).
    duration_min => "duration_min",
    /// Concentration of the bag or syringe in mg/mL.
    conc => "conc",
    /// Preparation: the vial strength drawn from, in mg/mL (10, 50, 100 or a profile's standard
    /// concentration). An addition to the v1 contract.
    vial_mg_per_ml => "vial_mg_per_ml",
    /// Preparation: `syringe`, `bag` or `prefilled_bag`. An addition to the v1 contract.
    container => "container",
    /// Preparation: the container's volume in whole mL. An addition to the v1 contract.
    container_ml => "container_ml",
    /// Comma-separated patient-factor identifiers (see `patient_factors`).
    risk => "risk",
    /// Pain score before treatment, 0-10.
    pain_before => "pain_before",
    /// Pain score after treatment, 0-10.
    pain_after => "pain_after",
    /// Infusion days in the course (1 when absent). An addition to the v1 contract.
    days => "days",
    /// Treatments already given in the past 12 months. An addition to the v1 contract.
    treatments_this_year => "treatments_this_year",
    /// Weeks that relief lasted after the last treatment. An addition to the v1 contract.
    relief_weeks => "relief_weeks",
    /// Titration step in mg/h for the inpatient titration schedule. An addition to the v1 contract.
    step_mg_per_h => "step_mg_per_h",
    /// Minutes between titration steps. An addition to the v1 contract.
    step_interval_min => "step_interval_min",
    /// Where the plan will be given: `outpatient`, `ward`, `monitored`, `icu`, or a care area of
    /// the institution profile. An addition to the v1 contract.
    care_area => "care_area",
    /// `1` for the compact layout in an iframe.
    embed => "embed",
    /// Origin of the host page that receives results.
    parent_origin => "parent_origin",
    /// Where the institution profile comes from: a same-origin URL, or `message` to wait for the
    /// host page to send it. An addition to the v1 contract.
    profile => "profile",
}

fn clean(value: String) -> String {
    let trimmed = value.trim();
    let mut end = trimmed.len().min(MAX_VALUE_LEN);
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    trimmed[..end].to_string()
}

impl Inputs {
    /// Keys that describe where and under which profile the page runs, not the patient: "Clear"
    /// and a prefill message leave them as they are.
    pub const FRAME_KEYS: [&'static str; 3] = ["embed", "parent_origin", "profile"];

    /// Reads a URL fragment such as `#weight=70&route=iv`. Unknown keys are ignored; a key given
    /// twice keeps its last value.
    pub fn from_fragment(fragment: &str) -> Self {
        let mut inputs = Inputs::default();
        inputs.merge_fragment(fragment);
        inputs
    }

    /// Overlays the keys present in a fragment onto these inputs.
    pub fn merge_fragment(&mut self, fragment: &str) {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for (key, value) in form_urlencoded::parse(fragment.as_bytes()) {
            self.set(&key, Some(value.into_owned()));
        }
    }

    /// Writes the entered values as a fragment (without `#`), keys in contract order.
    pub fn to_fragment(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for key in Self::KEYS {
            if let Some(value) = self.get(key) {
                out.append_pair(key, value);
            }
        }
        out.finish()
    }
}
