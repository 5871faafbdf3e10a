//! The care area: where the plan will be given, checked against the setting it requires, as a
//! smart pump checks a dose against the care area of its drug library. Four levels, in the words
//! of the guideline's question 6 and Table 6; an institution profile may name its own care areas
//! and map each onto one of them.
//!
//! ```
//! use ketamine_engine::care_area::{CareLevel, required_level};
//! use ketamine_engine::monitoring::Tier;
//! assert_eq!(required_level(Tier::HighDose, false).unwrap().0, CareLevel::Monitored);
//! assert!(CareLevel::Monitored.provides(Tier::HighDose));
//! assert!(!CareLevel::Ward.provides(Tier::HighDose));
//! ```

pub use crate::knowledge::care_levels::{CareArea, CareLevel};
use crate::monitoring::Tier;
use crate::sources::{Document, Source};
use serde::Serialize;

impl CareLevel {
    /// Whether this level provides what a tier needs ([`required_level`], the one mapping).
    pub fn provides(self, tier: Tier) -> bool {
        required_level(tier, false).is_some_and(|(level, _, _)| self >= level)
    }
}

/// The least care level a plan needs, why, and the source; `None` when no care area can take it
/// (a plan beyond the guideline, which a hard limit already blocks). Standard monitoring is the
/// baseline of every ketamine infusion (question 6) and every care area that gives ketamine
/// provides it; the high-dose setting is "a unit that contains trained nurses available for
/// monitoring and individuals trained in airway management and ACLS ... immediately available"
/// (004:1494-1498; Table 6 "a monitored setting", 004:1699-1702): a monitored unit; the ICU tier
/// is the ICU (004:1267-1272).
pub fn required_level(
    tier: Tier,
    continuous_a_day_or_more: bool,
) -> Option<(CareLevel, String, Source)> {
    let q6 = Source::new(Document::Asra2018, "question 6 and Table 6");
    match tier {
        Tier::BeyondGuideline => None,
        Tier::Icu => Some((
            CareLevel::Icu,
            format!("infusions above the guideline's recommended range overlap anesthesia maintenance ({}) and need intensive care unit monitoring with intubation or other precautions against aspiration", crate::routes::ANESTHESIA_MAINTENANCE),
            // 004:367-368 (Table 1, anesthesia maintenance), 004:1267-1272 (question 3).
            Source::new(Document::Asra2018, "Table 1 and question 3"),
        )),
        Tier::HighDose => Some((
            CareLevel::Monitored,
            "the high-dose setting: a unit with trained nurses available for monitoring and staff trained in airway management and ACLS immediately available".into(),
            q6,
        )),
        // Table 1 gives IV infusions as "1-d outpatient or 3- to 5-d inpatient" (004:369-371).
        Tier::Standard if continuous_a_day_or_more => Some((
            CareLevel::Ward,
            "a continuous infusion of a day or more is an inpatient infusion, not given in an outpatient day unit".into(),
            Source::new(Document::Asra2018, "Table 1"),
        )),
        Tier::Standard => Some((
            CareLevel::Outpatient,
            "standard monitoring".into(),
            q6,
        )),
    }
}

/// The check of the chosen care area against the plan, for the result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CareAreaCheck {
    /// The care area chosen, if any.
    pub care_area: Option<CareArea>,
    /// The least care level the plan needs (`None` for a plan beyond the guideline).
    pub required: Option<CareLevel>,
    /// Why it needs it.
    pub required_reason: Option<String>,
    pub required_source: Option<Source>,
    /// Whether the chosen care area provides what the plan needs; `None` when none is chosen.
    pub sufficient: Option<bool>,
    /// True when the chosen care area falls short only of an escalation for an elderly or
    /// comorbid patient for which no threshold is set: the guideline gives none ("lower thresholds
    /// should trigger", 004:1499-1500; "this dose may vary based on individual characteristics",
    /// 004:1702-1703), so it is the clinician's judgment and needs acknowledgement, not a block.
    pub short_by_judgment: bool,
    /// What the page says about it, in words.
    pub note: String,
}

impl CareAreaCheck {
    /// One line for a printout: the care area, what the plan requires, and whether it provides it.
    pub fn summary(&self) -> String {
        let required = self
            .required
            .map_or("no care area (beyond the guideline)", CareLevel::label);
        match (&self.care_area, self.sufficient) {
            (Some(area), Some(true)) => {
                format!("{}; the plan requires {required}: provided", area.name())
            }
            (Some(area), _) if self.short_by_judgment => format!(
                "{}; the plan requires {required} for this patient: not provided, the clinician's judgment (needs acknowledgement)",
                area.name()
            ),
            (Some(area), _) => format!(
                "{}; the plan requires {required}: NOT PROVIDED, plan blocked",
                area.name()
            ),
            (None, _) => format!("not chosen; the plan requires {required}"),
        }
    }
}

/// What the page says while no care area is chosen.
pub const NOT_CHOSEN: &str =
    "Care area not chosen: choose where this plan will be given, and the calculator checks that it provides what the plan requires.";

/// Checks the chosen care area against the tier and the plan's length. `tier_without_judgment`
/// is the tier without an escalation for the patient that sets no number (`monitoring::Monitoring::
/// escalated_by_judgment`); a care area that provides it but not `tier` is short by judgment only.
pub fn check(
    tier: Tier,
    tier_without_judgment: Tier,
    continuous_a_day_or_more: bool,
    care_area: Option<CareArea>,
) -> CareAreaCheck {
    let short_by_judgment = care_area.as_ref().is_some_and(|area| {
        let short = |t: Tier| {
            required_level(t, continuous_a_day_or_more)
                .is_none_or(|(level, _, _)| area.level < level)
        };
        short(tier) && !short(tier_without_judgment)
    });
    let required = required_level(tier, continuous_a_day_or_more);
    let needs = |level: CareLevel| match level {
        CareLevel::Outpatient => "any care area".to_string(),
        l => format!("at least: {}", l.label()),
    };
    let (sufficient, note) = match (&care_area, &required) {
        (None, Some((level, why, _))) => (
            None,
            format!("{NOT_CHOSEN} This plan requires {} ({why}).", needs(*level)),
        ),
        (None, None) => (None, NOT_CHOSEN.to_string()),
        (Some(area), None) => (
            Some(false),
            format!(
                "{}: no care area covers a plan beyond the guideline.",
                area.label
            ),
        ),
        (Some(area), Some((level, why, _))) => {
            if area.level >= *level {
                (
                    Some(true),
                    format!("{}: provides what this plan requires.", area.name()),
                )
            } else {
                (
                    Some(false),
                    format!(
                        "{} does not provide what this plan requires: {} ({why}).",
                        area.name(),
                        needs(*level)
                    ),
                )
            }
        }
    };
    CareAreaCheck {
        care_area,
        required: required.as_ref().map(|r| r.0),
        required_reason: required.as_ref().map(|r| r.1.clone()),
        required_source: required.map(|r| r.2),
        sufficient,
        short_by_judgment,
        note,
    }
}
