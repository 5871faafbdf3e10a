//! Tests written to catch the mutants that cargo-mutants found surviving in `preparation` (the
//! draw-up, the diluent, the containers and the preparation's alerts). Each test is named after
//! what the mutant would break and names the mutant in a comment; every figure is worked by hand.

mod common;
use common::*;
use ketamine_engine::preparation::Preparation;
use ketamine_engine::{CalculationResult, Status};

fn ok(fragment: &str) -> (CalculationResult, Preparation) {
    let r = calc(fragment);
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    let p = r.preparation.clone().expect("a preparation");
    (r, p)
}

// ---- The draw-up too small to measure (under 0.1 mL) --------------------------------------------

// Mutants: `preparation.rs` `prepare`, `ketamine_ml.0 < SMALLEST_MEASURABLE.0` with `<` made `==`,
// `>` or `<=`. No test read the alert at all: a draw of 0.09 mL (a 0.01 mL graduation is more
// than a tenth of it) must warn; 0.1 mL itself and 0.11 mL must not.
#[test]
fn a_draw_up_below_a_tenth_of_a_ml_warns_and_a_tenth_or_more_does_not() {
    // Below: 1 mg/mL x 9 mL = 9 mg; 9 / 100 mg/mL = 0.09 mL.
    let (r, p) = ok("weight=70&conc=1&vial_mg_per_ml=100&container=syringe&container_ml=9");
    assert_close(p.ketamine_ml.0, 0.09);
    let alert = r
        .alerts
        .iter()
        .find(|a| a.code == "preparation-volume-too-small")
        .expect("a draw of 0.09 mL is too small to measure");
    assert_eq!(alert.level, ketamine_engine::alerts::Level::Soft);
    assert!(
        alert.message.contains(
            "0.09 mL of the 100 mg/mL vial is too small to measure accurately (under 0.1 mL)"
        ),
        "{}",
        alert.message
    );

    // At: 1 mg/mL x 10 mL = 10 mg; 10 / 100 = 0.1 mL, the least measurable draw.
    let (r, p) = ok("weight=70&conc=1&vial_mg_per_ml=100&container=syringe&container_ml=10");
    assert_eq!(p.ketamine_ml.0, 0.1);
    assert_no_alert(&r, "preparation-volume-too-small");

    // Just above: 11 mg / 100 = 0.11 mL.
    let (r, _) = ok("weight=70&conc=1&vial_mg_per_ml=100&container=syringe&container_ml=11");
    assert_no_alert(&r, "preparation-volume-too-small");

    // Far above: the 250 mL bag of the golden case draws 10 mL.
    let (r, _) = ok("weight=70&conc=2&vial_mg_per_ml=50&container=bag&container_ml=250");
    assert_no_alert(&r, "preparation-volume-too-small");
}

// ---- Containers needed --------------------------------------------------------------------------

// Mutant: `preparation.rs` `containers`, `(ratio - whole).abs() <= 1e-9` with `<=` made `>`: a
// volume that is not a whole number of containers would be rounded to the nearest count, down as
// well as up, and the last hours of the infusion would have no bag.
#[test]
fn a_volume_needed_that_is_not_a_whole_number_of_bags_needs_one_more() {
    // 70 kg at 1 mg/kg/h from 2 mg/mL: 35 mL/h x 4 h = 140 mL; 140 / 100 mL = 1.4: 2 bags.
    let (_, p) = ok(
        "weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=100",
    );
    assert_close(p.volume_needed_ml.unwrap().0, 140.0);
    assert_eq!(p.containers_needed, Some(2));
    // 140 / 50 mL = 2.8: 3 bags (rounded to the nearest would also say 3).
    let (_, p) = ok(
        "weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=50",
    );
    assert_eq!(p.containers_needed, Some(3));
    // 140 / 140 mL = 1 exactly: 1 bag.
    let (_, p) = ok(
        "weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=140",
    );
    assert_eq!(p.containers_needed, Some(1));
}

// Mutants: `preparation.rs` `containers`, `(ratio - whole).abs() <= 1e-9` with `-` made `+` or
// `/` (and `<=` made `>`): a volume that is a whole number of containers, but reached by binary
// arithmetic a hair above it, would need one container more than it does.
#[test]
fn a_volume_needed_of_exactly_one_syringe_reached_by_arithmetic_needs_one_syringe() {
    // 9.3 mL/h x 200 min / 60 = 31 mL (31.000000000000004 in binary); a 31 mL syringe: 1.
    let (_, p) = ok(
        "weight=30&rate=9.3&rate_unit=mL/h&conc=2&duration_min=200&vial_mg_per_ml=50&container=syringe&container_ml=31",
    );
    assert_close(p.volume_needed_ml.unwrap().0, 31.0);
    assert_eq!(p.containers_needed, Some(1));
    // 5.1 mL/h x 400 min / 60 = 34 mL (33.99999999999999, a hair below): a 34 mL container
    // (the field takes any whole mL): 1 as well.
    let (_, p) = ok(
        "weight=30&rate=5.1&rate_unit=mL/h&conc=2&duration_min=400&vial_mg_per_ml=50&container=syringe&container_ml=34",
    );
    assert_eq!(p.containers_needed, Some(1));
    // Twice the duration, 62 mL: two 31 mL syringes.
    let (_, p) = ok(
        "weight=30&rate=9.3&rate_unit=mL/h&conc=2&duration_min=400&vial_mg_per_ml=50&container=syringe&container_ml=31",
    );
    assert_eq!(p.containers_needed, Some(2));
}

// ---- The concentration's errors -----------------------------------------------------------------

// Mutant: `preparation.rs` `entries`, `concentration.is_none() && !conc_entered` with `&&` made
// `||`: an invalid concentration, which has its own error, would get a second one saying it is
// required, as though nothing had been typed.
#[test]
fn an_invalid_concentration_for_a_preparation_is_reported_once() {
    let r = calc("weight=70&conc=abc&vial_mg_per_ml=50&container=bag&container_ml=250");
    assert_eq!(r.status, Status::Invalid);
    let conc: Vec<&str> = r
        .errors
        .iter()
        .filter(|e| e.field == "conc")
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(conc.len(), 1, "{conc:?}");
    assert!(conc[0].contains("not a number"), "{conc:?}");
    // Nothing typed: one error, that it is required for the preparation.
    let r = calc("weight=70&vial_mg_per_ml=50&container=bag&container_ml=250");
    let conc: Vec<&str> = r
        .errors
        .iter()
        .filter(|e| e.field == "conc")
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(conc.len(), 1, "{conc:?}");
    assert!(conc[0].contains("required for the preparation"), "{conc:?}");
}

// ---- The guard: a pump rate read only at the preparation's concentration ------------------------

/// The plan of the golden case: 70 kg at 1 mg/kg/h from 2 mg/mL, 35 mL/h for 4 h, no bolus.
fn golden_plan() -> ketamine_engine::plan::Plan {
    let r = calc("weight=70&rate=1&conc=2&duration_min=240");
    assert_eq!(r.status, Status::Ok, "{:?}", r.errors);
    assert_eq!(r.plan.rate_ml_per_h_rounded.map(|x| x.0), Some(35.0));
    r.plan
}

fn entries(concentration: f64) -> ketamine_engine::preparation::Entries {
    use ketamine_engine::preparation::{Container, Entries};
    use ketamine_engine::units::{MgPerMl, Ml};
    Entries {
        vial: MgPerMl(50.0),
        container: Container::Bag,
        volume: Ml(250.0),
        concentration: MgPerMl(concentration),
    }
}

// Mutant: `preparation.rs` `prepare`, `r.0 > 0.0 && same_concentration` with `&&` made `||`: the
// guard the comment describes. A preparation at another concentration than the plan's would say
// how long a bag lasts, and how many are needed, from a pump rate worked out for the other one.
// (Through `calculate` both always read `conc`; the guard is for any other caller of `prepare`.)
#[test]
fn a_preparation_at_another_concentration_says_nothing_from_the_plans_pump_rate() {
    use ketamine_engine::preparation::prepare;
    let plan = golden_plan();
    // At the plan's 2 mg/mL: 250 mL / 35 mL/h = 7.14 h; 35 x 4 = 140 mL: 1 bag.
    let (same, _) = prepare(entries(2.0), &plan);
    assert_close(same.container_lasts_min.unwrap().0, 250.0 / 35.0 * 60.0);
    assert_eq!(same.containers_needed, Some(1));
    // At 1 mg/mL the pump would run at 70 mL/h, not 35: no figure from the 35.
    let (other, _) = prepare(entries(1.0), &plan);
    assert_eq!(other.container_lasts_min, None);
    assert_eq!(other.volume_needed_ml, None);
    assert_eq!(other.containers_needed, None);
}

// Mutant: `preparation.rs` `prepare`, `r.0 > 0.0` made `>=`: a pump rate of 0 mL/h would make a
// bag last for ever (250 / 0) and one bag enough for any duration. `calculate` never gives a
// rounded pump rate of 0 (a rate that rounds to it is blocked); the guard is for any other caller.
#[test]
fn a_pump_rate_of_zero_gives_no_time_a_container_lasts() {
    use ketamine_engine::preparation::prepare;
    use ketamine_engine::units::MlPerH;
    let mut plan = golden_plan();
    plan.rate_ml_per_h_rounded = Some(MlPerH(0.0));
    let (p, _) = prepare(entries(2.0), &plan);
    assert_eq!(p.container_lasts_min, None);
    assert_eq!(p.volume_needed_ml, None);
    assert_eq!(p.containers_needed, None);
}

// ---- What the figures assume --------------------------------------------------------------------

// Mutant: `preparation.rs` `prepare`, `plan.days > 1` (the assumption of a fresh container each
// day) with `>` made `>=`: a single infusion would be described as a course of days.
#[test]
fn a_single_day_preparation_does_not_speak_of_each_infusion_day() {
    const FRESH: &str = "Each infusion day starts from a fresh container.";
    let base =
        "weight=70&rate=1&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=250";
    // One day (the default, and entered): 35 mL/h x 4 h = 140 mL, 1 bag, no course.
    for days in ["", "&days=1"] {
        let (_, p) = ok(&format!("{base}{days}"));
        assert_eq!(p.containers_for_course, None);
        assert!(!p.assumptions.contains(&FRESH), "{:?}", p.assumptions);
    }
    // Two days: 1 bag a day x 2 days = 2, each day from a fresh bag.
    let (_, p) = ok(&format!("{base}&days=2"));
    assert_eq!(p.containers_for_course, Some(2));
    assert!(p.assumptions.contains(&FRESH), "{:?}", p.assumptions);
}
