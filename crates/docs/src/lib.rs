//! Google Docs for workspace-mcp: the MCP tools, the typed Docs API calls they make, and
//! (feature `sandbox`) an in-process emulation of docs/v1 used by `--sandbox` and the tests.
//!
//! Code map: `tools/` declares the tools; `api` holds one function per REST method and `wire`
//! the JSON shapes read back; `read` walks a document's tabs, paragraphs and tables; `render`
//! turns them into text and is pure; `utf16` is the index arithmetic (Docs counts UTF-16 code
//! units); `tables` builds a table and its data as one batchUpdate; `markdown` turns a tab
//! into Markdown and Markdown into one batchUpdate (pure); `permissions` holds the
//! `--permissions docs:<level>` levels; `edits` and `paragraph_format` build the editing
//! requests from tool arguments, `locate` finds headings, anchors and paragraphs in a tab,
//! `operations` parses and translates batch_update_doc's list.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod api;
pub mod edits;
pub mod locate;
pub mod markdown;
pub mod operations;
pub mod paragraph_format;
pub mod permissions;
pub mod read;
pub mod render;
pub mod tables;
pub mod tools;
pub mod utf16;
pub mod wire;

#[cfg(feature = "sandbox")]
pub mod sandbox;

/// Every Docs tool (Docs needs none of the server's options).
pub fn tools() -> Vec<wsmcp_core::ToolDef> {
    tools::all()
}

/// Docs as the server sees it: its tools and its permission levels.
pub const SERVICE: wsmcp_core::ServiceDef =
    wsmcp_core::ServiceDef { service: wsmcp_core::Service::Docs, tools: |_| tools::all(), levels: permissions::LEVELS };
