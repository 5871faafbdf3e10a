//! Tests before an infusion (ASRA question 5 and Table 6). Healthy individuals need none.
//!
//! ```
//! use ketamine_engine::pre_infusion::{tests_for, PlanExposure};
//! use ketamine_engine::patient_factors::PatientFactor;
//! let none = tests_for(&[], PlanExposure::default());
//! assert!(none.tests.is_empty());
//! let ecg = tests_for(&[PatientFactor::CardiovascularRisk], PlanExposure::default());
//! assert_eq!(ecg.tests[0].name, "Baseline ECG");
//! ```

use crate::patient_factors::PatientFactor;
use crate::sources::{Document, Source};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PreInfusionTest {
    pub name: &'static str,
    pub reason: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PreInfusion {
    pub tests: Vec<PreInfusionTest>,
    /// Said when no test is called for.
    pub note: Option<&'static str>,
    pub source: Source,
}

/// What the plan exposes the liver to, for "high doses at frequent intervals".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanExposure {
    /// The plan needs the high-dose setting or more.
    pub high_dose: bool,
    /// A course of two or more infusion days.
    pub serial: bool,
    /// A continuous infusion of a day or more, or Correll's inpatient titration.
    pub longer_than_a_day: bool,
}

const Q5_T6: Source = Source::new(Document::Asra2018, "question 5 and Table 6");

pub fn tests_for(factors: &[PatientFactor], exposure: PlanExposure) -> PreInfusion {
    let healthy = factors.is_empty();
    let mut tests = Vec::new();
    let ecg_for: Vec<&str> = factors
        .iter()
        .filter(|f| f.needs_ecg())
        .map(|f| f.label())
        .collect();
    if !ecg_for.is_empty() {
        tests.push(PreInfusionTest {
            name: "Baseline ECG",
            reason: format!(
                "To rule out poorly controlled ischemic heart disease ({}).",
                ecg_for.join("; ")
            ),
            source: Q5_T6,
        });
    }
    let mut liver_for: Vec<String> = factors
        .iter()
        .filter(|f| f.needs_liver_tests())
        .map(|f| f.label().to_string())
        .collect();
    // "High doses at frequent intervals" is not defined by the guideline; a high-dose plan given
    // on two or more days is read as meeting it.
    if exposure.high_dose && exposure.serial {
        liver_for.push("high doses at frequent intervals".into());
    }
    let mut source = Q5_T6;
    if exposure.longer_than_a_day {
        // Correll monitored the liver before and during treatment (001:914-917); enzymes rose in
        // four patients, mostly with long infusions, and again on re-exposure (001:609-623).
        liver_for.push("continuous infusion of a day or more (Correll)".into());
        if factors.iter().all(|f| !f.needs_liver_tests())
            && !(exposure.high_dose && exposure.serial)
        {
            source = Source::new(Document::Correll2004, "Results and Discussion");
        }
    }
    if !liver_for.is_empty() {
        // The grade belongs to the guideline's recommendation, not to Correll's observation.
        let grade = if source == Q5_T6 { " (grade C)" } else { "" };
        tests.push(PreInfusionTest {
            name: "Baseline and post-infusion liver function tests",
            reason: format!("Consider case by case{grade}: {}.", liver_for.join("; ")),
            source,
        });
    }
    let note = match (tests.is_empty(), healthy) {
        (false, _) => None,
        (true, true) => Some("No testing is necessary for healthy individuals (grade C)."),
        (true, false) => Some("No test is specifically called for by these factors; testing for other conditions is the clinician's judgment."),
    };
    PreInfusion {
        tests,
        note,
        source: Q5_T6,
    }
}
