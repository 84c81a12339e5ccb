//! Starting the binary and a sandbox, connecting clients, and small assertion helpers.

use std::process::Stdio;
use std::time::Duration;

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use rmcp::{RoleClient, ServiceExt};
use serde_json::Value;
use wsmcp_sandbox_kit::{LoggedRequest, SandboxHandle};

pub const BIN: &str = env!("CARGO_BIN_EXE_workspace-mcp");
pub const USER: &str = "alex.rivera@example.com";

pub type Client = RunningService<RoleClient, ()>;

/// A sandbox in this test process, so the test can read its request log and inject faults;
/// the binary is pointed at it with `WORKSPACE_MCP_SANDBOX_URL`.
pub async fn sandbox() -> SandboxHandle {
    let _ = rustls::crypto::ring::default_provider().install_default();
    wsmcp_testkit::sandbox()
        .services(wsmcp_server::services::emulations(USER))
        .build()
        .serve("127.0.0.1:0")
        .await
        .expect("sandbox starts")
}

/// The binary in sandbox mode with a private home, no inherited Google settings.
pub fn command(sandbox: &SandboxHandle, home: &std::path::Path) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.arg("--sandbox")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("WORKSPACE_MCP_SANDBOX_URL", &sandbox.base_url)
        // The level users run with, so scripts/check-log-secrets.sh sees what they would log.
        .env("WORKSPACE_MCP_LOG_LEVEL", "info")
        // The binary's tools read the same clock as this test's sandbox.
        .envs(std::env::var(wsmcp_testkit::clock::CLOCK_VAR).ok().map(|v| (wsmcp_testkit::clock::CLOCK_VAR, v)))
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd
}

pub async fn stdio_client(cmd: tokio::process::Command) -> Client {
    ().serve(TokioChildProcess::new(cmd).expect("spawn")).await.expect("stdio initialize")
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// The binary serving streamable HTTP on a free port, ready when `/health` answers.
pub struct HttpServer {
    /// Held so the server is killed when the test drops it.
    _child: tokio::process::Child,
    pub port: u16,
}

impl HttpServer {
    pub async fn start(cmd: tokio::process::Command) -> HttpServer {
        Self::start_on(cmd, free_port()).await
    }

    /// Bound to loopback but published as `http://localhost:{port}` (`WORKSPACE_EXTERNAL_URL`),
    /// which makes it an exposed server, as behind a reverse proxy.
    pub async fn start_exposed(mut cmd: tokio::process::Command) -> HttpServer {
        let port = free_port();
        cmd.env("WORKSPACE_EXTERNAL_URL", format!("http://localhost:{port}"));
        Self::start_on(cmd, port).await
    }

    pub async fn start_on(mut cmd: tokio::process::Command, port: u16) -> HttpServer {
        cmd.args(["--transport", "streamable-http"]).env("PORT", port.to_string());
        let child = cmd.spawn().expect("spawn http server");
        let server = HttpServer { _child: child, port };
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(r) = http.get(server.url("/health")).send().await
                && r.status().is_success()
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the HTTP server did not become healthy on port {port}");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub async fn client(&self) -> Client {
        let transport = StreamableHttpClientTransport::from_uri(self.url("/mcp"));
        ().serve(transport).await.expect("http initialize")
    }
}

pub async fn call(client: &Client, tool: &str, args: Value) -> CallToolResult {
    let mut params = CallToolRequestParams::new(tool.to_string());
    if let Value::Object(map) = args {
        params = params.with_arguments(map);
    }
    client.call_tool(params).await.unwrap_or_else(|e| panic!("{tool}: protocol error {e}"))
}

/// All text blocks of a result, joined.
pub fn text(result: &CallToolResult) -> String {
    result.content.iter().filter_map(|c| c.as_text().map(|t| t.text.clone())).collect::<Vec<_>>().join("\n")
}

/// Calls a tool that must succeed; returns its text.
pub async fn ok(client: &Client, tool: &str, args: Value) -> String {
    let r = call(client, tool, args).await;
    let t = text(&r);
    assert_ne!(r.is_error, Some(true), "{tool} failed: {t}");
    t
}

/// Calls a tool that must fail with a tool error; returns its text.
pub async fn err(client: &Client, tool: &str, args: Value) -> String {
    let r = call(client, tool, args).await;
    let t = text(&r);
    assert_eq!(r.is_error, Some(true), "{tool} should have failed, got: {t}");
    t
}

/// No request the binary made was rejected by Discovery validation.
pub fn assert_valid(sandbox: &SandboxHandle) {
    let bad: Vec<_> = sandbox.requests().into_iter().filter(|r| r.status == 400).collect();
    assert_eq!(sandbox.validation_failures(), 0, "Discovery validation failures: {bad:#?}");
}

/// The requests the sandbox logged for one Discovery method (`gmail.users.messages.send`), in order.
pub fn requests_for(sandbox: &SandboxHandle, method_id: &str) -> Vec<LoggedRequest> {
    sandbox.requests().into_iter().filter(|r| r.method_id.as_deref() == Some(method_id)).collect()
}

/// The values of every line of `text` that starts (after indentation and a list number) with `label`.
pub fn values_after(text: &str, label: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_start().trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start())
        .filter_map(|l| l.strip_prefix(label))
        .map(|v| v.trim().to_string())
        .collect()
}

/// `(message id, thread id)` of every message matching `query`, found through the binary's
/// search tool.
pub async fn find(client: &Client, query: &str) -> Vec<(String, String)> {
    let found = ok(client, "search_gmail_messages", serde_json::json!({"query": query, "page_size": 50})).await;
    let ids = values_after(&found, "Message ID: ");
    let threads = values_after(&found, "Thread ID: ");
    assert!(!ids.is_empty() && ids.len() == threads.len(), "no messages match {query}: {found}");
    ids.into_iter().zip(threads).collect()
}
