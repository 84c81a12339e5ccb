//! The sandbox's emulation of the Google Docs API (docs/v1 on `docs.googleapis.com`):
//! documents with tabs, paragraphs and tables under Google's UTF-16 index arithmetic,
//! `documents.get` (with and without `includeTabsContent`), `documents.create`, and
//! `documents.batchUpdate` (insertText, deleteContentRange, replaceAllText; text and
//! paragraph styles, list bullets; tables, their rows and columns; page breaks and inline
//! images; headers and footers, whose segments insertText and deleteContentRange reach by
//! `segmentId`; addDocumentTab, deleteTab, updateDocumentTabProperties in `tabs`), applied
//! all or nothing, with `writeControl` and `revisionId`.
//!
//! Code map: `model` (documents and their JSON with indices), `edit` (index rules of each
//! edit), `documents` (the handlers), `requests` (one batchUpdate request each, delegating
//! to `styles` (text and paragraph styles), `bullets` (lists), `tables`, `inline` (page
//! breaks, images) and `headers`), `ranges` (the range rules styles share), `segments`
//! (which tab and segment a location names), `store`,
//! `seed` (the sample account, from the Drive seed's content), `drive_link` (the documents as
//! files of the sandbox's Drive).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod drive_link;
pub mod edit;
pub mod headers;
pub mod inline;
pub mod model;
pub mod seed;
pub mod segments;
pub mod store;

mod bullets;
mod documents;
mod ranges;
mod requests;
mod styles;
mod tables;
mod tabs;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "docs.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("docs.v1");

/// Docs for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    let user = user.to_string();
    emulation_with_store(SharedStore::lazy(move || seed::account(&user)))
}

/// Docs over a store the caller keeps a handle on (tests inspect it directly). With a Drive
/// emulation in the same sandbox, the documents are files of that Drive (`drive_link`).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    let in_drive = drive_link::DocsInDrive(store.clone());
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| seed::account(&s.user))
        .on_peer(move |drive: &wsmcp_drive::sandbox::Editors| drive.attach(in_drive))
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
