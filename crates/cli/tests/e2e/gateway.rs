//! Trusted gateway mode through the binary: every `/mcp` request carries an ES256 identity JWT
//! (signed here with the committed test key, its public half served as a JWKS by this test).
//! A request without a valid one gets 401 naming the problem; a verified user acts only for
//! itself; in real mode Google tokens still come from the legacy sign-in, once per account.

use std::collections::HashMap;

use axum::Router;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::header::{HeaderName, HeaderValue};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _};
use rmcp::ServiceExt as _;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};

use crate::harness::{Client, HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox};
use crate::real_mode::{AUTH_URL, assert_found, consent, last_gmail_bearer, owner_of, real_command, sign_in_link};
use crate::tls_proxy::GoogleOverTls;

const KEY_PEM: &str = include_str!("../../../auth/fixtures/test-only-gateway-es256.pk8.pem");
const HEADER: &str = "x-pomerium-jwt-assertion";
const AUDIENCE: &str = "mcp.example.com";
const ISSUER: &str = "authenticate.example.com";
const OTHER_USER: &str = "jordan.lee@example.com";

fn key() -> EcdsaKeyPair {
    let der = wsmcp_auth::pem_der(KEY_PEM, "PRIVATE KEY").expect("PEM");
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &SystemRandom::new()).expect("EC key")
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// An identity token as Pomerium would send it, with `change` applied to the claims.
fn token(email: &str, change: Value) -> String {
    let mut claims = json!({"iss": ISSUER, "aud": AUDIENCE, "email": email, "sub": email,
                            "iat": now(), "exp": now() + 300});
    for (k, v) in change.as_object().unwrap() {
        claims[k] = v.clone();
    }
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let input = format!("{}.{}", b64(&json!({"alg": "ES256", "kid": "gw-1", "typ": "JWT"})), b64(&claims));
    let sig = key().sign(&SystemRandom::new(), input.as_bytes()).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
}

/// Serves the test key's JWKS on loopback; returns its URL.
async fn serve_jwks() -> String {
    let point = key().public_key().as_ref().to_vec();
    let jwks = json!({"keys": [{"kty": "EC", "crv": "P-256", "kid": "gw-1", "alg": "ES256", "use": "sig",
        "x": URL_SAFE_NO_PAD.encode(&point[1..33]), "y": URL_SAFE_NO_PAD.encode(&point[33..])}]});
    let app = Router::new().route("/.well-known/pomerium/jwks.json", get(move || async move { axum::Json(jwks) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/.well-known/pomerium/jwks.json", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

fn with_gateway(cmd: &mut tokio::process::Command, jwks_url: &str) {
    cmd.env("TRUST_GATEWAY_IDENTITY", "true")
        .env("GATEWAY_IDENTITY_JWKS_URL", jwks_url)
        .env("GATEWAY_IDENTITY_AUDIENCE", AUDIENCE)
        .env("GATEWAY_IDENTITY_ISSUER", ISSUER);
}

/// An MCP client whose every request carries `email`'s identity token.
async fn client_as(server: &HttpServer, email: &str) -> Client {
    let headers =
        HashMap::from([(HeaderName::from_static(HEADER), HeaderValue::from_str(&token(email, json!({}))).unwrap())]);
    let config = StreamableHttpClientTransportConfig::with_uri(server.url("/mcp")).custom_headers(headers);
    ().serve(StreamableHttpClientTransport::from_config(config)).await.expect("http initialize")
}

/// A raw `initialize` with `identity` in the gateway header (or none): (status, JSON body).
async fn initialize(server: &HttpServer, identity: Option<&str>) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(server.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}}));
    if let Some(t) = identity {
        req = req.header(HEADER, t);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(json!({ "raw": text })))
}

#[tokio::test]
async fn requests_without_a_valid_identity_get_401_and_a_verified_user_acts_only_for_itself() {
    let jwks = serve_jwks().await;
    let sandbox = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sandbox, home.path());
    with_gateway(&mut cmd, &jwks);
    let server = HttpServer::start(cmd).await;

    // Refused before rmcp sees them, with the reason and never the token.
    let expired = token(USER, json!({"exp": now() - 600}));
    // A well-formed token whose signature is not the gateway's.
    let (signed_part, _) =
        token(USER, json!({})).rsplit_once('.').map(|(a, b)| (a.to_string(), b.to_string())).unwrap();
    let forged = format!("{signed_part}.{}", URL_SAFE_NO_PAD.encode([7u8; 64]));
    let cases = [
        (None, "header is missing"),
        (Some(expired.clone()), "expired"),
        (Some(token(USER, json!({"aud": "other.example.com"}))), "audience"),
        (Some(token(USER, json!({"iss": "elsewhere"}))), "issuer"),
        (Some(forged), "signature does not verify"),
        (Some("garbage".to_string()), "malformed"),
    ];
    for (identity, reason) in cases {
        let (status, body) = initialize(&server, identity.as_deref()).await;
        assert_eq!((status, body["error"].as_str()), (401, Some("invalid_token")), "{reason}: {body}");
        let description = body["error_description"].as_str().unwrap();
        assert!(description.contains(reason), "{reason}: {description}");
        assert!(identity.is_none_or(|t| !body.to_string().contains(&t)), "the token is echoed: {body}");
    }
    assert_eq!(initialize(&server, Some(&token(USER, json!({})))).await.0, 200);
    // Health stays open for the orchestrator's probes.
    assert!(reqwest::get(server.url("/health")).await.unwrap().status().is_success());

    // The verified user is the default account, and the only one.
    let alex = client_as(&server, USER).await;
    // The schemas say so: the account is optional, with no other account as its default.
    let tools = alex.list_all_tools().await.unwrap();
    let search = tools.iter().find(|t| t.name == "search_gmail_messages").unwrap();
    let schema = serde_json::to_value(&*search.input_schema).unwrap();
    let param = &schema["properties"]["user_google_email"];
    assert!(param["description"].as_str().unwrap().contains("identity gateway"), "{schema}");
    assert!(param.get("default").is_none(), "{schema}");
    assert!(!schema["required"].as_array().unwrap().contains(&json!("user_google_email")), "{schema}");
    assert!(ok(&alex, "search_gmail_messages", json!({"query": "in:inbox"})).await.starts_with("Found "));
    ok(&alex, "list_gmail_labels", json!({"user_google_email": USER.to_uppercase()})).await;
    let before = requests_for(&sandbox, "gmail.users.labels.list").len();
    for (tool, args) in [
        ("list_gmail_labels", json!({"user_google_email": OTHER_USER})),
        ("start_google_auth", json!({"service_name": "Gmail", "user_google_email": OTHER_USER})),
    ] {
        let e = err(&alex, tool, args).await;
        assert!(e.contains(&format!("signed this request in as {USER}")) && e.contains(OTHER_USER), "{tool}: {e}");
    }
    assert_eq!(requests_for(&sandbox, "gmail.users.labels.list").len(), before, "a refused call reached Gmail");
    assert_valid(&sandbox);
    alex.cancel().await.unwrap();
}

#[tokio::test]
async fn in_real_mode_each_verified_user_signs_in_once_and_sessions_share_it() {
    // An exposed server: without the gateway, each session would have to sign in itself.
    let jwks = serve_jwks().await;
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = real_command(&google, home.path());
    with_gateway(&mut cmd, &jwks);
    let server = HttpServer::start_exposed(cmd).await;
    let search = json!({"query": "in:inbox"});

    // 1. Not signed in yet: the legacy sign-in link, for the verified user.
    let first = client_as(&server, USER).await;
    let e = err(&first, "search_gmail_messages", search.clone()).await;
    let link = sign_in_link(&e);
    assert!(link.contains("login_hint=alex.rivera%40example.com"), "{link}");
    let (_, page) = consent(&google, &link).await;
    assert!(page.contains("Signed in"), "{page}");
    assert_found(&ok(&first, "search_gmail_messages", search.clone()).await);
    assert_eq!(owner_of(&google, &last_gmail_bearer(&google)).await, USER);

    // 2. A new session of the same verified user needs no sign-in.
    let second = client_as(&server, USER).await;
    assert_found(&ok(&second, "search_gmail_messages", search.clone()).await);

    // 3. Another verified user can neither use alex's account nor get data without signing in.
    let jordan = client_as(&server, OTHER_USER).await;
    let calls = google.gmail_requests().len();
    let e = err(&jordan, "search_gmail_messages", json!({"query": "in:inbox", "user_google_email": USER})).await;
    assert!(e.contains("cannot act as") && !e.contains(AUTH_URL), "{e}");
    let e = err(&jordan, "search_gmail_messages", search).await;
    assert!(sign_in_link(&e).contains("login_hint=jordan.lee%40example.com"), "{e}");
    assert_eq!(google.gmail_requests().len(), calls, "jordan's calls reached Gmail");
    assert_eq!(google.sandbox.validation_failures(), 0);
    for c in [first, second, jordan] {
        c.cancel().await.unwrap();
    }
}
