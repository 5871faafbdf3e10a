//! Talking to the health record: discovery (`/.well-known/smart-configuration`), the token
//! exchange, and the three FHIR reads, each a `fetch` from the browser. The token is a local value
//! of the caller, never stored.

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a request to the health record failed, as the status line sorts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser is offline.
    Offline,
    /// 401 from the FHIR server, or the token's lifetime has passed.
    Expired,
    /// 403 from the FHIR server.
    Forbidden,
    /// Anything else: no answer, an error status, an answer that cannot be read; what happened.
    Server(String),
}

/// Whether the browser says it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// The parts of the SMART configuration the calculator uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct SmartConfiguration {
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
}

/// The parts of the token response the calculator uses.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Token {
    pub access_token: String,
    /// Seconds the token is valid for.
    pub expires_in: Option<f64>,
    /// The patient in context.
    pub patient: Option<String>,
}

/// Reads a JSON answer of the server into `T`; `what` names it in the message.
pub fn parse<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> Result<T, Failure> {
    serde_json::from_str(text)
        .map_err(|e| Failure::Server(format!("{what} could not be read ({e})")))
}

/// How long a request to the health record may take before the page gives up on it (review S2):
/// a server that never answers must not leave "Reading the patient's record…" on screen for ever.
pub const TIMEOUT_MS: i32 = 20_000;

/// One request: its answer's text when the status is 2xx; aborted after [`TIMEOUT_MS`].
async fn request(url: &str, init: &web_sys::RequestInit, what: &str) -> Result<String, Failure> {
    request_within(url, init, what, TIMEOUT_MS).await
}

/// [`request`] with its time limit in milliseconds (the whole exchange, body included).
pub async fn request_within(
    url: &str,
    init: &web_sys::RequestInit,
    what: &str,
    timeout_ms: i32,
) -> Result<String, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Server("no window".into()))?;
    let controller = web_sys::AbortController::new()
        .map_err(|_| Failure::Server("this browser cannot limit a request's time".into()))?;
    init.set_signal(Some(&controller.signal()));
    let abort = wasm_bindgen::closure::Closure::once({
        let controller = controller.clone();
        move || controller.abort()
    });
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            timeout_ms,
        )
        .ok();
    let result = read_answer(&window, url, init, what, &controller).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(abort);
    result
}

async fn read_answer(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
    what: &str,
    controller: &web_sys::AbortController,
) -> Result<String, Failure> {
    let timed_out = || Failure::Server(format!("{what} did not answer in time"));
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, init)).await;
    let response: web_sys::Response = match answer.map(JsCast::dyn_into) {
        Ok(Ok(r)) => r,
        _ if controller.signal().aborted() => return Err(timed_out()),
        _ if !online() => return Err(Failure::Offline),
        _ => return Err(Failure::Server(format!("{what} did not answer"))),
    };
    match response.status() {
        200..=299 => {}
        401 => return Err(Failure::Expired),
        403 => return Err(Failure::Forbidden),
        status => return Err(Failure::Server(format!("{what} answered HTTP {status}"))),
    }
    let text = response
        .text()
        .map_err(|_| Failure::Server(format!("{what} sent no answer")))?;
    match JsFuture::from(text).await {
        Ok(t) => t
            .as_string()
            .ok_or_else(|| Failure::Server(format!("{what} sent an answer that is not text"))),
        Err(_) if controller.signal().aborted() => Err(timed_out()),
        Err(_) => Err(Failure::Server(format!(
            "{what} sent an answer that is not text"
        ))),
    }
}

fn init(method: &str, headers: &[(&str, &str)]) -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    // No cookies to the record's servers, and nothing of the patient in the HTTP cache.
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    // No redirect followed (review N7): an answer from elsewhere is not the record's.
    init.set_redirect(web_sys::RequestRedirect::Error);
    let object = js_sys::Object::new();
    for (name, value) in headers {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    init.set_headers(&object);
    init
}

/// `GET {base}/.well-known/smart-configuration`.
pub async fn discover(fhir_base_url: &str) -> Result<SmartConfiguration, Failure> {
    let what = "The health record's SMART configuration";
    let url = format!("{fhir_base_url}/.well-known/smart-configuration");
    let text = request(&url, &init("GET", &[("Accept", "application/json")]), what).await;
    // A 401 or 403 here is not about a token (there is none yet): the server refused.
    let text = text.map_err(|f| match f {
        Failure::Expired | Failure::Forbidden => Failure::Server(format!("{what} was refused")),
        other => other,
    })?;
    parse(&text, what)
}

/// `POST token_endpoint`: the code and the verifier for a token (a public client: no secret).
pub async fn exchange(
    token_endpoint: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    client_id: &str,
) -> Result<Token, Failure> {
    let what = "The health record's sign-in server";
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", code)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("code_verifier", verifier)
        .append_pair("client_id", client_id)
        .finish();
    let init = init(
        "POST",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
        ],
    );
    init.set_body(&JsValue::from_str(&body));
    // The token server's refusals (a used or wrong code, a wrong verifier) are its own, not a
    // FHIR server's 401/403.
    let text = request(token_endpoint, &init, what)
        .await
        .map_err(|f| match f {
            Failure::Expired | Failure::Forbidden => {
                Failure::Server(format!("{what} refused to give access"))
            }
            other => other,
        })?;
    parse(&text, what)
}

/// `GET {base}/{path}` with the token.
pub async fn read(
    fhir_base_url: &str,
    path: &str,
    token: &str,
    what: &str,
) -> Result<String, Failure> {
    let bearer = format!("Bearer {token}");
    let init = init(
        "GET",
        &[
            ("Accept", "application/fhir+json"),
            ("Authorization", &bearer),
        ],
    );
    request(&format!("{fhir_base_url}/{path}"), &init, what).await
}

/// The search for a patient's newest Observation of one LOINC code.
pub fn newest_observation_path(patient: &str, loinc: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("patient", patient)
        .append_pair("code", &format!("http://loinc.org|{loinc}"))
        .append_pair("_sort", "-date")
        // Not 1 (review M4): the engine chooses the newest standing measurement by its own
        // dates, so a server that ignores `_sort`, or a newest entry marked entered-in-error,
        // cannot decide which weight is used.
        .append_pair("_count", "50")
        .finish();
    format!("Observation?{query}")
}
