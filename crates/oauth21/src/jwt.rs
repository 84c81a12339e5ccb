//! Access tokens: compact JWTs (RFC 7519, `typ` "at+jwt" as RFC 9068), HS256 only. The header
//! is fixed, so a token whose header names another algorithm (`none`, RS256 with our secret as
//! a "public key") never verifies.

use serde::{Deserialize, Serialize};

use crate::crypto::{Keys, b64, unb64};

const HEADER: &str = r#"{"alg":"HS256","typ":"at+jwt"}"#;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    /// The MCP endpoint's URL: a token for another resource is refused.
    pub aud: String,
    /// The Google account the token acts for.
    pub sub: String,
    pub iat: u64,
    pub exp: u64,
    pub jti: String,
    pub client_id: String,
    /// Space-separated Google scope URLs the token may use.
    pub scope: String,
    /// The token family (one authorization code's chain of refreshes); revoking it revokes this
    /// token too.
    pub fam: String,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("not a token this server issued")]
    Malformed,
    #[error("bad signature")]
    Signature,
    #[error("issued by another server")]
    Issuer,
    #[error("issued for another resource")]
    Audience,
    #[error("expired")]
    Expired,
}

pub fn sign(keys: &Keys, claims: &Claims) -> String {
    // Serializing a struct of strings and integers cannot fail.
    let payload = serde_json::to_vec(claims).unwrap_or_default();
    let signing_input = format!("{}.{}", b64(HEADER.as_bytes()), b64(&payload));
    let signature = keys.sign(signing_input.as_bytes());
    format!("{signing_input}.{}", b64(&signature))
}

/// Checks signature, issuer, audience and expiry (`now` in Unix seconds).
pub fn verify(keys: &Keys, token: &str, iss: &str, aud: &str, now: u64) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    if unb64(header).as_deref() != Some(HEADER.as_bytes()) {
        return Err(JwtError::Malformed);
    }
    let signature = unb64(signature).ok_or(JwtError::Malformed)?;
    let signing_input = &token[..header.len() + 1 + payload.len()];
    if !keys.verify(signing_input.as_bytes(), &signature) {
        return Err(JwtError::Signature);
    }
    let claims: Claims = unb64(payload).and_then(|p| serde_json::from_slice(&p).ok()).ok_or(JwtError::Malformed)?;
    if claims.iss != iss {
        return Err(JwtError::Issuer);
    }
    if claims.aud != aud {
        return Err(JwtError::Audience);
    }
    if claims.exp <= now {
        return Err(JwtError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            iss: "https://mcp.example.com".into(),
            aud: "https://mcp.example.com/mcp".into(),
            sub: "a@example.com".into(),
            iat: 1000,
            exp: 2000,
            jti: "j".into(),
            client_id: "c".into(),
            scope: "openid".into(),
            fam: "f".into(),
        }
    }

    #[test]
    fn round_trip_and_each_refusal() {
        let keys = Keys::derive(b"k");
        let token = sign(&keys, &claims());
        let (iss, aud) = ("https://mcp.example.com", "https://mcp.example.com/mcp");
        assert_eq!(verify(&keys, &token, iss, aud, 1500).unwrap(), claims());
        assert_eq!(verify(&keys, &token, iss, aud, 2000), Err(JwtError::Expired));
        assert_eq!(verify(&keys, &token, iss, "https://other.example/mcp", 1500), Err(JwtError::Audience));
        assert_eq!(verify(&keys, &token, "https://evil.example", aud, 1500), Err(JwtError::Issuer));
        assert_eq!(verify(&Keys::derive(b"other"), &token, iss, aud, 1500), Err(JwtError::Signature));
        assert_eq!(verify(&keys, "opaque-refresh-token", iss, aud, 1500), Err(JwtError::Malformed));
        // The same claims under `alg: none` are not ours.
        let payload = token.split('.').nth(1).unwrap();
        let none = format!("{}.{payload}.", b64(br#"{"alg":"none","typ":"at+jwt"}"#));
        assert_eq!(verify(&keys, &none, iss, aud, 1500), Err(JwtError::Malformed));
    }
}
