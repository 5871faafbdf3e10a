//! Bundles an institution profile into the app at build time: `KETAMINE_PROFILE=path/to/profile.json`
//! when running `trunk build` (or `scripts/serve.sh`). Without it the app carries no profile and a
//! page may still name one (see src/profile.rs). The file is validated when the page starts, like
//! any other profile; `scripts/check-profile.sh` validates it beforehand.
//!
//! It also sets `cfg(smart)` when the SMART on FHIR code is compiled (`src/smart/`): in every
//! build with a built-in profile that has an `ehr` section, and in every build that is not a
//! release (the browser tests). A release without one behaves as it would with the code (the
//! connection needs the built-in `ehr` section either way) and carries none of it: about 40 KB of
//! wasm that no other deployment needs.

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
    println!("cargo::rustc-check-cfg=cfg(smart)");
    let has_ehr = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("ehr").is_some());
    let release = env::var("PROFILE").as_deref() == Ok("release");
    if has_ehr || !release {
        println!("cargo::rustc-cfg=smart");
    }
    fs::write(&out, text).expect("write the bundled profile into OUT_DIR");
}
