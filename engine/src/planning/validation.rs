//! From text to typed values. Every rejected entry becomes a [`FieldError`] that names the field
//! and the accepted range; nothing is defaulted except the enumerations the contract gives a
//! default (units, route, dosing-weight basis). A weight is never defaulted.
//!
//! ```
//! use ketamine_engine::validation::parse_decimal;
//! assert_eq!(parse_decimal("0.5"), Ok(0.5));
//! assert!(parse_decimal("1e3").is_err());   // no exponents: a typo, not a dose
//! assert!(parse_decimal("NaN").is_err());
//! assert!(parse_decimal("0,5").is_err());   // decimal comma: asked again, never guessed
//! ```

use crate::as_written::EnteredBolus;
pub use crate::as_written::EnteredRate;
use crate::care_area::CareArea;
use crate::inputs::Inputs;
use crate::patient::{DosingWeightBasis, Sex};
use crate::patient_factors::PatientFactor;
use crate::planning::fields::FieldError;
pub use crate::planning::fields::{parse_decimal, NumberField, NumberProblem};
use crate::protocols::Protocol;
use crate::routes::Route;
use crate::thresholds::Thresholds;
pub use crate::units::RateUnit;
use crate::units::{
    Cm, Kg, McgPerKgPerMin, MgPerH, MgPerKgPerH, MgPerMl, Minutes, MlPerH, KG_PER_LB,
};

/// Accepted entries of the rate in its unit. Wide enough for every figure in the sources (up to
/// 7 mg/kg/h, about 117 mcg/kg/min); what lies beyond a clinical limit is judged by the limits.
fn rate_field(unit: RateUnit) -> NumberField {
    let (unit, max) = match unit {
        RateUnit::MgPerKgPerH => ("mg/kg/h", 20.0),
        RateUnit::MgPerH => ("mg/h", 2000.0),
        RateUnit::McgPerKgPerMin => ("mcg/kg/min", 350.0),
        // The most a common infusion pump can be programmed with (as `checks::pump_alerts`).
        RateUnit::MlPerH => ("mL/h", 999.0),
    };
    NumberField {
        key: "rate",
        label: "Infusion rate",
        unit,
        min: 0.0,
        max,
        whole: false,
    }
}

/// All inputs, typed and in range.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidInputs {
    pub weight: Kg,
    pub weight_entered_lb: Option<f64>,
    pub height: Option<Cm>,
    pub sex: Option<Sex>,
    pub age_years: Option<f64>,
    pub dosing_weight: DosingWeightBasis,
    pub route: Route,
    pub protocol: Option<Protocol>,
    pub bolus: Option<EnteredBolus>,
    pub rate: Option<EnteredRate>,
    pub duration: Option<Minutes>,
    pub concentration: Option<MgPerMl>,
    /// How to prepare the syringe or bag, when asked (see `preparation`).
    pub preparation: Option<crate::preparation::Entries>,
    pub factors: Vec<PatientFactor>,
    /// Pain scores in tenths of a point (0-100).
    pub pain_before_tenths: Option<u32>,
    pub pain_after_tenths: Option<u32>,
    pub days: u32,
    pub treatments_this_year: Option<u32>,
    pub relief_weeks: Option<f64>,
    pub titration_step: Option<MgPerH>,
    pub titration_interval: Option<Minutes>,
    pub care_area: Option<CareArea>,
}

fn choice<T>(
    inputs: &Inputs,
    key: &'static str,
    label: &str,
    default: Option<T>,
    parse: impl Fn(&str) -> Option<T>,
    accepted: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match inputs.get(key) {
        None => default,
        Some(text) => match parse(&text.to_ascii_lowercase()) {
            Some(v) => Some(v),
            None => {
                errors.push(FieldError {
                    field: key,
                    message: format!("{label}: choose {accepted}"),
                });
                None
            }
        },
    }
}

fn optional_number(
    inputs: &Inputs,
    field: NumberField,
    errors: &mut Vec<FieldError>,
) -> Option<f64> {
    let text = inputs.get(field.key)?;
    match field.parse(text) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The heights the calculator accepts, in cm (the inch field's 39.4 to 98.4 in is this range).
pub const HEIGHT_CM_ACCEPTED: (f64, f64) = (100.0, 250.0);
/// The ages the calculator accepts, in years.
pub const AGE_YEARS_ACCEPTED: (f64, f64) = (0.0, 120.0);

/// Validates every field and collects every error, so the clinician sees all problems at once:
/// the patient, the route and protocol, the plan's figures (with the concentration and the
/// preparation), the patient factors, the response, the course, the care area, and whether the
/// course's days and duration agree. In this order, which is the order the errors are listed in.
pub fn validate(inputs: &Inputs, thresholds: &Thresholds) -> Result<ValidInputs, Vec<FieldError>> {
    let mut errors = Vec::new();
    let patient = patient_entries(inputs, thresholds, &mut errors);
    let (route, protocol) = route_and_protocol(inputs, &mut errors);
    let plan = plan_entries(inputs, thresholds, &mut errors);
    let factors = patient_factors(inputs, &mut errors);
    // Pain scores are read to one decimal (a 0-10 cm scale in mm), so that percent relief is
    // computed exactly in tenths and 30 % is judged without rounding error.
    let response = response_entries(inputs, &mut errors);
    let course = course_entries(inputs, &mut errors);
    let care_area = care_area_entry(inputs, thresholds, &mut errors);
    days_and_duration_agree(course.days, plan.duration, &mut errors);

    match (patient.weight, route, patient.dosing_weight) {
        (Some(weight), Some(route), Some(dosing_weight)) if errors.is_empty() => Ok(ValidInputs {
            weight,
            weight_entered_lb: patient.weight_entered_lb,
            height: patient.height,
            sex: patient.sex,
            age_years: patient.age_years,
            dosing_weight,
            route,
            protocol,
            bolus: plan.bolus,
            rate: plan.rate,
            duration: plan.duration,
            concentration: plan.concentration,
            preparation: plan.preparation,
            factors,
            pain_before_tenths: response.pain_before_tenths,
            pain_after_tenths: response.pain_after_tenths,
            days: course.days,
            treatments_this_year: response.treatments_this_year,
            relief_weeks: response.relief_weeks,
            titration_step: course.titration_step,
            titration_interval: course.titration_interval,
            care_area,
        }),
        _ => Err(errors),
    }
}

/// The patient's entries: weight (required, in kg or lb), height (cm or in), sex, age, and the
/// basis of the dosing weight, with the height and sex an ideal or adjusted weight needs.
struct PatientEntries {
    weight: Option<Kg>,
    weight_entered_lb: Option<f64>,
    height: Option<Cm>,
    sex: Option<Sex>,
    age_years: Option<f64>,
    dosing_weight: Option<DosingWeightBasis>,
}

fn patient_entries(
    inputs: &Inputs,
    thresholds: &Thresholds,
    errors: &mut Vec<FieldError>,
) -> PatientEntries {
    let weight_unit = choice(
        inputs,
        "weight_unit",
        "Weight unit",
        Some(false),
        |s| match s {
            "kg" => Some(false),
            "lb" => Some(true),
            _ => None,
        },
        "kg or lb",
        errors,
    );
    let height_unit = choice(
        inputs,
        "height_unit",
        "Height unit",
        Some(false),
        |s| match s {
            "cm" => Some(false),
            "in" => Some(true),
            _ => None,
        },
        "cm or in",
        errors,
    );

    let (weight, weight_entered_lb) = weight_entry(inputs, weight_unit, thresholds, errors);
    let height_field = height_field(height_unit);
    // The range said when height is required for ideal weight is the field's own, in its unit.
    let height_range = height_field.range_text();
    let height = optional_number(inputs, height_field, errors).map(|h| {
        if height_unit == Some(true) {
            Cm::from_in(h)
        } else {
            Cm(h)
        }
    });

    let sex = choice(
        inputs,
        "sex",
        "Sex",
        None,
        |s| match s {
            "female" => Some(Sex::Female),
            "male" => Some(Sex::Male),
            _ => None,
        },
        "female or male",
        errors,
    );
    let age_years = optional_number(
        inputs,
        NumberField {
            key: "age",
            label: "Age",
            unit: "years",
            min: AGE_YEARS_ACCEPTED.0,
            max: AGE_YEARS_ACCEPTED.1,
            whole: false,
        },
        errors,
    );
    let dosing_weight = dosing_weight_basis(inputs, &height_range, errors);
    PatientEntries {
        weight,
        weight_entered_lb,
        height,
        sex,
        age_years,
        dosing_weight,
    }
}

/// The weight, required, within the accepted weights in kg or in lb (`lb` is kept as entered).
fn weight_entry(
    inputs: &Inputs,
    weight_unit: Option<bool>,
    thresholds: &Thresholds,
    errors: &mut Vec<FieldError>,
) -> (Option<Kg>, Option<f64>) {
    let (min_kg, max_kg) = thresholds.weight_accepted.value;
    let weight_field = match weight_unit {
        Some(true) => NumberField {
            key: "weight",
            label: "Weight",
            unit: "lb",
            min: round1(min_kg.0 / KG_PER_LB),
            max: round1(max_kg.0 / KG_PER_LB),
            whole: false,
        },
        _ => NumberField {
            key: "weight",
            label: "Weight",
            unit: "kg",
            min: min_kg.0,
            max: max_kg.0,
            whole: false,
        },
    };
    let weight = match inputs.get("weight") {
        None => {
            errors.push(FieldError {
                field: "weight",
                message: format!("Weight: required; {}", weight_field.range_text()),
            });
            None
        }
        Some(text) => match weight_field.parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    match (weight, weight_unit) {
        (Some(lb), Some(true)) => (Some(Kg::from_lb(lb)), Some(lb)),
        (Some(kg), _) => (Some(Kg(kg)), None),
        (None, _) => (None, None),
    }
}

/// The height field in its unit (cm, or in when `height_unit` is `in`).
fn height_field(height_unit: Option<bool>) -> NumberField {
    if height_unit == Some(true) {
        NumberField {
            key: "height",
            label: "Height",
            unit: "in",
            min: 39.4,
            max: 98.4,
            whole: false,
        }
    } else {
        NumberField {
            key: "height",
            label: "Height",
            unit: "cm",
            min: HEIGHT_CM_ACCEPTED.0,
            max: HEIGHT_CM_ACCEPTED.1,
            whole: false,
        }
    }
}

/// The basis of the dosing weight (actual by default); ideal and adjusted need the height and
/// the sex, and say so with the height's accepted range.
fn dosing_weight_basis(
    inputs: &Inputs,
    height_range: &str,
    errors: &mut Vec<FieldError>,
) -> Option<DosingWeightBasis> {
    let dosing_weight = choice(
        inputs,
        "dosing_weight",
        "Dosing weight",
        Some(DosingWeightBasis::Actual),
        |s| match s {
            "actual" => Some(DosingWeightBasis::Actual),
            "ideal" => Some(DosingWeightBasis::Ideal),
            "adjusted" => Some(DosingWeightBasis::Adjusted),
            _ => None,
        },
        "actual, ideal or adjusted",
        errors,
    );
    if matches!(
        dosing_weight,
        Some(DosingWeightBasis::Ideal | DosingWeightBasis::Adjusted)
    ) {
        let basis = dosing_weight
            .map(DosingWeightBasis::key)
            .unwrap_or_default();
        if inputs.get("height").is_none() {
            errors.push(FieldError {
                field: "height",
                message: format!("Height: required for {basis} body weight; {height_range}"),
            });
        }
        if inputs.get("sex").is_none() {
            errors.push(FieldError {
                field: "sex",
                message: format!("Sex: required for {basis} body weight; choose female or male"),
            });
        }
    }
    dosing_weight
}

/// The route (IV by default) and the protocol (custom by default).
fn route_and_protocol(
    inputs: &Inputs,
    errors: &mut Vec<FieldError>,
) -> (Option<Route>, Option<Protocol>) {
    let route = choice(
        inputs,
        "route",
        "Route",
        Some(Route::Iv),
        Route::from_key,
        "iv, im, intranasal, subcut, oral, rectal or topical",
        errors,
    );
    let protocol = choice(
        inputs,
        "protocol",
        "Protocol",
        Some(None),
        |s| {
            if s == "custom" {
                Some(None)
            } else {
                Protocol::from_key(s).map(Some)
            }
        },
        &format!(
            "one of: {}, custom",
            Protocol::ALL
                .iter()
                .map(|p| p.key())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        errors,
    )
    .flatten();

    (route, protocol)
}

/// The plan's figures: the bolus and the rate (in mg or per kg, or as written in mL or mL/h at
/// the concentration), the duration, the concentration, and the preparation asked for.
struct PlanEntries {
    bolus: Option<EnteredBolus>,
    rate: Option<EnteredRate>,
    duration: Option<Minutes>,
    concentration: Option<MgPerMl>,
    preparation: Option<crate::preparation::Entries>,
}

fn plan_entries(
    inputs: &Inputs,
    thresholds: &Thresholds,
    errors: &mut Vec<FieldError>,
) -> PlanEntries {
    // ---- Order as written (see `as_written`): a volume needs the concentration, so `conc` is read
    // first; its errors are listed where they always were.
    let mut conc_errors = Vec::new();
    let concentration = optional_number(
        inputs,
        NumberField {
            key: "conc",
            label: "Concentration",
            unit: "mg/mL",
            min: 0.01,
            max: 100.0,
            whole: false,
        },
        &mut conc_errors,
    )
    .map(MgPerMl);
    let conc_entered = inputs.get("conc").is_some();
    let bolus = crate::as_written::bolus(inputs, concentration, conc_entered, errors);
    // ---- end of order as written

    let rate = rate_entry(inputs, concentration, conc_entered, errors);
    let duration = optional_number(
        inputs,
        NumberField {
            key: "duration_min",
            label: "Duration",
            unit: "min",
            min: 1.0,
            max: 20160.0,
            whole: false,
        },
        errors,
    )
    .map(Minutes);
    errors.extend(conc_errors);
    // ---- Preparation (see `preparation`)
    let preparation =
        crate::preparation::entries(inputs, concentration, conc_entered, thresholds, errors);
    // ---- end of preparation
    PlanEntries {
        bolus,
        rate,
        duration,
        concentration,
        preparation,
    }
}

/// The infusion rate in its unit (mg/kg/h by default); a pump rate in mL/h needs the
/// concentration it runs at.
fn rate_entry(
    inputs: &Inputs,
    concentration: Option<MgPerMl>,
    conc_entered: bool,
    errors: &mut Vec<FieldError>,
) -> Option<EnteredRate> {
    let rate_unit = choice(
        inputs,
        "rate_unit",
        "Rate unit",
        Some(RateUnit::MgPerKgPerH),
        RateUnit::from_key,
        "mg/kg/h, mg/h, mcg/kg/min or mL/h",
        errors,
    );
    match rate_unit {
        Some(unit) => optional_number(inputs, rate_field(unit), errors).map(|v| match unit {
            RateUnit::MgPerKgPerH => Some(EnteredRate::PerKgPerH(MgPerKgPerH(v))),
            RateUnit::MgPerH => Some(EnteredRate::PerH(MgPerH(v))),
            RateUnit::McgPerKgPerMin => Some(EnteredRate::McgPerKgPerMin(McgPerKgPerMin(v))),
            RateUnit::MlPerH => match concentration {
                Some(c) => Some(EnteredRate::MlPerH {
                    rate: MlPerH(v),
                    concentration: c,
                }),
                None => {
                    if !conc_entered {
                        errors.push(crate::as_written::concentration_required(
                            "a rate in mL/h",
                            "a volume per hour",
                        ));
                    }
                    None
                }
            },
        }),
        None => None,
    }
    .flatten()
}

/// The patient factors, from the documented identifiers; each named once.
fn patient_factors(inputs: &Inputs, errors: &mut Vec<FieldError>) -> Vec<PatientFactor> {
    let mut factors = Vec::new();
    if let Some(list) = inputs.get("risk") {
        for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match PatientFactor::from_key(&id.to_ascii_lowercase()) {
                Some(f) if !factors.contains(&f) => factors.push(f),
                Some(_) => {}
                None => errors.push(FieldError {
                    field: "risk",
                    message: format!("Patient factors: unknown identifier \"{}\"; use identifiers from the documented list", truncate(id)),
                }),
            }
        }
    }
    factors
}

/// The course: how many infusion days, and the titration step and interval.
struct CourseEntries {
    days: u32,
    titration_step: Option<MgPerH>,
    titration_interval: Option<Minutes>,
}

fn course_entries(inputs: &Inputs, errors: &mut Vec<FieldError>) -> CourseEntries {
    let days = optional_number(
        inputs,
        NumberField {
            key: "days",
            label: "Infusion days",
            unit: "days",
            min: 1.0,
            max: 14.0,
            whole: true,
        },
        errors,
    )
    .map(|d| d as u32)
    .unwrap_or(1);
    let titration_step = optional_number(
        inputs,
        NumberField {
            key: "step_mg_per_h",
            label: "Titration step",
            unit: "mg/h",
            min: 0.5,
            max: 20.0,
            whole: false,
        },
        errors,
    )
    .map(MgPerH);
    let titration_interval = optional_number(
        inputs,
        NumberField {
            key: "step_interval_min",
            label: "Minutes between steps",
            unit: "min",
            min: 5.0,
            max: 1440.0,
            whole: false,
        },
        errors,
    )
    .map(Minutes);
    CourseEntries {
        days,
        titration_step,
        titration_interval,
    }
}

/// The care area: one of the profile's own, or one of the four levels.
fn care_area_entry(
    inputs: &Inputs,
    thresholds: &Thresholds,
    errors: &mut Vec<FieldError>,
) -> Option<CareArea> {
    match inputs.get("care_area") {
        None => None,
        Some(text) => {
            let area = thresholds.care_area(text);
            if area.is_none() {
                errors.push(FieldError {
                    field: "care_area",
                    message: format!(
                        "Care area: \"{}\" is not a care area; choose {}",
                        truncate(text),
                        thresholds.care_area_choices()
                    ),
                });
            }
            area
        }
    }
}

fn days_and_duration_agree(days: u32, duration: Option<Minutes>, errors: &mut Vec<FieldError>) {
    // A day has 1,440 min: a course of several days cannot have longer days. A continuous
    // infusion over several days is one duration, so that its limits see all of it.
    if let (true, Some(d)) = (days > 1, duration) {
        if d.0 > Minutes::DAY.0 {
            errors.push(FieldError {
                field: "duration_min",
                message: "Duration: with more than one infusion day, enter the duration of each day, at most 1,440 min; enter a continuous infusion as one duration with 1 day".into(),
            });
        }
    }
}

/// A pain score read to one decimal (a 0-10 cm scale in mm), in tenths, so that percent relief
/// is computed exactly and 30 % is judged without rounding error.
fn pain_score(
    inputs: &Inputs,
    key: &'static str,
    label: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<u32> {
    let field = NumberField {
        key,
        label,
        unit: "",
        min: 0.0,
        max: 10.0,
        whole: false,
    };
    let value = optional_number(inputs, field, errors)?;
    let tenths = (value * 10.0).round();
    if (value * 10.0 - tenths).abs() > 1e-9 {
        errors.push(FieldError {
            field: key,
            message: format!("{label}: use at most one decimal; enter a number from 0 to 10"),
        });
        return None;
    }
    Some(tenths as u32)
}

/// What a response assessment needs, on its own: a nurse recording pain scores weeks after an
/// infusion need not enter the weight again.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseEntries {
    pub pain_before_tenths: Option<u32>,
    pub pain_after_tenths: Option<u32>,
    pub relief_weeks: Option<f64>,
    pub treatments_this_year: Option<u32>,
}

/// Validates only the response fields.
pub fn validate_response(inputs: &Inputs) -> Result<ResponseEntries, Vec<FieldError>> {
    let mut errors = Vec::new();
    let entries = response_entries(inputs, &mut errors);
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The response fields, for both the full validation and the response on its own.
fn response_entries(inputs: &Inputs, errors: &mut Vec<FieldError>) -> ResponseEntries {
    let pain_before_tenths = pain_score(inputs, "pain_before", "Pain before", errors);
    let pain_after_tenths = pain_score(inputs, "pain_after", "Pain after", errors);
    let relief_weeks = optional_number(
        inputs,
        NumberField {
            key: "relief_weeks",
            label: "Weeks of relief",
            unit: "weeks",
            min: 0.0,
            max: 520.0,
            whole: false,
        },
        errors,
    );
    let treatments_this_year = optional_number(
        inputs,
        NumberField {
            key: "treatments_this_year",
            label: "Treatments in the past 12 months",
            unit: "",
            min: 0.0,
            max: 100.0,
            whole: true,
        },
        errors,
    )
    .map(|n| n as u32);
    ResponseEntries {
        pain_before_tenths,
        pain_after_tenths,
        relief_weeks,
        treatments_this_year,
    }
}

/// The label and default unit of each prefill key, as the error messages name them, for a page or
/// printout that lists the entries. The rate's unit is its `rate_unit`.
pub const FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("weight", "Weight", "kg"),
    ("height", "Height", "cm"),
    ("sex", "Sex", ""),
    ("age", "Age", "years"),
    ("dosing_weight", "Dosing weight", ""),
    ("route", "Route", ""),
    ("protocol", "Protocol", ""),
    ("bolus", "Bolus", "mg/kg"),
    ("rate", "Infusion rate", ""),
    ("duration_min", "Duration", "min"),
    ("conc", "Concentration", "mg/mL"),
    ("risk", "Patient factors", ""),
    ("pain_before", "Pain before", ""),
    ("pain_after", "Pain after", ""),
    ("days", "Infusion days", "days"),
    (
        "treatments_this_year",
        "Treatments in the past 12 months",
        "",
    ),
    ("relief_weeks", "Weeks of relief", "weeks"),
    ("step_mg_per_h", "Titration step", "mg/h"),
    ("step_interval_min", "Minutes between steps", "min"),
    ("care_area", "Care area", ""),
];

/// The label and default unit of a prefill key.
pub fn field_label(key: &str) -> Option<(&'static str, &'static str)> {
    FIELD_LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, label, unit)| (*label, *unit))
}

fn round1(v: f64) -> f64 {
    crate::rounding::to_decimals(v, 1)
}

fn truncate(text: &str) -> String {
    text.chars().take(24).collect()
}
