//! The sandbox's emulation of the Google Sheets API (sheets/v4 on `sheets.googleapis.com`):
//! spreadsheets with sheets and cells over a seeded account. Handlers are named after
//! Discovery method ids (`values_get` serves `sheets.spreadsheets.values.get`).
//!
//! Code map: `store` (state), `cells` (parsing, evaluation, formatting of values), `formula`,
//! `values` (values.get/update/append/clear), `spreadsheets` (create, get), `batch`
//! (batchUpdate, sheet requests) with `format` (cell requests), `dimensions` (rows and
//! columns), `tables`, `rules` (conditional formats) and `paste`; `refs` rewrites formula
//! references when rows or columns move; `seed`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod cells;
pub mod formula;
pub mod seed;
pub mod store;

mod batch;
mod dimensions;
mod drive_link;
mod format;
mod paste;
pub mod refs;
mod rules;
mod spreadsheets;
mod tables;
mod values;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "sheets.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("sheets.v4");

/// Sheets for `user`, seeded with the sample spreadsheets; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    let user = user.to_string();
    emulation_with_store(SharedStore::lazy(move || seed::account(&user)))
}

/// Sheets over a store the caller keeps a handle on (tests inspect it directly). With a Drive
/// emulation in the same sandbox, the spreadsheets are files of that Drive (`drive_link`).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    let in_drive = drive_link::SheetsInDrive(store.clone());
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| seed::account(&s.user))
        .on_peer(move |drive: &wsmcp_drive::sandbox::Editors| drive.attach(in_drive))
}

/// The sheets/v4 routes. `{id}:batchUpdate`, `{range}:append` and `{range}:clear` arrive as
/// one path segment; their handlers split the verb off.
pub fn router(store: SharedStore) -> Router {
    const S: &str = "/v4/spreadsheets";
    Router::new()
        .route(S, methods(post(spreadsheets::spreadsheets_create)))
        .route(&format!("{S}/{{id}}"), methods(get(spreadsheets::spreadsheets_get).post(batch::spreadsheets_post)))
        .route(
            &format!("{S}/{{id}}/values/{{range}}"),
            methods(get(values::values_get).put(values::values_update).post(values::values_post)),
        )
        .with_state(store)
}

/// What every handler returns: a Sheets JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
