//! The source disclosure shown beside every figure, alert, range, requirement, test, protocol
//! and target: a small "Source" button that names the document and the table or question, and
//! opens to the full reference.
//!
//! Hover shows the document and place as the button's tooltip; keyboard focus shows them beside
//! the button; a tap, Enter or Space opens the full reference. Print shows the document and place
//! without the button.
//!
//! ```no_run
//! use ketamine_calculator::components::sources::SourceNote;
//! use ketamine_engine::sources::{Document, Source};
//! use leptos::prelude::*;
//! let _ = view! { <SourceNote source=Source::new(Document::Asra2018, "Table 6") /> };
//! ```

use ketamine_engine::sources::Source;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A page-unique id, for `aria-controls`.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The "Source" button and its disclosure.
#[component]
pub fn SourceNote(source: Source) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = unique_id("source");
    let short = source.to_string();
    view! {
        <span class="source">
            <button
                type="button"
                class="source-button"
                title=short.clone()
                aria-label=format!("Source: {short}")
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Source"
            </button>
            <span id=id class="source-detail" hidden=move || !open.get()>
                <span class="source-short">{short}</span>
                <span class="source-citation">{source.document.citation()}</span>
            </span>
        </span>
    }
}
