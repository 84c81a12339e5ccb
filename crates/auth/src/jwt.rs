//! Compact JWS (RFC 7515) pieces shared by the service-account assertion (which we sign) and
//! the gateway's identity header (which we verify): base64url, splitting a token into its
//! parts, PEM bodies. The cryptography is ring's, already linked through rustls.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value};

pub(crate) fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url without padding, as JWS requires; padded or standard alphabets are refused.
pub(crate) fn unb64url(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// A compact JWS split into its parts, nothing checked yet.
pub(crate) struct Compact<'a> {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// `header.payload`: the bytes the signature covers.
    pub signing_input: &'a str,
    pub signature: Vec<u8>,
}

/// Splits `token` into header, claims and signature. The error names the part that is wrong,
/// never the token itself.
pub(crate) fn split(token: &str) -> Result<Compact<'_>, &'static str> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err("not a compact JWT (three base64url parts separated by dots)");
    };
    let json = |part: &str, what: &'static str| -> Result<Map<String, Value>, &'static str> {
        let bytes = unb64url(part).ok_or(what)?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(what),
        }
    };
    let header = json(h, "the JWT header is not base64url JSON")?;
    let claims = json(p, "the JWT claims are not base64url JSON")?;
    let signature = unb64url(s).ok_or("the JWT signature is not base64url")?;
    Ok(Compact { header, claims, signing_input: &token[..h.len() + 1 + p.len()], signature })
}

/// `header.claims` base64url-encoded, ready to sign.
pub(crate) fn signing_input(header: &Value, claims: &Value) -> String {
    format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()))
}

/// The DER inside a PEM block labelled `label` (`PRIVATE KEY`, `RSA PUBLIC KEY`, ...).
pub fn pem_der(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    let body: String = pem[start..stop].chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD.decode(body).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_token_splits_into_its_parts_and_bad_ones_are_named() {
        let input = signing_input(&json!({"alg": "ES256"}), &json!({"email": "a@b.c"}));
        let token = format!("{input}.{}", b64url(b"sig"));
        let c = split(&token).unwrap();
        assert_eq!(c.header["alg"], "ES256");
        assert_eq!(c.claims["email"], "a@b.c");
        assert_eq!(c.signing_input, input);
        assert_eq!(c.signature, b"sig");
        assert!(split("a.b").is_err());
        assert!(split(&format!("{token}.x")).is_err());
        assert_eq!(split(&format!("e30.e30.{}", "***")).err(), Some("the JWT signature is not base64url"));
        assert_eq!(split("W10.e30.").err(), Some("the JWT header is not base64url JSON"), "an array is no header");
    }

    #[test]
    fn pem_bodies_are_found_by_label() {
        let pem = "junk\n-----BEGIN PRIVATE KEY-----\nAAEC\nAw==\n-----END PRIVATE KEY-----\n";
        assert_eq!(pem_der(pem, "PRIVATE KEY"), Some(vec![0, 1, 2, 3]));
        assert_eq!(pem_der(pem, "RSA PUBLIC KEY"), None);
    }
}
