//! Real (non-sandbox) mode as a corporate network runs it: every Google call, the OAuth code
//! exchange and userinfo included, goes through an HTTPS CONNECT proxy (`HTTPS_PROXY`) to a
//! TLS endpoint signed by a private CA (`SSL_CERT_FILE`); the binary is started with real
//! Google host names and a real-looking OAuth client, and never learns a sandbox exists.
//! On a local server one sign-in serves every later session, stateless request and restart; on
//! an exposed server an HTTP session bound to one account must never act as another stored one.

use std::collections::{BTreeSet, HashMap};
use std::process::Stdio;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::{BIN, HttpServer, USER, call, err, free_port, ok, stdio_client, text};
use crate::tls_proxy::{GOOGLE_HOSTS, GoogleOverTls};

const CLIENT_ID: &str = "test-client.apps.googleusercontent.com";
const CLIENT_SECRET: &str = "test-secret";
const OTHER_USER: &str = "jordan.lee@example.com";
const GMAIL: &str = "gmail.googleapis.com";
const TOKEN_HOST: &str = "oauth2.googleapis.com";
const USERINFO_HOST: &str = "www.googleapis.com";
const ACCOUNTS: &str = "accounts.google.com";
pub(crate) const AUTH_URL: &str = "https://accounts.google.com/o/oauth2/auth?";
const GMAIL_SCOPES: [&str; 6] = [
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.send",
    "https://www.googleapis.com/auth/gmail.compose",
    "https://www.googleapis.com/auth/gmail.modify",
    "https://www.googleapis.com/auth/gmail.labels",
    "https://www.googleapis.com/auth/gmail.settings.basic",
];
const IDENTITY_SCOPES: [&str; 3] =
    ["openid", "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile"];

/// The binary in real mode: a private home, only the variables a corporate deployment sets,
/// no Google base-URL override (so it calls the real host names) and no sandbox.
pub(crate) fn real_command(google: &GoogleOverTls, home: &std::path::Path) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("GOOGLE_OAUTH_CLIENT_ID", CLIENT_ID)
        .env("GOOGLE_OAUTH_CLIENT_SECRET", CLIENT_SECRET)
        .env("WORKSPACE_MCP_SANDBOX", "false")
        // Gmail only, so the consent link's scopes can be checked exactly.
        .env("WORKSPACE_MCP_TOOLS", "gmail")
        .env("HTTPS_PROXY", google.proxy_url())
        .env("SSL_CERT_FILE", &google.ca_file)
        .env("WORKSPACE_MCP_CREDENTIALS_DIR", home.join("credentials"))
        // The level users run with, so scripts/check-log-secrets.sh sees what they would log.
        .env("WORKSPACE_MCP_LOG_LEVEL", "info")
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd
}

pub(crate) fn query(url: &str) -> HashMap<String, String> {
    let u = reqwest::Url::parse(url).unwrap_or_else(|e| panic!("not a URL ({e}): {url}"));
    u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// The Google sign-in link inside a tool's "ACTION REQUIRED" text.
pub(crate) fn sign_in_link(text: &str) -> String {
    let start = text.find(AUTH_URL).unwrap_or_else(|| panic!("no {AUTH_URL} link in: {text}"));
    text[start..].split_whitespace().next().unwrap_or_default().to_string()
}

/// Plays the browser: opens the consent link (through the proxy; the emulated consent screen
/// answers at once with a redirect), then follows the redirect to the binary's callback.
/// Returns (the callback URL, the page it rendered).
pub(crate) async fn consent(google: &GoogleOverTls, link: &str) -> (String, String) {
    let browser = google.browser();
    let r = browser.get(link).send().await.expect("consent screen");
    assert!(r.status().is_redirection(), "consent answered {}: {:?}", r.status(), r.text().await);
    let callback = r.headers()["location"].to_str().expect("location").to_string();
    let page = browser.get(&callback).send().await.expect("callback").text().await.expect("callback page");
    (callback, page)
}

/// Signs `client`'s session in as `user`: a tool call that needs the account returns the link,
/// the browser consents, the callback page says so. Returns the sign-in link.
async fn sign_in(google: &GoogleOverTls, server: &HttpServer, client: &crate::harness::Client, user: &str) -> String {
    let e = err(client, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": user})).await;
    let link = sign_in_link(&e);
    assert_eq!(query(&link).get("login_hint").map(String::as_str), Some(user), "{link}");
    let (callback, page) = consent(google, &link).await;
    assert!(callback.starts_with(&format!("http://localhost:{}/oauth2callback?", server.port)), "{callback}");
    assert!(page.contains("Signed in") && page.contains(user), "{page}");
    link
}

/// Asks the userinfo endpoint (as a browser would) whose token this is.
pub(crate) async fn owner_of(google: &GoogleOverTls, token: &str) -> String {
    let info: Value = google
        .browser()
        .get("https://www.googleapis.com/oauth2/v2/userinfo")
        .bearer_auth(token)
        .send()
        .await
        .expect("userinfo")
        .json()
        .await
        .expect("userinfo JSON");
    info["email"].as_str().unwrap_or_default().to_string()
}

pub(crate) fn last_gmail_bearer(google: &GoogleOverTls) -> String {
    google.gmail_requests().last().and_then(|r| r.bearer.clone()).expect("a Gmail request with a bearer token")
}

pub(crate) fn assert_found(found: &str) {
    assert!(found.starts_with("Found ") && !found.starts_with("Found 0 "), "{found}");
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// The encrypted token files (`*.enc`) in the credentials directory.
fn token_files(home: &std::path::Path) -> Vec<std::path::PathBuf> {
    let dir = home.join("credentials");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "enc"))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn real_mode_goes_through_the_proxy_with_the_corporate_ca_and_survives_a_restart() {
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(real_command(&google, home.path())).await;
    let client = server.client().await;

    // Real mode: no default account, so every tool asks for one.
    let tools = client.list_all_tools().await.unwrap();
    let search = tools.iter().find(|t| t.name == "search_gmail_messages").expect("search tool");
    let required = search.input_schema.get("required").cloned().unwrap_or(json!([]));
    assert!(required.as_array().unwrap().contains(&json!("user_google_email")), "{required}");

    // 1. Not signed in: the tool fails with a Google sign-in link, and nothing left the machine.
    let args = json!({"query": "from:priya.shah@example.com", "user_google_email": USER});
    let e = err(&client, "search_gmail_messages", args.clone()).await;
    assert!(e.contains("ACTION REQUIRED"), "{e}");
    let link = sign_in_link(&e);
    let q = query(&link);
    let expected_redirect = format!("http://localhost:{}/oauth2callback", server.port);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["redirect_uri"], expected_redirect);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["code_challenge"].len(), 43, "base64url of a SHA-256: {link}");
    assert_eq!(q["access_type"], "offline");
    assert_eq!(q["login_hint"], USER);
    assert!(q["state"].len() >= 32, "{link}");
    let scopes: BTreeSet<&str> = q["scope"].split(' ').collect();
    assert!(scopes.contains(GMAIL_SCOPES[0]) && scopes.contains("openid"), "{scopes:?}");
    let foreign: Vec<_> = scopes.iter().filter(|s| !GMAIL_SCOPES.contains(s) && !IDENTITY_SCOPES.contains(s)).collect();
    assert!(foreign.is_empty(), "scopes of tools that are not enabled: {foreign:?}");
    assert!(google.net().connects.is_empty(), "no Google call before consent: {:?}", google.net());

    // 2. The browser consents; the binary exchanges the code and asks who signed in.
    let (callback, page) = consent(&google, &link).await;
    let cb = query(&callback);
    assert!(callback.starts_with(&format!("{expected_redirect}?")), "{callback}");
    assert_eq!(cb["state"], q["state"]);
    assert!(page.contains("Signed in") && page.contains(USER), "{page}");
    assert!(!page.contains("sbx-at-") && !page.contains("sbx-rt-"), "the page must not show tokens: {page}");

    let exchanges = google.seen(TOKEN_HOST, "/token");
    assert_eq!(exchanges.len(), 1, "{exchanges:#?}");
    let exchange = &exchanges[0];
    assert_eq!(exchange.method, "POST");
    assert_eq!(exchange.form_value("grant_type"), Some("authorization_code"));
    assert_eq!(exchange.form_value("code"), Some(cb["code"].as_str()));
    assert_eq!(exchange.form_value("redirect_uri"), Some(expected_redirect.as_str()));
    assert_eq!(exchange.form_value("client_id"), Some(CLIENT_ID));
    assert_eq!(exchange.form_value("client_secret"), Some(CLIENT_SECRET));
    let verifier = exchange.form_value("code_verifier").expect("PKCE verifier");
    assert_eq!(
        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())),
        q["code_challenge"],
        "S256(verifier) = challenge"
    );
    let userinfo = google.seen(USERINFO_HOST, "/oauth2/v2/userinfo");
    assert_eq!(userinfo.len(), 1, "{userinfo:#?}");
    let access = userinfo[0].bearer.clone().expect("userinfo is called with the new access token");
    assert!(access.starts_with("sbx-at-"), "{access}");

    // 3. The same session now gets real results, with the token it just obtained.
    let found = ok(&client, "search_gmail_messages", args.clone()).await;
    assert_found(&found);
    let gmail = google.gmail_requests();
    assert!(!gmail.is_empty() && gmail.iter().all(|r| r.bearer.as_deref() == Some(access.as_str())), "{gmail:#?}");
    assert!(gmail.iter().any(|r| r.path == "/gmail/v1/users/me/messages"), "{gmail:#?}");

    // The sandbox (behind TLS) logged the exchange, userinfo and the Gmail calls, all valid.
    let logged = google.sandbox.requests();
    let has = |host: &str, path: &str| logged.iter().any(|r| r.host == host && r.path == path && r.status == 200);
    assert!(
        has(TOKEN_HOST, "/token")
            && has(USERINFO_HOST, "/oauth2/v2/userinfo")
            && has(GMAIL, "/gmail/v1/users/me/messages"),
        "{logged:#?}"
    );
    assert_eq!(google.sandbox.validation_failures(), 0, "{logged:#?}");

    // Every byte went through the proxy: each TLS handshake came from a tunnel, named the
    // host the tunnel was opened for, and the binary never sent plain HTTP to the proxy.
    let net = google.net();
    let hosts: BTreeSet<&str> = net.connects.iter().map(String::as_str).collect();
    assert_eq!(hosts, BTreeSet::from([GMAIL, TOKEN_HOST, USERINFO_HOST, ACCOUNTS]), "{net:#?}");
    assert!(net.refused.is_empty(), "{net:#?}");
    assert_eq!(net.tls_accepted, net.connects.len(), "a TLS connection bypassed the proxy: {net:#?}");
    let (mut sni, mut tunnels) = (net.sni.clone(), net.connects.clone());
    sni.sort();
    tunnels.sort();
    assert_eq!(sni, tunnels, "{net:#?}");
    assert!(net.requests.iter().all(|r| hosts.contains(r.host.as_str())), "{net:#?}");

    // 4. The token at rest: one encrypted file, owner-only, no token or field name in clear.
    let files = token_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).unwrap();
    let clear = String::from_utf8_lossy(&bytes);
    for needle in [access.as_str(), "sbx-at-", "sbx-rt-", "refresh_token", "access_token", CLIENT_ID] {
        assert!(!clear.contains(needle), "the token file holds {needle:?} in clear");
    }
    #[cfg(unix)]
    {
        assert_eq!(mode(&files[0]), 0o600, "{}", files[0].display());
        assert_eq!(mode(&home.path().join("credentials")), 0o700);
    }
    client.cancel().await.unwrap();
    drop(server);

    // 5. Restart under stdio (the local user owns the credentials): no new sign-in, no new
    // code exchange, the stored access token is used as is, again through the proxy.
    let tunnels_before = google.net().connects.len();
    let mut cmd = real_command(&google, home.path());
    cmd.env("PORT", free_port().to_string());
    let stdio = stdio_client(cmd).await;
    let found = ok(&stdio, "search_gmail_messages", args.clone()).await;
    assert_found(&found);
    assert_eq!(google.seen(TOKEN_HOST, "/token").len(), 1, "no new token request after a restart");
    assert_eq!(last_gmail_bearer(&google), access, "the stored token is reused");
    let net = google.net();
    assert!(
        net.connects.len() > tunnels_before && net.connects[tunnels_before..].iter().all(|h| h == GMAIL),
        "{net:#?}"
    );
    assert_eq!(net.tls_accepted, net.connects.len(), "{net:#?}");
    stdio.cancel().await.unwrap();

    // 6. Restart over HTTP with the account configured as the default: a fresh session
    // without a sign-in may use it, and user_google_email may be omitted.
    let mut cmd = real_command(&google, home.path());
    cmd.env("USER_GOOGLE_EMAIL", USER);
    let server = HttpServer::start(cmd).await;
    let client = server.client().await;
    let found = ok(&client, "search_gmail_messages", json!({"query": "from:priya.shah@example.com"})).await;
    assert_found(&found);
    assert_eq!(google.seen(TOKEN_HOST, "/token").len(), 1);
    assert_eq!(last_gmail_bearer(&google), access);
    client.cancel().await.unwrap();

    // The proxy refuses what it should: plain HTTP is a 403, not a silent pass-through.
    let plain = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(google.proxy_url()).unwrap())
        .build()
        .unwrap()
        .get("http://gmail.googleapis.com/gmail/v1/users/me/profile")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 403);
    assert_eq!(google.net().refused.len(), 1, "{:#?}", google.net());
    assert_eq!(google.sandbox.validation_failures(), 0);
}

#[tokio::test]
async fn without_the_corporate_ca_the_sign_in_fails_and_names_the_certificate() {
    // The negative control of the test above: the same network, but the binary is not told
    // about the test CA, so the TLS endpoint behind the proxy is untrusted.
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = real_command(&google, home.path());
    cmd.env_remove("SSL_CERT_FILE");
    let server = HttpServer::start(cmd).await;
    let client = server.client().await;
    let e = err(&client, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": USER})).await;
    let (_, page) = consent(&google, &sign_in_link(&e)).await;
    assert!(page.contains("Sign-in failed") && page.contains("oauth2.googleapis.com/token"), "{page}");
    assert!(page.to_lowercase().contains("certificate"), "the cause must be named: {page}");
    // It did use the proxy; the token endpoint was never reached, nothing was stored.
    assert!(google.net().connects.iter().any(|h| h == TOKEN_HOST), "{:#?}", google.net());
    assert!(google.seen(TOKEN_HOST, "/token").is_empty());
    assert!(token_files(home.path()).is_empty());
    let e = err(&client, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": USER})).await;
    assert!(e.contains(AUTH_URL), "{e}");
    client.cancel().await.unwrap();
}

/// The JSON-RPC message inside an SSE or JSON reply.
async fn reply_json(r: reqwest::Response) -> Value {
    let body = r.text().await.unwrap();
    let data = body.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim).rfind(|d| !d.is_empty());
    serde_json::from_str(data.unwrap_or(&body)).unwrap_or_else(|e| panic!("not JSON-RPC ({e}): {body}"))
}

/// The text of a JSON-RPC `tools/call` reply, and whether it is an error result.
fn reply_text(reply: &Value) -> (bool, String) {
    let result = &reply["result"];
    assert!(result.is_object(), "not a tool result: {reply}");
    (result["isError"] == true, result["content"][0]["text"].as_str().unwrap_or_default().to_string())
}

/// A `tools/call` of the 2026-07-28 revision: no session, the request stands alone. A client
/// may still send an `mcp-session-id` header of its choosing.
async fn stateless_call(server: &HttpServer, session_header: Option<&str>, tool: &str, args: Value) -> Value {
    let meta = json!({"io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {}});
    let mut req = reqwest::Client::new()
        .post(server.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", "tools/call")
        .header("mcp-name", tool)
        .json(&json!({"jsonrpc": "2.0", "id": 9, "method": "tools/call",
            "params": {"name": tool, "arguments": args, "_meta": meta}}));
    if let Some(id) = session_header {
        req = req.header("mcp-session-id", id);
    }
    reply_json(req.send().await.expect("stateless call")).await
}

/// A 2025-11-25 session driven by hand, so the test knows its session id.
struct RawSession {
    http: reqwest::Client,
    url: String,
    id: String,
}

impl RawSession {
    async fn open(server: &HttpServer) -> RawSession {
        let http = reqwest::Client::new();
        let url = server.url("/mcp");
        let r = http
            .post(&url)
            .header("accept", "application/json, text/event-stream")
            .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e-raw", "version": "1"}}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let id = r.headers()["mcp-session-id"].to_str().unwrap().to_string();
        let session = RawSession { http, url, id };
        let r = session.post(json!({"jsonrpc": "2.0", "method": "notifications/initialized"})).await;
        assert!(r.status().is_success(), "initialized: {}", r.status());
        session
    }

    fn post(&self, body: Value) -> impl std::future::Future<Output = reqwest::Response> + '_ {
        let req = self
            .http
            .post(&self.url)
            .header("accept", "application/json, text/event-stream")
            .header("mcp-session-id", &self.id)
            .header("mcp-protocol-version", "2025-11-25")
            .json(&body);
        async move { req.send().await.expect("session request") }
    }

    async fn call(&self, tool: &str, args: Value) -> (bool, String) {
        let r = self
            .post(
                json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": tool, "arguments": args}}),
            )
            .await;
        reply_text(&reply_json(r).await)
    }

    async fn close(&self) {
        let r = self.http.delete(&self.url).header("mcp-session-id", &self.id).send().await.unwrap();
        assert!(r.status().is_success(), "DELETE gave {}", r.status());
    }
}

#[tokio::test]
async fn an_exposed_server_never_lets_a_session_act_as_another_stored_account() {
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start_exposed(real_command(&google, home.path())).await;

    // Session A signs in as alex, session B as jordan: two accounts in one credentials dir.
    let a = server.client().await;
    sign_in(&google, &server, &a, USER).await;
    assert_found(&ok(&a, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": USER})).await);
    let alex_token = last_gmail_bearer(&google);
    let b = server.client().await;
    sign_in(&google, &server, &b, OTHER_USER).await;
    ok(&b, "list_gmail_labels", json!({"user_google_email": OTHER_USER})).await;
    let jordan_token = last_gmail_bearer(&google);
    assert_ne!(alex_token, jordan_token);
    // Each session's Google calls carried its own account's token.
    assert_eq!(owner_of(&google, &alex_token).await, USER);
    assert_eq!(owner_of(&google, &jordan_token).await, OTHER_USER);
    assert_eq!(token_files(home.path()).len(), 2);

    let gmail_calls = google.gmail_requests().len();
    let exchanges = google.seen(TOKEN_HOST, "/token").len();

    // A may not act as jordan, nor B as alex, whatever the tool: a refusal, not data.
    for (session, other) in [(&a, OTHER_USER), (&b, USER)] {
        for (tool, extra) in [("search_gmail_messages", json!({"query": "in:inbox"})), ("list_gmail_labels", json!({}))]
        {
            let mut args = extra.clone();
            args["user_google_email"] = json!(other);
            let e = err(session, tool, args).await;
            assert!(e.contains("Refused") && e.contains(&format!("cannot act as {other}")), "{tool}: {e}");
            assert!(!e.contains(AUTH_URL), "a bound session is refused, not offered a sign-in: {e}");
        }
    }

    // A fresh session C, never signed in, gets a sign-in link for either account, not data,
    // and is told why although the account is stored.
    let c = server.client().await;
    for user in [USER, OTHER_USER] {
        let e = err(&c, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": user})).await;
        assert_eq!(query(&sign_in_link(&e)).get("login_hint").map(String::as_str), Some(user), "{e}");
        assert!(e.contains("reachable from other machines") && e.contains("USER_GOOGLE_EMAIL"), "{e}");
    }
    // Nor does a sessionless (2026-07-28) request.
    let search_alex = json!({"query": "in:inbox", "user_google_email": USER});
    let (is_error, t) = reply_text(&stateless_call(&server, None, "search_gmail_messages", search_alex.clone()).await);
    assert!(is_error && t.contains(AUTH_URL), "{t}");
    assert_eq!(google.gmail_requests().len(), gmail_calls, "refused calls reached Gmail");

    // A sessionless request naming a signed-in session's id does not inherit its account,
    // neither while that session is open nor after it ended.
    let e = RawSession::open(&server).await;
    let (is_error, t) = e.call("search_gmail_messages", search_alex.clone()).await;
    assert!(is_error, "{t}");
    let (_, page) = consent(&google, &sign_in_link(&t)).await;
    assert!(page.contains("Signed in"), "{page}");
    let (is_error, t) = e.call("search_gmail_messages", search_alex.clone()).await;
    assert!(!is_error && t.starts_with("Found "), "{t}");
    let gmail_calls = google.gmail_requests().len();
    let (is_error, t) =
        reply_text(&stateless_call(&server, Some(&e.id), "search_gmail_messages", search_alex.clone()).await);
    assert!(is_error && t.contains(AUTH_URL), "a stateless request borrowed a session's account: {t}");
    e.close().await;
    let (is_error, t) =
        reply_text(&stateless_call(&server, Some(&e.id), "search_gmail_messages", search_alex.clone()).await);
    assert!(is_error && t.contains(AUTH_URL), "an ended session's account leaked: {t}");
    let exchanges = exchanges + 1;

    // Session D asks to sign in as jordan but the browser signs in as alex: the sign-in fails
    // and D stays unbound; it does not pick up alex's stored token.
    let d = server.client().await;
    let e = err(&d, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": OTHER_USER})).await;
    let mut link = reqwest::Url::parse(&sign_in_link(&e)).unwrap();
    let pairs: Vec<(String, String)> = link
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "login_hint" { USER.to_string() } else { v.into_owned() };
            (k.into_owned(), v)
        })
        .collect();
    link.query_pairs_mut().clear().extend_pairs(pairs);
    let (_, page) = consent(&google, link.as_str()).await;
    assert!(page.contains("Sign-in failed") && page.contains(OTHER_USER), "{page}");
    for user in [USER, OTHER_USER] {
        let r = call(&d, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": user})).await;
        assert_eq!(r.is_error, Some(true), "{}", text(&r));
        assert!(text(&r).contains(AUTH_URL), "{}", text(&r));
    }

    // None of the refused calls reached Gmail; only D's failed exchange reached the token endpoint.
    assert_eq!(google.gmail_requests().len(), gmail_calls, "{:#?}", &google.gmail_requests()[gmail_calls..]);
    assert_eq!(google.seen(TOKEN_HOST, "/token").len(), exchanges + 1);
    assert_eq!(token_files(home.path()).len(), 2);

    // And the refusals did not unbind anyone: A still reads alex's mail with alex's token
    // (the one E's sign-in stored last: one grant per account).
    assert_found(&ok(&a, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": USER})).await);
    assert_eq!(owner_of(&google, &last_gmail_bearer(&google)).await, USER);
    let net = google.net();
    assert!(net.refused.is_empty() && net.tls_accepted == net.connects.len(), "{net:#?}");
    assert!(net.connects.iter().all(|h| GOOGLE_HOSTS.contains(&h.as_str())), "{net:#?}");
    assert_eq!(google.sandbox.validation_failures(), 0);
    for s in [a, b, c, d] {
        s.cancel().await.unwrap();
    }
}

#[tokio::test]
async fn stdio_sign_in_uses_a_callback_listener_on_the_next_free_port() {
    // Under stdio there is no HTTP server: the first sign-in starts a loopback callback
    // listener on WORKSPACE_MCP_PORT, or on the next port when that one is taken.
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    // Hold port P (busy) with P+1 free, so the binary must fall back to P+1.
    let (busy, port) = (0..50)
        .find_map(|_| {
            let l = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
            let p = l.local_addr().ok()?.port();
            let next = p.checked_add(1)?;
            std::net::TcpListener::bind(("127.0.0.1", next)).ok().map(drop)?;
            Some((l, p))
        })
        .expect("a free port P with P+1 free");
    let fallback = port + 1;
    let mut cmd = real_command(&google, home.path());
    cmd.env("WORKSPACE_MCP_PORT", port.to_string());
    let stdio = stdio_client(cmd).await;

    // 1. Not signed in: the link's redirect URI names the fallback port, not the busy one.
    let args = json!({"query": "from:priya.shah@example.com", "user_google_email": USER});
    let e = err(&stdio, "search_gmail_messages", args.clone()).await;
    assert!(e.contains("ACTION REQUIRED"), "{e}");
    let link = sign_in_link(&e);
    let q = query(&link);
    let expected_redirect = format!("http://localhost:{fallback}/oauth2callback");
    assert_eq!(q["redirect_uri"], expected_redirect, "{link}");
    assert_eq!(q["login_hint"], USER);
    assert!(google.net().connects.is_empty(), "no Google call before consent: {:?}", google.net());

    // 2. The browser consents through the proxy, then calls the listener on 127.0.0.1:P+1.
    let browser = google.browser();
    let r = browser.get(&link).send().await.expect("consent screen");
    assert!(r.status().is_redirection(), "consent answered {}: {:?}", r.status(), r.text().await);
    let callback = r.headers()["location"].to_str().expect("location").to_string();
    assert!(callback.starts_with(&format!("{expected_redirect}?")), "{callback}");
    let cb = query(&callback);
    assert_eq!(cb["state"], q["state"]);
    let direct = callback.replacen(&format!("localhost:{fallback}"), &format!("127.0.0.1:{fallback}"), 1);
    let page = browser.get(&direct).send().await.expect("callback").text().await.expect("callback page");
    assert!(page.contains("Signed in") && page.contains(USER), "{page}");
    let exchanges = google.seen(TOKEN_HOST, "/token");
    assert_eq!(exchanges.len(), 1, "{exchanges:#?}");
    assert_eq!(exchanges[0].form_value("redirect_uri"), Some(expected_redirect.as_str()));
    assert_eq!(exchanges[0].form_value("code"), Some(cb["code"].as_str()));
    // The busy port was left alone: it is still ours.
    assert_eq!(busy.local_addr().unwrap().port(), port);

    // 3. The same stdio session now gets results, with the new token.
    let found = ok(&stdio, "search_gmail_messages", args).await;
    assert_found(&found);
    let access = google.seen(USERINFO_HOST, "/oauth2/v2/userinfo")[0].bearer.clone().expect("userinfo bearer");
    assert_eq!(last_gmail_bearer(&google), access);

    // 4. The token is stored encrypted.
    let files = token_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let clear = String::from_utf8_lossy(&std::fs::read(&files[0]).unwrap()).into_owned();
    for needle in [access.as_str(), "sbx-at-", "sbx-rt-", "refresh_token", "access_token"] {
        assert!(!clear.contains(needle), "the token file holds {needle:?} in clear");
    }
    assert_eq!(google.sandbox.validation_failures(), 0);
    stdio.cancel().await.unwrap();
    drop(busy);
}

#[tokio::test]
async fn a_local_server_signs_in_once_for_every_session_revision_and_restart() {
    // HTTP on loopback, no USER_GOOGLE_EMAIL, as a person runs it for their own client.
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(real_command(&google, home.path())).await;
    let args = json!({"query": "in:inbox", "user_google_email": USER});

    // 1. One sign-in, from the first session.
    let first = server.client().await;
    sign_in(&google, &server, &first, USER).await;
    assert_found(&ok(&first, "search_gmail_messages", args.clone()).await);
    let access = last_gmail_bearer(&google);
    first.cancel().await.unwrap();

    // 2. A second 2025-11-25 session uses the stored account: no link, no new code exchange.
    let second = server.client().await;
    assert_found(&ok(&second, "search_gmail_messages", args.clone()).await);
    second.cancel().await.unwrap();
    // 3. So does a stateless 2026-07-28 request.
    let (is_error, t) = reply_text(&stateless_call(&server, None, "search_gmail_messages", args.clone()).await);
    assert!(!is_error && t.starts_with("Found "), "{t}");
    assert_eq!(google.seen(TOKEN_HOST, "/token").len(), 1, "one code exchange in all");
    assert_eq!(last_gmail_bearer(&google), access);
    drop(server);

    // 4. After a restart, a new session and a stateless request still need no sign-in.
    let server = HttpServer::start(real_command(&google, home.path())).await;
    let third = server.client().await;
    assert_found(&ok(&third, "search_gmail_messages", args.clone()).await);
    let (is_error, t) =
        reply_text(&stateless_call(&server, None, "list_gmail_labels", json!({"user_google_email": USER})).await);
    assert!(!is_error, "{t}");
    assert_eq!(google.seen(TOKEN_HOST, "/token").len(), 1, "no new consent after a restart");
    assert_eq!(google.seen(ACCOUNTS, "/o/oauth2/auth").len(), 1, "the consent screen was shown once");
    assert_eq!(last_gmail_bearer(&google), access, "the stored token is reused");
    assert_eq!(google.sandbox.validation_failures(), 0);
    third.cancel().await.unwrap();
}

#[tokio::test]
async fn an_exposed_server_says_at_start_that_sessions_sign_in_themselves() {
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut cmd = real_command(&google, home.path());
    cmd.args(["--transport", "streamable-http"])
        .env("PORT", port.to_string())
        .env("WORKSPACE_EXTERNAL_URL", "https://mcp.example.com")
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut log = String::new();
    let read = async {
        use tokio::io::AsyncReadExt as _;
        let mut buf = [0u8; 4096];
        while !log.contains("OAuth 2.1") {
            let n = stderr.read(&mut buf).await.unwrap();
            assert!(n > 0, "the server ended without the notice: {log}");
            log.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), read).await.expect("a start-up notice");
    assert!(log.contains("each MCP session must sign in itself"), "{log}");
    assert!(log.contains("USER_GOOGLE_EMAIL") && log.contains("--single-user"), "{log}");
    assert_eq!(log.matches("reachable from other machines").count(), 1, "one line: {log}");
    child.kill().await.unwrap();
}
