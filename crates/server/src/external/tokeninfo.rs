//! Google's verdict on an access token: `GET https://oauth2.googleapis.com/tokeninfo`, through
//! the core Google client's connection pool and base URL (so the sandbox, `HTTPS_PROXY` and
//! `SSL_CERT_FILE` apply as for every Google call), then the checks this server adds: not
//! expired, an account named, and the audience when a client id is configured.
//!
//! tokeninfo rather than userinfo: it also says which OAuth client the token was minted for
//! (`aud`/`azp`) and which scopes it carries, which userinfo does not.

use std::time::Duration;

use serde_json::Value;
use wsmcp_core::google::GoogleClient;

use super::Verified;

/// Google answers tokeninfo in well under a second; a stuck call must not hold a request.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What Google said, before our checks.
pub enum Lookup {
    /// 200 and the token's fields.
    Known(Value),
    /// 400 `invalid_token`: unknown, expired or revoked.
    Refused,
    /// Google could not be asked or answered something else; the token may be fine.
    Unavailable(String),
}

pub async fn lookup(google: &GoogleClient, token: &str) -> Lookup {
    let url = google.url("oauth2.googleapis.com", "/tokeninfo");
    let sent = google.http().get(&url).query(&[("access_token", token)]).timeout(TIMEOUT).send().await;
    // `without_url`: the URL holds the token, and errors end up in logs.
    let reply = match sent {
        Ok(r) => r,
        Err(e) => return Lookup::Unavailable(format!("tokeninfo: {}", e.without_url())),
    };
    let status = reply.status();
    if status == reqwest::StatusCode::BAD_REQUEST || status == reqwest::StatusCode::UNAUTHORIZED {
        return Lookup::Refused;
    }
    if !status.is_success() {
        return Lookup::Unavailable(format!("tokeninfo answered HTTP {}", status.as_u16()));
    }
    match reply.json::<Value>().await {
        Ok(v) if v.is_object() => Lookup::Known(v),
        Ok(_) => Lookup::Unavailable("tokeninfo answered something other than a JSON object".into()),
        Err(e) => Lookup::Unavailable(format!("tokeninfo: {}", e.without_url())),
    }
}

/// Google sends numbers and booleans as strings; accept either.
fn text(info: &Value, name: &str) -> Option<String> {
    match info.get(name)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Our checks on a token Google knows: the identity and how long it stays valid, or why it is
/// refused (said to the client in `error_description`, so it names no secret).
pub fn judge(info: &Value, expected_client: Option<&str>) -> Result<(Verified, Duration), String> {
    let expires_in = text(info, "expires_in").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    if expires_in <= 0 {
        return Err("the token has expired".into());
    }
    let aud = text(info, "aud");
    let azp = text(info, "azp");
    if let Some(expected) = expected_client
        && aud.as_deref() != Some(expected)
        && azp.as_deref() != Some(expected)
    {
        return Err("the token was issued to another OAuth client than this server's".into());
    }
    let Some(email) = text(info, "email") else {
        return Err("the token names no account: ask Google for the userinfo.email (or email) scope too".into());
    };
    if text(info, "email_verified").as_deref() == Some("false") {
        return Err("the token's account has no verified email address".into());
    }
    let scopes = text(info, "scope").map(|s| s.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
    let client_id = aud.or(azp).unwrap_or_default();
    Ok((Verified { email, client_id, scopes }, Duration::from_secs(expires_in as u64)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::json;

    use super::*;

    fn info() -> Value {
        json!({"azp": "app.apps.googleusercontent.com", "aud": "app.apps.googleusercontent.com",
            "sub": "1", "scope": "openid https://www.googleapis.com/auth/gmail.readonly", "exp": "1900000000",
            "expires_in": "3599", "email": "a@example.com", "email_verified": "true"})
    }

    #[test]
    fn a_good_token_gives_its_account_scopes_and_lifetime() {
        let (who, left) = judge(&info(), Some("app.apps.googleusercontent.com")).unwrap();
        assert_eq!(who.email, "a@example.com");
        assert_eq!(who.scopes, ["openid", "https://www.googleapis.com/auth/gmail.readonly"]);
        assert_eq!(left, Duration::from_secs(3599));
        assert!(judge(&info(), None).is_ok(), "no client id configured: any audience");
    }

    #[test]
    fn another_client_an_expired_token_and_no_email_are_refused() {
        assert!(judge(&info(), Some("other.apps.googleusercontent.com")).unwrap_err().contains("another OAuth client"));
        let mut only_azp = info();
        only_azp["aud"] = json!("something-else");
        assert!(judge(&only_azp, Some("app.apps.googleusercontent.com")).is_ok(), "azp names the client");
        let mut expired = info();
        expired["expires_in"] = json!("0");
        assert!(judge(&expired, None).unwrap_err().contains("expired"));
        let mut numeric = info();
        numeric["expires_in"] = json!(12);
        assert_eq!(judge(&numeric, None).unwrap().1, Duration::from_secs(12));
        let mut anonymous = info();
        anonymous.as_object_mut().unwrap().remove("email");
        assert!(judge(&anonymous, None).unwrap_err().contains("names no account"));
        let mut unverified = info();
        unverified["email_verified"] = json!("false");
        assert!(judge(&unverified, None).is_err());
    }
}
