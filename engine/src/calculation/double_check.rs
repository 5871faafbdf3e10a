//! An independent double check: a second clinician enters the same order on their own, without
//! seeing the first entry's figures, and the two are compared (ISMP: the second person works the
//! calculation out without being told the answer; a check that shows the first answer is
//! "primed", and primed checks found no benefit over a single check, Westbrook 2021).
//!
//! The comparison is pure: two entries and their results in, every difference out, side by side.
//! What counts as the same:
//! - a pump rate or a volume to draw up: the same setting after the pump's or the syringe's
//!   rounding (`rounding`), because that is what is programmed or drawn;
//! - a dose per kg, a rate, a total: within half of the last digit the display shows
//!   (`display::resolution`), because a difference the display hides cannot be acted on;
//! - an entry: the same number (70 and 70.0 are the same) in the same unit, or the same choice.
//!
//! ```
//! use ketamine_engine::{calculate, Inputs};
//! use ketamine_engine::double_check::{compare, Verdict};
//! let first = Inputs::from_fragment("weight=70&rate=35&rate_unit=mL/h&conc=1&duration_min=150");
//! let second = Inputs::from_fragment("weight=70.0&rate=35&rate_unit=mL/h&conc=1&duration_min=150");
//! let c = compare(&first, &calculate(&first), &second, &calculate(&second));
//! assert_eq!(c.verdict, Verdict::Match);
//! ```

use crate::display::{number, precise, resolution};
use crate::inputs::Inputs;
pub use crate::result::comparison::{note_lines, Comparison, Row, Verdict, RULE, SOURCE};
use crate::result::{CalculationResult, FieldError, Status};
use crate::thresholds::Thresholds;
use crate::validation::parse_decimal;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

const NOT_ENTERED: &str = "not entered";
const NONE: &str = "none";

/// Calculates the second entry and compares it with the first: the second entry's result, with
/// the comparison in `double_check`. Both are calculated under the same thresholds.
pub fn calculate_check(first: &Inputs, second: &Inputs, t: &Thresholds) -> CalculationResult {
    let first_result = crate::calculation::calculate::calculate_with(first, t);
    let mut second_result = crate::calculation::calculate::calculate_with(second, t);
    second_result.double_check = Some(compare(first, &first_result, second, &second_result));
    second_result
}

/// Whether the second entry is complete enough to be compared: it has a result, a plan (a bolus
/// or a rate), and each of the duration and the concentration that the first entry has. A weight
/// alone gives a result, but comparing it would show the first entry's plan to someone who has
/// not yet worked it out.
pub fn second_entry_complete(
    first: &Inputs,
    second: &Inputs,
    second_result: &CalculationResult,
) -> bool {
    second_result.status == Status::Ok
        && (second.get("bolus").is_some() || second.get("rate").is_some())
        && ["duration_min", "conc"]
            .iter()
            .all(|key| first.get(key).is_none() || second.get(key).is_some())
}

/// The result of the form as it now is, carrying the comparison of the first entry with the
/// second entry frozen when Compare was pressed; marked edited when the form no longer holds it.
pub fn calculate_frozen_check(
    first: &Inputs,
    frozen: &Inputs,
    frozen_result: &CalculationResult,
    current: &Inputs,
    t: &Thresholds,
) -> CalculationResult {
    let first_result = crate::calculation::calculate::calculate_with(first, t);
    let mut result = crate::calculation::calculate::calculate_with(current, t);
    let mut comparison = compare(first, &first_result, frozen, frozen_result);
    if current != frozen {
        comparison.mark_edited();
    }
    result.double_check = Some(comparison);
    result
}

/// Compares two entries of the same order and their results.
pub fn compare(
    first: &Inputs,
    first_result: &CalculationResult,
    second: &Inputs,
    second_result: &CalculationResult,
) -> Comparison {
    let entries = entry_rows(first, second);
    let results = result_rows(first_result, second_result);
    let differing = |rows: &[Row]| -> Vec<&'static str> {
        rows.iter().filter(|r| !r.same).map(|r| r.label).collect()
    };
    let entry_differences = differing(&entries);
    let result_differences = differing(&results);
    let incomplete = [first_result, second_result]
        .iter()
        .any(|r| r.status != Status::Ok);
    // A different route is a different order, whatever the figures.
    let route_differs = entries.iter().any(|r| r.key == "route" && !r.same);
    let (verdict, summary) = if !incomplete && !second_entry_complete(first, second, second_result)
    {
        (
            Verdict::Incomplete,
            "No comparison yet: the second entry is not complete (it needs a bolus or a rate, and the duration and the concentration where the first entry has them).".to_string(),
        )
    } else if incomplete {
        let which = match (first_result.status, second_result.status) {
            (Status::Ok, _) => "the second entry has no result",
            (_, Status::Ok) => "the first entry has no result",
            // Not "neither entry has no result": that double negative says both have one.
            _ => "neither entry has a result",
        };
        (
            Verdict::Incomplete,
            format!("No comparison yet: {which} (an input is missing or invalid, or a hard limit blocks it)."),
        )
    } else if !result_differences.is_empty() {
        (
            Verdict::Mismatch,
            format!(
                "Mismatch: the results differ in {}{}. Find the cause before the infusion is prepared or started.",
                result_differences.join(", "),
                if route_differs { ", and the route differs" } else { "" }
            ),
        )
    } else if route_differs {
        (
            Verdict::Mismatch,
            "Mismatch: the route differs, and a different route is a different order. Find the cause before the infusion is prepared or started.".to_string(),
        )
    } else if !entry_differences.is_empty() {
        (
            Verdict::ResultsMatchEntriesDiffer,
            format!(
                "The results match, but the entries differ in {}: check that both describe the same written order.",
                entry_differences.join(", ")
            ),
        )
    } else {
        (
            Verdict::Match,
            "Match: both entries and every result agree.".to_string(),
        )
    };
    Comparison {
        verdict,
        matches: verdict == Verdict::Match,
        summary,
        entries,
        results,
        rule: RULE,
        source: SOURCE,
        edited_after_comparison: false,
    }
}

/// Two entries are the same when both are absent, or the numbers are equal and the units the
/// same (case aside: `ml/h` is `mL/h`), or the texts are equal case aside.
fn same_entry(a: Option<&str>, b: Option<&str>, unit_a: &str, unit_b: &str) -> bool {
    let same_value = match (a, b) {
        (None, None) => return true,
        (Some(a), Some(b)) => match (parse_decimal(a), parse_decimal(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => a.trim().eq_ignore_ascii_case(b.trim()),
        },
        _ => false,
    };
    same_value && unit_a.eq_ignore_ascii_case(unit_b)
}

/// A list entry (patient factors) compared as a set.
fn same_list(a: Option<&str>, b: Option<&str>) -> bool {
    let set = |v: Option<&str>| {
        let mut items: Vec<String> = v
            .unwrap_or("")
            .split(',')
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        items.sort();
        items.dedup();
        items
    };
    set(a) == set(b)
}

/// The entries compared: those the task of checking an order names (weight and its unit, dosing
/// weight basis, route, concentration, rate and its unit, bolus and its unit, duration) always;
/// the others that change a result when either entry has them.
fn entry_rows(first: &Inputs, second: &Inputs) -> Vec<Row> {
    /// (unit key, default unit): the key is empty for a fixed unit.
    type Unit = Option<(&'static str, &'static str)>;
    // (key, label, unit, always shown)
    const ENTRIES: &[(&str, &str, Unit, bool)] = &[
        ("weight", "Weight", Some(("weight_unit", "kg")), true),
        ("dosing_weight", "Dosing weight basis", None, true),
        ("height", "Height", Some(("height_unit", "cm")), false),
        ("sex", "Sex", None, false),
        ("age", "Age", None, false),
        ("route", "Route", None, true),
        ("protocol", "Protocol", None, false),
        ("conc", "Concentration", Some(("", "mg/mL")), true),
        ("bolus", "Bolus", Some(("bolus_unit", "mg/kg")), true),
        (
            "rate",
            "Infusion rate",
            Some(("rate_unit", "mg/kg/h")),
            true,
        ),
        ("duration_min", "Duration", Some(("", "min")), true),
        ("days", "Infusion days", None, false),
        // The care area changes the limits the plan is held to.
        ("care_area", "Care area", None, false),
        // The preparation, when either entry has one.
        (
            "vial_mg_per_ml",
            "Vial strength",
            Some(("", "mg/mL")),
            false,
        ),
        ("container", "Container", None, false),
        ("container_ml", "Container volume", Some(("", "mL")), false),
        ("risk", "Patient factors", None, false),
        (
            "treatments_this_year",
            "Treatments in the past 12 months",
            None,
            false,
        ),
    ];
    // Choices with a contract default compare as their default when absent.
    let defaulted = |inputs: &Inputs, key: &str| -> Option<String> {
        let default = match key {
            "dosing_weight" => Some("actual"),
            "route" => Some("iv"),
            _ => None,
        };
        inputs
            .get(key)
            .map(|v| v.to_ascii_lowercase())
            .or(default.map(str::to_string))
    };
    ENTRIES
        .iter()
        .filter(|(key, _, _, always)| {
            *always || first.get(key).is_some() || second.get(key).is_some()
        })
        .map(|&(key, label, unit, _)| {
            let unit_of = |inputs: &Inputs| match unit {
                Some((unit_key, default)) => inputs.get(unit_key).unwrap_or(default).to_string(),
                None => String::new(),
            };
            let (a, b) = (defaulted(first, key), defaulted(second, key));
            let same = if key == "risk" {
                same_list(a.as_deref(), b.as_deref())
            } else {
                same_entry(
                    a.as_deref(),
                    b.as_deref(),
                    &unit_of(first),
                    &unit_of(second),
                )
            };
            let shown = |inputs: &Inputs, value: &Option<String>| match (unit, value) {
                (_, None) => NOT_ENTERED.to_string(),
                (Some(_), Some(v)) => format!("{v} {}", unit_of(inputs)),
                (None, Some(v)) => v.clone(),
            };
            Row {
                key,
                label,
                first: shown(first, &a),
                second: shown(second, &b),
                same,
            }
        })
        .collect()
}

/// Same within half of the last digit the display shows at the larger of the two figures (and
/// the arithmetic's own noise, one part in 10^12).
pub fn same_on_display(a: f64, b: f64) -> bool {
    let larger = a.abs().max(b.abs());
    (a - b).abs() <= resolution(larger) / 2.0 + larger.max(1.0) * 1e-12
}

/// Same after rounding to a step (a pump's 0.1 mL/h, a syringe's 0.01 or 0.1 mL): the rounded
/// figures are compared, in whole steps of 0.01 so that binary noise cannot split them.
pub fn same_setting(a: f64, b: f64) -> bool {
    (a * 100.0).round() == (b * 100.0).round()
}

fn result_rows(a: &CalculationResult, b: &CalculationResult) -> Vec<Row> {
    let mut rows = Vec::new();
    let status = |r: &CalculationResult| match r.status {
        Status::Ok => "calculated".to_string(),
        Status::Invalid => match r.errors.first() {
            Some(FieldError { message, .. }) => format!("no result: {message}"),
            None => "no result".to_string(),
        },
    };
    rows.push(Row {
        key: "status",
        label: "Result",
        first: status(a),
        second: status(b),
        same: a.status == Status::Ok && b.status == Status::Ok,
    });
    // (key, label, unit, figure, compared as a programmed setting)
    type Figure = fn(&CalculationResult) -> Option<f64>;
    let figures: &[(&'static str, &'static str, &'static str, Figure, bool)] = &[
        (
            "dosing_weight_kg",
            "Dosing weight",
            "kg",
            |r| r.dosing_weight_kg,
            false,
        ),
        (
            "plan.bolus_mg_per_kg",
            "Bolus dose per kg",
            "mg/kg",
            |r| r.plan.bolus_mg_per_kg.map(|x| x.0),
            false,
        ),
        (
            "plan.bolus_mg",
            "Bolus",
            "mg",
            |r| r.plan.bolus_mg.map(|x| x.0),
            false,
        ),
        (
            "plan.bolus_ml_rounded",
            "Bolus volume to draw up",
            "mL",
            |r| r.plan.bolus_ml_rounded.map(|x| x.0),
            true,
        ),
        (
            "plan.rate_mg_per_kg_per_h",
            "Infusion dose per kg",
            "mg/kg/h",
            |r| r.plan.rate_mg_per_kg_per_h.map(|x| x.0),
            false,
        ),
        (
            "plan.rate_mg_per_h",
            "Infusion rate",
            "mg/h",
            |r| r.plan.rate_mg_per_h.map(|x| x.0),
            false,
        ),
        (
            "plan.rate_ml_per_h_rounded",
            "Pump rate",
            "mL/h",
            |r| r.plan.rate_ml_per_h_rounded.map(|x| x.0),
            true,
        ),
        (
            "plan.duration_min",
            "Duration",
            "min",
            |r| r.plan.duration_min.map(|x| x.0),
            false,
        ),
        (
            "plan.total_mg",
            "Total per infusion day",
            "mg",
            |r| r.plan.total_mg.map(|x| x.0),
            false,
        ),
        (
            "plan.total_mg_per_kg",
            "Total per kg",
            "mg/kg",
            |r| r.plan.total_mg_per_kg.map(|x| x.0),
            false,
        ),
        (
            "plan.course_total_mg",
            "Course total",
            "mg",
            |r| {
                r.plan
                    .course_total_mg
                    .map(|x| x.0)
                    .filter(|_| r.plan.days > 1)
            },
            false,
        ),
        // The preparation: what is drawn up (after the syringe's rounding), added or withdrawn,
        // and how many containers.
        (
            "preparation.ketamine_ml_rounded",
            "Ketamine to draw up from the vial",
            "mL",
            |r| r.preparation.as_ref().map(|p| p.ketamine_ml_rounded.0),
            true,
        ),
        (
            "preparation.diluent_ml",
            "Diluent to add",
            "mL",
            |r| r.preparation.as_ref().map(|p| p.diluent_ml.0),
            false,
        ),
        (
            "preparation.withdraw_ml",
            "Diluent to withdraw first",
            "mL",
            |r| {
                r.preparation
                    .as_ref()
                    .and_then(|p| p.withdraw_ml)
                    .map(|x| x.0)
            },
            false,
        ),
        (
            "preparation.containers_needed",
            "Containers needed",
            "",
            |r| {
                r.preparation
                    .as_ref()
                    .and_then(|p| p.containers_needed)
                    .map(f64::from)
            },
            false,
        ),
    ];
    for &(key, label, unit, figure, setting) in figures {
        let (x, y) = (figure(a), figure(b));
        if x.is_none() && y.is_none() {
            continue;
        }
        let shown = |v: Option<f64>, other: Option<f64>| match v {
            None => NONE.to_string(),
            // Wherever the two differ at all (beyond the arithmetic's noise), both unrounded: the
            // rounded digits can hide a difference, or make a tiny one look like a whole digit.
            Some(v)
                if other.is_some_and(|o| (o - v).abs() > o.abs().max(v.abs()).max(1.0) * 1e-12) =>
            {
                format!("{} {unit}", precise(v)).trim_end().to_string()
            }
            Some(v) => format!("{} {unit}", number(v)).trim_end().to_string(),
        };
        let same = match (x, y) {
            (Some(x), Some(y)) if setting => same_setting(x, y),
            (Some(x), Some(y)) => same_on_display(x, y),
            _ => false,
        };
        rows.push(Row {
            key,
            label,
            first: shown(x, y),
            second: shown(y, x),
            same,
        });
    }
    let tier = |r: &CalculationResult| r.monitoring_tier.map(|t| t.label().to_string());
    if a.monitoring_tier.is_some() || b.monitoring_tier.is_some() {
        rows.push(Row {
            key: "monitoring_tier",
            label: "Monitoring tier",
            first: tier(a).unwrap_or_else(|| NONE.into()),
            second: tier(b).unwrap_or_else(|| NONE.into()),
            same: a.monitoring_tier == b.monitoring_tier,
        });
    }
    rows
}

// ---- The check link ---------------------------------------------------------------------------

/// The key of a check link that carries the first entry: `#check=<the first entry's fragment,
/// base64url without padding>`. The encoding is not a secret (anyone can decode it); it only
/// keeps the first entry's figures from being read at a glance in the address bar, which would
/// prime the second clinician.
/// The page reads it, keeps it out of the form and out of sight, and compares once the second
/// entry is complete. An addition to the v1 contract.
pub const CHECK_KEY: &str = "check";

/// Longest first entry a check link may carry: every key of the contract at its longest value
/// would not fit, but any real entry does many times over.
const MAX_CHECK_LEN: usize = 4096;

/// The fragment (without `#`) of a check link for a first entry: its patient and plan keys, not
/// the keys of the frame it ran in (an institution profile is kept beside it, so that the second
/// device applies the same limits).
pub fn check_fragment(first: &Inputs) -> String {
    let mut entry = first.clone();
    for key in Inputs::FRAME_KEYS {
        entry.set(key, None);
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Some(profile) = first.get("profile") {
        out.append_pair("profile", profile);
    }
    out.append_pair(CHECK_KEY, &URL_SAFE_NO_PAD.encode(entry.to_fragment()));
    out.finish()
}

/// The first entry a fragment carries, if it is a check link. `Err` names the problem: a check
/// link that cannot be read is never silently treated as an ordinary link.
pub fn first_entry(fragment: &str) -> Option<Result<Inputs, FieldError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let value = form_urlencoded::parse(fragment.as_bytes())
        .filter(|(k, _)| k == CHECK_KEY)
        .last()?
        .1
        .into_owned();
    let error = |why: &str| FieldError {
        field: CHECK_KEY,
        message: format!("Check link: {why}; ask the first clinician for a new check link"),
    };
    if value.len() > MAX_CHECK_LEN {
        return Some(Err(error("too long")));
    }
    // Strict: no padding, no stray characters, no trailing bits, and UTF-8 inside.
    let decoded = match URL_SAFE_NO_PAD
        .decode(value.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    {
        Some(text) => text,
        None => {
            return Some(Err(error(
                "its first entry does not decode (the link is cut short or altered)",
            )))
        }
    };
    let mut entry = Inputs::from_fragment(&decoded);
    for key in Inputs::FRAME_KEYS {
        entry.set(key, None);
    }
    if entry.weight.is_none() {
        return Some(Err(error("it carries no first entry (no weight)")));
    }
    Some(Ok(entry))
}
