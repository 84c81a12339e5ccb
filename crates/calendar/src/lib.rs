//! Google Calendar for workspace-mcp: the MCP tools, the typed Calendar API calls they make,
//! and (feature `sandbox`) an in-process emulation of calendar/v3 used by `--sandbox` and the
//! tests.
//!
//! Code map: `tools/` declares the 7 tools (params -> api -> render); `api` holds one
//! function per REST method and `wire` their JSON shapes; `time` (user-given times and
//! zones), `fields` (attendees, reminders, colors, attachments, conferences, recurrence),
//! `series` (splitting a series) and `render` are pure and unit-tested.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod fields;
pub mod permissions;
pub mod render;
pub mod series;
pub mod time;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Calendar tool (Calendar needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Calendar as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef = wsmcp_core::ServiceDef {
    service: wsmcp_core::Service::Calendar,
    tools: |_| tools::all(),
    levels: permissions::LEVELS,
};
