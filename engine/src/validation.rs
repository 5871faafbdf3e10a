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
use crate::care_area::CareArea;
use crate::display::number;
use crate::inputs::Inputs;
use crate::patient::{DosingWeightBasis, Sex};
use crate::patient_factors::PatientFactor;
use crate::protocols::Protocol;
use crate::result::FieldError;
use crate::routes::Route;
use crate::thresholds::Thresholds;
use crate::units::{
    Cm, Kg, McgPerKgPerMin, MgPerH, MgPerKgPerH, MgPerMl, Minutes, MlPerH, KG_PER_LB,
};

/// The longest number accepted, in characters: enough for any real entry.
const MAX_NUMBER_LEN: usize = 12;

/// Why a text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    DecimalComma,
    Negative,
    TooLong,
}

/// Parses a plain decimal number: digits with at most one decimal point. Rejects signs,
/// exponents, `inf`, `NaN`, thousands separators and anything longer than 12 characters, so
/// that nothing non-finite or surprising can enter the engine.
pub fn parse_decimal(text: &str) -> Result<f64, NumberProblem> {
    let text = text.trim();
    if text.len() > MAX_NUMBER_LEN {
        return Err(NumberProblem::TooLong);
    }
    if text.starts_with('-') {
        return Err(NumberProblem::Negative);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let points = text.chars().filter(|&c| c == '.').count();
    if digits == 0 || points > 1 || digits + points != text.len() {
        if text.contains(',') && text.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return Err(NumberProblem::DecimalComma);
        }
        return Err(NumberProblem::NotANumber);
    }
    text.parse::<f64>()
        .map_err(|_| NumberProblem::NotANumber)
        .and_then(|v| {
            if v.is_finite() {
                Ok(v)
            } else {
                Err(NumberProblem::NotANumber)
            }
        })
}

/// A numeric field: its prefill key, the label a clinician sees, unit and accepted range.
pub struct NumberField {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl NumberField {
    pub fn range_text(&self) -> String {
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        let kind = if self.whole {
            "a whole number"
        } else {
            "a number"
        };
        format!(
            "enter {kind} from {} to {}{unit}",
            number(self.min),
            number(self.max)
        )
    }

    /// Parses and range-checks a value.
    pub fn parse(&self, text: &str) -> Result<f64, FieldError> {
        let error = |what: String| FieldError {
            field: self.key,
            message: format!("{}: {what}", self.label),
        };
        let value = parse_decimal(text).map_err(|problem| {
            error(match problem {
                NumberProblem::DecimalComma => format!(
                    "use a point as the decimal separator; {}",
                    self.range_text()
                ),
                NumberProblem::Negative => format!("cannot be negative; {}", self.range_text()),
                NumberProblem::TooLong => format!("too long; {}", self.range_text()),
                NumberProblem::NotANumber => format!("not a number; {}", self.range_text()),
            })
        })?;
        if self.whole && value.fract() != 0.0 {
            return Err(error(format!("not a whole number; {}", self.range_text())));
        }
        if value < self.min || value > self.max {
            return Err(error(format!(
                "{} is out of range; {}",
                number(value),
                self.range_text()
            )));
        }
        Ok(value)
    }
}

/// How the clinician entered the infusion rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateUnit {
    MgPerKgPerH,
    MgPerH,
    McgPerKgPerMin,
    /// A pump rate at the entered concentration (an order as written; see `as_written`).
    MlPerH,
}

impl RateUnit {
    pub fn key(self) -> &'static str {
        match self {
            RateUnit::MgPerKgPerH => "mg/kg/h",
            RateUnit::MgPerH => "mg/h",
            RateUnit::McgPerKgPerMin => "mcg/kg/min",
            RateUnit::MlPerH => "mL/h",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [
            RateUnit::MgPerKgPerH,
            RateUnit::MgPerH,
            RateUnit::McgPerKgPerMin,
            RateUnit::MlPerH,
        ]
        .into_iter()
        // Choices are read lowercased: "ml/h" is the pump rate.
        .find(|u| u.key().eq_ignore_ascii_case(key))
    }

    /// Accepted entries in this unit. Wide enough for every figure in the sources (up to
    /// 7 mg/kg/h, about 117 mcg/kg/min); what lies beyond a clinical limit is judged by the limits.
    fn field(self) -> NumberField {
        let (unit, max) = match self {
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
}

/// An infusion rate as entered, before the dosing weight turns it into the other units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EnteredRate {
    PerKgPerH(MgPerKgPerH),
    PerH(MgPerH),
    McgPerKgPerMin(McgPerKgPerMin),
    /// A pump rate with the concentration it runs at: the dose is the product of the two.
    MlPerH {
        rate: MlPerH,
        concentration: MgPerMl,
    },
}

impl EnteredRate {
    /// The rate in mg/kg/h at a dosing weight.
    pub fn per_kg_per_h(self, weight: Kg) -> MgPerKgPerH {
        match self {
            EnteredRate::PerKgPerH(r) => r,
            EnteredRate::PerH(r) => r / weight,
            EnteredRate::McgPerKgPerMin(r) => r.to_mg_per_kg_per_h(),
            EnteredRate::MlPerH {
                rate,
                concentration,
            } => MgPerH(rate.0 * concentration.0) / weight,
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            EnteredRate::PerKgPerH(r) => r.0 == 0.0,
            EnteredRate::PerH(r) => r.0 == 0.0,
            EnteredRate::McgPerKgPerMin(r) => r.0 == 0.0,
            EnteredRate::MlPerH { rate, .. } => rate.0 == 0.0,
        }
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

/// Validates every field and collects every error, so the clinician sees all problems at once.
pub fn validate(inputs: &Inputs, thresholds: &Thresholds) -> Result<ValidInputs, Vec<FieldError>> {
    let mut errors = Vec::new();
    let (min_kg, max_kg) = thresholds.weight_accepted.value;

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
        &mut errors,
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
        &mut errors,
    );

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
    let (weight, weight_entered_lb) = match (weight, weight_unit) {
        (Some(lb), Some(true)) => (Some(Kg::from_lb(lb)), Some(lb)),
        (Some(kg), _) => (Some(Kg(kg)), None),
        (None, _) => (None, None),
    };

    let height_field = if height_unit == Some(true) {
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
    };
    // The range said when height is required for ideal weight is the field's own, in its unit.
    let height_range = height_field.range_text();
    let height = optional_number(inputs, height_field, &mut errors).map(|h| {
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
        &mut errors,
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
        &mut errors,
    );
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
        &mut errors,
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
    let route = choice(
        inputs,
        "route",
        "Route",
        Some(Route::Iv),
        Route::from_key,
        "iv, im, intranasal, subcut, oral, rectal or topical",
        &mut errors,
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
        &mut errors,
    )
    .flatten();

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
    let bolus = crate::as_written::bolus(inputs, concentration, conc_entered, &mut errors);
    // ---- end of order as written

    let rate_unit = choice(
        inputs,
        "rate_unit",
        "Rate unit",
        Some(RateUnit::MgPerKgPerH),
        RateUnit::from_key,
        "mg/kg/h, mg/h, mcg/kg/min or mL/h",
        &mut errors,
    );
    let rate = match rate_unit {
        Some(unit) => optional_number(inputs, unit.field(), &mut errors).map(|v| match unit {
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
    .flatten();
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
        &mut errors,
    )
    .map(Minutes);
    errors.extend(conc_errors);
    // ---- Preparation (see `preparation`)
    let preparation =
        crate::preparation::entries(inputs, concentration, conc_entered, thresholds, &mut errors);
    // ---- end of preparation

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

    // Pain scores are read to one decimal (a 0-10 cm scale in mm), so that percent relief is
    // computed exactly in tenths and 30 % is judged without rounding error.
    let ResponseEntries {
        pain_before_tenths: pain_before,
        pain_after_tenths: pain_after,
        relief_weeks,
        treatments_this_year,
    } = response_entries(inputs, &mut errors);
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
        &mut errors,
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
        &mut errors,
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
        &mut errors,
    )
    .map(Minutes);

    let care_area = match inputs.get("care_area") {
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
    };

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

    match (weight, route, dosing_weight) {
        (Some(weight), Some(route), Some(dosing_weight)) if errors.is_empty() => Ok(ValidInputs {
            weight,
            weight_entered_lb,
            height,
            sex,
            age_years,
            dosing_weight,
            route,
            protocol,
            bolus,
            rate,
            duration,
            concentration,
            preparation,
            factors,
            pain_before_tenths: pain_before,
            pain_after_tenths: pain_after,
            days,
            treatments_this_year,
            relief_weeks,
            titration_step,
            titration_interval,
            care_area,
        }),
        _ => Err(errors),
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
