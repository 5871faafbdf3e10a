//! Preparing the syringe or bag (issue 13): golden cases from each vial worked by hand, rounding
//! to what a syringe measures, volumes too small to measure, and errors that name the field.

mod common;
use common::*;
use ketamine_engine::alerts::Level;
use ketamine_engine::preparation::{measured_in_syringe, vial_strengths, Container, Preparation};
use ketamine_engine::thresholds::{ProfileInfo, Thresholds};
use ketamine_engine::units::{MgPerMl, Ml};
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
    // 10 mL fits a 10 mL syringe, graduated in 0.2 mL: 50 steps.
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (10.0, 0.2)
    );
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
            "Draw up from the 50 mg/mL vial: 500 mg / 50 mg/mL = 10 mL in a 10 mL syringe (0.2 mL graduations)",
            "Add diluent to a total of 250 mL: 250 mL - 10 mL = 240 mL",
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
    // Review 8: 2 mg/mL x 253 mL = 506 mg; 506 / 50 = 10.12 mL: more than 10 mL, so a 20 mL
    // syringe, graduated in 1 mL: 10 mL (it was 10.1 mL, which a 20 mL syringe cannot measure).
    // As drawn 10 x 50 = 500 mg in 253 mL = 1.9763 mg/mL (500 / 253 = 1.97628); diluent 253 - 10 = 243 mL.
    let p = prep("weight=70&conc=2&vial_mg_per_ml=50&container=bag&container_ml=253");
    assert_close(p.ketamine_ml.0, 10.12);
    assert_eq!(p.ketamine_ml_rounded.0, 10.0);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (20.0, 1.0)
    );
    assert_eq!(p.diluent_ml.0, 243.0);
    assert_close(p.total_mg_as_drawn.0, 500.0);
    assert_close(p.concentration_as_drawn_mg_per_ml.0, 500.0 / 253.0);
    assert!(p.arithmetic.contains(
        &"Draw up from the 50 mg/mL vial: 506 mg / 50 mg/mL = 10.12 mL, measured as 10 mL in a 20 mL syringe (1 mL graduations)"
            .to_string()
    ), "{:?}", p.arithmetic);
    assert!(
        p.arithmetic.contains(
            &"As measured: 10 mL x 50 mg/mL = 500 mg in 253 mL = 1.9763 mg/mL".to_string()
        ),
        "{:?}",
        p.arithmetic
    );
}

#[test]
fn a_draw_under_a_ml_is_measured_to_a_hundredth() {
    // 1 mg/mL x 47 mL = 47 mg; 47 / 50 = 0.94 mL (a 1 mL syringe, 0.01 mL graduations).
    // Diluent 47 - 0.94 = 46.06 mL: a 60 mL syringe measures 46 mL; the words say "to a total".
    let p = prep("weight=70&conc=1&vial_mg_per_ml=50&container=syringe&container_ml=47");
    assert_eq!(p.ketamine_ml_rounded.0, 0.94);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (1.0, 0.01)
    );
    assert_eq!(p.diluent_ml.0, 46.0);
    assert!(
        p.arithmetic.contains(
            &"Add diluent to a total of 47 mL: 47 mL - 0.94 mL = 46.06 mL, about 46 mL".to_string()
        ),
        "{:?}",
        p.arithmetic
    );
}

// ---- Review 8: the syringe that measures the draw-up ------------------------------------------

#[test]
fn golden_draws_by_hand_pick_the_smallest_syringe_that_holds_them() {
    // 1.7 mg/mL x 7 mL = 11.9 mg / 10 mg/mL = 1.19 mL: a 3 mL syringe, 0.1 mL: 1.2 mL.
    // Diluent: to a total of 7 mL, 7 - 1.2 = 5.8 mL (a 10 mL syringe, 0.2 mL: 5.8 mL).
    let p = prep("weight=70&conc=1.7&vial_mg_per_ml=10&container=syringe&container_ml=7");
    assert_close(p.ketamine_ml.0, 1.19);
    assert_eq!(p.ketamine_ml_rounded.0, 1.2);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (3.0, 0.1)
    );
    assert_eq!(p.diluent_ml.0, 5.8);
    assert_close(p.total_mg_as_drawn.0, 12.0);
    assert!(
        p.arithmetic
            .contains(&"Add diluent to a total of 7 mL: 7 mL - 1.2 mL = 5.8 mL".to_string()),
        "{:?}",
        p.arithmetic
    );
    assert!(!p
        .arithmetic
        .iter()
        .any(|l| l.contains("6.81") || l.contains("Diluent to add")));
    // 4 mg/mL x 60 mL = 240 mg / 10 mg/mL = 24 mL: a 30 mL syringe, 1 mL graduations: 24 mL.
    let p = prep("weight=70&conc=4&vial_mg_per_ml=10&container=syringe&container_ml=60");
    assert_eq!(p.ketamine_ml_rounded.0, 24.0);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (30.0, 1.0)
    );
    // 1.19 mg/mL x 20 mL = 23.8 mg / 100 mg/mL = 0.238 mL: a 1 mL syringe, 0.01 mL: 0.24 mL.
    let p = prep("weight=70&conc=1.19&vial_mg_per_ml=100&container=syringe&container_ml=20");
    assert_close(p.ketamine_ml.0, 0.238);
    assert_eq!(p.ketamine_ml_rounded.0, 0.24);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (1.0, 0.01)
    );
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.contains("check the graduations of the syringe you use")));
}

#[test]
fn regression_the_diluent_was_an_unmeasurable_6_76_ml() {
    // Review 8: 1.7 mg/mL x 7 mL = 11.9 mg / 50 mg/mL = 0.238 mL, a 1 mL syringe: 0.24 mL.
    // It said "Diluent to add: 6.76 mL"; now to a total of 7 mL, about 6.8 mL (a 10 mL
    // syringe, 0.2 mL: 33.8 steps, 34).
    let p = prep("weight=70&conc=1.7&vial_mg_per_ml=50&container=syringe&container_ml=7");
    assert_eq!(p.ketamine_ml_rounded.0, 0.24);
    assert_eq!(p.diluent_ml.0, 6.8);
    assert!(
        p.arithmetic.contains(
            &"Add diluent to a total of 7 mL: 7 mL - 0.24 mL = 6.76 mL, about 6.8 mL".to_string()
        ),
        "{:?}",
        p.arithmetic
    );
}

#[test]
fn each_syringe_size_boundary_below_at_and_above() {
    // (volume, syringe, graduation, measured), each worked by hand: halves round up.
    let rows: [(f64, f64, f64, f64); 20] = [
        (0.994, 1.0, 0.01, 0.99),
        (1.0, 1.0, 0.01, 1.0),
        (1.006, 3.0, 0.1, 1.0),
        (2.96, 3.0, 0.1, 3.0),
        (3.0, 3.0, 0.1, 3.0),
        (3.05, 5.0, 0.2, 3.0), // 15.25 steps of 0.2
        (4.95, 5.0, 0.2, 5.0), // 24.75 steps
        (5.0, 5.0, 0.2, 5.0),
        (5.1, 10.0, 0.2, 5.2),  // 25.5 steps (25.499999999999996 in binary)
        (9.85, 10.0, 0.2, 9.8), // 49.25 steps
        (9.9, 10.0, 0.2, 10.0), // 49.5 steps
        (10.0, 10.0, 0.2, 10.0),
        (10.05, 20.0, 1.0, 10.0),
        (19.6, 20.0, 1.0, 20.0),
        (20.0, 20.0, 1.0, 20.0),
        (20.4, 30.0, 1.0, 20.0),
        (20.5, 30.0, 1.0, 21.0),
        (30.5, 60.0, 1.0, 31.0),
        (60.0, 60.0, 1.0, 60.0),
        (60.4, 60.0, 1.0, 60.0),
    ];
    for (volume, syringe, graduation, measured) in rows {
        let (m, s, g) = measured_in_syringe(Ml(volume));
        assert_eq!(
            (s.0, g.0, m.0),
            (syringe, graduation, measured),
            "{volume} mL"
        );
    }
}

#[test]
fn the_syringe_rounding_moves_a_measurable_draw_by_at_most_5_percent() {
    // From 0.1 mL (the too-small limit) to 60 mL in steps of 0.001 mL.
    for i in 100..=60_000 {
        let v = i as f64 / 1000.0;
        let (m, _, _) = measured_in_syringe(Ml(v));
        assert!(
            (m.0 - v).abs() / v <= 0.05 + 1e-9,
            "{v} mL measured as {} mL",
            m.0
        );
    }
}

#[test]
fn a_draw_over_60_ml_is_measured_in_60_ml_fills() {
    // 2 mg/mL x 1,000 mL = 2,000 mg / 10 mg/mL = 200 mL: a 60 mL syringe filled 4 times.
    let p = prep("weight=70&conc=2&vial_mg_per_ml=10&container=bag&container_ml=1000");
    assert_eq!(p.ketamine_ml_rounded.0, 200.0);
    assert_eq!(
        (p.draw_syringe_ml.0, p.draw_syringe_graduation_ml.0),
        (60.0, 1.0)
    );
    assert!(p.arithmetic.contains(
        &"Draw up from the 10 mg/mL vial: 2,000 mg / 10 mg/mL = 200 mL in a 60 mL syringe filled 4 times (1 mL graduations)".to_string()
    ), "{:?}", p.arithmetic);
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
    assert!(note.contains("- Add diluent to a total of 250 mL: 250 mL - 10 mL = 240 mL"));
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
