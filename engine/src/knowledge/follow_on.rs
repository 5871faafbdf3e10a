//! Follow-on therapy for responders, in lieu of serial infusions (ASRA question 4; Patil).
//! Weight-based regimens are shown in mg at the dosing weight.
//!
//! ```
//! use ketamine_engine::follow_on::follow_on;
//! use ketamine_engine::units::Kg;
//! let options = follow_on(Kg(70.0), false);
//! assert!(options.options[0].regimen.contains("35 mg every 6 h")); // 0.5 mg/kg x 70 kg
//! ```

use crate::display::{number, quantity};
use crate::sources::{Document, Source};
use crate::units::Kg;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowOnOption {
    pub name: &'static str,
    pub regimen: String,
    pub evidence: &'static str,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowOn {
    pub options: Vec<FollowOnOption>,
    pub warnings: Vec<(&'static str, Source)>,
}

const Q4: Source = Source::new(Document::Asra2018, "question 4 and Table 6");

/// Follow-on options at the dosing weight; `active_substance_abuse` adds the guideline's
/// warning about prescribing oral ketamine to patients at risk of abuse.
pub fn follow_on(weight: Kg, active_substance_abuse: bool) -> FollowOn {
    let w = weight.0;
    let mut warnings = vec![
        ("Oral ketamine has significant abuse potential and a high street value: weigh the risks in patients with a history of abuse, with surveillance as for chronic opioid therapy.", Q4),
        ("Oral and intranasal ketamine can cause hallucinations and impair judgment and psychomotor ability: take precautions against accidents, including while driving.", Q4),
    ];
    if active_substance_abuse {
        warnings.insert(0, ("Active substance abuse: the risks of prescribing oral ketamine in the community should be weighed against the benefits, with proper surveillance.", Q4));
    }
    FollowOn {
        options: vec![
            FollowOnOption {
                name: "Oral ketamine",
                regimen: format!("150 mg/day, or 0.5 mg/kg every 6 h ({} every 6 h at {} kg)", quantity(0.5 * w, "mg"), number(w)),
                evidence: "Low-level evidence (grade B, low certainty for oral preparations)",
                source: Q4,
            },
            FollowOnOption {
                name: "Oral dextromethorphan",
                regimen: format!("0.5-1 mg/kg every 8 h ({} to {} of dextromethorphan every 8 h at {} kg)", number(0.5 * w), quantity(w, "mg"), number(w)),
                evidence: "Low-level evidence",
                source: Q4,
            },
            FollowOnOption {
                name: "Intranasal ketamine for breakthrough pain",
                regimen: format!("1-5 sprays of 10 mg; or (S)-ketamine 0.2-0.4 mg/kg ({} to {} at {} kg); or 25 mg every 6 h as needed", number(0.2 * w), quantity(0.4 * w, "mg"), number(w)),
                evidence: "Moderate evidence (grade B, moderate certainty)",
                source: Q4,
            },
            FollowOnOption {
                name: "Memantine",
                regimen: "10 mg by mouth twice daily, after at least one successful infusion".to_string(),
                evidence: "Retrospective series: improved quality of life in 6 of 9 patients; the guideline rates memantine's evidence for neuropathic pain as mostly negative",
                source: Source::new(Document::Patil2012, "Results and Table 5; ASRA 2018 question 4"),
            },
        ],
        warnings,
    }
}
