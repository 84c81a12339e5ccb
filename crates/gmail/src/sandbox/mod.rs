//! The sandbox's emulation of the Gmail API (gmail/v1 on `gmail.googleapis.com`):
//! messages, threads, labels, drafts, settings.filters, settings.sendAs and getProfile,
//! over a seeded mailbox. Handlers are named after Discovery method ids
//! (`users_messages_list` serves `gmail.users.messages.list`).
//!
//! Code map: `store` (state), `index` (parsed fields), `payload` (MessagePart tree),
//! `format`, `search` (the `q` language), `compose` (raw messages in: send, drafts,
//! uploads), one file per resource, `seed` (the sample mailbox).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod search;
pub mod store;

mod compose;
mod drafts;
mod format;
mod index;
mod labels;
mod messages;
mod payload;
pub mod seed;
mod settings;
mod threads;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "gmail.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("gmail.v1");

/// Gmail for `user_email`, seeded with the sample mailbox; reseeded on reset.
pub fn emulation(user_email: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user_email))
}

/// A fresh copy of the sample mailbox of `user_email`, built on first use.
pub fn seeded_store(user_email: &str) -> SharedStore {
    let user = user_email.to_string();
    SharedStore::lazy(move || seed::mailbox(&user))
}

/// Gmail over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| seed::mailbox(s.user_email()))
}

/// The gmail/v1 routes, including the `/upload/` variants of send, insert and drafts.
pub fn router(store: SharedStore) -> Router {
    const U: &str = "/gmail/v1/users/{userId}";
    const UP: &str = "/upload/gmail/v1/users/{userId}";
    let r = |path: &str| format!("{U}{path}");
    let up = |path: &str| format!("{UP}{path}");
    Router::new()
        .route(&r("/profile"), get(messages::users_get_profile))
        .route(&r("/messages"), get(messages::users_messages_list).post(messages::users_messages_insert))
        .route(&up("/messages"), post(messages::users_messages_insert_upload))
        .route(&r("/messages/send"), post(messages::users_messages_send))
        .route(&up("/messages/send"), post(messages::users_messages_send_upload))
        .route(&r("/messages/batchModify"), post(messages::users_messages_batch_modify))
        .route(&r("/messages/batchDelete"), post(messages::users_messages_batch_delete))
        .route(&r("/messages/{id}"), get(messages::users_messages_get).delete(messages::users_messages_delete))
        .route(&r("/messages/{id}/modify"), post(messages::users_messages_modify))
        .route(&r("/messages/{id}/trash"), post(messages::users_messages_trash))
        .route(&r("/messages/{id}/untrash"), post(messages::users_messages_untrash))
        .route(&r("/messages/{messageId}/attachments/{id}"), get(messages::users_messages_attachments_get))
        .route(&r("/threads"), get(threads::users_threads_list))
        .route(&r("/threads/{id}"), get(threads::users_threads_get).delete(threads::users_threads_delete))
        .route(&r("/threads/{id}/modify"), post(threads::users_threads_modify))
        .route(&r("/threads/{id}/trash"), post(threads::users_threads_trash))
        .route(&r("/threads/{id}/untrash"), post(threads::users_threads_untrash))
        .route(&r("/labels"), get(labels::users_labels_list).post(labels::users_labels_create))
        .route(
            &r("/labels/{id}"),
            get(labels::users_labels_get)
                .put(labels::users_labels_update)
                .patch(labels::users_labels_patch)
                .delete(labels::users_labels_delete),
        )
        .route(&r("/drafts"), get(drafts::users_drafts_list).post(drafts::users_drafts_create))
        .route(&up("/drafts"), post(drafts::users_drafts_create_upload))
        .route(&r("/drafts/send"), post(drafts::users_drafts_send))
        .route(&up("/drafts/send"), post(drafts::users_drafts_send_upload))
        .route(
            &r("/drafts/{id}"),
            get(drafts::users_drafts_get).put(drafts::users_drafts_update).delete(drafts::users_drafts_delete),
        )
        .route(&up("/drafts/{id}"), put(drafts::users_drafts_update_upload))
        .route(
            &r("/settings/filters"),
            get(settings::users_settings_filters_list).post(settings::users_settings_filters_create),
        )
        .route(
            &r("/settings/filters/{id}"),
            get(settings::users_settings_filters_get).delete(settings::users_settings_filters_delete),
        )
        .route(&r("/settings/sendAs"), get(settings::users_settings_send_as_list))
        .route(
            &r("/settings/sendAs/{sendAsEmail}"),
            get(settings::users_settings_send_as_get)
                .put(settings::users_settings_send_as_update)
                .patch(settings::users_settings_send_as_patch),
        )
        .with_state(store)
}

/// What every handler returns: a Gmail JSON body or Gmail's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}

/// Gmail's answer to a delete: 204 and no body.
pub(crate) fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `userId` must be `me` or the sandbox user; anyone else is Gmail's delegation 403.
pub(crate) fn check_user(store: &Store, user_id: &str) -> Result<(), GoogleError> {
    if user_id == "me" || user_id.eq_ignore_ascii_case(store.user_email()) {
        Ok(())
    } else {
        Err(GoogleError::forbidden(format!("Delegation denied for {}", store.user_email())))
    }
}
