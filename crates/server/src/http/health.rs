//! Liveness and readiness.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};
use wsmcp_kv::Kv;

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

/// The OAuth 2.1 state store, when that mode is on.
fn state_store(app: &App) -> Option<Arc<dyn Kv>> {
    app.oauth21.as_ref().map(|server| server.kv())
}

/// `GET /health/ready`: 200 when the credential store and, if there is one, the OAuth 2.1
/// state store answered their last probe (at most [`READY_CACHE`] old) within the readiness
/// timeout. `storage` names the state store's backend (`memory`, `disk`, `valkey`) when there
/// is one (`none` in external-provider mode, which keeps nothing).
pub async fn ready(app: Arc<App>, cache: Arc<ReadyCache>) -> (StatusCode, Json<Value>) {
    let kv = state_store(&app);
    // The external provider stores nothing: the client owns its Google token.
    let unstored = if app.external.is_some() {
        "none"
    } else if app.config.sandbox {
        "sandbox"
    } else {
        "local_directory"
    };
    let storage = kv.as_ref().map_or(unstored, |kv| kv.name());
    let outcome = {
        let mut last = cache.last.lock().await;
        match &*last {
            Some((at, outcome)) if at.elapsed() < READY_CACHE => outcome.clone(),
            _ => {
                let outcome = match probe(&app).await {
                    Ok(()) => probe_kv(kv, app.config.readiness_timeout).await,
                    failed => failed,
                };
                *last = Some((Instant::now(), outcome.clone()));
                outcome
            }
        }
    };
    answer(storage, outcome)
}

fn answer(storage: &str, outcome: Result<(), String>) -> (StatusCode, Json<Value>) {
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

/// The state store's probe, bounded by the readiness timeout (Valkey's own timeouts may be
/// longer than a readiness probe can wait).
async fn probe_kv(kv: Option<Arc<dyn Kv>>, timeout: Duration) -> Result<(), String> {
    let Some(kv) = kv else { return Ok(()) };
    match tokio::time::timeout(timeout, kv.probe()).await {
        Ok(outcome) => outcome.map_err(|e| e.to_string()),
        Err(_) => Err(format!("{} storage probe timed out", kv.name())),
    }
}

#[cfg(test)]
mod tests {
    use futures::FutureExt;
    use futures::future::BoxFuture;
    use wsmcp_kv::{KvError, KvResult, MemoryKv};

    use super::*;

    /// A backend whose probe fails, or never answers.
    struct Down {
        hang: bool,
    }

    impl Kv for Down {
        fn name(&self) -> &'static str {
            "valkey"
        }
        fn get<'a>(&'a self, _: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
            futures::future::ready(Ok(None)).boxed()
        }
        fn put<'a>(&'a self, _: &'a str, _: &'a [u8], _: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
            futures::future::ready(Ok(())).boxed()
        }
        fn put_if_absent<'a>(&'a self, _: &'a str, _: &'a [u8], _: Option<Duration>) -> BoxFuture<'a, KvResult<bool>> {
            futures::future::ready(Ok(true)).boxed()
        }
        fn take<'a>(&'a self, _: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
            futures::future::ready(Ok(None)).boxed()
        }
        fn delete<'a>(&'a self, _: &'a str) -> BoxFuture<'a, KvResult<bool>> {
            futures::future::ready(Ok(false)).boxed()
        }
        fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
            if self.hang {
                return futures::future::pending().boxed();
            }
            futures::future::ready(Err(KvError::Unavailable("valkey at cache:6379: connection refused".into()))).boxed()
        }
    }

    #[tokio::test]
    async fn the_state_store_probe_decides_readiness() {
        let timeout = Duration::from_millis(50);
        assert_eq!(probe_kv(None, timeout).await, Ok(()));
        assert_eq!(probe_kv(Some(Arc::new(MemoryKv::new())), timeout).await, Ok(()));
        let down: Arc<dyn Kv> = Arc::new(Down { hang: false });
        let (status, Json(body)) = answer(down.name(), probe_kv(Some(Arc::clone(&down)), timeout).await);
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["storage"], "valkey");
        assert!(body["error"].as_str().unwrap().contains("connection refused"), "{body}");
        let e = probe_kv(Some(Arc::new(Down { hang: true })), timeout).await.unwrap_err();
        assert_eq!(e, "valkey storage probe timed out");
        let (status, Json(body)) = answer("memory", Ok(()));
        assert_eq!((status, body), (StatusCode::OK, json!({"status": "ready", "storage": "memory"})));
    }
}
