//! Where every figure comes from. Each rule in the engine carries a `Source`, and the UI shows
//! it beside the figure so that a clinician can check it against the paper.
//!
//! ```
//! use ketamine_engine::sources::{Document, Source};
//! let s = Source::new(Document::Asra2018, "Table 6");
//! assert_eq!(s.to_string(), "ASRA/AAPM/ASA guideline 2018, Table 6");
//! ```

use serde::{Serialize, Serializer};
use std::fmt;

/// A document the calculator takes figures from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// Cohen SP et al. Consensus guidelines on the use of intravenous ketamine infusions for
    /// chronic pain (ASRA, AAPM, ASA). Reg Anesth Pain Med 2018;43:521-546.
    Asra2018,
    /// Patil S, Anitescu M. Efficacy of outpatient ketamine infusions in refractory chronic pain
    /// syndromes: a 5-year retrospective analysis. Pain Med 2012.
    Patil2012,
    /// Correll GE et al. Subanesthetic ketamine infusion therapy: a retrospective analysis of a
    /// novel therapeutic approach to complex regional pain syndrome. Pain Med 2004;5:263-275.
    Correll2004,
    /// Poster: Efficacy of outpatient ketamine infusions on different etiologies of chronic pain
    /// (224 patients).
    OutpatientPoster,
    /// Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-655 (ideal body weight).
    Devine1974,
    /// Published medication-safety practice (ISMP notation, smart-pump dose-error reduction).
    MedicationSafety,
    /// ISMP. Independent Double Checks: Worth the Effort if Used Judiciously and Properly. ISMP
    /// Medication Safety Alert! Acute Care 2019; and Westbrook JI et al. BMJ Qual Saf
    /// 2021;30:320-330 (research-2026-11.md, section 2).
    IndependentDoubleCheck,
    /// Pharmacy preparation practice, where the clinical sources are silent: vial strengths and
    /// diluents, standard concentrations; the calculator's own conservative choices are said to be
    /// its own, not cited.
    PharmacyPractice,
    /// A limit or threshold set by the hospital's institution profile (see the profile's name,
    /// version and review date shown with the result).
    InstitutionProfile,
    /// A choice of this calculator where the sources give no figure (plausibility checks,
    /// conventions, conservative readings), never presented as a guideline figure.
    CalculatorCheck,
}

impl Document {
    /// Every document, in the order a reference list shows them.
    pub const ALL: [Document; 10] = [
        Document::Asra2018,
        Document::Patil2012,
        Document::Correll2004,
        Document::OutpatientPoster,
        Document::Devine1974,
        Document::MedicationSafety,
        Document::IndependentDoubleCheck,
        Document::PharmacyPractice,
        Document::InstitutionProfile,
        Document::CalculatorCheck,
    ];

    /// The short name shown next to a figure.
    pub fn short_name(self) -> &'static str {
        match self {
            Document::Asra2018 => "ASRA/AAPM/ASA guideline 2018",
            Document::Patil2012 => "Patil and Anitescu 2012",
            Document::Correll2004 => "Correll et al. 2004",
            Document::OutpatientPoster => "Outpatient ketamine poster (224 patients)",
            Document::Devine1974 => "Devine 1974",
            Document::MedicationSafety => "Medication-safety practice (ISMP)",
            Document::IndependentDoubleCheck => "ISMP 2019; Westbrook et al. 2021",
            Document::PharmacyPractice => "Pharmacy practice (not from the clinical sources)",
            Document::CalculatorCheck => "Set by this calculator (not a figure from the sources)",
            Document::InstitutionProfile => "Institution profile",
        }
    }

    /// The full reference.
    pub fn citation(self) -> &'static str {
        match self {
            Document::Asra2018 => "Cohen SP, Bhatia A, Buvanendran A, et al. Consensus guidelines on the use of intravenous ketamine infusions for chronic pain from the American Society of Regional Anesthesia and Pain Medicine, the American Academy of Pain Medicine, and the American Society of Anesthesiologists. Reg Anesth Pain Med 2018;43:521-546.",
            Document::Patil2012 => "Patil S, Anitescu M. Efficacy of outpatient ketamine infusions in refractory chronic pain syndromes: a 5-year retrospective analysis. Pain Med 2012.",
            Document::Correll2004 => "Correll GE, et al. Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel therapeutic approach to complex regional pain syndrome. Pain Med 2004;5:263-275.",
            Document::OutpatientPoster => "Efficacy of outpatient ketamine infusions on different etiologies of chronic pain. Conference poster, session MP-04a (224 patients).",
            Document::Devine1974 => "Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-655.",
            Document::MedicationSafety => "Institute for Safe Medication Practices: list of error-prone abbreviations, symbols and dose designations; smart infusion pump dose-error reduction practice.",
            Document::IndependentDoubleCheck => "Institute for Safe Medication Practices. Independent Double Checks: Worth the Effort if Used Judiciously and Properly. ISMP Medication Safety Alert! Acute Care, 2019 (the second practitioner works each step out separately, without knowing the first result, then the two compare). Westbrook JI, et al. BMJ Qual Saf 2021;30:320-330 (298 nurses, 5,140 doses observed: 1.0 % of mandated double checks were independent, and a primed check, where one nurse shares the answer, conferred no benefit over a single check).",
            Document::PharmacyPractice => "Pharmacy preparation practice, where the clinical sources are silent: ketamine hydrochloride injection (Ketalar; vials of 10, 50 and 100 mg/mL as ketamine base, diluted for infusion in 0.9 % sodium chloride or 5 % dextrose); ISMP guidance to use standard concentrations. The calculator's own conservative choices, not citations: an infusion is prepared from the 50 or 100 mg/mL vial rather than by diluting the 10 mg/mL strength; a bag prefilled with diluent has the ketamine's volume withdrawn first; a volume is rounded to the graduation of the smallest common syringe that holds it (manufacturers' common graduations; check the syringe you use). USP <797> governs sterile preparation, not this arithmetic.",
            Document::InstitutionProfile => "Set by the hospital's institution profile, within the bounds of the guideline; see the profile's name, version and review date.",
            Document::CalculatorCheck => "Set by this calculator, conservatively, where the sources give no figure; not taken from the clinical sources.",
        }
    }
}

/// A document and the place in it (table, question or section).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub document: Document,
    pub location: &'static str,
}

impl Source {
    pub const fn new(document: Document, location: &'static str) -> Self {
        Source { document, location }
    }

    /// Whether the figure is the hospital's (an institution profile), not the sources'.
    pub fn is_institution_profile(self) -> bool {
        self.document == Document::InstitutionProfile
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(self.document.short_name())
        } else {
            write!(f, "{}, {}", self.document.short_name(), self.location)
        }
    }
}

/// Serialized as the words a clinician reads, e.g. "ASRA/AAPM/ASA guideline 2018, Table 6".
impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
