//! An order as it is written: a bolus in mg or mL (what an order or a syringe label says) and a
//! rate in mL/h (what a pump shows), beside the planning units mg/kg and mg/kg/h. The engine turns
//! each into the same plan as the planning units, so a pharmacist verifying "ketamine 2 mg/mL at
//! 35 mL/h" gets the dose per kg, the tier, the target and every alert a planned dose gets.
//!
//! A volume means nothing without the concentration it is drawn from: a bolus in mL or a rate in
//! mL/h without `conc` is an error that says so, never a guess.
//!
//! ```
//! use ketamine_engine::as_written::EnteredBolus;
//! use ketamine_engine::units::{Kg, Mg, MgPerMl, Ml};
//! // 20 mg for a 80 kg patient is 0.25 mg/kg.
//! assert_eq!(EnteredBolus::Mg(Mg(20.0)).per_kg(Kg(80.0)).0, 0.25);
//! // 5 mL at 2 mg/mL is 10 mg.
//! let b = EnteredBolus::Ml { volume: Ml(5.0), concentration: MgPerMl(2.0) };
//! assert_eq!(b.mg(Kg(80.0)).0, 10.0);
//! ```

use crate::inputs::Inputs;
use crate::planning::fields::{parse_decimal, FieldError, NumberField};
use crate::units::{Kg, McgPerKgPerMin, Mg, MgPerH, MgPerKg, MgPerKgPerH, MgPerMl, Ml, MlPerH};

/// How the bolus was entered (`bolus_unit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BolusUnit {
    MgPerKg,
    Mg,
    Ml,
}

impl BolusUnit {
    pub const ALL: [BolusUnit; 3] = [BolusUnit::MgPerKg, BolusUnit::Mg, BolusUnit::Ml];

    /// The contract's value, also the unit written after the number.
    pub fn key(self) -> &'static str {
        match self {
            BolusUnit::MgPerKg => "mg/kg",
            BolusUnit::Mg => "mg",
            BolusUnit::Ml => "mL",
        }
    }

    /// Reads a `bolus_unit` value; `ml` is accepted for `mL` (a host page may lowercase it).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|u| u.key().eq_ignore_ascii_case(key))
    }

    /// Accepted entries in this unit. Wide enough for any bolus the sources give at any accepted
    /// weight (1 mg/kg at 350 kg is 350 mg; at 1 mg/mL that is 350 mL); what lies beyond a
    /// clinical limit is judged by the limits, after conversion to mg/kg.
    pub fn field(self) -> NumberField {
        let (unit, max) = match self {
            BolusUnit::MgPerKg => ("mg/kg", 10.0),
            BolusUnit::Mg => ("mg", 1000.0),
            BolusUnit::Ml => ("mL", 500.0),
        };
        NumberField {
            key: "bolus",
            label: "Bolus",
            unit,
            min: 0.0,
            max,
            whole: false,
        }
    }
}

/// A bolus as entered, before the dosing weight turns it into mg/kg.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EnteredBolus {
    PerKg(MgPerKg),
    Mg(Mg),
    Ml { volume: Ml, concentration: MgPerMl },
}

impl EnteredBolus {
    /// The bolus in mg. A bolus entered in mg or mL keeps its exact figure.
    pub fn mg(self, weight: Kg) -> Mg {
        match self {
            EnteredBolus::PerKg(b) => b * weight,
            EnteredBolus::Mg(mg) => mg,
            EnteredBolus::Ml {
                volume,
                concentration,
            } => Mg(volume.0 * concentration.0),
        }
    }

    /// The bolus in mg/kg of dosing weight: what every bolus check reads.
    pub fn per_kg(self, weight: Kg) -> MgPerKg {
        match self {
            EnteredBolus::PerKg(b) => b,
            other => other.mg(weight) / weight,
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            EnteredBolus::PerKg(b) => b.0 == 0.0,
            EnteredBolus::Mg(mg) => mg.0 == 0.0,
            EnteredBolus::Ml { volume, .. } => volume.0 == 0.0,
        }
    }

    pub fn unit(self) -> BolusUnit {
        match self {
            EnteredBolus::PerKg(_) => BolusUnit::MgPerKg,
            EnteredBolus::Mg(_) => BolusUnit::Mg,
            EnteredBolus::Ml { .. } => BolusUnit::Ml,
        }
    }
}

/// The unit of a bolus entered in mL, in words: a volume of the infusion's single concentration
/// (`conc`), since the calculator knows no other. For the field's label and the plan.
pub fn bolus_ml_unit(concentration: Option<MgPerMl>) -> String {
    match concentration {
        Some(c) => format!("mL of the {} mg/mL", crate::display::number(c.0)),
        None => "mL of the infusion's concentration".to_string(),
    }
}

/// [`bolus_ml_unit`] for the concentration typed, valid or not yet (the field's label follows
/// the form; the concentration's own error is shown on it).
pub fn bolus_ml_unit_for(inputs: &Inputs) -> String {
    let typed = inputs
        .get("conc")
        .and_then(|c| parse_decimal(c).ok())
        .filter(|c| c.is_finite() && *c > 0.0)
        .map(MgPerMl);
    bolus_ml_unit(typed)
}

impl EnteredBolus {
    /// The bolus as entered, in words: a volume names the concentration it is read at.
    pub fn as_entered(self) -> String {
        use crate::display::quantity;
        match self {
            EnteredBolus::PerKg(b) => quantity(b.0, "mg/kg"),
            EnteredBolus::Mg(mg) => quantity(mg.0, "mg"),
            EnteredBolus::Ml {
                volume,
                concentration,
            } => format!(
                "{} (the infusion's concentration)",
                quantity(volume.0, &bolus_ml_unit(Some(concentration)))
            ),
        }
    }
}

/// The message when a volume is entered without the concentration that gives it a dose.
pub fn concentration_required(what: &str, which_is: &str) -> FieldError {
    FieldError {
        field: "conc",
        message: format!(
            "Concentration: required for {what}, which is {which_is}; enter a number from 0.01 to 100 mg/mL"
        ),
    }
}

/// Reads `bolus` in its `bolus_unit`. `concentration` is the valid `conc`, if any;
/// `conc_entered` says whether one was typed at all (an invalid one already has its own error).
pub fn bolus(
    inputs: &Inputs,
    concentration: Option<MgPerMl>,
    conc_entered: bool,
    errors: &mut Vec<FieldError>,
) -> Option<EnteredBolus> {
    let unit = match inputs.get("bolus_unit") {
        None => BolusUnit::MgPerKg,
        Some(text) => match BolusUnit::from_key(text) {
            Some(u) => u,
            None => {
                errors.push(FieldError {
                    field: "bolus_unit",
                    message: "Bolus unit: choose mg/kg, mg or mL".into(),
                });
                return None;
            }
        },
    };
    let text = inputs.get("bolus")?;
    let value = match unit.field().parse(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    match unit {
        BolusUnit::MgPerKg => Some(EnteredBolus::PerKg(MgPerKg(value))),
        BolusUnit::Mg => Some(EnteredBolus::Mg(Mg(value))),
        BolusUnit::Ml => match concentration {
            Some(c) => Some(EnteredBolus::Ml {
                volume: Ml(value),
                concentration: c,
            }),
            None => {
                if !conc_entered {
                    errors.push(concentration_required("a bolus in mL", "a volume"));
                }
                None
            }
        },
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
