//! Institution profiles: a hospital's own standard concentrations, limits and thresholds, like a
//! smart pump's drug library. A profile may tighten the guideline freely and loosen it only within
//! what the guideline itself reports, with the committee's reason; an invalid or out-of-bound
//! profile is rejected whole, with a message naming each offending key, and the guideline applies.
//!
//! The file is JSON (schema `ketamine-calculator-profile`, version 1; see `examples/profile.json`
//! and `docs/pharmacy-profiles.md`), read by [`Profile::from_json`] (serde_json, with key paths
//! from serde_path_to_error) and validated by [`Profile::validate`].
//!
//! ```
//! use ketamine_engine::profile::{ProfileFile, Profile};
//! let file: ProfileFile = serde_json::from_str(r#"{
//!     "schema": "ketamine-calculator-profile", "schema_version": 1,
//!     "institution": "Example Hospital", "profile_version": "2026-1", "review_date": "2027-06-30",
//!     "limits": { "iv_infusion_mg_per_kg_per_h": { "soft": 1.5, "hard": 2, "reason": "ward policy" } }
//! }"#).unwrap();
//! let profile = Profile::validate(file).unwrap();
//! assert_eq!(profile.thresholds().icu_infusion_max.value.0, 2.0);
//! ```

use crate::care_area::{CareArea, CareLevel};
use crate::display::number;
use crate::protocols::Protocol;
use crate::sources::{Document, Source};
use crate::thresholds::{ProfileCareArea, ProfileInfo, Sourced, Thresholds};
use crate::units::{Mg, MgPerKg, MgPerKgPerH, MgPerMl, Minutes};
use serde::{Deserialize, Deserializer};

pub const SCHEMA: &str = "ketamine-calculator-profile";
pub const SCHEMA_VERSION: u32 = 1;

/// A soft limit (needs acknowledgement) and a hard limit (blocks), with the committee's reason.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SoftHard {
    pub soft: Option<f64>,
    pub hard: Option<f64>,
    pub reason: Option<String>,
}

/// A value with the reason the committee gives for it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reasoned {
    pub value: f64,
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinMax {
    pub min: f64,
    pub max: f64,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LowerThresholds {
    pub bolus_mg_per_kg: f64,
    pub infusion_mg_per_kg_per_h: f64,
    pub reason: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub iv_bolus_mg_per_kg: Option<SoftHard>,
    pub iv_infusion_mg_per_kg_per_h: Option<SoftHard>,
    pub continuous_infusion_min: Option<SoftHard>,
    pub total_mg_per_day: Option<SoftHard>,
    pub custom_concentration_mg_per_ml: Option<MinMax>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    pub high_dose_bolus_mg_per_kg: Option<Reasoned>,
    pub high_dose_infusion_mg_per_kg_per_h: Option<Reasoned>,
    pub stabilized_high_dose_infusion_mg_per_kg_per_h: Option<Reasoned>,
    pub elderly_age_years: Option<Reasoned>,
    pub lower_thresholds: Option<LowerThresholds>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Protocols {
    pub offered: Vec<String>,
    pub default: Option<String>,
}

/// The profile file as written by a pharmacy team.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub schema: String,
    pub schema_version: u32,
    pub institution: String,
    pub profile_version: String,
    /// The date by which the committee reviews the profile again, `YYYY-MM-DD`.
    pub review_date: String,
    pub approved_by: Option<String>,
    pub standard_concentrations_mg_per_ml: Option<Vec<f64>>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub monitoring: Monitoring,
    pub protocols: Option<Protocols>,
    /// The institution's own care areas, each mapped onto a care level, with limits of its own.
    pub care_areas: Option<Vec<CareAreaFile>>,
    /// The health record this deployment reads the patient's weight, height, age and sex from
    /// (SMART on FHIR); used only from a profile built into the deployment.
    pub ehr: Option<EhrFile>,
}

/// The `ehr` section as written: where the health record's FHIR server is and who the calculator
/// is to it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EhrFile {
    /// The FHIR server's base URL, e.g. `https://fhir.example-hospital.org/r4`.
    pub fhir_base_url: String,
    /// The calculator's client id, as registered with the health record's authorization server.
    pub client_id: String,
    /// The origins of the authorization and token endpoints, when not the FHIR server's own.
    #[serde(default)]
    pub authorization_origins: Vec<String>,
    /// Days after which a weight from the record is flagged as old ([`WEIGHT_MAX_AGE_DAYS`]).
    pub weight_max_age_days: Option<u32>,
    /// Days after which a height from the record is flagged as old ([`HEIGHT_MAX_AGE_DAYS`]).
    pub height_max_age_days: Option<u32>,
}

/// A validated `ehr` section.
#[derive(Clone, Debug, PartialEq)]
pub struct Ehr {
    /// `https://` (or `http://` on the machine itself), without a trailing slash, query or fragment.
    pub fhir_base_url: String,
    pub client_id: String,
    /// Each `scheme://host[:port]`.
    pub authorization_origins: Vec<String>,
    pub weight_max_age_days: u32,
    pub height_max_age_days: u32,
}

/// A weight from the record older than this many days is flagged as old, unless the profile says
/// otherwise (1 to 365). The calculator's choice: ISMP Canada asks order entry to "require recent
/// values" of weight and gives no number (bulletin "Weight-Based Medication Dose Errors",
/// 7 December 2016); 30 days is about the span of an outpatient infusion course.
pub const WEIGHT_MAX_AGE_DAYS: (u32, u32, u32) = (30, 1, 365);
/// The same for height (default 365 days, 1 to 3,650): an adult's height changes slowly.
pub const HEIGHT_MAX_AGE_DAYS: (u32, u32, u32) = (365, 1, 3650);
/// The most authorization origins an `ehr` section may list.
pub const MAX_AUTHORIZATION_ORIGINS: usize = 4;

/// Hosts on which plain `http://` is accepted: the machine itself (a test bed), never a network.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl Ehr {
    /// The FHIR server's origin, `scheme://host[:port]`.
    pub fn fhir_origin(&self) -> String {
        let (scheme, rest) = self.fhir_base_url.split_once("://").unwrap_or_default();
        let authority = rest.split('/').next().unwrap_or_default();
        format!("{scheme}://{authority}")
    }

    /// Every origin the page must reach, the FHIR server's first, each once: what the build adds
    /// to the Content-Security-Policy's `connect-src`.
    pub fn connect_origins(&self) -> Vec<String> {
        let mut all = vec![self.fhir_origin()];
        for o in &self.authorization_origins {
            if !all.contains(o) {
                all.push(o.clone());
            }
        }
        all
    }

    /// Whether an EHR launch's `iss` names this deployment's FHIR server (a trailing slash aside).
    pub fn is_configured_server(&self, iss: &str) -> bool {
        iss.strip_suffix('/').unwrap_or(iss) == self.fhir_base_url
    }
}

/// The parts of a web address the `ehr` section needs: scheme, authority and path.
struct WebAddress<'a> {
    authority: &'a str,
    path: &'a str,
}

/// Checks an `http(s)` address: https, or http only on the machine itself; lower-case scheme and
/// host; no user name, query or fragment; a port, when given, 1 to 65535.
fn web_address(text: &str) -> Result<WebAddress<'_>, String> {
    if text.is_empty() || text.len() > 2000 {
        return Err("must be a web address of 1 to 2,000 characters".into());
    }
    if text.chars().any(|c| !c.is_ascii_graphic()) {
        return Err("must be written without spaces or characters outside ASCII".into());
    }
    if text.contains(['?', '#']) {
        return Err("must have no query (?) or fragment (#)".into());
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or_else(|| "must start with https://".to_string())?;
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err("must not carry a user name or password".into());
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (_, after) = inner
            .split_once(']')
            .ok_or_else(|| "has an unclosed [ in its host".to_string())?;
        let host = &authority[..authority.len() - after.len()];
        (host, after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'));
    if !host_ok {
        return Err("must name a host in lower-case letters, digits, hyphens and dots".into());
    }
    if let Some(port) = port {
        let ok = !port.is_empty()
            && port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && (1..=65535).contains(&port.parse::<u32>().unwrap_or(0));
        if !ok {
            return Err("has a port outside 1 to 65535".into());
        }
    }
    match scheme {
        "https" => {}
        "http" if LOOPBACK_HOSTS.contains(&host) => {}
        "http" => {
            return Err(
                "must use https:// (http:// only on 127.0.0.1, localhost or [::1], for testing)"
                    .into(),
            )
        }
        _ => return Err("must start with https://".into()),
    }
    Ok(WebAddress { authority, path })
}

/// Validates the `ehr` section; every problem named by its key.
fn ehr(c: &mut Check, file: &EhrFile) -> Ehr {
    let base = file
        .fhir_base_url
        .strip_suffix('/')
        .unwrap_or(&file.fhir_base_url);
    match web_address(base) {
        Ok(a) if a.authority.is_empty() => c.fail("ehr.fhir_base_url", "must name a host".into()),
        Ok(_) => {}
        Err(why) => c.fail("ehr.fhir_base_url", why),
    }
    let id = &file.client_id;
    let printable = id.chars().all(|ch| ch.is_ascii_graphic() || ch == ' ');
    if id.trim().is_empty() || id.len() > 200 || !printable {
        c.fail(
            "ehr.client_id",
            "must be 1 to 200 printable ASCII characters".into(),
        );
    }
    if file.authorization_origins.len() > MAX_AUTHORIZATION_ORIGINS {
        c.fail(
            "ehr.authorization_origins",
            format!(
                "lists {}; at most {MAX_AUTHORIZATION_ORIGINS} origins",
                file.authorization_origins.len()
            ),
        );
    }
    let origins = file
        .authorization_origins
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let key = format!("ehr.authorization_origins[{i}]");
            let origin = o.strip_suffix('/').unwrap_or(o);
            match web_address(origin) {
                Ok(a) if a.path.is_empty() => {}
                Ok(_) => c.fail(
                    &key,
                    "must be an origin only (scheme://host[:port]), without a path".into(),
                ),
                Err(why) => c.fail(&key, why),
            }
            origin.to_string()
        })
        .collect();
    let mut days = |key: &str, value: Option<u32>, (default, min, max): (u32, u32, u32)| {
        let v = value.unwrap_or(default);
        c.within(
            key,
            f64::from(v),
            f64::from(min),
            f64::from(max),
            "days after which a measurement from the record is flagged as old",
        );
        v
    };
    Ehr {
        fhir_base_url: base.to_string(),
        client_id: id.clone(),
        authorization_origins: origins,
        weight_max_age_days: days(
            "ehr.weight_max_age_days",
            file.weight_max_age_days,
            WEIGHT_MAX_AGE_DAYS,
        ),
        height_max_age_days: days(
            "ehr.height_max_age_days",
            file.height_max_age_days,
            HEIGHT_MAX_AGE_DAYS,
        ),
    }
}

/// A care area as a pharmacy team names it, like a care area of a pump's drug library.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CareAreaFile {
    /// The `care_area` value: lower-case letters, digits and hyphens.
    pub id: String,
    /// What clinicians see, e.g. "Pain clinic infusion suite, floor 3".
    pub label: String,
    /// `outpatient`, `ward`, `monitored` or `icu`: what the care area provides.
    pub level: String,
    /// Limits in this care area, within the same bounds as the profile's own.
    pub limits: Option<Limits>,
}

/// Why a profile was rejected: the key and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ProfileError {
    pub key: String,
    pub message: String,
}

/// A validated profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    thresholds: Thresholds,
    ehr: Option<Ehr>,
}

const PROFILE: Source = Source::new(Document::InstitutionProfile, "limits set by the hospital");

struct Check {
    errors: Vec<ProfileError>,
}

impl Check {
    fn fail(&mut self, key: &str, message: String) {
        self.errors.push(ProfileError {
            key: key.to_string(),
            message: format!("{key}: {message}"),
        });
    }

    /// A number that must lie within [min, max] (the bound the profile cannot cross).
    fn within(&mut self, key: &str, value: f64, min: f64, max: f64, why: &str) -> bool {
        if !value.is_finite() || value < min || value > max {
            self.fail(
                key,
                format!(
                    "{} is outside {} to {}: {why}",
                    number(value),
                    number(min),
                    number(max)
                ),
            );
            return false;
        }
        true
    }

    fn reason(&mut self, key: &str, reason: &Option<String>) {
        if reason
            .as_deref()
            .is_none_or(|r| r.trim().chars().count() < 3)
        {
            self.fail(
                key,
                "give the committee's reason (at least 3 characters)".into(),
            );
        }
    }

    fn text(&mut self, key: &str, value: &str, max_len: usize) {
        if value.trim().is_empty() || value.chars().count() > max_len {
            self.fail(key, format!("must be 1 to {max_len} characters"));
        }
    }

    /// Soft and hard limits, each within (0, ceiling], soft not above hard.
    fn soft_hard(
        &mut self,
        key: &str,
        limits: &SoftHard,
        soft_ceiling: f64,
        hard_ceiling: f64,
        why: &str,
    ) -> (Option<f64>, Option<f64>) {
        let soft = limits.soft.filter(|v| {
            self.within(
                &format!("{key}.soft"),
                *v,
                f64::MIN_POSITIVE,
                soft_ceiling,
                why,
            )
        });
        let hard = limits.hard.filter(|v| {
            self.within(
                &format!("{key}.hard"),
                *v,
                f64::MIN_POSITIVE,
                hard_ceiling,
                why,
            )
        });
        if let (Some(s), Some(h)) = (soft, hard) {
            if s > h {
                self.fail(
                    &format!("{key}.soft"),
                    format!("{} is above the hard limit {}", number(s), number(h)),
                );
            }
        }
        if limits.soft.is_none() && limits.hard.is_none() {
            self.fail(key, "give a soft limit, a hard limit or both".into());
        }
        self.reason(&format!("{key}.reason"), &limits.reason);
        (soft, hard)
    }
}

/// Applies a profile's limits (at the top level, or for one care area) onto `t`, each within the
/// bound of the guideline `g`; `prefix` is the key path named in errors.
fn apply_limits(
    c: &mut Check,
    prefix: &str,
    l: &Limits,
    g: &Thresholds,
    t: &mut Thresholds,
    source: Source,
) {
    if let Some(b) = &l.iv_bolus_mg_per_kg {
        let (soft, hard) = c.soft_hard(
            &format!("{prefix}.iv_bolus_mg_per_kg"),
            b,
            g.recommended_bolus_max.value.0,
            g.iv_bolus_hard_limit.value.0,
            "a profile may tighten the guideline's IV bolus (up to 0.35 mg/kg; blocked above 0.75 mg/kg), not loosen it",
        );
        if let Some(s) = soft {
            t.recommended_bolus_max = Sourced {
                value: MgPerKg(s),
                source,
            };
        }
        if let Some(h) = hard {
            t.iv_bolus_hard_limit = Sourced {
                value: MgPerKg(h),
                source,
            };
        }
    }
    if let Some(r) = &l.iv_infusion_mg_per_kg_per_h {
        let (soft, hard) = c.soft_hard(
            &format!("{prefix}.iv_infusion_mg_per_kg_per_h"),
            r,
            g.recommended_infusion.value.1 .0,
            g.icu_infusion_max.value.0,
            "a profile may tighten the guideline's IV infusion (recommended up to 2 mg/kg per hour; at most 7 in an ICU), not loosen it",
        );
        if let Some(s) = soft {
            let (min, _) = g.recommended_infusion.value;
            t.recommended_infusion = Sourced {
                value: (MgPerKgPerH(min.0.min(s)), MgPerKgPerH(s)),
                source,
            };
        }
        if let Some(h) = hard {
            t.icu_infusion_max = Sourced {
                value: MgPerKgPerH(h),
                source,
            };
        }
    }
    if let Some(d) = &l.continuous_infusion_min {
        let (warn, block) = g.continuous_infusion_days.value;
        let (soft, hard) = c.soft_hard(
            &format!("{prefix}.continuous_infusion_min"),
            d,
            warn.0,
            block.0,
            "a profile may shorten Correll's proposed 4-5 days (5,760-7,200 min), not lengthen it",
        );
        let soft = soft.unwrap_or(warn.0.min(hard.unwrap_or(warn.0)));
        let hard = hard.unwrap_or(block.0);
        t.continuous_infusion_days = Sourced {
            value: (Minutes(soft), Minutes(hard)),
            source,
        };
    }
    if let Some(total) = &l.total_mg_per_day {
        let (soft, hard) = c.soft_hard(
            &format!("{prefix}.total_mg_per_day"),
            total,
            20_000.0,
            20_000.0,
            "the sources set no daily total; a profile may set one up to 20,000 mg",
        );
        t.total_per_day = Some(Sourced {
            value: (soft.map(Mg), hard.map(Mg)),
            source,
        });
    }
    if let Some(range) = &l.custom_concentration_mg_per_ml {
        let key = format!("{prefix}.custom_concentration_mg_per_ml");
        let (gmin, gmax) = g.custom_concentration.value;
        let why =
            "a profile may narrow the calculator's custom range (0.1 to 50 mg/mL), not widen it";
        let ok_min = c.within(&format!("{key}.min"), range.min, gmin.0, gmax.0, why);
        let ok_max = c.within(&format!("{key}.max"), range.max, gmin.0, gmax.0, why);
        if ok_min && ok_max && range.min >= range.max {
            c.fail(&format!("{key}.min"), "must be below max".into());
        }
        t.custom_concentration = Sourced {
            value: (MgPerMl(range.min), MgPerMl(range.max)),
            source,
        };
    }
}

/// Where a care area's own limits come from, as its alerts say.
const CARE_AREA_LIMITS: Source = Source::new(
    Document::InstitutionProfile,
    "limits set by the hospital for this care area",
);

/// Validates the profile's care areas; each with limits gets the profile's thresholds with its
/// limits applied over them, within the guideline's bounds (`g`), as the profile's own are.
fn care_areas(
    c: &mut Check,
    areas: &[CareAreaFile],
    g: &Thresholds,
    t: &Thresholds,
) -> Vec<ProfileCareArea> {
    if areas.is_empty() {
        c.fail(
            "care_areas",
            "list at least one care area, or leave the key out".into(),
        );
    }
    let mut plain = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        let key = format!("care_areas[{i}]");
        let id_ok = !a.id.is_empty()
            && a.id.len() <= 40
            && a.id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !id_ok {
            c.fail(
                &format!("{key}.id"),
                "must be 1 to 40 lower-case letters, digits or hyphens".into(),
            );
        } else if areas[..i].iter().any(|b| b.id == a.id) {
            c.fail(
                &format!("{key}.id"),
                format!("\"{}\" is listed twice", a.id),
            );
        }
        c.text(&format!("{key}.label"), &a.label, 120);
        let level = CareLevel::from_key(&a.level);
        if level.is_none() {
            c.fail(
                &format!("{key}.level"),
                format!(
                    "\"{}\" is not a care level; choose outpatient, ward, monitored or icu",
                    a.level
                ),
            );
        }
        plain.push(ProfileCareArea {
            area: CareArea {
                id: a.id.clone(),
                label: a.label.trim().to_string(),
                level: level.unwrap_or(CareLevel::Outpatient),
            },
            thresholds: None,
        });
    }
    areas
        .iter()
        .zip(plain.clone())
        .enumerate()
        .map(|(i, (a, mut entry))| {
            if let Some(limits) = &a.limits {
                let mut in_area = t.clone();
                in_area.care_areas = Some(plain.clone());
                apply_limits(
                    c,
                    &format!("care_areas[{i}].limits"),
                    limits,
                    g,
                    &mut in_area,
                    CARE_AREA_LIMITS,
                );
                entry.thresholds = Some(Box::new(in_area));
            }
            entry
        })
        .collect()
}

fn valid_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    text.len() == 10
        && (2000..=2100).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days[(m - 1) as usize]
}

/// A file that does not fit the schema, named by the key path where it stopped (`profile` for
/// the file as a whole).
fn schema_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> Vec<ProfileError> {
    let key = match e.path().to_string() {
        root if root == "." => "profile".to_string(),
        path => path,
    };
    vec![ProfileError {
        message: format!("{key}: {}", e.inner()),
        key,
    }]
}

/// The largest profile file read, in bytes: a profile is a page of settings, and a bigger file is
/// a mistake (the wrong file named) or hostile.
pub const MAX_FILE_BYTES: usize = 64 * 1024;

impl Profile {
    /// Reads and validates a profile file's text. A file above [`MAX_FILE_BYTES`] is refused
    /// unread.
    ///
    /// ```
    /// use ketamine_engine::profile::Profile;
    /// let errors = Profile::from_json("not JSON").unwrap_err();
    /// assert_eq!(errors[0].key, "profile");
    /// assert!(errors[0].message.contains("at line 1 column 2"), "{errors:?}");
    /// ```
    pub fn from_json(text: &str) -> Result<Profile, Vec<ProfileError>> {
        if text.len() > MAX_FILE_BYTES {
            return Err(vec![ProfileError {
                key: "profile".into(),
                message: format!(
                    "profile: the file is {} bytes; a profile is at most {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            }]);
        }
        let mut json = serde_json::Deserializer::from_str(text);
        let file: ProfileFile = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            if e.inner().is_syntax() || e.inner().is_eof() {
                // Not a key's fault: the file is broken where the parser stopped.
                vec![ProfileError {
                    key: "profile".into(),
                    message: format!("profile: the file is not valid JSON ({})", e.inner()),
                }]
            } else {
                schema_error(e)
            }
        })?;
        Profile::validate(file)
    }

    /// Reads a profile from any serde deserializer (`serde_json` natively, `serde-wasm-bindgen`
    /// over `JSON.parse` in the browser) and validates it. A file that does not fit the schema
    /// (an unknown or misspelled key, a missing one, a wrong type) is rejected with its key path.
    ///
    /// ```
    /// use ketamine_engine::profile::Profile;
    /// let mut json = serde_json::Deserializer::from_str(r#"{"schema": "ketamine-calculator-profile",
    ///     "schema_version": 1, "institution": "H", "profile_version": "1", "review_date": "2027-01-01",
    ///     "limits": {"iv_bolus_mg_per_kg": {"sfot": 0.2}}}"#);
    /// let errors = Profile::load(&mut json).unwrap_err();
    /// assert_eq!(errors[0].key, "limits.iv_bolus_mg_per_kg.sfot");
    /// ```
    pub fn load<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Profile, Vec<ProfileError>> {
        let file: ProfileFile =
            serde_path_to_error::deserialize(deserializer).map_err(schema_error)?;
        Profile::validate(file)
    }

    /// Validates a profile against its schema and the bounds of the guideline. Every problem is
    /// reported, each naming its key.
    pub fn validate(file: ProfileFile) -> Result<Profile, Vec<ProfileError>> {
        let g = Thresholds::guideline();
        let mut t = g.clone();
        let mut c = Check { errors: Vec::new() };
        if file.schema != SCHEMA {
            c.fail("schema", format!("must be \"{SCHEMA}\""));
        }
        if file.schema_version != SCHEMA_VERSION {
            c.fail(
                "schema_version",
                format!(
                    "must be {SCHEMA_VERSION}; this calculator reads version {SCHEMA_VERSION} only"
                ),
            );
        }
        c.text("institution", &file.institution, 120);
        c.text("profile_version", &file.profile_version, 40);
        if !valid_date(&file.review_date) {
            c.fail("review_date", "must be a date written YYYY-MM-DD".into());
        }
        if let Some(by) = &file.approved_by {
            c.text("approved_by", by, 120);
        }

        if let Some(list) = &file.standard_concentrations_mg_per_ml {
            if list.is_empty() {
                c.fail(
                    "standard_concentrations_mg_per_ml",
                    "list at least one concentration".into(),
                );
            }
            let (weakest, strongest_iv) = g.custom_concentration.value;
            for (i, v) in list.iter().enumerate() {
                // 100 mg/mL is the vial the guideline's list has, blocked for IV use undiluted;
                // anything else above the strongest concentration given IV undiluted would skip
                // the custom range's hard limit by being "standard".
                if *v != 100.0 {
                    c.within(
                        &format!("standard_concentrations_mg_per_ml[{i}]"),
                        *v,
                        weakest.0,
                        strongest_iv.0,
                        "a standard concentration is 0.1 to 50 mg/mL, or the 100 mg/mL vial (which must be diluted for IV use)",
                    );
                }
            }
            t.standard_concentrations = Sourced {
                value: list.iter().copied().map(MgPerMl).collect(),
                source: PROFILE,
            };
        }

        apply_limits(&mut c, "limits", &file.limits, &g, &mut t, PROFILE);

        let m = &file.monitoring;
        if let Some(b) = &m.high_dose_bolus_mg_per_kg {
            let key = "monitoring.high_dose_bolus_mg_per_kg";
            c.within(
                &format!("{key}.value"),
                b.value,
                0.01,
                g.high_dose_bolus.value.0,
                "a profile may lower the guideline's 0.35 mg/kg, not raise it",
            );
            c.reason(&format!("{key}.reason"), &Some(b.reason.clone()));
            t.high_dose_bolus = Sourced {
                value: MgPerKg(b.value),
                source: PROFILE,
            };
        }
        if let Some(r) = &m.high_dose_infusion_mg_per_kg_per_h {
            let key = "monitoring.high_dose_infusion_mg_per_kg_per_h";
            c.within(
                &format!("{key}.value"),
                r.value,
                0.01,
                g.high_dose_infusion.value.0,
                "a profile may lower the guideline's 1 mg/kg per hour; a higher threshold is allowed only for stabilized patients (stabilized_high_dose_infusion_mg_per_kg_per_h)",
            );
            c.reason(&format!("{key}.reason"), &Some(r.reason.clone()));
            t.high_dose_infusion = Sourced {
                value: MgPerKgPerH(r.value),
                source: PROFILE,
            };
        }
        if let Some(r) = &m.stabilized_high_dose_infusion_mg_per_kg_per_h {
            let key = "monitoring.stabilized_high_dose_infusion_mg_per_kg_per_h";
            c.within(
                &format!("{key}.value"),
                r.value,
                g.high_dose_infusion.value.0,
                g.recommended_infusion.value.1 .0,
                "question 6 allows higher cut-offs for patients stabilized on higher dosages, within the recommended range (up to 2 mg/kg per hour)",
            );
            c.reason(&format!("{key}.reason"), &Some(r.reason.clone()));
            t.stabilized_high_dose_infusion = Some(Sourced {
                value: MgPerKgPerH(r.value),
                source: PROFILE,
            });
        }
        if let Some(a) = &m.elderly_age_years {
            let key = "monitoring.elderly_age_years";
            c.within(
                &format!("{key}.value"),
                a.value,
                50.0,
                80.0,
                "the guideline gives no age; a profile may set 50 to 80 years",
            );
            c.reason(&format!("{key}.reason"), &Some(a.reason.clone()));
            t.elderly_age_years = Sourced {
                value: a.value,
                source: PROFILE,
            };
        }
        if let Some(lt) = &m.lower_thresholds {
            let key = "monitoring.lower_thresholds";
            let bolus_max = t.high_dose_bolus.value.0;
            let rate_max = t.high_dose_infusion.value.0;
            // Strictly lower: equal thresholds would switch the guideline's escalation for elderly
            // and comorbid patients off.
            for (field, value, max, what) in [
                ("bolus_mg_per_kg", lt.bolus_mg_per_kg, bolus_max, "bolus"),
                (
                    "infusion_mg_per_kg_per_h",
                    lt.infusion_mg_per_kg_per_h,
                    rate_max,
                    "infusion",
                ),
            ] {
                let key = format!("{key}.{field}");
                let why = format!(
                    "must be lower than the high-dose {what} threshold ({}), as the guideline asks",
                    number(max)
                );
                if c.within(&key, value, 0.0, max, &why) && value >= max {
                    c.fail(&key, format!("{} is not {why}", number(value)));
                }
            }
            c.reason(&format!("{key}.reason"), &Some(lt.reason.clone()));
            t.lower_thresholds = Some(Sourced {
                value: (
                    MgPerKg(lt.bolus_mg_per_kg),
                    MgPerKgPerH(lt.infusion_mg_per_kg_per_h),
                ),
                source: PROFILE,
            });
        }

        if let Some(p) = &file.protocols {
            let mut offered = Vec::new();
            if p.offered.is_empty() {
                c.fail("protocols.offered", "list at least one protocol".into());
            }
            for (i, id) in p.offered.iter().enumerate() {
                match Protocol::from_key(id) {
                    Some(protocol) => offered.push(protocol),
                    None => c.fail(
                        &format!("protocols.offered[{i}]"),
                        format!("unknown protocol \"{id}\""),
                    ),
                }
            }
            if let Some(default) = &p.default {
                match Protocol::from_key(default) {
                    Some(d) if offered.contains(&d) => t.default_protocol = Some(d),
                    _ => c.fail(
                        "protocols.default",
                        format!("\"{default}\" is not among the offered protocols"),
                    ),
                }
            }
            t.protocols_offered = Some(offered);
        }

        t.profile = Some(ProfileInfo {
            institution: file.institution.trim().to_string(),
            profile_version: file.profile_version.trim().to_string(),
            review_date: file.review_date.clone(),
            approved_by: file.approved_by.clone(),
        });
        if let Some(areas) = &file.care_areas {
            t.care_areas = Some(care_areas(&mut c, areas, &g, &t));
        }
        let ehr = file.ehr.as_ref().map(|e| ehr(&mut c, e));
        if c.errors.is_empty() {
            Ok(Profile { thresholds: t, ehr })
        } else {
            Err(c.errors)
        }
    }

    /// The thresholds with this profile applied.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// The health record to read from, when the profile names one.
    pub fn ehr(&self) -> Option<&Ehr> {
        self.ehr.as_ref()
    }

    /// The profile's name and review details.
    pub fn info(&self) -> &ProfileInfo {
        self.thresholds
            .profile
            .as_ref()
            .expect("a validated profile has its info")
    }

    /// Whether the review date has passed on `today` (`YYYY-MM-DD`): the page says so visibly.
    pub fn review_overdue(&self, today: &str) -> bool {
        valid_date(today) && today > self.info().review_date.as_str()
    }
}
