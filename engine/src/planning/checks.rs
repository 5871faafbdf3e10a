//! Dose-error reduction: each planned dose, rate and duration against the route's ranges and the
//! limits of the sources, and the patient against the guideline's scope. Every crossing is an
//! [`Alert`] with its level and source; hard alerts block the result. Doses in messages are shown
//! with [`precise`], so that 2.001 mg/kg/h never reads as the 2 it was compared with.

use crate::alerts::{Alert, Level};
use crate::compare::{above, at_least, below};
use crate::display::{number, precise};
use crate::inputs::Inputs;
use crate::plan::Plan;
use crate::protocols::Protocol;
use crate::routes::{Route, RouteFacts};
use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use crate::units::{Kg, Mg, Minutes, Ml};

/// The message of a route's hard limit: the guideline's reason, or, for a limit set by an
/// institution profile, the profile's figure (the guideline's reasoning no longer applies).
fn hard_limit_reason(limit: &crate::routes::RouteLimit, unit: &str) -> String {
    if limit.source.is_institution_profile() {
        format!(
            "above the institution profile's hard limit of {} {unit}",
            number(limit.value)
        )
    } else {
        limit.reason.to_string()
    }
}

/// Alerts on the bolus and infusion against the route (ASRA Table 1 and Table 6).
pub fn dose_alerts(plan: &Plan, facts: &RouteFacts) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let route = facts.route.label();
    if let Some(bolus) = plan.bolus_mg_per_kg {
        match facts.chronic_bolus {
            Some((min, max)) => {
                if above(bolus.0, max.0) {
                    alerts.push(
                        Alert::new(
                            Level::Soft,
                            "bolus-above-range",
                            if facts.bolus_range_source.is_institution_profile() {
                                format!(
                                    "Bolus {} mg/kg is above the institution profile's limit of {} mg/kg (the guideline's {route} chronic-pain bolus goes up to {} mg/kg).",
                                    precise(bolus.0),
                                    number(max.0),
                                    number(Thresholds::guideline().recommended_bolus_max.value.0)
                                )
                            } else {
                                format!(
                                    "Bolus {} mg/kg is above the {route} chronic-pain range ({}).",
                                    precise(bolus.0),
                                    crate::display::range(min.0, max.0, "mg/kg")
                                )
                            },
                            facts.bolus_range_source,
                        )
                        .on("bolus"),
                    );
                } else if below(bolus.0, min.0) {
                    alerts.push(
                        Alert::new(
                            Level::Info,
                            "bolus-below-range",
                            format!(
                                "Bolus {} mg/kg is below the {route} chronic-pain range ({} to {} mg/kg).",
                                precise(bolus.0),
                                number(min.0),
                                number(max.0)
                            ),
                            facts.source,
                        )
                        .on("bolus"),
                    );
                }
            }
            // Rectal: Table 1 has no chronic-pain use at all, only premedication and procedural
            // analgesia, so a rectal dose is outside the calculator's scope and is blocked.
            None => alerts.push(
                Alert::new(
                    Level::Hard,
                    "route-no-chronic-dosing",
                    format!(
                        "Bolus blocked: Table 1 gives no chronic-pain dosing for the {route} route ({}).",
                        facts.chronic_dosing
                    ),
                    facts.source,
                )
                .on("bolus"),
            ),
        }
        if let Some(limit) = facts.bolus_hard_limit {
            if limit.crossed_by(bolus.0) {
                alerts.push(
                    Alert::new(
                        Level::Hard,
                        "bolus-hard-limit",
                        format!(
                            "Bolus {} mg/kg is blocked: {}.",
                            precise(bolus.0),
                            hard_limit_reason(&limit, "mg/kg")
                        ),
                        limit.source,
                    )
                    .on("bolus"),
                );
            }
        }
    }
    if let Some(rate) = plan.rate_mg_per_kg_per_h {
        if let Some((min, max)) = facts.chronic_infusion {
            if above(rate.0, max.0) {
                let message = if facts.infusion_range_source.is_institution_profile() {
                    let (g_min, g_max) = Thresholds::guideline().recommended_infusion.value;
                    format!(
                        "Infusion {} mg/kg/h is above the institution profile's soft limit of {} mg/kg/h (the guideline recommends {} to {} mg/kg/h): acknowledge to continue. The calculator requires the ICU only above the guideline's {} mg/kg/h.",
                        precise(rate.0),
                        number(max.0),
                        number(g_min.0),
                        number(g_max.0),
                        number(g_max.0)
                    )
                } else if facts.route == Route::Iv {
                    // The guideline's figure even when a profile sets its own hard limit.
                    format!(
                        "Infusion {} mg/kg/h is above the recommended {} to {} mg/kg/h. The guideline reports up to {} mg/kg/h only in refractory cases in ICU settings, with intubation or other aspiration precautions; the calculator requires the ICU setting for any rate above {} mg/kg/h.",
                        precise(rate.0),
                        number(min.0),
                        number(max.0),
                        number(Thresholds::guideline().icu_infusion_max.value.0),
                        number(max.0)
                    )
                } else {
                    format!(
                        "Infusion {} mg/kg/h is above the {route} chronic-pain range ({} to {} mg/kg/h).",
                        precise(rate.0),
                        number(min.0),
                        number(max.0)
                    )
                };
                alerts.push(
                    Alert::new(
                        Level::Soft,
                        "rate-above-range",
                        message,
                        facts.infusion_range_source,
                    )
                    .on("rate"),
                );
            } else if below(rate.0, min.0) {
                alerts.push(
                    Alert::new(
                        Level::Info,
                        "rate-below-range",
                        format!(
                            "Infusion {} mg/kg/h is below the {route} chronic-pain range ({} to {} mg/kg/h); the guideline finds higher dosages give more benefit.",
                            precise(rate.0),
                            number(min.0),
                            number(max.0)
                        ),
                        Source::new(Document::Asra2018, "question 3 and Table 6"),
                    )
                    .on("rate"),
                );
            }
        }
        if let Some(limit) = facts.infusion_hard_limit {
            if limit.crossed_by(rate.0) {
                alerts.push(
                    Alert::new(
                        Level::Hard,
                        "rate-hard-limit",
                        format!(
                            "Infusion {} mg/kg/h is blocked: {}.",
                            precise(rate.0),
                            hard_limit_reason(&limit, "mg/kg/h")
                        ),
                        limit.source,
                    )
                    .on("rate"),
                );
            }
        }
    }
    alerts
}

/// Alerts on duration, on cumulative hours, and on Correll's limits for continuous infusions of a
/// day or more (001:962-965). A course whose days leave only a short gap counts as one continuous
/// infusion (`plan::BREAK`).
pub fn duration_alerts(plan: &Plan, protocol: Option<Protocol>, t: &Thresholds) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let (Some(duration), Some(continuous)) = (plan.duration_min, plan.continuous_min) else {
        return alerts;
    };
    let days = |m: f64| number(m / Minutes::DAY.0);
    // A course merged by the gap rule reads as the daily infusions it is (issue 11, review 2).
    let exposure = if above(continuous.0, duration.0) {
        format!(
            "{} daily infusions of {} min with gaps under {} h count as one continuous exposure of {} min ({} days)",
            plan.days,
            number(duration.0),
            number(crate::plan::BREAK.hours()),
            number(continuous.0),
            days(continuous.0)
        )
    } else {
        format!(
            "A continuous infusion of {} min ({} days)",
            number(continuous.0),
            days(continuous.0)
        )
    };
    let (warn, block) = t.continuous_infusion_days.value;
    if above(continuous.0, block.0) {
        alerts.push(
            Alert::new(
                Level::Hard,
                "duration-hard-limit",
                if t.continuous_infusion_days.source.is_institution_profile() {
                    format!(
                        "{exposure}: blocked, beyond the institution profile's limit ({} days).",
                        days(block.0)
                    )
                } else {
                    // 001:962-969: a proposal "not to restrict future treatments"; longer infusions
                    // were given (001:406, 001:550-551: up to 20 days; 004:1306-1307: 10 days).
                    format!(
                        "{exposure}: blocked, beyond {} days, the calculator's conservative limit, taken from the upper end of Correll's proposed 4-5 days. Longer infusions have been given (Correll up to 20 days; the guideline cites 10-day inpatient infusions), and Correll offers his proposal not to restrict future treatments, but to promote caution: they are outside this calculator.",
                        days(block.0)
                    )
                },
                t.continuous_infusion_days.source,
            )
            .on("duration_min"),
        );
    } else if above(continuous.0, warn.0) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "duration-above-4-days",
                format!(
                    "{exposure}: beyond {} days{}. Correll proposes limiting a continuous infusion to a maximum of 4-5 days.",
                    days(warn.0),
                    if t.continuous_infusion_days.source.is_institution_profile() {
                        ", the institution profile's limit"
                    } else {
                        ""
                    }
                ),
                t.continuous_infusion_days.source,
            )
            .on("duration_min"),
        );
    }
    if below(duration.0, t.short_infusion.value.0) {
        alerts.push(
            Alert::new(
                Level::Info,
                "duration-short",
                "Infusions shorter than 2 h are unlikely to give benefit lasting beyond 48 h.",
                t.short_infusion.source,
            )
            .on("duration_min"),
        );
    }
    if let Some(hours) = plan.cumulative_hours {
        let minutes = hours * 60.0;
        // The analysis does not say whether hours must be continuous; the guideline reads them as
        // cumulative only when serial infusions follow each other before the benefit fades.
        let condition = if plan.days > 1 {
            " Cumulative hours count only if each infusion is given before the benefit of the last fades."
        } else {
            ""
        };
        if above(minutes, t.very_long_infusion.value.0) {
            alerts.push(Alert::new(
                Level::Info,
                "duration-over-30-h",
                format!(
                    "{} infusion hours: in one analysis, infusions over 30 h were associated with an almost 99 % probability of more than 50 % relief lasting beyond 48 h.{condition}",
                    number(hours)
                ),
                t.very_long_infusion.source,
            ));
        } else if above(minutes, t.long_infusion.value.0) {
            alerts.push(Alert::new(
                Level::Info,
                "duration-over-10-h",
                format!(
                    "{} infusion hours: in one analysis, infusions over 10 h were associated with an almost 95 % probability of more than 50 % relief lasting beyond 48 h.{condition}",
                    number(hours)
                ),
                t.long_infusion.source,
            ));
        }
    }
    let multi_day = at_least(continuous.0, t.multi_day_infusion.value.0);
    if let (Some(rate), true) = (
        plan.rate_mg_per_h,
        multi_day || protocol == Some(Protocol::CorrellInpatient),
    ) {
        let (low, high) = t.continuous_infusion_rate.value;
        if above(rate.0, high.0) {
            alerts.push(
                Alert::new(
                    Level::Soft,
                    "rate-above-correll-limit",
                    format!(
                        "Infusion {} mg/h is above the most Correll proposes for continuous infusions (about {} to {} mg/h).",
                        precise(rate.0),
                        number(low.0),
                        number(high.0)
                    ),
                    t.continuous_infusion_rate.source,
                )
                .on("rate"),
            );
        } else if above(rate.0, low.0) {
            alerts.push(
                Alert::new(
                    Level::Info,
                    "rate-within-correll-limit",
                    format!(
                        "Infusion {} mg/h is within Correll's proposed ceiling of about {} to {} mg/h; in {} % of his infusion cycles the rate was {} mg/h or less.",
                        precise(rate.0),
                        number(low.0),
                        number(high.0),
                        number(CORRELL_CYCLES_AT_MOST_25_MG_PER_H_PERCENT),
                        number(low.0)
                    ),
                    t.continuous_infusion_rate.source,
                )
                .on("rate"),
            );
        }
    }
    alerts
}

/// Alerts specific to Correll's inpatient titration: it starts at 10 mg/h and stays at or below
/// 30 mg/h on the first day.
pub fn titration_protocol_alerts(
    plan: &Plan,
    protocol: Option<Protocol>,
    t: &Thresholds,
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let (Some(Protocol::CorrellInpatient), Some(rate)) = (protocol, plan.rate_mg_per_h) else {
        return alerts;
    };
    let start = t.titration_start_rate.value;
    let ceiling = t.titration_first_day_max.value;
    if above(rate.0, ceiling.0) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "titration-start-above-first-day-maximum",
                format!(
                    "Inpatient titration: {} mg/h is above the {} mg/h that Correll reached on the first day, if tolerated; no titration schedule is shown.",
                    precise(rate.0),
                    number(ceiling.0)
                ),
                t.titration_first_day_max.source,
            )
            .on("rate"),
        );
    } else if rate.0 != start.0 {
        alerts.push(
            Alert::new(
                Level::Info,
                "titration-start-differs",
                format!(
                    "Inpatient titration: Correll started at {} mg/h; this plan starts at {} mg/h.",
                    number(start.0),
                    precise(rate.0)
                ),
                t.titration_start_rate.source,
            )
            .on("rate"),
        );
    }
    alerts
}

/// An info alert when the plan no longer matches the chosen protocol's preset, so that a printout
/// never names a protocol whose regimen the plan does not follow.
pub fn protocol_match_alerts(inputs: &Inputs, protocol: Option<Protocol>) -> Vec<Alert> {
    let Some(protocol) = protocol else {
        return Vec::new();
    };
    let preset = protocol.preset();
    // The trial's cap, which the preset fills where its own rate would exceed it, is the preset.
    let at_cap = protocol.rate_cap_fill().is_some_and(|(rate, unit)| {
        inputs
            .get("rate")
            .is_some_and(|r| r.parse::<f64>().ok() == rate.parse::<f64>().ok())
            && inputs
                .get("rate_unit")
                .is_some_and(|u| u.eq_ignore_ascii_case(unit))
    });
    let differs: Vec<&str> = [
        ("bolus", preset.bolus, "bolus"),
        ("rate", preset.rate, "rate"),
        ("duration_min", preset.duration_min, "duration"),
        ("days", preset.days, "days"),
    ]
    .into_iter()
    .filter(|(key, _, _)| !(at_cap && *key == "rate"))
    .filter(|(key, value, _)| match (inputs.get(key), value) {
        (None, None) => false,
        // Figures left empty by the preset are the clinician's to fill.
        (Some(_), None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => a.parse::<f64>().ok() != b.parse::<f64>().ok(),
    })
    .map(|(_, _, label)| label)
    .collect();
    // Enumerated keys are read case-insensitively, as validation reads them.
    let unit_differs = !at_cap
        && preset.rate_unit.is_some()
        && !inputs
            .get("rate_unit")
            .unwrap_or("mg/kg/h")
            .eq_ignore_ascii_case(preset.rate_unit.unwrap_or_default());
    let route_differs = !inputs
        .get("route")
        .unwrap_or("iv")
        .eq_ignore_ascii_case(preset.route);
    let mut changed: Vec<&str> = differs;
    // Presets give a bolus in mg/kg: the same number in mg or mL is another bolus.
    let bolus_unit_differs = inputs.get("bolus").is_some()
        && !inputs
            .get("bolus_unit")
            .unwrap_or("mg/kg")
            .eq_ignore_ascii_case("mg/kg");
    if bolus_unit_differs && !changed.contains(&"bolus") {
        changed.push("bolus unit");
    }
    if unit_differs && !changed.contains(&"rate") {
        changed.push("rate unit");
    }
    if route_differs {
        changed.push("route");
    }
    if changed.is_empty() {
        return Vec::new();
    }
    vec![Alert::new(
        Level::Info,
        "plan-differs-from-protocol",
        format!(
            "The plan differs from the {} preset in: {}.",
            protocol.name(),
            changed.join(", ")
        ),
        protocol.source(),
    )
    .on("protocol")]
}

/// Correll's share of infusion cycles at 25 mg/h or less: "During 78% of all infusion cycles ...
/// ≤25mg/hr" (001:530-531).
pub const CORRELL_CYCLES_AT_MOST_25_MG_PER_H_PERCENT: f64 = 78.0;

/// Where a preset's trial capped its dose, a soft alert (needs acknowledgement) when the plan
/// goes beyond the cap, which the preset itself never fills (`protocols`): the trial gave no more.
/// Schwartzman: Table 2's "up to 100 mg over 4 h" (004:603-604); Sigtermans: "up to 7.2 μg/kg per
/// minute" (004:1523).
pub fn trial_cap_alerts(plan: &Plan, protocol: Option<Protocol>) -> Vec<Alert> {
    use crate::protocols::{
        SCHWARTZMAN_CAP_HOURS, SCHWARTZMAN_CAP_MG, SCHWARTZMAN_CAP_MG_PER_H, SIGTERMANS_MAX_RATE,
    };
    let message = match (protocol, plan.rate_mg_per_h, plan.rate_mg_per_kg_per_h) {
        (Some(Protocol::Schwartzman2009), Some(rate), _)
            if above(rate.0, SCHWARTZMAN_CAP_MG_PER_H.0) =>
        {
            format!(
                "Infusion {} mg/h ({} mg over {} h) is above the Schwartzman trial's cap of {} mg over {} h ({} mg/h); the trial gave no more. Acknowledge to continue.",
                precise(rate.0),
                number(rate.0 * SCHWARTZMAN_CAP_HOURS),
                number(SCHWARTZMAN_CAP_HOURS),
                number(SCHWARTZMAN_CAP_MG.0),
                number(SCHWARTZMAN_CAP_HOURS),
                number(SCHWARTZMAN_CAP_MG_PER_H.0)
            )
        }
        (Some(Protocol::Sigtermans2009), _, Some(rate))
            if above(rate.0, SIGTERMANS_MAX_RATE.to_mg_per_kg_per_h().0) =>
        {
            format!(
                "Infusion {} mg/kg/h is above the Sigtermans trial's maximum of {} mcg/kg/min ({} mg/kg/h), to which each patient was titrated; the trial gave no more. Acknowledge to continue.",
                precise(rate.0),
                number(SIGTERMANS_MAX_RATE.0),
                number(SIGTERMANS_MAX_RATE.to_mg_per_kg_per_h().0)
            )
        }
        _ => return Vec::new(),
    };
    let source = match protocol {
        Some(Protocol::Sigtermans2009) => Source::new(Document::Asra2018, "question 7"),
        _ => Source::new(Document::Asra2018, "Table 2"),
    };
    vec![Alert::new(Level::Soft, "above-trial-cap", message, source).on("rate")]
}

/// Alerts on the pump figures: a rate a pump cannot be programmed with.
pub fn pump_alerts(plan: &Plan) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let source = Source::new(Document::MedicationSafety, "programming a pump");
    if let (Some(unrounded), Some(rounded)) = (plan.rate_ml_per_h, plan.rate_ml_per_h_rounded) {
        if rounded.0 == 0.0 {
            alerts.push(
                Alert::new(
                    Level::Hard,
                    "pump-rate-too-low",
                    format!(
                        "Pump rate {} mL/h rounds to 0 mL/h: choose a weaker concentration.",
                        precise(unrounded.0)
                    ),
                    source,
                )
                .on("conc"),
            );
        } else if rounded.0 > MAX_PUMP_ML_PER_H {
            alerts.push(
                Alert::new(
                    Level::Hard,
                    "pump-rate-too-high",
                    format!(
                        "Pump rate {} mL/h is above {} mL/h, the most an infusion pump can be programmed with: choose a stronger concentration.",
                        precise(unrounded.0),
                        number(MAX_PUMP_ML_PER_H)
                    ),
                    source,
                )
                .on("conc"),
            );
        }
    }
    alerts
}

/// Alerts on the bolus volume: one a syringe cannot measure (issue 11, item 13).
pub fn syringe_alerts(plan: &Plan, t: &Thresholds) -> Vec<Alert> {
    let (Some(mg), Some(ml), Some(rounded), Some(conc)) = (
        plan.bolus_mg,
        plan.bolus_ml,
        plan.bolus_ml_rounded,
        plan.concentration_mg_per_ml,
    ) else {
        return Vec::new();
    };
    let least = crate::rounding::LEAST_MEASURABLE_ML;
    if !below(ml.0, least) {
        return Vec::new();
    }
    let source = Source::new(
        Document::CalculatorCheck,
        "least measurable volume (0.1 mL)",
    );
    // The strongest standard concentration that gives a measurable volume.
    let suggestion = t
        .standard_concentrations
        .value
        .iter()
        .filter(|c| !below(mg.0 / c.0, least))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|c| {
            format!(
                "use {} mg/mL ({} mL)",
                number(c.0),
                number(crate::rounding::measurable_volume(Ml(mg.0 / c.0)).0)
            )
        })
        .unwrap_or_else(|| format!("dilute to at most {} mg/mL", number(mg.0 / least)));
    let (level, code, what) = if rounded.0 == 0.0 {
        (
            Level::Hard,
            "bolus-volume-unmeasurable",
            "rounds to 0 mL and cannot be drawn up",
        )
    } else {
        (
            Level::Soft,
            "bolus-volume-too-small",
            "is below 0.1 mL, less than a 1 mL syringe measures reliably",
        )
    };
    vec![Alert::new(
        level,
        code,
        format!(
            "Bolus volume {} mL ({} mg at {} mg/mL) {what}: {suggestion}.",
            precise(ml.0),
            number(mg.0),
            number(conc.0)
        ),
        source,
    )
    .on("conc")]
}

/// The highest rate common infusion pumps accept.
const MAX_PUMP_ML_PER_H: f64 = 999.0;

/// Alerts on the patient's weight, age and the guideline's scope.
/// `home_dose`: one of question 4's oral or intranasal home doses, which is not escalated
/// (`monitoring::route_rule`).
pub fn patient_alerts(
    actual: Kg,
    age_years: Option<f64>,
    home_dose: bool,
    t: &Thresholds,
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let (low, high) = t.weight_plausible.value;
    if below(actual.0, low.0) || above(actual.0, high.0) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "weight-unusual",
                format!(
                    "Weight {} kg is outside {} to {} kg, unusual for an adult: check the entry and its unit (kg or lb).",
                    precise(actual.0),
                    number(low.0),
                    number(high.0)
                ),
                t.weight_plausible.source,
            )
            .on("weight"),
        );
    }
    if let Some(age) = age_years {
        if below(age, t.adult_age_years.value) {
            alerts.push(
                Alert::new(
                    Level::Soft,
                    "age-under-18",
                    format!(
                        // 001:302 and 001:317: two of Correll's patients were 15.
                        "Age {}: the guideline gives no dosing for patients under 18, and the calculator is for adults; Correll's series included two patients aged 15.",
                        number(age)
                    ),
                    t.adult_age_years.source,
                )
                .on("age"),
            );
        } else if at_least(age, t.elderly_age_years.value) {
            alerts.push(
                Alert::new(
                    Level::Info,
                    "age-elderly",
                    format!(
                        "Age {}: counted as elderly (from {}; the guideline names elderly patients but gives no age), so {}.",
                        number(age),
                        number(t.elderly_age_years.value),
                        if home_dose {
                            "monitoring would be escalated for a bolus or infusion; this dose is one of question 4's home doses and needs standard monitoring at any age"
                        } else if t.lower_thresholds.is_some() {
                            "the institution's lower monitoring thresholds apply"
                        } else {
                            "monitoring is escalated, by clinical judgment"
                        }
                    ),
                    t.elderly_age_years.source,
                )
                .on("age"),
            );
        }
    }
    alerts
}

/// Alerts on how often the patient is treated (ASRA question 8). The guideline does not define a
/// "treatment"; a multi-day course counts here as one, and the message says so.
pub fn frequency_alerts(given_past_12_months: Option<u32>, t: &Thresholds) -> Vec<Alert> {
    let Some(given) = given_past_12_months else {
        return Vec::new();
    };
    let with_this = given + 1;
    let (low, high) = t.treatments_per_year.value;
    let source = t.treatments_per_year.source;
    let counting =
        "(a multi-day course counts as one treatment; the guideline does not define a treatment)";
    if with_this > high {
        vec![Alert::new(
            Level::Soft,
            "treatments-above-12",
            format!(
                "This would be treatment {with_this} in 12 months {counting}: beyond {low}-{high} a year only in exceptional circumstances."
            ),
            source,
        )
        .on("treatments_this_year")]
    } else if with_this > low {
        vec![Alert::new(
            Level::Soft,
            "treatments-above-6",
            format!(
                "This would be treatment {with_this} in 12 months {counting}: the guideline advises no more than {low}-{high} a year, tailored to response, never by rote."
            ),
            source,
        )
        .on("treatments_this_year")]
    } else {
        Vec::new()
    }
}

/// Alerts on the total per infusion day, where an institution profile sets limits on it (the
/// sources set none).
pub fn total_alerts(plan: &Plan, t: &Thresholds) -> Vec<Alert> {
    let (Some(limits), Some(total)) = (&t.total_per_day, plan.total_mg) else {
        return Vec::new();
    };
    // A single infusion may run longer than a day: its first 24 hours (bolus included) are what
    // a daily limit is about, not its whole total.
    let total = match (plan.duration_min, plan.rate_mg_per_h) {
        (Some(d), Some(rate)) if above(d.0, Minutes::DAY.0) => {
            plan.bolus_mg.unwrap_or(Mg(0.0)) + rate * Minutes::DAY
        }
        _ => total,
    };
    let (soft, hard) = limits.value;
    if let Some(hard) = hard.filter(|h| above(total.0, h.0)) {
        return vec![Alert::new(
            Level::Hard,
            "total-hard-limit",
            format!(
                "Total {} mg in a day is blocked: above the institution's limit of {} mg a day.",
                precise(total.0),
                number(hard.0)
            ),
            limits.source,
        )
        .on("plan")];
    }
    match soft.filter(|s| above(total.0, s.0)) {
        Some(soft) => vec![Alert::new(
            Level::Soft,
            "total-above-institution-limit",
            format!(
                "Total {} mg in a day is above the institution's limit of {} mg a day.",
                precise(total.0),
                number(soft.0)
            ),
            limits.source,
        )
        .on("plan")],
        None => Vec::new(),
    }
}
