//! How to prepare the syringe or bag: from a vial strength and a container to the chosen
//! concentration, the volume of ketamine to draw up, the diluent to add (or, for a bag that comes
//! filled with diluent, the volume to withdraw first), the total mg in the container, how long one
//! container lasts at the planned pump rate, and how many the planned duration needs.
//!
//! The clinical sources are silent on all of this: it is pharmacy practice. What the calculator
//! follows, and says it follows (`Document::PharmacyPractice`):
//! - vial strengths of 10, 50 and 100 mg/mL (ketamine base), diluted for infusion in 0.9 % sodium
//!   chloride or 5 % dextrose to a standard concentration (ketamine prescribing information;
//!   ISMP's advice to use standard concentrations), or the strengths an institution profile lists;
//! - a warning when the 10 mg/mL strength is diluted: the calculator's conservative choice (an
//!   infusion made from the 50 or 100 mg/mL vial), not a citation of a label edition;
//! - for a bag prefilled with diluent, the ketamine's volume withdrawn first so that the bag holds
//!   its labelled volume: again the calculator's choice, not a cited method;
//! - volumes rounded once to the graduation of the smallest common syringe that holds them
//!   ([`COMMON_SYRINGES`]: a 1 mL syringe in 0.01 mL, 3 mL in 0.1 mL, 5 and 10 mL in 0.2 mL, 20, 30
//!   and 60 mL in 1 mL; common manufacturers' graduations, the calculator's assumption), and a
//!   warning below 0.1 mL, where a 0.01 mL graduation is already a tenth of the dose; at 0.1 mL
//!   and above the rounding moves the dose by at most 5 % (half a graduation over the least
//!   volume that picks that syringe: 0.005/0.1, 0.05/1, 0.1/3, 0.1/5, 0.5/10, 0.5/20, 0.5/30).
//!   The plan's bolus volume keeps `rounding::measurable_volume`; only the preparation picks a
//!   syringe.
//!
//! USP <797> governs how a sterile preparation is made (aseptic technique, beyond-use dates),
//! not this arithmetic; hang times and beyond-use dates are the institution's, and the
//! calculator does not set them.
//!
//! ```
//! use ketamine_engine::{calculate, Inputs};
//! // 2 mg/mL in a 250 mL bag from the 50 mg/mL vial: 500 mg = 10 mL of ketamine + 240 mL diluent.
//! let r = calculate(&Inputs::from_fragment(
//!     "weight=70&rate=35&rate_unit=mL/h&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=250"));
//! let p = r.preparation.unwrap();
//! assert_eq!((p.ketamine_ml_rounded.0, p.diluent_ml.0, p.total_mg.0), (10.0, 240.0, 500.0));
//! ```

use crate::alerts::{Alert, Level};
use crate::display::{number, precise, quantity};
use crate::inputs::Inputs;
use crate::plan::Plan;
use crate::planning::fields::{parse_decimal, FieldError, NumberField};
use crate::rounding::to_decimals;
use crate::sources::{Document, Source};
use crate::thresholds::Thresholds;
use crate::units::{Mg, MgPerMl, Minutes, Ml};
use serde::Serialize;

/// The vial strengths of ketamine base (prescribing information).
pub const VIAL_STRENGTHS: [MgPerMl; 3] = [MgPerMl(10.0), MgPerMl(50.0), MgPerMl(100.0)];

/// Below this a volume cannot be measured to within a tenth of itself, even in a 1 mL syringe.
pub const SMALLEST_MEASURABLE: Ml = Ml(0.1);

pub const SOURCE: Source = Source::new(
    Document::PharmacyPractice,
    "preparing a ketamine syringe or bag (the clinical sources are silent)",
);
const LABEL_SOURCE: Source = Source::new(
    Document::CalculatorCheck,
    "conservative practice: an infusion from the 50 or 100 mg/mL vial",
);
const ROUNDING_SOURCE: Source = Source::new(
    Document::PharmacyPractice,
    "syringe graduations: 0.01 mL in a 1 mL syringe",
);

/// Common syringe sizes and their usual graduations, in mL (capacity, graduation), smallest first.
/// Manufacturers' common graduations: the sources are silent, so this is the calculator's
/// assumption, and the result asks the clinician to check the syringe they use.
pub const COMMON_SYRINGES: [(Ml, Ml); 7] = [
    (Ml(1.0), Ml(0.01)),
    (Ml(3.0), Ml(0.1)),
    (Ml(5.0), Ml(0.2)),
    (Ml(10.0), Ml(0.2)),
    (Ml(20.0), Ml(1.0)),
    (Ml(30.0), Ml(1.0)),
    (Ml(60.0), Ml(1.0)),
];

const SYRINGE_ASSUMPTION: &str = "Volumes are measured in the smallest common syringe that holds them, to its usual graduation (1 mL syringe: 0.01 mL; 3 mL: 0.1 mL; 5 and 10 mL: 0.2 mL; 20, 30 and 60 mL: 1 mL; more than 60 mL in 60 mL fills). These are common manufacturers' graduations, the calculator's assumption where the sources are silent: check the graduations of the syringe you use.";

/// A volume as measured, as (volume rounded, syringe, graduation): the smallest common syringe
/// that holds it (60 mL, filled more than once, above 60 mL), and the volume rounded to that
/// syringe's graduation, halves up.
pub fn measured_in_syringe(volume: Ml) -> (Ml, Ml, Ml) {
    let (capacity, graduation) = COMMON_SYRINGES
        .into_iter()
        .find(|(capacity, _)| volume.0 <= capacity.0)
        .unwrap_or(COMMON_SYRINGES[COMMON_SYRINGES.len() - 1]);
    // Steps counted on the decimal value (5.1 / 0.2 is 25.499999999999996 in binary), then the
    // product read back to the hundredth, the finest graduation.
    let steps = to_decimals(volume.0 / graduation.0, 0);
    (
        Ml(to_decimals(steps * graduation.0, 2)),
        capacity,
        graduation,
    )
}

fn syringe_words(capacity: Ml, graduation: Ml, volume: Ml) -> String {
    let fills = (volume.0 / capacity.0).ceil();
    if fills > 1.0 {
        format!(
            "in a {} syringe filled {} times ({} graduations)",
            quantity(capacity.0, "mL"),
            number(fills),
            quantity(graduation.0, "mL")
        )
    } else {
        format!(
            "in a {} syringe ({} graduations)",
            quantity(capacity.0, "mL"),
            quantity(graduation.0, "mL")
        )
    }
}

/// What holds the prepared ketamine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    /// An empty syringe: ketamine, then diluent to the volume.
    Syringe,
    /// An empty bag: ketamine and diluent to the volume.
    Bag,
    /// A bag that comes filled with diluent: withdraw the ketamine's volume first, then add it.
    PrefilledBag,
}

impl Container {
    pub const ALL: [Container; 3] = [Container::Syringe, Container::Bag, Container::PrefilledBag];

    pub fn key(self) -> &'static str {
        match self {
            Container::Syringe => "syringe",
            Container::Bag => "bag",
            Container::PrefilledBag => "prefilled_bag",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Container::Syringe => "syringe",
            Container::Bag => "empty bag",
            Container::PrefilledBag => "bag prefilled with diluent",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Container::Syringe => "syringe",
            _ => "bag",
        }
    }

    /// Accepted volumes: syringes of 1 to 60 mL; bags of 10 to 1,000 mL. Whole millilitres, as
    /// containers are sold, so that a rounded draw never exceeds the container.
    fn field(self) -> NumberField {
        let (min, max) = match self {
            Container::Syringe => (1.0, 60.0),
            _ => (10.0, 1000.0),
        };
        NumberField {
            key: "container_ml",
            label: "Container volume",
            unit: "mL",
            min,
            max,
            whole: true,
        }
    }
}

/// The preparation's entries, typed and in range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entries {
    pub vial: MgPerMl,
    pub container: Container,
    pub volume: Ml,
    pub concentration: MgPerMl,
}

/// The vial strengths accepted: the three of the prescribing information and, under an
/// institution profile, every standard concentration it stocks (weakest first). The guideline's
/// own list adds only the 1 and 2 mg/mL of bags and syringes, which are not drawn from.
pub fn vial_strengths(t: &Thresholds) -> Vec<MgPerMl> {
    let stocked = t
        .profile
        .as_ref()
        .map_or(&[][..], |_| &t.standard_concentrations.value[..]);
    let mut all: Vec<MgPerMl> = VIAL_STRENGTHS.iter().chain(stocked).copied().collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

fn strengths_text(list: &[MgPerMl]) -> String {
    let numbers: Vec<String> = list.iter().map(|c| number(c.0)).collect();
    match numbers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last} mg/mL", rest.join(", ")),
        _ => format!("{} mg/mL", numbers.join("")),
    }
}

/// Reads `vial_mg_per_ml`, `container` and `container_ml`. None of them: no preparation. Any of
/// them: all three and the concentration are needed, and each missing one is named.
pub fn entries(
    inputs: &Inputs,
    concentration: Option<MgPerMl>,
    conc_entered: bool,
    t: &Thresholds,
    errors: &mut Vec<FieldError>,
) -> Option<Entries> {
    let keys = ["vial_mg_per_ml", "container", "container_ml"];
    if keys.iter().all(|k| inputs.get(k).is_none()) {
        return None;
    }
    let strengths = vial_strengths(t);
    let choose_vial = format!("choose {}", strengths_text(&strengths));
    let vial = match inputs.get("vial_mg_per_ml") {
        None => {
            errors.push(FieldError {
                field: "vial_mg_per_ml",
                message: format!("Vial strength: required for the preparation; {choose_vial}"),
            });
            None
        }
        Some(text) => match parse_decimal(text) {
            Ok(v) if strengths.iter().any(|s| s.0 == v) => Some(MgPerMl(v)),
            _ => {
                errors.push(FieldError {
                    field: "vial_mg_per_ml",
                    message: format!("Vial strength: {choose_vial}"),
                });
                None
            }
        },
    };
    let container = match inputs.get("container") {
        None => {
            errors.push(FieldError {
                field: "container",
                message:
                    "Container: required for the preparation; choose syringe, bag or prefilled_bag"
                        .into(),
            });
            None
        }
        Some(text) => {
            let found = Container::ALL
                .into_iter()
                .find(|c| c.key().eq_ignore_ascii_case(text));
            if found.is_none() {
                errors.push(FieldError {
                    field: "container",
                    message: "Container: choose syringe, bag or prefilled_bag".into(),
                });
            }
            found
        }
    };
    let volume = match (container, inputs.get("container_ml")) {
        (Some(c), Some(text)) => match c.field().parse(text) {
            Ok(v) => Some(Ml(v)),
            Err(e) => {
                errors.push(e);
                None
            }
        },
        (Some(c), None) => {
            errors.push(FieldError {
                field: "container_ml",
                message: format!(
                    "Container volume: required for the preparation; {}",
                    c.field().range_text()
                ),
            });
            None
        }
        // Without a valid container the accepted volumes are unknown: its own error says why.
        (None, _) => None,
    };
    if concentration.is_none() && !conc_entered {
        errors.push(FieldError {
            field: "conc",
            message: "Concentration: required for the preparation (the concentration to prepare); enter a number from 0.01 to 100 mg/mL".into(),
        });
    }
    let (vial, container, volume, concentration) = (vial?, container?, volume?, concentration?);
    if concentration.0 > vial.0 {
        errors.push(FieldError {
            field: "vial_mg_per_ml",
            message: format!(
                "Vial strength: {} mg/mL is weaker than the {} mg/mL to prepare; {choose_vial}, at least {} mg/mL",
                number(vial.0),
                number(concentration.0),
                number(concentration.0)
            ),
        });
        return None;
    }
    Some(Entries {
        vial,
        container,
        volume,
        concentration,
    })
}

/// The preparation, every figure unrounded beside the rounded one that is drawn up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preparation {
    pub vial_mg_per_ml: MgPerMl,
    pub container: Container,
    pub container_ml: Ml,
    /// The concentration to prepare (`conc`).
    pub concentration_mg_per_ml: MgPerMl,
    /// Ketamine the container should hold: concentration x volume.
    pub total_mg: Mg,
    /// Ketamine to draw up from the vial, unrounded...
    pub ketamine_ml: Ml,
    /// ...and as the syringe measures it: to the graduation of `draw_syringe_ml`.
    pub ketamine_ml_rounded: Ml,
    /// The smallest common syringe that holds the ketamine to draw up (60 mL, filled more than
    /// once, above 60 mL)...
    pub draw_syringe_ml: Ml,
    /// ...and its usual graduation, to which `ketamine_ml_rounded` is rounded.
    pub draw_syringe_graduation_ml: Ml,
    /// Diluent to add (0 for a prefilled bag, which already holds it): the container volume less
    /// the rounded draw-up, rounded the same way as the draw-up (to the graduation of the smallest
    /// common syringe that holds it). The instruction is to add diluent to a total of the
    /// container volume.
    pub diluent_ml: Ml,
    /// For a prefilled bag: diluent to withdraw before the ketamine is added, so that the bag
    /// holds its labelled volume at the intended concentration.
    pub withdraw_ml: Option<Ml>,
    /// Ketamine in the container as drawn up (rounded volume x vial strength)...
    pub total_mg_as_drawn: Mg,
    /// ...and the concentration that gives.
    pub concentration_as_drawn_mg_per_ml: MgPerMl,
    /// How long one container lasts at the pump rate to program; null without an infusion.
    pub container_lasts_min: Option<Minutes>,
    /// Volume the planned duration needs at the pump rate to program, with the bolus when there
    /// is one (both at this concentration); null without a duration.
    pub volume_needed_ml: Option<Ml>,
    /// Containers the planned duration (one infusion day) needs.
    pub containers_needed: Option<u32>,
    /// Containers for every day of a multi-day course (a fresh supply each day).
    pub containers_for_course: Option<u32>,
    /// The arithmetic, line by line, in the clinic's words.
    pub arithmetic: Vec<String>,
    /// What the figures assume.
    pub assumptions: Vec<&'static str>,
    pub source: Source,
}

/// Whole containers for a volume: an exact multiple needs no extra container.
fn containers(needed: Ml, each: Ml) -> u32 {
    let ratio = needed.0 / each.0;
    let whole = ratio.round();
    let n = if (ratio - whole).abs() <= 1e-9 {
        whole
    } else {
        ratio.ceil()
    };
    n.max(1.0) as u32
}

fn hours_and_minutes(minutes: f64) -> String {
    let total = minutes.floor() as u64;
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Computes the preparation for the plan, and its alerts.
pub fn prepare(e: Entries, plan: &Plan) -> (Preparation, Vec<Alert>) {
    let mut alerts = Vec::new();
    let mut arithmetic = Vec::new();
    let c = e.concentration;
    let total_mg = Mg(c.0 * e.volume.0);
    let ketamine_ml = total_mg / e.vial;
    let (drawn, syringe, graduation) = measured_in_syringe(ketamine_ml);
    let noun = e.container.noun();
    arithmetic.push(format!(
        "Ketamine in the {noun}: {} x {} = {}",
        quantity(c.0, "mg/mL"),
        quantity(e.volume.0, "mL"),
        quantity(total_mg.0, "mg")
    ));
    arithmetic.push(format!(
        "Draw up from the {} vial: {} / {} = {}{} {}",
        quantity(e.vial.0, "mg/mL"),
        quantity(total_mg.0, "mg"),
        quantity(e.vial.0, "mg/mL"),
        quantity(ketamine_ml.0, "mL"),
        if drawn.0 != ketamine_ml.0 {
            format!(", measured as {}", quantity(drawn.0, "mL"))
        } else {
            String::new()
        },
        syringe_words(syringe, graduation, drawn)
    ));
    let (diluent, withdraw) = match e.container {
        Container::PrefilledBag => {
            arithmetic.push(format!(
                "Withdraw {} of diluent from the {} bag first, then add the {} of ketamine: {} in all",
                quantity(drawn.0, "mL"),
                quantity(e.volume.0, "mL"),
                quantity(drawn.0, "mL"),
                quantity(e.volume.0, "mL")
            ));
            (Ml(0.0), Some(drawn))
        }
        _ => {
            // Finding 8: the unrounded difference (6.76 mL) is not what a syringe measures; the
            // instruction is the total, the figure rounded like the draw-up.
            let difference = Ml(to_decimals(e.volume.0 - drawn.0, 2));
            let (diluent, _, _) = measured_in_syringe(difference);
            arithmetic.push(format!(
                "Add diluent to a total of {}: {} - {} = {}{}",
                quantity(e.volume.0, "mL"),
                quantity(e.volume.0, "mL"),
                quantity(drawn.0, "mL"),
                quantity(difference.0, "mL"),
                if diluent.0 != difference.0 {
                    format!(", about {}", quantity(diluent.0, "mL"))
                } else {
                    String::new()
                }
            ));
            (diluent, None)
        }
    };
    let as_drawn = Mg(drawn.0 * e.vial.0);
    let conc_as_drawn = MgPerMl(as_drawn.0 / e.volume.0);
    if drawn.0 != ketamine_ml.0 {
        arithmetic.push(format!(
            // Unrounded: the display would show 1.996 mg/mL as the 2 it was meant to be.
            "As measured: {} x {} = {} in {} = {} mg/mL",
            quantity(drawn.0, "mL"),
            quantity(e.vial.0, "mg/mL"),
            quantity(as_drawn.0, "mg"),
            quantity(e.volume.0, "mL"),
            precise(conc_as_drawn.0)
        ));
    }
    if ketamine_ml.0 < SMALLEST_MEASURABLE.0 {
        alerts.push(
            Alert::new(
                Level::Soft,
                "preparation-volume-too-small",
                format!(
                    "Preparation: {} of the {} vial is too small to measure accurately (under {}); use a weaker vial or a larger container.",
                    quantity(ketamine_ml.0, "mL"),
                    quantity(e.vial.0, "mg/mL"),
                    quantity(SMALLEST_MEASURABLE.0, "mL")
                ),
                ROUNDING_SOURCE,
            )
            .on("vial_mg_per_ml"),
        );
    }
    if e.vial.0 == 10.0 && c.0 < e.vial.0 {
        alerts.push(
            Alert::new(
                Level::Soft,
                "preparation-10-mg-per-ml-diluted",
                "Preparation: the calculator's conservative practice is to prepare an infusion from the 50 or 100 mg/mL vial rather than dilute the 10 mg/mL strength; check your institution's practice.",
                LABEL_SOURCE,
            )
            .on("vial_mg_per_ml"),
        );
    }

    // At the rate the pump is programmed with, and at this concentration only. Today this always
    // holds (the plan and the preparation both read `conc`); it is kept as a guard so that a
    // preparation at another concentration could never report how long it lasts from a pump rate
    // worked out for a different one.
    let same_concentration = plan.concentration_mg_per_ml == Some(c);
    let pump = plan
        .rate_ml_per_h_rounded
        .filter(|r| r.0 > 0.0 && same_concentration);
    let lasts = pump.map(|r| Minutes(e.volume.0 / r.0 * 60.0));
    if let (Some(r), Some(m)) = (pump, lasts) {
        arithmetic.push(format!(
            "One {noun} lasts {} / {} = {} h ({})",
            quantity(e.volume.0, "mL"),
            quantity(r.0, "mL/h"),
            number(m.hours()),
            hours_and_minutes(m.0)
        ));
    }
    let bolus = plan
        .bolus_ml_rounded
        .filter(|_| same_concentration)
        .unwrap_or(Ml(0.0));
    let needed = match (pump, plan.duration_min) {
        (Some(r), Some(d)) => Some(Ml(r.0 * d.0 / 60.0 + bolus.0)),
        _ => None,
    };
    let count = needed.map(|n| containers(n, e.volume));
    if let (Some(r), Some(d), Some(n), Some(k)) = (pump, plan.duration_min, needed, count) {
        let with_bolus = if bolus.0 > 0.0 {
            format!(" + bolus {}", quantity(bolus.0, "mL"))
        } else {
            String::new()
        };
        arithmetic.push(format!(
            "Needed: {} x {} h{with_bolus} = {}: {k} {noun}{}",
            quantity(r.0, "mL/h"),
            number(d.hours()),
            quantity(n.0, "mL"),
            if k == 1 { "" } else { "s" }
        ));
    }
    let course = count.filter(|_| plan.days > 1).map(|k| k * plan.days);
    if let Some(all) = course {
        arithmetic.push(format!(
            "Course: {} {noun}s a day x {} days = {all}",
            count.unwrap_or(0),
            plan.days
        ));
    }
    let mut assumptions = vec![
        SYRINGE_ASSUMPTION,
        "Volumes are the labelled volumes: a bag's overfill and the line's priming volume are not counted.",
        "Hang time and beyond-use date are the institution's (USP <797> governs sterile preparation, not this arithmetic).",
    ];
    if bolus.0 > 0.0 && needed.is_some() {
        // Finding 13: the bolus was added to the volume needed without saying so.
        assumptions.push("The bolus is drawn from the same container, so its volume is counted in the volume needed.");
    }
    if plan.days > 1 {
        assumptions.push("Each infusion day starts from a fresh container.");
    }
    (
        Preparation {
            vial_mg_per_ml: e.vial,
            container: e.container,
            container_ml: e.volume,
            concentration_mg_per_ml: c,
            total_mg,
            ketamine_ml,
            ketamine_ml_rounded: drawn,
            draw_syringe_ml: syringe,
            draw_syringe_graduation_ml: graduation,
            diluent_ml: diluent,
            withdraw_ml: withdraw,
            total_mg_as_drawn: as_drawn,
            concentration_as_drawn_mg_per_ml: conc_as_drawn,
            container_lasts_min: lasts,
            volume_needed_ml: needed,
            containers_needed: count,
            containers_for_course: course,
            arithmetic,
            assumptions,
            source: SOURCE,
        },
        alerts,
    )
}

/// The preparation as lines of text for the note and the printout.
pub fn note_lines(p: &Preparation) -> Vec<String> {
    let mut lines = vec![format!(
        "Preparation: {} in a {} {} from the {} vial ({})",
        quantity(p.concentration_mg_per_ml.0, "mg/mL"),
        quantity(p.container_ml.0, "mL"),
        p.container.label(),
        quantity(p.vial_mg_per_ml.0, "mg/mL"),
        p.source
    )];
    lines.extend(p.arithmetic.iter().map(|l| format!("- {l}")));
    lines.extend(p.assumptions.iter().map(|l| format!("- {l}")));
    lines
}
