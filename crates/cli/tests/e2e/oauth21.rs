//! OAuth 2.1 mode (`MCP_ENABLE_OAUTH21=true`) on the sandbox: a client discovers the server,
//! registers, sends the browser through this server's consent page and the sandbox's Google
//! sign-in, exchanges the code, and calls tools with its bearer token over both protocol
//! revisions; the tools act for the signed-in account and offer no `user_google_email`.

use reqwest::redirect::Policy;
use rmcp::ServiceExt as _;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::{HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox};

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const VERIFIER: &str = "e2e-verifier-e2e-verifier-e2e-verifier-e2e-verifier";

fn loopback(url: &str) -> String {
    url.replacen("http://localhost:", "http://127.0.0.1:", 1)
}

fn param(url: &str, name: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).unwrap_or_else(|e| panic!("{e}: {url}"));
    u.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn location(r: &reqwest::Response) -> String {
    assert!(r.status().is_redirection(), "expected a redirect, got {}", r.status());
    r.headers()["location"].to_str().unwrap().to_string()
}

fn form_field(page: &str, name: &str) -> String {
    let marker = format!("name={name} value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name} in {page}")) + marker.len();
    page[start..].split('"').next().unwrap().to_string()
}

/// Discovery, registration, consent, Google, callback, token: what an MCP client and its
/// user's browser do. Returns the token reply and the client id.
async fn sign_in(server: &HttpServer) -> (Value, String) {
    let done = sign_in_asking(server, None).await;
    (done.tokens, done.client_id)
}

struct SignedIn {
    tokens: Value,
    client_id: String,
    /// Where this server sent the browser at Google.
    google_url: String,
}

/// As [`sign_in`], asking `/authorize` for `scope` when given (a step-up).
async fn sign_in_asking(server: &HttpServer, scope: Option<&str>) -> SignedIn {
    let http = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let issuer = format!("http://localhost:{}", server.port);

    let r =
        http.post(server.url("/mcp")).json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"})).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let challenge = r.headers()["www-authenticate"].to_str().unwrap().to_string();
    let metadata_url = format!("{issuer}/.well-known/oauth-protected-resource/mcp");
    assert!(challenge.contains(&format!("resource_metadata=\"{metadata_url}\"")), "{challenge}");
    assert!(challenge.contains("gmail.readonly"), "{challenge}");

    let prm: Value = http.get(loopback(&metadata_url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(prm["resource"], format!("{issuer}/mcp"));
    assert_eq!(prm["authorization_servers"], json!([issuer]));
    let r = http.get(server.url("/.well-known/oauth-authorization-server")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store, must-revalidate");
    let meta: Value = r.json().await.unwrap();
    assert_eq!(meta["code_challenge_methods_supported"], json!(["S256"]));

    let reg: Value = http
        .post(loopback(meta["registration_endpoint"].as_str().unwrap()))
        .json(&json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none", "client_name": "e2e"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let client_id = reg["client_id"].as_str().unwrap().to_string();

    let challenge = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, Sha256::digest(VERIFIER));
    let mut authorize = reqwest::Url::parse(&loopback(meta["authorization_endpoint"].as_str().unwrap())).unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client_id)
        .append_pair("redirect_uri", REDIRECT)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("state", "e2e-state")
        .append_pair("resource", &format!("{issuer}/mcp"));
    if let Some(scope) = scope {
        authorize.query_pairs_mut().append_pair("scope", scope);
    }
    let consent_url = location(&http.get(authorize).send().await.unwrap());
    let page = http.get(loopback(&consent_url)).send().await.unwrap();
    let cookie = page.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let page = page.text().await.unwrap();
    assert!(page.contains("e2e") && page.contains("127.0.0.1"), "{page}");
    let form = [
        ("request", form_field(&page, "request")),
        ("csrf", form_field(&page, "csrf")),
        ("decision", "approve".into()),
    ];
    let approved = http.post(server.url("/consent")).header("cookie", cookie).form(&form).send().await.unwrap();
    let google = location(&approved);
    assert!(google.contains("/accounts.google.com/o/oauth2/auth?"), "{google}");
    let callback = location(&http.get(&google).send().await.unwrap());
    assert!(callback.starts_with(&format!("{issuer}/oauth2callback?")), "{callback}");
    let back = location(&http.get(loopback(&callback)).send().await.unwrap());
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(param(&back, "state").as_deref(), Some("e2e-state"));
    assert_eq!(param(&back, "iss").as_deref(), Some(issuer.as_str()));

    let r = http
        .post(server.url("/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &param(&back, "code").unwrap()),
            ("code_verifier", VERIFIER),
            ("client_id", &client_id),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    SignedIn { tokens: r.json().await.unwrap(), client_id, google_url: google }
}

async fn bearer_client(server: &HttpServer, token: &str) -> crate::harness::Client {
    let config = StreamableHttpClientTransportConfig::with_uri(server.url("/mcp")).auth_header(token);
    ().serve(StreamableHttpClientTransport::from_config(config)).await.expect("initialize with a bearer token")
}

/// A 2026-07-28 request: no session, the bearer token on the request itself.
async fn stateless(server: &HttpServer, token: Option<&str>, method: &str, params: Value) -> reqwest::Response {
    let meta = json!({"io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {}});
    let mut params = params;
    params["_meta"] = meta;
    let mut req = reqwest::Client::new()
        .post(server.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", method)
        .json(&json!({"jsonrpc": "2.0", "id": 3, "method": method, "params": params}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(name) = params["name"].as_str() {
        req = req.header("mcp-name", name);
    }
    req.send().await.unwrap()
}

async fn reply_json(r: reqwest::Response) -> Value {
    let text = r.text().await.unwrap();
    let data = text.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim).find(|d| !d.is_empty());
    serde_json::from_str(data.unwrap_or(&text)).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A stateless `search_gmail_messages` call with `token` that must succeed.
async fn search_succeeds(server: &HttpServer, token: &str) {
    let r = stateless(
        server,
        Some(token),
        "tools/call",
        json!({"name": "search_gmail_messages", "arguments": {"query": "in:inbox"}}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let reply = reply_json(r).await;
    assert_ne!(reply["result"]["isError"], true, "{reply}");
}

/// The `refresh_token` grant at `/token`.
async fn refresh(server: &HttpServer, token: &str, client_id: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(server.url("/token"))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", client_id)])
        .send()
        .await
        .unwrap()
}

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
