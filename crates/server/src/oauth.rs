//! Legacy OAuth 2.0 mode (the reference's default), wired to MCP callers.
//!
//! Tokens come from `wsmcp-auth`'s encrypted store. What this module adds is *who may use
//! which account*:
//! - a *local* server (stdio, or HTTP bound to loopback only with no external URL) belongs to the
//!   operating-system user who runs it and owns the credentials directory, so any MCP session and
//!   any stateless request may use any stored account: one sign-in lasts across sessions,
//!   protocol revisions and restarts, until Google revokes the token;
//! - an *exposed* server cannot tell its callers apart in this mode, so an MCP session may only act
//!   as an account it proved it owns by completing a sign-in in that session (or the operator's
//!   configured default account / `--single-user`), and once bound it never acts as another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tokio::sync::OnceCell;
use wsmcp_auth::{AuthError, AuthFlows, CompletedAuth, Credentials, Endpoints, OAuthClientConfig, TokenStore};
use wsmcp_core::ToolError;
use wsmcp_core::google::AccessToken;
use wsmcp_core::tool::CredentialSource;

use crate::config::{Config, Transport};

struct Binding {
    email: String,
    last_used: Instant,
}

pub struct OAuth {
    /// This very value, for the stdio callback listener it starts (it completes flows here).
    me: Weak<OAuth>,
    http: reqwest::Client,
    /// `None` when no OAuth client is configured: every call then explains how to set one.
    client: Option<OAuthClientConfig>,
    endpoints: Endpoints,
    store: TokenStore,
    credentials: Credentials,
    /// Created on first use: under stdio the redirect port is only known once the callback
    /// listener has bound one.
    flows: OnceCell<Arc<AuthFlows>>,
    scopes: Vec<String>,
    transport: Transport,
    /// Reachable by others (see [`Config::is_exposed`]): sessions must sign in themselves.
    exposed: bool,
    single_user: bool,
    /// A trusted gateway verified each caller: the dispatcher let the call name only that user.
    gateway_verified: bool,
    default_user: Option<String>,
    /// HTTP session id -> the account it signed in as, and when the session last used it.
    bindings: Mutex<HashMap<String, Binding>>,
    /// A binding unused this long is dropped (the session has expired by then too).
    binding_ttl: Duration,
    config: Config,
}

impl OAuth {
    pub fn new(
        config: &Config,
        http: reqwest::Client,
        base: Option<&str>,
        scopes: &[&'static str],
    ) -> Result<Arc<OAuth>, String> {
        let env = |name: &str| std::env::var(name).ok();
        let client = OAuthClientConfig::from_env(&env, config.redirect_uri()).map_err(|e| e.to_string())?;
        let endpoints = base.map(Endpoints::with_base).unwrap_or_default();
        let store =
            TokenStore::open(&config.credentials_dir, config.token_key.as_deref()).map_err(|e| e.to_string())?;
        let credentials = Credentials::new(
            client.clone().unwrap_or(OAuthClientConfig {
                client_id: String::new(),
                client_secret: None,
                redirect_uri: String::new(),
            }),
            endpoints.clone(),
            store.clone(),
        );
        Ok(Arc::new_cyclic(|me| OAuth {
            me: me.clone(),
            http,
            client,
            endpoints,
            store,
            credentials,
            flows: OnceCell::new(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            transport: config.transport,
            exposed: config.is_exposed(),
            single_user: config.single_user,
            gateway_verified: config.gateway.is_some(),
            default_user: config.default_user.clone(),
            bindings: Mutex::new(HashMap::new()),
            binding_ttl: if config.session_idle_timeout.is_zero() {
                Duration::from_secs(3660)
            } else {
                config.session_idle_timeout
            },
            config: config.clone(),
        }))
    }

    /// Cheap readiness check of the token store.
    pub async fn probe(&self) -> Result<(), String> {
        self.store.probe().map_err(|e| e.to_string())
    }

    /// Finishes a sign-in from the OAuth callback and binds the session that started it.
    pub async fn complete(&self, state: &str, code: &str) -> Result<CompletedAuth, String> {
        let flows = self.flows().await.map_err(|e| e.to_string())?;
        let done = flows.complete(&self.http, state, code).await.map_err(|e| e.to_string())?;
        if let (Some(session), Ok(mut b)) = (&done.binding, self.bindings.lock()) {
            let ttl = self.binding_ttl;
            b.retain(|_, v| v.last_used.elapsed() < ttl);
            match b.get(session) {
                // First binding wins: a session never switches accounts, even after
                // proving it owns another one.
                Some(existing) if !existing.email.eq_ignore_ascii_case(&done.email) => {
                    tracing::warn!(bound = %existing.email, signed_in = %done.email, "session already bound to another account; binding kept");
                }
                _ => {
                    b.insert(session.clone(), Binding { email: done.email.clone(), last_used: Instant::now() });
                }
            }
        }
        tracing::info!(user = %done.email, "sign-in completed");
        Ok(done)
    }

    async fn flows(&self) -> Result<Arc<AuthFlows>, ToolError> {
        let Some(client) = self.client.clone() else {
            return Err(ToolError::AuthRequired(
                "No Google OAuth client is configured. Set GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET \
                 (or GOOGLE_CLIENT_SECRET_PATH), or start the server with --sandbox to try it on sample data."
                    .into(),
            ));
        };
        self.flows
            .get_or_try_init(|| async {
                let mut client = client;
                if self.transport == Transport::Stdio {
                    client.redirect_uri = crate::stdio_callback::ensure_listener(&self.config, self.me.clone()).await?;
                }
                Ok(Arc::new(AuthFlows::new(client, self.endpoints.clone(), self.store.clone())))
            })
            .await
            .cloned()
    }

    async fn sign_in_message(&self, user: Option<&str>, caller: Option<&str>, why: &str) -> ToolError {
        match self.flows().await {
            Ok(flows) => {
                let start = flows.start(user, &self.scopes, caller.map(str::to_string));
                let who = user.map(|u| format!(" as {u}")).unwrap_or_default();
                ToolError::AuthRequired(format!(
                    "ACTION REQUIRED: Google sign-in needed ({why}).\n\nOpen this link in a browser and sign in{who}:\n{}\n\n\
                     Then retry the request. The link is valid for 10 minutes.",
                    start.url
                ))
            }
            Err(e) => e,
        }
    }

    /// Whether this caller may use `user`'s stored credentials (see the module doc).
    fn check_binding(&self, user: &str, caller: Option<&str>) -> Result<bool, ToolError> {
        if !self.exposed || self.single_user || self.gateway_verified {
            return Ok(true);
        }
        let bound = caller.and_then(|c| {
            let mut b = self.bindings.lock().ok()?;
            let entry = b.get_mut(c)?;
            if entry.last_used.elapsed() >= self.binding_ttl {
                b.remove(c);
                return None;
            }
            entry.last_used = Instant::now();
            Some(entry.email.clone())
        });
        match bound {
            Some(b) if b.eq_ignore_ascii_case(user) => Ok(true),
            Some(b) => Err(ToolError::Refused(format!(
                "this MCP session is signed in as {b} and cannot act as {user}. Open a new session to use another account."
            ))),
            None => Ok(self.default_user.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(user))),
        }
    }
}

impl CredentialSource for OAuth {
    fn access_token<'a>(
        &'a self,
        user: &'a str,
        scopes: &'a [&'static str],
        caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            if !self.check_binding(user, caller)? {
                return Err(self.sign_in_message(Some(user), caller, EXPOSED_SESSION_MUST_SIGN_IN).await);
            }
            match self.credentials.access_token(&self.http, user, scopes).await {
                Ok(secret) => Ok(AccessToken::new(secret.expose())),
                Err(e) if e.needs_authorization() => Err(self.sign_in_message(Some(user), caller, &reason(&e)).await),
                Err(e) => Err(ToolError::AuthRequired(e.to_string())),
            }
        })
    }

    fn authorize<'a>(
        &'a self,
        user: Option<&'a str>,
        caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move {
            match self.sign_in_message(user, caller, "requested").await {
                ToolError::AuthRequired(text) => Ok(text),
                other => Err(other),
            }
        })
    }
}

/// Why a session of an exposed server signs in although the account may be stored already.
const EXPOSED_SESSION_MUST_SIGN_IN: &str = "this server is reachable from other machines, so each MCP session signs in \
     for itself before it may act for an account; the operator can set USER_GOOGLE_EMAIL or --single-user for a \
     personal server";

/// The one start-up line an exposed legacy-mode server prints about who may use which account.
pub fn exposure_notice(config: &Config) -> Option<&'static str> {
    let other_mode = config.oauth21.is_some() || config.gateway.is_some() || config.service_account_key.is_some();
    (config.is_exposed() && !config.sandbox && !config.single_user && config.default_user.is_none() && !other_mode)
        .then_some(
        "this server is reachable from other machines and runs the legacy OAuth 2.0 mode, which cannot tell callers \
         apart: each MCP session must sign in itself and acts only for that account. For a personal server set \
         USER_GOOGLE_EMAIL or --single-user; for many users, OAuth 2.1 (MCP_ENABLE_OAUTH21)",
    )
}

fn reason(e: &AuthError) -> String {
    match e {
        AuthError::MissingScopes(s) => format!("new permissions are needed: {}", s.join(", ")),
        AuthError::NotAuthorized { .. } => "no valid stored authorization".into(),
        other => other.to_string(),
    }
}
