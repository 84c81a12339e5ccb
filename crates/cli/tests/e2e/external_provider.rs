//! `EXTERNAL_OAUTH21_PROVIDER`: the client brings Google access tokens it got itself (here from
//! the sandbox's Google sign-in and token endpoint); `/mcp` checks each at Google's tokeninfo,
//! caches the verdict briefly by the token's hash, and the tools act as the token's account
//! with the token. No authorization server runs: `/authorize`, `/register`, `/token` are 404,
//! and the protected-resource metadata names Google.

use std::process::Stdio;
use std::time::Duration;

use reqwest::redirect::Policy;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::SandboxHandle;

use crate::harness::{BIN, HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox};
use crate::oauth_client::{bearer_client, reply_json, search_succeeds, stateless};

/// The OAuth client the operator configured (`GOOGLE_OAUTH_CLIENT_ID`).
const OUR_CLIENT: &str = "e2e-app.apps.googleusercontent.com";
const READ: &str = "https://www.googleapis.com/auth/gmail.readonly";
const SEND: &str = "https://www.googleapis.com/auth/gmail.send";
const COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
const MODIFY: &str = "https://www.googleapis.com/auth/gmail.modify";

/// What the client does at Google: the browser's consent (the sandbox consents at once and
/// redirects with a code), then the code exchange. Returns the access token.
async fn google_token(sb: &SandboxHandle, client_id: &str, scope: &str) -> String {
    let http = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let mut url = reqwest::Url::parse(&format!("{}/o/oauth2/v2/auth", sb.url_for("accounts.google.com"))).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", "http://127.0.0.1:9/cb")
        .append_pair("response_type", "code")
        .append_pair("scope", scope);
    let r = http.get(url).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let location = reqwest::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let code = location.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let r = http
        .post(format!("{}/token", sb.url_for("oauth2.googleapis.com")))
        .form(&[("grant_type", "authorization_code"), ("code", &code), ("client_id", client_id)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

async fn revoke(sb: &SandboxHandle, token: &str) {
    let r = reqwest::Client::new()
        .post(format!("{}/revoke", sb.url_for("oauth2.googleapis.com")))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// How many times the sandbox's tokeninfo was asked about `token`.
fn tokeninfo_asks(sb: &SandboxHandle, token: &str) -> usize {
    sb.requests()
        .iter()
        .filter(|r| r.host == "oauth2.googleapis.com" && r.path == "/tokeninfo")
        .filter(|r| r.query.iter().any(|(k, v)| k == "access_token" && v == token))
        .count()
}

/// The binary in external-provider mode on the sandbox, Gmail only, checking tokens are minted
/// for [`OUR_CLIENT`]; `extra` adds or overrides variables.
async fn start(sb: &SandboxHandle, home: &std::path::Path, extra: &[(&str, &str)]) -> HttpServer {
    let mut cmd = command(sb, home);
    cmd.env("MCP_ENABLE_OAUTH21", "true")
        .env("EXTERNAL_OAUTH21_PROVIDER", "true")
        .env("GOOGLE_OAUTH_CLIENT_ID", OUR_CLIENT)
        .env("WORKSPACE_MCP_HOST", "127.0.0.1")
        .env("WORKSPACE_MCP_TOOLS", "gmail")
        .envs(extra.iter().copied());
    HttpServer::start(cmd).await
}

fn challenge(r: &reqwest::Response) -> String {
    r.headers()["www-authenticate"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn external_provider_takes_google_tokens_and_acts_as_their_account() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = start(&sb, home.path(), &[]).await;
    let http = reqwest::Client::new();
    let metadata_url = format!("http://localhost:{}/.well-known/oauth-protected-resource/mcp", server.port);

    // No token: 401 pointing at the metadata, which names Google as the authorization server.
    let r = stateless(&server, None, "tools/list", json!({})).await;
    assert_eq!(r.status(), 401);
    let c = challenge(&r);
    assert!(c.starts_with("Bearer ") && c.contains(&format!("resource_metadata=\"{metadata_url}\"")), "{c}");
    assert!(!c.contains("error="), "no token sent, so no error code: {c}");
    let prm: Value =
        http.get(server.url("/.well-known/oauth-protected-resource/mcp")).send().await.unwrap().json().await.unwrap();
    assert_eq!(prm["authorization_servers"], json!(["https://accounts.google.com"]));
    assert_eq!(prm["resource"], format!("http://localhost:{}/mcp", server.port));
    assert!(prm["scopes_supported"].as_array().unwrap().iter().any(|s| s == READ), "{prm}");
    // No authorization server of our own.
    for (method, path) in [
        ("GET", "/authorize"),
        ("POST", "/register"),
        ("POST", "/token"),
        ("GET", "/consent"),
        ("GET", "/.well-known/oauth-authorization-server"),
        ("GET", "/oauth2callback"),
    ] {
        let r = http.request(method.parse().unwrap(), server.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{method} {path}");
    }
    assert_eq!(http.get(server.url("/health")).send().await.unwrap().status(), 200);

    // A valid token, over a 2025-11-25 session: no user_google_email, no sign-in tool, and the
    // tools act for the token's account.
    let token = google_token(&sb, OUR_CLIENT, &format!("openid email {READ}")).await;
    let client = bearer_client(&server, &token).await;
    let tools = client.list_all_tools().await.unwrap();
    assert!(tools.iter().any(|t| t.name == "search_gmail_messages"));
    for tool in &tools {
        let props = tool.input_schema.get("properties").cloned().unwrap_or_default();
        assert!(props.get("user_google_email").is_none(), "{} still offers user_google_email", tool.name);
    }
    assert!(tools.iter().all(|t| t.name != "start_google_auth"));
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
    // The app-wide credential source of this mode has no token and refuses, so these calls
    // reached Gmail with the request's own token.
    assert!(!requests_for(&sb, "gmail.users.messages.list").is_empty());

    // A 2026-07-28 stateless request with a fresh token; two calls cost one tokeninfo request.
    let fresh = google_token(&sb, OUR_CLIENT, &format!("openid email {READ}")).await;
    search_succeeds(&server, &fresh).await;
    search_succeeds(&server, &fresh).await;
    assert_eq!(tokeninfo_asks(&sb, &fresh), 1, "the second call was served from the cache");

    // Within the cache bound (60 s by default) a revoked token still passes: the price of
    // sparing Google a round trip per request, bounded by the TTL.
    revoke(&sb, &fresh).await;
    search_succeeds(&server, &fresh).await;
    assert_eq!(tokeninfo_asks(&sb, &fresh), 1);
    assert_valid(&sb);
}

#[tokio::test]
async fn external_provider_refuses_bad_revoked_and_foreign_tokens() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    // A one-second cache, so revocation must be noticed one second later.
    let server = start(&sb, home.path(), &[("WORKSPACE_MCP_TOKEN_VALIDATION_CACHE_TTL", "1")]).await;
    let scope = format!("openid email {READ}");
    let invalid = |r: &reqwest::Response| {
        let c = challenge(r);
        assert!(c.contains("error=\"invalid_token\"") && c.contains("resource_metadata=\""), "{c}");
    };

    for garbage in ["ya29.not-a-real-token", "sbx-at-forged.token", &"x".repeat(5000)] {
        let r = stateless(&server, Some(garbage), "tools/list", json!({})).await;
        assert_eq!(r.status(), 401, "{garbage:.20}");
        invalid(&r);
        assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_token");
    }
    assert_eq!(tokeninfo_asks(&sb, &"x".repeat(5000)), 0, "an overlong token is refused without asking Google");

    // A token the user gave another app: Google accepts it, this server must not.
    let foreign = google_token(&sb, "other-app.apps.googleusercontent.com", &scope).await;
    let r = stateless(&server, Some(&foreign), "tools/list", json!({})).await;
    assert_eq!(r.status(), 401);
    invalid(&r);
    assert!(challenge(&r).contains("another OAuth client"), "{}", challenge(&r));

    // A token that names no account (no email scope).
    let anonymous = google_token(&sb, OUR_CLIENT, READ).await;
    let r = stateless(&server, Some(&anonymous), "tools/list", json!({})).await;
    assert_eq!(r.status(), 401);
    invalid(&r);

    // Google unreachable (503 once): 503 `temporarily_unavailable`, not 401 (the token may be
    // fine), and nothing cached: the next request asks again and passes.
    let token = google_token(&sb, OUR_CLIENT, &scope).await;
    sb.inject(wsmcp_sandbox_kit::Fault::status("oauth2.googleapis.com/tokeninfo", 503).times(1));
    let r = stateless(&server, Some(&token), "tools/list", json!({})).await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "temporarily_unavailable");
    assert_eq!(stateless(&server, Some(&token), "tools/list", json!({})).await.status(), 200);

    // Revoked before its first use: refused at once.
    let revoked = google_token(&sb, OUR_CLIENT, &scope).await;
    revoke(&sb, &revoked).await;
    assert_eq!(stateless(&server, Some(&revoked), "tools/list", json!({})).await.status(), 401);

    // Revoked after use: refused once the cache entry (1 s) has run out.
    let token = google_token(&sb, OUR_CLIENT, &scope).await;
    search_succeeds(&server, &token).await;
    revoke(&sb, &token).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = stateless(&server, Some(&token), "tools/list", json!({})).await;
    assert_eq!(r.status(), 401);
    invalid(&r);
    assert_eq!(tokeninfo_asks(&sb, &token), 2);
    assert_valid(&sb);
}

/// The token's granted scopes decide: read-only Gmail cannot send, and the 403 names the
/// scopes to ask Google for; the tool does not run.
#[tokio::test]
async fn external_provider_steps_up_when_the_token_lacks_a_scope() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = start(&sb, home.path(), &[]).await;
    let token = google_token(&sb, OUR_CLIENT, &format!("openid email {READ}")).await;
    let send = json!({"name": "send_gmail_message",
        "arguments": {"to": "jordan.lee@example.com", "subject": "Step-up", "body": "Needs gmail.send."}});
    let r = stateless(&server, Some(&token), "tools/call", send.clone()).await;
    assert_eq!(r.status(), 403);
    let c = challenge(&r);
    assert!(c.starts_with("Bearer error=\"insufficient_scope\""), "{c}");
    assert!(c.contains(READ) && c.contains(SEND) && c.contains("resource_metadata=\""), "{c}");
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "insufficient_scope");
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty(), "the tool did not run");

    // A token with the send scope works.
    let wider = google_token(&sb, OUR_CLIENT, &format!("openid email {READ} {SEND} {COMPOSE} {MODIFY}")).await;
    let r = stateless(&server, Some(&wider), "tools/call", send).await;
    assert_eq!(r.status(), 200);
    let reply = reply_json(r).await;
    assert_ne!(reply["result"]["isError"], true, "{reply}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.send").len(), 1);
    assert_valid(&sb);
}

/// With stateless mode: no sessions, nothing written under HOME, tokens still checked.
#[tokio::test]
async fn external_provider_runs_stateless() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = start(&sb, home.path(), &[("WORKSPACE_MCP_STATELESS_MODE", "true")]).await;
    let token = google_token(&sb, OUR_CLIENT, &format!("openid email {READ}")).await;
    search_succeeds(&server, &token).await;
    let client = bearer_client(&server, &token).await;
    let found = ok(&client, "search_gmail_messages", json!({"query": "in:inbox"})).await;
    assert!(found.starts_with("Found "), "{found}");
    client.cancel().await.unwrap();
    assert_eq!(stateless(&server, Some("ya29.bad"), "tools/list", json!({})).await.status(), 401);
    let ready: Value = reqwest::get(server.url("/health/ready")).await.unwrap().json().await.unwrap();
    assert_eq!((ready["status"].as_str(), ready["storage"].as_str()), (Some("ready"), Some("none")), "{ready}");
    let written: Vec<_> = std::fs::read_dir(home.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(written.is_empty(), "stateless external mode wrote {written:?}");
    assert_valid(&sb);
}

#[tokio::test]
async fn external_provider_needs_oauth21() {
    let home = tempfile::tempdir().unwrap();
    for oauth21 in [None, Some("false")] {
        let mut cmd = tokio::process::Command::new(BIN);
        cmd.args(["--sandbox", "--transport", "streamable-http"])
            .env_clear()
            .env("HOME", home.path())
            .env("PORT", crate::harness::free_port().to_string())
            .env("EXTERNAL_OAUTH21_PROVIDER", "true")
            .envs(oauth21.map(|v| ("MCP_ENABLE_OAUTH21", v)))
            .stdin(Stdio::null());
        let out = cmd.output().await.unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("EXTERNAL_OAUTH21_PROVIDER needs MCP_ENABLE_OAUTH21=true"), "{stderr}");
    }
}

/// Real mode as a corporate network runs it: tokeninfo and Gmail are reached at Google's host
/// names through the CONNECT proxy (`HTTPS_PROXY`) over TLS signed by a private CA
/// (`SSL_CERT_FILE`), and Gmail receives exactly the client's token.
#[tokio::test]
async fn external_provider_checks_tokens_at_google_through_the_proxy() {
    let google = crate::tls_proxy::GoogleOverTls::start().await;
    let browser = google.browser();
    let client_id = "test-client.apps.googleusercontent.com";
    let mut auth = reqwest::Url::parse("https://accounts.google.com/o/oauth2/v2/auth").unwrap();
    auth.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", "http://127.0.0.1:9/cb")
        .append_pair("response_type", "code")
        .append_pair("scope", &format!("openid email {READ}"));
    let r = browser.get(auth).send().await.unwrap();
    let location = reqwest::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let code = location.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let r = browser
        .post("https://oauth2.googleapis.com/token")
        .form(&[("grant_type", "authorization_code"), ("code", &code), ("client_id", client_id)])
        .send()
        .await
        .unwrap();
    let token = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();

    let home = tempfile::tempdir().unwrap();
    let mut cmd = crate::real_mode::real_command(&google, home.path());
    cmd.env("MCP_ENABLE_OAUTH21", "true")
        .env("EXTERNAL_OAUTH21_PROVIDER", "true")
        .env("WORKSPACE_MCP_HOST", "127.0.0.1");
    let server = HttpServer::start(cmd).await;
    search_succeeds(&server, &token).await;
    assert_eq!(google.seen("oauth2.googleapis.com", "/tokeninfo").len(), 1);
    let gmail = google.gmail_requests();
    assert!(!gmail.is_empty());
    assert!(gmail.iter().all(|r| r.bearer.as_deref() == Some(token.as_str())), "{gmail:?}");
    assert!(google.net().connects.iter().any(|h| h.starts_with("oauth2.googleapis.com")), "{:?}", google.net());
    assert_eq!(stateless(&server, Some("ya29.unknown"), "tools/list", json!({})).await.status(), 401);
}

/// Token checks at Google are capped (`WORKSPACE_MCP_TOKEN_VALIDATION_WORKERS`), so a burst of
/// new tokens cannot open unbounded requests to Google: with one slot, two slow checks run one
/// after the other.
#[tokio::test]
async fn external_provider_caps_concurrent_checks_at_google() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = start(&sb, home.path(), &[("WORKSPACE_MCP_TOKEN_VALIDATION_WORKERS", "1")]).await;
    let scope = format!("openid email {READ}");
    let (a, b) = (google_token(&sb, OUR_CLIENT, &scope).await, google_token(&sb, OUR_CLIENT, &scope).await);
    sb.inject(wsmcp_sandbox_kit::Fault::delay("oauth2.googleapis.com/tokeninfo", 400).times(2));
    let started = std::time::Instant::now();
    let (ra, rb) = tokio::join!(
        stateless(&server, Some(&a), "tools/list", json!({})),
        stateless(&server, Some(&b), "tools/list", json!({}))
    );
    assert_eq!((ra.status().as_u16(), rb.status().as_u16()), (200, 200));
    assert!(started.elapsed() >= Duration::from_millis(800), "the checks overlapped: {:?}", started.elapsed());
}
