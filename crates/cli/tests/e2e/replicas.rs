//! Three replicas behind a balancer, as `docker-compose.yml`'s `replicas` profile runs them: one
//! real `redis-server` holds the OAuth 2.1 state, three binaries in OAuth 2.1 + stateless mode
//! share it and the signing key, and a small round-robin HTTP balancer (below) sends each
//! request to the next replica, skipping one that refuses connections as a health-checking
//! balancer would. Each replica runs its own in-process sandbox, so a Google code or token one
//! sandbox issued must be honoured by the others (the sandbox's tokens are portable: see
//! `wsmcp_sandbox_kit`'s `oauth/portable.rs`); the tool calls read seeded data, which every
//! replica's sandbox holds alike.
//!
//! One sign-in through the balancer, calls over both protocol revisions served by every
//! replica, then one replica killed: every later call, the refresh grant and calls with the
//! refreshed token still work, with no new sign-in.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::harness::{BIN, HttpServer, free_port, ok, values_after};
use crate::oauth_client::{Endpoint, bearer_client, refresh, reply_json, sign_in, stateless};

const SIGNING_KEY: &str = "replicas-e2e-signing-key-replicas-e2e-signing-key";

/// A real `redis-server` on a free loopback port, killed on drop: without persistence, or with
/// an append-only file synced on every write, as the Kubernetes overlay's Valkey keeps its data.
pub(crate) struct Redis {
    child: Child,
    pub port: u16,
    persistent: bool,
    dir: tempfile::TempDir,
}

impl Redis {
    /// `None` (with a note) where redis-server is not installed, unless `CI` is set: CI installs
    /// it, so there its absence fails the test.
    pub fn start(persistent: bool) -> Option<Redis> {
        if Command::new("redis-server").arg("--version").stdout(Stdio::null()).status().is_err() {
            assert!(std::env::var_os("CI").is_none(), "redis-server is not installed, and CI must run this test");
            eprintln!("SKIPPED: redis-server is not installed (apt-get install redis-server); replicas untested here");
            return None;
        }
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let child = Self::spawn(port, persistent, dir.path());
        Some(Redis { child, port, persistent, dir })
    }

    fn spawn(port: u16, persistent: bool, dir: &std::path::Path) -> Child {
        let durability: &[&str] =
            if persistent { &["--appendonly", "yes", "--appendfsync", "always"] } else { &["--appendonly", "no"] };
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .args(durability)
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on {port} within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    }

    /// Kills the server (as a crash would: no chance to save) and waits until the port is free.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A new server on the same port and directory, so a persistent one reloads its data.
    pub fn restart(&mut self) {
        self.child = Self::spawn(self.port, self.persistent, self.dir.path());
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Round robin over `backends`; a backend that refuses the connection (nothing was sent, so
/// any request may go elsewhere) is skipped. Logs which backend served which request.
pub(crate) struct Balancer {
    port: u16,
    log: Arc<Mutex<Vec<(String, usize)>>>,
    task: tokio::task::JoinHandle<()>,
}

struct Pool {
    backends: Vec<u16>,
    next: AtomicUsize,
    http: reqwest::Client,
    log: Arc<Mutex<Vec<(String, usize)>>>,
}

impl Endpoint for Balancer {
    fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Balancer {
    pub async fn start(listener: tokio::net::TcpListener, backends: Vec<u16>) -> Balancer {
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        // No idle connections: a killed backend then shows as a refused connection, not as a
        // reset of a pooled one in the middle of a request.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let pool = Arc::new(Pool { backends, next: AtomicUsize::new(0), http, log: log.clone() });
        let app = axum::Router::new().fallback(forward).with_state(pool);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Balancer { port, log, task }
    }

    /// Backend indexes of the requests logged since `from` whose "METHOD path" starts with `what`.
    pub fn served(&self, from: usize, what: &str) -> Vec<usize> {
        let log = self.log.lock().unwrap();
        log[from..].iter().filter(|(r, _)| r.starts_with(what)).map(|(_, b)| *b).collect()
    }

    fn len(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

async fn forward(State(pool): State<Arc<Pool>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 16 << 20).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let first = pool.next.fetch_add(1, Ordering::SeqCst);
    for i in 0..pool.backends.len() {
        let index = (first + i) % pool.backends.len();
        let url = format!("http://127.0.0.1:{}{target}", pool.backends[index]);
        let mut request = pool.http.request(parts.method.clone(), url).body(body.clone());
        for (name, value) in &parts.headers {
            if name != header::CONTENT_LENGTH && name != header::CONNECTION && name != header::TRANSFER_ENCODING {
                request = request.header(name, value);
            }
        }
        match request.send().await {
            Ok(answer) => {
                pool.log.lock().unwrap().push((format!("{} {}", parts.method, parts.uri.path()), index));
                let mut response = Response::builder().status(answer.status());
                for (name, value) in answer.headers() {
                    if name != header::CONTENT_LENGTH && name != header::CONNECTION && name != header::TRANSFER_ENCODING
                    {
                        response = response.header(name, value);
                    }
                }
                return response.body(Body::from_stream(answer.bytes_stream())).unwrap();
            }
            Err(e) if e.is_connect() => continue,
            Err(e) => return (StatusCode::BAD_GATEWAY, e.to_string()).into_response(),
        }
    }
    (StatusCode::BAD_GATEWAY, "no replica is up").into_response()
}

/// One replica: its own sandbox (no `WORKSPACE_MCP_SANDBOX_URL`) seeded from the clock anchored
/// at `now`, as all replicas are, so they hold the same messages under the same ids; published
/// at the balancer's address, its OAuth 2.1 state in the shared Valkey.
fn replica(home: &std::path::Path, now: &str, redis: u16, public: u16) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.arg("--sandbox")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("WORKSPACE_MCP_LOG_LEVEL", "info")
        .env(wsmcp_testkit::clock::CLOCK_VAR, now)
        .env("MCP_ENABLE_OAUTH21", "true")
        .env("WORKSPACE_MCP_STATELESS_MODE", "true")
        .env("WORKSPACE_MCP_HOST", "127.0.0.1")
        .env("WORKSPACE_EXTERNAL_URL", format!("http://localhost:{public}"))
        .env("WORKSPACE_MCP_TOOLS", "gmail drive")
        .env("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", "valkey")
        .env("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "127.0.0.1")
        .env("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT", redis.to_string())
        .env("FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY", SIGNING_KEY)
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd
}

/// `n` replicas on one store, behind a balancer that publishes them at its own address.
pub(crate) struct Cluster {
    pub lb: Balancer,
    /// `None` once killed.
    pub replicas: Vec<Option<HttpServer>>,
    pub ports: Vec<u16>,
    pub _homes: Vec<tempfile::TempDir>,
}

impl Cluster {
    pub async fn start(n: usize, redis: &Redis) -> Cluster {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let public = listener.local_addr().unwrap().port();
        let homes: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
        let ports: Vec<u16> = (0..n).map(|_| free_port()).collect();
        let lb = Balancer::start(listener, ports.clone()).await;
        // The anchor scripts/test-dates.sh sets, else this moment: one instant for all replicas.
        let now = std::env::var(wsmcp_testkit::clock::CLOCK_VAR)
            .unwrap_or_else(|_| chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let mut replicas = Vec::new();
        for (home, port) in homes.iter().zip(&ports) {
            replicas.push(Some(HttpServer::start_on(replica(home.path(), &now, redis.port, public), *port).await));
        }
        Cluster { lb, replicas, ports, _homes: homes }
    }
}

/// The ids of My Drive's top level as `list_drive_items` names them: the seed's Drive ids are
/// fixed, so every replica's sandbox answers alike (Gmail's seeded ids carry the moment the
/// mailbox was built, which differs between processes).
fn drive_ids(listing: &str) -> Vec<String> {
    let ids: Vec<String> = listing
        .lines()
        .filter_map(|l| l.split_once("(id: "))
        .map(|(_, rest)| rest.split([',', ')']).next().unwrap_or_default().to_string())
        .collect();
    assert!(!ids.is_empty(), "no files listed: {listing}");
    ids
}

/// My Drive over a stateless 2026-07-28 request: no session, the bearer token on the request.
pub(crate) async fn drive_over_2026(lb: &Balancer, token: &str) -> Vec<String> {
    let call = json!({"name": "list_drive_items", "arguments": {"folder_id": "root"}});
    let r = stateless(lb, Some(token), "tools/call", call).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("mcp-session-id").is_none());
    let reply: Value = reply_json(r).await;
    assert_ne!(reply["result"]["isError"], true, "{reply}");
    drive_ids(reply["result"]["content"][0]["text"].as_str().unwrap())
}

/// My Drive over rmcp's client (2025-11-25, no session in stateless mode), after a Gmail search
/// that must find the seeded inbox.
async fn drive_over_2025(client: &crate::harness::Client) -> Vec<String> {
    let found = ok(client, "search_gmail_messages", json!({"query": "in:inbox"})).await;
    assert!(values_after(&found, "Message ID: ").len() >= 5, "{found}");
    drive_ids(&ok(client, "list_drive_items", json!({"folder_id": "root"})).await)
}

#[tokio::test]
async fn three_stateless_replicas_share_one_sign_in_and_survive_losing_one() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some(redis) = Redis::start(false) else { return };
    let Cluster { lb, mut replicas, ports, _homes } = Cluster::start(3, &redis).await;

    // One sign-in through the balancer; its steps land on different replicas, so the Google
    // code one replica's sandbox issued is redeemed by another replica at its own sandbox.
    let (tokens, client_id) = sign_in(&lb).await;
    let consent = lb.served(0, "POST /consent");
    let callback = lb.served(0, "GET /oauth2callback");
    assert_eq!((consent.len(), callback.len()), (1, 1));
    assert_ne!(consent[0], callback[0], "the callback came to another replica than the consent");
    let access = tokens["access_token"].as_str().unwrap().to_string();

    // Calls over 2025-11-25 (rmcp's client, no session) and 2026-07-28, served by every replica.
    let before = lb.len();
    let client = bearer_client(&lb, &access).await;
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(drive_over_2025(&client).await);
        seen.push(drive_over_2026(&lb, &access).await);
    }
    let drive = seen[0].clone();
    assert!(seen.iter().all(|ids| *ids == drive), "every replica holds the same seed: {seen:?}");
    let mut served = lb.served(before, "POST /mcp");
    served.sort_unstable();
    served.dedup();
    assert_eq!(served, [0, 1, 2], "every replica accepted the one sign-in's tokens");

    // One replica dies mid-run; the balancer skips it, and nobody signs in again.
    let dead = 1;
    drop(replicas[dead].take());
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", ports[dead])).is_ok() {
        assert!(Instant::now() < deadline, "the killed replica still listens");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let after_kill = lb.len();
    for _ in 0..3 {
        assert_eq!(drive_over_2025(&client).await, drive);
        assert_eq!(drive_over_2026(&lb, &access).await, drive);
    }
    client.cancel().await.unwrap();

    // The refresh grant through the balancer rotates the pair; the new token works everywhere
    // still up, and the spent refresh token is refused by whichever replica gets it.
    let r = refresh(&lb, tokens["refresh_token"].as_str().unwrap(), &client_id).await;
    assert_eq!(r.status(), 200);
    let second: Value = r.json().await.unwrap();
    let new_access = second["access_token"].as_str().unwrap().to_string();
    let client = bearer_client(&lb, &new_access).await;
    for _ in 0..2 {
        assert_eq!(drive_over_2025(&client).await, drive);
        assert_eq!(drive_over_2026(&lb, &new_access).await, drive);
    }
    client.cancel().await.unwrap();
    let r = refresh(&lb, tokens["refresh_token"].as_str().unwrap(), &client_id).await;
    assert_eq!(r.status(), 400, "a spent refresh token is spent on every replica");

    let mut served = lb.served(after_kill, "");
    served.sort_unstable();
    served.dedup();
    assert_eq!(served, [0, 2], "after the kill only the live replicas served");
    assert_eq!(lb.served(0, "GET /authorize").len(), 1, "one sign-in in all");
}
