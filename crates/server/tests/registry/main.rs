//! The tool surface, checked as a whole, in one test binary: the declarations audited against
//! the reference (`audit`), one snapshot per tool (`toolsnaps`), each tier as a list of names
//! (`tiers`), each `--permissions` level as a list of names (`permissions`), and the generated
//! `docs/tools.md` (`docs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audit;
mod docs;
mod permissions;
mod tiers;
mod toolsnaps;

use serde_json::Value;
use wsmcp_core::ToolDef;
use wsmcp_server::ToolSelection;
use wsmcp_server::registry::Registry;

/// Every tool, as a server with the default options (local files on) builds them.
pub fn all_tools() -> Vec<ToolDef> {
    let config = wsmcp_server::Config::for_sandbox(std::path::Path::new("/nonexistent/workspace-mcp"));
    wsmcp_server::registry::all_tools(&config.service_options())
}

/// `tools/list` as a client sees it under `sel`.
pub fn listed(sel: &ToolSelection, default_user: Option<&str>) -> Vec<Value> {
    let reg = Registry::build(all_tools(), sel, default_user);
    reg.list().iter().map(|t| serde_json::to_value(t).unwrap()).collect()
}

/// The names `tools/list` shows under `sel`, sorted.
pub fn names(sel: &ToolSelection) -> Vec<String> {
    let mut names: Vec<String> =
        listed(sel, None).iter().map(|t| t["name"].as_str().unwrap_or_default().to_string()).collect();
    names.sort();
    names
}

/// `words` as sorted owned strings, for comparing with `names`.
pub fn sorted(words: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}
