//! The authorization server's state: who it is (issuer, resource), what it offers (scopes),
//! where Google is, and the store.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use wsmcp_auth::{Endpoints, OAuthClientConfig};
use wsmcp_core::remote::UrlFetcher;
use wsmcp_kv::Kv;

use crate::crypto::Keys;
use crate::settings::Settings;
use crate::store::{Slots, Store};

/// How this server reaches Google: its OAuth client (whose redirect URI is this server's
/// `/oauth2callback`), Google's endpoints (or the sandbox's), and the HTTP client with the
/// operator's proxy and CA settings.
#[derive(Clone)]
pub struct Upstream {
    pub client: OAuthClientConfig,
    pub endpoints: Endpoints,
    pub http: reqwest::Client,
}

pub struct Options {
    /// Where clients reach this server: `WORKSPACE_EXTERNAL_URL` or `{base}:{port}`.
    pub public_base: String,
    /// The scopes of the enabled tools: what a sign-in asks Google for.
    pub tool_scopes: Vec<String>,
    pub settings: Settings,
    pub kv: Arc<dyn Kv>,
    pub upstream: Upstream,
    /// The sandbox has no secret: keys then come from fresh randomness.
    pub ephemeral_keys: bool,
    /// Fetches client ID metadata documents (public addresses only; tests let a loopback
    /// server with a test CA stand in for a public site).
    pub fetcher: Arc<UrlFetcher>,
}

pub struct AuthServer {
    pub(crate) issuer: String,
    /// The MCP endpoint's URL: the audience of every access token.
    pub(crate) resource: String,
    /// Scopes a client may ask for: the tools' scopes and the identity scopes.
    pub(crate) scopes: Vec<String>,
    pub(crate) settings: Settings,
    pub(crate) store: Store,
    pub(crate) upstream: Upstream,
    pub(crate) fetcher: Arc<UrlFetcher>,
    pub(crate) consents: Slots,
    pub(crate) codes: Slots,
    pub(crate) clients: Slots,
}

/// Sign-ins waiting for consent or for Google, across replicas.
const MAX_PENDING: usize = 1000;
pub(crate) const PENDING_TTL: Duration = Duration::from_secs(600);
const MAX_CODES: usize = 1000;
pub(crate) const CODE_TTL: Duration = Duration::from_secs(300);

impl AuthServer {
    pub fn new(options: Options) -> Result<Arc<AuthServer>, String> {
        let keys = match (&options.settings.signing_key, &options.upstream.client.client_secret) {
            (Some(key), _) => Keys::derive(key.as_bytes()),
            (None, Some(secret)) => Keys::derive(format!("google-client-secret:{}", secret.expose()).as_bytes()),
            (None, None) if options.ephemeral_keys => Keys::ephemeral(),
            (None, None) => {
                return Err(
                    "OAuth 2.1 needs GOOGLE_OAUTH_CLIENT_SECRET or FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY \
                            to sign its tokens"
                        .into(),
                );
            }
        };
        let client_ttl = crate::clients::client_ttl(&options.settings);
        let issuer = options.public_base.trim_end_matches('/').to_string();
        let mut scopes: Vec<String> = options.tool_scopes;
        for s in wsmcp_auth::scopes::IDENTITY_SCOPES {
            if !scopes.iter().any(|x| x == s) {
                scopes.push(s.to_string());
            }
        }
        Ok(Arc::new(AuthServer {
            resource: format!("{issuer}/mcp"),
            issuer,
            scopes,
            store: Store::new(options.kv, Arc::new(keys)),
            upstream: options.upstream,
            fetcher: options.fetcher,
            consents: Slots { namespace: "pending", cap: MAX_PENDING, ttl: PENDING_TTL },
            codes: Slots { namespace: "code", cap: MAX_CODES, ttl: CODE_TTL },
            settings: options.settings,
            clients: Slots { namespace: "client", cap: crate::clients::MAX_CLIENTS, ttl: client_ttl },
        }))
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The MCP endpoint's URL (`{base}/mcp`), the `resource` of RFC 8707/9728.
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// `{base}/.well-known/oauth-protected-resource/mcp`.
    pub fn resource_metadata_url(&self) -> String {
        format!("{}/.well-known/oauth-protected-resource/mcp", self.issuer)
    }

    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// The key-value backend the state lives in (`/health/ready` probes it).
    pub fn kv(&self) -> Arc<dyn wsmcp_kv::Kv> {
        self.store.kv()
    }

    /// The store backend's name and a round trip to it, for `/health/ready`.
    pub async fn probe(&self) -> Result<&'static str, String> {
        self.store.probe().await.map(|()| self.store.backend()).map_err(|e| e.to_string())
    }

    /// `/oauth2callback` (or the path of `GOOGLE_OAUTH_REDIRECT_URI`).
    pub fn callback_path(&self) -> String {
        url::Url::parse(&self.upstream.client.redirect_uri)
            .ok()
            .map(|u| u.path().to_string())
            .filter(|p| p.len() > 1)
            .unwrap_or_else(|| "/oauth2callback".into())
    }
}

/// Unix seconds now.
pub(crate) fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}
