//! Clinical knowledge: what the sources say, each rule and figure once, beside its citation. The
//! documents and their places (`sources`), every threshold a profile may change (`thresholds`),
//! the routes of ASRA Table 1, the published protocols, the dosing weight, the patient factors,
//! the standard concentrations, the monitoring tiers and the care areas that provide them, the
//! first-infusion target, the response, the tests before an infusion, rescue medications and
//! follow-on options, and an institution's own limits (`profile`). A rule speaks through an
//! `alerts::Alert`: hard blocks, soft needs an acknowledgement, info informs. These modules read
//! only arithmetic and each other, never the entries, the plan or the result.

pub mod alerts;
pub mod care_area;
pub(crate) mod care_levels;
pub mod concentration;
pub mod follow_on;
pub mod monitoring;
pub mod patient;
pub mod patient_factors;
pub mod pre_infusion;
pub mod profile;
pub mod protocols;
pub mod rescue;
pub mod response;
pub mod routes;
pub mod sources;
pub(crate) mod standard_concentrations;
pub mod targets;
pub mod thresholds;
