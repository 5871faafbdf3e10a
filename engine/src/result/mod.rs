//! The result: what one calculation returns (this module), serialized with serde to the result
//! of the embed contract v1 (`docs/embed-api-v1.md`), with fields beyond the contract carrying
//! the detail the page shows; the comparison a double check adds to it (`comparison`); the
//! acknowledgements of its soft alerts; and the plain-text note written from it. Masses in mg,
//! rates as named, durations in minutes, all unrounded; `*_rounded` fields are the separate,
//! explicit rounding for a pump or a syringe. Nothing here calculates a dose: these modules read
//! a result that `calculation` built.

pub mod acknowledgements;
pub(crate) mod comparison;
pub mod note;

pub use crate::planning::fields::FieldError;

use crate::alerts::{Alert, Level};
use crate::follow_on::FollowOn;
use crate::monitoring::{Monitoring, Tier};
use crate::patient::DosingWeight;
use crate::plan::Plan;
use crate::pre_infusion::PreInfusion;
use crate::protocols::{Protocol, Setting};
use crate::rescue::Rescue;
use crate::response::{Response, TreatmentFrequency};
use crate::routes::RouteFacts;
use crate::sources::Source;
use crate::targets::FirstInfusionTarget;
use crate::titration::Titration;
use serde::Serialize;

/// `ok`, or `invalid` when an input is missing or out of range, or a hard limit is crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Invalid,
}

/// A closed interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

/// The first-infusion target in the contract's shape, with the detail beside it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Targets {
    pub total_at_least_80_mg: Option<bool>,
    pub duration_over_2_h: Option<bool>,
    pub detail: Option<FirstInfusionTarget>,
}

/// The chosen protocol, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProtocolInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub setting: Setting,
    pub regimen: &'static str,
    pub notes: &'static [&'static str],
    pub source: Source,
}

impl From<Protocol> for ProtocolInfo {
    fn from(p: Protocol) -> Self {
        ProtocolInfo {
            id: p.key(),
            name: p.name(),
            setting: p.setting(),
            regimen: p.regimen(),
            notes: p.notes(),
            source: p.source(),
        }
    }
}

/// The complete result of one calculation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalculationResult {
    pub status: Status,
    pub errors: Vec<FieldError>,
    /// The weight the doses are based on, in kg.
    pub dosing_weight_kg: Option<f64>,
    /// The route, as in the prefill key.
    pub route: Option<&'static str>,
    /// The route's chronic-pain bolus range at the dosing weight, in mg.
    pub bolus_range_mg: Option<Range>,
    /// The route's chronic-pain infusion range at the dosing weight, in mg/h.
    pub infusion_range_mg_per_h: Option<Range>,
    /// The plan. Every figure is null while the result is invalid: nothing can be programmed
    /// from a blocked or incomplete plan.
    pub plan: Plan,
    pub targets: Targets,
    /// Null while required inputs are missing or invalid.
    pub monitoring_tier: Option<Tier>,
    pub alerts: Vec<Alert>,
    /// Tests the guideline calls for with these inputs (empty for healthy individuals).
    pub pre_infusion_tests: Vec<String>,
    pub response: Response,

    pub dosing_weight: Option<DosingWeight>,
    /// The weight as entered in pounds, when it was (the page shows the conversion beside it).
    pub weight_entered_lb: Option<f64>,
    pub route_facts: Option<RouteFacts>,
    pub monitoring: Option<Monitoring>,
    pub pre_infusion: Option<PreInfusion>,
    pub protocol: Option<ProtocolInfo>,
    pub titration: Option<Titration>,
    pub treatments: Option<TreatmentFrequency>,
    pub rescue: Rescue,
    pub follow_on: Option<FollowOn>,
    pub brief_pain_inventory: [&'static str; 8],
    pub versions: Versions,
    /// The institution profile whose limits applied, if any.
    pub profile: Option<crate::thresholds::ProfileInfo>,
    /// The care area chosen (`care_area`), null when none is.
    pub care_area: Option<crate::care_area::CareArea>,
    /// Whether the chosen care area provides what the plan requires; null when none is chosen
    /// or the inputs are invalid. False blocks the plan.
    pub care_area_sufficient: Option<bool>,
    /// The requirement and the check in detail, with what the page says.
    pub care_area_check: Option<crate::care_area::CareAreaCheck>,

    // ---- An order as written, checked and prepared (issue 13)
    /// How to prepare the syringe or bag, when the preparation keys are given and the plan is not
    /// blocked.
    pub preparation: Option<crate::preparation::Preparation>,
    /// The comparison with a first entry, in an independent double check
    /// (`double_check::calculate_check`); null otherwise.
    pub double_check: Option<crate::result::comparison::Comparison>,
}

/// What produced this result, for every printout and for the host page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Versions {
    pub engine: &'static str,
    /// Bumped whenever a clinical rule or figure changes.
    pub rules: &'static str,
    pub guideline: &'static str,
}

pub const VERSIONS: Versions = Versions {
    engine: env!("CARGO_PKG_VERSION"),
    rules: "2026.11.1",
    guideline: "ASRA/AAPM/ASA consensus guidelines on IV ketamine for chronic pain, Reg Anesth Pain Med 2018",
};

impl CalculationResult {
    /// Alerts that block the result.
    pub fn hard_alerts(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.level == Level::Hard)
    }

    /// Alerts that need an acknowledgement with a reason.
    pub fn soft_alerts(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.level == Level::Soft)
    }

    /// The error for a field, if any (for the message next to it).
    pub fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}
