//! What the binary says about itself: no session ids in its logs at the default level, a
//! readiness probe that is reused for a few seconds, and a loud sandbox fallback.

use std::process::Stdio;
use std::time::Duration;

use rmcp::ServiceExt;
use rmcp::transport::TokioChildProcess;
use serde_json::json;

use crate::hardening::{ACCEPT, open_session, session_post};
use crate::harness::{BIN, HttpServer, command, sandbox};

#[tokio::test]
async fn session_ids_never_reach_the_logs_at_the_default_level() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let log_path = home.path().join("stderr.log");
    let mut cmd = command(&sb, home.path());
    cmd.env_remove("WORKSPACE_MCP_LOG_LEVEL").stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()));
    let server = HttpServer::start(cmd).await;
    let http = reqwest::Client::new();
    let mut sessions = Vec::new();
    for _ in 0..2 {
        let session = open_session(&http, &server).await;
        let initialized = json!({"jsonrpc": "2.0", "method": "notifications/initialized"});
        assert!(session_post(&http, &server, &session, initialized).await.status().is_success());
        let list = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"});
        assert_eq!(session_post(&http, &server, &session, list).await.status(), 200);
        let call = json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
            "name": "search_gmail_messages", "arguments": {"query": "from:priya.shah@example.com"}}});
        let r = session_post(&http, &server, &session, call).await;
        assert!(r.text().await.unwrap().contains("Message ID"));
        sessions.push(session);
    }
    let gone = http.delete(server.url("/mcp")).header("mcp-session-id", &sessions[0]).send().await.unwrap();
    assert!(gone.status().is_success());
    // A request for an unknown session, with its id, must not be echoed into the log either.
    let unknown = json!({"jsonrpc": "2.0", "id": 4, "method": "tools/list"});
    let _ = session_post(&http, &server, &sessions[0], unknown).await;
    let _ = http.post(server.url("/mcp")).header("accept", ACCEPT).header("host", "evil.example").send().await;
    drop(server);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("listening") && log.contains("tool call finished"), "INFO logs are on: {log}");
    for session in &sessions {
        assert!(!log.contains(session.as_str()), "session id {session} in the log:\n{log}");
    }
}

/// Real mode (an OAuth client configured), so readiness probes the credentials directory.
fn real_mode(home: &std::path::Path) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("GOOGLE_OAUTH_CLIENT_ID", "test-client.apps.googleusercontent.com")
        .env("GOOGLE_OAUTH_CLIENT_SECRET", "test-secret")
        .env("WORKSPACE_MCP_CREDENTIALS_DIR", home.join("credentials"))
        .env("WORKSPACE_MCP_LOG_LEVEL", "warn")
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd
}

#[tokio::test]
async fn readiness_reuses_a_recent_probe() {
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(real_mode(home.path())).await;
    let http = reqwest::Client::new();
    let ready = || async { http.get(server.url("/health/ready")).send().await.unwrap().status().as_u16() };
    assert_eq!(ready().await, 200);
    // Break the store: a file where the directory was. A probe would now fail.
    let dir = home.path().join("credentials");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, b"not a directory").unwrap();
    assert_eq!(ready().await, 200, "the probe of a moment ago is reused");
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(ready().await, 503, "a stale probe is not");
}

#[tokio::test]
async fn the_sandbox_fallback_is_announced_at_start_and_in_initialize() {
    let home = tempfile::tempdir().unwrap();
    let log_path = home.path().join("stderr.log");
    // No OAuth client and no --sandbox: the server falls back to the sandbox.
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("GOOGLE_OAUTH_CLIENT_IDD", "a-typo.apps.googleusercontent.com")
        .kill_on_drop(true);
    let client = ().serve(child_logging_to(cmd, &log_path)).await.unwrap();
    let instructions = client.peer_info().and_then(|i| i.instructions.clone()).unwrap_or_default();
    assert!(instructions.contains("No Google OAuth client is configured"), "{instructions}");
    assert!(instructions.contains("sample data"), "{instructions}");
    client.cancel().await.unwrap();
    let log = std::fs::read_to_string(&log_path).unwrap();
    let notices: Vec<_> = log.lines().filter(|l| l.contains("No Google OAuth client is configured")).collect();
    assert_eq!(notices.len(), 1, "{log}");
    assert!(notices[0].contains("WARN"), "{log}");

    // Asked for explicitly, the sandbox is no surprise: no warning.
    let sb = sandbox().await;
    let quiet = home.path().join("quiet.log");
    let cmd = command(&sb, home.path());
    let client = ().serve(child_logging_to(cmd, &quiet)).await.unwrap();
    let instructions = client.peer_info().and_then(|i| i.instructions.clone()).unwrap_or_default();
    assert!(!instructions.contains("No Google OAuth client") && instructions.contains("sandbox"), "{instructions}");
    client.cancel().await.unwrap();
    assert!(!std::fs::read_to_string(&quiet).unwrap().contains("No Google OAuth client"));
}

/// rmcp's child transport sets the child's stderr itself; this one goes to `log`.
fn child_logging_to(cmd: tokio::process::Command, log: &std::path::Path) -> TokioChildProcess {
    let file = std::fs::File::create(log).unwrap();
    TokioChildProcess::builder(cmd).stderr(Stdio::from(file)).spawn().unwrap().0
}
