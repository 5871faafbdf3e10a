//! The floor the benchmark compares the calculator with: Leptos mounting one element, nothing
//! else, built with the same release profile. Its `data-bench` element is what the benchmark
//! waits for, as it waits for the calculator's first result.

use leptos::prelude::*;

fn main() {
    mount_to_body(|| view! { <p data-bench="first-result">"ready: 0 mg"</p> });
}
