//! Google Chat for workspace-mcp: the MCP tools, the typed Chat API calls they make, and
//! (feature `sandbox`) an in-process emulation of chat/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 6 tools (spaces: list; messages: get, search, send;
//! reactions: create; attachments: download); `api` holds one function per REST method and
//! `wire` their JSON shapes; `render` turns them into text and is pure; `advice` explains
//! Chat's "no Chat app configured" error; `permissions` holds the `--permissions chat:<level>`
//! levels.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod advice;
pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Chat tool (Chat needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Chat as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef =
    wsmcp_core::ServiceDef { service: wsmcp_core::Service::Chat, tools: |_| tools::all(), levels: permissions::LEVELS };
