//! Google Contacts for workspace-mcp: the MCP tools, the typed People API calls they make, and
//! (feature `sandbox`) an in-process emulation of people/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 8 tools (contacts: list, get, search, manage, batch; groups:
//! list, get, manage); `api` holds one function per REST method and `wire` the reply shapes;
//! `person` builds Person bodies from tool arguments (and merges them on update); `render`
//! turns people and groups into text and is pure; `permissions` holds the
//! `--permissions contacts:<level>` levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod input;
pub mod merge;
pub mod permissions;
pub mod person;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Contacts tool (Contacts needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Contacts as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Contacts,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
