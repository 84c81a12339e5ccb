//! The sandbox's emulation of the Google Meet REST API (meet/v2 on `meet.googleapis.com`):
//! spaces, and the records of conferences held in them (participants, recordings, transcripts
//! with their entries) over a seeded account whose meetings are the calendar's.
//!
//! Code map: `store` (state and JSON), `spaces`, `records`, `seed` (the sample account).

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

mod records;
mod spaces;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "meet.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("meet.v2");

/// Meet for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Meet over a store the caller keeps a handle on.
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The meet/v2 routes. `spaces/{id}:endActiveConference` shares the space's route: the
/// custom verb is part of the last path segment.
pub fn router(store: SharedStore) -> Router {
    const R: &str = "/v2/conferenceRecords/{record}";
    Router::new()
        .route("/v2/spaces", methods(post(spaces::spaces_create)))
        .route("/v2/spaces/{space}", methods(get(spaces::spaces_get).post(spaces::spaces_custom)))
        .route("/v2/conferenceRecords", methods(get(records::records_list)))
        .route(R, methods(get(records::records_get)))
        .route(&format!("{R}/participants"), methods(get(records::participants_list)))
        .route(&format!("{R}/recordings"), methods(get(records::recordings_list)))
        .route(&format!("{R}/transcripts"), methods(get(records::transcripts_list)))
        .route(&format!("{R}/transcripts/{{transcript}}/entries"), methods(get(records::entries_list)))
        .with_state(store)
}

/// What every handler returns: a Meet JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
