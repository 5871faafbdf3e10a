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
            if let Some(offered) = &t.protocols_offered {
                let keys: Vec<&str> = offered.iter().map(|p| p.key()).collect();
                println!("  protocols offered: {}", keys.join(", "));
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
