//! Codes and tokens any sandbox can read, so replicas of the server, each with its own
//! in-process sandbox, honour one sign-in: replica A's sandbox issues the Google tokens, they
//! go into the shared OAuth 2.1 store, and replica B's sandbox must then accept B's refresh of
//! them (Google's tokens work at every Google front end too). A token carries its grant (user,
//! scopes, grant id, PKCE challenge, client, expiry) and a MAC under a fixed key built into the sandbox: a
//! made-up or altered token is refused, as Google refuses one, without any shared state.
//!
//! The key is public (this is an emulation, not a security boundary). What stays local to
//! one sandbox is what Google keeps centrally: a code's single use and a revocation are known
//! to the sandbox that saw them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::hmac;
use serde_json::{Value, json};

use super::Grant;
use crate::ids::token;

const KEY: &[u8] = b"workspace-mcp sandbox: portable OAuth codes and tokens, v1";

fn key() -> hmac::Key {
    hmac::Key::new(hmac::HMAC_SHA256, KEY)
}

/// `prefix` + the grant + a MAC; a random nonce makes every token unique.
pub(super) fn issue(prefix: &str, grant: &Grant) -> String {
    let claims = json!({
        "e": grant.email, "s": grant.scope, "g": grant.id, "c": grant.challenge,
        "a": grant.client_id, "x": grant.expires_at, "n": token("", 12),
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mac = URL_SAFE_NO_PAD.encode(hmac::sign(&key(), format!("{prefix}{payload}").as_bytes()));
    format!("{prefix}{payload}.{mac}")
}

/// The grant inside a token this or any other sandbox issued with `prefix`; `None` for
/// anything else.
pub(super) fn open(prefix: &str, value: &str) -> Option<Grant> {
    let (payload, mac) = value.strip_prefix(prefix)?.split_once('.')?;
    let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
    hmac::verify(&key(), format!("{prefix}{payload}").as_bytes(), &mac).ok()?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    Some(Grant {
        email: claims["e"].as_str()?.to_string(),
        scope: claims["s"].as_str()?.to_string(),
        id: claims["g"].as_str()?.to_string(),
        challenge: claims["c"].as_str().map(str::to_string),
        client_id: claims["a"].as_str().map(str::to_string),
        expires_at: claims["x"].as_i64().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> Grant {
        Grant {
            email: "a@example.com".into(),
            scope: "openid email".into(),
            id: "grant-1".into(),
            challenge: None,
            client_id: Some("client-1".into()),
            expires_at: 42,
        }
    }

    #[test]
    fn a_token_carries_its_grant_and_refuses_tampering() {
        let t = issue("sbx-rt-", &grant());
        assert!(t.starts_with("sbx-rt-"));
        let back = open("sbx-rt-", &t).unwrap();
        assert_eq!(
            (back.email.as_str(), back.scope.as_str(), back.id.as_str()),
            ("a@example.com", "openid email", "grant-1")
        );
        assert_eq!((back.client_id.as_deref(), back.expires_at), (Some("client-1"), 42));
        assert_ne!(t, issue("sbx-rt-", &grant()), "each token is unique");
        // Another kind of token, a changed payload, a cut MAC, or noise: refused.
        assert!(open("sbx-at-", &t.replacen("sbx-rt-", "sbx-at-", 1)).is_none());
        let (payload, mac) = t.split_once('.').unwrap();
        let forged = URL_SAFE_NO_PAD.encode(json!({"e": "b@example.com", "s": "x", "g": "g"}).to_string());
        assert!(open("sbx-rt-", &format!("sbx-rt-{forged}.{mac}")).is_none());
        assert!(open("sbx-rt-", &format!("{payload}.{}", &mac[..4])).is_none());
        assert!(open("sbx-rt-", "sbx-rt-abc").is_none());
    }
}
