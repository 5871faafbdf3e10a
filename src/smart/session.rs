//! What the page keeps while it is away at the authorization server: the verifier, the `state`,
//! and where to exchange the code, in `sessionStorage` (this tab only), and nothing about the
//! patient. Taken, and deleted, as soon as the page is back.

const KEY: &str = "ketamine-calculator/smart-pending";

/// The request the page is waiting to hear back about.
#[derive(Clone, Debug, PartialEq, Eq)]
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

    /// As kept in storage: form-encoded (the app has that code already; a JSON writer it has not).
    pub fn encode(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("state", &self.state)
            .append_pair("verifier", &self.verifier)
            .append_pair("token_endpoint", &self.token_endpoint)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("fhir_base_url", &self.fhir_base_url)
            .finish()
    }

    /// Reads what [`Pending::encode`] wrote; `None` when a value is missing.
    pub fn decode(text: &str) -> Option<Pending> {
        let get = |key: &str| {
            form_urlencoded::parse(text.as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        Some(Pending {
            state: get("state")?,
            verifier: get("verifier")?,
            token_endpoint: get("token_endpoint")?,
            redirect_uri: get("redirect_uri")?,
            fhir_base_url: get("fhir_base_url")?,
        })
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the request until the page is back; `false` when the browser keeps nothing
/// (storage disabled), in which case the flow cannot start.
pub fn keep(pending: &Pending) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, &pending.encode()).is_ok())
}

/// The request kept before leaving, deleted from storage whatever it holds.
pub fn take() -> Option<Pending> {
    let s = storage()?;
    let text = s.get_item(KEY).ok().flatten();
    let _ = s.remove_item(KEY);
    Pending::decode(&text?)
}
