//! What a client hears while a call runs, through the binary: progress of a multi-chunk upload
//! (rmcp's client sends a progress token with every request), log notifications at the level the
//! client set, and a cancelled call that stops, Google request included.

#![allow(deprecated)] // MCP logging: deprecated by SEP-2577, still part of the revisions served

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rmcp::model::{
    CallToolRequest, CallToolRequestParams, ClientRequest, LoggingLevel, LoggingMessageNotificationParam,
    ProgressNotificationParam, SetLevelRequestParams,
};
use rmcp::service::{NotificationContext, PeerRequestOptions, RunningService};
use rmcp::{ClientHandler, RoleClient, ServiceExt};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::Fault;

use crate::harness::{command, sandbox, text};

/// A client that keeps the notifications it receives.
#[derive(Clone, Default)]
struct Listener {
    progress: Arc<Mutex<Vec<ProgressNotificationParam>>>,
    logs: Arc<Mutex<Vec<LoggingMessageNotificationParam>>>,
}

impl ClientHandler for Listener {
    async fn on_progress(&self, params: ProgressNotificationParam, _: NotificationContext<RoleClient>) {
        self.progress.lock().unwrap().push(params);
    }
    async fn on_logging_message(&self, params: LoggingMessageNotificationParam, _: NotificationContext<RoleClient>) {
        self.logs.lock().unwrap().push(params);
    }
}

type Client = RunningService<RoleClient, Listener>;

async fn call(client: &Client, tool: &str, args: Value) -> rmcp::model::CallToolResult {
    let Value::Object(map) = args else { panic!("arguments are an object") };
    client.call_tool(CallToolRequestParams::new(tool.to_string()).with_arguments(map)).await.unwrap()
}

/// Waits (bounded) until `done` holds; notifications may trail the reply by a moment.
async fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    done()
}

#[tokio::test]
async fn a_multi_chunk_upload_reports_progress_to_the_client() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let len: usize = 20 * 1000 * 1000; // three 8 MiB chunks
    let path = home.path().join("export.bin");
    std::fs::write(&path, (0..len).map(|i| (i * 7 % 251) as u8).collect::<Vec<u8>>()).unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("ALLOWED_FILE_DIRS", home.path());
    let listener = Listener::default();
    let client = listener.clone().serve(rmcp::transport::TokioChildProcess::new(cmd).unwrap()).await.unwrap();
    let url = format!("file://{}", path.display());
    let r = call(&client, "create_drive_file", json!({"file_name": "export.bin", "fileUrl": url})).await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    assert!(eventually(|| listener.progress.lock().unwrap().len() >= 3).await);
    let progress = listener.progress.lock().unwrap().clone();
    assert_eq!(progress.len(), 3, "{progress:?}");
    assert!(progress.windows(2).all(|w| w[0].progress < w[1].progress), "{progress:?}");
    assert!(progress.iter().all(|p| p.total == Some(len as f64)));
    assert_eq!(progress.last().unwrap().progress, len as f64);
    assert!(progress[0].message.as_deref().is_some_and(|m| m.starts_with("uploaded ")), "{progress:?}");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn retries_are_logged_to_the_client_at_its_level() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let listener = Listener::default();
    let client = listener
        .clone()
        .serve(rmcp::transport::TokioChildProcess::new(command(&sb, home.path())).unwrap())
        .await
        .unwrap();
    // Default level: warnings. A 503 that a retry overcomes is a warning.
    sb.inject(Fault::status("/gmail/v1/users/me/labels", 503));
    let r = call(&client, "list_gmail_labels", json!({})).await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    assert!(eventually(|| !listener.logs.lock().unwrap().is_empty()).await, "no log notification");
    let logs = listener.logs.lock().unwrap().clone();
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert_eq!(logs[0].level, LoggingLevel::Warning);
    let message = logs[0].data["message"].as_str().unwrap();
    assert!(message.contains("503") && message.contains("retrying"), "{message}");

    // At `error`, the same retry is not worth a message.
    client.set_level(SetLevelRequestParams::new(LoggingLevel::Error)).await.unwrap();
    sb.inject(Fault::status("/gmail/v1/users/me/labels", 503));
    let r = call(&client, "list_gmail_labels", json!({})).await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(listener.logs.lock().unwrap().len(), 1, "{:?}", listener.logs.lock().unwrap());
    assert_eq!(sb.sandbox().faults_served(), 2);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_cancelled_call_stops_with_its_google_request() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = Listener::default()
        .serve(rmcp::transport::TokioChildProcess::new(command(&sb, home.path())).unwrap())
        .await
        .unwrap();
    // Drive answers this list only after 2 s; the client gives up after 300 ms.
    sb.inject(Fault::delay("/drive/v3/files", 2_000));
    let request = ClientRequest::CallToolRequest(CallToolRequest::new(
        CallToolRequestParams::new("list_drive_items").with_arguments(serde_json::Map::new()),
    ));
    let handle = client.send_request_with_option(request, PeerRequestOptions::no_options()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    handle.cancel(Some("the user changed their mind".into())).await.unwrap();

    // The server is free at once, and the abandoned Drive request never completed: the binary
    // dropped it, so the sandbox never answered it.
    let started = std::time::Instant::now();
    let r = call(&client, "list_gmail_labels", json!({})).await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    let lists = sb.requests().into_iter().filter(|r| r.method_id.as_deref() == Some("drive.files.list")).count();
    assert_eq!(lists, 0, "the cancelled call's Drive request ran to the end");
    client.cancel().await.unwrap();
}
