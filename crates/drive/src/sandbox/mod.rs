//! The sandbox's emulation of the Drive API (drive/v3 on `www.googleapis.com`): files
//! (list with Drive's query language, get and `alt=media`, export, create, copy, update,
//! delete, emptyTrash, generateIds), media, multipart and resumable uploads with
//! conversion to Google types, permissions, shared drives and about, over a seeded Drive
//! of the sandbox user. Handlers are named after Discovery method ids (`files_list`
//! serves `drive.files.list`).
//!
//! Code map: `store` (state), `access` (roles, inheritance, capabilities), `render`
//! (JSON resources), `comment_store` (comments and replies), `fields` (partial responses), `query`/`matcher` (the `q` language),
//! `content`, `convert`, `office`, `office_read`, `assets`, `xml` (what files hold, export
//! and import), `list`, `files`, `metadata`, `update`, `upload`, `permissions`, `comments`,
//! `drives` (handlers), `seed` (the sample Drive), `editors` (the Docs, Sheets and Slides
//! emulations' files kept in this Drive).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::{QueryParams, ServiceEmulation, json_response};

pub mod editors;
pub mod seed;
pub mod store;

mod access;
mod assets;
mod comment_store;
mod comments;
mod content;
mod convert;
mod drives;
mod error;
mod fields;
mod files;
mod list;
mod matcher;
mod metadata;
mod office;
mod office_read;
mod permissions;
mod query;
mod render;
mod update;
mod upload;
mod xml;

pub use access::Role;
pub use content::{Block, BlockKind, Content, Sheet, Slide, spans};
pub use editors::{Editor, EditorFile, Editors};
pub use error::DriveError;
pub use store::{SharedStore, Store};

/// The host this emulation answers for (shared with Calendar and OAuth2's userinfo).
pub const HOST: &str = "www.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("drive.v3");

/// Drive for `user`, seeded with the sample Drive; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample Drive of `user`.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::drive(&user))
}

/// Drive over a store the caller keeps a handle on (tests inspect it directly). It offers
/// the other emulations of its sandbox its [`Editors`] link, so the Docs, Sheets and Slides
/// emulations keep their files in this Drive (see `editors`).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    let editors = Editors::default();
    let in_step = axum::middleware::from_fn_with_state((store.clone(), editors.clone()), editors::keep_in_step);
    let reseed = (store.clone(), editors.clone());
    ServiceEmulation::new(HOST, router(store).layer(in_step))
        .discovery(&DISCOVERY)
        .on_reset(move || {
            let (store, editors) = &reseed;
            let user = store.lock().me().email.clone();
            store.replace(seed::drive(&user));
            // Not under Drive's lock: the link is always locked first.
            editors.forget();
        })
        .provide(editors)
}

/// The drive/v3 routes, including the `/upload/` and `/resumable/upload/` variants.
pub fn router(store: SharedStore) -> Router {
    const F: &str = "/drive/v3/files";
    Router::new()
        .route("/drive/v3/about", get(drives::about_get))
        .route(F, get(list::files_list).post(metadata::files_create))
        // Static segments shadow `{fileId}` in the router, so the verbs that mean
        // "a file called trash/generateIds" are routed to the file handlers too.
        .route(
            &format!("{F}/trash"),
            delete(files::files_empty_trash).get(files::files_get_literal).patch(update::files_update_literal),
        )
        .route(
            &format!("{F}/generateIds"),
            get(files::files_generate_ids).patch(update::files_update_literal).delete(files::files_delete_literal),
        )
        .route(
            &format!("{F}/{{fileId}}"),
            get(files::files_get).patch(update::files_update).delete(files::files_delete),
        )
        .route(&format!("{F}/{{fileId}}/copy"), post(metadata::files_copy))
        .route(&format!("{F}/{{fileId}}/export"), get(files::files_export))
        .route(
            &format!("{F}/{{fileId}}/permissions"),
            get(permissions::permissions_list).post(permissions::permissions_create),
        )
        .route(
            &format!("{F}/{{fileId}}/permissions/{{permissionId}}"),
            get(permissions::permissions_get)
                .patch(permissions::permissions_update)
                .delete(permissions::permissions_delete),
        )
        .route(&format!("{F}/{{fileId}}/comments"), get(comments::comments_list).post(comments::comments_create))
        .route(
            &format!("{F}/{{fileId}}/comments/{{commentId}}"),
            get(comments::comments_get).patch(comments::comments_update).delete(comments::comments_delete),
        )
        .route(
            &format!("{F}/{{fileId}}/comments/{{commentId}}/replies"),
            get(comments::replies_list).post(comments::replies_create),
        )
        .route("/drive/v3/drives", get(drives::drives_list))
        .route("/drive/v3/drives/{driveId}", get(drives::drives_get))
        .route("/upload/drive/v3/files", post(upload::create_upload).put(upload::session_put))
        .route("/upload/drive/v3/files/{fileId}", patch(upload::update_upload).put(upload::session_put_for))
        .route("/resumable/upload/drive/v3/files", post(upload::create_upload).put(upload::session_put))
        .route("/resumable/upload/drive/v3/files/{fileId}", patch(upload::update_upload).put(upload::session_put_for))
        .with_state(store)
}

/// What every handler returns: a Drive JSON body (or media) or Drive's error.
pub(crate) type Reply = Result<Response, DriveError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}

/// Drive's answer to a delete: 204 and no body.
pub(crate) fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `supportsAllDrives` (or its deprecated twin `supportsTeamDrives`).
pub(crate) fn supports_all_drives(q: &QueryParams) -> Result<bool, DriveError> {
    Ok(q.flag("supportsAllDrives")? || q.flag("supportsTeamDrives")?)
}
