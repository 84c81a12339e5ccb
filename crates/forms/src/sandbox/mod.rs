//! The sandbox's emulation of the Google Forms API (forms/v1 on `forms.googleapis.com`):
//! forms with items, batch updates, publish settings and responses over a seeded account.
//! Handlers are named after Discovery method ids (`responses_list` serves
//! `forms.forms.responses.list`).
//!
//! Code map: `store` (state and JSON), `items` (item checks, ids), `mask` (field masks), `batch`
//! (batchUpdate), `forms` (create, get, custom methods), `responses`, `seed`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod seed;
pub mod store;

mod batch;
mod forms;
mod items;
mod mask;
mod responses;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "forms.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("forms.v1");

/// Forms for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Forms over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The forms/v1 routes. `{form}` also matches `id:batchUpdate` and `id:setPublishSettings`,
/// which POST serves.
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/forms", methods(post(forms::forms_create)))
        .route("/v1/forms/{form}", methods(get(forms::forms_get).post(forms::forms_custom)))
        .route("/v1/forms/{form}/responses", methods(get(responses::responses_list)))
        .route("/v1/forms/{form}/responses/{response}", methods(get(responses::responses_get)))
        .with_state(store)
}

/// What every handler returns: a Forms JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
