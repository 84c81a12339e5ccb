//! What an MCP client and its user's browser do against a server in OAuth 2.1 mode: discovery,
//! registration, consent, the sandbox's Google sign-in, the code exchange, bearer-token calls
//! over both protocol revisions and the refresh grant. Shared by the OAuth 2.1, stateless and
//! replica tests; `Endpoint` is a server or the balancer in front of several.

use reqwest::redirect::Policy;
use rmcp::ServiceExt as _;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::HttpServer;

/// Where a client reaches the server: its port on loopback.
pub trait Endpoint {
    fn port(&self) -> u16;

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port())
    }
}

impl Endpoint for HttpServer {
    fn port(&self) -> u16 {
        self.port
    }
}

/// The client's redirect URI (loopback http, RFC 8252).
pub const REDIRECT: &str = "http://127.0.0.1:9/callback";
const VERIFIER: &str = "e2e-verifier-e2e-verifier-e2e-verifier-e2e-verifier";

fn loopback(url: &str) -> String {
    url.replacen("http://localhost:", "http://127.0.0.1:", 1)
}

pub fn param(url: &str, name: &str) -> Option<String> {
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
pub async fn sign_in(server: &impl Endpoint) -> (Value, String) {
    let done = sign_in_asking(server, None).await;
    (done.tokens, done.client_id)
}

pub struct SignedIn {
    pub tokens: Value,
    pub client_id: String,
    /// Where this server sent the browser at Google.
    pub google_url: String,
}

/// The unauthenticated 401 and its challenge, the protected-resource metadata and the
/// authorization server's metadata, which is returned.
async fn discover(server: &impl Endpoint, http: &reqwest::Client) -> Value {
    let issuer = format!("http://localhost:{}", server.port());
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
    meta
}

/// As [`sign_in`], asking `/authorize` for `scope` when given (a step-up).
pub async fn sign_in_asking(server: &impl Endpoint, scope: Option<&str>) -> SignedIn {
    let http = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let meta = discover(server, &http).await;
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
    authorize_and_exchange(server, &http, &meta, &client_id, scope, &["<b>e2e</b>"]).await
}

/// As [`sign_in`] without registering: `client_id` is the https URL of the client's metadata
/// document (naming the client "e2e" and [`REDIRECT`]); the consent page must lead with the
/// URL's host, the one part of the client's identity the server checked.
pub async fn sign_in_with_metadata_document(server: &impl Endpoint, client_id: &str) -> SignedIn {
    let http = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let meta = discover(server, &http).await;
    assert_eq!(meta["client_id_metadata_document_supported"], true);
    let host = reqwest::Url::parse(client_id).unwrap().host_str().unwrap().to_string();
    let shown = format!("<p class=client>An application from <b>{host}</b></p>");
    // The redirect URI is loopback, which any local program could use: the page cautions.
    let expected = [shown.as_str(), "calling itself <b>e2e</b>", "<b>Caution:</b>"];
    authorize_and_exchange(server, &http, &meta, client_id, None, &expected).await
}

/// `/authorize`, the consent page (which must contain each of `on_page`), Google, the callback
/// and the code exchange, for a client known as `client_id`.
async fn authorize_and_exchange(
    server: &impl Endpoint,
    http: &reqwest::Client,
    meta: &Value,
    client_id: &str,
    scope: Option<&str>,
    on_page: &[&str],
) -> SignedIn {
    let issuer = format!("http://localhost:{}", server.port());
    let challenge = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, Sha256::digest(VERIFIER));
    let mut authorize = reqwest::Url::parse(&loopback(meta["authorization_endpoint"].as_str().unwrap())).unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
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
    assert!(page.contains("127.0.0.1"), "{page}");
    for expected in on_page {
        assert!(page.contains(expected), "no {expected} in {page}");
    }
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
            ("client_id", client_id),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    SignedIn { tokens: r.json().await.unwrap(), client_id: client_id.to_string(), google_url: google }
}

pub async fn bearer_client(server: &impl Endpoint, token: &str) -> crate::harness::Client {
    let config = StreamableHttpClientTransportConfig::with_uri(server.url("/mcp")).auth_header(token);
    ().serve(StreamableHttpClientTransport::from_config(config)).await.expect("initialize with a bearer token")
}

/// A 2026-07-28 request: no session, the bearer token on the request itself.
pub async fn stateless(server: &impl Endpoint, token: Option<&str>, method: &str, params: Value) -> reqwest::Response {
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

pub async fn reply_json(r: reqwest::Response) -> Value {
    let text = r.text().await.unwrap();
    let data = text.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim).find(|d| !d.is_empty());
    serde_json::from_str(data.unwrap_or(&text)).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A stateless `search_gmail_messages` call with `token` that must succeed.
pub async fn search_succeeds(server: &impl Endpoint, token: &str) {
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
pub async fn refresh(server: &impl Endpoint, token: &str, client_id: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(server.url("/token"))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", client_id)])
        .send()
        .await
        .unwrap()
}
