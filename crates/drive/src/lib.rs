//! Google Drive for workspace-mcp: the MCP tools, the typed Drive API calls they make, and
//! (feature `sandbox`) an in-process emulation of drive/v3 used by `--sandbox` and the tests.

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Drive tool.
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    Vec::new()
}
