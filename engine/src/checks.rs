//! Dose-error reduction: each planned dose, rate and duration against the route's ranges and the
//! limits of the sources, and the patient against the guideline's scope. Every crossing is an
//! [`Alert`] with its level and source; hard alerts block the result.

use crate::alerts::{Alert, Level};
use crate::compare::{above, at_least, below};
use crate::display::{number, quantity};
use crate::plan::Plan;
use crate::protocols::Protocol;
use crate::routes::{Route, RouteFacts};
use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use crate::units::Kg;

/// Alerts on the bolus and infusion against the route (ASRA Table 1 and Table 6).
pub fn dose_alerts(plan: &Plan, facts: &RouteFacts, t: &Thresholds) -> Vec<Alert> {
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
                            format!(
                                "Bolus {} mg/kg is above the {route} chronic-pain range ({}).",
                                number(bolus.0),
                                crate::display::range(min.0, max.0, "mg/kg")
                            ),
                            facts.source,
                        )
                        .on("bolus"),
                    );
                } else if below(bolus.0, min.0) {
                    alerts.push(
                        Alert::new(
                            Level::Info,
                            "bolus-below-range",
                            format!("Bolus {} mg/kg is below the {route} chronic-pain range ({} to {} mg/kg).", number(bolus.0), number(min.0), number(max.0)),
                            facts.source,
                        )
                        .on("bolus"),
                    );
                }
            }
            None => alerts.push(
                Alert::new(
                    Level::Soft,
                    "route-no-chronic-dosing",
                    format!(
                        "Table 1 gives no chronic-pain dosing for the {route} route ({}).",
                        facts.chronic_dosing
                    ),
                    facts.source,
                )
                .on("route"),
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
                            number(bolus.0),
                            limit.reason
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
                let message = if facts.route == Route::Iv {
                    format!(
                        "Infusion {} mg/kg/h is above the recommended {} to {} mg/kg/h. Up to {} mg/kg/h has been used only in refractory cases in ICU settings, with intubation or other aspiration precautions.",
                        number(rate.0),
                        number(min.0),
                        number(max.0),
                        number(t.icu_infusion_max.value.0)
                    )
                } else {
                    format!("Infusion {} mg/kg/h is above the {route} chronic-pain range ({} to {} mg/kg/h).", number(rate.0), number(min.0), number(max.0))
                };
                alerts.push(
                    Alert::new(Level::Soft, "rate-above-range", message, facts.source).on("rate"),
                );
            } else if below(rate.0, min.0) {
                alerts.push(
                    Alert::new(
                        Level::Info,
                        "rate-below-range",
                        format!(
                            "Infusion {} mg/kg/h is below the {route} chronic-pain range ({} to {} mg/kg/h); the guideline finds higher dosages give more benefit.",
                            number(rate.0),
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
                            number(rate.0),
                            limit.reason
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

/// Alerts on duration and on Correll's limits for multi-day continuous infusions.
pub fn duration_alerts(plan: &Plan, protocol: Option<Protocol>, t: &Thresholds) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let (Some(duration), true) = (plan.duration_min, plan.has_infusion()) else {
        return alerts;
    };
    let (warn, block) = t.continuous_infusion_days.value;
    if above(duration.0, block.0) {
        alerts.push(
            Alert::new(
                Level::Hard,
                "duration-hard-limit",
                format!(
                    "Duration {} min ({} days) is blocked: beyond the longest continuous infusion proposed ({} days).",
                    number(duration.0),
                    number(duration.0 / 1440.0),
                    number(block.0 / 1440.0)
                ),
                t.continuous_infusion_days.source,
            )
            .on("duration_min"),
        );
    } else if above(duration.0, warn.0) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "duration-above-4-days",
                format!(
                    "Duration {} min ({} days) is beyond 4 days: Correll proposes limiting a continuous infusion to 4-5 days, with liver enzyme monitoring.",
                    number(duration.0),
                    number(duration.0 / 1440.0)
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
        if above(minutes, t.very_long_infusion.value.0) {
            alerts.push(Alert::new(Level::Info, "duration-over-30-h", format!("{} cumulative hours: infusions over 30 h were associated with an almost 99 % probability of more than 50 % relief lasting beyond 48 h.", number(hours)), t.very_long_infusion.source));
        } else if above(minutes, t.long_infusion.value.0) {
            alerts.push(Alert::new(Level::Info, "duration-over-10-h", format!("{} cumulative hours: infusions over 10 h were associated with an almost 95 % probability of more than 50 % relief lasting beyond 48 h.", number(hours)), t.long_infusion.source));
        }
    }
    let multi_day = above(duration.0, t.multi_day_infusion.value.0);
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
                    format!("Infusion {} is above the most Correll proposes for continuous infusions (about {} to {} mg/h).", quantity(rate.0, "mg/h"), number(low.0), number(high.0)),
                    t.continuous_infusion_rate.source,
                )
                .on("rate"),
            );
        } else if above(rate.0, low.0) {
            alerts.push(
                Alert::new(
                    Level::Info,
                    "rate-within-correll-limit",
                    format!("Infusion {} is within Correll's proposed ceiling of about {} to {} mg/h; most of his patients received {} mg/h or less.", quantity(rate.0, "mg/h"), number(low.0), number(high.0), number(low.0)),
                    t.continuous_infusion_rate.source,
                )
                .on("rate"),
            );
        }
    }
    alerts
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
                        number(unrounded.0)
                    ),
                    source,
                )
                .on("conc"),
            );
        } else if rounded.0 > MAX_PUMP_ML_PER_H {
            alerts.push(Alert::new(Level::Hard, "pump-rate-too-high", format!("Pump rate {} mL/h is above {} mL/h, the most an infusion pump can be programmed with: choose a stronger concentration.", number(unrounded.0), number(MAX_PUMP_ML_PER_H)), source).on("conc"));
        }
    }
    alerts
}

/// The highest rate common infusion pumps accept.
const MAX_PUMP_ML_PER_H: f64 = 999.0;

/// Alerts on the patient's weight, age and the guideline's scope.
pub fn patient_alerts(actual: Kg, age_years: Option<f64>, t: &Thresholds) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let (low, high) = t.weight_plausible.value;
    if below(actual.0, low.0) || above(actual.0, high.0) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "weight-unusual",
                format!(
                    "Weight {} kg is outside {} to {} kg, unusual for an adult: check the entry and its unit (kg or lb).",
                    number(actual.0),
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
                    format!("Age {}: the guideline and its studies are about adults; they do not cover patients under 18.", number(age)),
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
                        "Age {}: counted as elderly (from {}; the guideline names elderly patients but gives no age), so monitoring is escalated.",
                        number(age),
                        number(t.elderly_age_years.value)
                    ),
                    t.elderly_age_years.source,
                )
                .on("age"),
            );
        }
    }
    alerts
}

/// Alerts on how often the patient is treated (ASRA question 8).
pub fn frequency_alerts(given_past_12_months: Option<u32>, t: &Thresholds) -> Vec<Alert> {
    let Some(given) = given_past_12_months else {
        return Vec::new();
    };
    let with_this = given + 1;
    let (low, high) = t.treatments_per_year.value;
    let source = t.treatments_per_year.source;
    if with_this > high {
        vec![Alert::new(
            Level::Soft,
            "treatments-above-12",
            format!("This would be treatment {with_this} in 12 months: beyond {low}-{high} a year only in exceptional circumstances."),
            source,
        )
        .on("treatments_this_year")]
    } else if with_this > low {
        vec![Alert::new(
            Level::Soft,
            "treatments-above-6",
            format!("This would be treatment {with_this} in 12 months: the guideline advises no more than {low}-{high} a year, tailored to response, never by rote."),
            source,
        )
        .on("treatments_this_year")]
    } else {
        Vec::new()
    }
}
