//! Rescue and preemptive medications named by the sources (ASRA questions 2, 6 and 7; Correll's
//! appendix). The sources give no doses, so neither does the calculator: it names each medication
//! and its purpose.

use crate::sources::{Document, Source};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RescueMedication {
    pub name: &'static str,
    pub purpose: &'static str,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rescue {
    pub medications: Vec<RescueMedication>,
    pub notes: Vec<(&'static str, Source)>,
}

const Q7: Source = Source::new(Document::Asra2018, "question 7");

/// The rescue medications and what the sources say of premedication.
pub fn rescue() -> Rescue {
    Rescue {
        medications: vec![
            RescueMedication { name: "Benzodiazepine (midazolam, lorazepam or diazepam)", purpose: "Prevents or reduces psychomimetic symptoms, reduces sympathomimetic symptoms and nausea; with alpha-2 agonists, the treatment of choice to prevent or abort ketamine-induced hallucinations or dissociation (low doses), not antipsychotics.", source: Source::new(Document::Asra2018, "questions 2 and 7") },
            RescueMedication { name: "Haloperidol", purpose: "Antiemetic and sedative; reduces psychomimetic symptoms and emergence reactions. For hallucinations and dissociation, benzodiazepines or alpha-2 agonists are preferred to antipsychotics (question 2).", source: Source::new(Document::Asra2018, "questions 2 and 7") },
            RescueMedication { name: "Clonidine or another alpha-2 agonist (e.g. dexmedetomidine)", purpose: "Reduces sympathomimetic effects and psychomimetic reactions; with benzodiazepines, the treatment of choice for hallucinations or dissociation.", source: Source::new(Document::Asra2018, "questions 2 and 7; Correll 2004, Appendix") },
            RescueMedication { name: "Diphenhydramine", purpose: "Treats dystonia (uncommon).", source: Q7 },
            RescueMedication { name: "Seizures: a benzodiazepine, then a barbiturate or propofol if persistent", purpose: "Seizures are rare.", source: Q7 },
            RescueMedication { name: "Beta-blocker", purpose: "Counters hemodynamic effects such as tachycardia and hypertension.", source: Source::new(Document::Asra2018, "question 6") },
            RescueMedication { name: "Antiemetic", purpose: "Treats nausea and vomiting.", source: Source::new(Document::Asra2018, "question 6") },
        ],
        notes: vec![
            ("Preemptive benzodiazepines or alpha-2 agonists: limited direct evidence (grade C); no evidence for antidepressant, antihistamine or anticholinergic premedication.", Q7),
            ("Number needed to harm for hallucinations: 21 without benzodiazepine premedication, 35 with it.", Q7),
            ("The sources give no doses for these medications: use your institution's.", Q7),
        ],
    }
}
