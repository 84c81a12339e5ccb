//! Google Apps Script for workspace-mcp: the MCP tools, the typed Apps Script API calls they
//! make, and (feature `sandbox`) an in-process emulation of script/v1 used by `--sandbox` and
//! the tests.
//!
//! Code map: `tools/` declares the 11 tools (projects, content, versions, deployments, runs,
//! activity, triggers and the pure trigger-code generator); `api` holds one function per REST
//! method (and the two Drive calls that list and delete projects), `wire` their JSON shapes;
//! `render` turns them into text and is pure; `trigger_code` writes ScriptApp code;
//! `permissions` holds the `--permissions appscript:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod trigger_code;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Apps Script tool (Apps Script needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Apps Script as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Appscript,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
