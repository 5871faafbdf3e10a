//! Browser entry point: Trunk builds this binary to wasm and runs `main` when the page loads.

fn main() {
    leptos::mount::mount_to_body(ketamine_calculator::App);
}
