//! Browser entry point: Trunk builds this binary to wasm and runs `main` when the page loads.

//! It mounts into `<div id="app">`, before the static reference text that the build wrote into
//! `index.html` (which the app then moves into its layout).

fn main() {
    // First: a panic anywhere after this, even while mounting, clears the page (src/crash.rs).
    ketamine_calculator::crash::install_panic_hook();
    let app = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match app {
        Some(app) => leptos::mount::mount_to(app, ketamine_calculator::App).forget(),
        None => leptos::mount::mount_to_body(ketamine_calculator::App),
    }
}
