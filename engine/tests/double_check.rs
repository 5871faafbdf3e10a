//! The independent double check (issue 13): two entries of the same order compared field by field.
//! A match, a difference in each entry field and in each result, what counts as the same (the pump
//! setting after rounding, a dose per kg within what the display hides), and the check link.

mod common;
use ketamine_engine::double_check::{
    calculate_check, calculate_frozen_check, check_fragment, compare, first_entry, note_lines,
    same_on_display, same_setting, second_entry_complete, Comparison, Verdict,
};
use ketamine_engine::thresholds::Thresholds;
use ketamine_engine::{calculate, Inputs};

const ORDER: &str = "weight=70&route=iv&bolus=0.2&rate=0.5&conc=1&duration_min=150";

fn check(first: &str, second: &str) -> Comparison {
    let (a, b) = (Inputs::from_fragment(first), Inputs::from_fragment(second));
    compare(&a, &calculate(&a), &b, &calculate(&b))
}

fn differing(rows: &[ketamine_engine::double_check::Row]) -> Vec<&'static str> {
    rows.iter().filter(|r| !r.same).map(|r| r.key).collect()
}

#[test]
fn the_same_order_entered_twice_is_a_match() {
    let c = check(
        ORDER,
        "weight=70.0&bolus=0.20&rate=0.50&conc=1&duration_min=150&route=IV",
    );
    assert_eq!(c.verdict, Verdict::Match, "{c:#?}");
    assert!(c.matches);
    assert_eq!(c.summary, "Match: both entries and every result agree.");
    assert!(c.entries.iter().all(|r| r.same) && c.results.iter().all(|r| r.same));
    // The figures are shown side by side.
    let pump = c
        .results
        .iter()
        .find(|r| r.key == "plan.rate_ml_per_h_rounded")
        .unwrap();
    assert_eq!(
        (pump.first.as_str(), pump.second.as_str()),
        ("35 mL/h", "35 mL/h")
    );
}

#[test]
fn a_difference_in_each_entry_is_listed() {
    // (the second entry, the entry rows that differ, the result rows that differ)
    let cases: &[(&str, &[&str], &[&str])] = &[
        // Weight: 72 kg: 14.4 mg bolus, 36 mg/h, 36 mL/h.
        (
            "weight=72&bolus=0.2&rate=0.5&conc=1&duration_min=150",
            &["weight"],
            &["dosing_weight_kg", "plan.bolus_mg", "plan.bolus_ml_rounded", "plan.rate_mg_per_h", "plan.rate_ml_per_h_rounded", "plan.total_mg"],
        ),
        // Weight unit: 70 lb is 31.75 kg.
        (
            "weight=70&weight_unit=lb&bolus=0.2&rate=0.5&conc=1&duration_min=150",
            &["weight"],
            &["dosing_weight_kg", "plan.bolus_mg", "plan.bolus_ml_rounded", "plan.rate_mg_per_h", "plan.rate_ml_per_h_rounded", "plan.total_mg"],
        ),
        // Dosing weight basis: ideal (61.5 kg at 165.1 cm = 65 in, male) against actual 70 kg:
        // 12.3 mg bolus, 30.75 mg/h, 30.8 mL/h.
        (
            "weight=70&height=165.1&sex=male&dosing_weight=ideal&bolus=0.2&rate=0.5&conc=1&duration_min=150",
            &["dosing_weight", "height", "sex"],
            &["dosing_weight_kg", "plan.bolus_mg", "plan.bolus_ml_rounded", "plan.rate_mg_per_h", "plan.rate_ml_per_h_rounded", "plan.total_mg"],
        ),
        // Concentration: 2 mg/mL halves the volumes.
        (
            "weight=70&bolus=0.2&rate=0.5&conc=2&duration_min=150",
            &["conc"],
            &["plan.bolus_ml_rounded", "plan.rate_ml_per_h_rounded"],
        ),
        // Rate: 0.6 mg/kg/h.
        (
            "weight=70&bolus=0.2&rate=0.6&conc=1&duration_min=150",
            &["rate"],
            &["plan.rate_mg_per_kg_per_h", "plan.rate_mg_per_h", "plan.rate_ml_per_h_rounded", "plan.total_mg", "plan.total_mg_per_kg"],
        ),
        // Rate unit: 0.5 mg/h instead of mg/kg/h.
        (
            "weight=70&bolus=0.2&rate=0.5&rate_unit=mg/h&conc=1&duration_min=150",
            &["rate"],
            &["plan.rate_mg_per_kg_per_h", "plan.rate_mg_per_h", "plan.rate_ml_per_h_rounded", "plan.total_mg", "plan.total_mg_per_kg"],
        ),
        // Bolus: 0.3 mg/kg.
        (
            "weight=70&bolus=0.3&rate=0.5&conc=1&duration_min=150",
            &["bolus"],
            &["plan.bolus_mg_per_kg", "plan.bolus_mg", "plan.bolus_ml_rounded", "plan.total_mg", "plan.total_mg_per_kg"],
        ),
        // Bolus unit: 0.2 mg instead of 0.2 mg/kg.
        (
            "weight=70&bolus=0.2&bolus_unit=mg&rate=0.5&conc=1&duration_min=150",
            &["bolus"],
            &["plan.bolus_mg_per_kg", "plan.bolus_mg", "plan.bolus_ml_rounded", "plan.total_mg", "plan.total_mg_per_kg"],
        ),
        // Duration: 180 min.
        (
            "weight=70&bolus=0.2&rate=0.5&conc=1&duration_min=180",
            &["duration_min"],
            &["plan.duration_min", "plan.total_mg", "plan.total_mg_per_kg"],
        ),
    ];
    for (second, entries, results) in cases {
        let c = check(ORDER, second);
        assert_eq!(differing(&c.entries), *entries, "entries for {second}");
        assert_eq!(differing(&c.results), *results, "results for {second}");
        let expected = if results.is_empty() {
            Verdict::ResultsMatchEntriesDiffer
        } else {
            Verdict::Mismatch
        };
        assert_eq!(c.verdict, expected, "{second}: {}", c.summary);
        assert!(!c.matches);
    }
}

#[test]
fn the_rows_show_both_entries_side_by_side() {
    let c = check(
        ORDER,
        "weight=70&weight_unit=lb&bolus=0.2&rate=0.5&conc=1&duration_min=150",
    );
    let weight = c.entries.iter().find(|r| r.key == "weight").unwrap();
    assert_eq!(
        (weight.first.as_str(), weight.second.as_str()),
        ("70 kg", "70 lb")
    );
    let dosing = c
        .results
        .iter()
        .find(|r| r.key == "dosing_weight_kg")
        .unwrap();
    // 70 lb x 0.45359237 = 31.7515 kg: the figures differ, so both are shown unrounded.
    assert_eq!(
        (dosing.first.as_str(), dosing.second.as_str()),
        ("70 kg", "31.7515 kg")
    );
    assert!(
        c.summary
            .starts_with("Mismatch: the results differ in Dosing weight, Bolus"),
        "{}",
        c.summary
    );
}

#[test]
fn a_different_tier_is_a_difference() {
    // 70 kg at 1 mg/mL: 69.9 mL/h is 0.9986 mg/kg/h (standard), 70 mL/h is 1 mg/kg/h (high-dose).
    let c = check(
        "weight=70&rate=69.9&rate_unit=mL/h&conc=1",
        "weight=70&rate=70&rate_unit=mL/h&conc=1",
    );
    assert!(differing(&c.results).contains(&"monitoring_tier"));
    let tier = c
        .results
        .iter()
        .find(|r| r.key == "monitoring_tier")
        .unwrap();
    assert_ne!(tier.first, tier.second);
}

#[test]
fn the_same_pump_setting_after_rounding_counts_as_the_same() {
    // 35 and 35.004 mL/h at 1 mg/mL, 70 kg: both program 35 mL/h; 35 and 35.004 mg/h, 0.5 and
    // 0.50006 mg/kg/h differ by less than half of the last digit shown: the results match, the
    // entries do not.
    let c = check(
        "weight=70&rate=35&rate_unit=mL/h&conc=1",
        "weight=70&rate=35.004&rate_unit=mL/h&conc=1",
    );
    assert_eq!(c.verdict, Verdict::ResultsMatchEntriesDiffer, "{c:#?}");
    assert_eq!(differing(&c.entries), ["rate"]);
    // 35.04 mL/h still programs 35, but 0.50057 mg/kg/h is a digit the display shows (0.501).
    let c = check(
        "weight=70&rate=35&rate_unit=mL/h&conc=1",
        "weight=70&rate=35.04&rate_unit=mL/h&conc=1",
    );
    assert_eq!(c.verdict, Verdict::Mismatch);
    assert_eq!(
        differing(&c.results),
        ["plan.rate_mg_per_kg_per_h", "plan.rate_mg_per_h"]
    );
    // Regression (review 9): wherever the raw figures differ, both are shown unrounded, so a
    // 0.0006 difference is not shown as a whole digit (0.5 against 0.501).
    let row = |key: &str| {
        let r = c.results.iter().find(|r| r.key == key).unwrap();
        (r.first.clone(), r.second.clone())
    };
    assert_eq!(
        row("plan.rate_mg_per_kg_per_h"),
        ("0.5 mg/kg/h".into(), "0.5006 mg/kg/h".into())
    );
    assert_eq!(
        row("plan.rate_mg_per_h"),
        ("35 mg/h".into(), "35.04 mg/h".into())
    );
    // Equal figures stay as the display shows them.
    assert_eq!(row("dosing_weight_kg"), ("70 kg".into(), "70 kg".into()));
}

#[test]
fn what_counts_as_the_same() {
    // Within half of the last digit shown: 0.001 below 1, 0.01 below 100, 0.1 from 100.
    assert!(same_on_display(0.5, 0.5005));
    assert!(!same_on_display(0.5, 0.5006));
    assert!(same_on_display(35.0, 35.005));
    assert!(!same_on_display(35.0, 35.006));
    assert!(same_on_display(280.0, 280.05));
    assert!(!same_on_display(280.0, 280.06));
    // Settings are compared as rounded: 35 and 35.0 are one setting, 35 and 35.1 two.
    assert!(same_setting(35.0, 35.0));
    assert!(!same_setting(35.0, 35.1));
    assert!(same_setting(0.1 + 0.2, 0.3));
}

#[test]
fn an_incomplete_second_entry_is_not_compared() {
    let c = check(ORDER, "bolus=0.2&rate=0.5&conc=1&duration_min=150");
    assert_eq!(c.verdict, Verdict::Incomplete);
    assert_eq!(
        c.summary,
        "No comparison yet: the second entry has no result (an input is missing or invalid, or a hard limit blocks it)."
    );
    let c = check(
        ORDER,
        "weight=70&bolus=0.9&rate=0.5&conc=1&duration_min=150",
    );
    assert_eq!(c.verdict, Verdict::Incomplete, "a blocked second entry");
}

#[test]
fn calculate_check_puts_the_comparison_in_the_second_result() {
    let first = Inputs::from_fragment(ORDER);
    let second =
        Inputs::from_fragment("weight=70&bolus=0.2&rate=35&rate_unit=mL/h&conc=1&duration_min=150");
    let r = calculate_check(&first, &second, &Thresholds::guideline());
    let c = r.double_check.as_ref().unwrap();
    assert_eq!(c.verdict, Verdict::ResultsMatchEntriesDiffer);
    assert!(calculate(&second).double_check.is_none());
    let note = ketamine_engine::note::clinical_note(&r, &[], "2026-11-27 20:00");
    assert!(
        note.contains(
            "Independent double check: The results match, but the entries differ in Infusion rate"
        ),
        "{note}"
    );
    assert!(
        note.contains("- Infusion rate: 0.5 mg/kg/h | 35 mL/h (DIFFERENT)"),
        "{note}"
    );
    assert!(
        note.contains("- Pump rate: 35 mL/h | 35 mL/h (same)"),
        "{note}"
    );
    assert_eq!(
        note_lines(c)[0],
        format!("Independent double check: {}", c.summary)
    );
}

// ---- The check link ------------------------------------------------------------------------

#[test]
fn a_check_link_carries_the_first_entry_but_does_not_fill_the_form() {
    let first = Inputs::from_fragment(&format!(
        "{ORDER}&embed=1&parent_origin=https://x.example&profile=/p.json"
    ));
    let link = check_fragment(&first);
    assert!(link.starts_with("profile=%2Fp.json&check="), "{link}");
    // The ordinary reading of the link (the form) sees no entry: the second clinician starts blank.
    let form = Inputs::from_fragment(&link);
    assert_eq!(form.weight, None);
    assert_eq!(form.rate, None);
    assert_eq!(form.profile.as_deref(), Some("/p.json"));
    // The check reads it back exactly, without the frame keys.
    let carried = first_entry(&link).unwrap().unwrap();
    assert_eq!(carried, Inputs::from_fragment(ORDER));
    assert_eq!(first_entry(&format!("#{link}")).unwrap().unwrap(), carried);
}

#[test]
fn a_link_without_a_check_is_not_a_check_and_a_broken_one_says_so() {
    assert!(first_entry(ORDER).is_none());
    let empty = first_entry("check=").unwrap().unwrap_err();
    assert_eq!(empty.field, "check");
    assert!(
        empty
            .message
            .starts_with("Check link: it carries no first entry"),
        "{}",
        empty.message
    );
    let long = format!("check={}", "weight%3D70%26".repeat(500));
    assert_eq!(
        first_entry(&long).unwrap().unwrap_err().message,
        "Check link: too long; ask the first clinician for a new check link"
    );
}

// ---- Pharmacist review (issue 13 follow-up) ------------------------------------------------

/// Regression: a weight alone gave a result, so the first entry's plan could be compared against
/// "not entered". Complete means a plan, and every duration and concentration the first has.
#[test]
fn a_weight_alone_is_not_a_complete_second_entry() {
    let first = Inputs::from_fragment(ORDER);
    let complete = |second: &str| {
        let b = Inputs::from_fragment(second);
        second_entry_complete(&first, &b, &calculate(&b))
    };
    assert!(!complete("weight=70"));
    assert!(!complete("weight=70&conc=1&duration_min=150"), "no plan");
    assert!(!complete("weight=70&rate=0.5&conc=1"), "no duration");
    assert!(
        !complete("weight=70&rate=0.5&duration_min=150"),
        "no concentration"
    );
    assert!(
        !complete("rate=0.5&conc=1&duration_min=150"),
        "no result without a weight"
    );
    assert!(complete("weight=70&rate=0.5&conc=1&duration_min=150"));
    assert!(
        complete("weight=70&bolus=0.2&conc=1&duration_min=150"),
        "a bolus is a plan"
    );
    // What the first entry lacks, the second need not have.
    let bare = Inputs::from_fragment("weight=70&rate=0.5");
    let b = Inputs::from_fragment("weight=70&rate=0.5");
    assert!(second_entry_complete(&bare, &b, &calculate(&b)));
    // And the comparison itself says so.
    let c = check(ORDER, "weight=70");
    assert_eq!(c.verdict, Verdict::Incomplete, "{c:#?}");
    assert!(
        c.summary.contains("the second entry is not complete"),
        "{}",
        c.summary
    );
}

/// Regression: the verdict followed live edits of the second entry after Compare, so it could be
/// edited until it said Match. The comparison is of the copy frozen at Compare.
#[test]
fn an_edit_after_comparison_is_marked_and_never_a_match() {
    let t = Thresholds::guideline();
    let first = Inputs::from_fragment(ORDER);
    let frozen = Inputs::from_fragment("weight=72&bolus=0.2&rate=0.5&conc=1&duration_min=150");
    let frozen_result = calculate(&frozen);
    // Unchanged: the comparison of the frozen copy, not marked.
    let r = calculate_frozen_check(&first, &frozen, &frozen_result, &frozen, &t);
    let c = r.double_check.unwrap();
    assert_eq!(c.verdict, Verdict::Mismatch);
    assert!(!c.edited_after_comparison);
    // Edited to match the first entry: still the frozen copy's mismatch, marked edited.
    let r = calculate_frozen_check(&first, &frozen, &frozen_result, &first, &t);
    let c = r.double_check.unwrap();
    assert_eq!(c.verdict, Verdict::Mismatch, "{c:#?}");
    assert!(c.edited_after_comparison && !c.matches);
    assert!(
        c.summary.starts_with("Edited after comparison"),
        "{}",
        c.summary
    );
    assert!(note_lines(&c)[0].contains("Edited after comparison"));
    assert!(c
        .entries
        .iter()
        .any(|row| row.key == "weight" && row.second == "72 kg"));
    // The result itself is the form's as it now is.
    assert_eq!(r.dosing_weight_kg, Some(70.0));
    // A match edited afterwards is no longer a match.
    let r = calculate_frozen_check(&first, &first, &calculate(&first), &frozen, &t);
    let c = r.double_check.unwrap();
    assert_eq!(c.verdict, Verdict::Match);
    assert!(!c.matches && c.edited_after_comparison);
}

/// Regression: the check link carried the first entry URL-encoded, readable at a glance.
#[test]
fn a_check_link_does_not_show_the_first_entry_at_a_glance() {
    let link = check_fragment(&Inputs::from_fragment(ORDER));
    assert!(!link.contains("weight") && !link.contains("70"), "{link}");
    assert!(
        !link.contains('=') || link.matches('=').count() == 1,
        "no padding: {link}"
    );
    // base64url of the fragment, without padding.
    let fragment = Inputs::from_fragment(ORDER).to_fragment();
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&fragment);
    assert_eq!(link, format!("check={encoded}"));
    // Strict decoding: padding, a stray character, a plain fragment: each an error that says so.
    for bad in [
        format!("check={encoded}=="),
        format!("check={encoded}*"),
        "check=weight%3D70%26rate%3D0.5".to_string(),
    ] {
        let e = first_entry(&bad).unwrap().unwrap_err();
        assert_eq!(e.field, "check");
        assert!(
            e.message.contains("does not decode"),
            "{bad}: {}",
            e.message
        );
    }
}

/// Regression: IV against subcut was "results match, entries differ": a different route is a
/// different order.
#[test]
fn a_different_route_is_a_mismatch() {
    let c = check(
        ORDER,
        "weight=70&route=subcut&bolus=0.2&rate=0.5&conc=1&duration_min=150",
    );
    assert_eq!(c.verdict, Verdict::Mismatch, "{c:#?}");
    assert_eq!(differing(&c.entries), ["route"]);
    assert!(c.summary.contains("the route differs"), "{}", c.summary);
}

/// Regression: the preparation and the care area were never compared, so two different bags (or
/// two different sets of limits) could read "match".
#[test]
fn a_difference_in_the_preparation_or_the_care_area_is_listed() {
    // 70 kg, 0.5 mg/kg/h at 1 mg/mL for 150 min: 35 mL/h, 87.5 mL.
    let base = "weight=70&rate=0.5&conc=1&duration_min=150";
    let prep = |p: &str| format!("{base}&{p}");
    let first = prep("vial_mg_per_ml=50&container=bag&container_ml=100");
    let c = check(&first, &first);
    assert_eq!(c.verdict, Verdict::Match, "{c:#?}");
    let keys: Vec<_> = c.results.iter().map(|r| r.key).collect();
    for key in [
        "preparation.ketamine_ml_rounded",
        "preparation.diluent_ml",
        "preparation.containers_needed",
    ] {
        assert!(keys.contains(&key), "{key} not compared: {keys:?}");
    }
    // (the second entry, the entry rows that differ, the result rows that differ, verdict)
    let cases: &[(&str, &[&str], &[&str], Verdict)] = &[
        // Vial 10 mg/mL: 10 mL to draw up instead of 2 mL, 90 mL of diluent instead of 98.
        (
            "vial_mg_per_ml=10&container=bag&container_ml=100",
            &["vial_mg_per_ml"],
            &["preparation.ketamine_ml_rounded", "preparation.diluent_ml"],
            Verdict::Mismatch,
        ),
        // Container: a bag prefilled with diluent: withdraw 2 mL first, add none.
        (
            "vial_mg_per_ml=50&container=prefilled_bag&container_ml=100",
            &["container"],
            &["preparation.diluent_ml", "preparation.withdraw_ml"],
            Verdict::Mismatch,
        ),
        // Container volume 50 mL: 1 mL to draw up, 49 mL of diluent, 2 bags for 87.5 mL.
        (
            "vial_mg_per_ml=50&container=bag&container_ml=50",
            &["container_ml"],
            &[
                "preparation.ketamine_ml_rounded",
                "preparation.diluent_ml",
                "preparation.containers_needed",
            ],
            Verdict::Mismatch,
        ),
        // Care area: the same figures under other limits: at least "entries differ".
        (
            "vial_mg_per_ml=50&container=bag&container_ml=100&care_area=icu",
            &["care_area"],
            &[],
            Verdict::ResultsMatchEntriesDiffer,
        ),
    ];
    for (second, entries, results, verdict) in cases {
        let c = check(&first, &prep(second));
        assert_eq!(differing(&c.entries), *entries, "{second}: {c:#?}");
        let mut got = differing(&c.results);
        got.retain(|k| k.starts_with("preparation."));
        assert_eq!(got, *results, "{second}: {c:#?}");
        assert_eq!(c.verdict, *verdict, "{second}: {}", c.summary);
    }
    // A preparation in one entry only is a difference.
    let c = check(&first, base);
    assert_eq!(
        differing(&c.entries),
        ["vial_mg_per_ml", "container", "container_ml"]
    );
    assert_eq!(c.verdict, Verdict::Mismatch);
    let draw = c
        .results
        .iter()
        .find(|r| r.key == "preparation.containers_needed")
        .unwrap();
    assert_eq!((draw.first.as_str(), draw.second.as_str()), ("1", "none"));
}
