//! The sandbox's emulation of the People API (people/v1 on `people.googleapis.com`): the
//! user's contacts and contact groups, "other contacts" and the domain directory over a
//! seeded account. Handlers are named after Discovery method ids (`people_get` serves
//! `people.people.get`).
//!
//! Code map: `store` (state, etags, sync tokens), `person` (Person JSON and field masks),
//! `people` (get, connections, create/update/delete), `batch`, `search` (the three searches
//! and their warm-up caches), `groups`, `seed` (the sample account).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod person;
pub mod seed;
pub mod store;

mod batch;
mod groups;
mod people;
mod search;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "people.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("people.v1");

/// Contacts for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Contacts over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The people/v1 routes. `updateContact` and `deleteContact` share `/v1/people/{id}` with
/// `get`: their verb is part of the id's path segment (`c123:updateContact`).
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/people/{owner}/connections", methods(get(people::people_connections_list)))
        .route(
            "/v1/people/{person}",
            methods(get(people::people_get).patch(people::people_update_contact).delete(people::people_delete_contact)),
        )
        .route("/v1/people:createContact", methods(post(people::people_create_contact)))
        .route("/v1/people:batchGet", methods(get(batch::people_get_batch_get)))
        .route("/v1/people:batchCreateContacts", methods(post(batch::people_batch_create_contacts)))
        .route("/v1/people:batchUpdateContacts", methods(post(batch::people_batch_update_contacts)))
        .route("/v1/people:batchDeleteContacts", methods(post(batch::people_batch_delete_contacts)))
        .route("/v1/people:searchContacts", methods(get(search::people_search_contacts)))
        .route("/v1/people:searchDirectoryPeople", methods(get(search::people_search_directory_people)))
        .route("/v1/otherContacts:search", methods(get(search::other_contacts_search)))
        .route("/v1/contactGroups", methods(get(groups::contact_groups_list).post(groups::contact_groups_create)))
        .route(
            "/v1/contactGroups/{group}",
            methods(
                get(groups::contact_groups_get)
                    .put(groups::contact_groups_update)
                    .delete(groups::contact_groups_delete),
            ),
        )
        .route("/v1/contactGroups/{group}/members:modify", methods(post(groups::contact_groups_members_modify)))
        .with_state(store)
}

/// What every handler returns: a People JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
