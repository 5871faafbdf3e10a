//! The care levels a plan may need and the care areas a clinician chooses from: four levels in the
//! words of the guideline's question 6 and Table 6, and an institution profile's own areas, each
//! mapped onto a level. The vocabulary only: which level a monitoring tier requires, and whether
//! an area provides it, is `care_area`'s, which re-exports these types.

use serde::Serialize;

/// What a care area provides, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CareLevel {
    /// An outpatient infusion suite (day unit).
    Outpatient,
    /// A general ward.
    Ward,
    /// A monitored unit: step-down, PACU or similar, with trained nurses and airway-trained,
    /// ACLS-certified staff immediately available (question 6, 004:1494-1498).
    Monitored,
    /// An intensive care unit.
    Icu,
}

impl CareLevel {
    pub const ALL: [CareLevel; 4] = [
        CareLevel::Outpatient,
        CareLevel::Ward,
        CareLevel::Monitored,
        CareLevel::Icu,
    ];

    /// The value of the `care_area` key.
    pub fn key(self) -> &'static str {
        match self {
            CareLevel::Outpatient => "outpatient",
            CareLevel::Ward => "ward",
            CareLevel::Monitored => "monitored",
            CareLevel::Icu => "icu",
        }
    }

    pub fn from_key(key: &str) -> Option<CareLevel> {
        let key = key.trim();
        CareLevel::ALL
            .into_iter()
            .find(|l| l.key().eq_ignore_ascii_case(key))
    }

    pub fn label(self) -> &'static str {
        match self {
            CareLevel::Outpatient => "Outpatient infusion suite (day unit)",
            CareLevel::Ward => "General ward",
            CareLevel::Monitored => "Monitored unit (step-down, PACU or similar)",
            CareLevel::Icu => "Intensive care unit",
        }
    }
}

/// A care area the clinician can choose: one of the four levels, or an institution profile's own,
/// mapped onto a level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareArea {
    /// The value of the `care_area` key.
    pub id: String,
    pub label: String,
    pub level: CareLevel,
}

impl CareArea {
    /// The label, with its level when the profile named it otherwise.
    pub fn name(&self) -> String {
        if self.label == self.level.label() {
            self.label.clone()
        } else {
            format!("{} ({})", self.label, self.level.label())
        }
    }

    /// One of the four levels, under its own name.
    pub fn of_level(level: CareLevel) -> CareArea {
        CareArea {
            id: level.key().to_string(),
            label: level.label().to_string(),
            level,
        }
    }
}
