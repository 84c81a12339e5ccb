//! Google's OAuth 2.0 endpoints, enough for the server's real OAuth mode to run end to
//! end against the sandbox:
//! - `accounts.google.com`: `GET /o/oauth2/v2/auth` (and `/o/oauth2/auth`) redirects
//!   straight back to `redirect_uri` with a code, as if the user had consented;
//! - `oauth2.googleapis.com`: `POST /token` (authorization_code and refresh_token
//!   grants; a refresh answer omits `refresh_token`, as Google's does; a code asked for with a
//!   PKCE `code_challenge` needs its `code_verifier`, as Google's does; the JWT-bearer grant of
//!   service accounts with domain-wide delegation, in [`jwt_bearer`]) and `POST /revoke`, which
//!   revokes the whole grant (its access and refresh tokens), as Google's does;
//! - `www.googleapis.com`: `GET /oauth2/v2/userinfo` and `GET /userinfo/v2/me`;
//! - `oauth2.googleapis.com`: `GET /tokeninfo?access_token=` (an access token's audience,
//!   scopes, expiry and account, or Google's 400 `invalid_token` for an unknown, expired or
//!   revoked one).
//!
//! Consent can be told to grant less than asked, as a user unticking permissions on Google's
//! granular consent screen: `POST /accounts.google.com/_sandbox/consent` with
//! `{"withhold": [scope, ...]}` (an empty list grants everything again).
//!
//! Codes and tokens are [`portable`]: another sandbox (another replica's) accepts them too.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::emulation::ServiceEmulation;
use crate::extract::QueryParams;
use crate::ids::{now_millis, token};

pub mod jwt_bearer;
mod portable;

/// `grant_type` of a service account's signed assertion.
const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// Scopes granted when nothing says otherwise.
const DEFAULT_SCOPE: &str =
    "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile";
/// Google's access tokens live an hour; its `expires_in` is one second short of it.
const EXPIRES_IN: u64 = 3599;

#[derive(Debug, Clone)]
struct Grant {
    email: String,
    scope: String,
    /// Every token of one sign-in shares it; revoking any of them revokes them all.
    id: String,
    /// The S256 `code_challenge` the authorization request carried (codes only).
    challenge: Option<String>,
    /// The OAuth client the grant was made to (tokeninfo's `aud`); `None` for grants the
    /// emulation did not see authorized.
    client_id: Option<String>,
    /// When the access token stops working (Unix seconds; access tokens only).
    expires_at: i64,
}

#[derive(Debug, Default)]
struct OAuthState {
    default_email: String,
    codes: HashMap<String, Grant>,
    used_codes: Vec<String>,
    access: HashMap<String, Grant>,
    refresh: HashMap<String, Grant>,
    /// Grants revoked here: their portable tokens (see [`portable`]) are refused from then on.
    revoked_grants: std::collections::HashSet<String>,
    /// The scopes the domain's admin delegated to the test service account; `None`: any.
    delegated_scopes: Option<Vec<String>>,
    /// Scopes the user leaves unticked at consent (see the module documentation).
    withheld: Vec<String>,
}

type Shared = Arc<Mutex<OAuthState>>;

/// The three OAuth hosts, sharing one token store. `default_email` is the user behind
/// codes and tokens the emulation did not issue itself.
pub fn oauth_emulation(default_email: &str) -> Vec<ServiceEmulation> {
    oauth_emulation_delegating(default_email, None)
}

/// As [`oauth_emulation`], with domain-wide delegation granted to the test service account
/// for `delegated_scopes` only (`None`: every scope), as an admin configures it.
pub fn oauth_emulation_delegating(default_email: &str, delegated_scopes: Option<Vec<String>>) -> Vec<ServiceEmulation> {
    let state: Shared = Arc::new(Mutex::new(OAuthState {
        default_email: default_email.to_string(),
        delegated_scopes,
        ..Default::default()
    }));
    let accounts = Router::new()
        .route("/o/oauth2/v2/auth", get(authorize))
        .route("/o/oauth2/auth", get(authorize))
        .route("/_sandbox/consent", post(set_consent))
        .with_state(state.clone());
    let token_host = Router::new()
        .route("/token", post(token_endpoint))
        .route("/revoke", post(revoke))
        .route("/tokeninfo", get(tokeninfo))
        .with_state(state.clone());
    let userinfo_host = Router::new()
        .route("/oauth2/v2/userinfo", get(userinfo))
        .route("/userinfo/v2/me", get(userinfo))
        .with_state(state);
    vec![
        ServiceEmulation::new("accounts.google.com", accounts).without_auth().without_validation(),
        ServiceEmulation::new("oauth2.googleapis.com", token_host).without_auth().without_validation(),
        ServiceEmulation::new("www.googleapis.com", userinfo_host).discovery(&wsmcp_discovery::OAUTH2_V2),
    ]
}

/// "alex.rivera@example.com" becomes "Alex Rivera".
pub fn display_name_for(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Consent is implied: send the browser back to the client with a fresh code.
async fn authorize(State(state): State<Shared>, query: QueryParams) -> Response {
    let Some(redirect_uri) = query.get("redirect_uri") else {
        return (StatusCode::BAD_REQUEST, "Error 400: invalid_request\nMissing required parameter: redirect_uri")
            .into_response();
    };
    let asked = query.get("scope").unwrap_or(DEFAULT_SCOPE);
    let scope;
    let code = {
        let mut s = crate::lock(&state);
        scope = asked.split_whitespace().filter(|x| !s.withheld.iter().any(|w| w == x)).collect::<Vec<_>>().join(" ");
        let email =
            query.get("login_hint").filter(|h| h.contains('@')).map_or_else(|| s.default_email.clone(), str::to_string);
        if query.get("code_challenge").is_some() && query.get("code_challenge_method") != Some("S256") {
            return (StatusCode::BAD_REQUEST, "Error 400: invalid_request\nInvalid code_challenge_method")
                .into_response();
        }
        let challenge = query.get("code_challenge").map(str::to_string);
        let client_id = query.get("client_id").map(str::to_string);
        let grant = Grant { email, scope: scope.clone(), id: token("grant-", 12), challenge, client_id, expires_at: 0 };
        let code = portable::issue("sbx-code-", &grant);
        s.codes.insert(code.clone(), grant);
        code
    };
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    if let Some(st) = query.get("state") {
        params.append_pair("state", st);
    }
    params.append_pair("code", &code).append_pair("scope", &scope);
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{redirect_uri}{separator}{}", params.finish())).into_response()
}

/// When an access token issued now stops working (Unix seconds, on the sandbox's clock).
fn access_expiry() -> i64 {
    now_millis() / 1000 + EXPIRES_IN as i64
}

fn oauth_error(error: &str, description: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error, "error_description": description }))).into_response()
}

async fn token_endpoint(State(state): State<Shared>, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let grant_type = form.get("grant_type").map(String::as_str).unwrap_or("");
    let mut s = crate::lock(&state);
    match grant_type {
        "authorization_code" => {
            let Some(code) = form.get("code").filter(|c| !c.is_empty()) else {
                return oauth_error("invalid_request", "Missing required parameter: code");
            };
            if s.used_codes.contains(code) {
                return oauth_error("invalid_grant", "Malformed auth code.");
            }
            // A code of another sandbox (another replica's) carries its grant; anything else
            // stands for the default user, as the fixed codes of older tests expect.
            let known = s.codes.remove(code).or_else(|| portable::open("sbx-code-", code));
            let grant = known.unwrap_or_else(|| Grant {
                email: s.default_email.clone(),
                scope: form.get("scope").cloned().unwrap_or_else(|| DEFAULT_SCOPE.to_string()),
                id: token("grant-", 12),
                challenge: None,
                client_id: form.get("client_id").cloned(),
                expires_at: 0,
            });
            s.used_codes.push(code.clone());
            if let Some(challenge) = &grant.challenge {
                let Some(verifier) = form.get("code_verifier") else {
                    return oauth_error("invalid_grant", "Missing code verifier.");
                };
                if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != *challenge {
                    return oauth_error("invalid_grant", "Invalid code verifier.");
                }
            }
            let access_grant = Grant { expires_at: access_expiry(), ..grant.clone() };
            let access = portable::issue("sbx-at-", &access_grant);
            let refresh = portable::issue("sbx-rt-", &grant);
            s.access.insert(access.clone(), access_grant);
            s.refresh.insert(refresh.clone(), grant.clone());
            let mut body = token_body(&access, &grant, form.get("client_id"));
            if let Some(map) = body.as_object_mut() {
                map.insert("refresh_token".into(), Value::String(refresh));
            }
            Json(body).into_response()
        }
        "refresh_token" => {
            let grant = form
                .get("refresh_token")
                .and_then(|t| s.refresh.get(t).cloned().or_else(|| portable::open("sbx-rt-", t)))
                .filter(|g| !s.revoked_grants.contains(&g.id));
            let Some(grant) = grant else {
                return oauth_error("invalid_grant", "Token has been expired or revoked.");
            };
            let access_grant = Grant { expires_at: access_expiry(), ..grant.clone() };
            let access = portable::issue("sbx-at-", &access_grant);
            s.access.insert(access.clone(), access_grant);
            Json(token_body(&access, &grant, form.get("client_id"))).into_response()
        }
        JWT_BEARER => jwt_bearer::exchange(&mut s, &form),
        other => oauth_error("unsupported_grant_type", &format!("Invalid grant_type: {other}")),
    }
}

fn token_body(access: &str, grant: &Grant, client_id: Option<&String>) -> Value {
    let mut body = json!({
        "access_token": access,
        "expires_in": EXPIRES_IN,
        "scope": grant.scope,
        "token_type": "Bearer",
    });
    if grant.scope.split_whitespace().any(|s| s == "openid")
        && let Some(map) = body.as_object_mut()
    {
        map.insert(
            "id_token".into(),
            Value::String(id_token(&grant.email, client_id.map_or("sandbox-client", String::as_str))),
        );
    }
    body
}

/// An unsigned-looking JWT with the claims clients read (`email`, `sub`); the signature
/// is a placeholder, so a client that verifies signatures must skip it in sandbox mode.
fn id_token(email: &str, audience: &str) -> String {
    let now = now_millis() / 1000;
    let header = json!({ "alg": "RS256", "kid": "sandbox", "typ": "JWT" });
    let claims = json!({
        "iss": "https://accounts.google.com", "aud": audience, "sub": user_id(email),
        "email": email, "email_verified": true, "name": display_name_for(email),
        "iat": now, "exp": now + 3600,
    });
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode("sandbox-signature")
    )
}

async fn revoke(State(state): State<Shared>, query: QueryParams, body: Bytes) -> StatusCode {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    if let Some(t) = form.get("token").map(String::as_str).or(query.get("token")) {
        let mut s = crate::lock(&state);
        let grant = s.access.get(t).or_else(|| s.refresh.get(t)).cloned();
        let grant = grant.or_else(|| portable::open("sbx-at-", t)).or_else(|| portable::open("sbx-rt-", t));
        if let Some(Grant { id, .. }) = grant {
            s.access.retain(|_, g| g.id != id);
            s.refresh.retain(|_, g| g.id != id);
            s.revoked_grants.insert(id);
        }
    }
    StatusCode::OK
}

/// `POST /_sandbox/consent` `{"withhold": [scope, ...]}`: what later consents leave unticked.
async fn set_consent(State(state): State<Shared>, Json(body): Json<Value>) -> StatusCode {
    let withhold = body["withhold"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string);
    crate::lock(&state).withheld = withhold.collect();
    StatusCode::NO_CONTENT
}

/// Google's tokeninfo: `access_token` in the query (or `id_token`, which the emulation does
/// not issue as such and refuses). Strings for numbers, as Google sends them.
async fn tokeninfo(State(state): State<Shared>, query: QueryParams) -> Response {
    let invalid = || {
        (StatusCode::BAD_REQUEST, Json(json!({"error": "invalid_token", "error_description": "Invalid Value"})))
            .into_response()
    };
    let Some(access) = query.get("access_token") else {
        return invalid();
    };
    let now = now_millis() / 1000;
    let grant = {
        let s = crate::lock(&state);
        let grant = s.access.get(access).cloned().or_else(|| portable::open("sbx-at-", access));
        grant.filter(|g| !s.revoked_grants.contains(&g.id))
    };
    let Some(grant) = grant.filter(|g| g.expires_at > now) else {
        return invalid();
    };
    let audience = grant.client_id.clone().unwrap_or_else(|| "sandbox-client".into());
    let mut body = json!({
        "azp": audience,
        "aud": audience,
        "sub": user_id(&grant.email),
        "scope": grant.scope,
        "exp": grant.expires_at.to_string(),
        "expires_in": (grant.expires_at - now).to_string(),
        "access_type": "offline",
    });
    // Google names the account only when the grant holds an email scope.
    if grant.scope.split_whitespace().any(|s| s == "email" || s.ends_with("/auth/userinfo.email"))
        && let Some(map) = body.as_object_mut()
    {
        map.insert("email".into(), Value::String(grant.email.clone()));
        map.insert("email_verified".into(), Value::String("true".into()));
    }
    Json(body).into_response()
}

/// The user behind the bearer token; tokens the emulation did not issue (the fixed
/// token of `--sandbox` mode) belong to the default user.
async fn userinfo(State(state): State<Shared>, headers: HeaderMap) -> Json<Value> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .map(|(_, t)| t.trim().to_string())
        .unwrap_or_default();
    let email = {
        let s = crate::lock(&state);
        let grant = s.access.get(&bearer).cloned().or_else(|| portable::open("sbx-at-", &bearer));
        grant.map_or_else(|| s.default_email.clone(), |g| g.email)
    };
    let name = display_name_for(&email);
    let (given, family) =
        name.split_once(' ').map_or((name.clone(), String::new()), |(g, f)| (g.to_string(), f.to_string()));
    Json(json!({
        "id": user_id(&email),
        "email": email,
        "verified_email": true,
        "name": name,
        "given_name": given,
        "family_name": family,
        "picture": "https://lh3.googleusercontent.com/a/default-user=s96-c",
    }))
}

/// A stable 21-digit id per address, shaped like Google's account ids.
fn user_id(email: &str) -> String {
    // FNV-1a: stable across runs, unlike std's randomly keyed hasher.
    let hash = email
        .to_ascii_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    // u64::MAX has 20 digits, so this is always 21 digits long.
    format!("1{hash:020}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert_eq!(display_name_for("alex.rivera@example.com"), "Alex Rivera");
        assert_eq!(user_id("a@b.c"), user_id("A@B.C"));
        assert_eq!(user_id("a@b.c").len(), 21);
    }
}
