//! Weight and height from the record's Observations: the newest measurement of this patient,
//! converted to kg (from `kg`, `g`, `[lb_av]`) or cm (from `cm`, `[in_i]`), dated, and flagged
//! when older than the profile allows.

use super::date::{instant_ms, Date, Precision};
use super::fhir::{Bundle, Observation, OperationOutcome, ResourceType};
use super::label::{self, quoted, MEASURE, WEIGH};
use super::{FromRecord, Limits, MAX_ANSWER_BYTES};
use crate::display::number;
use crate::rounding::to_decimals;
use crate::units::{CM_PER_IN, KG_PER_LB};

/// LOINC body weight and body height (FHIR vital-signs profiles `bodyweight`, `bodyheight`).
pub const BODY_WEIGHT_LOINC: &str = "29463-7";
pub const BODY_HEIGHT_LOINC: &str = "8302-2";

const UCUM: &str = "http://unitsofmeasure.org";

/// Statuses of a measurement that stands (a `preliminary` one is named in its line).
/// `entered-in-error`, `cancelled`, `registered` (no result yet) and `unknown` are skipped.
const STANDING: [&str; 4] = ["final", "amended", "corrected", "preliminary"];

/// A unit the calculator converts: its UCUM code, the word shown, and the factor to the field's
/// unit.
struct Unit {
    ucum: &'static str,
    shown: &'static str,
    factor: f64,
}

struct Kind {
    loinc: &'static str,
    /// "body weight", "height".
    name: &'static str,
    /// The field's unit, and the decimals it is filled to.
    unit: &'static str,
    decimals: usize,
    units: &'static [Unit],
    /// Display units some records write in `unit` when `code` is absent, and the UCUM code meant.
    fallback: &'static [(&'static str, &'static str)],
    instead: &'static str,
    again: &'static str,
}

/// Weight in kg to 0.1 kg, as the field takes it (`[lb_av]` x 0.45359237, `g` / 1000).
const WEIGHT: Kind = Kind {
    loinc: BODY_WEIGHT_LOINC,
    name: "body weight",
    unit: "kg",
    decimals: 1,
    units: &[
        Unit {
            ucum: "kg",
            shown: "kg",
            factor: 1.0,
        },
        Unit {
            ucum: "g",
            shown: "g",
            factor: 0.001,
        },
        Unit {
            ucum: "[lb_av]",
            shown: "lb",
            factor: KG_PER_LB,
        },
    ],
    fallback: &[
        ("kg", "kg"),
        ("g", "g"),
        ("lb", "[lb_av]"),
        ("lbs", "[lb_av]"),
        ("[lb_av]", "[lb_av]"),
    ],
    instead: WEIGH,
    again: "weigh the patient",
};

/// Height in cm to 1 cm (`[in_i]` x 2.54).
const HEIGHT: Kind = Kind {
    loinc: BODY_HEIGHT_LOINC,
    name: "height",
    unit: "cm",
    decimals: 0,
    units: &[
        Unit {
            ucum: "cm",
            shown: "cm",
            factor: 1.0,
        },
        Unit {
            ucum: "[in_i]",
            shown: "in",
            factor: CM_PER_IN,
        },
    ],
    fallback: &[("cm", "cm"), ("in", "[in_i]"), ("[in_i]", "[in_i]")],
    instead: MEASURE,
    again: "measure the height",
};

/// The newest body weight of `patient_id` in a search Bundle, for the weight field (kg).
///
/// ```
/// use ketamine_engine::record::{weight, date::Date, Limits};
/// let empty = r#"{"resourceType": "Bundle", "entry": []}"#;
/// let w = weight(empty, "p1", Date::parse("2026-11-27").unwrap(), &Limits::default());
/// assert_eq!(w.value(), None);
/// assert!(w.line().starts_with("The record has no body weight"));
/// ```
pub fn weight(bundle: &str, patient_id: &str, today: Date, limits: &Limits) -> FromRecord {
    newest(
        &WEIGHT,
        bundle,
        patient_id,
        today,
        limits.weight_kg,
        limits.weight_max_age_days,
        limits.fhir_base_url.as_deref(),
    )
}

/// The newest height of `patient_id` in a search Bundle, for the height field (cm).
pub fn height(bundle: &str, patient_id: &str, today: Date, limits: &Limits) -> FromRecord {
    newest(
        &HEIGHT,
        bundle,
        patient_id,
        today,
        limits.height_cm,
        limits.height_max_age_days,
        limits.fhir_base_url.as_deref(),
    )
}

fn newest(
    kind: &Kind,
    text: &str,
    patient_id: &str,
    today: Date,
    accepted: (f64, f64),
    max_age_days: u32,
    fhir_base_url: Option<&str>,
) -> FromRecord {
    let refuse = |why: String| FromRecord::NotFilled {
        line: label::not_filled(&why, kind.instead),
    };
    if text.len() > MAX_ANSWER_BYTES {
        return refuse(format!(
            "The record's answer for the {} is larger than {} KB",
            kind.name,
            MAX_ANSWER_BYTES / 1024
        ));
    }
    let bundle: Bundle = match serde_json::from_str(text) {
        Ok(b) => b,
        Err(e) => {
            return refuse(format!(
                "The record's answer for the {} could not be read ({e})",
                kind.name
            ))
        }
    };
    if bundle.resource_type != "Bundle" {
        return refuse(format!(
            "The record's answer for the {} is not a search result",
            kind.name
        ));
    }
    let mut skipped = 0;
    let mut standing: Vec<(Key, Observation)> = Vec::new();
    for entry in bundle.entry {
        let Some(resource) = entry.resource else {
            continue;
        };
        let unreadable = |e: serde_json::Error| {
            refuse(format!(
                "An entry of the record's {} could not be read ({e})",
                kind.name
            ))
        };
        // A search may also return an OperationOutcome or included resources.
        match serde_json::from_str::<ResourceType>(resource.get()) {
            Ok(t) if t.resource_type.as_deref() == Some("Observation") => {}
            Ok(t) if t.resource_type.as_deref() == Some("OperationOutcome") => {
                match outcome_problem(resource.get()) {
                    Some(why) => return refuse(format!("{why} for the {}", kind.name)),
                    None => continue,
                }
            }
            Ok(_) => continue,
            Err(e) => return unreadable(e),
        }
        let obs: Observation = match serde_json::from_str(resource.get()) {
            Ok(o) => o,
            // It may be the newest measurement: refuse rather than fill an older one.
            Err(e) => return unreadable(e),
        };
        if !obs.has_loinc(kind.loinc) || !obs.is_about(patient_id, fhir_base_url) {
            continue;
        }
        if !obs.status.as_deref().is_some_and(|s| STANDING.contains(&s)) {
            skipped += 1;
            continue;
        }
        standing.push((key(&obs), obs));
    }
    // The newest by the record's own dates, whatever order the server sent them in.
    let Some(newest_day) = standing.iter().map(|(k, _)| k.0).max() else {
        let skipped = match skipped {
            0 => String::new(),
            1 => {
                " (1 entry marked entered-in-error, cancelled or not yet final was skipped)".into()
            }
            n => format!(
                " ({n} entries marked entered-in-error, cancelled or not yet final were skipped)"
            ),
        };
        return refuse(format!(
            "The record has no {} for this patient{skipped}",
            kind.name
        ));
    };
    // Within the newest day the time decides, but only when every one of them has a time: a
    // weight dated only by its day may be before or after one timed that day.
    let day: Vec<&(Key, Observation)> =
        standing.iter().filter(|(k, _)| k.0 == newest_day).collect();
    let timed = day.iter().all(|(k, _)| k.1.is_some());
    let latest_time = day.iter().map(|(k, _)| k.1).max().flatten();
    let mut tied: Vec<FromRecord> = day
        .iter()
        .filter(|(k, _)| !timed || k.1 == latest_time)
        .map(|(_, obs)| read(kind, obs, today, accepted, max_age_days))
        .collect();
    // Sorted so that the answer never depends on the server's order.
    tied.sort_by(|a, b| a.line().cmp(b.line()));
    tied.dedup();
    let first = tied.swap_remove(0);
    let agree = tied
        .iter()
        .all(|t| t.value().is_some() && t.value() == first.value());
    if agree || first.value().is_none() && tied.iter().all(|t| t.value().is_none()) {
        return first;
    }
    let said: Vec<String> = std::iter::once(&first)
        .chain(&tied)
        .map(|t| match t {
            FromRecord::Filled { recorded, .. } => recorded.clone(),
            FromRecord::NotFilled { .. } => "one not usable".into(),
        })
        .collect();
    let when = newest_day.map_or("undated".into(), |d| format!("from {d}"));
    refuse(format!(
        "The record has {} {}s {when} that disagree, with no time to tell which is newer ({})",
        said.len(),
        kind.name,
        said.join("; ")
    ))
}

/// What orders measurements: the day as recorded, then the instant when the time is given.
/// An undated one is never newer than a dated one.
type Key = (Option<Date>, Option<i64>);

fn key(obs: &Observation) -> Key {
    let measured = obs.measured();
    let day = match measured.and_then(Date::parse_fhir) {
        Some(Precision::Day(d)) => Some(d),
        _ => None,
    };
    (day, day.and(measured).and_then(instant_ms))
}

/// A problem a server reports in a search's OperationOutcome (`fatal`, `error` or `warning`,
/// e.g. a search parameter it ignored), as the app says it after "The health record could not
/// be read: ". `None` when the text is not an OperationOutcome or it reports only information.
fn outcome_problem(text: &str) -> Option<String> {
    // An outcome that cannot be read is reported too: it may have said anything.
    let Ok(outcome) = serde_json::from_str::<OperationOutcome>(text) else {
        return Some("the server sent an unreadable OperationOutcome".into());
    };
    let issue = outcome.issue.iter().find(|i| {
        matches!(
            i.severity.as_deref(),
            Some("fatal" | "error" | "warning") | None
        )
    })?;
    let severity = match issue.severity.as_deref() {
        Some("fatal") => "a fatal error",
        Some("error") => "an error",
        Some(_) => "a warning",
        None => "an issue of no stated severity",
    };
    let said = issue
        .diagnostics
        .as_deref()
        .or(issue.code.as_deref())
        .map_or(String::new(), |d| format!(" ({})", quoted(d)));
    Some(format!(
        "the server reported {severity}{said} with the search"
    ))
}

/// Whether the record's answer to a weight or height search carries the server's report of a
/// problem (an OperationOutcome entry with severity `fatal`, `error` or `warning`): the search
/// may be incomplete or unsorted. The words follow "The health record could not be read: ".
/// The app shows it as a server error; `weight` and `height` also refuse to fill from it.
///
/// ```
/// use ketamine_engine::record::search_problem;
/// let warned = r#"{"resourceType": "Bundle", "entry": [{"search": {"mode": "outcome"},
///     "resource": {"resourceType": "OperationOutcome", "issue": [{"severity": "warning",
///     "code": "not-supported", "diagnostics": "_sort ignored"}]}}]}"#;
/// assert_eq!(search_problem(warned).unwrap(),
///     "the server reported a warning (\"_sort ignored\") with the search");
/// assert_eq!(search_problem(r#"{"resourceType": "Bundle", "entry": []}"#), None);
/// ```
pub fn search_problem(bundle: &str) -> Option<String> {
    let bundle: Bundle = serde_json::from_str(bundle).ok()?;
    bundle.entry.iter().find_map(|e| {
        let r = e.resource.as_ref()?;
        let t = serde_json::from_str::<ResourceType>(r.get()).ok()?;
        (t.resource_type.as_deref() == Some("OperationOutcome"))
            .then(|| outcome_problem(r.get()))
            .flatten()
    })
}

/// The field's value from one chosen measurement, or why not.
fn read(
    kind: &Kind,
    obs: &Observation,
    today: Date,
    accepted: (f64, f64),
    max_age_days: u32,
) -> FromRecord {
    let refuse = |why: String| FromRecord::NotFilled {
        line: label::not_filled(&why, kind.instead),
    };
    let day = match obs.measured().and_then(Date::parse_fhir) {
        Some(Precision::Day(d)) => Some(d),
        _ => None,
    };
    let latest = format!("The record's latest {}", kind.name);
    let Some(day) = day else {
        return match obs.measured() {
            None if obs.issued.is_some() => refuse(format!(
                "{latest} has no measurement date, only the date it was entered"
            )),
            None => refuse(format!("{latest} has no measurement date")),
            Some(t) => refuse(format!(
                "{latest} has no full measurement date ({})",
                quoted(t)
            )),
        };
    };
    let Some(q) = &obs.value_quantity else {
        let reason = obs.data_absent_reason.as_ref().and_then(|r| {
            r.coding
                .iter()
                .find_map(|c| c.code.as_deref())
                .or(r.text.as_deref())
        });
        return refuse(match reason {
            Some(why) => format!("{latest} has no value; the record gives the reason {}", quoted(why)),
            None if !obs.component.is_empty() => format!(
                "{latest} has no value of its own, only components, which the calculator does not read"
            ),
            None => format!("{latest} has no value"),
        });
    };
    let code = match (q.code.as_deref(), q.system.as_deref()) {
        (Some(code), None | Some(UCUM)) => {
            // A display unit that names another unit than the code (`lb` beside `kg`) means the
            // record is wrong somewhere; which one is right cannot be known, and 181.7 read as kg
            // instead of lb is more than twice the dose.
            if let Some((shown, meant)) = q.unit.as_deref().and_then(|u| spelled(kind, u)) {
                if meant != code {
                    return refuse(format!(
                        "{latest} has the unit {} but the UCUM code {}, which disagree",
                        quoted(shown),
                        quoted(code)
                    ));
                }
            }
            Some(code)
        }
        (Some(_), Some(other)) => {
            return refuse(format!(
                "{latest} has a unit from {}, not UCUM",
                quoted(other)
            ))
        }
        // No code: the display unit stands in, if it is one of the few that are unambiguous.
        (None, _) => q
            .unit
            .as_deref()
            .filter(|u| kind.fallback.iter().any(|(shown, _)| shown == u))
            .and_then(|u| spelled(kind, u))
            .map(|(_, ucum)| ucum),
    };
    let accepted_units: Vec<&str> = kind.units.iter().map(|u| u.ucum).collect();
    let Some(unit) = code.and_then(|c| kind.units.iter().find(|u| u.ucum == c)) else {
        let written = q.code.as_deref().or(q.unit.as_deref());
        return refuse(match written {
            None => format!("{latest} has no unit"),
            Some(w) => format!(
                "{latest} is in {}, which the calculator does not convert (it reads {})",
                quoted(w),
                accepted_units.join(", ")
            ),
        });
    };
    let Some(value) = q.value.filter(|v| v.is_finite() && *v > 0.0) else {
        return refuse(format!("{latest} is not a positive number"));
    };
    // "> 150 kg" says only that the scale's range ended; no dose may rest on it.
    if let Some(c) = &q.comparator {
        return refuse(format!(
            "{latest} is not an exact measurement (it is written {} {value} {})",
            quoted(c),
            unit.shown
        ));
    }
    let converted = to_decimals(value * unit.factor, kind.decimals);
    let written = as_written(value);
    let recorded = if unit.ucum == kind.unit && converted == value {
        format!("{written} {}", unit.shown)
    } else {
        format!(
            "{written} {} ({} {})",
            unit.shown,
            number(converted),
            kind.unit
        )
    };
    let (min, max) = accepted;
    if !(min..=max).contains(&converted) {
        return refuse(format!(
            "{latest}, {recorded}, is outside the calculator's {} to {} {}",
            number(min),
            number(max),
            kind.unit
        ));
    }
    let age = day.days_until(today);
    // One day ahead is a time zone (recorded where it was already tomorrow); more is an error.
    if age < -1 {
        return refuse(format!("{latest} is dated {day}, after today"));
    }
    let old = age > i64::from(max_age_days);
    // A preliminary result may still change: it is used, and the line says so.
    let recorded = if obs.status.as_deref() == Some("preliminary") {
        format!("{recorded}, preliminary")
    } else {
        recorded
    };
    FromRecord::Filled {
        value: number(converted),
        line: label::measured(
            &recorded,
            &day.to_string(),
            old.then_some((age, max_age_days, kind.again)),
        ),
        recorded,
        old,
    }
}

/// The UCUM code a display unit spells, when it is one of the known spellings, in any case (a
/// `LB` beside `kg` is as contradictory as `lb`): the unit as written and the code.
fn spelled<'a>(kind: &Kind, unit: &'a str) -> Option<(&'a str, &'static str)> {
    kind.fallback
        .iter()
        .find(|(shown, _)| shown.eq_ignore_ascii_case(unit))
        .map(|(_, ucum)| (unit, *ucum))
}

/// A value as the record wrote it (shortest exact form), kept short when it is absurdly large.
fn as_written(value: f64) -> String {
    if value < 1e6 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}
