//! OAuth 2.1 mode wired into the server: the authorization server built from the
//! configuration, the bearer check in front of `/mcp` (which also serves the external-provider
//! mode's check of Google's own tokens), and the credential source that hands
//! tools the Google token of the user the bearer token names.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::future::BoxFuture;
use http::{HeaderValue, StatusCode, header};
use serde_json::json;
use wsmcp_auth::{Endpoints, OAuthClientConfig};
use wsmcp_core::ToolError;
use wsmcp_core::google::AccessToken;
use wsmcp_core::tool::CredentialSource;
use wsmcp_oauth21::{AuthServer, BearerError, CheckedGrant, GoogleTokenError, Identity, Options, Upstream};

use crate::app::App;
use crate::config::Config;
use crate::external::{ExternalProvider, GoogleBearer};

/// The Google OAuth client the sandbox's emulation accepts (it checks no secret).
const SANDBOX_CLIENT_ID: &str = "sandbox-client.apps.googleusercontent.com";

/// Builds the authorization server: Google (or the sandbox at `google_base`) behind it, its state
/// in the backend `WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND` names.
pub fn build(
    config: &Config,
    settings: &wsmcp_oauth21::Settings,
    http: reqwest::Client,
    fetcher: Arc<wsmcp_core::remote::UrlFetcher>,
    google_base: Option<&str>,
    scopes: &[&'static str],
) -> Result<Arc<AuthServer>, String> {
    let client = if config.sandbox {
        OAuthClientConfig {
            client_id: SANDBOX_CLIENT_ID.into(),
            client_secret: None,
            redirect_uri: config.redirect_uri(),
        }
    } else {
        let env = |name: &str| std::env::var(name).ok();
        OAuthClientConfig::from_env(&env, config.redirect_uri()).map_err(|e| e.to_string())?.ok_or(
            "MCP_ENABLE_OAUTH21 needs a Google OAuth client: set GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET",
        )?
    };
    let kv = state_store(config)?;
    let upstream = Upstream { client, endpoints: google_base.map(Endpoints::with_base).unwrap_or_default(), http };
    AuthServer::new(Options {
        public_base: config.public_base(),
        tool_scopes: scopes.iter().map(|s| s.to_string()).collect(),
        settings: settings.clone(),
        kv,
        upstream,
        ephemeral_keys: config.sandbox,
        fetcher,
    })
}

/// The state store: the configured backend; unset, the disk (as the reference), except on the
/// sandbox, which keeps its sign-ins in memory unless a backend is named, and in stateless mode,
/// which never writes local disk (the binary refused an explicit `disk` already).
fn state_store(config: &Config) -> Result<Arc<dyn wsmcp_kv::Kv>, String> {
    let env = |name: &str| std::env::var(name).ok();
    let named = ["WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", "WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST"]
        .iter()
        .any(|name| env(name).is_some_and(|v| !v.trim().is_empty()));
    if config.stateless && !named {
        tracing::warn!(
            "stateless mode with no OAuth 2.1 store named: sign-ins are kept in this process's memory, so other \
             replicas will not know them; replicas need WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND=valkey"
        );
    }
    let kv_config = if (config.sandbox || config.stateless) && !named {
        wsmcp_kv::KvConfig::Memory
    } else {
        wsmcp_kv::KvConfig::from_env(&env)?
    };
    if config.stateless && matches!(kv_config, wsmcp_kv::KvConfig::Disk { .. }) {
        return Err("stateless mode writes nothing to local disk: the OAuth 2.1 store cannot be disk".into());
    }
    tracing::info!(storage = %kv_config.describe(), "OAuth 2.1 state store");
    wsmcp_kv::open(&kv_config).map_err(|e| format!("OAuth 2.1 state store: {e}"))
}

/// In front of `/mcp`: a valid bearer token of ours (or, in external-provider mode, Google's),
/// or 401 with the challenge that points the client at the protected-resource metadata. The
/// identity rides in the request's extensions, which rmcp hands the handler.
pub async fn require_bearer(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if let Some(external) = app.external.clone() {
        return require_google_bearer(&app, &external, req, next).await;
    }
    let Some(server) = app.oauth21.clone() else {
        return next.run(req).await;
    };
    let authorization = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    match server.verify_bearer_with_grant(authorization).await {
        Ok((identity, grant)) => {
            let challenge = |scopes: &[String]| server.insufficient_scope(scopes);
            let mut req = match scope_check(&app, &identity, challenge, req).await {
                Ok(req) => req,
                Err(refused) => return refused,
            };
            req.extensions_mut().insert(identity);
            req.extensions_mut().insert(grant);
            next.run(req).await
        }
        Err(e) => refusal(&e, server.challenge(&e)),
    }
}

/// External-provider mode: the Google access token checked at Google (or found in the cache);
/// the tools get the account and the token itself.
async fn require_google_bearer(app: &App, external: &ExternalProvider, req: Request, next: Next) -> Response {
    let authorization = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    match external.verify(authorization).await {
        Ok((verified, token)) => {
            let identity = Identity { email: verified.email, client_id: verified.client_id, scopes: verified.scopes };
            let challenge = |scopes: &[String]| external.insufficient_scope(scopes);
            let mut req = match scope_check(app, &identity, challenge, req).await {
                Ok(req) => req,
                Err(refused) => return refused,
            };
            req.extensions_mut().insert(identity);
            req.extensions_mut().insert(GoogleBearer(token));
            next.run(req).await
        }
        Err(e) => {
            if let BearerError::Invalid(why) = &e {
                tracing::info!(reason = %why, "external OAuth 2.1 provider: refused a bearer token");
            }
            refusal(&e, external.challenge(&e))
        }
    }
}

/// 401 (or 503 when the check could not run) with an RFC 6750 body and the challenge.
fn refusal(e: &BearerError, challenge: String) -> Response {
    if *e == BearerError::Unavailable {
        return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({"error": "temporarily_unavailable"})))
            .into_response();
    }
    let body = match e {
        BearerError::Missing => json!({"error": "invalid_token", "error_description": "authentication required"}),
        other => json!({"error": "invalid_token", "error_description": other.to_string()}),
    };
    let mut r = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&challenge) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

/// A `tools/call` whose tool needs scopes the token lacks is refused with 403 and the scope
/// challenge `challenge` builds from the scopes to ask for (see `step_up.rs`); any other
/// request passes on unchanged.
async fn scope_check(
    app: &App,
    identity: &Identity,
    challenge: impl FnOnce(&[String]) -> String,
    req: Request,
) -> Result<Request, Response> {
    if req.method() != http::Method::POST {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    // Already read into memory, up to the request cap, by the body-limit layer.
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| StatusCode::BAD_REQUEST.into_response())?;
    let wider = crate::step_up::called_tool(&bytes)
        .and_then(|tool| crate::step_up::wider_scopes(&app.registry, &tool, &identity.scopes).map(|s| (tool, s)));
    if let Some((tool, scopes)) = wider {
        tracing::info!(user = %identity.email, tool = %tool, "OAuth 2.1: the token lacks scopes the tool needs; step-up");
        let body = json!({
            "error": "insufficient_scope",
            "error_description": format!("the tool {tool} needs Google permissions this authorization did not grant; \
                authorize again with the scopes in WWW-Authenticate"),
        });
        let mut r = (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
        if let Ok(v) = HeaderValue::from_str(&challenge(&scopes)) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        return Err(r);
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

/// Google tokens for tool calls, from the authorization server's store, or from the grant the
/// request's bearer check already read (`checked`, set per call by the dispatcher).
pub struct OAuth21Credentials {
    pub server: Arc<AuthServer>,
    pub checked: Option<CheckedGrant>,
}

impl CredentialSource for OAuth21Credentials {
    fn access_token<'a>(
        &'a self,
        user: &'a str,
        scopes: &'a [&'static str],
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            match self.server.google_access_token(user, scopes, self.checked.as_ref()).await {
                Ok(token) => Ok(AccessToken::new(token.expose())),
                Err(GoogleTokenError::MissingScopes(missing)) => Err(ToolError::AuthRequired(format!(
                    "This tool needs Google permissions the sign-in did not grant: {}. Sign in again from the MCP \
                     client and grant them.",
                    missing.join(", ")
                ))),
                Err(GoogleTokenError::SignInAgain(why)) => Err(ToolError::AuthRequired(why)),
                Err(GoogleTokenError::Unavailable(why)) => Err(ToolError::Internal(why)),
            }
        })
    }

    fn authorize<'a>(
        &'a self,
        user: Option<&'a str>,
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move {
            let who = user.map(|u| format!(" as {u}")).unwrap_or_default();
            Ok(format!(
                "This server uses OAuth 2.1: the MCP client signed in{who} when it connected. To use another Google \
                 account or grant more permissions, sign out and in again from the MCP client."
            ))
        })
    }
}
