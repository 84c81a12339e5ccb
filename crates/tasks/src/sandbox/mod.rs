//! The sandbox's emulation of the Google Tasks API (tasks/v1 on `tasks.googleapis.com`):
//! task lists and tasks over a seeded account. Handlers are named after Discovery method ids
//! (`tasks_list` serves `tasks.tasks.list`).
//!
//! Code map: `store` (state, ordering, placement rules, JSON), `tasklists`, `tasks_read`,
//! `tasks_write`, `seed` (the sample account).

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

mod tasklists;
mod tasks_read;
mod tasks_write;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "tasks.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("tasks.v1");

/// Tasks for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Tasks over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The tasks/v1 routes.
pub fn router(store: SharedStore) -> Router {
    const T: &str = "/tasks/v1";
    let r = |path: &str| format!("{T}{path}");
    Router::new()
        .route(&r("/users/@me/lists"), methods(get(tasklists::tasklists_list).post(tasklists::tasklists_insert)))
        .route(
            &r("/users/@me/lists/{tasklist}"),
            methods(
                get(tasklists::tasklists_get)
                    .patch(tasklists::tasklists_patch)
                    .put(tasklists::tasklists_patch)
                    .delete(tasklists::tasklists_delete),
            ),
        )
        .route(&r("/lists/{tasklist}/clear"), methods(post(tasks_write::tasks_clear)))
        .route(&r("/lists/{tasklist}/tasks"), methods(get(tasks_read::tasks_list).post(tasks_write::tasks_insert)))
        .route(
            &r("/lists/{tasklist}/tasks/{task}"),
            methods(
                get(tasks_read::tasks_get)
                    .patch(tasks_write::tasks_patch)
                    .put(tasks_write::tasks_update)
                    .delete(tasks_write::tasks_delete),
            ),
        )
        .route(&r("/lists/{tasklist}/tasks/{task}/move"), methods(post(tasks_write::tasks_move)))
        .with_state(store)
}

/// What every handler returns: a Tasks JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
