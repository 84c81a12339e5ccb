//! MCP over stdin/stdout for local clients. Logs go to stderr so stdout stays protocol-only.

use std::sync::Arc;

use rmcp::ServiceExt;

use crate::app::App;
use crate::handler::McpHandler;

pub async fn serve(app: Arc<App>) -> Result<(), String> {
    let service = McpHandler::new(app)
        .serve(rmcp::transport::io::stdio())
        .await
        .map_err(|e| format!("stdio handshake failed: {e}"))?;
    service.waiting().await.map_err(|e| format!("stdio session ended with an error: {e}"))?;
    Ok(())
}
