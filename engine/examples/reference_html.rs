//! Prints the page's static reference text as HTML, straight from the engine: the rescue
//! medications and the full references. The build (`pwa/static-reference.mjs`, a Trunk hook) puts
//! it into `index.html`, so that it is readable before the WebAssembly arrives, or without it, and
//! the wasm carries no view of it; once the app is up it moves each section to its place in the
//! layout (`src/app.rs`). One source of truth: the text is the engine's, not a copy.
//!
//! `cargo run -q -p ketamine-engine --example reference_html`

use ketamine_engine::rescue::rescue;
use ketamine_engine::sources::{Document, Source};
use std::fmt::Write;

/// Text made safe for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A source in words beside its item (the live page's "Source" button needs the wasm; the full
/// reference is in the list below).
fn source(s: Source) -> String {
    format!(
        r#" <span class="source-text">(Source: {})</span>"#,
        esc(&s.to_string())
    )
}

fn main() {
    let r = rescue();
    let mut html = String::new();
    html.push_str(r#"<div id="reference" class="page reference-static">"#);
    html.push_str(r#"<section id="static-rescue" class="card result rescue" aria-labelledby="rescue-heading"><h2 id="rescue-heading">Rescue medications</h2>"#);
    html.push_str(r#"<details class="reference"><summary>Names and purposes (the sources give no doses)</summary><ul>"#);
    for m in &r.medications {
        let _ = write!(
            html,
            "<li><strong>{}</strong>: {}{}</li>",
            esc(m.name),
            esc(m.purpose),
            source(m.source)
        );
    }
    html.push_str(r#"</ul><ul class="notes">"#);
    for (text, s) in &r.notes {
        let _ = write!(html, "<li>{}{}</li>", esc(text), source(*s));
    }
    html.push_str("</ul></details></section>");
    html.push_str(r#"<section id="static-references" class="card references" aria-labelledby="references-heading"><h2 id="references-heading">References</h2><ul>"#);
    for d in Document::ALL {
        let _ = write!(
            html,
            "<li><strong>{}</strong>: {}</li>",
            esc(d.short_name()),
            esc(d.citation())
        );
    }
    html.push_str("</ul></section></div>");
    println!("{html}");
}
