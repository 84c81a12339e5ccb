//! The control routes under `/_sandbox/`, for tests running out of process (the
//! end-to-end tests drive the `workspace-mcp --sandbox` binary). Never validated.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::{Value, json};

use crate::extract::GoogleJson;
use crate::faults::Fault;
use crate::log::LoggedRequest;
use crate::sandbox::Shared;

/// `POST /_sandbox/faults` with a JSON [`Fault`].
pub(crate) async fn inject(State(shared): State<Arc<Shared>>, GoogleJson(fault): GoogleJson<Fault>) -> Response {
    shared.faults.inject(fault);
    (StatusCode::CREATED, Json(json!({ "faults": shared.faults.list().len() }))).into_response()
}

/// `GET /_sandbox/faults`: the faults still armed.
pub(crate) async fn faults(State(shared): State<Arc<Shared>>) -> Json<Vec<Fault>> {
    Json(shared.faults.list())
}

/// `DELETE /_sandbox/faults`.
pub(crate) async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.faults.clear();
    StatusCode::NO_CONTENT
}

/// `GET /_sandbox/requests`: the request log, oldest first.
pub(crate) async fn requests(State(shared): State<Arc<Shared>>) -> Json<Vec<LoggedRequest>> {
    Json(shared.log.entries())
}

/// `DELETE /_sandbox/requests`.
pub(crate) async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.log.clear();
    StatusCode::NO_CONTENT
}

/// `GET /_sandbox/stats`.
pub(crate) async fn stats(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({
        "validation_failures": shared.log.validation_failures(),
        "requests": shared.log.len(),
        "faults_served": shared.log.faults_served(),
    }))
}

/// `POST /_sandbox/reset`: reseed every emulation, clear faults, log and counters.
pub(crate) async fn reset(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.reset();
    StatusCode::NO_CONTENT
}
