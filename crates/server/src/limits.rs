//! Resource limits of the HTTP transport and of tool arguments: defaults a small server (a
//! container with 256 MiB and the usual 1,024 file descriptors) survives, each one changeable
//! through a `WORKSPACE_MCP_*` variable (see README and docs/deployment.md).

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Limits {
    /// `WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS`: a connection must send its first bytes and
    /// an HTTP/1 request its complete headers within this, or it is closed. hyper also applies
    /// it to a keep-alive connection waiting for its next request, so it stays above the 5 s
    /// after which common clients (httpx, used by the Python SDK) drop idle connections
    /// themselves: the client, not the server, closes first, and no request races a close.
    pub header_read_timeout: Duration,
    /// `WORKSPACE_MCP_IDLE_TIMEOUT_SECONDS`: a connection that moves no bytes for this long is
    /// shut down gracefully (requests in flight finish first).
    pub idle_timeout: Duration,
    /// `WORKSPACE_MCP_MAX_CONNECTIONS`: connections served at once; further ones wait in the
    /// listen backlog. Lowered at start to fit the file-descriptor limit.
    pub max_connections: usize,
    /// `WORKSPACE_MCP_MAX_SESSIONS`: live MCP sessions; when full, a new one evicts the oldest
    /// session that never finished `initialize`, else the least recently used one.
    pub max_sessions: usize,
    /// `WORKSPACE_MCP_MAX_REQUEST_BYTES`: largest request body accepted on `/mcp` (413 above).
    pub max_request_bytes: usize,
    /// `WORKSPACE_MCP_MAX_ARGUMENT_BYTES`: largest single string in a tool call's arguments.
    pub max_argument_bytes: usize,
    /// `WORKSPACE_MCP_MAX_ARGUMENTS_BYTES`: largest tool-call arguments object, as JSON.
    pub max_arguments_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
            max_connections: 2048,
            max_sessions: 500,
            max_request_bytes: 8 << 20,
            max_argument_bytes: 512 << 10,
            max_arguments_bytes: 8 << 20,
        }
    }
}
