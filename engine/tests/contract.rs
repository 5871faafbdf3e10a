//! The result serializes to the embed contract v1 (`docs/embed-api-v1.md`): field names,
//! value spellings and nulls exactly as written there.

mod common;
use common::*;
use serde_json::{json, Value};

fn json_of(fragment: &str) -> Value {
    serde_json::to_value(calc(fragment)).unwrap()
}

#[test]
fn ok_result_has_every_contract_field() {
    let v = json_of("weight=70&bolus=0.35&rate=0.5&duration_min=150&conc=1&pain_before=8&pain_after=4&risk=cardiovascular_risk");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["errors"], json!([]));
    assert_eq!(v["dosing_weight_kg"], 70.0);
    assert_eq!(v["route"], "iv");
    assert_eq!(v["bolus_range_mg"], json!({"min": 0.0, "max": 24.5}));
    assert_eq!(
        v["infusion_range_mg_per_h"],
        json!({"min": 35.0, "max": 140.0})
    );
    let plan = &v["plan"];
    assert_eq!(plan["bolus_mg"], 24.5);
    assert_eq!(plan["rate_mg_per_kg_per_h"], 0.5);
    assert_eq!(plan["rate_mg_per_h"], 35.0);
    assert!((plan["rate_mcg_per_kg_per_min"].as_f64().unwrap() - 500.0 / 60.0).abs() < 1e-12);
    assert_eq!(plan["rate_ml_per_h"], 35.0);
    assert_eq!(plan["duration_min"], 150.0);
    assert_eq!(plan["total_mg"], 112.0);
    assert_eq!(plan["total_mg_per_kg"], 1.6);
    assert_eq!(v["targets"]["total_at_least_80_mg"], true);
    assert_eq!(v["targets"]["duration_over_2_h"], true);
    assert_eq!(v["monitoring_tier"], "high-dose");
    assert_eq!(v["pre_infusion_tests"], json!(["Baseline ECG"]));
    assert_eq!(v["response"]["percent_relief"], 50.0);
    assert_eq!(v["response"]["positive"], true);
    let alert = &v["alerts"][0];
    for key in ["level", "code", "message", "source"] {
        assert!(
            alert[key].is_string(),
            "alert.{key} must be a string: {alert}"
        );
    }
}

#[test]
fn tiers_are_spelled_as_in_the_contract() {
    assert_eq!(json_of("weight=70&rate=0.5")["monitoring_tier"], "standard");
    assert_eq!(json_of("weight=70&rate=1")["monitoring_tier"], "high-dose");
    assert_eq!(json_of("weight=70&rate=3")["monitoring_tier"], "icu");
    assert_eq!(
        json_of("weight=70&rate=8")["monitoring_tier"],
        "beyond-guideline"
    );
}

#[test]
fn alert_levels_are_spelled_as_in_the_contract() {
    let v = json_of("weight=70&rate=8&conc=3&risk=elderly");
    let levels: Vec<&str> = v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["level"].as_str().unwrap())
        .collect();
    assert!(
        levels.contains(&"hard") && levels.contains(&"soft") && levels.contains(&"info"),
        "{levels:?}"
    );
}

#[test]
fn invalid_result_has_the_same_fields_with_nulls() {
    let v = json_of("weight=abc");
    assert_eq!(v["status"], "invalid");
    assert_eq!(v["errors"][0]["field"], "weight");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("20 to 350 kg"));
    for key in [
        "dosing_weight_kg",
        "bolus_range_mg",
        "infusion_range_mg_per_h",
        "monitoring_tier",
    ] {
        assert!(v[key].is_null(), "{key} must be null");
    }
    for key in [
        "bolus_mg",
        "rate_mg_per_kg_per_h",
        "rate_mg_per_h",
        "rate_mcg_per_kg_per_min",
        "rate_ml_per_h",
        "duration_min",
        "total_mg",
        "total_mg_per_kg",
    ] {
        assert!(
            v["plan"].get(key).is_some_and(Value::is_null),
            "plan.{key} must be present and null"
        );
    }
    assert!(v["targets"]["total_at_least_80_mg"].is_null());
    assert!(v["response"]["percent_relief"].is_null() && v["response"]["positive"].is_null());
}

#[test]
fn blocked_result_is_invalid_with_the_limit_as_error() {
    let v = json_of("weight=70&rate=8&duration_min=60");
    assert_eq!(v["status"], "invalid");
    assert_eq!(v["errors"][0]["field"], "rate");
    assert!(v["plan"]["rate_mg_per_h"].is_null());
}

#[test]
fn versions_travel_with_the_result() {
    let v = json_of("weight=70");
    assert!(v["versions"]["rules"].is_string());
    assert!(v["versions"]["engine"].is_string());
}
