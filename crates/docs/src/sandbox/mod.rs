//! The sandbox's emulation of the Google Docs API (docs/v1 on `docs.googleapis.com`):
//! documents with tabs, paragraphs and tables under Google's UTF-16 index arithmetic,
//! `documents.get` (with and without `includeTabsContent`), `documents.create`, and
//! `documents.batchUpdate` (insertText, deleteContentRange, replaceAllText; addDocumentTab,
//! deleteTab, updateDocumentTabProperties in `tabs`), applied all or
//! nothing, with `writeControl` and `revisionId`.
//!
//! Code map: `model` (documents and their JSON with indices), `edit` (index rules of each
//! edit), `documents` (the handlers), `requests` (one batchUpdate request each), `store`,
//! `seed` (the sample account, from the Drive seed's content).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod edit;
pub mod model;
pub mod seed;
pub mod store;

mod documents;
mod requests;
mod tabs;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "docs.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("docs.v1");

/// Docs for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(SharedStore::new(seed::account(user)))
}

/// Docs over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| seed::account(&s.user))
}

/// The docs/v1 routes. `{document}:batchUpdate` shares the document's path segment, so the
/// POST handler reads the method from the segment's suffix.
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/documents", methods(post(documents::documents_create)))
        .route(
            "/v1/documents/{document}",
            methods(get(documents::documents_get).post(documents::documents_batch_update)),
        )
        .with_state(store)
}

/// What every handler returns: a Docs JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
