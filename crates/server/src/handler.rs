//! The MCP face of the server: `initialize`/`server/discover` info, `tools/list` from the
//! prepared registry, and `tools/call` through the dispatcher.

use std::sync::Arc;

#[allow(deprecated)]
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult, PaginatedRequestParams, ProtocolVersion,
    ServerCapabilities, ServerConfig, SetLevelRequestParams,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};

use crate::app::App;

/// One per connection (stdio) or per session/request (HTTP); cheap to create.
#[derive(Clone)]
pub struct McpHandler {
    app: Arc<App>,
}

impl McpHandler {
    pub fn new(app: Arc<App>) -> Self {
        McpHandler { app }
    }
}

impl ServerHandler for McpHandler {
    #[allow(deprecated)]
    fn get_info(&self) -> ServerConfig {
        // Resources and prompts are declared (and listed empty) as the reference server's
        // framework does, so clients that probe them get an empty list, not an error.
        ServerConfig::new(
            ServerCapabilities::builder().enable_tools().enable_resources().enable_prompts().enable_logging().build(),
        )
        .with_server_info(
            Implementation::new("workspace-mcp", env!("CARGO_PKG_VERSION")).with_title("Google Workspace MCP"),
        )
        .with_instructions(self.app.instructions())
    }

    /// Accepted so clients may set it (logging is deprecated by SEP-2577 but still part of the
    /// revisions we serve, and the conformance suite checks it); this server sends no log notifications, its logs
    /// go to stderr at the level `WORKSPACE_MCP_LOG_LEVEL` sets.
    #[allow(deprecated)]
    async fn set_level(
        &self,
        _request: SetLevelRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        Ok(())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        Ok(ListToolsResult::with_all_items((*self.app.registry.list()).clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        // Over HTTP the session id identifies the caller; stdio has a single local caller.
        // A 2026-07-28 request is served outside any session even when it carries an
        // `mcp-session-id` header (a value the client picks), so it gets no caller and can
        // never borrow the account a session signed in with, open or ended.
        let sessionless =
            context.protocol_version().is_some_and(|v| v.as_str() >= ProtocolVersion::V_2026_07_28.as_str());
        let caller = context
            .extensions
            .get::<http::request::Parts>()
            .filter(|_| !sessionless)
            .and_then(|p| p.headers.get("mcp-session-id"))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        crate::dispatch::call(&self.app, request, caller).await.map(CallToolResponse::from)
    }
}
