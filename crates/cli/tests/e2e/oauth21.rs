//! OAuth 2.1 mode (`MCP_ENABLE_OAUTH21=true`) on the sandbox: a client discovers the server,
//! registers, sends the browser through this server's consent page and the sandbox's Google
//! sign-in, exchanges the code, and calls tools with its bearer token over both protocol
//! revisions; the tools act for the signed-in account and offer no `user_google_email`.

use serde_json::{Value, json};

use crate::harness::{HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox};
use crate::oauth_client::{
    bearer_client, param, refresh, reply_json, search_succeeds, sign_in, sign_in_asking, stateless,
};

#[tokio::test]
async fn oauth21_signs_a_client_in_and_its_token_acts_for_the_user() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("MCP_ENABLE_OAUTH21", "true").env("WORKSPACE_MCP_HOST", "127.0.0.1").env("WORKSPACE_MCP_TOOLS", "gmail");
    let server = HttpServer::start(cmd).await;
    let (tokens, client_id) = sign_in(&server).await;
    let access = tokens["access_token"].as_str().unwrap();

    // A 2025-11-25 session with the bearer token.
    let client = bearer_client(&server, access).await;
    let tools = client.list_all_tools().await.unwrap();
    assert!(!tools.is_empty());
    for tool in &tools {
        let props = tool.input_schema.get("properties").cloned().unwrap_or_default();
        assert!(props.get("user_google_email").is_none(), "{} still offers user_google_email", tool.name);
    }
    assert!(tools.iter().all(|t| t.name != "start_google_auth"), "the client signs in itself");
    let found = ok(&client, "search_gmail_messages", json!({"query": "in:inbox"})).await;
    assert!(found.starts_with("Found ") && !found.starts_with("Found 0 "), "{found}");
    let refused = err(
        &client,
        "search_gmail_messages",
        json!({"query": "in:inbox", "user_google_email": "jordan.lee@example.com"}),
    )
    .await;
    assert!(refused.contains(USER), "{refused}");
    client.cancel().await.unwrap();

    // A stateless 2026-07-28 request: refused without the token, served with it.
    assert_eq!(stateless(&server, None, "tools/list", json!({})).await.status(), 401);
    search_succeeds(&server, access).await;

    // Refresh rotation: the new pair works, the old refresh token is spent and its reuse ends
    // the family, the new access token included.
    let first_refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    let r = refresh(&server, &first_refresh, &client_id).await;
    assert_eq!(r.status(), 200);
    let second: Value = r.json().await.unwrap();
    let new_access = second["access_token"].as_str().unwrap();
    assert_eq!(stateless(&server, Some(new_access), "tools/list", json!({})).await.status(), 200);
    let r = refresh(&server, &first_refresh, &client_id).await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_grant");
    assert_eq!(stateless(&server, Some(new_access), "tools/list", json!({})).await.status(), 401);
    assert_valid(&sb);
}

/// Step-up: the user leaves Gmail's send permission (and the broader ones covering it) unticked at Google, so the token covers
/// reading only; a send is answered 403 `insufficient_scope` naming the held scopes plus the
/// send scope, before the tool runs. A new authorization asking for exactly those scopes (the
/// user ticks everything this time) yields a token the send works with. The first sign-in asked
/// Google for the enabled tools' scopes only (Gmail's, no Drive).
#[tokio::test]
async fn oauth21_step_up_when_a_tool_needs_more_scopes() {
    const SEND: &str = "https://www.googleapis.com/auth/gmail.send";
    // Compose and modify cover sending too, so all three are left unticked.
    const COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
    const MODIFY: &str = "https://www.googleapis.com/auth/gmail.modify";
    let sb = sandbox().await;
    let consent = format!("{}/_sandbox/consent", sb.url_for("accounts.google.com"));
    let http = reqwest::Client::new();
    let r = http.post(&consent).json(&json!({"withhold": [SEND, COMPOSE, MODIFY]})).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("MCP_ENABLE_OAUTH21", "true").env("WORKSPACE_MCP_HOST", "127.0.0.1").env("WORKSPACE_MCP_TOOLS", "gmail");
    let server = HttpServer::start(cmd).await;

    let first = sign_in_asking(&server, None).await;
    let asked = param(&first.google_url, "scope").unwrap();
    assert!(asked.contains(SEND) && asked.contains("gmail.readonly"), "{asked}");
    assert!(!asked.contains("/auth/drive") && !asked.contains("/auth/calendar"), "only Gmail's scopes: {asked}");
    let granted = first.tokens["scope"].as_str().unwrap();
    assert!(!granted.contains(SEND) && !granted.contains(COMPOSE) && granted.contains("gmail.readonly"), "{granted}");
    let token = first.tokens["access_token"].as_str().unwrap();

    let send = json!({"name": "send_gmail_message",
        "arguments": {"to": "jordan.lee@example.com", "subject": "Step-up", "body": "Sent after the step-up."}});
    let r = stateless(&server, Some(token), "tools/call", send.clone()).await;
    assert_eq!(r.status(), 403);
    let challenge = r.headers()["www-authenticate"].to_str().unwrap().to_string();
    assert!(challenge.starts_with("Bearer error=\"insufficient_scope\""), "{challenge}");
    let metadata =
        format!("resource_metadata=\"http://localhost:{}/.well-known/oauth-protected-resource/mcp\"", server.port);
    assert!(challenge.contains(&metadata), "{challenge}");
    let wanted = challenge.split("scope=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    for s in granted.split_whitespace().chain([SEND]) {
        assert!(wanted.split(' ').any(|w| w == s), "{s} missing from the challenge {challenge}");
    }
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "insufficient_scope");
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty(), "the tool did not run");
    // What the token does cover still works.
    search_succeeds(&server, token).await;

    let r = http.post(&consent).json(&json!({"withhold": []})).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let second = sign_in_asking(&server, Some(&wanted)).await;
    let asked = param(&second.google_url, "scope").unwrap();
    assert!(asked.contains(SEND), "{asked}");
    let token = second.tokens["access_token"].as_str().unwrap();
    let r = stateless(&server, Some(token), "tools/call", send).await;
    assert_eq!(r.status(), 200);
    let reply = reply_json(r).await;
    assert_ne!(reply["result"]["isError"], true, "{reply}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.send").len(), 1);
    assert_valid(&sb);
}

/// With the disk backend and a fixed signing key, a sign-in outlives the process: after a
/// restart on the same address the access token is still accepted and the refresh token still
/// rotates, with no new sign-in; `/health/ready` names the backend.
#[tokio::test]
async fn oauth21_sign_in_survives_a_restart_with_disk_storage() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let port = crate::harness::free_port();
    let start = || {
        let mut cmd = command(&sb, home.path());
        cmd.env("MCP_ENABLE_OAUTH21", "true")
            .env("WORKSPACE_MCP_HOST", "127.0.0.1")
            .env("WORKSPACE_MCP_TOOLS", "gmail")
            .env("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", "disk")
            .env("WORKSPACE_MCP_OAUTH_PROXY_DISK_DIRECTORY", state.path())
            .env("FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY", "e2e-signing-key-e2e-signing-key-0123456789");
        HttpServer::start_on(cmd, port)
    };
    let server = start().await;
    let ready: Value = reqwest::get(server.url("/health/ready")).await.unwrap().json().await.unwrap();
    assert_eq!(ready["storage"], "disk", "{ready}");
    let (tokens, client_id) = sign_in(&server).await;
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_string();
    drop(server);
    // Wait until the old process has let go of the port.
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }

    let server = start().await;
    search_succeeds(&server, &access).await;
    let r = refresh(&server, &refresh_token, &client_id).await;
    assert_eq!(r.status(), 200, "the refresh token issued before the restart still rotates");
    let second: Value = r.json().await.unwrap();
    let new_access = second["access_token"].as_str().unwrap();
    assert_eq!(stateless(&server, Some(new_access), "tools/list", json!({})).await.status(), 200);
    assert_valid(&sb);
}
