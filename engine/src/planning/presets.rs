//! A published protocol filled into the entries: the preset's route and plan, and, where its
//! trial capped the rate, the cap at the patient's dosing weight instead of a higher preset rate.
//! The presets themselves are clinical knowledge (`protocols`); filling them in reads the
//! entries as the calculation does, so it lives with the entries.

use crate::inputs::Inputs;
use crate::protocols::Protocol;
use crate::units::{McgPerKgPerMin, RateUnit};

impl Protocol {
    /// Where the preset's rate is above its trial's cap at the patient's dosing weight, fills the
    /// cap instead. Without a valid weight the preset's rate stays, and the soft alert
    /// (`checks::trial_cap_alerts`) catches a rate above the cap once the weight is entered.
    fn cap_rate(self, inputs: &mut Inputs) {
        let (Some((cap, cap_unit)), Some(rate), Some(unit)) = (
            self.rate_cap(),
            self.preset().rate,
            self.preset().rate_unit.and_then(RateUnit::from_key),
        ) else {
            return;
        };
        let Some(weight) = dosing_weight_kg(inputs) else {
            return;
        };
        let Ok(rate) = rate.parse::<f64>() else {
            return;
        };
        // A pump rate (mL/h) has no dose per kg without a concentration: no preset or cap is
        // written in it, and one that were would not be capped here.
        let per_kg_per_h = |value: f64, unit: RateUnit| match unit {
            RateUnit::MgPerKgPerH => Some(value),
            RateUnit::MgPerH => Some(value / weight),
            RateUnit::McgPerKgPerMin => Some(McgPerKgPerMin(value).to_mg_per_kg_per_h().0),
            RateUnit::MlPerH => None,
        };
        let (Some(rate), Some(cap)) = (per_kg_per_h(rate, unit), per_kg_per_h(cap, cap_unit))
        else {
            return;
        };
        if crate::compare::above(rate, cap) {
            if let Some((rate, unit)) = self.rate_cap_fill() {
                inputs.set("rate", Some(rate));
                inputs.set("rate_unit", Some(unit.to_string()));
            }
        }
    }

    /// Replaces the route and plan fields with this preset (other fields are left alone).
    pub fn apply(self, inputs: &mut Inputs) {
        let p = self.preset();
        inputs.set("protocol", Some(self.key().to_string()));
        inputs.set("route", Some(p.route.to_string()));
        for (key, value) in p.plan_fields() {
            inputs.set(key, value.map(str::to_string));
        }
        self.cap_rate(inputs);
    }

    /// Fills the plan from the preset when a link names a protocol but none of the plan; a plan
    /// given in the link wins whole, so a preset rate is never mixed with a linked duration.
    pub fn fill_missing(self, inputs: &mut Inputs) {
        let p = self.preset();
        let plan_given = ["bolus", "rate", "duration_min", "days"]
            .iter()
            .any(|k| inputs.get(k).is_some());
        if inputs.get("route").is_none() {
            inputs.set("route", Some(p.route.to_string()));
        }
        if plan_given {
            return;
        }
        for (key, value) in p.plan_fields() {
            if inputs.get(key).is_none() {
                inputs.set(key, value.map(str::to_string));
            }
        }
        self.cap_rate(inputs);
    }
}

/// The dosing weight in kg when the inputs give a valid one (as the calculation reads it).
fn dosing_weight_kg(inputs: &Inputs) -> Option<f64> {
    let valid =
        crate::validation::validate(inputs, &crate::thresholds::Thresholds::guideline()).ok()?;
    crate::patient::dosing_weight(valid.weight, valid.height, valid.sex, valid.dosing_weight)
        .ok()
        .map(|d| d.kg.0)
}
