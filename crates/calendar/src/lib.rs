//! Google Calendar for workspace-mcp: the MCP tools, the typed Calendar API calls they make,
//! and (feature `sandbox`) an in-process emulation of calendar/v3 used by `--sandbox` and the
//! tests.

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Calendar tool.
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    Vec::new()
}
