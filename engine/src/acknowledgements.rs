//! Acknowledgements of soft alerts. A soft limit, as on a smart pump, lets the plan proceed only
//! after the clinician confirms it with a reason; the reason travels into the printout and the
//! note. Acknowledgements are never read from a link: each clinician confirms for themselves.
//!
//! ```
//! use ketamine_engine::acknowledgements::{Acknowledgement, pending};
//! use ketamine_engine::{calculate, Inputs};
//! let result = calculate(&Inputs::from_fragment("weight=70&bolus=0.5"));
//! assert_eq!(pending(&result, &[]).len(), 1);          // bolus above 0.35 mg/kg
//! let ack = Acknowledgement::new("bolus-above-range", "procedural analgesia, anesthetist present");
//! assert!(pending(&result, &[ack.unwrap()]).is_empty());
//! ```

use crate::alerts::{Alert, Level};
use crate::result::CalculationResult;
use serde::Serialize;

/// The shortest reason accepted: a word or two, not a keystroke.
pub const MIN_REASON_LEN: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acknowledgement {
    pub code: String,
    pub reason: String,
}

impl Acknowledgement {
    /// An acknowledgement needs a reason of at least three characters.
    pub fn new(code: &str, reason: &str) -> Option<Self> {
        let reason = reason.trim();
        (reason.chars().count() >= MIN_REASON_LEN).then(|| Acknowledgement {
            code: code.to_string(),
            reason: reason.to_string(),
        })
    }
}

/// Soft alerts of this result that no acknowledgement covers yet.
pub fn pending<'a>(result: &'a CalculationResult, acks: &[Acknowledgement]) -> Vec<&'a Alert> {
    result
        .alerts
        .iter()
        .filter(|a| a.level == Level::Soft && !acks.iter().any(|k| k.code == a.code))
        .collect()
}

/// Whether the plan may be used: valid, no hard alert, every soft alert acknowledged.
pub fn plan_released(result: &CalculationResult, acks: &[Acknowledgement]) -> bool {
    result.status == crate::Status::Ok && pending(result, acks).is_empty()
}
