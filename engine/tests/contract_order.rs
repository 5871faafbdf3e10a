//! The keys and result fields that issue 13 adds to the embed contract (`docs/embed-api-v1.md`):
//! `bolus_unit`, `rate_unit=mL/h`, the preparation keys, the check link, and the `preparation` and
//! `double_check` result fields, spelled exactly as documented.

mod common;
use common::*;
use ketamine_engine::double_check::{calculate_check, check_fragment, first_entry};
use ketamine_engine::thresholds::Thresholds;
use ketamine_engine::Inputs;
use serde_json::{json, Value};

fn json_of(fragment: &str) -> Value {
    serde_json::to_value(calc(fragment)).unwrap()
}

#[test]
fn the_new_keys_are_contract_keys_and_round_trip_through_a_link() {
    for key in ["bolus_unit", "vial_mg_per_ml", "container", "container_ml"] {
        assert!(Inputs::KEYS.contains(&key), "{key}");
    }
    let fragment = "weight=70&bolus=20&bolus_unit=mg&rate=35&rate_unit=mL%2Fh&conc=2&vial_mg_per_ml=50&container=prefilled_bag&container_ml=250";
    assert_eq!(Inputs::from_fragment(fragment).to_fragment(), fragment);
}

#[test]
fn the_plan_says_the_units_the_order_was_written_in() {
    let v = json_of("weight=70&bolus=20&bolus_unit=mg&rate=35&rate_unit=mL/h&conc=2");
    assert_eq!(v["plan"]["bolus_entered_unit"], "mg");
    assert_eq!(v["plan"]["rate_entered_unit"], "mL/h");
    assert_eq!(v["plan"]["bolus_mg"], 20.0);
    assert_eq!(v["plan"]["rate_ml_per_h"], 35.0);
}

#[test]
fn preparation_fields_are_spelled_as_documented() {
    let v = json_of("weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=prefilled_bag&container_ml=250");
    let p = &v["preparation"];
    assert_eq!(p["container"], "prefilled_bag");
    assert_eq!(p["vial_mg_per_ml"], 50.0);
    assert_eq!(p["container_ml"], 250.0);
    assert_eq!(p["concentration_mg_per_ml"], 2.0);
    assert_eq!(p["total_mg"], 500.0);
    assert_eq!(p["ketamine_ml"], 10.0);
    assert_eq!(p["ketamine_ml_rounded"], 10.0);
    // Review 8: the syringe that measures the draw-up, added beside it.
    assert_eq!(p["draw_syringe_ml"], 10.0);
    assert_eq!(p["draw_syringe_graduation_ml"], 0.2);
    assert_eq!(p["diluent_ml"], 0.0);
    assert_eq!(p["withdraw_ml"], 10.0);
    assert_eq!(p["total_mg_as_drawn"], 500.0);
    assert_eq!(p["concentration_as_drawn_mg_per_ml"], 2.0);
    assert!(p["container_lasts_min"].is_number());
    assert_eq!(p["volume_needed_ml"], 140.0);
    assert_eq!(p["containers_needed"], 1);
    assert!(p["containers_for_course"].is_null());
    assert!(p["arithmetic"].is_array() && p["assumptions"].is_array());
    assert!(p["source"]
        .as_str()
        .unwrap()
        .starts_with("Pharmacy practice"));
    assert!(v["double_check"].is_null());
}

#[test]
fn an_invalid_result_has_null_preparation_and_double_check() {
    let v = json_of("weight=abc&vial_mg_per_ml=50&container=bag&container_ml=250&conc=2");
    assert!(v["preparation"].is_null() && v["double_check"].is_null());
}

#[test]
fn double_check_fields_are_spelled_as_documented() {
    let first = Inputs::from_fragment("weight=70&rate=0.5&conc=1");
    let second = Inputs::from_fragment("weight=70&rate=35&rate_unit=mL/h&conc=1");
    let r = calculate_check(&first, &second, &Thresholds::guideline());
    let v = serde_json::to_value(&r).unwrap();
    let c = &v["double_check"];
    assert_eq!(c["verdict"], "results-match-entries-differ");
    assert_eq!(c["matches"], false);
    assert!(c["summary"].is_string() && c["rule"].is_string());
    // Review 11: the source names what it relies on, as documented.
    assert!(c["source"]
        .as_str()
        .unwrap()
        .starts_with("ISMP 2019; Westbrook et al. 2021"));
    let row = &c["entries"][0];
    assert_eq!(
        row,
        &json!({"key": "weight", "label": "Weight", "first": "70 kg", "second": "70 kg", "same": true})
    );
    assert!(c["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == "plan.rate_ml_per_h_rounded"));
    let verdict = |a: &Inputs, b: &Inputs| {
        serde_json::to_value(calculate_check(a, b, &Thresholds::guideline())).unwrap()
            ["double_check"]["verdict"]
            .clone()
    };
    assert_eq!(verdict(&first, &first), "match");
    assert_eq!(
        verdict(&first, &Inputs::from_fragment("weight=71&rate=0.5&conc=1")),
        "mismatch"
    );
    assert_eq!(
        verdict(&first, &Inputs::from_fragment("rate=0.5&conc=1")),
        "incomplete"
    );
}

#[test]
fn a_check_link_is_the_check_key_holding_the_first_fragment() {
    // base64url of "weight=70&rate=0.5&conc=1", without padding (the example in the contract).
    let first = Inputs::from_fragment("weight=70&rate=0.5&conc=1");
    assert_eq!(
        check_fragment(&first),
        "check=d2VpZ2h0PTcwJnJhdGU9MC41JmNvbmM9MQ"
    );
    assert_eq!(
        first_entry("check=d2VpZ2h0PTcwJnJhdGU9MC41JmNvbmM9MQ")
            .unwrap()
            .unwrap(),
        first
    );
}
