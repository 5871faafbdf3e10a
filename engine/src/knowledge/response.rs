//! Whether a treatment response counts as positive (ASRA question 8; Correll's percent relief
//! formula), how long relief must last to count, the 6-12 treatments a year, and the Brief Pain
//! Inventory items the outpatient poster tracks.
//!
//! ```
//! use ketamine_engine::response::assess_response;
//! use ketamine_engine::thresholds::Thresholds;
//! // Pain 10 -> 7: (10 - 7) / 10 x 100 = 30 %, which is positive (at least 30 %).
//! let r = assess_response(Some(100), Some(70), None, false, &Thresholds::guideline());
//! assert_eq!(r.percent_relief, Some(30.0));
//! assert_eq!(r.positive, Some(true));
//! ```

use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Response {
    pub pain_before: Option<f64>,
    pub pain_after: Option<f64>,
    /// (baseline - post-ketamine) / baseline x 100.
    pub percent_relief: Option<f64>,
    /// At least 30 % relief. The guideline also asks for satisfaction and/or an objective
    /// indicator, which only the clinician can judge: see `criteria`.
    pub positive: Option<bool>,
    /// A 2-point drop on 0-10, which corresponded to "much improved".
    pub two_point_drop: Option<bool>,
    pub relief_weeks: Option<f64>,
    /// Relief must last more than this many weeks to count.
    pub required_weeks: f64,
    pub course: &'static str,
    pub duration_counts: Option<bool>,
    pub criteria: &'static str,
    /// What `positive` is based on: the pain score only.
    pub positive_basis: &'static str,
    pub formula_source: Source,
    pub source: Source,
}

const CRITERIA: &str = "A positive response is at least 30 % pain relief together with patient satisfaction and/or an objective indicator of meaningful benefit, such as a 12.8 % improvement in the Oswestry Disability Index for back pain or a 20 % or greater reduction in opioid use.";

/// Assesses the response from pain scores in tenths (0-100). `series` is an inpatient infusion
/// or a series of infusions, for which relief must last longer.
pub fn assess_response(
    before_tenths: Option<u32>,
    after_tenths: Option<u32>,
    relief_weeks: Option<f64>,
    series: bool,
    t: &Thresholds,
) -> Response {
    let (percent_relief, positive, two_point_drop) = match (before_tenths, after_tenths) {
        (Some(b), Some(a)) if b > 0 => {
            let drop = i64::from(b) - i64::from(a);
            let percent = drop as f64 * 100.0 / f64::from(b);
            // Integer comparison: drop / b >= 30 / 100 <=> 100 x drop >= 30 x b, exact in tenths.
            let threshold = t.positive_relief_percent.value;
            let positive = (drop * 100) as f64 >= threshold * f64::from(b);
            (Some(percent), Some(positive), Some(drop >= 20))
        }
        // No baseline pain: relief cannot be computed, and nothing can drop.
        (Some(_), Some(_)) => (None, None, Some(false)),
        _ => (None, None, None),
    };
    let required_weeks = if series {
        t.relief_weeks_series.value
    } else {
        t.relief_weeks_single.value
    };
    Response {
        pain_before: before_tenths.map(|v| f64::from(v) / 10.0),
        pain_after: after_tenths.map(|v| f64::from(v) / 10.0),
        percent_relief,
        positive,
        two_point_drop,
        relief_weeks,
        required_weeks,
        course: if series {
            "an inpatient infusion or a series of infusions"
        } else {
            "a single outpatient infusion"
        },
        duration_counts: relief_weeks.map(|w| w > required_weeks),
        criteria: CRITERIA,
        positive_basis: "pain score only: the guideline also requires patient satisfaction and/or an objective indicator of benefit",
        formula_source: Source::new(Document::Correll2004, "Methods"),
        source: Source::new(Document::Asra2018, "question 8 and Table 6"),
    }
}

/// The Brief Pain Inventory items tracked before and 2-4 weeks after outpatient infusions.
pub const BRIEF_PAIN_INVENTORY: [&str; 8] = [
    "Pain",
    "General activity",
    "Mood",
    "Walking ability",
    "Normal work",
    "Relations with other people",
    "Sleep",
    "Enjoyment of life",
];

pub const BRIEF_PAIN_INVENTORY_SOURCE: Source =
    Source::new(Document::OutpatientPoster, "Materials and Methods");

/// Treatments in a year against the guideline's 6-12.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatmentFrequency {
    pub given_past_12_months: Option<u32>,
    /// Including the one being planned.
    pub with_this_one: Option<u32>,
    pub limit_low: u32,
    pub limit_high: u32,
    pub source: Source,
}

pub fn treatment_frequency(given: Option<u32>, t: &Thresholds) -> TreatmentFrequency {
    let (low, high) = t.treatments_per_year.value;
    TreatmentFrequency {
        given_past_12_months: given,
        with_this_one: given.map(|g| g + 1),
        limit_low: low,
        limit_high: high,
        source: t.treatments_per_year.source,
    }
}
