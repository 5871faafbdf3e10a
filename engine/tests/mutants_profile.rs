//! Tests written to catch the mutants that cargo-mutants found surviving in `profile` (institution
//! profiles and the bounds they cannot cross). Each test is named after what the mutant would
//! break and names the mutant in a comment.

use ketamine_engine::profile::{Profile, ProfileError};
use serde_json::{json, Value};

fn profile(extra: Value) -> Value {
    let mut v = json!({
        "schema": "ketamine-calculator-profile", "schema_version": 1,
        "institution": "Test Hospital", "profile_version": "1", "review_date": "2027-01-31"
    });
    for (key, value) in extra.as_object().unwrap() {
        v[key] = value.clone();
    }
    v
}

fn keys(v: Value) -> Result<Profile, Vec<String>> {
    Profile::load(v).map_err(|e: Vec<ProfileError>| e.into_iter().map(|e| e.key).collect())
}

// Mutant: `profile.rs` `Check::within`, `value < min` with `<` made `<=`: a bound's own lower
// end would be refused. The elderly age a profile may set is 50 to 80 years (the guideline gives
// none): 50 itself is accepted, 49.9 is not; likewise the custom concentration's 0.1 mg/mL.
#[test]
fn a_profile_value_at_the_lower_end_of_its_bound_is_accepted_and_below_it_refused() {
    let age = |years: f64| {
        profile(
            json!({ "monitoring": { "elderly_age_years": { "value": years, "reason": "committee" } } }),
        )
    };
    let p = keys(age(50.0)).expect("50 years is within 50 to 80");
    assert_eq!(p.thresholds().elderly_age_years.value, 50.0);
    assert_eq!(
        keys(age(49.9)).unwrap_err(),
        ["monitoring.elderly_age_years.value"]
    );
    let p = keys(age(80.0)).expect("80 years is within 50 to 80");
    assert_eq!(p.thresholds().elderly_age_years.value, 80.0);
    assert_eq!(
        keys(age(80.1)).unwrap_err(),
        ["monitoring.elderly_age_years.value"]
    );

    let range = |min: f64| {
        profile(
            json!({ "limits": { "custom_concentration_mg_per_ml": { "min": min, "max": 10.0 } } }),
        )
    };
    let p = keys(range(0.1)).expect("0.1 mg/mL is the calculator's own lower end");
    assert_eq!(p.thresholds().custom_concentration.value.0 .0, 0.1);
    assert_eq!(
        keys(range(0.09)).unwrap_err(),
        ["limits.custom_concentration_mg_per_ml.min"]
    );
}

// Mutant: `profile.rs` `Check::reason`, `r.trim().chars().count() < 3` with `<` made `<=`: the
// committee's reason of exactly 3 characters, the least accepted, would be refused.
#[test]
fn a_reason_of_three_characters_is_accepted_and_of_two_refused() {
    let with_reason = |reason: &str| {
        profile(json!({ "limits": { "iv_bolus_mg_per_kg": { "soft": 0.3, "reason": reason } } }))
    };
    let p = keys(with_reason("ICU")).expect("3 characters");
    assert_eq!(p.thresholds().recommended_bolus_max.value.0, 0.3);
    // Spaces around it do not count; letters beyond the Latin alphabet count one each.
    assert!(keys(with_reason("  ICU  ")).is_ok());
    assert!(keys(with_reason("ÜÖÄ")).is_ok());
    for short in ["IC", "  IC  ", ""] {
        assert_eq!(
            keys(with_reason(short)).unwrap_err(),
            ["limits.iv_bolus_mg_per_kg.reason"],
            "{short:?}"
        );
    }
}

// Mutant: `profile.rs` `Check::text`, `value.chars().count() > max_len` with `>` made `==`: a
// name of exactly the longest length would be refused, and a longer one let through onto every
// printout. The institution's name is 1 to 120 characters; the profile version 1 to 40.
#[test]
fn a_name_of_the_longest_length_is_accepted_and_one_more_refused() {
    let named = |institution: String, version: String| {
        let mut v = profile(json!({}));
        v["institution"] = json!(institution);
        v["profile_version"] = json!(version);
        v
    };
    let p = keys(named("H".repeat(120), "v".repeat(40))).expect("120 and 40 characters");
    assert_eq!(p.info().institution.chars().count(), 120);
    assert_eq!(
        keys(named("H".repeat(121), "v".repeat(40))).unwrap_err(),
        ["institution"]
    );
    assert_eq!(
        keys(named("H".repeat(120), "v".repeat(41))).unwrap_err(),
        ["profile_version"]
    );
    assert_eq!(
        keys(named("H".repeat(200), "v".to_string())).unwrap_err(),
        ["institution"]
    );
}

// Mutant: `profile.rs` `Check::soft_hard`, `s > h` (a soft limit above the hard one) with `>`
// made `>=`: a soft limit equal to the hard one (a committee that wants no warning band, only a
// block) would be refused.
#[test]
fn a_soft_limit_equal_to_the_hard_one_is_accepted_and_above_it_refused() {
    let limits = |soft: f64, hard: f64| {
        profile(
            json!({ "limits": { "iv_infusion_mg_per_kg_per_h": { "soft": soft, "hard": hard, "reason": "ward policy" } } }),
        )
    };
    let p = keys(limits(1.5, 1.5)).expect("soft equal to hard");
    assert_eq!(p.thresholds().icu_infusion_max.value.0, 1.5);
    assert_eq!(p.thresholds().recommended_infusion.value.1 .0, 1.5);
    assert!(keys(limits(1.4, 1.5)).is_ok());
    assert_eq!(
        keys(limits(1.6, 1.5)).unwrap_err(),
        ["limits.iv_infusion_mg_per_kg_per_h.soft"]
    );
}

// Mutants: `profile.rs` `valid_date`, the leap year `(y % 4 == 0 && y % 100 != 0) || y % 400 ==
// 0` with `||` made `&&`, `&&` made `||`, `==` made `!=` and `%` made `/`: a review date of
// 29 February would be refused in a leap year or accepted in another. By the Gregorian rule: 2028
// is a leap year (divisible by 4), 2027 is not, 2100 is not (by 100, not by 400), 2000 is (by 400).
#[test]
fn a_review_date_of_29_february_is_valid_only_in_a_leap_year() {
    let review = |date: &str| {
        let mut v = profile(json!({}));
        v["review_date"] = json!(date);
        keys(v)
    };
    for valid in [
        "2028-02-29",
        "2000-02-29",
        "2027-02-28",
        "2100-02-28",
        "2024-02-29",
    ] {
        assert!(review(valid).is_ok(), "{valid}");
    }
    for invalid in ["2027-02-29", "2100-02-29", "2026-02-29", "2028-02-30"] {
        assert_eq!(review(invalid).unwrap_err(), ["review_date"], "{invalid}");
    }
}

// Mutant: `profile.rs` `Profile::from_json`, `text.len() > MAX_FILE_BYTES` (64 KiB) with `>` made
// `>=`: a profile file of exactly the largest size would be refused unread.
#[test]
fn a_profile_file_of_exactly_64_kib_is_read_and_one_byte_more_refused() {
    use ketamine_engine::profile::MAX_FILE_BYTES;
    assert_eq!(MAX_FILE_BYTES, 65_536);
    let text = profile(json!({})).to_string();
    // JSON allows any whitespace after the value: pad the file to the exact size.
    let padded = |size: usize| format!("{text}{}", " ".repeat(size - text.len()));
    let at = padded(MAX_FILE_BYTES);
    assert_eq!(at.len(), 65_536);
    let p = Profile::from_json(&at).expect("64 KiB is read");
    assert_eq!(p.info().institution, "Test Hospital");
    let errors = Profile::from_json(&padded(MAX_FILE_BYTES + 1)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].key, "profile");
    assert!(
        errors[0]
            .message
            .starts_with("profile: the file is 65537 bytes"),
        "{}",
        errors[0].message
    );
}
