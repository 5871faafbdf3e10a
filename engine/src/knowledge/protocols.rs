//! Protocols described in the sources, as presets a clinician starts from. A preset fills the
//! plan fields (as text, exactly as if typed) and says where it comes from and what it leaves to
//! the clinician. Figures a source does not give (step sizes, the poster's doses) are left empty,
//! never invented. Filling a preset into the entries (`Protocol::apply`, `fill_missing`) is in
//! `planning/presets.rs`: it reads the entries as the calculation does.
//!
//! ```
//! use ketamine_engine::{protocols::Protocol, Inputs};
//! let mut inputs = Inputs::default();
//! Protocol::PatilOutpatient.apply(&mut inputs);
//! assert_eq!(inputs.rate.as_deref(), Some("0.75"));      // 0.5 mg/kg over 40 min
//! assert_eq!(inputs.duration_min.as_deref(), Some("40"));
//! ```

use crate::sources::{Document, Source};
use crate::units::{McgPerKgPerMin, Mg, MgPerH, RateUnit};
use serde::Serialize;

/// Where a protocol is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Outpatient,
    Inpatient,
}

/// Plan fields a preset fills; `None` leaves the field empty for the clinician.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Preset {
    pub route: &'static str,
    pub bolus: Option<&'static str>,
    pub rate: Option<&'static str>,
    pub rate_unit: Option<&'static str>,
    pub duration_min: Option<&'static str>,
    pub days: Option<&'static str>,
}

impl Preset {
    /// The plan's fields by their input keys (the route apart: it is filled on other terms).
    pub fn plan_fields(&self) -> [(&'static str, Option<&'static str>); 5] {
        [
            ("bolus", self.bolus),
            ("rate", self.rate),
            ("rate_unit", self.rate_unit),
            ("duration_min", self.duration_min),
            ("days", self.days),
        ]
    }
}

const NONE: Preset = Preset {
    route: "iv",
    bolus: None,
    rate: None,
    rate_unit: None,
    duration_min: None,
    days: None,
};

macro_rules! protocols {
    ($( $variant:ident => $key:literal, $name:literal, $setting:ident, $doc:ident, $location:literal, $regimen:literal, $preset:expr, [$($note:literal),* $(,)?]; )*) => {
        /// A preset regimen. The identifiers are part of the embed contract (`protocol` key).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
        pub enum Protocol { $( $variant, )* }

        impl Protocol {
            pub const ALL: &'static [Protocol] = &[$( Protocol::$variant, )*];

            pub fn key(self) -> &'static str {
                match self { $( Protocol::$variant => $key, )* }
            }

            /// The one parse of a protocol key, for validation and for filling a preset alike:
            /// case-insensitive, as every enumerated key of the contract is read.
            pub fn from_key(key: &str) -> Option<Self> {
                let key = key.trim();
                Self::ALL.iter().copied().find(|p| p.key().eq_ignore_ascii_case(key))
            }

            pub fn name(self) -> &'static str {
                match self { $( Protocol::$variant => $name, )* }
            }

            pub fn setting(self) -> Setting {
                match self { $( Protocol::$variant => Setting::$setting, )* }
            }

            /// The regimen in the source's words.
            pub fn regimen(self) -> &'static str {
                match self { $( Protocol::$variant => $regimen, )* }
            }

            pub fn source(self) -> Source {
                match self { $( Protocol::$variant => Source::new(Document::$doc, $location), )* }
            }

            pub fn preset(self) -> Preset {
                match self { $( Protocol::$variant => $preset, )* }
            }

            /// What the preset chose, left out or could not settle from the source.
            pub fn notes(self) -> &'static [&'static str] {
                match self { $( Protocol::$variant => &[$($note),*], )* }
            }
        }
    };
}

protocols! {
    AsraFirstOutpatient => "asra-first-outpatient", "ASRA first outpatient infusion", Outpatient, Asra2018, "question 3 and Table 6",
        "A single outpatient infusion of at least 80 mg lasting more than 2 hours, then reassess before further treatment (grade C); infusion 0.5-2 mg/kg per hour; bolus up to 0.35 mg/kg.",
        Preset { rate: Some("0.5"), rate_unit: Some("mg/kg/h"), duration_min: Some("150"), ..NONE },
        ["Starts at the bottom of the recommended range (0.5 mg/kg per hour) for 150 min, just over 2 h. At low weights this stays under 80 mg: the target check says by how much and which rate would reach it."];
    PatilOutpatient => "patil-outpatient", "Outpatient single session (Patil)", Outpatient, Patil2012, "Methods and Table 2",
        "Pretreatment with midazolam and ondansetron; first infusion 0.5 mg/kg over 30-45 min; if effective and tolerated, later infusions raised to the highest tolerated dose that gives analgesia (mean 0.9 mg/kg, SD 0.4); every 3-4 weeks; observation 30-60 min before discharge.",
        Preset { rate: Some("0.75"), rate_unit: Some("mg/kg/h"), duration_min: Some("40"), ..NONE },
        [
            "0.5 mg/kg over 40 min (a point inside 30-45 min) gives 0.75 mg/kg per hour; over 30 min the same dose is 1 mg/kg per hour, which reaches the guideline's high-dose threshold.",
            "Patil gives no pretreatment doses; midazolam and ondansetron are named only.",
            "Infusion durations: Table 2 gives a range of 30-165 min; the Results text says 30 min to 8 h. The median interval between infusions is 33.7 days in Table 2 and 233.7 days in the text.",
            "Later infusions in the memantine subgroup ranged 0.3-1.2 mg/kg (Table 5 of the paper).",
        ];
    CorrellInpatient => "correll-inpatient", "Inpatient titration (Correll)", Inpatient, Correll2004, "Methods and Discussion",
        "Start at 10 mg/h; raise in small increments as tolerated until a tolerable feeling of inebriation; keep the effective rate; lower or pause for unacceptable side effects; up to 30 mg/h on the first day if tolerated. Stop 12-24 h after complete relief, 24 h after a partial response that no longer improves, or after 48 h without improvement. Proposed limits: continuous infusion at most 4-5 days, rate at most about 25-50 mg/h.",
        Preset { rate: Some("10"), rate_unit: Some("mg/h"), duration_min: Some("1440"), ..NONE },
        [
            "The source gives no step size or interval: enter both to see the titration schedule.",
            "The planned rate is the starting rate; totals at that rate are the least the first day delivers, and the schedule shows the most if every step is tolerated.",
            "Duration is set to the first day; continue by the stopping rules, within 4-5 days in all.",
            "Correll's series monitored liver enzymes: rises occurred, mostly with long infusions, and recurred on re-exposure.",
            "Correll also proposes giving a neuroprotective agent with the infusion, such as an alpha-2 agonist (clonidine, guanabenz or dexmedetomidine), because of neurotoxicity seen in animals (Appendix 1).",
        ];
    IvTestDose => "iv-test-dose", "IV ketamine test dose", Outpatient, Asra2018, "Table 1 and question 4",
        "0.1 mg/kg IV infusion test; used to predict response to oral dextromethorphan (pooled sensitivity 76 %, specificity 78 %).",
        Preset { bolus: Some("0.1"), ..NONE },
        ["Entered as a 0.1 mg/kg dose; the guideline does not give the time over which the test dose is given."];
    MultiDayOutpatient => "multi-day-outpatient", "Outpatient multi-day course", Outpatient, OutpatientPoster, "Materials and Methods",
        "1-day or 3-day outpatient infusions, with the Brief Pain Inventory before and 2-4 weeks after.",
        Preset { days: Some("3"), ..NONE },
        ["The poster gives no doses: enter the daily rate and duration. Cumulative hours count toward the guideline's duration findings when infusions follow each other before the benefit fades."];
    Schwartzman2009 => "schwartzman-2009", "Schwartzman 2009 (CRPS, randomized trial)", Outpatient, Asra2018, "question 1 and Table 2",
        "0.35 mg/kg per hour over 4 hours daily for 10 days (question 1); Table 2: up to 100 mg over 4 h on 10 consecutive weekdays (CRPS types 1 and 2).",
        Preset { rate: Some("0.35"), rate_unit: Some("mg/kg/h"), duration_min: Some("240"), days: Some("10"), ..NONE },
        // 004:1097 and 004:1107 (0.35 mg/kg per hour, 4 h, 10 days); 004:603-604 (Table 2's cap).
        ["0.35 mg/kg per hour over 4 h on 10 days, as question 1 describes the trial, capped at Table 2's \"up to 100 mg over 4 h\" (25 mg/h, reached at about 71.4 kg): above about 71.4 kg the preset fills 25 mg/h, and a rate entered above it needs acknowledgement (the trial gave no more)."];
    Sigtermans2009 => "sigtermans-2009", "Sigtermans 2009 (CRPS, randomized trial)", Inpatient, Asra2018, "question 1, question 7 and Table 2",
        "S(+)-ketamine continuously over a mean of 4.2 days, titrated up to 7.2 mcg/kg/min (0.4 mg/kg per hour in question 7's text; 0.43 mg/kg per hour over 4.2 days in question 1's text and Table 2); mean dose 22 mg/h (CRPS type 1).",
        Preset { rate: Some("22"), rate_unit: Some("mg/h"), duration_min: Some("6048"), ..NONE },
        // 004:1091-1092 (mean 22 mg/h, mean 4.2 days), 004:1107-1108 ("22 mg/h for 4 days"),
        // 004:1523 (up to 7.2 mcg/kg/min, "0.4 mg/kg per hour"), 004:574 (0.43 mg/kg per hour
        // over 4.2 days, ref 161), 004:598-599 (Table 2), 004:1527-1528 ("more potent").
        [
            "Fills the trial's mean dose, 22 mg/h, for its mean duration of 4.2 days (6,048 min), capped at the trial's maximum of 7.2 mcg/kg/min (0.432 mg/kg per hour): below about 50.9 kg the preset fills 7.2 mcg/kg/min, and a rate entered above it needs acknowledgement. The trial titrated each patient up to that maximum; it is not a rate to give from the start.",
            "4.2 days is beyond the 4 days at which Correll's proposed limit begins.",
            "The trial used S(+)-ketamine, which the guideline calls more potent without giving a factor: its doses are not interchangeable mg for mg with racemic ketamine.",
        ];
    Eichenberger2008 => "eichenberger-2008", "Eichenberger 2008 (phantom limb pain, randomized trial)", Outpatient, Asra2018, "Table 2",
        "0.4 mg/kg over 1 h, with at least 48 h between infusions.",
        Preset { rate: Some("0.4"), rate_unit: Some("mg/kg/h"), duration_min: Some("60"), ..NONE },
        [];
    Amr2010 => "amr-2010", "Amr 2010 (spinal cord injury pain, randomized trial)", Outpatient, Asra2018, "Table 2",
        "80 mg over 5 h per day for 1 week.",
        Preset { rate: Some("16"), rate_unit: Some("mg/h"), duration_min: Some("300"), days: Some("7"), ..NONE },
        ["80 mg over 5 h is 16 mg/h."];
    Mitchell2002 => "mitchell-2002", "Mitchell 2002 (ischemic limb pain, randomized trial)", Outpatient, Asra2018, "Table 2",
        "0.6 mg/kg over 4 h.",
        Preset { rate: Some("0.15"), rate_unit: Some("mg/kg/h"), duration_min: Some("240"), ..NONE },
        ["0.6 mg/kg over 4 h is 0.15 mg/kg per hour."];
    Noppers2011 => "noppers-2011", "Noppers 2011 (fibromyalgia, randomized trial)", Outpatient, Asra2018, "Table 2 and text",
        "0.5 mg/kg; the guideline's text gives it as a single bolus and as an infusion over 3 h, and Table 2 as over 30 min.",
        Preset { rate: Some("1"), rate_unit: Some("mg/kg/h"), duration_min: Some("30"), ..NONE },
        ["Ambiguous in the source: the preset uses Table 2's 0.5 mg/kg over 30 min (1 mg/kg per hour), the fastest infusion reading, so that monitoring is not understated. Over 3 h it would be about 0.17 mg/kg per hour."];
}

/// Table 2's cap on Schwartzman's trial, "Up to 100 mg over 4 h" (004:603-604)...
pub const SCHWARTZMAN_CAP_MG: Mg = Mg(100.0);
/// ...over 4 h...
pub const SCHWARTZMAN_CAP_HOURS: f64 = 4.0;
/// ...that is 25 mg/h, the most the Schwartzman preset fills.
pub const SCHWARTZMAN_CAP_MG_PER_H: MgPerH = MgPerH(SCHWARTZMAN_CAP_MG.0 / SCHWARTZMAN_CAP_HOURS);
/// The Sigtermans trial's maximum, "up to 7.2 μg/kg per minute" (004:1523), 0.432 mg/kg per
/// hour: the most the Sigtermans preset fills.
pub const SIGTERMANS_MAX_RATE: McgPerKgPerMin = McgPerKgPerMin(7.2);

impl Protocol {
    /// The most a preset fills where its trial capped the rate, as a rate and its unit: the
    /// preset fills the lower of its own rate and this at the patient's dosing weight.
    pub fn rate_cap(self) -> Option<(f64, RateUnit)> {
        match self {
            Protocol::Schwartzman2009 => Some((SCHWARTZMAN_CAP_MG_PER_H.0, RateUnit::MgPerH)),
            Protocol::Sigtermans2009 => Some((SIGTERMANS_MAX_RATE.0, RateUnit::McgPerKgPerMin)),
            _ => None,
        }
    }

    /// The cap as text for the rate and rate-unit fields, as it is filled.
    pub fn rate_cap_fill(self) -> Option<(String, &'static str)> {
        self.rate_cap()
            .map(|(v, unit)| (crate::display::number(v), unit.key()))
    }
}
