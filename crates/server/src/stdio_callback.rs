//! Under stdio there is no HTTP server, so the OAuth callback gets a small loopback listener
//! started on the first sign-in. It tries the configured port, then the next ones
//! (`WORKSPACE_MCP_PORT_FALLBACK_COUNT`), so it never collides with a running HTTP server.

use std::sync::{Arc, OnceLock, Weak};

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use futures::future::BoxFuture;

use crate::app::App;
use crate::config::Config;

/// The app, registered by the stdio runner so the listener can complete flows.
static APP: OnceLock<Weak<App>> = OnceLock::new();

pub fn register(app: &Arc<App>) {
    let _ = APP.set(Arc::downgrade(app));
}

/// Binds the listener (once) and returns the redirect URI that reaches it.
pub async fn ensure_listener(config: &Config) -> Result<String, wsmcp_core::ToolError> {
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
        let router = Router::new().route(&path, get(callback)).with_state(());
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
fn callback(State(()): State<()>, Query(q): Query<crate::http::CallbackQuery>) -> BoxFuture<'static, Html<String>> {
    Box::pin(async move {
        match APP.get().and_then(Weak::upgrade) {
            Some(app) => crate::http::finish_sign_in(&app, q).await,
            None => Html("The server is shutting down.".into()),
        }
    })
}
