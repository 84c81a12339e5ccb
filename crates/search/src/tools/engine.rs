//! get_search_engine_info: what the configured Programmable Search Engine is. The API has
//! no metadata method; every search reply carries the engine's `context` (title, refinement
//! facets), so one minimal search (one result) reads it.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::Pse;
use crate::api::{self, SearchQuery};

/// The query of the probe search.
const PROBE: &str = "the";

// Arguments of `get_search_engine_info`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetSearchEngineInfoParams {
    /// The Google account making the call. Custom Search itself is authorized by the
    /// server's API key, not by this account.
    #[allow(dead_code)] // Part of the interface clients call; the key authorizes the call.
    pub user_google_email: String,
}

pub fn get_search_engine_info(pse: Arc<Pse>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_search_engine_info",
            title: "Get Search Engine Info",
            description: "Show the configured Programmable Search Engine: its id, its title and its refinement \
                labels (from a one-result probe search, which counts against the daily quota).",
            service: Service::Search,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[],
        },
        move |ctx, p| info(pse.clone(), ctx, p),
    )
    .without_user_param()
}

async fn info(pse: Arc<Pse>, ctx: ToolCtx, _: GetSearchEngineInfoParams) -> Result<ToolOutput, ToolError> {
    let (g, cx) = pse.client(&ctx)?;
    let query = SearchQuery { cx, q: PROBE, num: 1, start: 1, safe: "off", ..Default::default() };
    let reply = api::cse_list(&g, &query).await.map_err(|e| pse.error(e))?;
    let context = reply.context.unwrap_or_default();
    let mut out = format!("Programmable Search Engine\nEngine ID: {cx}\n");
    out.push_str(&format!("Title: {}\n", context.title.as_deref().unwrap_or("(untitled)")));
    let facets: Vec<String> =
        context.facets.iter().flatten().filter_map(|f| f.anchor.clone().or_else(|| f.label.clone())).collect();
    if facets.is_empty() {
        out.push_str("Refinements: none\n");
    } else {
        out.push_str(&format!("Refinements: {}\n", facets.join(", ")));
    }
    let total = reply.search_information.as_ref().and_then(|s| s.total_results.as_deref()).unwrap_or("0");
    out.push_str(&format!("Probe search \"{PROBE}\": about {total} results\n"));
    out.push_str("Authentication: API key (GOOGLE_PSE_API_KEY) is set\n");
    Ok(ToolOutput::text(out))
}
