//! The plain-text note and the acknowledgement of soft alerts.

mod common;
use common::*;
use ketamine_engine::acknowledgements::{pending, plan_released, Acknowledgement};
use ketamine_engine::note::{clinical_note, DISCLAIMER};

#[test]
fn note_for_missing_weight_has_no_figure() {
    let text = clinical_note(&calc("rate=0.5"), &[], "now");
    assert!(text.contains("No plan"));
    assert!(text.contains("Weight: required"));
    assert!(!text.contains("mg/h"), "{text}");
    assert!(text.contains(DISCLAIMER));
}

#[test]
fn note_for_a_blocked_plan_shows_the_limit_not_the_doses() {
    let text = clinical_note(&calc("weight=70&rate=8&duration_min=60&conc=1"), &[], "now");
    assert!(text.contains("Plan blocked by a hard limit"));
    assert!(!text.contains("Pump:"), "{text}");
}

#[test]
fn note_carries_the_acknowledgement_reason() {
    let result = calc("weight=70&bolus=0.5");
    let ack = Acknowledgement::new(pending(&result, &[])[0], "anesthetist present").unwrap();
    let text = clinical_note(&result, &[ack], "now");
    assert!(text.contains("Acknowledged: anesthetist present"), "{text}");
    let unacked = clinical_note(&result, &[], "now");
    assert!(unacked.contains("NOT ACKNOWLEDGED"));
}

#[test]
fn note_shows_pounds_and_the_conversion() {
    let text = clinical_note(&calc("weight=154&weight_unit=lb"), &[], "now");
    assert!(text.contains("154 lb entered = 69.85 kg"), "{text}");
}

#[test]
fn note_has_the_pump_rate_rounded_and_unrounded() {
    // 0.5 x 73.3 = 36.65 mg/h / 2 mg/mL = 18.325 mL/h, programmed as 18.3
    let text = clinical_note(&calc("weight=73.3&rate=0.5&conc=2"), &[], "now");
    assert!(
        text.contains("Pump: 18.3 mL/h at 2 mg/mL (unrounded 18.325 mL/h)"),
        "{text}"
    );
}

#[test]
fn a_reason_of_a_keystroke_is_not_an_acknowledgement() {
    let result = calc("weight=70&bolus=0.5");
    let alert = pending(&result, &[])[0];
    assert!(Acknowledgement::new(alert, "  ok ").is_none());
    assert!(Acknowledgement::new(alert, "yes").is_some());
}

#[test]
fn the_plan_is_released_only_when_every_soft_alert_is_acknowledged() {
    let result = calc("weight=70&bolus=0.5&conc=3");
    assert_eq!(pending(&result, &[]).len(), 2, "{:?}", codes(&result));
    let alerts = pending(&result, &[]);
    let one = Acknowledgement::new(alerts[0], "anesthetist present").unwrap();
    assert!(!plan_released(&result, std::slice::from_ref(&one)));
    let two = Acknowledgement::new(alerts[1], "pharmacy-prepared").unwrap();
    assert!(plan_released(&result, &[one, two]));
}

#[test]
fn a_blocked_plan_is_never_released() {
    let result = calc("weight=70&rate=8");
    assert!(!plan_released(&result, &[]));
}
