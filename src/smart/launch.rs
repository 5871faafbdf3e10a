//! The launch and its URL parameters: what the page was opened with (an EHR launch, the answer of
//! the authorization server, or nothing), the authorize request, and the address cleaned
//! afterwards.

/// Scopes of the EHR launch: the patient comes from the EHR's context.
pub const EHR_SCOPE: &str = "launch openid fhirUser patient/Patient.rs patient/Observation.rs";
/// Scopes of the standalone launch: the authorization server asks for the patient.
pub const STANDALONE_SCOPE: &str =
    "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs";

/// The query keys of a launch and of the answer; removed from the address once read.
const LAUNCH_KEYS: [&str; 7] = [
    "iss",
    "launch",
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
];

/// What the page's query says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Launch {
    /// Opened normally.
    None,
    /// Opened by the EHR: `?iss=…&launch=…`.
    Ehr { iss: String, launch: String },
    /// Back from the authorization server: `?code=…&state=…`, or `?error=…&state=…`.
    Return {
        code: Option<String>,
        state: Option<String>,
        error: Option<String>,
        error_description: Option<String>,
    },
}

impl Launch {
    /// Reads the query (`location.search`, with or without its `?`).
    ///
    /// ```
    /// use ketamine_calculator::smart::launch::Launch;
    /// assert_eq!(
    ///     Launch::from_query("?iss=https%3A%2F%2Ffhir.example.org%2Fr4&launch=abc"),
    ///     Launch::Ehr { iss: "https://fhir.example.org/r4".into(), launch: "abc".into() }
    /// );
    /// assert_eq!(Launch::from_query(""), Launch::None);
    /// ```
    pub fn from_query(query: &str) -> Launch {
        let query = query.strip_prefix('?').unwrap_or(query);
        let get = |key: &str| {
            form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        let (code, state, error) = (get("code"), get("state"), get("error"));
        if code.is_some() || error.is_some() || state.is_some() {
            return Launch::Return {
                code,
                state,
                error,
                error_description: get("error_description"),
            };
        }
        match (get("iss"), get("launch")) {
            (Some(iss), Some(launch)) => Launch::Ehr { iss, launch },
            // An `iss` alone is a launch without its context: still checked, and refused if foreign.
            (Some(iss), None) => Launch::Ehr {
                iss,
                launch: String::new(),
            },
            _ => Launch::None,
        }
    }
}

/// The query without the launch's and the answer's keys (with its `?`, or empty).
///
/// ```
/// use ketamine_calculator::smart::launch::without_launch_keys;
/// assert_eq!(without_launch_keys("?code=x&state=y"), "");
/// assert_eq!(without_launch_keys("?a=1&code=x&state=y"), "?a=1");
/// ```
pub fn without_launch_keys(query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| !LAUNCH_KEYS.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        return String::new();
    }
    let mut s = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    s.extend_pairs(kept);
    s.finish()
}

/// The authorization request (SMART App Launch 2, public client, PKCE S256).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizeRequest<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    /// The FHIR server the token is for (`aud`): the launch's `iss`.
    pub aud: &'a str,
    pub state: &'a str,
    pub code_challenge: &'a str,
    /// The EHR's launch context; `None` in a standalone launch.
    pub launch: Option<&'a str>,
}

impl AuthorizeRequest<'_> {
    /// The address to send the browser to.
    pub fn url(&self, authorization_endpoint: &str) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("response_type", "code")
            .append_pair("client_id", self.client_id)
            .append_pair("redirect_uri", self.redirect_uri)
            .append_pair(
                "scope",
                if self.launch.is_some() {
                    EHR_SCOPE
                } else {
                    STANDALONE_SCOPE
                },
            )
            .append_pair("state", self.state)
            .append_pair("aud", self.aud)
            .append_pair("code_challenge", self.code_challenge)
            .append_pair("code_challenge_method", "S256");
        if let Some(launch) = self.launch {
            q.append_pair("launch", launch);
        }
        let join = if authorization_endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{authorization_endpoint}{join}{}", q.finish())
    }
}

/// The origin (`scheme://host[:port]`) of an absolute `http(s)` address, `None` otherwise.
///
/// ```
/// use ketamine_calculator::smart::launch::origin_of;
/// assert_eq!(origin_of("http://127.0.0.1:8312/authorize").as_deref(), Some("http://127.0.0.1:8312"));
/// assert_eq!(origin_of("javascript:alert(1)"), None);
/// ```
pub fn origin_of(address: &str) -> Option<String> {
    let (scheme, rest) = address.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty() && !authority.contains('@')).then(|| format!("{scheme}://{authority}"))
}
