//! The sandbox's emulation of the Custom Search JSON API (customsearch/v1 on
//! `customsearch.googleapis.com`): `cse.list` over a small seeded index (`index`), with the
//! parameters Google supports (q with "phrases", -exclusions, site: and OR groups; num ≤ 10,
//! start, siteSearch/siteSearchFilter, dateRestrict, lr, cr, fileType, searchType=image) and
//! Google's errors. Requests carry an API key, not a bearer token: the sandbox accepts its own
//! [`API_KEY`] (header `X-Goog-Api-Key` or the `key` parameter) for the engine [`ENGINE_ID`].
//!
//! Code map: `index` (the seeded pages), `query` (the query language), `search` (the handler).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::routing::get;
use wsmcp_sandbox_kit::ServiceEmulation;
use wsmcp_sandbox_kit::or_not_emulated as methods;

pub mod index;
pub mod query;

mod search;

/// The host this emulation answers for.
pub const HOST: &str = "customsearch.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("customsearch.v1");

/// The API key the sandbox accepts; under `--sandbox` the server uses it (and [`ENGINE_ID`])
/// whatever `GOOGLE_PSE_API_KEY`/`GOOGLE_PSE_ENGINE_ID` say, so no real key goes anywhere.
pub const API_KEY: &str = "sandbox-pse-key";

/// The one engine the sandbox serves.
pub const ENGINE_ID: &str = "sandbox-atlas-engine";

/// The engine's title, as `context.title` reports it.
pub const ENGINE_TITLE: &str = "Atlas project search";

/// Custom Search over the seeded index. Stateless (searches change nothing), so a reset has
/// nothing to reseed; the index is dated from the clock when each request is served.
pub fn emulation(_user: &str) -> ServiceEmulation {
    ServiceEmulation::new(HOST, router()).discovery(&DISCOVERY).without_auth()
}

/// The customsearch/v1 routes.
pub fn router() -> Router {
    Router::new().route("/customsearch/v1", methods(get(search::cse_list)))
}
