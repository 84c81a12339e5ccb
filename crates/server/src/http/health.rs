//! Liveness and readiness.

use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// How long one storage probe answers `/health/ready`: probes poll every few seconds, and each
/// probe creates and fsyncs a file.
const READY_CACHE: Duration = Duration::from_secs(5);

/// The last storage probe; the async lock also makes concurrent requests share one probe.
#[derive(Default)]
pub struct ReadyCache {
    last: tokio::sync::Mutex<Option<(Instant, Result<(), String>)>>,
}

/// `GET /health/ready`: 200 when the credential store answered its last probe (at most
/// [`READY_CACHE`] old) within the readiness timeout.
pub async fn ready(app: Arc<App>, cache: Arc<ReadyCache>) -> (StatusCode, Json<Value>) {
    let storage = if app.config.sandbox { "sandbox" } else { "local_directory" };
    let outcome = {
        let mut last = cache.last.lock().await;
        match &*last {
            Some((at, outcome)) if at.elapsed() < READY_CACHE => outcome.clone(),
            _ => {
                let outcome = probe(&app).await;
                *last = Some((Instant::now(), outcome.clone()));
                outcome
            }
        }
    };
    match outcome {
        Ok(()) => (StatusCode::OK, Json(json!({"status": "ready", "storage": storage}))),
        Err(e) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "not_ready", "storage": storage, "error": e})))
        }
    }
}

/// The token store's probe writes and fsyncs a file: it runs on a blocking thread, never on
/// an async worker, bounded by the readiness timeout.
async fn probe(app: &App) -> Result<(), String> {
    let Some(oauth) = app.oauth.clone() else {
        return Ok(());
    };
    let runtime = tokio::runtime::Handle::current();
    let blocking = tokio::task::spawn_blocking(move || runtime.block_on(oauth.probe()));
    match tokio::time::timeout(app.config.readiness_timeout, blocking).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(_)) => Err("storage probe failed".to_string()),
        Err(_) => Err("storage probe timed out".to_string()),
    }
}
