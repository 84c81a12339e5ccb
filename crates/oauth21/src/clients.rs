//! Clients: dynamic registration (RFC 7591), which redirect URIs are acceptable, matching a
//! redirect URI at `/authorize`, and client authentication at `/token` and `/revoke`.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::crypto::{constant_time_eq, sha256_b64};
use crate::errors::OAuthError;
use crate::records::ClientRecord;
use crate::server::{AuthServer, now};

pub(crate) const MAX_REDIRECT_URIS: usize = 10;
const MAX_URI_LEN: usize = 2000;
pub(crate) const MAX_NAME_LEN: usize = 200;
/// Registrations kept at once across replicas (each one a store entry).
pub(crate) const MAX_CLIENTS: usize = 10_000;
const AUTH_METHODS: [&str; 3] = ["none", "client_secret_post", "client_secret_basic"];
/// Schemes a browser would run or read locally rather than navigate to.
const REFUSED_SCHEMES: [&str; 6] = ["javascript", "data", "file", "vbscript", "about", "blob"];

#[derive(Debug, Deserialize)]
pub(crate) struct RegistrationRequest {
    #[serde(default)]
    redirect_uris: Vec<String>,
    token_endpoint_auth_method: Option<String>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    client_name: Option<String>,
}

fn client_key(client_id: &str) -> String {
    format!("oauth21:client:{client_id}")
}

/// How long a registration is kept: at least as long as a refresh token it holds.
pub(crate) fn client_ttl(settings: &crate::Settings) -> Duration {
    settings.refresh_ttl.max(Duration::from_secs(30 * 86_400))
}

impl AuthServer {
    /// Registers a client; the reply of `POST /register`.
    pub(crate) async fn register(&self, req: RegistrationRequest) -> Result<Value, OAuthError> {
        let bad_meta = |d: &str| OAuthError::new("invalid_client_metadata", d.to_string());
        if req.redirect_uris.is_empty() || req.redirect_uris.len() > MAX_REDIRECT_URIS {
            return Err(OAuthError::new(
                "invalid_redirect_uri",
                format!("redirect_uris must list 1 to {MAX_REDIRECT_URIS} URIs"),
            ));
        }
        for uri in &req.redirect_uris {
            acceptable_redirect_uri(uri, &self.settings.allowed_redirect_uris)
                .map_err(|why| OAuthError::new("invalid_redirect_uri", why))?;
        }
        let method = req.token_endpoint_auth_method.unwrap_or_else(|| "client_secret_basic".into());
        if !AUTH_METHODS.contains(&method.as_str()) {
            return Err(bad_meta("token_endpoint_auth_method must be none, client_secret_post or client_secret_basic"));
        }
        let grant_types = req.grant_types.unwrap_or_else(|| vec!["authorization_code".into(), "refresh_token".into()]);
        if grant_types.iter().any(|g| g != "authorization_code" && g != "refresh_token") {
            return Err(bad_meta("grant_types may hold only authorization_code and refresh_token"));
        }
        let response_types = req.response_types.unwrap_or_else(|| vec!["code".into()]);
        if response_types.iter().any(|r| r != "code") {
            return Err(bad_meta("response_types may hold only code"));
        }
        if req.client_name.as_ref().is_some_and(|n| n.chars().count() > MAX_NAME_LEN) {
            return Err(bad_meta("client_name is too long"));
        }
        // The slot lives as long as the registration and is never released early.
        if self.clients.claim(&self.store).await?.is_none() {
            return Err(OAuthError::server_error("too many registered clients; retry later"));
        }
        let keys = self.store.keys();
        let client_id = keys.random_token(18);
        let secret = (method != "none").then(|| keys.random_token(32));
        let record = ClientRecord {
            client_id: client_id.clone(),
            secret_hash: secret.as_deref().map(|s| sha256_b64(s.as_bytes())),
            auth_method: method.clone(),
            redirect_uris: req.redirect_uris.clone(),
            client_name: req.client_name.clone(),
            issued_at: now(),
        };
        self.store.put(&client_key(&client_id), &record, Some(client_ttl(&self.settings))).await?;
        tracing::info!(client = %client_id, name = ?record.client_name, "OAuth 2.1 client registered");
        let mut reply = json!({
            "client_id": client_id,
            "client_id_issued_at": record.issued_at,
            "redirect_uris": record.redirect_uris,
            "token_endpoint_auth_method": method,
            "grant_types": grant_types,
            "response_types": response_types,
        });
        if let Some(map) = reply.as_object_mut() {
            if let Some(name) = record.client_name {
                map.insert("client_name".into(), Value::String(name));
            }
            if let Some(secret) = secret {
                map.insert("client_secret".into(), Value::String(secret));
                map.insert("client_secret_expires_at".into(), json!(0));
            }
        }
        Ok(reply)
    }

    /// The client `client_id` names: a registered one, or for an https URL, the one its client
    /// ID metadata document describes (fetched, or from the cache; see `client_document.rs`).
    pub(crate) async fn client(&self, client_id: &str) -> Result<Option<ClientRecord>, OAuthError> {
        if crate::client_document::names_a_document(client_id) {
            return self.document_client(client_id).await.map(Some).map_err(OAuthError::from);
        }
        if client_id.is_empty() || client_id.len() > 200 {
            return Ok(None);
        }
        Ok(self.store.get(&client_key(client_id)).await?)
    }

    /// The client a token or revocation request comes from, authenticated as it registered:
    /// HTTP Basic, or `client_id` (and `client_secret`) in the form.
    pub(crate) async fn authenticate_client(
        &self,
        headers: &HeaderMap,
        form: &std::collections::HashMap<String, String>,
    ) -> Result<ClientRecord, OAuthError> {
        let (id, secret) = match basic_credentials(headers) {
            Some((id, secret)) => (id, Some(secret)),
            None => (
                form.get("client_id").cloned().ok_or_else(|| OAuthError::invalid_client("client_id is missing"))?,
                form.get("client_secret").cloned(),
            ),
        };
        let client =
            self.client(&id).await?.ok_or_else(|| OAuthError::invalid_client("unknown client; register again"))?;
        if let Some(expected) = &client.secret_hash {
            let given = secret.ok_or_else(|| OAuthError::invalid_client("this client must authenticate"))?;
            if !constant_time_eq(sha256_b64(given.as_bytes()).as_bytes(), expected.as_bytes()) {
                return Err(OAuthError::invalid_client("client authentication failed"));
            }
        }
        Ok(client)
    }
}

/// Whether a redirect URI may be registered: absolute, no fragment, https (or http to a
/// loopback address, RFC 8252) or an app's private scheme, and within the operator's globs.
pub(crate) fn acceptable_redirect_uri(uri: &str, globs: &[String]) -> Result<(), String> {
    if uri.len() > MAX_URI_LEN {
        return Err("a redirect URI is too long".into());
    }
    let parsed = url::Url::parse(uri).map_err(|e| format!("{uri} is not an absolute URI ({e})"))?;
    if parsed.fragment().is_some() {
        return Err(format!("{uri}: a redirect URI may not have a fragment"));
    }
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(&parsed) => {}
        "http" => return Err(format!("{uri}: plain http is accepted only for loopback addresses")),
        s if REFUSED_SCHEMES.contains(&s) => return Err(format!("{uri}: the {s}: scheme is not a redirect")),
        _ => {}
    }
    if !globs.is_empty() && !globs.iter().any(|g| glob_matches(g, uri)) {
        return Err(format!("{uri} is not among the redirect URIs this server allows"));
    }
    Ok(())
}

/// Is `uri` one of the client's registered redirect URIs? Exact match, except that for http to
/// a loopback address the port may differ (RFC 8252 §7.3: native apps pick a free port).
pub(crate) fn redirect_registered(client: &ClientRecord, uri: &str) -> bool {
    client.redirect_uris.iter().any(|r| r == uri || same_but_loopback_port(r, uri))
}

fn same_but_loopback_port(registered: &str, given: &str) -> bool {
    let (Ok(mut a), Ok(mut b)) = (url::Url::parse(registered), url::Url::parse(given)) else {
        return false;
    };
    if a.scheme() != "http" || !is_loopback(&a) {
        return false;
    }
    let _ = a.set_port(None);
    let _ = b.set_port(None);
    a == b
}

pub(crate) fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    let unescape =
        |s: &str| url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

/// `*` matches any run of characters (including none); everything else matches itself.
pub(crate) fn glob_matches(glob: &str, text: &str) -> bool {
    let mut parts = glob.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches("https://claude.ai/*", "https://claude.ai/api/mcp/auth_callback"));
        assert!(glob_matches("http://127.0.0.1:*/callback", "http://127.0.0.1:33418/callback"));
        assert!(!glob_matches("http://127.0.0.1:*/callback", "http://127.0.0.1:33418/callback/evil"));
        assert!(!glob_matches("https://claude.ai/*", "https://claude.ai.evil.example/x"));
        assert!(glob_matches("exact", "exact") && !glob_matches("exact", "exactly"));
    }

    #[test]
    fn loopback_ports_may_differ_but_nothing_else() {
        let client = ClientRecord {
            client_id: "c".into(),
            secret_hash: None,
            auth_method: "none".into(),
            redirect_uris: vec!["http://127.0.0.1:3000/cb".into(), "https://app.example/cb".into()],
            client_name: None,
            issued_at: 0,
        };
        assert!(redirect_registered(&client, "http://127.0.0.1:51234/cb"));
        assert!(!redirect_registered(&client, "http://127.0.0.1:51234/other"));
        assert!(redirect_registered(&client, "https://app.example/cb"));
        assert!(!redirect_registered(&client, "https://app.example:8443/cb"));
        assert!(!redirect_registered(&client, "https://app.example/cb?x=1"));
    }
}
