//! Programmable Search (Custom Search JSON API) for workspace-mcp: the MCP tools, the typed
//! call they make, and (feature `sandbox`) an in-process emulation of customsearch/v1 with a
//! small seeded index, used by `--sandbox` and the tests.
//!
//! Unlike the other services, Custom Search authenticates with an API key
//! (`GOOGLE_PSE_API_KEY`) and searches one engine (`GOOGLE_PSE_ENGINE_ID`), both handed in
//! through `ServiceOptions`; no OAuth scope is needed, so the tools declare none and take
//! `user_google_email` only for compatibility.
//!
//! Code map: `tools/` (search_custom, get_search_engine_info), `api` and `wire` (the one REST
//! method and its JSON), `render` (results as text), `permissions`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod permissions;
pub mod render;
pub mod tools;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every search tool, configured with the key and engine id in `options`.
pub fn tools(options: &wsmcp_core::ServiceOptions) -> Vec<wsmcp_core::ToolDef> {
    tools::all(options)
}

/// Custom Search as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef =
    wsmcp_core::ServiceDef { service: wsmcp_core::Service::Search, tools, levels: permissions::LEVELS };
