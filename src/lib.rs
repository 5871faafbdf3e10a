//! The browser app of the ketamine calculator: Leptos components, rendered client-side.
//!
//! The components collect text and show what [`ketamine_engine::calculate`] returns. Nothing here
//! computes, rounds or range-checks a clinical figure, so the engine's tests cover every number
//! the page can show.
//!
//! - [`state`]: the one [`Calculator`](state::Calculator) every part shares (and the embed module);
//! - [`profile`]: which institution profile applies, loaded from where;
//! - [`browser`]: the browser's clock and whether the page is framed, which the profile, the
//!   embed API and the share bar all ask;
//! - [`app`]: the page layout, the URL fragment;
//! - [`components`]: one concern per file (fields, patient, plan, alerts, results, share);
//! - [`smart`]: the patient's details from the health record (SMART on FHIR), when configured.

pub mod address;
pub mod app;
pub mod browser;
pub mod components;
pub mod crash;
pub mod embed;
pub mod profile;
pub mod pwa;
pub mod smart;
pub mod state;

pub use app::{App, Disclaimer};
pub use state::{use_calculator, Calculator, CalculatorProvider};
