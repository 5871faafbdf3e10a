//! What the app reads from the browser itself, below every other module: the local clock (the
//! time on a note or printout, today's date for a profile's review date) and whether the page is
//! framed by another. Kept apart so that the profile, the embed API and the share bar can all
//! ask without importing one another.

use leptos::prelude::window;

/// The local date and time as "2026-11-21 20:15", from the browser's clock.
pub fn local_timestamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}

/// Today's local date, `YYYY-MM-DD`, for the review-date check.
pub fn today() -> String {
    let mut now = local_timestamp();
    now.truncate("YYYY-MM-DD".len());
    now
}

/// Whether the page runs inside another page (an iframe).
pub fn framed() -> bool {
    window()
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !js_sys::Object::is(&parent, &window()))
}
