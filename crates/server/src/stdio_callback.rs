//! Under stdio there is no HTTP server, so the OAuth callback gets a small loopback listener
//! started on the first sign-in. It tries the configured port, then the next ones
//! (`WORKSPACE_MCP_PORT_FALLBACK_COUNT`), so it never collides with a running HTTP server.

use std::sync::Weak;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use futures::future::BoxFuture;

use crate::config::Config;
use crate::oauth::OAuth;
use crate::sign_in::CallbackQuery;

/// Binds the listener and returns the redirect URI that reaches it. The listener completes flows
/// with `oauth`, held weakly so it never keeps a finished server alive.
pub async fn ensure_listener(config: &Config, oauth: Weak<OAuth>) -> Result<String, wsmcp_core::ToolError> {
    let explicit = config.redirect_uri.clone();
    let (host, first_port, path) = match &explicit {
        Some(uri) => {
            let u = url::Url::parse(uri)
                .map_err(|e| wsmcp_core::ToolError::Internal(format!("GOOGLE_OAUTH_REDIRECT_URI: {e}")))?;
            (
                u.host_str().unwrap_or("localhost").to_string(),
                u.port_or_known_default().unwrap_or(config.port),
                u.path().to_string(),
            )
        }
        None => ("127.0.0.1".to_string(), config.port, "/oauth2callback".to_string()),
    };
    let tries = if explicit.is_some() { 0 } else { config.port_fallback_count };
    let bind_host = if host == "localhost" { "127.0.0.1".to_string() } else { host.clone() };
    for port in first_port..=first_port.saturating_add(tries) {
        let Ok(listener) = tokio::net::TcpListener::bind((bind_host.as_str(), port)).await else {
            continue;
        };
        let router = Router::new().route(&path, get(callback)).with_state(oauth);
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        tracing::info!(port, "OAuth callback listener started");
        return Ok(explicit.unwrap_or_else(|| format!("{}:{port}{path}", config.base_uri.trim_end_matches('/'))));
    }
    Err(wsmcp_core::ToolError::Internal(format!(
        "no free port for the OAuth callback between {first_port} and {}; set WORKSPACE_MCP_PORT to a free one",
        first_port.saturating_add(tries)
    )))
}

/// Returns a boxed future on purpose: the sign-in it completes may itself start this listener,
/// and a named future type breaks that cycle for the compiler's `Send` check.
fn callback(State(oauth): State<Weak<OAuth>>, Query(q): Query<CallbackQuery>) -> BoxFuture<'static, Html<String>> {
    Box::pin(async move {
        match oauth.upgrade() {
            Some(oauth) => crate::sign_in::finish(Some(&oauth), q).await,
            None => Html("The server is shutting down.".into()),
        }
    })
}
