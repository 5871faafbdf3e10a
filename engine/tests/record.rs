//! The patient's record (SMART on FHIR, issue 14): weight, height, age and sex from FHIR JSON,
//! each golden figure worked by hand, each limit from both sides, and hostile answers refused with
//! a reason, never a guess.

use ketamine_engine::record::date::Date;
use ketamine_engine::record::{self, FromRecord, Limits};
use serde_json::{json, Value};

const TODAY: &str = "2026-11-27";

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

fn obs(loinc: &str, value: Value, code: Option<&str>, unit: Option<&str>, date: &str) -> Value {
    let mut q = json!({ "value": value, "system": "http://unitsofmeasure.org" });
    if let Some(c) = code {
        q["code"] = json!(c);
    }
    if let Some(u) = unit {
        q["unit"] = json!(u);
    }
    json!({
        "resourceType": "Observation", "status": "final",
        "code": { "coding": [{ "system": "http://loinc.org", "code": loinc }] },
        "subject": { "reference": "Patient/p1" },
        "effectiveDateTime": date,
        "valueQuantity": q
    })
}

fn weight_obs(value: Value, code: &str, date: &str) -> Value {
    obs("29463-7", value, Some(code), None, date)
}

fn height_obs(value: Value, code: &str, date: &str) -> Value {
    obs("8302-2", value, Some(code), None, date)
}

fn bundle(entries: &[Value]) -> String {
    let entry: Vec<Value> = entries.iter().map(|r| json!({ "resource": r })).collect();
    json!({ "resourceType": "Bundle", "type": "searchset", "entry": entry }).to_string()
}

fn weight(entries: &[Value]) -> FromRecord {
    record::weight(&bundle(entries), "p1", today(), &Limits::default())
}

fn height(entries: &[Value]) -> FromRecord {
    record::height(&bundle(entries), "p1", today(), &Limits::default())
}

#[track_caller]
fn refused(field: &FromRecord, says: &str) {
    assert_eq!(field.value(), None, "filled: {field:?}");
    assert!(
        field.line().contains(says),
        "{:?} does not say {says:?}",
        field.line()
    );
}

// ---- Golden conversions, worked by hand ----

#[test]
fn pounds_181_7_are_82_4_kg() {
    // 181.7 lb x 0.45359237 kg/lb = 82.4177... kg, to 0.1 kg: 82.4.
    let w = weight(&[weight_obs(json!(181.7), "[lb_av]", "2026-11-20")]);
    assert_eq!(w.value(), Some("82.4"));
    assert_eq!(
        w.line(),
        "From the record: 181.7 lb (82.4 kg), measured 2026-11-20"
    );
    assert!(!w.old());
}

#[test]
fn kilograms_20_09414_are_filled_as_20_1_kg_with_the_record_s_figure_beside() {
    // The US Core example weight: 20.09414 kg to 0.1 kg is 20.1 (the hundredths, 9, round up).
    let w = weight(&[weight_obs(json!(20.09414), "kg", "2026-11-20")]);
    assert_eq!(w.value(), Some("20.1"));
    assert_eq!(
        w.line(),
        "From the record: 20.09414 kg (20.1 kg), measured 2026-11-20"
    );
}

#[test]
fn kilograms_82_4_are_filled_as_written() {
    let w = weight(&[weight_obs(json!(82.4), "kg", "2026-11-20")]);
    assert_eq!(w.value(), Some("82.4"));
    assert_eq!(w.line(), "From the record: 82.4 kg, measured 2026-11-20");
    assert_eq!(
        w.changed_by_hand().unwrap(),
        "Changed by hand; the record gave 82.4 kg"
    );
}

#[test]
fn grams_82400_are_82_4_kg() {
    // 82400 g / 1000 = 82.4 kg.
    let w = weight(&[weight_obs(json!(82400), "g", "2026-11-20")]);
    assert_eq!(w.value(), Some("82.4"));
    assert_eq!(
        w.line(),
        "From the record: 82400 g (82.4 kg), measured 2026-11-20"
    );
}

#[test]
fn inches_70_5_are_179_cm() {
    // 70.5 in x 2.54 cm/in = 179.07 cm, to 1 cm: 179.
    let h = height(&[height_obs(json!(70.5), "[in_i]", "2026-06-01")]);
    assert_eq!(h.value(), Some("179"));
    assert_eq!(
        h.line(),
        "From the record: 70.5 in (179 cm), measured 2026-06-01"
    );
}

#[test]
fn centimetres_are_rounded_to_a_whole_centimetre() {
    let h = height(&[height_obs(json!(178), "cm", "2026-06-01")]);
    assert_eq!(
        (h.value(), h.line()),
        (Some("178"), "From the record: 178 cm, measured 2026-06-01")
    );
    // 178.5 cm rounds half up to 179.
    assert_eq!(
        height(&[height_obs(json!(178.5), "cm", "2026-06-01")]).value(),
        Some("179")
    );
}

// ---- Which entry, which date ----

#[test]
fn the_newest_weight_is_taken_whatever_the_order() {
    let old_lb = weight_obs(json!(181.7), "[lb_av]", "2025-10-28");
    let recent = weight_obs(json!(82.4), "kg", "2026-11-20");
    assert_eq!(
        weight(&[old_lb.clone(), recent.clone()]).value(),
        Some("82.4")
    );
    assert_eq!(weight(&[recent, old_lb]).value(), Some("82.4"));
}

#[track_caller]
fn same_in_both_orders(entries: &[Value]) -> FromRecord {
    let mut reversed = entries.to_vec();
    reversed.reverse();
    let (a, b) = (weight(entries), weight(&reversed));
    assert_eq!(a, b, "the answer depends on the server's order");
    a
}

#[test]
fn of_two_weights_on_one_day_the_later_time_is_taken_whatever_the_order() {
    // Regression (review M4): of two on the same day the first sent was taken. 20:00 at +01:00
    // is 19:00Z, after 08:00Z: 81 kg.
    let morning = weight_obs(json!(80), "kg", "2026-11-20T08:00:00Z");
    let evening = weight_obs(json!(81), "kg", "2026-11-20T20:00:00+01:00");
    let w = same_in_both_orders(&[morning.clone(), evening.clone()]);
    assert_eq!(w.value(), Some("81"));
    // 07:30 at -05:00 is 12:30Z, after 08:00Z, though written earlier in the day.
    let west = weight_obs(json!(79), "kg", "2026-11-20T07:30:00.250-05:00");
    assert_eq!(same_in_both_orders(&[morning, west]).value(), Some("79"));
}

#[test]
fn the_newest_standing_weight_among_fifty_is_found_wherever_it_is() {
    // 50 entries as an unsorting server might send them: entry k measured on 2026-10-01 plus
    // k - 1 days (October has 31), so entry 50 is 2026-11-19 (81.9 kg), placed in the middle;
    // a newer one entered in error (2026-11-25) comes first: 81.9 kg is taken.
    let d = |k: i64| {
        let day = if k <= 31 {
            format!("2026-10-{k:02}")
        } else {
            format!("2026-11-{:02}", k - 31)
        };
        day
    };
    let mut entries: Vec<Value> = (1..=50)
        .filter(|k| *k != 50)
        .map(|k| weight_obs(json!(70.0 + k as f64 / 10.0), "kg", &d(k)))
        .collect();
    entries.insert(25, weight_obs(json!(81.9), "kg", &d(50)));
    let mut wrong = weight_obs(json!(95), "kg", "2026-11-25");
    wrong["status"] = json!("entered-in-error");
    entries.insert(0, wrong);
    let w = same_in_both_orders(&entries);
    assert_eq!(w.value(), Some("81.9"));
    assert_eq!(w.line(), "From the record: 81.9 kg, measured 2026-11-19");
}

#[test]
fn two_different_weights_at_the_same_time_are_refused_naming_both() {
    let a = weight_obs(json!(82.4), "kg", "2026-11-20");
    let b = weight_obs(json!(85), "kg", "2026-11-20");
    let older = weight_obs(json!(80), "kg", "2026-11-01");
    let w = same_in_both_orders(&[a.clone(), older, b]);
    refused(&w, "The record has 2 body weights from 2026-11-20 that disagree, with no time to tell which is newer (82.4 kg; 85 kg): not filled; weigh the patient");
    // A weight dated only by its day may be before or after one timed that day: the same.
    let timed = weight_obs(json!(85), "kg", "2026-11-20T08:00:00Z");
    refused(
        &same_in_both_orders(&[a.clone(), timed.clone()]),
        "2 body weights from 2026-11-20 that disagree, with no time to tell which is newer (82.4 kg; 85 kg)",
    );
    // Two at the same instant, written in two time zones (09:00+01:00 is 08:00Z): the same.
    let same_instant = weight_obs(json!(82.4), "kg", "2026-11-20T09:00:00+01:00");
    refused(
        &same_in_both_orders(&[timed, same_instant]),
        "that disagree, with no time to tell which is newer (82.4 kg; 85 kg)",
    );
    // The same weight in kg and in lb agrees (181.7 lb = 82.4 kg): filled, the same line either
    // way (the lines sorted: "1" before "8").
    let lb = weight_obs(json!(181.7), "[lb_av]", "2026-11-20");
    let w = same_in_both_orders(&[a, lb]);
    assert_eq!(
        w.line(),
        "From the record: 181.7 lb (82.4 kg), measured 2026-11-20"
    );
}

fn outcome(severity: &str) -> Value {
    json!({ "resourceType": "OperationOutcome", "issue": [{ "severity": severity,
        "code": "not-supported", "diagnostics": "Unknown parameter _sort" }] })
}

#[test]
fn a_search_outcome_with_a_warning_error_or_fatal_is_a_server_problem() {
    // Regression (review M4): the server's warning that it ignored _sort was passed over.
    for (severity, said) in [
        ("warning", "a warning"),
        ("error", "an error"),
        ("fatal", "a fatal error"),
    ] {
        let text = json!({ "resourceType": "Bundle", "entry": [
            { "resource": weight_obs(json!(82.4), "kg", "2026-11-20") },
            { "resource": outcome(severity), "search": { "mode": "outcome" } }
        ]})
        .to_string();
        let said =
            format!("the server reported {said} (\"Unknown parameter _sort\") with the search");
        assert_eq!(record::search_problem(&text).as_deref(), Some(&*said));
        let w = record::weight(&text, "p1", today(), &Limits::default());
        assert_eq!(
            w.line(),
            format!(
                "{said} for the body weight: not filled; weigh the patient and enter the weight."
            )
        );
    }
    // Information is not a problem; nor is a Bundle without an outcome.
    let text = json!({ "resourceType": "Bundle", "entry": [
        { "resource": outcome("information"), "search": { "mode": "outcome" } },
        { "resource": weight_obs(json!(82.4), "kg", "2026-11-20") }
    ]})
    .to_string();
    assert_eq!(record::search_problem(&text), None);
    assert_eq!(
        record::weight(&text, "p1", today(), &Limits::default()).value(),
        Some("82.4")
    );
    assert_eq!(record::search_problem(&bundle(&[])), None);
}

#[test]
fn the_date_is_effective_date_time_or_instant_or_the_period_start_never_issued() {
    let mut o = weight_obs(json!(80), "kg", "2026-11-20T08:30:00+01:00");
    o["issued"] = json!("2026-11-26T00:00:00Z");
    assert!(weight(&[o.clone()]).line().ends_with("measured 2026-11-20"));
    o.as_object_mut().unwrap().remove("effectiveDateTime");
    o["effectiveInstant"] = json!("2026-11-18T07:15:00.000Z");
    assert!(weight(&[o.clone()]).line().ends_with("measured 2026-11-18"));
    o.as_object_mut().unwrap().remove("effectiveInstant");
    o["effectivePeriod"] =
        json!({ "start": "2026-11-19T10:00:00Z", "end": "2026-11-19T10:05:00Z" });
    assert!(weight(&[o.clone()]).line().ends_with("measured 2026-11-19"));
    o.as_object_mut().unwrap().remove("effectivePeriod");
    // Regression (review M5): a weight with only `issued` (entered 2026-11-26) was shown as
    // measured that day, however old it was.
    refused(&weight(&[o.clone()]), "The record's latest body weight has no measurement date, only the date it was entered: not filled; weigh the patient and enter the weight.");
    o.as_object_mut().unwrap().remove("issued");
    refused(&weight(&[o]), "The record's latest body weight has no measurement date: not filled; weigh the patient and enter the weight.");
}

#[test]
fn an_old_weight_entered_today_is_old_the_entry_date_does_not_make_it_fresh() {
    // Measured 2025-10-28 (395 days before 2026-11-27: 4 + 30 + 31 days to 2025-12-31, then
    // 330 to 2026-11-27 = 395), issued today: old, dated by its measurement.
    let mut o = weight_obs(json!(82.4), "kg", "2025-10-28");
    o["issued"] = json!("2026-11-27T09:00:00Z");
    let w = weight(&[o]);
    assert!(w.old());
    assert_eq!(w.line(), "From the record: 82.4 kg, measured 2025-10-28, 395 days ago: older than 30 days; weigh the patient again.");
}

#[test]
fn a_date_without_its_day_is_not_a_measurement_date() {
    refused(
        &weight(&[weight_obs(json!(80), "kg", "2026-11")]),
        "has no full measurement date (\"2026-11\")",
    );
    refused(
        &weight(&[weight_obs(json!(80), "kg", "yesterday")]),
        "has no full measurement date",
    );
}

#[test]
fn a_weight_dated_after_tomorrow_is_refused_tomorrow_is_a_time_zone() {
    assert_eq!(
        weight(&[weight_obs(json!(80), "kg", "2026-11-28")]).value(),
        Some("80")
    );
    refused(
        &weight(&[weight_obs(json!(80), "kg", "2026-11-29")]),
        "is dated 2026-11-29, after today",
    );
}

// ---- Old measurements, against the profile's limits ----

#[test]
fn a_weight_is_old_one_day_past_the_limit_not_at_it() {
    // 2026-10-28 to 2026-11-27: 4 days of October, 27 of November = 30 days.
    let at = weight(&[weight_obs(json!(80), "kg", "2026-10-28")]);
    assert!(!at.old(), "{at:?}");
    let past = weight(&[weight_obs(json!(80), "kg", "2026-10-27")]);
    assert!(past.old());
    assert_eq!(
        past.value(),
        Some("80"),
        "an old weight is still filled, flagged"
    );
    assert_eq!(
        past.line(),
        "From the record: 80 kg, measured 2026-10-27, 31 days ago: older than 30 days; weigh the patient again."
    );
}

#[test]
fn a_pound_weight_400_days_old_says_how_old() {
    // 2025-10-23 to 2026-11-27: 365 days to 2026-10-23, then 8 to October's end and 27 = 400.
    let w = weight(&[weight_obs(json!(181.7), "[lb_av]", "2025-10-23")]);
    assert!(w.old());
    assert_eq!(
        w.line(),
        "From the record: 181.7 lb (82.4 kg), measured 2025-10-23, 400 days ago: older than 30 days; weigh the patient again."
    );
}

#[test]
fn the_profile_s_limits_decide_what_is_old() {
    let limits = Limits {
        weight_max_age_days: 7,
        height_max_age_days: 30,
        ..Limits::default()
    };
    let w = |date| {
        record::weight(
            &bundle(&[weight_obs(json!(80), "kg", date)]),
            "p1",
            today(),
            &limits,
        )
    };
    assert!(!w("2026-11-20").old());
    assert!(w("2026-11-19").old());
    let h = |date| {
        record::height(
            &bundle(&[height_obs(json!(170), "cm", date)]),
            "p1",
            today(),
            &limits,
        )
    };
    assert!(!h("2026-10-28").old());
    let old = h("2026-10-27");
    assert!(old.old());
    assert!(
        old.line()
            .ends_with("31 days ago: older than 30 days; measure the height again."),
        "{}",
        old.line()
    );
}

#[test]
fn a_height_is_old_after_365_days_by_default() {
    // 2025-11-27 to 2026-11-27 is 365 days (2026 is not a leap year).
    assert!(!height(&[height_obs(json!(170), "cm", "2025-11-27")]).old());
    assert!(height(&[height_obs(json!(170), "cm", "2025-11-26")]).old());
}

// ---- Missing ----

#[test]
fn no_weight_leaves_the_field_empty_and_says_to_weigh() {
    let w = weight(&[]);
    assert_eq!(w.value(), None);
    assert_eq!(
        w.line(),
        "The record has no body weight for this patient: not filled; weigh the patient and enter the weight."
    );
    let no_entry = r#"{"resourceType": "Bundle", "type": "searchset", "total": 0}"#;
    assert_eq!(
        record::weight(no_entry, "p1", today(), &Limits::default()),
        w
    );
    refused(
        &height(&[]),
        "The record has no height for this patient: not filled; measure the height",
    );
}

// ---- Entries that are not this patient's body weight ----

#[test]
fn entries_with_another_loinc_code_are_ignored() {
    // 3141-9 is "body weight measured", a more specific code: not the one this calculator reads.
    let other = obs("3141-9", json!(90), Some("kg"), None, "2026-11-26");
    let bmi = obs("39156-5", json!(25), Some("kg/m2"), None, "2026-11-26");
    let height_as_weight = height_obs(json!(178), "cm", "2026-11-26");
    let w = weight(&[
        other.clone(),
        bmi,
        height_as_weight,
        weight_obs(json!(82.4), "kg", "2026-11-20"),
    ]);
    assert_eq!(w.value(), Some("82.4"));
    refused(&weight(&[other]), "The record has no body weight");
    let mut not_loinc = weight_obs(json!(80), "kg", "2026-11-26");
    not_loinc["code"]["coding"][0]["system"] = json!("http://snomed.info/sct");
    refused(&weight(&[not_loinc]), "The record has no body weight");
}

#[test]
fn another_patient_s_weight_is_ignored() {
    let mut theirs = weight_obs(json!(60), "kg", "2026-11-26");
    theirs["subject"]["reference"] = json!("Patient/p2");
    assert_eq!(
        weight(&[theirs.clone(), weight_obs(json!(82.4), "kg", "2026-11-20")]).value(),
        Some("82.4")
    );
    refused(&weight(&[theirs.clone()]), "The record has no body weight");
    theirs["subject"]["reference"] = json!("Patient/p1x");
    refused(&weight(&[theirs.clone()]), "The record has no body weight");
    theirs.as_object_mut().unwrap().remove("subject");
    refused(&weight(&[theirs]), "The record has no body weight");
}

#[test]
fn an_absolute_subject_counts_only_on_this_fhir_server() {
    let on = |reference: &str, base: Option<&str>| {
        let mut o = weight_obs(json!(70), "kg", "2026-11-26");
        o["subject"]["reference"] = json!(reference);
        let limits = Limits {
            fhir_base_url: base.map(str::to_string),
            ..Limits::default()
        };
        record::weight(&bundle(&[o]), "p1", today(), &limits)
    };
    let base = Some("https://fhir.example.org/r4");
    assert_eq!(
        on("https://fhir.example.org/r4/Patient/p1", base).value(),
        Some("70")
    );
    assert_eq!(on("Patient/p1", base).value(), Some("70"));
    // Regression (review N5): any address ending in /Patient/p1 was taken as this patient.
    for other in [
        "https://elsewhere.example.net/fhir/Patient/p1",
        "https://fhir.example.org/r4x/Patient/p1",
        "https://fhir.example.org/Patient/p1",
        "x/Patient/p1",
    ] {
        refused(
            &on(other, base),
            "The record has no body weight for this patient",
        );
    }
    // Without a configured base, only the relative reference counts.
    refused(
        &on("https://fhir.example.org/r4/Patient/p1", None),
        "The record has no body weight",
    );
    // Limits::new takes the base from the profile's ehr section.
    let ehr: ketamine_engine::profile::Ehr = ketamine_engine::profile::Ehr {
        fhir_base_url: "https://fhir.example.org/r4".into(),
        client_id: "c".into(),
        authorization_origins: vec![],
        weight_max_age_days: 30,
        height_max_age_days: 365,
    };
    let limits = Limits::new(&ehr, &ketamine_engine::thresholds::Thresholds::guideline());
    assert_eq!(limits.fhir_base_url.as_deref(), base);
}

#[test]
fn entered_in_error_and_cancelled_weights_are_skipped() {
    for status in ["entered-in-error", "cancelled", "registered", "unknown"] {
        let mut wrong = weight_obs(json!(8.24), "kg", "2026-11-26");
        wrong["status"] = json!(status);
        let w = weight(&[wrong.clone(), weight_obs(json!(82.4), "kg", "2026-11-20")]);
        assert_eq!(w.value(), Some("82.4"), "{status}");
        let alone = weight(&[wrong]);
        assert_eq!(alone.value(), None, "{status}");
        assert_eq!(
            alone.line(),
            "The record has no body weight for this patient (1 entry marked entered-in-error, cancelled or not yet final was skipped): not filled; weigh the patient and enter the weight.",
        );
    }
    let mut missing = weight_obs(json!(82.4), "kg", "2026-11-26");
    missing.as_object_mut().unwrap().remove("status");
    refused(&weight(&[missing]), "1 entry marked");
    for status in ["amended", "corrected", "preliminary"] {
        let mut ok = weight_obs(json!(82.4), "kg", "2026-11-26");
        ok["status"] = json!(status);
        assert_eq!(weight(&[ok]).value(), Some("82.4"), "{status}");
    }
}

#[test]
fn a_preliminary_weight_is_filled_and_its_line_says_preliminary() {
    // Regression (review S5): a preliminary weight read exactly like a final one.
    let mut o = weight_obs(json!(181.7), "[lb_av]", "2026-11-26");
    o["status"] = json!("preliminary");
    let w = weight(&[o]);
    assert_eq!(w.value(), Some("82.4"));
    assert_eq!(
        w.line(),
        "From the record: 181.7 lb (82.4 kg), preliminary, measured 2026-11-26"
    );
    assert_eq!(
        w.changed_by_hand().unwrap(),
        "Changed by hand; the record gave 181.7 lb (82.4 kg), preliminary"
    );
    let mut amended = weight_obs(json!(82.4), "kg", "2026-11-26");
    amended["status"] = json!("amended");
    assert_eq!(
        weight(&[amended]).line(),
        "From the record: 82.4 kg, measured 2026-11-26"
    );
}

// ---- Units ----

#[test]
fn a_display_unit_contradicting_the_code_is_refused_naming_both_lb_was_read_as_kg() {
    // Regression (review B1): unit "lb" beside code "kg" filled 181.7 kg, 2.2 times the weight.
    refused(
        &weight(&[obs("29463-7", json!(181.7), Some("kg"), Some("lb"), "2026-11-20")]),
        "The record's latest body weight has the unit \"lb\" but the UCUM code \"kg\", which disagree: not filled; weigh the patient",
    );
    // The other way round, in capitals, and for height.
    refused(
        &weight(&[obs(
            "29463-7",
            json!(82.4),
            Some("[lb_av]"),
            Some("KG"),
            "2026-11-20",
        )]),
        "the unit \"KG\" but the UCUM code \"[lb_av]\"",
    );
    refused(
        &height(&[obs(
            "8302-2",
            json!(70),
            Some("cm"),
            Some("in"),
            "2026-11-20",
        )]),
        "the unit \"in\" but the UCUM code \"cm\"",
    );
    // Agreeing spellings, and a display word the calculator does not know, leave the code to decide.
    let agree = obs(
        "29463-7",
        json!(181.7),
        Some("[lb_av]"),
        Some("lbs"),
        "2026-11-20",
    );
    assert_eq!(weight(&[agree]).value(), Some("82.4"));
    let word = obs(
        "29463-7",
        json!(80),
        Some("kg"),
        Some("kilogram"),
        "2026-11-20",
    );
    assert_eq!(weight(&[word]).value(), Some("80"));
}

#[test]
fn a_weight_with_a_comparator_is_a_bound_not_a_measurement_and_is_refused() {
    // Regression (review B2): {"value": 150, "comparator": ">", "code": "kg"} filled 150 kg.
    for c in [">", ">=", "<", "<="] {
        let mut o = weight_obs(json!(150), "kg", "2026-11-20");
        o["valueQuantity"]["comparator"] = json!(c);
        refused(
            &weight(&[o]),
            &format!("The record's latest body weight is not an exact measurement (it is written \"{c}\" 150 kg): not filled; weigh the patient"),
        );
    }
    let mut h = height_obs(json!(70), "[in_i]", "2026-11-20");
    h["valueQuantity"]["comparator"] = json!("<");
    refused(&height(&[h]), "(it is written \"<\" 70 in)");
}

#[test]
fn the_ucum_code_decides_the_unit_and_the_display_unit_only_stands_in_without_one() {
    // No code: the display unit stands in.
    let w = weight(&[obs("29463-7", json!(181.7), None, Some("lb"), "2026-11-20")]);
    assert_eq!(w.value(), Some("82.4"));
    let h = height(&[obs("8302-2", json!(70.5), None, Some("in"), "2026-11-20")]);
    assert_eq!(h.value(), Some("179"));
    // Neither: refused.
    refused(
        &weight(&[obs("29463-7", json!(80), None, None, "2026-11-20")]),
        "The record's latest body weight has no unit",
    );
}

#[test]
fn any_other_unit_is_refused_with_its_name_never_guessed() {
    for code in ["mg", "[oz_av]", "KG", "kg/m2", "lb", "[stone_av]"] {
        refused(
            &weight(&[weight_obs(json!(80), code, "2026-11-20")]),
            &format!("The record's latest body weight is in \"{code}\", which the calculator does not convert (it reads kg, g, [lb_av])"),
        );
    }
    for code in ["m", "mm", "[ft_i]", "in"] {
        refused(
            &height(&[height_obs(json!(1.78), code, "2026-11-20")]),
            "which the calculator does not convert (it reads cm, [in_i])",
        );
    }
    refused(
        &weight(&[obs("29463-7", json!(80), None, Some("kilos"), "2026-11-20")]),
        "is in \"kilos\"",
    );
    let mut snomed = weight_obs(json!(80), "kg", "2026-11-20");
    snomed["valueQuantity"]["system"] = json!("http://snomed.info/sct");
    refused(
        &weight(&[snomed]),
        "has a unit from \"http://snomed.info/sct\", not UCUM",
    );
}

// ---- Values outside what the calculator accepts ----

#[test]
fn a_weight_outside_20_to_350_kg_is_not_filled() {
    assert_eq!(
        weight(&[weight_obs(json!(20), "kg", "2026-11-20")]).value(),
        Some("20")
    );
    assert_eq!(
        weight(&[weight_obs(json!(350), "kg", "2026-11-20")]).value(),
        Some("350")
    );
    refused(
        &weight(&[weight_obs(json!(19.9), "kg", "2026-11-20")]),
        "The record's latest body weight, 19.9 kg, is outside the calculator's 20 to 350 kg: not filled; weigh the patient and enter the weight.",
    );
    refused(
        &weight(&[weight_obs(json!(350.1), "kg", "2026-11-20")]),
        "is outside the calculator's 20 to 350 kg",
    );
    // 19.96 kg is filled as 20 kg, which the field accepts; 19.94 kg as 19.9, which it does not.
    assert_eq!(
        weight(&[weight_obs(json!(19.96), "kg", "2026-11-20")]).value(),
        Some("20")
    );
    refused(
        &weight(&[weight_obs(json!(19.94), "kg", "2026-11-20")]),
        "19.94 kg (19.9 kg), is outside",
    );
    // 80 g is a newborn's weight entered in the wrong unit, or a typo: never 80 kg.
    refused(
        &weight(&[weight_obs(json!(80), "g", "2026-11-20")]),
        "80 g (0.1 kg), is outside",
    );
}

#[test]
fn a_height_outside_100_to_250_cm_is_not_filled() {
    assert_eq!(
        height(&[height_obs(json!(100), "cm", "2026-11-20")]).value(),
        Some("100")
    );
    assert_eq!(
        height(&[height_obs(json!(250), "cm", "2026-11-20")]).value(),
        Some("250")
    );
    refused(
        &height(&[height_obs(json!(99), "cm", "2026-11-20")]),
        "is outside the calculator's 100 to 250 cm",
    );
    refused(
        &height(&[height_obs(json!(251), "cm", "2026-11-20")]),
        "is outside the calculator's 100 to 250 cm",
    );
    // 1.78 written in cm is metres mislabelled: 2 cm, refused.
    refused(
        &height(&[height_obs(json!(1.78), "cm", "2026-11-20")]),
        "1.78 cm (2 cm), is outside",
    );
}

#[test]
fn zero_negative_and_absent_values_are_not_filled() {
    for v in [json!(0), json!(-82.4), json!(-0.0)] {
        refused(
            &weight(&[weight_obs(v, "kg", "2026-11-20")]),
            "The record's latest body weight is not a positive number",
        );
    }
    let mut none = weight_obs(json!(1), "kg", "2026-11-20");
    none["valueQuantity"]
        .as_object_mut()
        .unwrap()
        .remove("value");
    refused(&weight(&[none.clone()]), "is not a positive number");
    none.as_object_mut().unwrap().remove("valueQuantity");
    refused(
        &weight(&[none]),
        "The record's latest body weight has no value",
    );
}

#[test]
fn a_weight_without_a_value_names_the_record_s_reason_or_its_components() {
    let mut o = weight_obs(json!(1), "kg", "2026-11-20");
    o.as_object_mut().unwrap().remove("valueQuantity");
    // Regression (review N8): every one of these said only "has no value".
    let mut absent = o.clone();
    absent["dataAbsentReason"] = json!({ "coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
        "code": "not-performed" }] });
    assert_eq!(
        weight(&[absent]).line(),
        "The record's latest body weight has no value; the record gives the reason \"not-performed\": not filled; weigh the patient and enter the weight."
    );
    let mut text_only = o.clone();
    text_only["dataAbsentReason"] = json!({ "text": "patient refused" });
    refused(
        &weight(&[text_only]),
        "has no value; the record gives the reason \"patient refused\"",
    );
    let mut parts = o.clone();
    parts["component"] =
        json!([{ "code": { "text": "a" }, "valueQuantity": { "value": 40, "code": "kg" } }]);
    refused(
        &weight(&[parts]),
        "The record's latest body weight has no value of its own, only components, which the calculator does not read: not filled",
    );
    assert_eq!(
        weight(&[o]).line(),
        "The record's latest body weight has no value: not filled; weigh the patient and enter the weight."
    );
}

// ---- Hostile and broken answers ----

#[test]
fn wrong_types_are_refused_with_a_reason() {
    for v in [
        json!("82.4"),
        json!("NaN"),
        json!("Infinity"),
        json!(null),
        json!([82.4]),
        json!({"value": 1}),
    ] {
        let w = weight(&[weight_obs(v.clone(), "kg", "2026-11-20")]);
        assert_eq!(w.value(), None, "{v}");
        assert!(
            w.line()
                .ends_with("weigh the patient and enter the weight."),
            "{v}: {}",
            w.line()
        );
    }
    let mut coding = weight_obs(json!(80), "kg", "2026-11-20");
    coding["code"]["coding"] = json!("29463-7");
    refused(
        &weight(&[coding]),
        "An entry of the record's body weight could not be read",
    );
    let mut status = weight_obs(json!(80), "kg", "2026-11-20");
    status["status"] = json!(1);
    refused(&weight(&[status]), "could not be read");
}

#[test]
fn an_unreadable_entry_is_not_passed_over_for_an_older_one() {
    let mut broken = weight_obs(json!("NaN"), "kg", "2026-11-26");
    broken["id"] = json!("newest");
    refused(
        &weight(&[broken, weight_obs(json!(82.4), "kg", "2025-11-20")]),
        "could not be read",
    );
}

#[test]
fn huge_values_and_huge_answers_are_refused() {
    let huge = r#"{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation",
        "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
        "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-11-20",
        "valueQuantity": {"value": 1e400, "code": "kg"}}}]}"#;
    refused(
        &record::weight(huge, "p1", today(), &Limits::default()),
        "could not be read",
    );
    let w = weight(&[weight_obs(json!(1e300), "kg", "2026-11-20")]);
    refused(&w, "1e300 kg");
    assert!(w.line().len() < 200, "{}", w.line());
    let long_unit = "x".repeat(10_000);
    let w = weight(&[weight_obs(json!(80), &long_unit, "2026-11-20")]);
    assert!(w.line().len() < 250, "{}", w.line());
    let big = bundle(&[
        weight_obs(json!(80), "kg", "2026-11-20"),
        json!({"pad": "y".repeat(300_000)}),
    ]);
    refused(
        &record::weight(&big, "p1", today(), &Limits::default()),
        "larger than 256 KB",
    );
}

#[test]
fn answers_that_are_not_a_search_bundle_are_refused() {
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "not json",
        r#"{"resourceType": "OperationOutcome"}"#,
        r#"{"resourceType": "Bundle", "entry": {}}"#,
    ] {
        let w = record::weight(text, "p1", today(), &Limits::default());
        assert_eq!(w.value(), None, "{text}");
        assert!(
            w.line()
                .starts_with("The record's answer for the body weight"),
            "{text}: {}",
            w.line()
        );
    }
}

#[test]
fn an_operation_outcome_and_entries_without_a_resource_are_passed_over() {
    let text = json!({ "resourceType": "Bundle", "entry": [
        { "resource": { "resourceType": "OperationOutcome", "issue": [] }, "search": { "mode": "outcome" } },
        { "fullUrl": "x" },
        { "resource": weight_obs(json!(82.4), "kg", "2026-11-20") }
    ]})
    .to_string();
    assert_eq!(
        record::weight(&text, "p1", today(), &Limits::default()).value(),
        Some("82.4")
    );
}

// ---- The patient: age and sex ----

fn patient(birth: Value, gender: Value) -> record::PatientFields {
    let mut p = json!({ "resourceType": "Patient", "id": "p1" });
    if !birth.is_null() {
        p["birthDate"] = birth;
    }
    if !gender.is_null() {
        p["gender"] = gender;
    }
    record::patient(&p.to_string(), "p1", today(), &Limits::default())
}

#[test]
fn the_age_turns_on_the_birthday_not_the_day_before() {
    let age = |birth: &str| patient(json!(birth), json!("male")).age;
    // Born 1970-11-28: 55 until tomorrow. Born 1970-11-27: 56 today. Born 1970-11-26: 56 since yesterday.
    assert_eq!(age("1970-11-28").value(), Some("55"));
    assert_eq!(age("1970-11-27").value(), Some("56"));
    assert_eq!(age("1970-11-26").value(), Some("56"));
    assert_eq!(
        age("1970-11-27").line(),
        "From the record: 56 years (born 1970-11-27)"
    );
    assert_eq!(age("2026-11-27").value(), Some("0"));
}

#[test]
fn a_leap_day_birthday_counts_on_the_first_of_march_in_other_years() {
    let on = |today: &str| {
        let p =
            json!({ "resourceType": "Patient", "id": "p1", "birthDate": "2000-02-29" }).to_string();
        record::patient(&p, "p1", Date::parse(today).unwrap(), &Limits::default()).age
    };
    assert_eq!(on("2025-02-28").value(), Some("24"));
    assert_eq!(on("2025-03-01").value(), Some("25"));
    assert_eq!(on("2024-02-29").value(), Some("24"));
}

#[test]
fn the_age_limit_of_120_years_from_both_sides() {
    let age = |birth: &str| patient(json!(birth), json!("male")).age;
    // Born 1905-11-28: 120 until tomorrow. Born 1905-11-27: 121 today, refused. 1906-11-27: 120 today.
    assert_eq!(age("1905-11-28").value(), Some("120"));
    assert_eq!(age("1906-11-27").value(), Some("120"));
    refused(&age("1905-11-27"), "gives 121 years, outside the calculator's 0 to 120 years: not filled; enter the age by hand.");
}

#[test]
fn a_birth_date_without_a_day_after_today_or_broken_is_not_used() {
    let age = |birth: Value| patient(birth, json!("female")).age;
    refused(&age(json!("1972")), "The record gives only part of the birth date (\"1972\"), not the day: not filled; enter the age by hand.");
    refused(&age(json!("1972-03")), "only part of the birth date");
    refused(
        &age(json!("2026-11-28")),
        "The record's birth date 2026-11-28 is after today",
    );
    refused(&age(json!("1972-02-30")), "is not a date");
    refused(&age(json!("1972-03-15T10:00:00Z")), "is not a date");
    refused(
        &age(json!(null)),
        "The record has no birth date: not filled; enter the age by hand.",
    );
    let wrong_type = patient(json!(1972), json!("female"));
    refused(&wrong_type.age, "could not be read");
    refused(&wrong_type.sex, "could not be read");
}

#[test]
fn female_and_male_fill_the_sex_labelled_as_administrative_gender_other_and_unknown_do_not() {
    let sex = |g: Value| patient(json!("1970-01-01"), g).sex;
    assert_eq!(sex(json!("female")).value(), Some("female"));
    // Regression (review S6): the line said only "female", as if it were a clinical sex.
    assert_eq!(
        sex(json!("female")).line(),
        "From the record: female (administrative gender)"
    );
    assert_eq!(sex(json!("male")).value(), Some("male"));
    assert_eq!(
        sex(json!("male")).changed_by_hand().unwrap(),
        "Changed by hand; the record gave male (administrative gender)"
    );
    assert_eq!(
        sex(json!("other")).line(),
        "The record gives the administrative gender as \"other\": not filled; choose the sex by hand if the dosing weight needs it."
    );
    refused(
        &sex(json!("unknown")),
        "gives the administrative gender as \"unknown\"",
    );
    refused(
        &sex(json!("Female")),
        "gives the administrative gender as \"Female\"",
    );
    refused(
        &sex(json!(null)),
        "The record gives no administrative gender",
    );
}

#[test]
fn another_patient_s_details_fill_nothing() {
    let p = json!({ "resourceType": "Patient", "id": "p2", "birthDate": "1970-01-01", "gender": "male" }).to_string();
    let fields = record::patient(&p, "p1", today(), &Limits::default());
    refused(
        &fields.age,
        "The record's answer is not this patient's details",
    );
    refused(&fields.sex, "not this patient's details");
    let obs_not_patient = weight_obs(json!(80), "kg", "2026-11-20").to_string();
    refused(
        &record::patient(&obs_not_patient, "p1", today(), &Limits::default()).age,
        "not this patient's",
    );
}

// ---- Dates (killed the survivors of `scripts/mutants.sh -f engine/src/record/date.rs`) ----

#[test]
fn dates_are_read_strictly_by_the_calendar() {
    let ok = |t: &str| Date::parse(t).is_some();
    // Leap years: every 4th, not every 100th, but every 400th.
    assert!(ok("2024-02-29"));
    assert!(ok("2000-02-29"));
    assert!(!ok("1900-02-29"));
    assert!(!ok("2026-02-29"));
    // 30-day months.
    for m in ["04", "06", "09", "11"] {
        assert!(ok(&format!("2026-{m}-30")), "{m}");
        assert!(!ok(&format!("2026-{m}-31")), "{m}");
    }
    assert!(ok("2026-12-31"));
    // Exactly four, two and two digits.
    for bad in [
        "2026-1-20",
        "2026-11-2",
        "20261-11-20",
        "226-11-20",
        "2026-11-20-01",
        "2026-1a-20",
        "+026-11-20",
    ] {
        assert!(!ok(bad), "{bad}");
    }
    assert!(!ok("1799-12-31"));
    assert!(ok("1800-01-01"));
    assert!(ok("2200-12-31"));
    assert!(!ok("2201-01-01"));
}

#[test]
fn days_between_dates_count_across_centuries_and_400_year_cycles() {
    let d = |t: &str| Date::parse(t).unwrap();
    // Counted with Python's datetime: date(2000,1,1) - date(1999,12,31) and so on.
    assert_eq!(d("1999-12-31").days_until(d("2000-01-01")), 1);
    assert_eq!(d("1970-01-01").days_until(d("2026-11-27")), 20_784);
    assert_eq!(d("1905-11-27").days_until(d("2026-11-27")), 44_195);
    assert_eq!(d("1800-03-01").days_until(d("2000-03-01")), 73_049);
    assert_eq!(d("1800-01-01").days_until(d("2200-02-28")), 146_155);
    assert_eq!(d("2026-11-27").days_until(d("1970-01-01")), -20_784);
}

// ---- Ids put in a request path ----

#[test]
fn a_patient_id_of_dots_only_is_not_an_id_dot_dot_would_leave_the_patient_path() {
    use ketamine_engine::record::fhir::valid_id;
    // Regression (review N6): "Patient/.." passed and named the server's base.
    for bad in [".", "..", "...", "", "p/1", "p 1", "p%2F1", "p?x", "\u{e9}"] {
        assert!(!valid_id(bad), "{bad:?} accepted");
    }
    let sixty_four = "a".repeat(64);
    for ok in ["p1", "p-recent", "a.b", "..a", "1.2.840", &*sixty_four] {
        assert!(valid_id(ok), "{ok:?} refused");
    }
    assert!(!valid_id(&"a".repeat(65)));
}

#[test]
fn instants_are_read_with_their_offsets_and_malformed_ones_give_no_time() {
    use ketamine_engine::record::date::instant_ms;
    let at = |t: &str| instant_ms(t).unwrap_or_else(|| panic!("{t} not read"));
    // 2026-11-20T00:30:00+14:00 is 2026-11-19T10:30Z, 13.5 hours before 2026-11-20T00:00Z.
    assert_eq!(
        at("2026-11-20T00:00:00Z") - at("2026-11-20T00:30:00+14:00"),
        (13 * 60 + 30) * 60 * 1000
    );
    // 23:59:59.999-12:00 on 2026-12-31 is 11:59:59.999Z on 2027-01-01, across the year.
    assert_eq!(
        at("2026-12-31T23:59:59.999-12:00") - at("2027-01-01T00:00:00Z"),
        (11 * 3600 + 59 * 60 + 59) * 1000 + 999
    );
    // Fractions: .5 is 500 ms, digits past the millisecond are dropped.
    assert_eq!(
        at("2026-11-20T08:00:00.5Z") - at("2026-11-20T08:00:00Z"),
        500
    );
    assert_eq!(
        at("2026-11-20T08:00:00.1239Z") - at("2026-11-20T08:00:00Z"),
        123
    );
    for bad in [
        "2026-11-20",
        "2026-11-20T08:00:00",
        "2026-11-20T08:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T08:60:00Z",
        "2026-11-20T08:00:00+15:00",
        "2026-11-20T08:00:00.Z",
        "2026-11-31T08:00:00Z",
        "2026-11-20T08:00:00+0100",
    ] {
        assert_eq!(instant_ms(bad), None, "{bad}");
    }
}
