//! Gmail for workspace-mcp: the MCP tools, the typed Gmail API calls they make, and
//! (feature `sandbox`) an in-process emulation of gmail/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 14 tools (params -> api -> render); `api` holds one
//! function per REST method and `wire` their JSON shapes; `render`, `body`, `charset`,
//! `analysis`, `html`, `mime` and `address` are pure and unit-tested; `large_bodies` fetches
//! the body parts Gmail serves behind an attachment id; `compose` and `outgoing` assemble
//! mail to send; `local_files` decides which local files may be attached.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod address;
pub mod analysis;
pub mod api;
pub mod body;
pub mod charset;
pub mod compose;
pub mod html;
pub mod large_bodies;
pub use wsmcp_core::local_files;
pub mod mime;
pub mod outgoing;
pub mod palette;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

pub use tools::GmailOptions;

/// Gmail as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Gmail,
    tools: |options| tools::all(GmailOptions::from_service(options)),
    levels: permissions::LEVELS,
};

/// Every Gmail tool with explicit options (tests, embedding).
pub fn tools_with(options: GmailOptions) -> Vec<wsmcp_core::ToolDef> {
    tools::all(options)
}
