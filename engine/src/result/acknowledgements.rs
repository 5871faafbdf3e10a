//! Acknowledgements of soft alerts. A soft limit, as on a smart pump, lets the plan proceed only
//! after the clinician confirms it with a reason; the reason travels into the printout and the
//! note. An acknowledgement covers the alert exactly as it was shown: change the dose and the new
//! alert needs a new one. Acknowledgements are never read from a link: each clinician confirms
//! for themselves.
//!
//! ```
//! use ketamine_engine::acknowledgements::{Acknowledgement, pending};
//! use ketamine_engine::{calculate, Inputs};
//! let result = calculate(&Inputs::from_fragment("weight=70&bolus=0.5"));
//! let alerts = pending(&result, &[]);
//! assert_eq!(alerts.len(), 1);                          // bolus above 0.35 mg/kg
//! let ack = Acknowledgement::new(alerts[0], "anesthetist present").unwrap();
//! assert!(pending(&result, &[ack.clone()]).is_empty());
//! // A different bolus raises the same kind of alert with new figures: acknowledge again.
//! let changed = calculate(&Inputs::from_fragment("weight=70&bolus=0.6"));
//! assert_eq!(pending(&changed, &[ack]).len(), 1);
//! ```

use crate::alerts::{Alert, Level};
use crate::result::CalculationResult;
use serde::Serialize;

/// The shortest reason accepted: a word or two, not a keystroke.
pub const MIN_REASON_LEN: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acknowledgement {
    pub code: String,
    /// The alert's message when it was acknowledged: it carries the figures that were confirmed.
    pub message: String,
    pub reason: String,
}

impl Acknowledgement {
    /// An acknowledgement needs a reason of at least three characters.
    pub fn new(alert: &Alert, reason: &str) -> Option<Self> {
        let reason = reason.trim();
        (reason.chars().count() >= MIN_REASON_LEN).then(|| Acknowledgement {
            code: alert.code.clone(),
            message: alert.message.clone(),
            reason: reason.to_string(),
        })
    }

    /// Whether this acknowledgement covers the alert as it is now.
    pub fn covers(&self, alert: &Alert) -> bool {
        self.code == alert.code && self.message == alert.message
    }
}

/// Soft alerts of this result that no acknowledgement covers yet.
pub fn pending<'a>(result: &'a CalculationResult, acks: &[Acknowledgement]) -> Vec<&'a Alert> {
    result
        .alerts
        .iter()
        .filter(|a| a.level == Level::Soft && !acks.iter().any(|k| k.covers(a)))
        .collect()
}

/// The acknowledgement that covers an alert, if any.
pub fn covering<'a>(alert: &Alert, acks: &'a [Acknowledgement]) -> Option<&'a Acknowledgement> {
    acks.iter().find(|k| k.covers(alert))
}

/// Whether the plan may be used: valid, no hard alert, every soft alert acknowledged.
pub fn plan_released(result: &CalculationResult, acks: &[Acknowledgement]) -> bool {
    result.status == crate::Status::Ok && pending(result, acks).is_empty()
}
