//! PKCE (RFC 7636, S256) and the `state` value: random from `crypto.getRandomValues`, hashed with
//! `crypto.subtle.digest`, written in base64url without padding.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Random bytes per value: 32 bytes are 256 bits, 43 base64url characters (RFC 7636 asks for 43
/// to 128 characters; SMART asks for a `state` of at least 122 bits).
const RANDOM_BYTES: usize = 32;

/// Why PKCE could not be done: the browser offers no cryptography here (an insecure context).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoCrypto;

fn random() -> Result<String, NoCrypto> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(NoCrypto)?;
    let mut bytes = [0u8; RANDOM_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| NoCrypto)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A new code verifier: 43 characters of `A-Z a-z 0-9 - _`.
pub fn new_verifier() -> Result<String, NoCrypto> {
    random()
}

/// A new `state`: 256 random bits, base64url.
pub fn new_state() -> Result<String, NoCrypto> {
    random()
}

/// Whether a verifier is one RFC 7636 allows: 43 to 128 unreserved characters.
pub fn is_valid_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// The S256 challenge: base64url(SHA-256(verifier)), without padding.
pub async fn challenge(verifier: &str) -> Result<String, NoCrypto> {
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(NoCrypto)?
        .subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", verifier.as_bytes())
        .map_err(|_| NoCrypto)?;
    let digest = JsFuture::from(promise).await.map_err(|_| NoCrypto)?;
    let buffer: js_sys::ArrayBuffer = digest.dyn_into().map_err(|_| NoCrypto)?;
    Ok(URL_SAFE_NO_PAD.encode(js_sys::Uint8Array::new(&buffer).to_vec()))
}
