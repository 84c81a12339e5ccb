//! Streamable HTTP: `/mcp` (rmcp's service: sessions for the 2025-11-25 revision, stateless
//! requests for 2026-07-28), plus the plain routes `/`, `/health`, `/health/ready`, the OAuth
//! callback and `/attachments/{id}`.

mod attachments;
mod callback;
mod guard;
mod health;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use axum::serve::ListenerExt;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::handler::McpHandler;

/// The whole HTTP application.
pub fn router(app: Arc<App>, cancel: CancellationToken) -> Router {
    let mut sessions = LocalSessionManager::default();
    sessions.session_config.keep_alive = Some(app.config.session_idle_timeout).filter(|d| !d.is_zero());
    // Host and Origin are checked by our guard (with the reference's allow rules and JSON
    // 403s), so rmcp's own loopback-only host check is turned off here.
    let mcp_config = StreamableHttpServerConfig::default().disable_allowed_hosts().with_cancellation_token(cancel);
    let factory_app = app.clone();
    let mcp =
        StreamableHttpService::new(move || Ok(McpHandler::new(factory_app.clone())), Arc::new(sessions), mcp_config);
    let callback_path = callback::path(&app.config.redirect_uri());
    let guarded = Router::new()
        .nest_service("/mcp", mcp)
        .route("/attachments/{id}", get(attachments::download))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::check));
    Router::new()
        .route("/", get(health::health))
        .route("/health", get(health::health))
        .route("/health/ready", get(health::ready))
        .route(&callback_path, get(callback::oauth2callback))
        .merge(guarded)
        .with_state(app)
}

/// Binds and serves until `cancel` fires. Prints the address it listens on.
pub async fn serve(app: Arc<App>, cancel: CancellationToken) -> Result<(), String> {
    let addr = format!("{}:{}", app.config.host, app.config.port);
    let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%local, "workspace-mcp listening (streamable HTTP on /mcp)");
    let app_router = router(app, cancel.clone());
    // Without TCP_NODELAY small replies wait for the peer's delayed ACK (~40 ms each).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app_router)
        .with_graceful_shutdown(async move { cancel.cancelled().await })
        .await
        .map_err(|e| e.to_string())
}
