//! The HTTP surface under hostile input, against the real binary: Host names that only look
//! like loopback, HTTP/2, headers that never finish, idle-socket and session floods, oversized
//! bodies and arguments, what reaches the logs, readiness caching, and the sandbox fallback.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{HttpServer, command, err, sandbox};

fn initialize_body() -> Value {
    json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}})
}

pub(crate) const ACCEPT: &str = "application/json, text/event-stream";

#[tokio::test]
async fn host_names_that_merely_start_with_127_are_refused() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let http = reqwest::Client::new();
    let status = |host: String| {
        http.post(server.url("/mcp")).header("accept", ACCEPT).header("host", host).json(&initialize_body()).send()
    };
    for host in ["127.evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "127.0.0.1.evil.example:80"] {
        assert_eq!(status(host.to_string()).await.unwrap().status(), 403, "{host} must be refused");
    }
    let port = server.port;
    for host in [format!("127.0.0.1:{port}"), format!("127.0.0.2:{port}"), format!("[::1]:{port}"), "localhost".into()]
    {
        assert_eq!(status(host.clone()).await.unwrap().status(), 200, "{host} is loopback");
    }
}

#[tokio::test]
async fn http2_prior_knowledge_is_served_and_its_authority_guarded() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], server.port).into();
    // h2c with prior knowledge; `resolve` points foreign names at this server, so the only
    // difference between the requests is the `:authority` HTTP/2 sends (there is no Host header).
    let h2 = reqwest::Client::builder()
        .http2_prior_knowledge()
        .resolve("127.evil.example", addr)
        .resolve("mcp.evil.example", addr)
        .build()
        .unwrap();
    let health = h2.get(server.url("/health")).send().await.unwrap();
    assert_eq!(health.version(), reqwest::Version::HTTP_2);
    assert_eq!(health.status(), 200);
    let init = |url: String| h2.post(url).header("accept", ACCEPT).json(&initialize_body()).send();
    let ok = init(server.url("/mcp")).await.unwrap();
    assert_eq!((ok.version(), ok.status().as_u16()), (reqwest::Version::HTTP_2, 200));
    assert!(ok.headers().get("mcp-session-id").is_some());
    let localhost = init(format!("http://localhost:{}/mcp", server.port)).await.unwrap();
    assert_eq!(localhost.status(), 200);
    for foreign in ["127.evil.example", "mcp.evil.example"] {
        let r = init(format!("http://{foreign}:{}/mcp", server.port)).await.unwrap();
        assert_eq!(r.status(), 403, "{foreign} over HTTP/2");
    }
}

/// Reads until the server closes the connection; returns what it sent and how long it took.
async fn read_until_closed(mut tcp: TcpStream, bound: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let read = tokio::time::timeout(bound, tcp.read_to_end(&mut got)).await;
    assert!(read.is_ok(), "the server kept the connection open for more than {bound:?}");
    (String::from_utf8_lossy(&got).into_owned(), started.elapsed())
}

#[tokio::test]
async fn connections_whose_headers_never_finish_are_closed() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS", "1");
    let server = HttpServer::start(cmd).await;
    // Silent: not one byte.
    let silent = TcpStream::connect(("127.0.0.1", server.port)).await.unwrap();
    // Slow: a request line and one header, then nothing.
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
    // Idle keep-alive: one full request, then nothing.
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).await.unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    for tcp in [silent, slow, idle] {
        let (_, took) = read_until_closed(tcp, Duration::from_secs(5)).await;
        assert!(took < Duration::from_secs(4), "closed after {took:?}");
    }
}

#[tokio::test]
async fn idle_http2_connections_are_closed() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_IDLE_TIMEOUT_SECONDS", "1").env("WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS", "1");
    let server = HttpServer::start(cmd).await;
    // The h2c preface and an empty SETTINGS frame, then silence: the client never answers the
    // server's SETTINGS or the ping of a graceful close.
    let mut h2 = TcpStream::connect(("127.0.0.1", server.port)).await.unwrap();
    h2.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0\0").await.unwrap();
    let (_, took) = read_until_closed(h2, Duration::from_secs(6)).await;
    assert!(took < Duration::from_secs(5), "closed after {took:?}");
}

#[tokio::test]
async fn health_answers_under_an_idle_socket_flood() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    // Default limits: 1,100 idle sockets is more than the usual 1,024 descriptors.
    let server = HttpServer::start(command(&sb, home.path())).await;
    let mut flood = Vec::new();
    for _ in 0..1_100 {
        flood.push(TcpStream::connect(("127.0.0.1", server.port)).await.unwrap());
    }
    let started = Instant::now();
    let health = reqwest::Client::new().get(server.url("/health")).timeout(Duration::from_secs(3)).send().await;
    assert_eq!(health.map(|r| r.status().as_u16()).ok(), Some(200), "/health under the flood");
    assert!(started.elapsed() < Duration::from_secs(2), "/health took {:?}", started.elapsed());
    drop(flood);

    // With a small cap, connections beyond it wait for a slot: idle ones lose theirs at the
    // header timeout, so /health still answers, a little later.
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_MAX_CONNECTIONS", "20").env("WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS", "1");
    let server = HttpServer::start(cmd).await;
    let mut flood = Vec::new();
    for _ in 0..60 {
        flood.push(TcpStream::connect(("127.0.0.1", server.port)).await.unwrap());
    }
    let health = reqwest::Client::new().get(server.url("/health")).timeout(Duration::from_secs(8)).send().await;
    assert_eq!(health.map(|r| r.status().as_u16()).ok(), Some(200), "/health beyond the connection cap");
}

#[tokio::test]
async fn health_answers_a_flood_beyond_a_1024_descriptor_limit() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    // The usual container limit, soft and hard: the server cannot raise it, so it lowers its
    // connection cap to fit, and sockets beyond the cap wait instead of exhausting descriptors.
    let mut cmd = tokio::process::Command::new("sh");
    cmd.args(["-c", "ulimit -n 1024 && exec \"$0\" \"$@\"", crate::harness::BIN, "--sandbox"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("WORKSPACE_MCP_SANDBOX_URL", &sb.base_url)
        .env("WORKSPACE_MCP_LOG_LEVEL", "error")
        .env("WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS", "2")
        .kill_on_drop(true);
    let server = HttpServer::start(cmd).await;
    let mut flood = Vec::new();
    for _ in 0..1_100 {
        flood.push(TcpStream::connect(("127.0.0.1", server.port)).await.unwrap());
    }
    let health = reqwest::Client::new().get(server.url("/health")).timeout(Duration::from_secs(8)).send().await;
    assert_eq!(health.map(|r| r.status().as_u16()).ok(), Some(200), "/health under the flood");
}

/// Sends `initialize` by hand; returns the session id.
pub(crate) async fn open_session(http: &reqwest::Client, server: &HttpServer) -> String {
    let r = http.post(server.url("/mcp")).header("accept", ACCEPT).json(&initialize_body()).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let id = r.headers()["mcp-session-id"].to_str().unwrap().to_string();
    let _ = r.text().await;
    id
}

pub(crate) async fn session_post(
    http: &reqwest::Client,
    server: &HttpServer,
    session: &str,
    body: Value,
) -> reqwest::Response {
    http.post(server.url("/mcp"))
        .header("accept", ACCEPT)
        .header("mcp-session-id", session)
        .header("mcp-protocol-version", "2025-11-25")
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_session_flood_evicts_unfinished_handshakes_first() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_MAX_SESSIONS", "10");
    let server = HttpServer::start(cmd).await;
    let http = reqwest::Client::new();
    let live = open_session(&http, &server).await;
    let r = session_post(&http, &server, &live, json!({"jsonrpc": "2.0", "method": "notifications/initialized"})).await;
    assert!(r.status().is_success(), "initialized: {}", r.status());
    let mut abandoned = Vec::new();
    for _ in 0..50 {
        abandoned.push(open_session(&http, &server).await);
    }
    let list = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"});
    let r = session_post(&http, &server, &live, list.clone()).await;
    assert_eq!(r.status(), 200, "the finished session survives the flood");
    assert!(r.text().await.unwrap().contains("search_gmail_messages"));
    let r = session_post(&http, &server, &abandoned[0], list.clone()).await;
    assert_eq!(r.status(), 404, "the oldest unfinished handshake was evicted");
    let newest = abandoned.last().unwrap();
    let r =
        session_post(&http, &server, newest, json!({"jsonrpc": "2.0", "method": "notifications/initialized"})).await;
    assert!(r.status().is_success(), "the newest handshake is still open");
}

#[tokio::test]
async fn an_oversized_body_gets_413_naming_the_limit() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_MAX_REQUEST_BYTES", "4096");
    let server = HttpServer::start(cmd).await;
    let http = reqwest::Client::new();
    let mut body = initialize_body();
    body["params"]["clientInfo"]["name"] = json!("x".repeat(5000));
    let r = http.post(server.url("/mcp")).header("accept", ACCEPT).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 413);
    assert!(r.text().await.unwrap().contains("WORKSPACE_MCP_MAX_REQUEST_BYTES"));
    // Chunked, so no Content-Length announces the size.
    let json = serde_json::to_vec(&body).unwrap();
    let mut raw = format!(
        "POST /mcp HTTP/1.1\r\nHost: localhost\r\nAccept: {ACCEPT}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for chunk in json.chunks(1000) {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let mut tcp = TcpStream::connect(("127.0.0.1", server.port)).await.unwrap();
    tcp.write_all(&raw).await.unwrap();
    let (reply, _) = read_until_closed(tcp, Duration::from_secs(5)).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(!open_session(&http, &server).await.is_empty(), "a normal initialize still fits");
}
#[tokio::test]
async fn a_one_megabyte_argument_is_refused_naming_the_limit() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let text = err(&client, "search_gmail_messages", json!({"query": "a".repeat(1_000_000)})).await;
    assert!(text.contains("WORKSPACE_MCP_MAX_ARGUMENT_BYTES") && text.contains("query"), "{text}");
    assert!(!text.to_lowercase().contains("proxy"), "{text}");
    assert!(crate::harness::requests_for(&sb, "gmail.users.messages.list").is_empty());
    // Under the limit but too long for a URL: said as such, not as a network problem.
    let text = err(&client, "search_gmail_messages", json!({"query": "a".repeat(100_000)})).await;
    assert!(text.contains("too long") && !text.to_lowercase().contains("proxy"), "{}", &text[..text.len().min(400)]);
    client.cancel().await.unwrap();
}
