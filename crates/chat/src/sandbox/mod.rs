//! The sandbox's emulation of the Google Chat API (chat/v1 on `chat.googleapis.com`) as a
//! user sees it: spaces they belong to, messages in threads, reactions and attachment
//! downloads over a seeded account. Handlers are named after Discovery method ids
//! (`messages_list` serves `chat.spaces.messages.list`).
//!
//! A Cloud project without a Chat app gets "Google Chat app not found" from every call;
//! [`app_not_configured`] is the fault that makes the sandbox answer so.
//!
//! Code map: `store` (state and JSON), `filter` (the `filter`/`orderBy` languages), `spaces`,
//! `messages_read`, `messages_write`, `reactions` (reactions and `media.download`), `seed`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{Fault, GoogleError, ServiceEmulation, json_response};

pub mod filter;
pub mod seed;
pub mod store;

mod messages_read;
mod messages_write;
mod reactions;
mod spaces;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "chat.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("chat.v1");

/// Google's whole reply text when the project has no Chat app.
pub const APP_NOT_FOUND_MESSAGE: &str = "Google Chat app not found. To create a Chat app, you must turn on the Chat \
    API and configure the app in the Google Cloud console.";

/// A fault making the next `times` Chat calls (0: all, until cleared) fail as Google fails
/// them for a project without a Chat app: 404 with [`APP_NOT_FOUND_MESSAGE`].
pub fn app_not_configured(times: u32) -> Fault {
    Fault::status(format!("{HOST}/v1/"), 404).message(APP_NOT_FOUND_MESSAGE).times(times)
}

/// Chat for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Chat over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The chat/v1 routes.
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/spaces", methods(get(spaces::spaces_list)))
        .route("/v1/spaces/{space}", methods(get(spaces::spaces_get)))
        .route(
            "/v1/spaces/{space}/messages",
            methods(get(messages_read::messages_list).post(messages_write::messages_create)),
        )
        .route(
            "/v1/spaces/{space}/messages/{message}",
            methods(get(messages_read::messages_get).patch(messages_write::messages_patch)),
        )
        .route("/v1/spaces/{space}/messages/{message}/reactions", methods(post(reactions::reactions_create)))
        .route("/v1/media/{*resource}", methods(get(reactions::media_download)))
        .with_state(store)
}

/// What every handler returns: a Chat JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
