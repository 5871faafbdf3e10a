//! "Copy as note": the plan as plain text for an electronic record, with every figure's unit,
//! every alert with its source and acknowledgement, and the versions that produced it.
//!
//! ```
//! use ketamine_engine::{calculate, Inputs, note::clinical_note};
//! let inputs = Inputs::from_fragment("weight=70&rate=0.5&duration_min=150&conc=1");
//! let text = clinical_note(&calculate(&inputs), &[], "2026-11-21 10:00");
//! assert!(text.contains("Infusion: 0.5 mg/kg/h = 35 mg/h = 8.33 mcg/kg/min"));
//! assert!(text.contains("Pump: 35 mL/h at 1 mg/mL"));
//! ```

use crate::acknowledgements::Acknowledgement;
use crate::alerts::Level;
use crate::display::{number, precise, quantity, range};
use crate::result::{CalculationResult, Status};
use std::fmt::Write;

/// The disclaimer every note, printout and screen carries.
pub const DISCLAIMER: &str = "Decision support only: this calculator supports and does not replace clinical judgment. Check every figure against its source.";

/// "Message (source)." without doubling the full stop.
fn cited(text: &str, source: impl std::fmt::Display) -> String {
    format!("{} ({source}).", text.trim_end_matches('.'))
}

/// Writes the note. `timestamp` is the local date and time, supplied by the caller.
pub fn clinical_note(
    result: &CalculationResult,
    acks: &[Acknowledgement],
    timestamp: &str,
) -> String {
    let mut out = String::new();
    let v = result.versions;
    let _ = writeln!(
        out,
        "Ketamine infusion calculator for chronic pain (engine {}, rules {})",
        v.engine, v.rules
    );
    let _ = writeln!(out, "Based on: {}", v.guideline);
    match &result.profile {
        Some(p) => {
            let _ = writeln!(
                out,
                "Institution profile: {}, version {}, review date {}{}",
                p.institution,
                p.profile_version,
                p.review_date,
                p.approved_by
                    .as_deref()
                    .map(|by| format!(", approved by {by}"))
                    .unwrap_or_default()
            );
        }
        None => {
            let _ = writeln!(out, "Limits: the guideline's (no institution profile)");
        }
    }
    let _ = writeln!(out, "Date and time: {timestamp}");
    if result.status == Status::Invalid && result.dosing_weight.is_none() {
        let _ = writeln!(out, "\nNo plan: the inputs are incomplete or invalid.");
        for e in &result.errors {
            let _ = writeln!(out, "- {}", e.message);
        }
        let _ = writeln!(out, "\n{DISCLAIMER}");
        return out;
    }
    if let Some(dw) = &result.dosing_weight {
        let entered = match result.weight_entered_lb {
            Some(lb) => format!(
                "{} entered = {}",
                quantity(lb, "lb"),
                quantity(dw.actual_kg.0, "kg")
            ),
            None => quantity(dw.actual_kg.0, "kg"),
        };
        let _ = writeln!(out, "\nWeight: {entered}");
        let _ = writeln!(
            out,
            "Dosing weight: {} ({}; {})",
            quantity(dw.kg.0, "kg"),
            dw.basis.key(),
            dw.formula
        );
    }
    if let Some(facts) = &result.route_facts {
        let _ = writeln!(out, "Route: {}", facts.route.label());
        let mut ranges = Vec::new();
        if let Some(b) = result.bolus_range_mg {
            ranges.push(format!("bolus {}", range(b.min, b.max, "mg")));
        }
        if let Some(i) = result.infusion_range_mg_per_h {
            ranges.push(format!("infusion {}", range(i.min, i.max, "mg/h")));
        }
        if !ranges.is_empty() {
            let _ = writeln!(
                out,
                "Chronic-pain range at this weight: {} ({})",
                ranges.join("; "),
                facts.source
            );
        }
    }
    if let Some(p) = &result.protocol {
        let _ = writeln!(out, "Protocol: {} ({})", p.name, p.source);
    }
    if result.status == Status::Invalid {
        let _ = writeln!(out, "\nPlan blocked by a hard limit:");
        for e in &result.errors {
            let _ = writeln!(out, "- {}", e.message);
        }
    } else {
        write_plan(&mut out, result);
    }
    if let Some(m) = &result.monitoring {
        let _ = writeln!(out, "\nMonitoring tier: {}", m.tier.label());
        for (reason, source) in &m.reasons {
            let _ = writeln!(out, "- {}", cited(reason, source));
        }
        for r in &m.requirements {
            let _ = writeln!(out, "- {}", cited(r.text, r.source));
        }
    }
    if let Some(care) = &result.care_area_check {
        let line = match &care.care_area {
            Some(_) => care.note.clone(),
            None => format!(
                "not chosen. {}",
                care.note
                    .trim_start_matches(crate::care_area::NOT_CHOSEN)
                    .trim()
            ),
        };
        let _ = writeln!(out, "Care area: {line}");
    }
    if let Some(pre) = &result.pre_infusion {
        let _ = writeln!(out, "\nPre-infusion tests:");
        if let Some(note) = pre.note {
            let _ = writeln!(out, "- {}", cited(note, pre.source));
        }
        for t in &pre.tests {
            let _ = writeln!(
                out,
                "- {}",
                cited(&format!("{}: {}", t.name, t.reason), t.source)
            );
        }
    }
    if !result.alerts.is_empty() {
        let _ = writeln!(out, "\nAlerts:");
        for a in &result.alerts {
            let level = match a.level {
                Level::Hard => "BLOCKED",
                Level::Soft => "WARNING",
                Level::Info => "NOTE",
            };
            let ack = match (a.level, crate::acknowledgements::covering(a, acks)) {
                (Level::Soft, Some(k)) => format!(" Acknowledged: {}", k.reason),
                (Level::Soft, None) => " NOT ACKNOWLEDGED".to_string(),
                _ => String::new(),
            };
            let _ = writeln!(out, "- {level}: {}{ack}", cited(&a.message, a.source));
        }
    }
    // ---- Preparation and double check (issue 13)
    for lines in [
        result
            .preparation
            .as_ref()
            .map(crate::preparation::note_lines),
        result
            .double_check
            .as_ref()
            .map(crate::result::comparison::note_lines),
    ]
    .into_iter()
    .flatten()
    {
        let _ = writeln!(out, "\n{}", lines.join("\n"));
    }
    let r = &result.response;
    if let (Some(before), Some(after)) = (r.pain_before, r.pain_after) {
        let _ = write!(
            out,
            "\nResponse: pain {} -> {}",
            number(before),
            number(after)
        );
        if let (Some(percent), Some(positive)) = (r.percent_relief, r.positive) {
            let verdict = if positive {
                "positive by pain score (at least 30 %)"
            } else {
                "not positive by pain score (under 30 %)"
            };
            let _ = write!(out, ", {} % relief: {verdict}", number(percent));
        }
        let _ = writeln!(out, " ({}; formula: {})", r.source, r.formula_source);
    }
    let _ = writeln!(out, "\n{DISCLAIMER}");
    out
}

fn write_plan(out: &mut String, result: &CalculationResult) {
    let p = &result.plan;
    let _ = writeln!(out, "\nPlan:");
    if let (Some(per_kg), Some(mg)) = (p.bolus_mg_per_kg, p.bolus_mg) {
        let mut line = format!(
            "Bolus: {} = {}",
            quantity(per_kg.0, "mg/kg"),
            quantity(mg.0, "mg")
        );
        if let (Some(ml), Some(rounded), Some(c)) =
            (p.bolus_ml, p.bolus_ml_rounded, p.concentration_mg_per_ml)
        {
            let _ = write!(
                line,
                "; {} at {} (draw up {})",
                quantity(ml.0, "mL"),
                quantity(c.0, "mg/mL"),
                quantity(rounded.0, "mL")
            );
        }
        if p.bolus_entered_unit == Some("mL") {
            if let Some(entered) = &p.bolus_as_entered {
                let _ = write!(line, "; entered as {entered}");
            }
        }
        let _ = writeln!(out, "- {line}");
    }
    if let (Some(a), Some(b), Some(c)) = (
        p.rate_mg_per_kg_per_h,
        p.rate_mg_per_h,
        p.rate_mcg_per_kg_per_min,
    ) {
        let _ = writeln!(
            out,
            "- Infusion: {} = {} = {}",
            quantity(a.0, "mg/kg/h"),
            quantity(b.0, "mg/h"),
            quantity(c.0, "mcg/kg/min")
        );
        if let (Some(ml), Some(rounded), Some(conc)) = (
            p.rate_ml_per_h,
            p.rate_ml_per_h_rounded,
            p.concentration_mg_per_ml,
        ) {
            let _ = writeln!(
                out,
                "- Pump: {} at {} (unrounded {} mL/h)",
                quantity(rounded.0, "mL/h"),
                quantity(conc.0, "mg/mL"),
                precise(ml.0)
            );
        }
    }
    if let Some(d) = p.duration_min {
        let _ = writeln!(out, "- Duration: {}", quantity(d.0, "min"));
    }
    if let (Some(total), Some(per_kg)) = (p.total_mg, p.total_mg_per_kg) {
        let _ = writeln!(
            out,
            "- Total per infusion day: {} ({})",
            quantity(total.0, "mg"),
            quantity(per_kg.0, "mg/kg")
        );
    }
    if p.days > 1 {
        if let Some(course) = p.course_total_mg {
            let hours = p
                .cumulative_hours
                .map(|h| format!(", {} cumulative hours", number(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- Course: {} days, {} in all{hours}",
                p.days,
                quantity(course.0, "mg")
            );
        }
    }
    if let Some(t) = &result.targets.detail {
        let verdict = if t.met {
            format!("met ({} above 80 mg)", quantity(t.margin_mg.0, "mg"))
        } else {
            let mut why = Vec::new();
            if !t.total_at_least_80_mg {
                why.push(format!("{} short", quantity(t.shortfall_mg.0, "mg")));
            }
            if !t.duration_over_2_h {
                why.push("not over 2 h".to_string());
            }
            format!("not met ({})", why.join("; "))
        };
        let _ = writeln!(
            out,
            "- First-infusion target, at least 80 mg over more than 2 h: {verdict} ({})",
            t.source
        );
    }
    if let Some(s) = &result.titration {
        let _ = writeln!(out, "- Titration (if every step is tolerated):");
        for step in &s.steps {
            let _ = writeln!(
                out,
                "  {} min: {}",
                number(step.start_min.0),
                quantity(step.rate_mg_per_h.0, "mg/h")
            );
        }
        let _ = writeln!(
            out,
            "  {} over the first {}",
            quantity(s.total_mg.0, "mg"),
            quantity(s.covers_min.0, "min")
        );
    }
}
