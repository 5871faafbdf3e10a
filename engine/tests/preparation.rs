//! Preparing the syringe or bag (issue 13): golden cases from each vial worked by hand, rounding
//! to what a syringe measures, volumes too small to measure, and errors that name the field.

mod common;
use common::*;
use ketamine_engine::alerts::Level;
use ketamine_engine::preparation::{vial_strengths, Container, Preparation};
use ketamine_engine::thresholds::{ProfileInfo, Thresholds};
use ketamine_engine::units::MgPerMl;
use ketamine_engine::{calculate_with, Inputs, Status};

fn prep(fragment: &str) -> Preparation {
    let r = calc(fragment);
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    r.preparation.expect("a preparation")
}

fn error(fragment: &str, field: &str) -> String {
    let r = calc(fragment);
    assert_eq!(r.status, Status::Invalid);
    assert!(r.preparation.is_none());
    r.error_for(field)
        .unwrap_or_else(|| panic!("no error on {field}: {:?}", r.errors))
        .message
        .clone()
}

// ---- Golden cases, one per vial ------------------------------------------------------------

#[test]
fn two_mg_per_ml_in_a_250_ml_bag_from_the_50_mg_per_ml_vial() {
    // 2 mg/mL x 250 mL = 500 mg; 500 / 50 = 10 mL of ketamine; 250 - 10 = 240 mL of diluent.
    // 70 kg at 1 mg/kg/h = 70 mg/h = 35 mL/h; one bag lasts 250 / 35 = 7.14 h (7 h 8 min);
    // 4 h need 35 x 4 = 140 mL: one bag.
    let p = prep("weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=250");
    assert_eq!(p.container, Container::Bag);
    assert_eq!(p.total_mg.0, 500.0);
    assert_eq!(p.ketamine_ml.0, 10.0);
    assert_eq!(p.ketamine_ml_rounded.0, 10.0);
    assert_eq!(p.diluent_ml.0, 240.0);
    assert_eq!(p.withdraw_ml, None);
    assert_eq!(p.total_mg_as_drawn.0, 500.0);
    assert_close(p.container_lasts_min.unwrap().0, 250.0 / 35.0 * 60.0);
    assert_close(p.volume_needed_ml.unwrap().0, 140.0);
    assert_eq!(p.containers_needed, Some(1));
    assert_eq!(p.containers_for_course, None);
    assert_eq!(
        p.arithmetic,
        [
            "Ketamine in the bag: 2 mg/mL x 250 mL = 500 mg",
            "Draw up from the 50 mg/mL vial: 500 mg / 50 mg/mL = 10 mL",
            "Diluent to add: 250 mL - 10 mL = 240 mL",
            "One bag lasts 250 mL / 35 mL/h = 7.14 h (7 h 8 min)",
            "Needed: 35 mL/h x 4 h = 140 mL: 1 bag",
        ]
    );
}

#[test]
fn one_mg_per_ml_in_a_prefilled_500_ml_bag_from_the_100_mg_per_ml_vial_over_a_3_day_course() {
    // 1 mg/mL x 500 mL = 500 mg; 500 / 100 = 5 mL: withdraw 5 mL of diluent, then add 5 mL.
    // 70 kg at 0.5 mg/kg/h = 35 mg/h = 35 mL/h; a bag lasts 500 / 35 = 14.29 h (14 h 17 min).
    // 24 h a day need 35 x 24 = 840 mL: 2 bags a day (840 / 500 = 1.68); 3 days: 6.
    let p = prep("weight=70&rate=0.5&conc=1&duration_min=1440&days=3&vial_mg_per_ml=100&container=prefilled_bag&container_ml=500");
    assert_eq!(p.total_mg.0, 500.0);
    assert_eq!(p.ketamine_ml_rounded.0, 5.0);
    assert_eq!(p.withdraw_ml.unwrap().0, 5.0);
    assert_eq!(p.diluent_ml.0, 0.0);
    assert_close(p.container_lasts_min.unwrap().0, 500.0 / 35.0 * 60.0);
    assert_close(p.volume_needed_ml.unwrap().0, 840.0);
    assert_eq!(p.containers_needed, Some(2));
    assert_eq!(p.containers_for_course, Some(6));
    assert!(p.arithmetic.contains(
        &"Withdraw 5 mL of diluent from the 500 mL bag first, then add the 5 mL of ketamine: 500 mL in all".to_string()
    ));
    assert!(p
        .arithmetic
        .contains(&"Course: 2 bags a day x 3 days = 6".to_string()));
    assert!(p.assumptions.iter().any(|a| a.contains("fresh container")));
}

#[test]
fn one_mg_per_ml_in_a_50_ml_syringe_from_the_10_mg_per_ml_vial_warns_against_diluting_it() {
    // 1 mg/mL x 50 mL = 50 mg; 50 / 10 = 5 mL; 50 - 5 = 45 mL of diluent.
    // 5 mL/h for 4 h = 20 mL, plus a 0.1 mg/kg bolus at 70 kg = 7 mg = 7 mL: 27 mL, one syringe;
    // one syringe lasts 50 / 5 = 10 h.
    let r = calc("weight=70&bolus=0.1&rate=5&rate_unit=mL/h&conc=1&duration_min=240&vial_mg_per_ml=10&container=syringe&container_ml=50");
    let p = r.preparation.clone().unwrap();
    assert_eq!(
        (p.total_mg.0, p.ketamine_ml_rounded.0, p.diluent_ml.0),
        (50.0, 5.0, 45.0)
    );
    assert_close(p.volume_needed_ml.unwrap().0, 27.0);
    assert_eq!(p.containers_needed, Some(1));
    assert_close(p.container_lasts_min.unwrap().0, 600.0);
    assert!(p
        .arithmetic
        .contains(&"Needed: 5 mL/h x 4 h + bolus 7 mL = 27 mL: 1 syringe".to_string()));
    let warning = r
        .alerts
        .iter()
        .find(|a| a.code == "preparation-10-mg-per-ml-diluted")
        .expect("the label's advice");
    assert_eq!(warning.level, Level::Soft);
    assert_eq!(warning.field, Some("vial_mg_per_ml"));
}

#[test]
fn the_10_mg_per_ml_vial_drawn_undiluted_is_not_a_dilution() {
    // 10 mg/mL x 20 mL = 200 mg = 20 mL of the vial, no diluent.
    let r = calc("weight=70&bolus=0.2&conc=10&vial_mg_per_ml=10&container=syringe&container_ml=20");
    let p = r.preparation.clone().unwrap();
    assert_eq!((p.ketamine_ml_rounded.0, p.diluent_ml.0), (20.0, 0.0));
    assert_no_alert(&r, "preparation-10-mg-per-ml-diluted");
    // No infusion: nothing lasts, nothing is counted.
    assert_eq!((p.container_lasts_min, p.containers_needed), (None, None));
}

// ---- Rounding and measurability -------------------------------------------------------------

#[test]
fn a_draw_is_rounded_to_what_a_syringe_measures_and_the_result_shows_it() {
    // 2 mg/mL x 253 mL = 506 mg; 506 / 50 = 10.12 mL, measured as 10.1 mL (0.1 mL from 1 mL);
    // as drawn 10.1 x 50 = 505 mg in 253 mL = 1.996 mg/mL; diluent 253 - 10.1 = 242.9 mL.
    let p = prep("weight=70&conc=2&vial_mg_per_ml=50&container=bag&container_ml=253");
    assert_close(p.ketamine_ml.0, 10.12);
    assert_eq!(p.ketamine_ml_rounded.0, 10.1);
    assert_close(p.diluent_ml.0, 242.9);
    assert_close(p.total_mg_as_drawn.0, 505.0);
    assert_close(p.concentration_as_drawn_mg_per_ml.0, 505.0 / 253.0);
    assert!(p.arithmetic.contains(
        &"Draw up from the 50 mg/mL vial: 506 mg / 50 mg/mL = 10.12 mL, measured as 10.1 mL"
            .to_string()
    ));
    assert!(p
        .arithmetic
        .contains(&"As measured: 10.1 mL x 50 mg/mL = 505 mg in 253 mL = 1.996 mg/mL".to_string()));
}

#[test]
fn a_draw_under_a_ml_is_measured_to_a_hundredth() {
    // 1 mg/mL x 47 mL = 47 mg; 47 / 50 = 0.94 mL (a 1 mL syringe, 0.01 mL graduations).
    let p = prep("weight=70&conc=1&vial_mg_per_ml=50&container=syringe&container_ml=47");
    assert_eq!(p.ketamine_ml_rounded.0, 0.94);
    assert_close(p.diluent_ml.0, 46.06);
}

#[test]
fn a_volume_too_small_to_measure_warns_below_a_tenth_of_a_ml() {
    // 0.1 mg/mL x 50 mL = 5 mg; 5 / 100 = 0.05 mL: under 0.1 mL.
    let small = calc("weight=70&conc=0.1&vial_mg_per_ml=100&container=syringe&container_ml=50");
    let a = small
        .alerts
        .iter()
        .find(|a| a.code == "preparation-volume-too-small")
        .expect("a warning");
    assert_eq!(a.level, Level::Soft);
    assert!(a.message.contains("0.05 mL"), "{}", a.message);
    // 0.2 mg/mL: 10 mg / 100 = 0.1 mL, at the limit: measurable.
    assert_no_alert(
        &calc("weight=70&conc=0.2&vial_mg_per_ml=100&container=syringe&container_ml=50"),
        "preparation-volume-too-small",
    );
    // 0.19 mg/mL: 9.5 mg / 100 = 0.095 mL: below.
    assert_alert(
        &calc("weight=70&conc=0.19&vial_mg_per_ml=100&container=syringe&container_ml=50"),
        "preparation-volume-too-small",
    );
}

#[test]
fn an_exact_multiple_of_the_container_needs_no_extra_container() {
    // 1 mg/mL; 125 mL/h for 4 h = 500 mL: exactly one 500 mL bag; 241 min: 502.08 mL, two bags.
    let count = |minutes: u32| {
        prep(&format!("weight=70&rate=125&rate_unit=mL/h&conc=1&duration_min={minutes}&vial_mg_per_ml=50&container=bag&container_ml=500"))
            .containers_needed
    };
    assert_eq!(count(240), Some(1));
    assert_eq!(count(241), Some(2));
}

// ---- Errors --------------------------------------------------------------------------------

#[test]
fn a_vial_strength_not_stocked_is_named_with_the_choices() {
    assert_eq!(
        error(
            "weight=70&conc=2&vial_mg_per_ml=25&container=bag&container_ml=250",
            "vial_mg_per_ml"
        ),
        "Vial strength: choose 10, 50 or 100 mg/mL"
    );
}

#[test]
fn a_vial_weaker_than_the_concentration_is_an_error() {
    assert_eq!(
        error("weight=70&conc=50&vial_mg_per_ml=10&container=syringe&container_ml=10", "vial_mg_per_ml"),
        "Vial strength: 10 mg/mL is weaker than the 50 mg/mL to prepare; choose 10, 50 or 100 mg/mL, at least 50 mg/mL"
    );
}

#[test]
fn every_missing_preparation_entry_is_named_at_once() {
    let r = calc("weight=70&vial_mg_per_ml=50");
    let fields: Vec<&str> = r.errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["container", "conc"], "{:?}", r.errors);
    assert!(r
        .error_for("conc")
        .unwrap()
        .message
        .contains("required for the preparation"));
    let r = calc("weight=70&conc=2&container=bag");
    assert_eq!(
        r.error_for("vial_mg_per_ml").unwrap().message,
        "Vial strength: required for the preparation; choose 10, 50 or 100 mg/mL"
    );
    assert_eq!(
        r.error_for("container_ml").unwrap().message,
        "Container volume: required for the preparation; enter a whole number from 10 to 1,000 mL"
    );
}

#[test]
fn container_volume_boundaries() {
    let ok = |f: &str| calc(f).status == Status::Ok;
    assert!(ok(
        "weight=70&conc=2&vial_mg_per_ml=50&container=syringe&container_ml=60"
    ));
    assert!(ok(
        "weight=70&conc=2&vial_mg_per_ml=50&container=syringe&container_ml=1"
    ));
    assert_eq!(
        error(
            "weight=70&conc=2&vial_mg_per_ml=50&container=syringe&container_ml=61",
            "container_ml"
        ),
        "Container volume: 61 is out of range; enter a whole number from 1 to 60 mL"
    );
    assert!(ok(
        "weight=70&conc=2&vial_mg_per_ml=50&container=bag&container_ml=1000"
    ));
    assert_eq!(
        error(
            "weight=70&conc=2&vial_mg_per_ml=50&container=bag&container_ml=250.5",
            "container_ml"
        ),
        "Container volume: not a whole number; enter a whole number from 10 to 1,000 mL"
    );
    assert_eq!(
        error(
            "weight=70&conc=2&vial_mg_per_ml=50&container=ampoule&container_ml=10",
            "container"
        ),
        "Container: choose syringe, bag or prefilled_bag"
    );
}

#[test]
fn no_preparation_keys_no_preparation_and_a_blocked_plan_none() {
    assert!(calc("weight=70&conc=2&rate=0.5").preparation.is_none());
    // 100 mg/mL for IV is blocked: no preparation is shown for a plan that is not allowed.
    let blocked =
        calc("weight=70&rate=0.5&conc=100&vial_mg_per_ml=100&container=syringe&container_ml=10");
    assert_eq!(blocked.status, Status::Invalid);
    assert!(blocked.preparation.is_none());
}

#[test]
fn an_institution_profile_adds_its_stocked_strengths() {
    let mut t = Thresholds::guideline();
    assert_eq!(
        vial_strengths(&t),
        [MgPerMl(10.0), MgPerMl(50.0), MgPerMl(100.0)]
    );
    t.profile = Some(ProfileInfo {
        institution: "Test Hospital".into(),
        profile_version: "1".into(),
        review_date: "2027-01-31".into(),
        approved_by: None,
    });
    t.standard_concentrations.value = vec![MgPerMl(1.0), MgPerMl(5.0), MgPerMl(50.0)];
    assert_eq!(
        vial_strengths(&t),
        [
            MgPerMl(1.0),
            MgPerMl(5.0),
            MgPerMl(10.0),
            MgPerMl(50.0),
            MgPerMl(100.0)
        ]
    );
    // 1 mg/mL in a 50 mL syringe from the stocked 5 mg/mL: 50 mg = 10 mL + 40 mL diluent.
    let r = calculate_with(
        &Inputs::from_fragment(
            "weight=70&conc=1&vial_mg_per_ml=5&container=syringe&container_ml=50",
        ),
        &t,
    );
    let p = r.preparation.unwrap();
    assert_eq!((p.ketamine_ml_rounded.0, p.diluent_ml.0), (10.0, 40.0));
}

#[test]
fn the_note_carries_the_preparation_and_its_source() {
    let r = calc("weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=250");
    let note = ketamine_engine::note::clinical_note(&r, &[], "2026-11-27 20:00");
    assert!(note.contains("Preparation: 2 mg/mL in a 250 mL empty bag from the 50 mg/mL vial (Pharmacy practice (not from the clinical sources)"), "{note}");
    assert!(note.contains("- Diluent to add: 250 mL - 10 mL = 240 mL"));
}

// ---- Pharmacist review 11, 12, 13 ----------------------------------------------------------

#[test]
fn a_bolus_counted_in_the_volume_needed_is_stated_as_drawn_from_the_same_container() {
    // Review 13: 5 mL/h x 4 h + a 7 mL bolus = 27 mL; the assumption that makes it 27, not 20.
    let with = prep("weight=70&bolus=0.1&rate=5&rate_unit=mL/h&conc=1&duration_min=240&vial_mg_per_ml=50&container=syringe&container_ml=50");
    assert_close(with.volume_needed_ml.unwrap().0, 27.0);
    assert!(
        with.assumptions
            .iter()
            .any(|a| a.contains("bolus is drawn from the same container")),
        "{:?}",
        with.assumptions
    );
    // No bolus, nothing to state.
    let without = prep("weight=70&rate=5&rate_unit=mL/h&conc=1&duration_min=240&vial_mg_per_ml=50&container=syringe&container_ml=50");
    assert!(!without.assumptions.iter().any(|a| a.contains("bolus")));
}

#[test]
fn the_10_mg_per_ml_warning_and_the_withdraw_first_method_are_the_calculators_choices() {
    // Review 12: no label edition is at hand, so neither is presented as a citation.
    let r = calc("weight=70&conc=1&vial_mg_per_ml=10&container=syringe&container_ml=50");
    let a = r
        .alerts
        .iter()
        .find(|a| a.code == "preparation-10-mg-per-ml-diluted")
        .unwrap();
    assert!(
        !a.message.contains("prescribing information"),
        "{}",
        a.message
    );
    assert!(a.message.contains("conservative practice"), "{}", a.message);
    assert_eq!(
        a.source.document,
        ketamine_engine::sources::Document::CalculatorCheck
    );
    let citation = ketamine_engine::sources::Document::PharmacyPractice.citation();
    assert!(
        !citation.contains("not recommended for dilution"),
        "{citation}"
    );
    assert!(citation.contains("withdrawn first"), "{citation}");
}

#[test]
fn the_double_check_names_ismp_2019_and_westbrook_2021() {
    // Review 11.
    let d = ketamine_engine::double_check::SOURCE.document;
    assert_eq!(d.short_name(), "ISMP 2019; Westbrook et al. 2021");
    assert!(d
        .citation()
        .contains("Independent Double Checks: Worth the Effort if Used Judiciously and Properly"));
    assert!(d.citation().contains("BMJ Qual Saf 2021;30:320-330"));
}
