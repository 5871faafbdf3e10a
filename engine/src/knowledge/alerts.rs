//! Alerts: every limit crossed, contraindication or warning, with its level and source. Hard
//! alerts block the result; soft alerts need the clinician's acknowledgement with a reason;
//! info alerts inform. This is the dose-error reduction model of smart-pump drug libraries.

use crate::sources::Source;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Blocks the result.
    Hard,
    /// Needs acknowledgement with a reason.
    Soft,
    /// Informs.
    Info,
}

/// Where a limit was set: the guideline and its studies, or (later) an institution's profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The guideline, its companion studies, or a documented choice of the calculator.
    Guideline,
    /// The institution profile.
    Profile,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alert {
    pub level: Level,
    /// Stable identifier, for acknowledgements and for hosts that react to alerts.
    pub code: String,
    pub message: String,
    pub source: Source,
    /// The prefill key of the field the alert is about, if any.
    pub field: Option<&'static str>,
    pub origin: Origin,
}

impl Alert {
    pub fn new(
        level: Level,
        code: impl Into<String>,
        message: impl Into<String>,
        source: Source,
    ) -> Self {
        let origin = if source.is_institution_profile() {
            Origin::Profile
        } else {
            Origin::Guideline
        };
        Alert {
            level,
            code: code.into(),
            message: message.into(),
            source,
            field: None,
            origin,
        }
    }

    pub fn on(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}
