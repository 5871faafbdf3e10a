//! The words beside each field filled from the record, in one place.

use crate::display::number;

/// What to do instead, by field: said after every note about a missing or refused value.
pub(super) const WEIGH: &str = "weigh the patient and enter the weight";
pub(super) const MEASURE: &str = "measure the height and enter it if the dosing weight needs it";

/// "From the record: 181.7 lb (82.4 kg), measured 2025-10-02", and when it is old, how old and
/// what to do.
pub(super) fn measured(recorded: &str, date: &str, old: Option<(i64, u32, &str)>) -> String {
    let line = format!("From the record: {recorded}, measured {date}");
    match old {
        None => line,
        Some((days, limit, again)) => format!(
            "{line}, {} days ago: older than {limit} days; {again} again.",
            number(days as f64)
        ),
    }
}

/// "From the record: 56 years (born 1970-11-27)" or "From the record: female".
pub(super) fn from_record(recorded: &str) -> String {
    format!("From the record: {recorded}")
}

pub(super) fn changed_by_hand(recorded: &str) -> String {
    format!("Changed by hand; the record gave {recorded}")
}

/// A note for a field left empty: what the record lacks or why its value is not used, then what
/// to do.
pub(super) fn not_filled(why: &str, instead: &str) -> String {
    format!("{why}: not filled; {instead}.")
}

/// A text from the record quoted in a note, cut short: a hostile record could send pages.
pub(super) fn quoted(text: &str) -> String {
    let mut short: String = text.chars().filter(|c| !c.is_control()).take(24).collect();
    if text.chars().count() > 24 {
        short.push('…');
    }
    format!("\"{short}\"")
}
