//! The three HTTP calls to Google's OAuth endpoints: token, userinfo, revoke (public for the
//! OAuth 2.1 authorization server, which keeps its Google tokens in its own store).

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{AuthError, Secret};

/// A stuck endpoint must not hold a user's refresh lock forever.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A successful reply from the token endpoint.
pub struct TokenReply {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    pub expiry: Option<DateTime<Utc>>,
    /// Granted scopes, when Google lists them.
    pub scopes: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawTokenReply {
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<i64>,
    scope: Option<String>,
}

#[derive(Deserialize)]
struct OAuthErrorBody {
    error: Option<String>,
    error_description: Option<String>,
}

/// POSTs a form to the token endpoint.
pub async fn token_request(
    http: &reqwest::Client,
    url: &str,
    form: &[(&str, &str)],
    during: &'static str,
) -> Result<TokenReply, AuthError> {
    let sent_at = Utc::now();
    let resp = http
        .post(url)
        .timeout(TIMEOUT)
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .map_err(|source| AuthError::Network { during, source })?;
    let body = read_ok(resp, during).await?;
    let raw: RawTokenReply = serde_json::from_slice(&body)
        .map_err(|e| AuthError::BadResponse { during, detail: format!("token reply is not JSON: {e}") })?;
    let access_token = raw
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AuthError::BadResponse { during, detail: "no access_token in the reply".into() })?;
    Ok(TokenReply {
        access_token: Secret::new(access_token),
        refresh_token: raw.refresh_token.filter(|t| !t.is_empty()).map(Secret::new),
        // Measured from when the request was sent, so the expiry errs early.
        expiry: raw.expires_in.and_then(|s| sent_at.checked_add_signed(chrono::TimeDelta::try_seconds(s)?)),
        scopes: raw.scope.map(|s| s.split_whitespace().map(str::to_owned).collect()),
    })
}

/// Who the access token belongs to.
pub async fn userinfo_email(http: &reqwest::Client, url: &str, access: &Secret) -> Result<String, AuthError> {
    const DURING: &str = "userinfo";
    #[derive(Deserialize)]
    struct UserInfo {
        email: Option<String>,
        verified_email: Option<bool>,
    }
    let resp = http
        .get(url)
        .timeout(TIMEOUT)
        .bearer_auth(access.expose())
        .send()
        .await
        .map_err(|source| AuthError::Network { during: DURING, source })?;
    let body = read_ok(resp, DURING).await?;
    let info: UserInfo = serde_json::from_slice(&body)
        .map_err(|e| AuthError::BadResponse { during: DURING, detail: format!("userinfo is not JSON: {e}") })?;
    let bad = |detail: &str| AuthError::BadResponse { during: DURING, detail: detail.into() };
    if info.verified_email == Some(false) {
        return Err(bad("Google reports the account email as unverified"));
    }
    info.email
        .filter(|e| !e.is_empty())
        .ok_or_else(|| bad("no email in userinfo; was the userinfo.email scope granted?"))
}

/// Revokes a token at Google. An already invalid token counts as revoked.
pub async fn revoke(http: &reqwest::Client, url: &str, token: &Secret) -> Result<(), AuthError> {
    const DURING: &str = "revoke";
    let resp = http
        .post(url)
        .timeout(TIMEOUT)
        .form(&[("token", token.expose())])
        .send()
        .await
        .map_err(|source| AuthError::Network { during: DURING, source })?;
    match read_ok(resp, DURING).await {
        Err(AuthError::OAuth { error, .. }) if error == "invalid_token" => Ok(()),
        other => other.map(drop),
    }
}

/// The body of a 2xx reply; otherwise the OAuth error it carries.
async fn read_ok(resp: reqwest::Response, during: &'static str) -> Result<Vec<u8>, AuthError> {
    let status = resp.status();
    let body = resp.bytes().await.map_err(|source| AuthError::Network { during, source })?;
    if status.is_success() {
        return Ok(body.to_vec());
    }
    let parsed: Option<OAuthErrorBody> = serde_json::from_slice(&body).ok();
    let (error, description) = match parsed {
        Some(OAuthErrorBody { error: Some(error), error_description }) => (error, error_description),
        // Not an OAuth error body (a proxy page, a 5xx): keep a short excerpt.
        _ => {
            let text = String::from_utf8_lossy(&body);
            let excerpt: String = text.chars().take(200).collect();
            (format!("http_{}", status.as_u16()), Some(excerpt).filter(|s| !s.trim().is_empty()))
        }
    };
    Err(AuthError::OAuth { during, status: status.as_u16(), error, description })
}
