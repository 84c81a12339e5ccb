//! The MCP face of the server: `initialize`/`server/discover` info, `tools/list` from the
//! prepared registry, and `tools/call` through the dispatcher.

use std::sync::Arc;

#[allow(deprecated)]
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, GetPromptRequestParams, GetPromptResponse, Implementation,
    ListToolsResult, PaginatedRequestParams, ProtocolVersion, ReadResourceRequestParams, ReadResourceResponse,
    ServerCapabilities, ServerConfig, SetLevelRequestParams,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};

use crate::app::App;
use crate::notify::{ClientLogLevel, McpNotifier};

/// One per connection (stdio) or per session/request (HTTP); cheap to create.
#[derive(Clone)]
pub struct McpHandler {
    app: Arc<App>,
    /// What `logging/setLevel` asked for, for the log notifications of this session's calls.
    log_level: ClientLogLevel,
}

impl McpHandler {
    pub fn new(app: Arc<App>) -> Self {
        McpHandler { app, log_level: ClientLogLevel::default() }
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

    /// The level of the log notifications tool calls send this client: retries, Google's
    /// warnings, partial failures (warnings and up until the client sets another level). The
    /// server's own logs go to stderr at `WORKSPACE_MCP_LOG_LEVEL`, independently.
    #[allow(deprecated)]
    async fn set_level(
        &self,
        request: SetLevelRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        self.log_level.set(request.level);
        Ok(())
    }

    /// Resources are declared (listed empty) for clients that probe them; reading one answers
    /// the spec's "resource not found" (-32002) rather than "method not found".
    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        Err(McpError::resource_not_found(
            format!("no resource {}: this server offers none; saved files are linked from tool results", request.uri),
            Some(serde_json::json!({ "uri": request.uri })),
        ))
    }

    /// Prompts are declared (listed empty); asking for one is an invalid name (-32602).
    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        Err(McpError::invalid_params(format!("no prompt named '{}': this server offers none", request.name), None))
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
        let parts = context.extensions.get::<http::request::Parts>();
        // OAuth 2.1: the bearer check put the token's identity on the HTTP request.
        let identity = parts.and_then(|p| p.extensions.get::<wsmcp_oauth21::Identity>()).cloned();
        // External-provider mode: the Google token itself, which the tools call Google with.
        let google_token = parts.and_then(|p| p.extensions.get::<crate::external::GoogleBearer>()).map(|b| b.0.clone());
        // OAuth 2.1: the user's Google grant as the bearer check read it.
        let google_grant = parts.and_then(|p| p.extensions.get::<wsmcp_oauth21::CheckedGrant>()).cloned();
        let bearer = identity.map(|identity| crate::dispatch::Bearer { identity, google_token, google_grant });
        let caller = parts
            .filter(|_| !sessionless)
            .and_then(|p| p.headers.get("mcp-session-id"))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Under TRUST_GATEWAY_IDENTITY, the user the gateway's token named (checked in `http::gateway`).
        let verified_user = context
            .extensions
            .get::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::http::GatewayUser>())
            .map(|u| u.0.clone());
        let notifier = McpNotifier::new(
            context.peer.clone(),
            context.meta.get_progress_token(),
            self.log_level.clone(),
            "workspace-mcp",
        );
        crate::dispatch::call(&self.app, request, caller, bearer, verified_user, notifier, context.ct.clone())
            .await
            .map(CallToolResponse::from)
    }
}
