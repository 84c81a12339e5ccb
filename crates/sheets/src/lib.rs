//! Google Sheets for workspace-mcp: the MCP tools, the typed Sheets API calls they make, and
//! (feature `sandbox`) an in-process emulation of sheets/v4 used by `--sandbox` and the tests.
//!
//! Code map: `a1` parses A1 notation (pure); `tools/` declares the tools; `api` holds one
//! function per REST method; `render` turns replies into text; `permissions` holds the
//! `--permissions sheets:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod a1;
pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Sheets tool (Sheets needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Sheets as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Sheets,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
