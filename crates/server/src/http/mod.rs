//! Streamable HTTP: `/mcp` (rmcp's service: sessions for the 2025-11-25 revision, stateless
//! requests for 2026-07-28), plus the plain routes `/`, `/health`, `/health/ready`, the OAuth
//! callback and `/attachments/{id}`.

mod activity;
mod attachments;
mod body_limit;
mod callback;
mod gateway;
mod guard;
mod health;
mod listener;
mod sessions;

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::handler::McpHandler;
pub use gateway::GatewayUser;

/// The whole HTTP application.
pub fn router(app: Arc<App>, cancel: CancellationToken) -> Router {
    let mut sessions = LocalSessionManager::default();
    sessions.session_config.keep_alive = Some(app.config.session_idle_timeout).filter(|d| !d.is_zero());
    let sessions = sessions::BoundedSessions::new(sessions, app.config.limits.max_sessions);
    // Host and Origin are checked by our guard (with the reference's allow rules and JSON
    // 403s), so rmcp's own loopback-only host check is turned off here.
    // Stateless mode: no sessions for 2025-11-25 clients either (no `Mcp-Session-Id`, GET is
    // 405), so a balancer may send each request to any replica; plain JSON answers suit it.
    let mcp_config = StreamableHttpServerConfig::default()
        .disable_allowed_hosts()
        .with_cancellation_token(cancel)
        .with_legacy_session_mode(!app.config.stateless)
        .with_json_response(app.config.stateless);
    let factory_app = app.clone();
    let mcp =
        StreamableHttpService::new(move || Ok(McpHandler::new(factory_app.clone())), Arc::new(sessions), mcp_config);
    let ready_cache = Arc::new(health::ReadyCache::default());
    let callback_path = callback::path(&app.config.redirect_uri());
    let guarded = Router::new()
        .nest_service("/mcp", mcp)
        .layer(axum::middleware::from_fn_with_state(app.clone(), crate::oauth21::require_bearer))
        .layer(axum::middleware::from_fn_with_state(app.clone(), body_limit::check))
        .layer(axum::middleware::from_fn_with_state(app.clone(), gateway::check))
        .route("/attachments/{id}", get(attachments::download))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::check));
    let plain = Router::new()
        .route("/", get(health::health))
        .route("/health", get(health::health))
        .route("/health/ready", get(move |State(app)| health::ready(app, ready_cache)));
    // OAuth 2.1 brings its own routes, its Google callback among them.
    // The external provider has no authorization server: only the metadata naming Google.
    if let Some(external) = app.external.clone() {
        return plain.merge(guarded).with_state(app).merge(external.router());
    }
    match app.oauth21.clone() {
        Some(server) => plain.merge(guarded).with_state(app).merge(server.router()),
        None => plain.route(&callback_path, get(callback::oauth2callback)).merge(guarded).with_state(app),
    }
}

/// Binds and serves until `cancel` fires. Prints the address it listens on.
pub async fn serve(app: Arc<App>, cancel: CancellationToken) -> Result<(), String> {
    let addr = format!("{}:{}", app.config.host, app.config.port);
    let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%local, "workspace-mcp listening (streamable HTTP on /mcp)");
    let limits = app.config.limits.clone();
    let app_router = router(app, cancel.clone());
    listener::serve(listener, app_router, limits, cancel).await;
    Ok(())
}
