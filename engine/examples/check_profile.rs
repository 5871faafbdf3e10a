//! Checks an institution profile before it is deployed: prints what it sets, or every key that is
//! wrong. Exit status 0 when the calculator would accept it, 1 when it would reject it (and fall
//! back to the guideline), 2 when the file cannot be read.
//!
//! `scripts/check-profile.sh path/to/profile.json`

use ketamine_engine::display::number;
use ketamine_engine::profile::Profile;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_profile PROFILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    match Profile::from_json(&text) {
        Ok(profile) => {
            let info = profile.info();
            let t = profile.thresholds();
            println!(
                "{path}: accepted: {}, version {}, review date {}",
                info.institution, info.profile_version, info.review_date
            );
            let concentrations: Vec<String> = t
                .standard_concentrations
                .value
                .iter()
                .map(|c| number(c.0))
                .collect();
            println!(
                "  standard concentrations: {} mg/mL",
                concentrations.join(", ")
            );
            println!(
                "  IV bolus: warn above {} mg/kg, block above {} mg/kg",
                number(t.recommended_bolus_max.value.0),
                number(t.iv_bolus_hard_limit.value.0)
            );
            println!(
                "  IV infusion: warn above {} mg/kg/h, block above {} mg/kg/h",
                number(t.recommended_infusion.value.1 .0),
                number(t.icu_infusion_max.value.0)
            );
            let (warn, block) = t.continuous_infusion_days.value;
            println!(
                "  continuous infusion: warn above {} min, block above {} min",
                number(warn.0),
                number(block.0)
            );
            if let Some(total) = &t.total_per_day {
                let (soft, hard) = total.value;
                let limits: Vec<String> = [("warn", soft), ("block", hard)]
                    .into_iter()
                    .filter_map(|(what, v)| v.map(|m| format!("{what} above {} mg", number(m.0))))
                    .collect();
                println!("  total in a day: {}", limits.join(", "));
            }
            let (min, max) = t.custom_concentration.value;
            println!(
                "  custom concentration: {} to {} mg/mL",
                number(min.0),
                number(max.0)
            );
            println!(
                "  high-dose monitoring from: bolus {} mg/kg, infusion {} mg/kg/h",
                number(t.high_dose_bolus.value.0),
                number(t.high_dose_infusion.value.0)
            );
            if let Some(stabilized) = &t.stabilized_high_dose_infusion {
                println!(
                    "  stabilized patients: high-dose monitoring from {} mg/kg/h",
                    number(stabilized.value.0)
                );
            }
            println!(
                "  elderly from: {} years",
                number(t.elderly_age_years.value)
            );
            match &t.lower_thresholds {
                Some(lower) => println!(
                    "  elderly and comorbid patients: high-dose monitoring from bolus {} mg/kg, infusion {} mg/kg/h",
                    number(lower.value.0 .0),
                    number(lower.value.1 .0)
                ),
                None => println!(
                    "  elderly and comorbid patients: high-dose monitoring at any dose"
                ),
            }
            if let Some(offered) = &t.protocols_offered {
                let keys: Vec<&str> = offered.iter().map(|p| p.key()).collect();
                println!("  protocols offered: {}", keys.join(", "));
            }
            if let Some(ehr) = profile.ehr() {
                println!(
                    "  health record (only when built in): FHIR server {}, client id {}, weights old after {} days, heights after {} days",
                    ehr.fhir_base_url, ehr.client_id, ehr.weight_max_age_days, ehr.height_max_age_days
                );
                println!(
                    "  the build lets the page reach (connect-src): {}",
                    ehr.connect_origins().join(" ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            println!(
                "{path}: rejected; the calculator would apply the guideline's limits instead:"
            );
            for e in errors {
                println!("  {}", e.message);
            }
            ExitCode::from(1)
        }
    }
}
