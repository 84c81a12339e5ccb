//! Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document; MCP
//! authorization 2025-11-25): instead of registering, a client names itself by an https URL,
//! and this server fetches the JSON client metadata served there.
//!
//! The URL is a stranger's, so the fetch is a hostile-input path: through
//! [`UrlFetcher::get_once`] (public addresses only, pinned, no redirect followed), https only,
//! [`FETCH_TIMEOUT`] for the whole exchange, [`MAX_DOCUMENT_BYTES`] of JSON at most. Only public
//! clients are served (`token_endpoint_auth_method` `none`): a document is public, so it cannot
//! hold a secret, and we do not verify `private_key_jwt`. Redirect URIs must be https or
//! loopback http (RFC 8252), within `WORKSPACE_MCP_ALLOWED_CLIENT_REDIRECT_URIS` as for
//! registration.
//!
//! A document that passed is cached in the shared store (sealed, under the URL's hash), so every
//! replica sees the client an `/authorize` on another one saw, and a busy client is fetched once
//! per lifetime rather than once per request per replica. The lifetime is the document's
//! `Cache-Control: max-age` within [`MIN_CACHE`]..[`MAX_CACHE`] ([`DEFAULT_CACHE`] without one);
//! at most [`MAX_CACHED_DOCUMENTS`] are kept (a `Slots` cap), past which documents are still
//! served but fetched each time.

use std::time::Duration;

use serde::Deserialize;
use wsmcp_core::ToolError;
use wsmcp_core::remote::{BodyError, read_capped};

use crate::clients::{MAX_NAME_LEN, MAX_REDIRECT_URIS, acceptable_redirect_uri, is_loopback};
use crate::errors::OAuthError;
use crate::records::ClientRecord;
use crate::server::{AuthServer, now};
use crate::store::{Slots, key};

pub(crate) const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// The draft's suggested limit; a real document is a few hundred bytes.
pub(crate) const MAX_DOCUMENT_BYTES: usize = 5 * 1024;
pub(crate) const MIN_CACHE: Duration = Duration::from_secs(60);
pub(crate) const MAX_CACHE: Duration = Duration::from_secs(86_400);
pub(crate) const DEFAULT_CACHE: Duration = Duration::from_secs(3600);
pub(crate) const MAX_CACHED_DOCUMENTS: usize = 1000;
const MAX_CLIENT_ID_LEN: usize = 2000;

/// Why a client ID URL could not be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DocumentError {
    /// The URL or its document breaks a rule: the client is not usable as it stands.
    Invalid(String),
    /// The document could not be had (network, timeout, the site's 5xx): may pass on a retry.
    Unreachable(String),
}

impl From<DocumentError> for OAuthError {
    fn from(e: DocumentError) -> Self {
        match e {
            DocumentError::Invalid(why) => OAuthError::invalid_client(why),
            DocumentError::Unreachable(why) => OAuthError::server_error(why),
        }
    }
}

/// Registered client ids are base64url tokens, which never hold a `:`; anything that does is
/// meant as a URL, and is either a valid client ID URL or refused (never looked up).
pub(crate) fn names_a_document(client_id: &str) -> bool {
    client_id.contains(':')
}

/// The rules of the draft for the URL itself: https, a host, a path beyond `/`, no fragment,
/// no user or password, and already in normal form (no `.`/`..` segments, no default port,
/// lower-case host), since the document's `client_id` must equal it exactly.
pub(crate) fn client_id_url(client_id: &str) -> Result<url::Url, String> {
    let refuse = |why: &str| Err(format!("The client ID {client_id} cannot be used: {why}."));
    if client_id.len() > MAX_CLIENT_ID_LEN {
        return Err(format!("A client ID URL is limited to {MAX_CLIENT_ID_LEN} characters."));
    }
    let Ok(url) = url::Url::parse(client_id) else {
        return refuse("it is neither a registered client nor a valid URL");
    };
    if url.scheme() != "https" {
        return refuse("a client ID metadata document must be served over https");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return refuse("the URL has no host");
    }
    if url.path() == "/" {
        return refuse("the URL must have a path naming the document, not just a host");
    }
    if url.fragment().is_some() {
        return refuse("the URL may not have a fragment");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("the URL may not carry a user name or password");
    }
    if url.as_str() != client_id {
        return refuse(&format!("the URL is not in normal form (it reads {url})"));
    }
    Ok(url)
}

/// The document's fields this server reads; the rest (`logo_uri`, `client_uri`, ...) is
/// allowed and ignored: a logo would be loaded from the client's site by the consent page.
#[derive(Deserialize)]
struct Document {
    client_id: Option<String>,
    #[serde(default)]
    redirect_uris: Vec<String>,
    token_endpoint_auth_method: Option<String>,
    client_name: Option<String>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    client_secret: Option<serde_json::Value>,
    client_secret_expires_at: Option<serde_json::Value>,
}

/// Checks a fetched document against the URL it came from; the client it describes.
pub(crate) fn read_document(
    client_id: &str,
    content_type: Option<&str>,
    body: &[u8],
    allowed_redirect_uris: &[String],
) -> Result<ClientRecord, String> {
    let refuse = |why: String| Err(format!("The client ID {client_id} cannot be used: {why}."));
    let media = content_type.unwrap_or_default().split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if media != "application/json" && !(media.starts_with("application/") && media.ends_with("+json")) {
        return refuse(format!("its metadata document must be served as application/json, not \"{media}\""));
    }
    let doc: Document = match serde_json::from_slice(body) {
        Ok(doc) => doc,
        Err(e) => return refuse(format!("its metadata document is not a JSON client metadata object ({e})")),
    };
    if doc.client_id.as_deref() != Some(client_id) {
        return refuse("the document's client_id is not exactly the URL it was fetched from".into());
    }
    if doc.client_secret.is_some() || doc.client_secret_expires_at.is_some() {
        return refuse("a metadata document is public, so it may not hold a client secret".into());
    }
    // Absent means none here: RFC 7591's default (client_secret_basic) needs a secret a
    // document cannot have.
    let method = doc.token_endpoint_auth_method.as_deref().unwrap_or("none");
    if method != "none" {
        return refuse(format!(
            "this server accepts metadata documents of public clients only (token_endpoint_auth_method \
             none), not {method}"
        ));
    }
    if doc.redirect_uris.is_empty() || doc.redirect_uris.len() > MAX_REDIRECT_URIS {
        return refuse(format!("its redirect_uris must list 1 to {MAX_REDIRECT_URIS} URIs"));
    }
    for uri in &doc.redirect_uris {
        let web_or_loopback =
            url::Url::parse(uri).is_ok_and(|u| u.scheme() == "https" || (u.scheme() == "http" && is_loopback(&u)));
        if !web_or_loopback {
            return refuse(format!("its redirect URI {uri} is neither https nor http to a loopback address"));
        }
        acceptable_redirect_uri(uri, allowed_redirect_uris)
            .map_err(|why| format!("The client ID {client_id} cannot be used: {why}."))?;
    }
    if doc.grant_types.is_some_and(|g| g.iter().any(|g| g != "authorization_code" && g != "refresh_token")) {
        return refuse("its grant_types may hold only authorization_code and refresh_token".into());
    }
    if doc.response_types.is_some_and(|r| r.iter().any(|r| r != "code")) {
        return refuse("its response_types may hold only code".into());
    }
    if doc.client_name.as_ref().is_some_and(|n| n.chars().count() > MAX_NAME_LEN) {
        return refuse("its client_name is too long".into());
    }
    Ok(ClientRecord {
        client_id: client_id.to_string(),
        secret_hash: None,
        auth_method: "none".into(),
        redirect_uris: doc.redirect_uris,
        client_name: doc.client_name,
        issued_at: now(),
    })
}

/// How long a document may be cached: `max-age` (none for `no-store`/`no-cache`) within
/// [`MIN_CACHE`]..[`MAX_CACHE`]. The floor keeps a sign-in's steps on one copy of the document.
pub(crate) fn cache_lifetime(cache_control: Option<&str>) -> Duration {
    let Some(value) = cache_control else {
        return DEFAULT_CACHE;
    };
    let mut lifetime = DEFAULT_CACHE;
    for directive in value.split(',').map(|d| d.trim().to_ascii_lowercase()) {
        if directive == "no-store" || directive == "no-cache" {
            return MIN_CACHE;
        }
        if let Some(seconds) = directive.strip_prefix("max-age=").and_then(|s| s.trim_matches('"').parse::<u64>().ok())
        {
            lifetime = Duration::from_secs(seconds);
        }
    }
    lifetime.clamp(MIN_CACHE, MAX_CACHE)
}

/// The host to show the user: the client's only verified identity.
pub(crate) fn client_host(client_id: &str) -> Option<String> {
    names_a_document(client_id).then(|| url::Url::parse(client_id).ok()?.host_str().map(str::to_string)).flatten()
}

impl AuthServer {
    /// The client a client ID URL describes, from the cache or fetched now.
    pub(crate) async fn document_client(&self, client_id: &str) -> Result<ClientRecord, DocumentError> {
        let url = client_id_url(client_id).map_err(DocumentError::Invalid)?;
        let cache_key = key("client-doc", client_id);
        match self.store.get::<ClientRecord>(&cache_key).await {
            Ok(Some(cached)) => return Ok(cached),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "OAuth 2.1: client document cache unreadable; fetching"),
        }
        let fetched = tokio::time::timeout(FETCH_TIMEOUT, self.fetch_document(&url)).await.map_err(|_| {
            DocumentError::Unreachable(format!(
                "The client ID {client_id} cannot be used now: its metadata document did not arrive within {} s.",
                FETCH_TIMEOUT.as_secs()
            ))
        })?;
        let (record, lifetime) = fetched?;
        tracing::info!(client = %client_id, name = ?record.client_name, "OAuth 2.1: client metadata document fetched");
        let slots = Slots { namespace: "client-doc", cap: MAX_CACHED_DOCUMENTS, ttl: lifetime };
        match slots.claim(&self.store).await {
            Ok(Some(_)) => {
                if let Err(e) = self.store.put(&cache_key, &record, Some(lifetime)).await {
                    tracing::warn!(error = %e, "OAuth 2.1: could not cache a client metadata document");
                }
            }
            Ok(None) => tracing::debug!("OAuth 2.1: client document cache full; not cached"),
            Err(e) => tracing::warn!(error = %e, "OAuth 2.1: could not cache a client metadata document"),
        }
        Ok(record)
    }

    async fn fetch_document(&self, url: &url::Url) -> Result<(ClientRecord, Duration), DocumentError> {
        let client_id = url.as_str();
        let unreachable =
            |why: String| DocumentError::Unreachable(format!("The client ID {client_id} cannot be used now: {why}."));
        let invalid = |why: String| DocumentError::Invalid(format!("The client ID {client_id} cannot be used: {why}."));
        let instead = "A client ID URL must be on a public https site.";
        let mut response = self.fetcher.get_once(url, instead).await.map_err(|e| match e {
            ToolError::Refused(why) => invalid(why),
            other => unreachable(tool_error_text(other)),
        })?;
        let status = response.status();
        if status.is_redirection() {
            return Err(invalid(format!(
                "fetching it answered a redirect (HTTP {status}); the document must be served at the URL itself"
            )));
        }
        if status.is_server_error() {
            return Err(unreachable(format!("fetching its metadata document answered HTTP {status}")));
        }
        if status != reqwest::StatusCode::OK {
            return Err(invalid(format!("fetching its metadata document answered HTTP {status}")));
        }
        let too_large = || invalid(format!("its metadata document is larger than {MAX_DOCUMENT_BYTES} bytes"));
        if response.content_length().is_some_and(|l| l > MAX_DOCUMENT_BYTES as u64) {
            return Err(too_large());
        }
        let header = |name: reqwest::header::HeaderName| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let lifetime = cache_lifetime(header(reqwest::header::CACHE_CONTROL).as_deref());
        let body = read_capped(&mut response, MAX_DOCUMENT_BYTES as u64).await.map_err(|e| match e {
            BodyError::TooLarge => too_large(),
            BodyError::Read(e) => unreachable(format!("reading its metadata document failed ({e})")),
        })?;
        let record = read_document(client_id, content_type.as_deref(), &body, &self.settings.allowed_redirect_uris)
            .map_err(DocumentError::Invalid)?;
        Ok((record, lifetime))
    }
}

/// The message inside a fetch error, without the tool-facing prefix.
fn tool_error_text(e: ToolError) -> String {
    match e {
        ToolError::File(m) | ToolError::Refused(m) | ToolError::Internal(m) | ToolError::InvalidInput(m) => m,
        other => other.to_string(),
    }
}
