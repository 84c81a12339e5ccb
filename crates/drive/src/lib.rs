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

/// Every Drive tool, configured from the environment (`ALLOWED_FILE_DIRS`,
/// `WORKSPACE_ATTACHMENT_DIR`, `WORKSPACE_MCP_DISABLE_LOCAL_FILES`,
/// `WORKSPACE_MCP_MAX_OFFICE_XML_BYTES`).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all(DriveOptions::from_env())
}

/// Every Drive tool with explicit options (tests, embedding).
pub fn tools_with(options: DriveOptions) -> Vec<wsmcp_core::ToolDef> {
    tools::all(options)
}
