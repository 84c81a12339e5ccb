//! `EXTERNAL_OAUTH21_PROVIDER`: this server as a resource server only. The MCP client (or a
//! gateway in front of it) gets Google access tokens itself and sends them as
//! `Authorization: Bearer` on `/mcp`; each is checked at Google's tokeninfo (`tokeninfo.rs`),
//! remembered briefly by its hash (`cache.rs`), and a tool call acts as the token's account
//! with the token itself. There is no authorization server here: no `/authorize`, `/token`,
//! `/register` or consent page, only the RFC 9728 metadata naming Google as the authorization
//! server. The client owns the token, so nothing is refreshed and nothing is stored.

mod cache;
mod credentials;
mod tokeninfo;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{HeaderValue, header};
use serde_json::json;
use tokio::sync::Semaphore;
use wsmcp_core::google::{AccessToken, GoogleClient};
use wsmcp_oauth21::BearerError;

pub use credentials::{NoToken, TokenCredentials};

/// Google's authorization server, the one issuer these tokens come from.
pub const GOOGLE_ISSUER: &str = "https://accounts.google.com";
/// `WORKSPACE_MCP_TOKEN_VALIDATION_CACHE_TTL` unset.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(60);
/// The longest a revoked token may keep passing (the reference's bound too).
pub const MAX_CACHE_TTL: Duration = Duration::from_secs(300);
pub const DEFAULT_CACHE_MAX_ENTRIES: usize = 10_000;
/// `WORKSPACE_MCP_TOKEN_VALIDATION_WORKERS` unset, as the reference.
pub const DEFAULT_VALIDATION_WORKERS: usize = 4;
/// How long a request waits for a free validation slot before it is answered 503.
const SLOT_WAIT: Duration = Duration::from_secs(10);
/// No Google access token is this long; a longer one is refused without asking Google.
const MAX_TOKEN_BYTES: usize = 4096;

/// The external provider's settings, read by the binary.
#[derive(Debug, Clone)]
pub struct ExternalSettings {
    /// `GOOGLE_OAUTH_CLIENT_ID`: a token must have been minted for this client (`aud` or
    /// `azp`), so a token a user gave another app cannot be replayed here. `None` accepts a
    /// token of any client (said at start-up).
    pub client_id: Option<String>,
    /// How long Google's "valid" is trusted without asking again (never past the token's
    /// expiry); zero asks Google on every request.
    pub cache_ttl: Duration,
    pub cache_max_entries: usize,
    /// Token checks at Google at one time (`WORKSPACE_MCP_TOKEN_VALIDATION_WORKERS`).
    pub validation_workers: usize,
}

impl Default for ExternalSettings {
    fn default() -> Self {
        ExternalSettings {
            client_id: None,
            cache_ttl: DEFAULT_CACHE_TTL,
            cache_max_entries: DEFAULT_CACHE_MAX_ENTRIES,
            validation_workers: DEFAULT_VALIDATION_WORKERS,
        }
    }
}

/// Who a Google token speaks for, as Google vouched for it (no token inside).
#[derive(Debug, Clone)]
pub struct Verified {
    pub email: String,
    /// The OAuth client the token was minted for.
    pub client_id: String,
    pub scopes: Vec<String>,
}

/// The Google token of this `/mcp` request, verified; the tools call Google with it.
#[derive(Debug, Clone)]
pub struct GoogleBearer(pub AccessToken);

pub struct ExternalProvider {
    settings: ExternalSettings,
    google: Arc<GoogleClient>,
    cache: Mutex<cache::Cache>,
    slots: Semaphore,
    /// `{base}/mcp`, the RFC 9728 `resource`.
    resource: String,
    metadata_url: String,
    scopes: Vec<String>,
}

impl ExternalProvider {
    pub fn new(
        settings: ExternalSettings,
        google: Arc<GoogleClient>,
        public_base: &str,
        scopes: &[&'static str],
    ) -> ExternalProvider {
        let base = public_base.trim_end_matches('/');
        match &settings.client_id {
            Some(id) => {
                tracing::info!(client_id = %id, "external OAuth 2.1 provider: accepting Google tokens of this client")
            }
            None => tracing::warn!(
                "external OAuth 2.1 provider without GOOGLE_OAUTH_CLIENT_ID: a Google token minted for any app is \
                 accepted; set it to accept only your client's tokens"
            ),
        }
        ExternalProvider {
            cache: Mutex::new(cache::Cache::new(settings.cache_max_entries)),
            slots: Semaphore::new(settings.validation_workers.max(1)),
            settings,
            google,
            resource: format!("{base}/mcp"),
            metadata_url: format!("{base}/.well-known/oauth-protected-resource/mcp"),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The bearer token of `authorization` checked: from the cache, or at Google.
    pub async fn verify(&self, authorization: Option<&str>) -> Result<(Verified, AccessToken), BearerError> {
        let token = authorization
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim())
            .filter(|t| !t.is_empty())
            .ok_or(BearerError::Missing)?;
        if token.len() > MAX_TOKEN_BYTES || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BearerError::Invalid("not a Google access token".into()));
        }
        let key = cache::key(token);
        if let Some(hit) = self.cache().get(&key, Instant::now()) {
            return Ok((hit, AccessToken::new(token)));
        }
        let _slot = tokio::time::timeout(SLOT_WAIT, self.slots.acquire())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or(BearerError::Unavailable)?;
        let info = match tokeninfo::lookup(&self.google, token).await {
            tokeninfo::Lookup::Known(info) => info,
            tokeninfo::Lookup::Refused => {
                return Err(BearerError::Invalid(
                    "Google does not accept this token (unknown, expired or revoked)".into(),
                ));
            }
            tokeninfo::Lookup::Unavailable(why) => {
                tracing::warn!(reason = %why, "external OAuth 2.1 provider: could not check a token at Google");
                return Err(BearerError::Unavailable);
            }
        };
        let (verified, left) =
            tokeninfo::judge(&info, self.settings.client_id.as_deref()).map_err(BearerError::Invalid)?;
        let now = Instant::now();
        self.cache().put(key, verified.clone(), now + left.min(self.settings.cache_ttl), now);
        tracing::debug!(user = %verified.email, "external OAuth 2.1 provider: Google token verified");
        Ok((verified, AccessToken::new(token)))
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, cache::Cache> {
        self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The `WWW-Authenticate` value of a 401 from `/mcp` (RFC 9728 §5.1).
    pub fn challenge(&self, error: &BearerError) -> String {
        error.challenge(&self.metadata_url, &self.scopes)
    }

    /// The `WWW-Authenticate` value of a 403 when a tool needs scopes the token lacks.
    pub fn insufficient_scope(&self, needed: &[String]) -> String {
        wsmcp_oauth21::insufficient_scope_challenge(&self.metadata_url, needed)
    }

    /// The protected-resource metadata, naming Google as the authorization server.
    pub fn router(self: &Arc<Self>) -> Router {
        let provider = self.clone();
        Router::new().route(
            "/.well-known/oauth-protected-resource/mcp",
            get(move || async move { provider.metadata() }).options(preflight),
        )
    }

    fn metadata(&self) -> Response {
        let mut r = axum::Json(json!({
            "resource": self.resource,
            "authorization_servers": [GOOGLE_ISSUER],
            "scopes_supported": self.scopes,
            "bearer_methods_supported": ["header"],
            "resource_name": "Google Workspace MCP",
        }))
        .into_response();
        let h = r.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, must-revalidate"));
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        r
    }
}

/// Browser-based clients read the metadata cross-origin; it holds nothing private.
async fn preflight() -> Response {
    let mut r = http::StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("authorization, mcp-protocol-version"));
    r
}
