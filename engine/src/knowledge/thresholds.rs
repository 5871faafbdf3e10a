//! Every dose, rate, duration and response threshold of the guideline and its companion studies,
//! each once, beside its source. Rules elsewhere read these values; an institution profile
//! (`profile`) replaces them here and nowhere else, within bounds it cannot cross.
//!
//! ```
//! use ketamine_engine::thresholds::Thresholds;
//! let t = Thresholds::guideline();
//! assert_eq!(t.high_dose_bolus.value.0, 0.35);
//! assert_eq!(t.first_infusion_total.value.0, 80.0);
//! ```

use crate::knowledge::care_levels::{CareArea, CareLevel};
use crate::protocols::Protocol;
use crate::sources::{Document, Source};
use crate::units::{Kg, Mg, MgPerH, MgPerKg, MgPerKgPerH, MgPerMl, Minutes};

/// A threshold value with the place it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

const fn sourced<T>(value: T, document: Document, location: &'static str) -> Sourced<T> {
    Sourced {
        value,
        source: Source::new(document, location),
    }
}

/// Who set the thresholds, when an institution profile is active.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ProfileInfo {
    pub institution: String,
    pub profile_version: String,
    pub review_date: String,
    pub approved_by: Option<String>,
}

/// The thresholds the engine applies.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// The IV bolus above which a clinician must acknowledge (Table 6: "up to 0.35 mg/kg").
    pub recommended_bolus_max: Sourced<MgPerKg>,
    /// The IV bolus above which the plan is blocked (see `routes` for the rule).
    pub iv_bolus_hard_limit: Sourced<MgPerKg>,
    /// Standard concentrations stocked (vials 10, 50, 100 mg/mL; bags or syringes 1 or 2 mg/mL).
    pub standard_concentrations: Sourced<Vec<MgPerMl>>,
    /// A custom concentration must lie within these: the weakest useful dilution, and the
    /// strongest vial that may be given IV undiluted.
    pub custom_concentration: Sourced<(MgPerMl, MgPerMl)>,
    /// A total per infusion day that needs acknowledgement, or blocks. The sources set none; only
    /// a profile can.
    pub total_per_day: Option<Sourced<(Option<Mg>, Option<Mg>)>>,
    /// For elderly and comorbid patients, the thresholds that trigger the high-dose setting. The
    /// sources give no number; by default (`None`) the setting applies at any dose.
    pub lower_thresholds: Option<Sourced<(MgPerKg, MgPerKgPerH)>>,
    /// A higher infusion threshold for patients stabilized on, or previously treated with,
    /// higher dosages (question 6). Only a profile can set it, with its reason.
    pub stabilized_high_dose_infusion: Option<Sourced<MgPerKgPerH>>,
    /// The protocols offered, and the one preselected. `None`: all, none preselected.
    pub protocols_offered: Option<Vec<Protocol>>,
    pub default_protocol: Option<Protocol>,
    /// The active institution profile, if any.
    pub profile: Option<ProfileInfo>,
    /// An institution profile's own care areas, each mapped onto a care level, with the limits
    /// that apply there when it sets any. `None`: the four levels of `care_area`.
    pub care_areas: Option<Vec<ProfileCareArea>>,
    /// A bolus at or above this needs the high-dose setting ("bolus dose of >= 0.35 mg/kg").
    /// Table 6 also gives it as the top of the recommended bolus ("up to 0.35 mg/kg").
    pub high_dose_bolus: Sourced<MgPerKg>,
    /// An infusion at or above this needs the high-dose setting. Question 6 says ">= 1 mg/kg per
    /// hour", Table 6 "exceeding 1 mg/kg per hour": the conservative reading (at or above) wins.
    pub high_dose_infusion: Sourced<MgPerKgPerH>,
    /// The recommended IV infusion range for chronic pain.
    pub recommended_infusion: Sourced<(MgPerKgPerH, MgPerKgPerH)>,
    /// Above the recommended range and up to this, only refractory cases in an ICU.
    pub icu_infusion_max: Sourced<MgPerKgPerH>,
    /// First outpatient infusion: at least this total...
    pub first_infusion_total: Sourced<Mg>,
    /// ...infused over more than this (strictly: exactly 120 min does not meet it).
    pub first_infusion_duration: Sourced<Minutes>,
    /// Noppers analysis quoted in question 3: shorter infusions unlikely to help beyond 48 h.
    pub short_infusion: Sourced<Minutes>,
    /// Longer than 10 h: about 95 % probability of >50 % relief for more than 48 h.
    pub long_infusion: Sourced<Minutes>,
    /// Longer than 30 h: about 99 %.
    pub very_long_infusion: Sourced<Minutes>,
    /// Correll's proposed longest continuous infusion, "a maximum of 4-5 days": beyond the lower
    /// figure warns, beyond the upper blocks (the conservative reading of a range given as a cap).
    /// Duration blocks but Correll's rate ceiling only warns. The block is the calculator's
    /// conservative limit, not a limit of the sources: Correll's own infusions ran up to 20 days
    /// (001:406, 001:550-551), the guideline cites 10-day inpatient infusions (004:1306-1307), and
    /// Correll offers the proposal "not to restrict future treatments" (001:966-969). Higher rates
    /// have guideline support in the right setting (up to 7 mg/kg/h in ICU, 004:1268-1272).
    pub continuous_infusion_days: Sourced<(Minutes, Minutes)>,
    /// Correll's proposed maximum rate, "about 25-50 mg/h", for multi-day continuous infusions.
    pub continuous_infusion_rate: Sourced<(MgPerH, MgPerH)>,
    /// A continuous infusion of this length or more is a multi-day infusion for Correll's limits
    /// (001:962-965 concern continuous infusions of any number of days; his own first day is
    /// exactly 1,440 min). The calculator's trigger; Correll defines none.
    pub multi_day_infusion: Sourced<Minutes>,
    /// Correll's inpatient titration starts here...
    pub titration_start_rate: Sourced<MgPerH>,
    /// ...and goes no higher than this during the first day, if tolerated.
    pub titration_first_day_max: Sourced<MgPerH>,
    /// A positive response: at least this percent pain relief (with satisfaction and/or an
    /// objective indicator).
    pub positive_relief_percent: Sourced<f64>,
    /// A relief duration that counts after a single outpatient infusion: more than this many weeks.
    pub relief_weeks_single: Sourced<f64>,
    /// ...after an inpatient infusion or a series: more than this many weeks.
    pub relief_weeks_series: Sourced<f64>,
    /// No more than 6-12 treatments a year: beyond the lower figure warns, beyond the upper
    /// warns that only exceptional circumstances justify it.
    pub treatments_per_year: Sourced<(u32, u32)>,
    /// Age from which a patient counts as elderly for monitoring escalation. The sources name
    /// elderly patients but give no age; 65 is the conventional definition, set by the calculator.
    pub elderly_age_years: Sourced<f64>,
    /// The calculator is for adults: the guideline gives no dosing for patients under 18 and
    /// states no age scope (Correll's series included two 15-year-olds, 001:302, 317).
    pub adult_age_years: Sourced<f64>,
    /// Accepted body weights: outside this the entry is rejected as an error.
    pub weight_accepted: Sourced<(Kg, Kg)>,
    /// Plausible adult weights: outside this the entry needs confirmation (kg and lb mix-ups).
    pub weight_plausible: Sourced<(Kg, Kg)>,
}

impl Thresholds {
    /// The thresholds as the guideline and the studies beside it give them.
    pub fn guideline() -> Self {
        use Document::*;
        let recommended_bolus = sourced(MgPerKg(0.35), Asra2018, "question 6 and Table 6");
        Thresholds {
            recommended_bolus_max: recommended_bolus,
            iv_bolus_hard_limit: sourced(MgPerKg(0.75), Asra2018, "Table 1"),
            standard_concentrations: Sourced {
                value: crate::knowledge::standard_concentrations::STANDARD
                    .iter()
                    .map(|s| s.mg_per_ml)
                    .collect(),
                source: crate::knowledge::standard_concentrations::SOURCE,
            },
            custom_concentration: sourced(
                crate::knowledge::standard_concentrations::CUSTOM_LIMITS,
                CalculatorCheck,
                "custom concentration limits",
            ),
            total_per_day: None,
            lower_thresholds: None,
            stabilized_high_dose_infusion: None,
            protocols_offered: None,
            default_protocol: None,
            profile: None,
            care_areas: None,
            high_dose_bolus: recommended_bolus,
            high_dose_infusion: sourced(MgPerKgPerH(1.0), Asra2018, "question 6 and Table 6"),
            recommended_infusion: sourced(
                (MgPerKgPerH(0.5), MgPerKgPerH(2.0)),
                Asra2018,
                "Table 6",
            ),
            icu_infusion_max: sourced(MgPerKgPerH(7.0), Asra2018, "Table 6 and question 3"),
            first_infusion_total: sourced(Mg(80.0), Asra2018, "question 3 and Table 6"),
            first_infusion_duration: sourced(Minutes(120.0), Asra2018, "question 3 and Table 6"),
            short_infusion: sourced(Minutes(120.0), Asra2018, "question 3 (Noppers analysis)"),
            long_infusion: sourced(Minutes(600.0), Asra2018, "question 3 (Noppers analysis)"),
            very_long_infusion: sourced(Minutes(1800.0), Asra2018, "question 3 (Noppers analysis)"),
            continuous_infusion_days: sourced(
                (Minutes(4.0 * Minutes::DAY.0), Minutes(5.0 * Minutes::DAY.0)),
                Correll2004,
                "Discussion",
            ),
            continuous_infusion_rate: sourced(
                (MgPerH(25.0), MgPerH(50.0)),
                Correll2004,
                "Discussion",
            ),
            multi_day_infusion: sourced(
                Minutes::DAY,
                CalculatorCheck,
                "a continuous infusion of a day or more",
            ),
            titration_start_rate: sourced(MgPerH(10.0), Correll2004, "Methods"),
            titration_first_day_max: sourced(MgPerH(30.0), Correll2004, "Discussion"),
            positive_relief_percent: sourced(30.0, Asra2018, "question 8 and Table 6"),
            relief_weeks_single: sourced(3.0, Asra2018, "question 8"),
            relief_weeks_series: sourced(6.0, Asra2018, "question 8"),
            treatments_per_year: sourced((6, 12), Asra2018, "question 8"),
            elderly_age_years: sourced(
                65.0,
                CalculatorCheck,
                "conventional definition; the guideline gives no age",
            ),
            adult_age_years: sourced(
                18.0,
                CalculatorCheck,
                "scope: the calculator is for adults; the guideline gives no dosing under 18",
            ),
            weight_accepted: sourced((Kg(20.0), Kg(350.0)), CalculatorCheck, "accepted weights"),
            weight_plausible: sourced(
                (Kg(35.0), Kg(200.0)),
                CalculatorCheck,
                "plausible adult weights",
            ),
        }
    }
}

/// A care area named by an institution profile, like a care area of a pump's drug library.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileCareArea {
    pub area: CareArea,
    /// The thresholds in this care area, when the profile sets limits for it (else the profile's).
    pub thresholds: Option<Box<Thresholds>>,
}

impl Thresholds {
    /// The care area named by a `care_area` value: one of the profile's, or else one of the four
    /// levels.
    pub fn care_area(&self, key: &str) -> Option<CareArea> {
        match &self.care_areas {
            Some(list) => list
                .iter()
                .find(|a| a.area.id.eq_ignore_ascii_case(key.trim()))
                .map(|a| a.area.clone()),
            None => CareLevel::from_key(key).map(CareArea::of_level),
        }
    }

    /// The care areas a clinician chooses from: the profile's own, or the four levels.
    pub fn care_area_options(&self) -> Vec<CareArea> {
        match &self.care_areas {
            Some(list) => list.iter().map(|a| a.area.clone()).collect(),
            None => CareLevel::ALL.into_iter().map(CareArea::of_level).collect(),
        }
    }

    /// The accepted `care_area` values, as an error message names them.
    pub fn care_area_choices(&self) -> String {
        match &self.care_areas {
            Some(list) => format!(
                "one of: {}",
                list.iter()
                    .map(|a| a.area.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "outpatient, ward, monitored or icu".to_string(),
        }
    }

    /// The thresholds that apply in a care area the profile sets its own limits for.
    pub fn in_care_area(&self, key: &str) -> Option<&Thresholds> {
        self.care_areas
            .as_ref()?
            .iter()
            .find(|a| a.area.id.eq_ignore_ascii_case(key.trim()))?
            .thresholds
            .as_deref()
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self::guideline()
    }
}
