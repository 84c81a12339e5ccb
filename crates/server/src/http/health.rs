//! Liveness and readiness.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::app::App;

/// `GET /health`: the reference's exact JSON, so existing probes keep working.
pub async fn health(State(app): State<Arc<App>>) -> Json<Value> {
    Json(json!({
        "status": "healthy",
        "service": "workspace-mcp",
        "version": env!("CARGO_PKG_VERSION"),
        "transport": app.config.transport.as_str(),
    }))
}

/// `GET /health/ready`: 200 when the credential store answers within the readiness timeout.
pub async fn ready(State(app): State<Arc<App>>) -> (StatusCode, Json<Value>) {
    let storage = if app.config.sandbox { "sandbox" } else { "local_directory" };
    let probe = app.oauth.clone();
    let check = async move {
        match probe {
            Some(oauth) => oauth.probe().await,
            None => Ok(()),
        }
    };
    match tokio::time::timeout(app.config.readiness_timeout, check).await {
        Ok(Ok(())) => (StatusCode::OK, Json(json!({"status": "ready", "storage": storage}))),
        Ok(Err(e)) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "not_ready", "storage": storage, "error": e})))
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "not_ready", "storage": storage, "error": "storage probe timed out"})),
        ),
    }
}
