//! The profile reader (no serde_json in the browser, issue 15) answers exactly as serde_json with
//! serde_path_to_error did: the same file read, or the same key and message (with line and
//! column), on the example profile damaged in every way below: cut short at every byte, each byte
//! dropped, text inserted at every byte, each value replaced by every kind of JSON value, each
//! key misspelled, repeated or dropped, and each record written as an array.

use ketamine_engine::profile::{ProfileError, ProfileFile};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../examples/profile.json");

/// How the page read a profile file before issue 15 (serde_json and serde_path_to_error, the
/// structs' derived `Deserialize`), with the same keys and messages.
fn reference(text: &str) -> Result<ProfileFile, Vec<ProfileError>> {
    let mut json = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let error = if e.inner().is_syntax() || e.inner().is_eof() {
            ProfileError {
                key: "profile".into(),
                message: format!("profile: the file is not valid JSON ({})", e.inner()),
            }
        } else {
            let key = match e.path().to_string() {
                root if root == "." => "profile".to_string(),
                path => path,
            };
            ProfileError {
                message: format!("{key}: {}", e.inner()),
                key,
            }
        };
        vec![error]
    })
}

/// `a` and `b` (debug texts of a result) are the same but for numbers of more than 17 significant
/// digits or beyond 1e±22: serde_json reads those to within a few units in the last place (its
/// default, without `float_roundtrip`); the reader reads them exactly (Rust's own `f64` parsing).
/// Profile figures (a few digits, between 0.01 and 20,000) read identically.
fn same_but_last_place(a: &str, b: &str) -> bool {
    fn tokens(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            if chars[i].is_ascii_digit() {
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || chars[i] == '.'
                        || (chars[i] == 'e'
                            && i + 1 < chars.len()
                            && (chars[i + 1].is_ascii_digit()
                                || chars[i + 1] == '-'
                                || chars[i + 1] == '+'))
                        || ((chars[i] == '-' || chars[i] == '+') && chars[i - 1] == 'e'))
                {
                    i += 1;
                }
            } else {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        }
        out
    }
    let (a, b) = (tokens(a), tokens(b));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y
                || match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(x), Ok(y)) => (x - y).abs() <= 1e-15 * x.abs().max(y.abs()),
                    _ => false,
                }
        })
}

#[test]
fn only_numbers_beyond_a_profiles_precision_may_differ_in_the_last_place() {
    assert!(same_but_last_place(
        "[1.15e-29, 2]",
        "[1.1500000000000001e-29, 2]"
    ));
    assert!(!same_but_last_place("[0.25]", "[0.26]"));
    assert!(!same_but_last_place("soft", "hard"));
    // Typical figures read the same, bit for bit.
    for text in [
        "0.25", "0.35", "1.5", "4320", "0.1", "0.7", "20000", "1e-2", "12.5e1",
    ] {
        let file = format!(
            r#"{{"schema": "", "schema_version": 1, "institution": "", "profile_version": "", "review_date": "", "standard_concentrations_mg_per_ml": [{text}]}}"#
        );
        assert_eq!(ProfileFile::read(&file), reference(&file), "{text}");
    }
}

#[track_caller]
fn same(text: &str, mismatches: &mut Vec<String>) {
    let ours = ProfileFile::read(text);
    let theirs = reference(text);
    if ours != theirs
        && !same_but_last_place(&format!("{ours:?}"), &format!("{theirs:?}"))
        && mismatches.len() < 20
    {
        mismatches.push(format!(
            "{text:?}\n  reader:     {ours:?}\n  serde_json: {theirs:?}"
        ));
    }
}

#[track_caller]
fn all_same(texts: impl IntoIterator<Item = String>) {
    let mut mismatches = Vec::new();
    let mut count = 0;
    for text in texts {
        same(&text, &mut mismatches);
        count += 1;
    }
    assert!(count > 0);
    assert!(
        mismatches.is_empty(),
        "{} of {count} differ, e.g.:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The example with every optional key present, so that every field is exercised.
fn full() -> Value {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    v["monitoring"]["high_dose_bolus_mg_per_kg"] = json!({"value": 0.3, "reason": "why"});
    v["monitoring"]["high_dose_infusion_mg_per_kg_per_h"] = json!({"value": 0.9, "reason": "why"});
    v["monitoring"]["stabilized_high_dose_infusion_mg_per_kg_per_h"] =
        json!({"value": 1.5, "reason": "why"});
    v
}

fn bases() -> Vec<String> {
    vec![
        EXAMPLE.to_string(),
        serde_json::to_string(&full()).unwrap(),
        serde_json::to_string_pretty(&full()).unwrap(),
    ]
}

#[test]
fn the_example_reads_the_same() {
    assert!(ProfileFile::read(EXAMPLE).is_ok());
    all_same(bases());
}

#[test]
fn a_file_cut_short_anywhere_reads_the_same() {
    all_same(bases().iter().flat_map(|b| {
        (0..=b.len())
            .filter(|&i| b.is_char_boundary(i))
            .map(|i| b[..i].to_string())
            .collect::<Vec<_>>()
    }));
}

#[test]
fn a_file_missing_any_one_byte_reads_the_same() {
    all_same(bases().iter().flat_map(|b| {
        (0..b.len())
            .filter(|&i| b.is_char_boundary(i) && b.is_char_boundary(i + 1))
            .map(|i| format!("{}{}", &b[..i], &b[i + 1..]))
            .collect::<Vec<_>>()
    }));
}

#[test]
fn text_inserted_anywhere_reads_the_same() {
    let inserts = [
        ",",
        "}",
        "]",
        "[",
        "{",
        "\"",
        ":",
        "x",
        " ",
        "\n",
        "null",
        "true",
        "0",
        "01",
        "-",
        "-x",
        ".",
        "1.",
        "1e",
        "1e+",
        "1e999",
        "-1e999",
        "1e99999999999",
        "0e99999999999",
        "\\",
        "\\q",
        "\\u12",
        "\\u00e9",
        "\\ud800",
        "\\ud800\\u0041",
        "\\udc00",
        "\\ud800x",
        "\u{1}",
        "\t",
        "\"k\":1,",
        "é",
        "nul",
        "tru",
        "fals",
        "1.5e-3",
        "18446744073709551616",
        "-9223372036854775809",
    ];
    let b = EXAMPLE;
    all_same(inserts.iter().flat_map(|ins| {
        (0..=b.len())
            .filter(|&i| b.is_char_boundary(i))
            .map(|i| format!("{}{ins}{}", &b[..i], &b[i..]))
            .collect::<Vec<_>>()
    }));
}

/// Every place in `v` that holds a value, as a list of object keys and array indices.
fn places(v: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let mut next = at.clone();
                next.push(json!(k));
                places(child, next, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let mut next = at.clone();
                next.push(json!(i));
                places(child, next, out);
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, place: &[Value]) -> &'a mut Value {
    place.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

#[test]
fn every_value_replaced_by_every_kind_of_value_reads_the_same() {
    let replacements = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(7),
        json!(-3),
        json!(1.5),
        json!(-0.25),
        json!(1e20),
        json!(1e-7),
        json!(5_000_000_000u64),
        json!(-9_000_000_000i64),
        json!(""),
        json!("text"),
        json!("0.25"),
        json!("quote \" and \\ and é and \u{1}"),
        json!([]),
        json!([1, "two"]),
        json!(["a", "b"]),
        json!({}),
        json!({"x": 1}),
        json!({"soft": 0.1}),
        json!({"value": 1, "reason": "r"}),
        json!([0.1, 0.2, "r"]),
        json!([0.1]),
        json!([1, "r", 3]),
    ];
    let full = full();
    let mut all = Vec::new();
    places(&full, Vec::new(), &mut all);
    let mut texts = Vec::new();
    for place in &all {
        for r in &replacements {
            let mut v = full.clone();
            *at_mut(&mut v, place) = r.clone();
            texts.push(serde_json::to_string_pretty(&v).unwrap());
            texts.push(serde_json::to_string(&v).unwrap());
        }
    }
    all_same(texts);
}

#[test]
fn keys_misspelled_repeated_dropped_or_records_as_arrays_read_the_same() {
    let full = full();
    let mut all = Vec::new();
    places(&full, Vec::new(), &mut all);
    let mut texts = Vec::new();
    for place in &all {
        let mut v = full.clone();
        let Value::Object(map) = at_mut(&mut v, place).clone() else {
            continue;
        };
        for key in map.keys() {
            // Dropped.
            let mut dropped = map.clone();
            dropped.remove(key);
            *at_mut(&mut v, place) = Value::Object(dropped);
            texts.push(serde_json::to_string_pretty(&v).unwrap());
            // Misspelled (an unknown key), at its place in the record.
            let renamed: serde_json::Map<String, Value> = map
                .iter()
                .map(|(k, x)| {
                    (
                        if k == key { format!("{k}x") } else { k.clone() },
                        x.clone(),
                    )
                })
                .collect();
            *at_mut(&mut v, place) = Value::Object(renamed);
            texts.push(serde_json::to_string(&v).unwrap());
        }
        // The record as an array of its values in order, whole and cut short.
        let values: Vec<Value> = map.values().cloned().collect();
        for n in 0..=values.len() + 1 {
            let mut items = values.clone();
            items.truncate(n);
            if n > values.len() {
                items.push(json!(null));
            }
            *at_mut(&mut v, place) = Value::Array(items);
            texts.push(serde_json::to_string(&v).unwrap());
        }
    }
    // A key repeated, at every record, with null and with a value.
    let text = EXAMPLE.to_string();
    for (i, _) in text.match_indices("{ \"") {
        for repeat in ["\"soft\": null, ", "\"value\": 1, ", "\"reason\": \"r\", "] {
            let at = i + 2;
            texts.push(format!("{}{repeat}{}", &text[..at], &text[at..]));
        }
    }
    for key in ["\"schema\"", "\"limits\"", "\"institution\""] {
        texts.push(text.replacen("{", &format!("{{{key}: null, "), 1));
    }
    all_same(texts);
}

#[test]
fn other_files_read_the_same() {
    all_same(
        [
            "",
            " ",
            "not JSON",
            "null",
            "true",
            "[]",
            "[1, 2]",
            "\"profile\"",
            "{}",
            "{,}",
            "{\"schema\"}",
            "{\"schema\" 1}",
            "{1: 2}",
            "{\"a\":1,}",
            "[\"a\",]",
            "{} trailing",
            "{\"schema\": \"ketamine-calculator-profile\", ",
            "\u{feff}{}",
            "{\"schema\": \"\\ud83d\\ude00\"}",
            "{\"schema\": \"\\uD83D\\uDE00\"}",
            "{\"schema_version\": 1.0}",
            "{\"schema_version\": -0}",
            "{\"schema_version\": 1e2}",
            "{\"schema_version\": 4294967296}",
            "{\"schema_version\": -1}",
            "{\"schema_version\": 99999999999999999999}",
            "[1e-6]",
            "[-1e-6]",
            "[1e-7]",
            "[1.5e-6]",
            "[2e15]",
            "[2e16]",
            "[-2.5e22]",
            "[1e-300]",
        ]
        .map(String::from),
    );
}
