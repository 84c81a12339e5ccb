//! `GET /attachments/{id}`: files tools saved, for one hour.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;

pub async fn download(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(file) = app.files.get(&id) else {
        return (StatusCode::NOT_FOUND, axum::Json(json!({"error": "Attachment not found or expired"})))
            .into_response();
    };
    match tokio::fs::read(&file.path).await {
        Ok(bytes) => {
            let disposition = format!("attachment; filename=\"{}\"", file.name.replace('"', "_"));
            ([(header::CONTENT_TYPE, file.mime_type), (header::CONTENT_DISPOSITION, disposition)], bytes)
                .into_response()
        }
        Err(_) => {
            (StatusCode::NOT_FOUND, axum::Json(json!({"error": "Attachment not found or expired"}))).into_response()
        }
    }
}
