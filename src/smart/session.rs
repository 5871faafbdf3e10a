//! What the page keeps while it is away at the authorization server: the verifier, the `state`,
//! and where to exchange the code, in `sessionStorage` (this tab only), and nothing about the
//! patient. Taken, and deleted, as soon as the page is back.

use serde::{Deserialize, Serialize};

const KEY: &str = "ketamine-calculator/smart-pending";

/// The request the page is waiting to hear back about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    pub token_endpoint: String,
    pub redirect_uri: String,
    /// The FHIR server the launch was for.
    pub fhir_base_url: String,
}

impl Pending {
    /// Whether an answer's `state` is this request's: present, and exactly equal.
    pub fn answers(&self, state: Option<&str>) -> bool {
        state.is_some_and(|s| !s.is_empty() && s == self.state)
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the request until the page is back; `false` when the browser keeps nothing
/// (storage disabled), in which case the flow cannot start.
pub fn keep(pending: &Pending) -> bool {
    let Ok(text) = serde_json::to_string(pending) else {
        return false;
    };
    storage().is_some_and(|s| s.set_item(KEY, &text).is_ok())
}

/// The request kept before leaving, deleted from storage whatever it holds.
pub fn take() -> Option<Pending> {
    let s = storage()?;
    let text = s.get_item(KEY).ok().flatten();
    let _ = s.remove_item(KEY);
    serde_json::from_str(&text?).ok()
}
