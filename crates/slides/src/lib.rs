//! Google Slides for workspace-mcp: the MCP tools, the typed Slides API calls they make, and
//! (feature `sandbox`) an in-process emulation of slides/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 7 tools (presentations: create, get, batch update; pages:
//! get, render to an image; comments through `wsmcp_drive::comments`); `api` holds one
//! function per REST method (resources kept as JSON) and the thumbnail download; `render`
//! turns presentations and pages into text and is pure; `permissions` holds the
//! `--permissions slides:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Slides tool (Slides needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Slides as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Slides,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
