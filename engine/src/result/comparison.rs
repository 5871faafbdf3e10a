//! The comparison an independent double check adds to a result: the verdict, the entries and
//! results side by side, what counts as the same, and the comparison's lines on the note. The
//! shape only: how two entries are compared is `double_check`'s, which re-exports these.

use crate::sources::{Document, Source};
use serde::Serialize;

/// The overall answer, in the order of how much it asks of the clinicians.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every entry and every result agree.
    Match,
    /// Every result agrees, but the order was entered differently (a unit, an unused height):
    /// both should still describe the same written order.
    ResultsMatchEntriesDiffer,
    /// At least one result differs: find the cause before the infusion is prepared or started.
    Mismatch,
    /// One entry, or both, has no result (missing, invalid or blocked): nothing to compare yet.
    Incomplete,
}

/// One line of the comparison: the same field in each entry, side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The prefill key, or the result field, compared.
    pub key: &'static str,
    pub label: &'static str,
    /// As the first clinician entered it or got it; "not entered" or "none" when absent.
    pub first: String,
    pub second: String,
    pub same: bool,
}

/// The comparison of two entries of the same order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub verdict: Verdict,
    /// True only for [`Verdict::Match`].
    pub matches: bool,
    /// The verdict in plain words, naming what differs.
    pub summary: String,
    pub entries: Vec<Row>,
    pub results: Vec<Row>,
    /// What counts as the same, for the screen and the printout.
    pub rule: &'static str,
    pub source: Source,
    /// The second entry was changed after the comparison was made: the comparison is of the
    /// copy frozen when Compare was pressed, not of what the form now holds. Never a match.
    pub edited_after_comparison: bool,
}

pub const RULE: &str = "Same: the same number in the same unit for an entry; the same pump setting (to 0.1 mL/h) and the same volume to draw up after rounding; doses, rates and totals within half of the last digit shown.";

pub const SOURCE: Source = Source::new(
    Document::IndependentDoubleCheck,
    "independent double check: the second clinician works it out without seeing the first result",
);

impl Comparison {
    /// Marks the comparison as made before the second entry was changed.
    pub fn mark_edited(&mut self) {
        if self.edited_after_comparison {
            return;
        }
        self.edited_after_comparison = true;
        self.matches = false;
        self.summary = format!(
            "Edited after comparison: the second entry was changed after it was compared; this comparison is of the entry as it was then. End the double check and start a new one to check the changed entry. (At comparison: {})",
            self.summary
        );
    }
}

/// The comparison as lines of text for the note and the printout.
pub fn note_lines(c: &Comparison) -> Vec<String> {
    let mut lines = vec![format!("Independent double check: {}", c.summary)];
    for (heading, rows) in [("Entries", &c.entries), ("Results", &c.results)] {
        lines.push(format!("{heading} (first | second):"));
        for r in rows.iter() {
            let mark = if r.same { "same" } else { "DIFFERENT" };
            lines.push(format!(
                "- {}: {} | {} ({mark})",
                r.label, r.first, r.second
            ));
        }
    }
    lines.push(format!("{} ({})", c.rule, c.source));
    lines
}
