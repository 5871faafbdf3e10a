//! Inputs to result, as a pipeline of stages (`compute`): the entries validated, the dosing
//! weight, the plan, its limits and alerts, the monitoring tier, the tests before the infusion,
//! the care area, the first-infusion target, the titration schedule, the response, and the result
//! released. Validation first: no number leaves the engine unless every input is valid and no hard
//! limit is crossed.

use crate::alerts::{Alert, Level};
use crate::care_area;
use crate::checks;
use crate::compare::at_least;
use crate::concentration;
use crate::display::number;
use crate::follow_on::follow_on;
use crate::inputs::Inputs;
use crate::monitoring::{self, DoseForTier, Monitoring, Tier};
use crate::patient::{self, DosingWeight, DosingWeightBasis, DosingWeightNeeds};
use crate::patient_factors::PatientFactor;
use crate::plan::Plan;
use crate::pre_infusion::{tests_for, PlanExposure, PreInfusion};
use crate::preparation::Preparation;
use crate::protocols::{Protocol, Setting};
use crate::rescue::rescue;
use crate::response::{assess_response, treatment_frequency, Response, BRIEF_PAIN_INVENTORY};
use crate::result::{
    CalculationResult, FieldError, ProtocolInfo, Range, Status, Targets, VERSIONS,
};
use crate::routes::{Route, RouteFacts};
use crate::sources::{Document, Source};
use crate::targets::first_infusion_target;
use crate::thresholds::Thresholds;
use crate::titration;
use crate::units::{Kg, Mg, Minutes};
use crate::validation::{validate, ValidInputs};

/// Computes the full result with the guideline's thresholds. Never panics; never returns a
/// non-finite number.
pub fn calculate(inputs: &Inputs) -> CalculationResult {
    calculate_with(inputs, &Thresholds::guideline())
}

/// Computes the full result with the given thresholds, or with those of the chosen care area
/// when the institution profile sets limits for it.
pub fn calculate_with(inputs: &Inputs, t: &Thresholds) -> CalculationResult {
    match inputs.get("care_area").and_then(|k| t.in_care_area(k)) {
        Some(in_area) => compute(inputs, in_area),
        None => compute(inputs, t),
    }
}

/// The pipeline, one stage after another, under one set of thresholds. A stage that finds an
/// error ends it with the errors and no figure; a hard limit crossed later withholds the plan.
fn compute(inputs: &Inputs, t: &Thresholds) -> CalculationResult {
    let valid = match entries_validated(inputs, t) {
        Ok(valid) => valid,
        Err(errors) => return invalid(errors, t),
    };
    let dosing = match dosing_weight(&valid, t) {
        Ok(dosing) => dosing,
        Err(errors) => return invalid(errors, t),
    };
    let facts = valid.route.facts_with(t);
    let plan = plan_in_every_unit(&valid, dosing.kg);
    // The dose the tier is judged on: the IV dose itself, or its IV equivalent by another route.
    let dose = DoseForTier::for_route(
        plan.bolus_mg_per_kg,
        plan.bolus_mg,
        plan.rate_mg_per_kg_per_h,
        &facts,
    );
    let (mut alerts, preparation) =
        limits_and_alerts(inputs, &valid, &dosing, &plan, &facts, dose.home_dose, t);
    let monitoring = monitoring_tier(&valid, dose, &alerts, t);
    if let Some(alert) = tier_rule_for_route(&valid, &plan, t) {
        alerts.push(alert);
    }
    let course = Course::of(&valid, &plan, t);
    let pre_infusion = pre_infusion_tests(&valid, &monitoring, course);
    let care = care_area_required(&valid, &monitoring, course);
    alerts.extend(care_area_alerts(&care));
    let targets = first_infusion_target_met(&plan, dosing.kg, t);
    if let Some(target) = targets.detail.as_ref().filter(|target| !target.met) {
        alerts.push(target_alert(target));
    }
    let titration = titration_schedule(&valid, &plan, dosing.kg, t, &mut alerts);
    let response = response_to_treatment(&valid, course, t);
    if let Some(alert) = response_alerts(&valid) {
        alerts.push(alert);
    }
    // The result with every figure; `release` then withholds what a hard alert blocks. Built
    // here rather than in a function taking the stages' findings: moving them through one cost
    // 1.7 KB of wasm at opt-level z.
    let weight = dosing.kg;
    let scale = |r: Option<(f64, f64)>| {
        r.map(|(min, max)| Range {
            min: min * weight.0,
            max: max * weight.0,
        })
    };
    let mut result = CalculationResult {
        status: Status::Ok,
        errors: Vec::new(),
        dosing_weight_kg: Some(weight.0),
        route: Some(valid.route.key()),
        bolus_range_mg: scale(facts.chronic_bolus.map(|(a, b)| (a.0, b.0))),
        infusion_range_mg_per_h: scale(facts.chronic_infusion.map(|(a, b)| (a.0, b.0))),
        plan,
        targets,
        monitoring_tier: Some(monitoring.tier),
        alerts,
        pre_infusion_tests: pre_infusion
            .tests
            .iter()
            .map(|t| t.name.to_string())
            .collect(),
        response,
        dosing_weight: Some(dosing),
        weight_entered_lb: valid.weight_entered_lb,
        route_facts: Some(facts),
        monitoring: Some(monitoring),
        pre_infusion: Some(pre_infusion),
        protocol: valid.protocol.map(ProtocolInfo::from),
        titration,
        treatments: valid
            .treatments_this_year
            .map(|n| treatment_frequency(Some(n), t)),
        rescue: rescue(),
        follow_on: Some(follow_on(
            weight,
            valid.factors.contains(&PatientFactor::ActiveSubstanceAbuse),
        )),
        brief_pain_inventory: BRIEF_PAIN_INVENTORY,
        versions: VERSIONS,
        profile: t.profile.clone(),
        care_area: care.care_area.clone(),
        care_area_sufficient: care.sufficient,
        care_area_check: Some(care),
        preparation,
        double_check: None,
    };
    release(&mut result, weight, valid.days);
    result
}

/// Stage 1, the entries validated: every field typed and in range (`validation`), the protocol
/// one the institution offers, and the plan one the route can take.
fn entries_validated(inputs: &Inputs, t: &Thresholds) -> Result<ValidInputs, Vec<FieldError>> {
    let valid = validate(inputs, t)?;
    protocol_offered(&valid, t)?;
    let route_errors = route_applicability(&valid);
    if !route_errors.is_empty() {
        return Err(route_errors);
    }
    Ok(valid)
}

/// A protocol the institution profile does not offer is an entry error.
fn protocol_offered(valid: &ValidInputs, t: &Thresholds) -> Result<(), Vec<FieldError>> {
    if let (Some(offered), Some(p)) = (&t.protocols_offered, valid.protocol) {
        if !offered.contains(&p) {
            let institution = t
                .profile
                .as_ref()
                .map_or("this institution", |i| i.institution.as_str());
            return Err(vec![FieldError {
                field: "protocol",
                message: format!(
                    "Protocol: {} is not offered by {institution}; choose one of: {}, custom",
                    p.name(),
                    offered
                        .iter()
                        .map(|o| o.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }]);
        }
    }
    Ok(())
}

/// Stage 2, the dosing weight: actual, ideal or adjusted (`patient`), or the entries it still
/// needs; never below what the weight field itself accepts.
fn dosing_weight(valid: &ValidInputs, t: &Thresholds) -> Result<DosingWeight, Vec<FieldError>> {
    let dosing = patient::dosing_weight(valid.weight, valid.height, valid.sex, valid.dosing_weight)
        .map_err(|needs| {
            needs
                .into_iter()
                .map(|n| match n {
                    DosingWeightNeeds::Height => FieldError { field: "height", message: "Height: required for ideal or adjusted body weight".into() },
                    DosingWeightNeeds::Sex => FieldError { field: "sex", message: "Sex: required for ideal or adjusted body weight; choose female or male".into() },
                    DosingWeightNeeds::HeightForDevine => FieldError {
                        field: "dosing_weight",
                        message: format!(
                            "Dosing weight: ideal and adjusted body weight (Devine) are defined from {} cm (60 in); for a shorter patient use actual weight",
                            number(patient::DEVINE_MIN_HEIGHT.0)
                        ),
                    },
                })
                .collect::<Vec<_>>()
        })?;
    let weight = dosing.kg;
    // A dosing weight is a weight: never below what the weight field itself accepts.
    let (min_kg, _) = t.weight_accepted.value;
    if weight.0.is_nan() || weight.0 < min_kg.0 {
        return Err(vec![FieldError {
            field: "dosing_weight",
            message: format!(
                "Dosing weight: the {} body weight is {} kg, below the accepted {} kg; use actual weight",
                dosing.basis.key(),
                crate::display::precise(weight.0),
                number(min_kg.0)
            ),
        }]);
    }
    Ok(dosing)
}

/// Stage 3, the plan: the entered bolus, rate and duration at the dosing weight, in every unit,
/// with the pump and syringe figures and the totals (`plan`).
fn plan_in_every_unit(valid: &ValidInputs, weight: Kg) -> Plan {
    Plan::from_entries(
        weight,
        valid.bolus,
        valid.rate,
        valid.duration,
        valid.concentration,
        valid.days,
    )
}

/// Stage 4, limits and alerts: the patient, the dosing weight, the dose against the route's
/// limits, the duration, the concentration, the pump and the syringe, the preparation (made here
/// because its alerts belong in this order), the daily total, how often, the titration protocol,
/// the preset, the trial's cap, and the patient factors. In this order, which is the order the
/// alerts of one level are shown in.
fn limits_and_alerts(
    inputs: &Inputs,
    valid: &ValidInputs,
    dosing: &DosingWeight,
    plan: &Plan,
    facts: &RouteFacts,
    home_dose: bool,
    t: &Thresholds,
) -> (Vec<Alert>, Option<Preparation>) {
    let mut alerts = Vec::new();
    alerts.extend(checks::patient_alerts(
        valid.weight,
        valid.age_years,
        home_dose,
        t,
    ));
    alerts.extend(dosing_weight_alerts(valid, dosing));
    alerts.extend(checks::dose_alerts(plan, facts));
    alerts.extend(checks::duration_alerts(plan, valid.protocol, t));
    if let Some(c) = valid.concentration {
        alerts.extend(concentration::check(
            c,
            valid.route,
            plan.has_infusion(),
            plan.bolus_mg.is_some(),
            t,
        ));
    }
    alerts.extend(checks::pump_alerts(plan));
    alerts.extend(checks::syringe_alerts(plan, t));
    let preparation = valid.preparation.map(|e| {
        let (preparation, prep_alerts) = crate::preparation::prepare(e, plan);
        alerts.extend(prep_alerts);
        preparation
    });
    alerts.extend(checks::total_alerts(plan, t));
    alerts.extend(checks::frequency_alerts(valid.treatments_this_year, t));
    alerts.extend(checks::titration_protocol_alerts(plan, valid.protocol, t));
    alerts.extend(checks::protocol_match_alerts(inputs, valid.protocol));
    alerts.extend(checks::trial_cap_alerts(plan, valid.protocol));
    alerts.extend(factor_alerts(valid));
    (alerts, preparation)
}

/// Stage 5, the monitoring tier: from the dose (or its IV equivalent), lowered by the patient
/// factors that call for lower thresholds (elderly by age or as a factor, comorbidities), raised
/// for a patient stabilized on higher doses, and beyond the guideline when a hard limit of the
/// dose, rate, duration or route is crossed.
fn monitoring_tier(
    valid: &ValidInputs,
    dose: DoseForTier,
    alerts: &[Alert],
    t: &Thresholds,
) -> Monitoring {
    let elderly_by_age = valid
        .age_years
        .is_some_and(|a| a >= t.elderly_age_years.value);
    let mut escalating: Vec<&str> = valid
        .factors
        .iter()
        .filter(|f| {
            f.lowers_escalation_threshold() && !(elderly_by_age && **f == PatientFactor::Elderly)
        })
        .map(|f| f.label())
        .collect();
    if elderly_by_age {
        escalating.insert(0, "Elderly (by age)");
    }
    let lower_thresholds = (!escalating.is_empty()).then(|| escalating.join("; "));
    let beyond_guideline = alerts
        .iter()
        .find(|a| {
            a.level == Level::Hard
                && matches!(
                    a.code.as_str(),
                    "bolus-hard-limit"
                        | "rate-hard-limit"
                        | "duration-hard-limit"
                        | "route-no-chronic-dosing"
                )
        })
        .map(|a| (a.message.clone(), a.source));
    monitoring::assess(
        DoseForTier {
            beyond_guideline,
            ..dose
        },
        lower_thresholds,
        valid
            .factors
            .contains(&PatientFactor::StabilizedOnHigherDoses),
        t,
    )
}

/// By a route other than IV, says how its dose was compared with the IV thresholds.
fn tier_rule_for_route(valid: &ValidInputs, plan: &Plan, t: &Thresholds) -> Option<Alert> {
    (valid.route != Route::Iv && (plan.bolus_mg.is_some() || plan.has_infusion())).then(|| {
        Alert::new(
            Level::Info,
            "tier-rule-for-route",
            monitoring::route_rule(t),
            monitoring::ROUTE_RULE_SOURCE,
        )
    })
}

/// How long and where the course runs, as the later stages ask it.
#[derive(Clone, Copy)]
struct Course {
    /// A continuous infusion of a day or more (Correll's multi-day limits apply).
    infusion_longer_than_a_day: bool,
    /// An inpatient protocol.
    inpatient: bool,
    /// Correll's inpatient titration, a multi-day continuous infusion by design.
    correll: bool,
    /// More than one infusion day.
    serial_days: bool,
}

impl Course {
    fn of(valid: &ValidInputs, plan: &Plan, t: &Thresholds) -> Course {
        Course {
            infusion_longer_than_a_day: plan
                .continuous_min
                .is_some_and(|d| at_least(d.0, t.multi_day_infusion.value.0)),
            inpatient: valid
                .protocol
                .is_some_and(|p| p.setting() == Setting::Inpatient),
            correll: valid.protocol == Some(Protocol::CorrellInpatient),
            serial_days: valid.days >= 2,
        }
    }
}

/// Stage 6, the tests before the infusion (`pre_infusion`) that the factors and the plan call for.
fn pre_infusion_tests(valid: &ValidInputs, monitoring: &Monitoring, course: Course) -> PreInfusion {
    tests_for(
        &valid.factors,
        PlanExposure {
            high_dose: monitoring.tier_from_dose >= Tier::HighDose,
            serial: course.serial_days,
            // Correll's titration is a multi-day continuous infusion by design (mean 4.7 days,
            // 001:400), whatever first-day duration is entered.
            longer_than_a_day: course.infusion_longer_than_a_day || course.correll,
        },
    )
}

/// Stage 7, the care area: the least care level the tier requires, checked against the one
/// chosen (`care_area`).
fn care_area_required(
    valid: &ValidInputs,
    monitoring: &Monitoring,
    course: Course,
) -> care_area::CareAreaCheck {
    care_area::check(
        monitoring.tier,
        if monitoring.escalated_by_judgment {
            monitoring.tier_from_dose
        } else {
            monitoring.tier
        },
        course.infusion_longer_than_a_day || course.inpatient,
        valid.care_area.clone(),
    )
}

/// Stage 8, the first-infusion target (at least 80 mg over more than 2 h), when the plan has an
/// infusion with a duration.
fn first_infusion_target_met(plan: &Plan, weight: Kg, t: &Thresholds) -> Targets {
    match (plan.total_mg, plan.duration_min, plan.has_infusion()) {
        (Some(total), Some(duration), true) => {
            let target =
                first_infusion_target(plan.bolus_mg.unwrap_or(Mg(0.0)), total, duration, weight, t);
            Targets {
                total_at_least_80_mg: Some(target.total_at_least_80_mg),
                duration_over_2_h: Some(target.duration_over_2_h),
                detail: Some(target),
            }
        }
        _ => no_targets(),
    }
}

fn no_targets() -> Targets {
    Targets {
        total_at_least_80_mg: None,
        duration_over_2_h: None,
        detail: None,
    }
}

/// Stage 9, the titration schedule: Correll's inpatient titration from the entered step and
/// interval, up to the first day's ceiling; the steps are ignored, with an alert, for any other
/// protocol.
fn titration_schedule(
    v: &ValidInputs,
    plan: &Plan,
    weight: crate::units::Kg,
    t: &Thresholds,
    alerts: &mut Vec<Alert>,
) -> Option<titration::Titration> {
    let steps_given = v.titration_step.is_some() || v.titration_interval.is_some();
    if v.protocol != Some(Protocol::CorrellInpatient) {
        if steps_given {
            alerts.push(Alert::new(
                Level::Info,
                "titration-needs-protocol",
                "Titration steps are used with the inpatient titration protocol (Correll) only.",
                t.titration_start_rate.source,
            ));
        }
        return None;
    }
    let (Some(step), Some(interval)) = (v.titration_step, v.titration_interval) else {
        return None;
    };
    let start = plan.rate_mg_per_h.unwrap_or(t.titration_start_rate.value);
    // A start above the first-day ceiling has no schedule: titration_protocol_alerts says why.
    if start.0 > t.titration_first_day_max.value.0 {
        return None;
    }
    let day = t.multi_day_infusion.value;
    let covers = Minutes(plan.duration_min.map_or(day.0, |d| d.0.min(day.0)));
    Some(titration::schedule(
        start,
        step,
        interval,
        t.titration_first_day_max.value,
        covers,
        weight,
        plan.concentration_mg_per_ml,
    ))
}

/// Stage 10, the response to treatment: relief against the guideline's response thresholds, with
/// the longer relief a series needs (several days, a day or more of infusion, or an inpatient
/// protocol).
fn response_to_treatment(valid: &ValidInputs, course: Course, t: &Thresholds) -> Response {
    let series = course.serial_days || course.infusion_longer_than_a_day || course.inpatient;
    assess_response(
        valid.pain_before_tenths,
        valid.pain_after_tenths,
        valid.relief_weeks,
        series,
        t,
    )
}

/// Percent relief cannot be computed from a baseline pain of 0.
fn response_alerts(valid: &ValidInputs) -> Option<Alert> {
    matches!(
        (valid.pain_before_tenths, valid.pain_after_tenths),
        (Some(0), Some(_))
    )
    .then(|| {
        Alert::new(
            Level::Info,
            "relief-needs-baseline-pain",
            "Percent relief needs a baseline pain score above 0.",
            Source::new(Document::Correll2004, "Methods"),
        )
        .on("pain_before")
    })
}

/// Stage 11, the result released: every hard alert becomes an error, and while there is one the
/// plan, the target, the titration and the preparation are withheld (nothing can be programmed
/// from a blocked plan); the alerts are ordered hard, soft, info.
fn release(result: &mut CalculationResult, weight: Kg, days: u32) {
    result.errors = result
        .alerts
        .iter()
        .filter(|a| a.level == Level::Hard)
        .map(|a| FieldError {
            field: a.field.unwrap_or("plan"),
            message: a.message.clone(),
        })
        .collect();
    result.alerts.sort_by_key(|a| a.level);
    if !result.errors.is_empty() {
        result.status = Status::Invalid;
        result.plan = Plan::new(weight, None, None, None, None, days);
        result.targets = no_targets();
        result.titration = None;
        result.preparation = None;
    }
}

/// A hard alert when the chosen care area does not provide what the plan requires. A plan that
/// requires the ICU is blocked until the ICU is chosen (issue 11, item 7): the anesthetic range
/// needs intubation or aspiration precautions, which one click on a soft alert cannot supply.
fn care_area_alerts(care: &care_area::CareAreaCheck) -> Vec<Alert> {
    if let (None, Some(care_area::CareLevel::Icu), Some(why), Some(source)) = (
        &care.care_area,
        care.required,
        &care.required_reason,
        &care.required_source,
    ) {
        return vec![Alert::new(
            Level::Hard,
            "care-area-icu-required",
            format!(
                "Blocked unless the care area is an intensive care unit: {why}. Choose the intensive care unit as the care area, or lower the rate."
            ),
            *source,
        )
        .on("care_area")];
    }
    match (&care.care_area, care.sufficient, &care.required_source) {
        (Some(_), Some(false), Some(source)) if care.short_by_judgment => vec![Alert::new(
            Level::Soft,
            "care-area-judgment",
            format!(
                "{} The guideline gives no threshold for elderly patients or those with significant comorbidities (\"lower thresholds should trigger\" the high-dose requirements; the dose \"may vary based on individual characteristics\"): acknowledge to give this plan here as the clinician's judgment, or choose a monitored unit.",
                care.note
            ),
            *source,
        )
        .on("care_area")],
        (Some(_), Some(false), Some(source)) => vec![Alert::new(
            Level::Hard,
            "care-area-insufficient",
            format!("Blocked in this care area: {}", care.note),
            *source,
        )
        .on("care_area")],
        _ => Vec::new(),
    }
}

/// The response assessment on its own (pain scores, relief weeks, treatments this year), for a
/// follow-up visit where no plan is entered. `series` follows the entered days, duration or
/// protocol when they are valid, and is false otherwise.
pub fn assess_response_only(
    inputs: &Inputs,
    t: &Thresholds,
) -> Result<crate::response::Response, Vec<FieldError>> {
    let entries = crate::validation::validate_response(inputs)?;
    let days = inputs
        .get("days")
        .and_then(|d| d.parse::<u32>().ok())
        .unwrap_or(1);
    let long = inputs
        .get("duration_min")
        .and_then(|d| d.parse::<f64>().ok())
        .is_some_and(|d| d >= t.multi_day_infusion.value.0);
    let inpatient = inputs
        .get("protocol")
        .and_then(Protocol::from_key)
        .is_some_and(|p| p.setting() == Setting::Inpatient);
    Ok(assess_response(
        entries.pain_before_tenths,
        entries.pain_after_tenths,
        entries.relief_weeks,
        days >= 2 || long || inpatient,
        t,
    ))
}

/// No result, for a reason outside the entries (the page is still loading its institution
/// profile): the errors say why, and nothing is calculated.
pub fn withheld(errors: Vec<FieldError>, t: &Thresholds) -> CalculationResult {
    invalid(errors, t)
}

/// A result that carries only errors: no number can leak out of invalid input.
fn invalid(errors: Vec<FieldError>, t: &Thresholds) -> CalculationResult {
    CalculationResult {
        status: Status::Invalid,
        errors,
        dosing_weight_kg: None,
        route: None,
        bolus_range_mg: None,
        infusion_range_mg_per_h: None,
        plan: Plan::empty(),
        targets: no_targets(),
        monitoring_tier: None,
        alerts: Vec::new(),
        pre_infusion_tests: Vec::new(),
        response: assess_response(None, None, None, false, t),
        dosing_weight: None,
        weight_entered_lb: None,
        route_facts: None,
        monitoring: None,
        pre_infusion: None,
        protocol: None,
        titration: None,
        treatments: None,
        rescue: rescue(),
        follow_on: None,
        brief_pain_inventory: BRIEF_PAIN_INVENTORY,
        versions: VERSIONS,
        profile: t.profile.clone(),
        care_area: None,
        care_area_sufficient: None,
        care_area_check: None,
        preparation: None,
        double_check: None,
    }
}

/// Plan fields that a route cannot take (ASRA Table 1 lists no such use).
fn route_applicability(v: &ValidInputs) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let has_bolus = v.bolus.is_some_and(|b| !b.is_zero());
    let has_rate = v.rate.is_some_and(|r| !r.is_zero());
    if v.route == Route::Topical {
        for (present, field, what) in [
            (has_bolus, "bolus", "Bolus"),
            (has_rate, "rate", "Infusion rate"),
        ] {
            if present {
                errors.push(FieldError {
                    field,
                    message: format!("{what}: topical ketamine is a 1-10 % cream and is not dosed by weight; leave empty or choose another route"),
                });
            }
        }
    } else if has_rate && v.route.facts().chronic_infusion.is_none() {
        errors.push(FieldError {
            field: "rate",
            message: format!("Infusion rate: Table 1 gives no infusion for the {} route; leave empty or choose IV or subcut", v.route.label()),
        });
    }
    errors
}

fn dosing_weight_alerts(v: &ValidInputs, dosing: &patient::DosingWeight) -> Vec<Alert> {
    let mut alerts = Vec::new();
    if let Some(note) = &dosing.note {
        alerts.push(
            Alert::new(
                Level::Info,
                "dosing-weight-actual-used",
                note.clone(),
                patient::DOSING_WEIGHT_PRACTICE,
            )
            .on("dosing_weight"),
        );
    }
    if let (Some(h), DosingWeightBasis::Actual) = (v.height, v.dosing_weight) {
        let bmi = v.weight.0 / (h.0 / 100.0).powi(2);
        if bmi >= 30.0 {
            alerts.push(
                Alert::new(
                    Level::Info,
                    "obese-actual-weight",
                    format!("Body mass index {} kg/m2: for obese patients, consider ideal or adjusted body weight.", number(bmi)),
                    patient::DOSING_WEIGHT_PRACTICE,
                )
                .on("dosing_weight"),
            );
        }
    }
    alerts
}

fn factor_alerts(v: &ValidInputs) -> Vec<Alert> {
    let mut alerts: Vec<Alert> = v
        .factors
        .iter()
        .map(|f| {
            Alert::new(
                f.level(),
                format!("factor-{}", f.key()),
                format!("{}: {}", f.label(), f.advice()),
                f.source(),
            )
            .on("risk")
        })
        .collect();
    if v.factors
        .iter()
        .any(|f| f.suggests_closer_blood_pressure_monitoring())
    {
        alerts.push(
            Alert::new(
                Level::Info,
                "closer-blood-pressure-monitoring",
                "With a history of angina, the guideline suggests considering more frequent blood pressure monitoring, or continuous monitoring with an arterial line in an intensive care unit, if an infusion is still indicated in a refractory case.",
                Source::new(Document::Asra2018, "section on monitoring, before question 1"),
            )
            .on("risk"),
        );
    }
    let serial = v.days >= 2 || v.treatments_this_year.is_some_and(|n| n >= 1);
    if serial && v.factors.contains(&PatientFactor::ActiveSubstanceAbuse) {
        alerts.push(
            Alert::new(
                Level::Soft,
                "serial-infusions-with-substance-abuse",
                "Active substance abuse: serial infusions should not be undertaken (grade C).",
                Source::new(Document::Asra2018, "question 2"),
            )
            .on("risk"),
        );
    }
    alerts
}

fn target_alert(target: &crate::targets::FirstInfusionTarget) -> Alert {
    let mut parts = Vec::new();
    if !target.total_at_least_80_mg {
        parts.push(format!(
            "the total is {} mg short of {} mg",
            number(target.shortfall_mg.0),
            number(target.target_mg.0)
        ));
    }
    if !target.duration_over_2_h {
        parts.push(
            "the infusion must last more than 120 min (exactly 120 min does not count)".to_string(),
        );
    }
    let mut message = format!(
        "First-infusion target (at least 80 mg over more than 2 h) not met: {}.",
        parts.join("; ")
    );
    if let Some(rate) = target.rate_to_reach_total {
        message.push_str(&format!(
            " Over this duration, {} mg/kg/h would reach it.",
            number(rate.0)
        ));
    }
    Alert::new(
        Level::Info,
        "first-infusion-target-not-met",
        message,
        target.source,
    )
}
