//! Browser entry point: Trunk builds this binary to wasm and runs `main` when the page loads.

fn main() {
    // First: a panic anywhere after this, even while mounting, clears the page (src/crash.rs).
    ketamine_calculator::crash::install_panic_hook();
    leptos::mount::mount_to_body(ketamine_calculator::App);
}
