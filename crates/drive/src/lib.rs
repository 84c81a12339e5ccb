//! Google Drive for workspace-mcp: the MCP tools, the typed Drive API calls they make, and
//! (feature `sandbox`) an in-process emulation of drive/v3 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the 16 tools (params -> api -> render); `api` holds one
//! function per REST method and `wire` their JSON shapes; `upload` sends content
//! (multipart, or resumable chunks streamed from disk); `sources` and `remote` turn the
//! content arguments (text, base64, local file, URL) into uploadable media; `query`,
//! `formats`, `office` and `render` are pure and unit-tested.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod comments;
pub mod formats;
pub mod office;
pub mod permissions;
pub mod query;
pub mod remote;
pub mod render;
pub mod sources;
pub mod tools;
pub mod upload;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

pub use tools::DriveOptions;

/// Drive as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Drive,
    tools: |options| tools::all(DriveOptions::from_service(options)),
    levels: permissions::LEVELS,
};

/// Every Drive tool with explicit options (tests, embedding).
pub fn tools_with(options: DriveOptions) -> Vec<wsmcp_core::ToolDef> {
    tools::all(options)
}
