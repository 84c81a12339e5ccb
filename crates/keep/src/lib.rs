//! Google Keep for workspace-mcp: the MCP tools, the typed Keep API calls they make, and
//! (feature `sandbox`) an in-process emulation of keep/v1 used by `--sandbox` and the tests.
//! Keep is not one of the reference server's services; its tools are named in that style.
//!
//! The Keep API serves Google Workspace accounts only: for a consumer (gmail.com) account
//! Google refuses every call, and the tools say so (`api::workspace_only`).
//!
//! Code map: `tools/` declares the 6 tools (notes: list, get, create, delete; attachment
//! download; sharing); `api` holds one function per REST method and `wire` their JSON shapes;
//! `render` turns notes into text and is pure; `permissions` holds the `--permissions keep:<level>`
//! levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Keep tool.
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Keep as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef =
    wsmcp_core::ServiceDef { service: wsmcp_core::Service::Keep, tools: |_| tools::all(), levels: permissions::LEVELS };
