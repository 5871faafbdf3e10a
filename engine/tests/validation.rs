//! Hostile or mistaken input: every bad entry gets a message naming the field and the accepted
//! range, never a panic and never a number.

mod common;
use common::*;
use ketamine_engine::Status;

#[track_caller]
fn rejected(fragment: &str, field: &str, says: &str) {
    let r = calc(fragment);
    assert_eq!(r.status, Status::Invalid, "{fragment} was accepted");
    assert!(r.dosing_weight_kg.is_none() && r.plan.total_mg.is_none());
    let e = r
        .error_for(field)
        .unwrap_or_else(|| panic!("{fragment}: no error for {field}: {:?}", r.errors));
    assert!(
        e.message.contains(says),
        "{fragment}: {:?} does not say {says:?}",
        e.message
    );
}

#[test]
fn missing_weight_is_required_with_its_range() {
    rejected(
        "",
        "weight",
        "Weight: required; enter a number from 20 to 350 kg",
    );
    rejected("weight=", "weight", "required");
    rejected("weight=%20%20", "weight", "required");
}

#[test]
fn weight_text_is_not_a_number() {
    for bad in [
        "abc",
        "70kg",
        "1e3",
        "NaN",
        "inf",
        "0x46",
        "7O",
        "%D9%A7%D9%A0",
        "70..5",
        ".",
    ] {
        rejected(
            &format!("weight={bad}"),
            "weight",
            "not a number; enter a number from 20 to 350 kg",
        );
    }
}

#[test]
fn negative_weight_says_so() {
    rejected("weight=-70", "weight", "cannot be negative");
}

#[test]
fn decimal_comma_is_asked_again() {
    rejected(
        "weight=70%2C5",
        "weight",
        "use a point as the decimal separator",
    );
}

#[test]
fn huge_input_is_refused_not_parsed() {
    let long = "9".repeat(5000);
    rejected(&format!("weight={long}"), "weight", "too long");
}

#[test]
fn weight_in_pounds_names_the_pound_range() {
    rejected(
        "weight=10&weight_unit=lb",
        "weight",
        "from 44.1 to 771.6 lb",
    );
}

#[test]
fn unknown_unit_route_and_choices_name_what_is_accepted() {
    rejected(
        "weight=70&weight_unit=stone",
        "weight_unit",
        "choose kg or lb",
    );
    rejected(
        "weight=70&route=sc",
        "route",
        "choose iv, im, intranasal, subcut, oral, rectal or topical",
    );
    rejected(
        "weight=70&rate_unit=mg/min",
        "rate_unit",
        "mg/kg/h, mg/h, mcg/kg/min or mL/h",
    );
    rejected("weight=70&sex=x", "sex", "female or male");
    rejected(
        "weight=70&dosing_weight=lean",
        "dosing_weight",
        "actual, ideal or adjusted",
    );
    rejected(
        "weight=70&protocol=nope",
        "protocol",
        "asra-first-outpatient",
    );
}

#[test]
fn unknown_patient_factor_is_named() {
    rejected(
        "weight=70&risk=elderly,bogus",
        "risk",
        "unknown identifier \"bogus\"",
    );
}

#[test]
fn ideal_weight_needs_height_and_sex() {
    rejected(
        "weight=90&dosing_weight=ideal",
        "height",
        "required for ideal body weight",
    );
    rejected(
        "weight=90&dosing_weight=adjusted&height=170",
        "sex",
        "required for adjusted body weight",
    );
}

#[test]
fn plan_fields_name_their_ranges() {
    rejected(
        "weight=70&bolus=11",
        "bolus",
        "enter a number from 0 to 10 mg/kg",
    );
    rejected("weight=70&rate=21", "rate", "from 0 to 20 mg/kg/h");
    rejected(
        "weight=70&rate=2001&rate_unit=mg/h",
        "rate",
        "from 0 to 2,000 mg/h",
    );
    rejected(
        "weight=70&duration_min=0",
        "duration_min",
        "from 1 to 20,160 min",
    );
    rejected("weight=70&conc=101", "conc", "from 0.01 to 100 mg/mL");
    rejected("weight=70&days=2.5", "days", "not a whole number");
    rejected("weight=70&pain_before=11", "pain_before", "from 0 to 10");
    rejected(
        "weight=70&pain_after=4.25",
        "pain_after",
        "at most one decimal",
    );
    rejected("weight=70&age=130", "age", "from 0 to 120 years");
    rejected("weight=70&height=90", "height", "from 100 to 250 cm");
}

#[test]
fn every_error_is_reported_at_once() {
    let r = calc("weight=abc&rate=-1&conc=0");
    let fields: Vec<&str> = r.errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["weight", "rate", "conc"]);
}

#[test]
fn whitespace_around_a_number_is_fine() {
    assert_eq!(calc("weight=%2070%20").status, Status::Ok);
}

#[test]
fn contract_risk_identifiers_are_accepted() {
    let r = calc("weight=70&risk=elderly,comorbidity,cardiovascular_risk,liver_risk");
    assert_eq!(r.status, Status::Ok);
}

#[test]
fn every_table_5_item_has_an_identifier() {
    use ketamine_engine::patient_factors::PatientFactor;
    for id in [
        "unstable_angina",
        "poorly_controlled_hypertension",
        "high_risk_coronary_disease",
        "elevated_intracranial_pressure",
        "elevated_intraocular_pressure",
        "hyperthyroidism",
        "pheochromocytoma",
        "severe_liver_disease",
        "full_stomach",
        "pregnancy",
        "intoxication",
        "active_substance_abuse",
        "delirium",
        "psychosis",
        "unable_to_consent",
    ] {
        assert!(PatientFactor::from_key(id).is_some(), "{id}");
        assert_eq!(
            calc(&format!("weight=70&risk={id}"))
                .alerts
                .iter()
                .filter(|a| a.code == format!("factor-{id}"))
                .count(),
            1
        );
    }
}

#[test]
fn field_labels_are_the_labels_errors_use() {
    use ketamine_engine::validation::FIELD_LABELS;
    let bad = "not-a-valid-entry-at-all";
    for (key, label, _) in FIELD_LABELS {
        let r = calc(&format!("{key}={bad}"));
        if let Some(e) = r.error_for(key) {
            assert!(
                e.message.starts_with(&format!("{label}:")),
                "{key}: {:?} vs {label}",
                e.message
            );
        }
    }
    assert_eq!(
        ketamine_engine::validation::field_label("rate"),
        Some(("Infusion rate", ""))
    );
}

#[test]
fn response_is_assessed_without_a_plan() {
    use ketamine_engine::thresholds::Thresholds;
    let t = Thresholds::guideline();
    let r = ketamine_engine::assess_response_only(
        &ketamine_engine::Inputs::from_fragment("pain_before=8&pain_after=4&relief_weeks=4"),
        &t,
    )
    .unwrap();
    assert_eq!(r.percent_relief, Some(50.0));
    assert_eq!(r.duration_counts, Some(true));
    let series = ketamine_engine::assess_response_only(
        &ketamine_engine::Inputs::from_fragment("pain_before=8&pain_after=4&relief_weeks=4&days=3"),
        &t,
    )
    .unwrap();
    assert_eq!(
        series.duration_counts,
        Some(false),
        "a series needs more than 6 weeks"
    );
    let bad = ketamine_engine::assess_response_only(
        &ketamine_engine::Inputs::from_fragment("pain_before=12"),
        &t,
    )
    .unwrap_err();
    assert_eq!(bad[0].field, "pain_before");
}

#[test]
fn height_required_for_ideal_weight_names_the_range_in_the_chosen_unit() {
    rejected(
        "weight=90&dosing_weight=ideal&sex=male",
        "height",
        "enter a number from 100 to 250 cm",
    );
    rejected(
        "weight=90&dosing_weight=ideal&sex=male&height_unit=in",
        "height",
        "enter a number from 39.4 to 98.4 in",
    );
}
