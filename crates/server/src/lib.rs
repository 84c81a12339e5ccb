//! The workspace-mcp server: the tool registry, the MCP handler and dispatcher, auth
//! binding, the stdio and streamable HTTP transports and the plain HTTP routes.
//!
//! Entry: build a [`Config`], then [`run`]. The binary in `crates/cli` does exactly that.

pub mod app;
mod arg_limits;
pub mod auth;
pub mod config;
mod dispatch;
mod dwd;
pub mod external;
pub mod files;
pub mod handler;
pub mod http;
mod identity;
mod inline_files;
pub mod limits;
pub mod net;
mod notify;
mod oauth;
mod oauth21;
pub mod registry;
mod sandbox;
mod selection;
pub mod services;
mod sign_in;
pub mod stdio;
mod stdio_callback;
mod step_up;
pub mod tool_docs;

pub use app::App;
pub use config::{Config, SANDBOX_USER, ToolSelection, Transport};
pub use limits::Limits;

use tokio_util::sync::CancellationToken;

/// Runs the server until the transport ends (stdio) or `cancel` fires (HTTP).
pub async fn run(config: Config, cancel: CancellationToken) -> Result<(), String> {
    let transport = config.transport;
    for warning in &config.warnings {
        tracing::warn!("{warning}");
    }
    if let Some(notice) = oauth::exposure_notice(&config) {
        tracing::warn!("{notice}");
    }
    for notice in identity::startup_notices(&config) {
        tracing::warn!("{notice}");
    }
    let app = App::start(config).await?;
    if app.config.sandbox_fallback {
        tracing::warn!("{}", app::SANDBOX_FALLBACK_NOTICE);
    }
    tracing::info!(
        tools = app.registry.len(),
        sandbox = app.config.sandbox,
        transport = transport.as_str(),
        "workspace-mcp ready"
    );
    match transport {
        Transport::Stdio => stdio::serve(app).await,
        Transport::StreamableHttp => http::serve(app, cancel).await,
    }
}
