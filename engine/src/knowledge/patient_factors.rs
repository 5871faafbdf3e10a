//! Patient factors: the contraindications and precautions of ASRA Table 5 and question 2, and
//! the factors that change monitoring or testing (elderly, comorbidity, cardiovascular and liver
//! risk). Each has the identifier used in the `risk` prefill key, the wording a clinician sees,
//! how strongly the sources advise, and the alert level it raises.
//!
//! ```
//! use ketamine_engine::patient_factors::{PatientFactor, Category};
//! let f = PatientFactor::from_key("pregnancy").unwrap();
//! assert_eq!(f.category(), Category::Pregnancy);
//! ```

use crate::alerts::Level;
use crate::sources::{Document, Source};
use serde::Serialize;

/// The groups of Table 5, plus the factors the guideline names elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Cardiovascular,
    NeurologicalAndOphthalmic,
    Endocrine,
    MetabolicAndHepatic,
    Gastrointestinal,
    Pregnancy,
    Psychiatric,
    /// Factors that change monitoring, testing or candidacy without being in Table 5.
    MonitoringAndTesting,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Cardiovascular,
        Category::NeurologicalAndOphthalmic,
        Category::Endocrine,
        Category::MetabolicAndHepatic,
        Category::Gastrointestinal,
        Category::Pregnancy,
        Category::Psychiatric,
        Category::MonitoringAndTesting,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Cardiovascular => "Cardiovascular",
            Category::NeurologicalAndOphthalmic => "Neurological and ophthalmic",
            Category::Endocrine => "Endocrine (possible potentiation of sympathomimetic effects)",
            Category::MetabolicAndHepatic => "Metabolic and hepatic",
            Category::Gastrointestinal => "Gastrointestinal",
            Category::Pregnancy => "Pregnancy",
            Category::Psychiatric => "Psychiatric",
            Category::MonitoringAndTesting => "Monitoring, testing and candidacy",
        }
    }
}

macro_rules! factors {
    ($( $variant:ident => $key:literal, $category:ident, $level:ident, $label:literal, $advice:literal, $location:literal, $doc:ident; )*) => {
        /// A patient factor. The identifiers are part of the embed contract.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
        pub enum PatientFactor { $( $variant, )* }

        impl PatientFactor {
            pub const ALL: &'static [PatientFactor] = &[$( PatientFactor::$variant, )*];

            /// The identifier used in the `risk` prefill key.
            pub fn key(self) -> &'static str {
                match self { $( PatientFactor::$variant => $key, )* }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|f| f.key() == key)
            }

            pub fn category(self) -> Category {
                match self { $( PatientFactor::$variant => Category::$category, )* }
            }

            /// The alert level the factor raises by itself.
            pub fn level(self) -> Level {
                match self { $( PatientFactor::$variant => Level::$level, )* }
            }

            /// The factor as a clinician reads it in a checklist.
            pub fn label(self) -> &'static str {
                match self { $( PatientFactor::$variant => $label, )* }
            }

            /// What the sources advise, with their strength.
            pub fn advice(self) -> &'static str {
                match self { $( PatientFactor::$variant => $advice, )* }
            }

            pub fn source(self) -> Source {
                match self { $( PatientFactor::$variant => Source::new(Document::$doc, $location), )* }
            }
        }
    };
}

// Levels: the sources do not separate absolute from relative contraindications (question 2), so
// every Table 5 item needs an acknowledgement with a reason (soft) rather than blocking. Two
// block: the absence of consent, since no treatment may proceed without it, and intoxication,
// during which consent cannot be given (the conservative reading of an ungraded Table 5 item).
factors! {
    UnstableAngina => "unstable_angina", Cardiovascular, Soft,
        "Unstable angina",
        "Ketamine should not be used with poorly controlled cardiovascular disease (grade B). Baseline ECG to rule out poorly controlled ischemic heart disease.",
        "Table 5 and question 2", Asra2018;
    PoorlyControlledHypertension => "poorly_controlled_hypertension", Cardiovascular, Soft,
        "Poorly controlled hypertension",
        "Ketamine should not be used with poorly controlled cardiovascular disease (grade B).",
        "Table 5 and question 2", Asra2018;
    HighRiskCoronaryDisease => "high_risk_coronary_disease", Cardiovascular, Soft,
        "High-risk coronary vascular disease",
        "Ketamine should not be used with poorly controlled cardiovascular disease (grade B). Baseline ECG to rule out poorly controlled ischemic heart disease.",
        "Table 5 and question 2", Asra2018;
    ElevatedIntracranialPressure => "elevated_intracranial_pressure", NeurologicalAndOphthalmic, Soft,
        "Elevated intracranial pressure, including after traumatic brain injury or with a tumor",
        "Should not be used, or only in lower dosages with extreme caution (grade C).",
        "Table 5 and question 2", Asra2018;
    ElevatedIntraocularPressure => "elevated_intraocular_pressure", NeurologicalAndOphthalmic, Soft,
        "Elevated intraocular pressure, acute globe injury or glaucoma",
        "Should not be used, or only in lower dosages with extreme caution (grade C).",
        "Table 5 and question 2", Asra2018;
    Hyperthyroidism => "hyperthyroidism", Endocrine, Soft,
        "Hyperthyroidism",
        "Precaution: possible potentiation of sympathomimetic effects.",
        "Table 5", Asra2018;
    Pheochromocytoma => "pheochromocytoma", Endocrine, Soft,
        "Pheochromocytoma",
        "Precaution: possible potentiation of sympathomimetic effects.",
        "Table 5", Asra2018;
    SevereLiverDisease => "severe_liver_disease", MetabolicAndHepatic, Soft,
        "Severe liver disease",
        "Avoid (grade C). Consider baseline and post-infusion liver function tests.",
        "Table 5, question 2 and Table 6", Asra2018;
    ModerateLiverDisease => "moderate_liver_disease", MetabolicAndHepatic, Soft,
        "Moderate liver disease",
        "May be given judiciously with proper monitoring (grade C). Consider baseline and post-infusion liver function tests.",
        "question 2 and Table 6", Asra2018;
    FullStomach => "full_stomach", Gastrointestinal, Soft,
        "Full stomach, aspiration risk",
        "Precaution: aspiration risk.",
        "Table 5", Asra2018;
    Pregnancy => "pregnancy", Pregnancy, Soft,
        "Pregnancy",
        "Relative contraindication: lack of data on safety.",
        "Table 5 and Table 6", Asra2018;
    Intoxication => "intoxication", Psychiatric, Hard,
        "Intoxication with alcohol or other substances",
        "Listed in Table 5; no infusion while intoxicated, when informed consent cannot be given.",
        "Table 5", Asra2018;
    ActiveSubstanceAbuse => "active_substance_abuse", Psychiatric, Soft,
        "Active substance abuse",
        "Serial infusions should not be undertaken; use universal precautions to monitor for abuse (grade C).",
        "Table 5 and question 2", Asra2018;
    Delirium => "delirium", Psychiatric, Soft,
        "Delirium",
        "Symptoms may be exacerbated by ketamine; confirm the capacity to consent.",
        "Table 5 and question 2", Asra2018;
    Psychosis => "psychosis", Psychiatric, Soft,
        "Psychosis",
        "Avoid with poorly controlled psychosis (grade B); subanesthetic ketamine has reactivated hallucinations and delusions.",
        "Table 5, question 2 and Table 6", Asra2018;
    UnableToConsent => "unable_to_consent", Psychiatric, Hard,
        "Refusal or inability to consent",
        "No infusion without informed consent.",
        "Table 5", Asra2018;
    PsychomimeticHistoryWithBenzodiazepineContraindication => "psychomimetic_history_benzodiazepine_contraindication", Psychiatric, Soft,
        "History of serious psychomimetic effects and a relative contraindication to rescue benzodiazepines (e.g. some HIV antiretrovirals, poorly controlled myasthenia gravis, prior adverse reaction)",
        "May not be a good candidate for ketamine treatment.",
        "question 2", Asra2018;
    Elderly => "elderly", MonitoringAndTesting, Info,
        "Elderly",
        "Lower thresholds should trigger more intensive monitoring and safety measures.",
        "question 6", Asra2018;
    Comorbidity => "comorbidity", MonitoringAndTesting, Info,
        "Significant comorbidities",
        "Lower thresholds should trigger more intensive monitoring and safety measures.",
        "question 6", Asra2018;
    CardiovascularRisk => "cardiovascular_risk", MonitoringAndTesting, Info,
        "Suspected or high risk of cardiovascular disease",
        "Baseline ECG to rule out poorly controlled ischemic heart disease.",
        "question 5 and Table 6", Asra2018;
    LiverRisk => "liver_risk", MonitoringAndTesting, Info,
        "Baseline liver dysfunction or risk of liver toxicity (e.g. alcohol abuse, chronic hepatitis)",
        "Consider baseline and post-infusion liver function tests, case by case (grade C).",
        "question 5 and Table 6", Asra2018;
    StabilizedOnHigherDoses => "stabilized_on_higher_doses", MonitoringAndTesting, Info,
        "Stabilized on, or previously treated with, higher dosages",
        "Higher cut-offs may be used in appropriately resourced settings; only an institution profile can set one, with its reason.",
        "question 6", Asra2018;
    HighDoseOpioids => "high_dose_opioids", MonitoringAndTesting, Info,
        "High-dose opioids (e.g. more than 1 g/day oral morphine)",
        "Both non-responders in Correll's series were maintained on high-dose oral morphine.",
        "Results and Table 1", Correll2004;
}

impl PatientFactor {
    /// Factors that call for a baseline ECG (question 5).
    pub fn needs_ecg(self) -> bool {
        matches!(
            self,
            PatientFactor::CardiovascularRisk
                | PatientFactor::UnstableAngina
                | PatientFactor::PoorlyControlledHypertension
                | PatientFactor::HighRiskCoronaryDisease
        )
    }

    /// Factors that call for baseline and post-infusion liver function tests (question 5).
    pub fn needs_liver_tests(self) -> bool {
        matches!(
            self,
            PatientFactor::LiverRisk
                | PatientFactor::SevereLiverDisease
                | PatientFactor::ModerateLiverDisease
        )
    }

    /// Factors for which the guideline says lower thresholds should trigger escalation: "elderly
    /// individuals and those with significant comorbidities" (004:1499-1500). The one rule for a
    /// significant comorbidity: a diagnosed condition of Table 5 or question 2's cautions (or one
    /// the clinician names as such, `comorbidity`). A risk flag that only calls for a test before
    /// the infusion is not one: "suspected or at high risk of cardiovascular disease" and "at risk
    /// of liver toxicity" bring an ECG or liver tests (question 5, 004:1679-1686), nothing more.
    /// Treatment history (high-dose opioids, stabilized on higher dosages) is not a condition.
    pub fn lowers_escalation_threshold(self) -> bool {
        !matches!(
            self,
            PatientFactor::HighDoseOpioids
                | PatientFactor::StabilizedOnHigherDoses
                | PatientFactor::CardiovascularRisk
                | PatientFactor::LiverRisk
        )
    }

    /// Angina, for which the guideline suggests closer blood pressure monitoring (004:997-1000 is
    /// about "a history of angina" only).
    pub fn suggests_closer_blood_pressure_monitoring(self) -> bool {
        matches!(self, PatientFactor::UnstableAngina)
    }
}
