//! Google Meet for workspace-mcp: the MCP tools, the typed Meet REST API (v2) calls they make,
//! and (feature `sandbox`) an in-process emulation of meet/v2 used by `--sandbox` and the
//! tests. Meet is not one of the reference server's services; its tools are named in that style.
//!
//! Code map: `tools/` declares the 7 tools (spaces: create, get, end the active conference;
//! conference records, participants, recordings, transcripts); `api` holds one function per
//! REST method and `wire` their JSON shapes; `render` is pure; `permissions` holds the
//! `--permissions meet:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Meet tool.
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Meet as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef =
    wsmcp_core::ServiceDef { service: wsmcp_core::Service::Meet, tools: |_| tools::all(), levels: permissions::LEVELS };
