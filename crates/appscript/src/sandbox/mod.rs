//! The sandbox's emulation of the Apps Script API (script/v1 on `script.googleapis.com`):
//! projects and their files, versions, deployments, runs and processes over a seeded account.
//! Handlers are named after Discovery method ids (`versions_list` serves
//! `script.projects.versions.list`).
//!
//! Code map: `store` (state and JSON), `projects`, `versions`, `deployments`, `run` (with
//! `exec`, what a function call does here), `processes`, `seed` (the sample account).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, ServiceEmulation, json_response};

pub mod exec;
pub mod seed;
pub mod store;

mod deployments;
mod processes;
mod projects;
mod run;
mod versions;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "script.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("script.v1");

/// Apps Script for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Apps Script over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The script/v1 routes.
pub fn router(store: SharedStore) -> Router {
    let p = |path: &str| format!("/v1/projects/{{script}}{path}");
    Router::new()
        .route("/v1/projects", methods(post(projects::projects_create)))
        .route(&p(""), methods(get(projects::projects_get)))
        .route(&p("/content"), methods(get(projects::projects_get_content).put(projects::projects_update_content)))
        .route(&p("/metrics"), methods(get(projects::projects_get_metrics)))
        .route(&p("/versions"), methods(get(versions::versions_list).post(versions::versions_create)))
        .route(&p("/versions/{version}"), methods(get(versions::versions_get)))
        .route(&p("/deployments"), methods(get(deployments::deployments_list).post(deployments::deployments_create)))
        .route(
            &p("/deployments/{deployment}"),
            methods(
                get(deployments::deployments_get)
                    .put(deployments::deployments_update)
                    .delete(deployments::deployments_delete),
            ),
        )
        .route("/v1/scripts/{target}", methods(post(run::scripts_run)))
        .route("/v1/processes", methods(get(processes::processes_list)))
        .route("/v1/processes:listScriptProcesses", methods(get(processes::processes_list_script_processes)))
        .with_state(store)
}

/// What every handler returns: an Apps Script JSON body or Google's error.
pub(crate) type Reply = Result<Response, GoogleError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
