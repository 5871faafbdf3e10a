//! Routes of administration and what ASRA Table 1 says of each: chronic-pain dosing, the other
//! uses listed beside it (context and limits), bioavailability, onset and duration.
//!
//! Table 1's onset, duration and bioavailability columns were reflowed in the text extraction of
//! the guideline: for IV to oral the values appear row by row; the rectal and topical values are
//! interleaved and were paired by inference. [`RouteFacts::column_caveat`] says so wherever they
//! are shown.
//!
//! Hard limits on a bolus follow one rule: a dose is blocked above the top of the route's largest
//! analgesic (procedural) use in Table 1, or from the start of its first anesthetic use
//! (induction, surgical anesthesia, anesthetic premedication), whichever comes first. Where
//! Table 1 lists no other use (subcut), the IV limit applies, a choice of the calculator.
//!
//! ```
//! use ketamine_engine::routes::Route;
//! let im = Route::Im.facts();
//! assert_eq!(im.chronic_bolus.unwrap().1 .0, 0.5);
//! assert_eq!(im.bioavailability, "75-95 %");
//! ```

use crate::compare::{above, at_least};
use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use crate::units::{MgPerKg, MgPerKgPerH};
use serde::Serialize;

/// Table 1's IV anesthesia-maintenance rate, "1–6 mg/kg per hour" (004:367-368), written once:
/// a macro so that it can be part of a literal.
#[macro_export]
macro_rules! anesthesia_maintenance {
    () => {
        "1-6 mg/kg per hour"
    };
}
/// The same, for formatting.
pub const ANESTHESIA_MAINTENANCE: &str = anesthesia_maintenance!();

/// A route of administration, named in the clinic's words (ISMP: "subcut", not "SC").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Route {
    Iv,
    Im,
    Intranasal,
    Subcut,
    Oral,
    Rectal,
    Topical,
}

impl Route {
    pub const ALL: [Route; 7] = [
        Route::Iv,
        Route::Im,
        Route::Intranasal,
        Route::Subcut,
        Route::Oral,
        Route::Rectal,
        Route::Topical,
    ];

    /// The prefill key value.
    pub fn key(self) -> &'static str {
        match self {
            Route::Iv => "iv",
            Route::Im => "im",
            Route::Intranasal => "intranasal",
            Route::Subcut => "subcut",
            Route::Oral => "oral",
            Route::Rectal => "rectal",
            Route::Topical => "topical",
        }
    }

    /// Parses a prefill key value.
    pub fn from_key(key: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The name shown to a clinician.
    pub fn label(self) -> &'static str {
        match self {
            Route::Iv => "IV",
            Route::Im => "IM",
            Route::Intranasal => "intranasal",
            Route::Subcut => "subcut",
            Route::Oral => "oral",
            Route::Rectal => "rectal",
            Route::Topical => "topical",
        }
    }

    /// What Table 1 (and Table 6 for IV) says of this route, with the guideline's thresholds.
    pub fn facts(self) -> RouteFacts {
        facts(self, &Thresholds::guideline())
    }

    /// The same with given thresholds: the IV figures that Table 6 shares with the monitoring
    /// thresholds are read from there, so that each lives in one place.
    pub fn facts_with(self, thresholds: &Thresholds) -> RouteFacts {
        facts(self, thresholds)
    }
}

/// Another use of the route listed in Table 1: not chronic-pain dosing, shown as context and
/// used for limits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OtherUse {
    pub text: &'static str,
}

/// A dose limit (in mg/kg for a bolus, mg/kg/h for an infusion) with the reason and the source
/// a clinician sees when it is crossed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RouteLimit {
    pub value: f64,
    /// True when reaching the value already crosses it (`>=`), false when only exceeding it does.
    pub inclusive: bool,
    pub reason: &'static str,
    pub source: Source,
}

impl RouteLimit {
    /// Whether this dose crosses the limit.
    pub fn crossed_by(&self, dose: f64) -> bool {
        if self.inclusive {
            at_least(dose, self.value)
        } else {
            above(dose, self.value)
        }
    }
}

/// Table 1 for one route.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteFacts {
    pub route: Route,
    /// The chronic-pain bolus or treatment dose range in mg/kg.
    pub chronic_bolus: Option<(MgPerKg, MgPerKg)>,
    /// The chronic-pain infusion range in mg/kg/h.
    pub chronic_infusion: Option<(MgPerKgPerH, MgPerKgPerH)>,
    /// Where the bolus range's upper figure comes from (an institution profile may set it).
    pub bolus_range_source: Source,
    /// Where the infusion range's upper figure comes from (an institution profile may set it).
    pub infusion_range_source: Source,
    /// Chronic-pain dosing in Table 1's words.
    pub chronic_dosing: &'static str,
    pub other_uses: &'static [OtherUse],
    /// Table 1's bioavailability in words, built from [`RouteFacts::bioavailability_percent`].
    pub bioavailability: String,
    /// Table 1's bioavailability range in percent (lowest, highest); `None` for IV itself.
    pub bioavailability_percent: Option<(f64, f64)>,
    pub onset: &'static str,
    pub duration: &'static str,
    /// A bolus at or beyond this is blocked (hard limit).
    pub bolus_hard_limit: Option<RouteLimit>,
    /// An infusion beyond this is blocked (hard limit).
    pub infusion_hard_limit: Option<RouteLimit>,
    pub source: Source,
    /// Why a number here deserves a second look.
    pub column_caveat: &'static str,
    /// Where the chronic-pain dosing itself is uncertain in the source, what to check.
    pub dosing_caveat: Option<&'static str>,
}

// Table 1's bioavailability column in percent (lowest, highest), reflowed in the extracted text
// (004:390-420), paired with routes in the order they appear; each figure once, here.
/// IM, "75–95" (004:394).
pub const IM_BIOAVAILABILITY: (f64, f64) = (75.0, 95.0);
/// Intranasal, "25–50" (004:400).
pub const INTRANASAL_BIOAVAILABILITY: (f64, f64) = (25.0, 50.0);
/// Subcut, "75–95" (004:406).
pub const SUBCUT_BIOAVAILABILITY: (f64, f64) = (75.0, 95.0);
/// Oral, "10–20" (004:412).
pub const ORAL_BIOAVAILABILITY: (f64, f64) = (10.0, 20.0);
/// Rectal, "25–30" (004:418; pairing inferred, see the caveat).
pub const RECTAL_BIOAVAILABILITY: (f64, f64) = (25.0, 30.0);
/// Topical, "<5" (004:419; pairing inferred, see the caveat).
pub const TOPICAL_BIOAVAILABILITY: (f64, f64) = (0.0, 5.0);

fn bioavailability_text((low, high): (f64, f64)) -> String {
    use crate::display::number;
    if low == 0.0 {
        format!("< {} %", number(high))
    } else {
        format!("{}-{} %", number(low), number(high))
    }
}

impl RouteFacts {
    /// The fraction of a dose by this route that is compared with question 6's IV thresholds
    /// (the calculator's reading, `monitoring::route_rule`). Only oral and intranasal doses are
    /// discounted, by the top of Table 1's range; IM and subcut count in full, since Table 1's
    /// 75-95 % is too imprecise to lower a monitoring threshold by (conservative); IV, rectal and
    /// topical count in full.
    pub fn tier_fraction(&self) -> f64 {
        match (self.route, self.bioavailability_percent) {
            (Route::Oral | Route::Intranasal, Some((_, high))) => high / 100.0,
            _ => 1.0,
        }
    }
}

const TABLE_1: Source = Source::new(Document::Asra2018, "Table 1");
const TABLE_1_AND_6: Source = Source::new(Document::Asra2018, "Table 1 and Table 6");
const CAVEAT: &str = "Bioavailability, onset and duration: Table 1's columns are reflowed in the text of the guideline; values are paired with routes in the order they appear.";
const CAVEAT_INTERLEAVED: &str = "Bioavailability, onset and duration: Table 1's columns are reflowed in the text of the guideline, and the rectal and topical values are interleaved there; their pairing with these two routes is inferred. Check against the published table.";

fn facts(route: Route, t: &Thresholds) -> RouteFacts {
    let kg = MgPerKg;
    let kgh = MgPerKgPerH;
    match route {
        Route::Iv => RouteFacts {
            route,
            bolus_range_source: t.recommended_bolus_max.source,
            infusion_range_source: t.recommended_infusion.source,
            // Table 6: "Bolus: up to 0.35 mg/kg"; the range therefore starts at zero.
            chronic_bolus: Some((kg(0.0), t.recommended_bolus_max.value)),
            // Table 1 prints "0.5-2 mg/kg" for 1-day or 3-5-day awake infusions without "per hour";
            // Table 6 gives the infusion as 0.5-2 mg/kg per hour, which is used here.
            chronic_infusion: Some(t.recommended_infusion.value),
            // Table 1's words (004:369-373), without Table 6's "per hour" and bolus, which
            // `dosing_caveat` adds.
            chronic_dosing: "0.5-2 mg/kg for 1-day outpatient or 3- to 5-day inpatient awake infusions in chronic pain (higher dosages titrated to effect from lower doses); 0.1 mg/kg for IV infusion test",
            other_uses: &[
                OtherUse { text: "1-4.5 mg/kg for general anesthesia induction" },
                OtherUse { text: concat!(anesthesia_maintenance!(), " for anesthesia maintenance") },
                OtherUse { text: "0.2-0.75 mg/kg for procedural analgesia, can be repeated" },
                OtherUse { text: "5-35 mg/h continuous infusion for acute traumatic or postoperative pain" },
                OtherUse { text: "1-7 mg per demand dose mixed with opioids in patient-controlled analgesia" },
            ],
            bioavailability: "not applicable".into(),
            bioavailability_percent: None,
            onset: "30 s",
            duration: "5-10 min for bolus doses",
            bolus_hard_limit: Some(RouteLimit {
                value: t.iv_bolus_hard_limit.value.0,
                inclusive: false,
                reason: "above the IV bolus limit: Table 1's procedural-analgesia bolus goes up to 0.75 mg/kg and anesthesia induction starts at 1 mg/kg",
                source: t.iv_bolus_hard_limit.source,
            }),
            infusion_hard_limit: Some(RouteLimit {
                value: t.icu_infusion_max.value.0,
                inclusive: false,
                reason: "above the highest infusion the guideline reports, 7 mg/kg per hour in refractory cases in ICU settings",
                source: t.icu_infusion_max.source,
            }),
            source: TABLE_1_AND_6,
            column_caveat: CAVEAT,
            dosing_caveat: Some("Table 1 prints \"0.5-2 mg/kg\" for 1-day or 3- to 5-day awake infusions without \"per hour\"; Table 6 gives the infusion as 0.5 to 2 mg/kg per hour, which the calculator uses. The bolus (up to 0.35 mg/kg) is from Table 6."),
        },
        Route::Im => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: Some((kg(0.1), kg(0.5))),
            chronic_infusion: None,
            chronic_dosing: "bolus and treatment dosing 0.10-0.5 mg/kg for chronic pain",
            other_uses: &[
                OtherUse { text: "2-4 times IV dosing" },
                OtherUse { text: "5-10 mg/kg for surgical anesthesia" },
                OtherUse { text: "0.4-2 mg/kg for procedural analgesia" },
            ],
            bioavailability: bioavailability_text(IM_BIOAVAILABILITY),
            bioavailability_percent: Some(IM_BIOAVAILABILITY),
            onset: "2-5 min",
            duration: "30-75 min",
            bolus_hard_limit: Some(RouteLimit {
                value: 2.0,
                inclusive: false,
                reason: "above 2 mg/kg, the top of Table 1's IM procedural-analgesia dose",
                source: TABLE_1,
            }),
            infusion_hard_limit: None,
            source: TABLE_1,
            column_caveat: CAVEAT,
            dosing_caveat: None,
        },
        Route::Intranasal => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: Some((kg(0.2), kg(1.0))),
            chronic_infusion: None,
            chronic_dosing: "0.2-1 mg/kg for chronic pain and sedation",
            other_uses: &[OtherUse { text: "3-6 mg/kg for procedural analgesia and anesthetic premedication" }],
            bioavailability: bioavailability_text(INTRANASAL_BIOAVAILABILITY),
            bioavailability_percent: Some(INTRANASAL_BIOAVAILABILITY),
            onset: "5-10 min",
            duration: "45-120 min",
            bolus_hard_limit: Some(RouteLimit {
                value: 3.0,
                inclusive: true,
                reason: "3 mg/kg or more is Table 1's intranasal procedural-analgesia and anesthetic-premedication range",
                source: TABLE_1,
            }),
            infusion_hard_limit: None,
            source: TABLE_1,
            column_caveat: CAVEAT,
            dosing_caveat: None,
        },
        Route::Subcut => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: Some((kg(0.1), kg(0.6))),
            chronic_infusion: Some((kgh(0.1), kgh(1.2))),
            chronic_dosing: "0.1-1.2 mg/kg per hour for chronic pain; bolus and treatment dosing 0.10-0.6 mg/kg",
            other_uses: &[],
            bioavailability: bioavailability_text(SUBCUT_BIOAVAILABILITY),
            bioavailability_percent: Some(SUBCUT_BIOAVAILABILITY),
            onset: "10-30 min",
            duration: "45-120 min",
            // Table 1 lists no other subcut use to bound a bolus; the IV limit applies, which is
            // conservative since subcut bioavailability is at most that of IV.
            bolus_hard_limit: Some(RouteLimit {
                value: 0.75,
                inclusive: false,
                reason: "above 0.75 mg/kg: Table 1 lists no other subcut use to bound a bolus, so the calculator applies the IV limit",
                source: Source::new(Document::CalculatorCheck, "IV bolus limit applied to subcut"),
            }),
            // Conservative: no subcut infusion above the top of the recommended IV infusion range.
            infusion_hard_limit: Some(RouteLimit {
                value: 2.0,
                inclusive: false,
                reason: "above 2 mg/kg per hour: Table 1's subcut range ends at 1.2 mg/kg per hour, and the calculator allows no more than the top of the recommended IV range",
                source: Source::new(Document::CalculatorCheck, "top of the recommended IV range applied to subcut"),
            }),
            source: TABLE_1,
            column_caveat: CAVEAT,
            dosing_caveat: None,
        },
        Route::Oral => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: Some((kg(0.3), kg(1.25))),
            chronic_infusion: None,
            chronic_dosing: "0.3-1.25 mg/kg for chronic pain",
            other_uses: &[OtherUse { text: "up to 3 mg/kg for procedural analgesia and anesthetic premedication" }],
            bioavailability: bioavailability_text(ORAL_BIOAVAILABILITY),
            bioavailability_percent: Some(ORAL_BIOAVAILABILITY),
            onset: "5-20 min",
            duration: "2-4 h",
            bolus_hard_limit: Some(RouteLimit {
                value: 3.0,
                inclusive: false,
                reason: "above 3 mg/kg, the largest oral dose in Table 1 (procedural analgesia and premedication)",
                source: TABLE_1,
            }),
            infusion_hard_limit: None,
            source: TABLE_1,
            column_caveat: CAVEAT,
            dosing_caveat: None,
        },
        Route::Rectal => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: None,
            chronic_infusion: None,
            chronic_dosing: "none for chronic pain",
            other_uses: &[OtherUse { text: "5-10 mg/kg for anesthesia premedication and procedural analgesia" }],
            bioavailability: bioavailability_text(RECTAL_BIOAVAILABILITY),
            bioavailability_percent: Some(RECTAL_BIOAVAILABILITY),
            onset: "5-15 min",
            duration: "2-3 h",
            bolus_hard_limit: Some(RouteLimit {
                value: 5.0,
                inclusive: true,
                reason: "5 mg/kg or more is Table 1's rectal premedication and procedural-analgesia range",
                source: TABLE_1,
            }),
            infusion_hard_limit: None,
            source: TABLE_1,
            column_caveat: CAVEAT_INTERLEAVED,
            dosing_caveat: None,
        },
        Route::Topical => RouteFacts {
            route,
            bolus_range_source: TABLE_1,
            infusion_range_source: TABLE_1,
            chronic_bolus: None,
            chronic_infusion: None,
            chronic_dosing: "1-10 % cream for chronic pain (not dosed by weight)",
            other_uses: &[],
            bioavailability: bioavailability_text(TOPICAL_BIOAVAILABILITY),
            bioavailability_percent: Some(TOPICAL_BIOAVAILABILITY),
            onset: "< 2 d (as printed; clinically odd, check the published table)",
            duration: "not applicable",
            bolus_hard_limit: None,
            infusion_hard_limit: None,
            source: TABLE_1,
            column_caveat: CAVEAT_INTERLEAVED,
            dosing_caveat: None,
        },
    }
}
