//! Bundles an institution profile into the app at build time: `KETAMINE_PROFILE=path/to/profile.json`
//! when running `trunk build` (or `scripts/serve.sh`). Without it the app carries no profile and a
//! page may still name one (see src/profile.rs). The file is validated when the page starts, like
//! any other profile; `scripts/check-profile.sh` validates it beforehand.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=KETAMINE_PROFILE");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("bundled-profile.json");
    let text = match env::var("KETAMINE_PROFILE") {
        Ok(path) if !path.trim().is_empty() => {
            let path = PathBuf::from(path);
            // Relative to the project root, where the commands are run.
            let path = if path.is_absolute() {
                path
            } else {
                PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join(path)
            };
            println!("cargo:rerun-if-changed={}", path.display());
            fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("KETAMINE_PROFILE: cannot read {}: {e}", path.display()))
        }
        _ => String::new(),
    };
    fs::write(&out, text).expect("write the bundled profile into OUT_DIR");
}
