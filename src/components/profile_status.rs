//! Whose limits the page applies: on screen, the institution profile's name, version and review
//! date (flagged once the date has passed), or the guideline's limits; and, when a profile was
//! rejected, that the guideline applies instead and every key that was wrong. In print, the same
//! in one line of the print header ([`profile_line`]), so the plan still fits one page.
//!
//! ```no_run
//! use ketamine_calculator::components::profile_status::ProfileStatus;
//! use ketamine_calculator::state::{CalculatorProvider, ProfileState};
//! use leptos::prelude::*;
//! let _ = view! {
//!     <CalculatorProvider profile=ProfileState::Guideline>
//!         <ProfileStatus />
//!     </CalculatorProvider>
//! };
//! ```

use crate::state::{use_calculator, ProfileState};
use leptos::prelude::*;

/// The profile state in one sentence, for the print header.
pub fn profile_line(state: &ProfileState, today: &str) -> String {
    match state {
        ProfileState::Guideline => "Limits: the guideline's (no institution profile).".into(),
        ProfileState::Loading { from } => {
            format!("Institution profile: still loading from {from}; nothing is calculated.")
        }
        ProfileState::Active { profile, .. } => {
            let info = profile.info();
            let overdue = if profile.review_overdue(today) {
                " (review date passed)"
            } else {
                ""
            };
            format!(
                "Institution profile: {}, version {}, review date {}{overdue}.",
                info.institution, info.profile_version, info.review_date
            )
        }
        ProfileState::Rejected { from, .. } => {
            format!("Institution profile from {from} rejected: the guideline's limits apply.")
        }
    }
}

/// The active profile, the wait for one, or the fallback to the guideline.
#[component]
pub fn ProfileStatus() -> impl IntoView {
    let calculator = use_calculator();
    move || {
        let today = crate::browser::today();
        calculator.profile.with(|state| match state {
            ProfileState::Guideline => view! {
                <p id="profile-status" class="profile-status no-print">
                    "Limits: the guideline's. No institution profile is in use."
                </p>
            }
            .into_any(),
            ProfileState::Loading { from } => view! {
                <p id="profile-status" class="profile-status no-print" role="status">
                    "Loading the institution profile from " {from.clone()} "…"
                </p>
            }
            .into_any(),
            ProfileState::Active { profile, from } => {
                let info = profile.info().clone();
                let overdue = profile.review_overdue(&today);
                // Only the deployment's own profile may connect to a health record: the build
                // widens the page's Content-Security-Policy for its servers alone.
                // (A release built without cfg(smart) has no built-in `ehr` section at all.)
                let ehr_ignored = profile.ehr().is_some()
                    && (!cfg!(smart) || profile.ehr().cloned() != crate::profile::built_in_ehr());
                let approved = info
                    .approved_by
                    .map(|by| format!(", approved by {by}"))
                    .unwrap_or_default();
                view! {
                    <section
                        id="profile-status"
                        class="profile-status profile-active no-print"
                        aria-labelledby="profile-heading"
                    >
                        <h2 id="profile-heading">"Institution profile: " {info.institution}</h2>
                        <p>
                            "Version " {info.profile_version} ", review date "
                            <span class="profile-review-date">{info.review_date}</span>
                            {approved} ". Loaded from " {from.clone()} ". "
                            "Limits marked \u{201c}Institution profile\u{201d} are the hospital's; all others are the guideline's."
                        </p>
                        {overdue
                            .then(|| {
                                view! {
                                    <p class="profile-overdue">
                                        <strong>"Review date passed: "</strong>
                                        "check with pharmacy that this profile is still current."
                                    </p>
                                }
                            })}
                        {ehr_ignored
                            .then(|| {
                                view! {
                                    <p id="profile-ehr-ignored" class="profile-ehr-ignored">
                                        "This profile's health-record connection (ehr) is not used: only the profile built into this deployment can connect to a health record."
                                    </p>
                                }
                            })}
                    </section>
                }
                .into_any()
            }
            ProfileState::Rejected { from, errors } => view! {
                <section
                    id="profile-status"
                    class="profile-status profile-rejected no-print"
                    role="alert"
                    aria-labelledby="profile-heading"
                >
                    <h2 id="profile-heading">
                        "Institution profile not used: the guideline's limits apply"
                    </h2>
                    <p>"The profile from " {from.clone()} " was rejected:"</p>
                    <ul>
                        {errors
                            .iter()
                            .map(|e| view! { <li>{e.message.clone()}</li> })
                            .collect_view()}
                    </ul>
                    <p>"Tell the pharmacy team that maintains the profile."</p>
                </section>
            }
            .into_any(),
        })
    }
}
