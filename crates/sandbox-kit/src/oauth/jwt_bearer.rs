//! The token endpoint's JWT-bearer grant (RFC 7523) as Google runs it for service accounts
//! with domain-wide delegation: the assertion must be RS256-signed by a service account the
//! sandbox knows (the committed test key pair, see `fixtures/`), addressed to the token
//! endpoint, at most an hour long and current, ask for known scopes, and name a `sub` in the
//! sandbox's domain for which the delegation covers those scopes. Refusals are Google's
//! errors, so the server's advice for them can be tested.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use serde_json::{Map, Value, json};

use super::{EXPIRES_IN, Grant, OAuthState, oauth_error};
use crate::ids::token;

/// The test service account the sandbox trusts. Its private key is a test fixture
/// (`fixtures/test-only-service-account-key.json`); only the public half is built in.
pub const TEST_SERVICE_ACCOUNT: &str = "workspace-mcp-test@workspace-mcp-sandbox.iam.gserviceaccount.com";
/// The key file of [`TEST_SERVICE_ACCOUNT`], for tests (a path in this source tree).
pub const TEST_SERVICE_ACCOUNT_KEY_FILE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/test-only-service-account-key.json");
const TEST_PUBLIC_KEY: &str = include_str!("../../fixtures/test-only-service-account.pub.pem");
/// Audiences Google's token endpoint accepts.
const AUDIENCES: [&str; 2] = ["https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token"];
/// Seconds of clock skew tolerated on `iat`.
const SKEW: i64 = 60;

fn invalid_grant(description: &str) -> Response {
    oauth_error("invalid_grant", description)
}

/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`.
pub(super) fn exchange(state: &mut OAuthState, form: &HashMap<String, String>) -> Response {
    let Some(assertion) = form.get("assertion").filter(|a| !a.is_empty()) else {
        return oauth_error("invalid_request", "Missing required parameter: assertion");
    };
    let Some((header, claims, input, signature)) = split(assertion) else {
        return invalid_grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.",
        );
    };
    let iss = claims.get("iss").and_then(Value::as_str).unwrap_or_default();
    if iss != TEST_SERVICE_ACCOUNT {
        return invalid_grant("Invalid grant: account not found");
    }
    let Some(public) = public_key() else {
        return (http::StatusCode::INTERNAL_SERVER_ERROR, "sandbox: bad built-in public key").into_response();
    };
    let signed = header.get("alg").and_then(Value::as_str) == Some("RS256")
        && UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &public).verify(input.as_bytes(), &signature).is_ok();
    if !signed {
        return invalid_grant("Invalid JWT Signature.");
    }
    let aud = claims.get("aud").and_then(Value::as_str).unwrap_or_default();
    if !AUDIENCES.contains(&aud) {
        return invalid_grant(&format!(
            "Invalid JWT: Failed audience check. The expected value was {}, but the supplied value was {aud}",
            AUDIENCES[0]
        ));
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let (iat, exp) = (claims.get("iat").and_then(Value::as_i64), claims.get("exp").and_then(Value::as_i64));
    let timely = matches!((iat, exp), (Some(iat), Some(exp)) if iat <= now + SKEW && exp > now && exp - iat <= 3600);
    if !timely {
        return invalid_grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. \
             Check your iat and exp values in the JWT claim.",
        );
    }
    let scope = claims.get("scope").and_then(Value::as_str).unwrap_or_default().trim().to_string();
    if scope.is_empty() {
        return oauth_error("invalid_scope", "Empty or missing scope not allowed.");
    }
    if !scope.split_whitespace().all(known_scope) {
        return oauth_error("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    let email = match claims.get("sub").and_then(Value::as_str) {
        // Without a subject the service account acts as itself, as at Google.
        None => TEST_SERVICE_ACCOUNT.to_string(),
        Some(sub) => {
            let domain = state.default_email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase());
            let sub_domain = sub.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase());
            if domain.is_none() || sub_domain != domain {
                return invalid_grant("Invalid email or User ID");
            }
            let delegated = |s: &str| state.delegated_scopes.as_ref().is_none_or(|list| list.iter().any(|d| d == s));
            if !scope.split_whitespace().all(delegated) {
                // Google answers this one with 401.
                let body = json!({"error": "unauthorized_client", "error_description":
                    "Client is unauthorized to retrieve access tokens using this method, or client not authorized \
                     for any of the scopes requested."});
                return (http::StatusCode::UNAUTHORIZED, Json(body)).into_response();
            }
            sub.to_ascii_lowercase()
        }
    };
    let access = token("sbx-at-", 32);
    state.access.insert(
        access.clone(),
        Grant {
            email,
            scope,
            id: token("grant-", 12),
            challenge: None,
            client_id: None,
            expires_at: super::access_expiry(),
        },
    );
    Json(json!({"access_token": access, "expires_in": EXPIRES_IN, "token_type": "Bearer"})).into_response()
}

fn known_scope(scope: &str) -> bool {
    matches!(scope, "openid" | "email" | "profile" | "https://mail.google.com/")
        || scope.strip_prefix("https://www.googleapis.com/auth/").is_some_and(|rest| !rest.is_empty())
}

type Parts = (Map<String, Value>, Map<String, Value>, String, Vec<u8>);

fn split(jwt: &str) -> Option<Parts> {
    let mut it = jwt.split('.');
    let (h, c, s) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    let object = |part: &str| match serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    Some((object(h)?, object(c)?, format!("{h}.{c}"), URL_SAFE_NO_PAD.decode(s).ok()?))
}

/// The PKCS#1 `RSAPublicKey` DER of the test service account.
fn public_key() -> Option<Vec<u8>> {
    let body: String = TEST_PUBLIC_KEY.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body.trim()).ok()
}
