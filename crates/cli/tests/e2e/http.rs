//! Streamable HTTP: plain routes, the DNS-rebinding guard, both protocol revisions.

use serde_json::{Value, json};

use crate::harness::{HttpServer, command, ok, sandbox};

#[tokio::test]
async fn health_is_the_reference_json_and_ready_checks_storage() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let http = reqwest::Client::new();
    let r = http.get(server.url("/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let body = r.text().await.unwrap();
    assert_eq!(
        body,
        format!(
            r#"{{"status":"healthy","service":"workspace-mcp","version":"{}","transport":"streamable-http"}}"#,
            env!("CARGO_PKG_VERSION")
        )
    );
    let ready: Value = http.get(server.url("/health/ready")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    let missing = http.get(server.url("/attachments/nope")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn foreign_origin_and_unknown_host_get_403() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_ALLOWED_HOSTS", "mcp.example.com");
    let server = HttpServer::start(cmd).await;
    let http = reqwest::Client::new();
    let init = initialize_body("2025-11-25");
    let post = |origin: Option<&str>, host: Option<&str>| {
        let mut req = http.post(server.url("/mcp")).header("accept", "application/json, text/event-stream").json(&init);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(h) = host {
            req = req.header("host", h);
        }
        req.send()
    };
    let r = post(Some("http://evil.example"), None).await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"error": "Origin not allowed"}));
    let r = post(None, Some("evil.example")).await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"error": "Host not allowed"}));
    assert_eq!(post(Some("http://localhost:5173"), None).await.unwrap().status(), 200);
    assert_eq!(post(Some("https://vscode.dev"), None).await.unwrap().status(), 200);
    assert_eq!(post(None, Some("mcp.example.com")).await.unwrap().status(), 200);
}

fn initialize_body(version: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}})
}

/// The JSON-RPC message inside an SSE or JSON reply.
async fn reply_json(r: reqwest::Response) -> Value {
    let text = r.text().await.unwrap();
    let data = text
        .lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .map(str::trim)
        .rfind(|d| !d.is_empty())
        .map(str::to_string);
    serde_json::from_str(&data.unwrap_or(text.clone())).unwrap_or_else(|e| panic!("not JSON-RPC ({e}): {text}"))
}

#[tokio::test]
async fn sessions_end_with_delete_and_stateless_requests_work() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_TOOLS", "gmail");
    let server = HttpServer::start(cmd).await;

    // rmcp's client over a 2025-11-25 session.
    let client = server.client().await;
    assert_eq!(client.list_all_tools().await.unwrap().len(), 15);
    let found = ok(&client, "search_gmail_messages", json!({"query": "from:priya.shah@example.com"})).await;
    assert!(!found.is_empty());
    client.cancel().await.unwrap();

    // The same revision by hand: initialize, DELETE, then the session is gone (404).
    let http = reqwest::Client::new();
    let r = http
        .post(server.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .json(&initialize_body("2025-11-25"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let session = r.headers().get("mcp-session-id").expect("session id").to_str().unwrap().to_string();
    let r = http.delete(server.url("/mcp")).header("mcp-session-id", &session).send().await.unwrap();
    assert!(r.status().is_success(), "DELETE gave {}", r.status());
    let r = http
        .post(server.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-session-id", &session)
        .header("mcp-protocol-version", "2025-11-25")
        .json(&json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // 2026-07-28: no session, every request stands alone.
    let meta = json!({"io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {}});
    let stateless = |method: &str, params: Value| {
        http.post(server.url("/mcp"))
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", "2026-07-28")
            .header("mcp-method", method)
            .json(&json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": params}))
            .send()
    };
    let r = stateless("server/discover", json!({"_meta": meta})).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("mcp-session-id").is_none());
    let discover = reply_json(r).await;
    assert!(discover["result"]["supportedVersions"].as_array().unwrap().contains(&json!("2026-07-28")), "{discover}");
    let r = stateless("tools/list", json!({"_meta": meta})).await.unwrap();
    assert_eq!(r.status(), 200);
    let list = reply_json(r).await;
    assert_eq!(list["result"]["tools"].as_array().map(Vec::len), Some(15), "{list}");
    crate::harness::assert_valid(&sb);
}
