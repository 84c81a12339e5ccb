//! The sandbox's emulation of the Google Keep API (keep/v1 on `keep.googleapis.com`): notes
//! (text and checklists), attachments and sharing over a seeded account. Handlers are named
//! after Discovery method ids (`notes_list` serves `keep.notes.list`).
//!
//! As Google does, it refuses every call for a consumer account (gmail.com): the Keep API
//! serves Google Workspace accounts only.
//!
//! Code map: `store` (state and JSON), `filter` (notes.list filters), `notes`, `permissions`,
//! `media` (attachment download), `seed` (the sample account).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod seed;
pub mod store;

mod filter;
mod media;
mod notes;
mod permissions;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "keep.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("keep.v1");

/// Keep for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Keep over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The keep/v1 routes.
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/notes", methods(get(notes::notes_list).post(notes::notes_create)))
        .route("/v1/notes/{note}", methods(get(notes::notes_get).delete(notes::notes_delete)))
        .route("/v1/notes/{note}/permissions:batchCreate", methods(post(permissions::permissions_batch_create)))
        .route("/v1/notes/{note}/permissions:batchDelete", methods(post(permissions::permissions_batch_delete)))
        .route("/v1/notes/{note}/attachments/{attachment}", methods(get(media::media_download)))
        .layer(axum::middleware::from_fn_with_state(store.clone(), workspace_only))
        .with_state(store)
}

/// Consumer accounts get Google's bare refusal on every call.
async fn workspace_only(State(store): State<SharedStore>, req: Request, next: Next) -> Response {
    let user = store.lock().user.to_ascii_lowercase();
    if user.ends_with("@gmail.com") || user.ends_with("@googlemail.com") {
        return GoogleError::forbidden("The caller does not have permission").into_response();
    }
    next.run(req).await
}

/// What every handler returns: a Keep JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
