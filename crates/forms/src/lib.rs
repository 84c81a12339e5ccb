//! Google Forms for workspace-mcp: the MCP tools, the typed Forms API calls they make, and
//! (feature `sandbox`) an in-process emulation of forms/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 6 tools (forms: create, get, batch update, publish
//! settings; responses: list, get); `api` holds one function per REST method and `wire` their
//! JSON shapes; `render` turns them into text and is pure; `permissions` holds the
//! `--permissions forms:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Forms tool (Forms needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Forms as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Forms,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
