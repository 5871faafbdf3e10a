//! The monitoring tier a plan requires and everything that comes with it: monitoring, personnel,
//! setting and observation before discharge (ASRA question 6 and Table 6; Patil's practice).
//!
//! ```
//! use ketamine_engine::monitoring::{assess, DoseForTier, Tier};
//! use ketamine_engine::thresholds::Thresholds;
//! use ketamine_engine::units::{MgPerKg, MgPerKgPerH};
//! let t = Thresholds::guideline();
//! let dose = DoseForTier::iv(Some(MgPerKg(0.35)), Some(MgPerKgPerH(0.5)));
//! assert_eq!(assess(dose, None, false, &t).tier, Tier::HighDose); // a 0.35 mg/kg bolus reaches the threshold
//! ```

use crate::compare::{above, at_least};
use crate::display::{number, precise};
use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use crate::units::{Mg, MgPerKg, MgPerKgPerH};
use serde::Serialize;

/// The setting a plan requires, from least to most intensive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Standard,
    HighDose,
    Icu,
    BeyondGuideline,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Standard => "Standard monitoring",
            Tier::HighDose => "High-dose setting",
            Tier::Icu => "Intensive care unit",
            Tier::BeyondGuideline => "Beyond the guideline",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementKind {
    Monitoring,
    Personnel,
    Setting,
    Observation,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Requirement {
    pub kind: RequirementKind,
    pub text: &'static str,
    pub source: Source,
    /// The tier that adds this requirement.
    pub from_tier: Tier,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Monitoring {
    pub tier: Tier,
    /// Why this tier, in words, each with its source.
    pub reasons: Vec<(String, Source)>,
    /// All requirements up to and including the tier.
    pub requirements: Vec<Requirement>,
    /// True when the tier was raised for an elderly or comorbid patient.
    pub escalated_for_patient: bool,
    /// The tier the doses alone require, before any escalation for the patient.
    pub tier_from_dose: Tier,
    /// True when the escalation for the patient set no number (no profile lower thresholds): the
    /// guideline gives none (004:1499-1500, 1702-1703), so a care area short of it needs
    /// acknowledgement, not a block (`care_area::check`).
    pub escalated_by_judgment: bool,
}

/// The doses that decide the tier, as IV doses in mg/kg and mg/kg/h at the dosing weight.
#[derive(Clone, Debug, PartialEq)]
pub struct DoseForTier {
    pub bolus: Option<MgPerKg>,
    pub rate: Option<MgPerKgPerH>,
    /// A hard limit on dose or duration is crossed: why, and where that limit comes from.
    pub beyond_guideline: Option<(String, Source)>,
    /// One of question 4's oral or intranasal home doses, so it needs standard monitoring only,
    /// for any patient ([`route_rule`]).
    pub home_dose: bool,
    /// How a dose by another route was turned into its IV equivalent, for the reasons.
    pub conversion: Option<String>,
}

/// Question 4's oral home dose, "oral ketamine (150 mg/d or 0.5 mg/kg every 6 hours)"
/// (004:1339-1340): an oral dose up to this needs standard monitoring only.
pub const ORAL_HOME_DOSE_MAX: MgPerKg = MgPerKg(0.5);

/// Question 4's intranasal home doses, "1–5 sprays of ketamine 10 mg, 0.2–0.4 mg/kg (S)ketamine,
/// and single dose ketamine 25 mg" (004:1340-1342): at most 5 sprays of 10 mg, 50 mg a dose, the
/// largest of the three. An intranasal dose up to this needs standard monitoring only.
pub const INTRANASAL_HOME_DOSE_MAX: Mg = Mg(50.0);

/// How the tier is decided for a route other than IV, as the page states it, from the thresholds
/// and bioavailability in force. The calculator's reading, not the guideline's words: question 6
/// names no route for its thresholds (004:1494-1495) and keeps basic monitoring "irrespective of
/// the route" (004:1502-1505).
pub fn route_rule(t: &Thresholds) -> String {
    use crate::routes::Route;
    let top = |r: Route| number(r.facts_with(t).tier_fraction() * 100.0);
    format!(
        "The calculator's reading (question 6 names no route for its thresholds): a dose by another route is compared with the high-dose thresholds in force (a bolus of {} mg/kg, an infusion of {} mg/kg per hour) as its IV equivalent. Intranasal doses count at {} % and oral doses at {} %, the top of Table 1's bioavailability; IM and subcut doses count in full (Table 1's {} is too imprecise to lower a threshold by). Question 4's home doses need standard monitoring only, for any patient: oral up to {} mg/kg a dose, intranasal up to {} mg a dose; above them the IV equivalent and the escalation for elderly and comorbid patients apply. Basic monitoring applies whatever the route.",
        number(t.high_dose_bolus.value.0),
        number(t.high_dose_infusion.value.0),
        top(Route::Intranasal),
        top(Route::Oral),
        Route::Im.facts_with(t).bioavailability,
        number(ORAL_HOME_DOSE_MAX.0),
        number(INTRANASAL_HOME_DOSE_MAX.0),
    )
}

/// The sources of [`route_rule`]: Table 1's bioavailability (004:390-420 as reflowed) and
/// question 4's home doses (004:1339-1342).
pub const ROUTE_RULE_SOURCE: Source = Source::new(
    Document::CalculatorCheck,
    "reading of question 6 by route, with Table 1 (bioavailability) and question 4",
);

impl DoseForTier {
    /// IV doses, compared as written.
    pub fn iv(bolus: Option<MgPerKg>, rate: Option<MgPerKgPerH>) -> Self {
        DoseForTier {
            bolus,
            rate,
            beyond_guideline: None,
            home_dose: false,
            conversion: None,
        }
    }

    /// The doses as given by a route, turned into IV equivalents by [`route_rule`]. `bolus_mg`
    /// is the bolus in mg, for question 4's intranasal home dose.
    pub fn for_route(
        bolus: Option<MgPerKg>,
        bolus_mg: Option<Mg>,
        rate: Option<MgPerKgPerH>,
        facts: &crate::routes::RouteFacts,
    ) -> Self {
        use crate::routes::Route;
        if facts.route == Route::Iv {
            return Self::iv(bolus, rate);
        }
        let fraction = facts.tier_fraction();
        // Question 4's home doses only (004:1339-1342), one dose, no infusion.
        let home_dose = rate.is_none()
            && match facts.route {
                Route::Oral => bolus.is_some_and(|b| !above(b.0, ORAL_HOME_DOSE_MAX.0)),
                Route::Intranasal => {
                    bolus_mg.is_some_and(|mg| !above(mg.0, INTRANASAL_HOME_DOSE_MAX.0))
                }
                _ => false,
            };
        let route = facts.route.label();
        let percent = number(fraction * 100.0);
        let counts_as = |value: f64, unit: &str| {
            format!(
                "{route} {} {unit} counts as {} {unit} IV ({percent} %)",
                precise(value),
                precise(value * fraction)
            )
        };
        let parts: Vec<String> = [
            bolus.map(|b| counts_as(b.0, "mg/kg")),
            rate.map(|r| counts_as(r.0, "mg/kg/h")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut conversion = parts.join("; ");
        if home_dose {
            conversion.push_str("; a home dose of question 4, so standard monitoring");
        }
        DoseForTier {
            bolus: bolus.map(|b| MgPerKg(b.0 * fraction)),
            rate: rate.map(|r| MgPerKgPerH(r.0 * fraction)),
            beyond_guideline: None,
            home_dose,
            conversion: (!conversion.is_empty()).then(|| format!("{conversion}.")),
        }
    }
}

const Q6: Source = Source::new(Document::Asra2018, "question 6");
const Q6_T6: Source = Source::new(Document::Asra2018, "question 6 and Table 6");
const T6: Source = Source::new(Document::Asra2018, "Table 6");
const Q3_T6: Source = Source::new(Document::Asra2018, "question 3 and Table 6");
const PATIL: Source = Source::new(Document::Patil2012, "Methods");

const REQUIREMENTS: &[Requirement] = &[
    Requirement { kind: RequirementKind::Monitoring, text: "Hemodynamic and respiratory monitoring and sedation level on a validated scale, irrespective of route or dose for ketamine given outside a chronic treatment regimen (grade A).", source: Q6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Monitoring, text: "ECG, blood pressure, end-tidal CO2 and oxygen saturation monitoring available, as the APA recommends for the lower doses used for depression.", source: Q6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Monitoring, text: "As practised by Patil: ECG, pulse oximetry, blood pressure every 5 min, oxygen as needed.", source: PATIL, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Monitoring, text: "ASA moderate-sedation practice: nil-per-os status; level of consciousness, ventilation, oxygenation and hemodynamics checked before, during and after the infusion; discharge criteria met before discharge.", source: Source::new(Document::Asra2018, "section on monitoring, before question 1"), from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Setting, text: "Personnel and equipment for resuscitation available at all times (grade A).", source: Q6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Personnel, text: "Supervising clinician: a physician experienced with ketamine (anesthesiologist, critical care or pain physician), ACLS certified and trained in moderate sedation.", source: T6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Personnel, text: "Administering clinician: a registered nurse or physician assistant with formal training in moderate sedation; question 6 adds ACLS certification and training in the pharmacology of ketamine.", source: Q6_T6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Personnel, text: "Physician in charge: licensed to administer a Schedule III medication, ACLS certified, and meeting ASA requirements for moderate sedation.", source: Q6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Personnel, text: "For single-day infusions, the responsible physician immediately available.", source: Q6, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Observation, text: "Observation for 30-60 min after the infusion, before discharge home (Patil's practice).", source: PATIL, from_tier: Tier::Standard },
    Requirement { kind: RequirementKind::Personnel, text: "Given by clinicians experienced in ketamine administration, in a unit with trained nurses available for monitoring.", source: Q6, from_tier: Tier::HighDose },
    Requirement { kind: RequirementKind::Personnel, text: "Staff trained in airway management and ACLS (e.g. anesthesiologist, nurse anesthetist, emergency physician) immediately available.", source: Q6, from_tier: Tier::HighDose },
    Requirement { kind: RequirementKind::Setting, text: "A monitored setting with resuscitative equipment, immediate access to rescue medications, and staff who can treat emergencies.", source: T6, from_tier: Tier::HighDose },
    Requirement { kind: RequirementKind::Setting, text: "Intensive care unit monitoring; refractory cases only.", source: Q3_T6, from_tier: Tier::Icu },
    Requirement { kind: RequirementKind::Monitoring, text: "Intubation or other precautions against aspiration.", source: Source::new(Document::Asra2018, "question 3"), from_tier: Tier::Icu },
    Requirement { kind: RequirementKind::Setting, text: "No setting in the guideline covers this plan: it is blocked.", source: Q3_T6, from_tier: Tier::BeyondGuideline },
];

/// Decides the tier. `lower_thresholds` names the patient's factors for which the guideline says
/// lower thresholds should trigger escalation (elderly patients and significant comorbidities:
/// see `PatientFactor::lowers_escalation_threshold` for the one rule). It gives no number, so the conservative reading
/// applies the high-dose requirements at any dose and says that the threshold is the clinician's
/// judgment.
pub fn assess(
    dose: DoseForTier,
    lower_thresholds: Option<String>,
    stabilized: bool,
    t: &Thresholds,
) -> Monitoring {
    let mut tier = Tier::Standard;
    let mut reasons = Vec::new();
    // The ICU tier starts above the guideline's own recommended range (004:1659-1661), never a
    // profile's soft limit: that stays a soft alert needing acknowledgement (`checks`).
    let (_, recommended_max) = Thresholds::guideline().recommended_infusion.value;
    if let Some(conversion) = &dose.conversion {
        reasons.push((conversion.clone(), ROUTE_RULE_SOURCE));
    }
    if dose.home_dose {
        return finish(Tier::Standard, reasons, false, Tier::Standard);
    }
    if let Some(b) = dose.bolus {
        if at_least(b.0, t.high_dose_bolus.value.0) {
            tier = tier.max(Tier::HighDose);
            reasons.push((
                format!(
                    "Bolus {} mg/kg is at or above {} mg/kg.",
                    precise(b.0),
                    number(t.high_dose_bolus.value.0)
                ),
                t.high_dose_bolus.source,
            ));
        }
    }
    if let Some(r) = dose.rate {
        // A profile may raise the threshold for patients stabilized on higher dosages (question 6).
        let threshold = match (&t.stabilized_high_dose_infusion, stabilized) {
            (Some(higher), true) => *higher,
            _ => t.high_dose_infusion,
        };
        if at_least(r.0, threshold.value.0) {
            tier = tier.max(Tier::HighDose);
            reasons.push((
                format!(
                    "Infusion {} mg/kg/h is at or above {} mg/kg/h (question 6 says \"at or above\", Table 6 \"exceeding\"; the stricter reading is used).",
                    precise(r.0),
                    number(threshold.value.0)
                ),
                threshold.source,
            ));
        }
        if above(r.0, recommended_max.0) {
            tier = tier.max(Tier::Icu);
            reasons.push((
                format!(
                    "Infusion {} mg/kg/h is above the recommended {} mg/kg/h: the guideline reports higher rates only in refractory cases in ICU settings, so the calculator requires the ICU above {} mg/kg/h.",
                    precise(r.0),
                    number(recommended_max.0),
                    number(recommended_max.0)
                ),
                Thresholds::guideline().icu_infusion_max.source,
            ));
        }
    }
    if let Some((why, source)) = dose.beyond_guideline {
        tier = Tier::BeyondGuideline;
        reasons.push((why, source));
    }
    let tier_from_dose = tier;
    let mut escalated_for_patient = false;
    if let (Some(factors), true) = (lower_thresholds, tier < Tier::HighDose) {
        match &t.lower_thresholds {
            None => {
                tier = Tier::HighDose;
                escalated_for_patient = true;
                reasons.push((
                    format!(
                        "{factors}: for elderly and significantly comorbid patients, lower thresholds should trigger the high-dose requirements; the guideline gives no number, so they apply at any dose as the clinician's judgment (to acknowledge, not a block, where the care area lacks them)."
                    ),
                    Q6_T6,
                ));
            }
            Some(lower) => {
                let (bolus_at, rate_at) = lower.value;
                let reached = dose.bolus.is_some_and(|b| at_least(b.0, bolus_at.0))
                    || dose.rate.is_some_and(|r| at_least(r.0, rate_at.0));
                if reached {
                    tier = Tier::HighDose;
                    escalated_for_patient = true;
                    reasons.push((
                        format!(
                            "{factors}: the institution's lower thresholds ({} mg/kg bolus, {} mg/kg/h infusion) are reached.",
                            number(bolus_at.0),
                            number(rate_at.0)
                        ),
                        lower.source,
                    ));
                }
            }
        }
    }
    let mut m = finish(tier, reasons, escalated_for_patient, tier_from_dose);
    m.escalated_by_judgment = escalated_for_patient && t.lower_thresholds.is_none();
    m
}

fn finish(
    tier: Tier,
    reasons: Vec<(String, Source)>,
    escalated_for_patient: bool,
    tier_from_dose: Tier,
) -> Monitoring {
    let requirements = REQUIREMENTS
        .iter()
        .filter(|r| r.from_tier <= tier)
        .cloned()
        .collect();
    Monitoring {
        tier,
        reasons,
        requirements,
        escalated_for_patient,
        tier_from_dose,
        escalated_by_judgment: false,
    }
}
