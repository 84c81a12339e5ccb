//! A real `redis-server` per test: its own free port, a temp directory, no persistence, killed
//! when the test ends. Skipped (with a message) only where redis-server is not installed and
//! `CI` is unset; in CI a missing server fails the test, since .ci/run installs it.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use wsmcp_kv::ValkeyConfig;

pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    dir: tempfile::TempDir,
    args: Vec<String>,
}

/// Whether the tests can run here; panics in CI when they cannot.
fn available() -> bool {
    let found = Command::new("redis-server").arg("--version").stdout(Stdio::null()).status().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "redis-server is not installed, and CI must run the Valkey tests (.ci/run installs the Debian package redis-server)"
        );
        eprintln!(
            "SKIPPED: redis-server is not installed (apt-get install redis-server); the Valkey backend is untested here"
        );
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl RedisServer {
    /// A plain server on a free port.
    pub fn start(extra: &[&str]) -> Option<Self> {
        let port = free_port();
        let mut args = vec!["--port".to_string(), port.to_string()];
        args.extend(extra.iter().map(|a| (*a).to_string()));
        Self::start_with(port, args)
    }

    /// A server with `args` (which must make it listen on `port`).
    pub fn start_with(port: u16, args: Vec<String>) -> Option<Self> {
        if !available() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut server = Self { child: None, port, dir, args };
        server.spawn();
        Some(server)
    }

    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_owned()
    }

    fn spawn(&mut self) {
        let child = Command::new("redis-server")
            .args(&self.args)
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir"])
            .arg(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on {} within 10 s", self.port);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts again on the same port (empty: nothing is persisted).
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    pub fn config(&self) -> ValkeyConfig {
        config_for(self.port)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Loopback settings with timeouts roomy enough for a loaded test machine.
pub fn config_for(port: u16) -> ValkeyConfig {
    ValkeyConfig {
        host: "127.0.0.1".into(),
        port,
        tls: false,
        db: 0,
        username: None,
        password: None,
        request_timeout: Duration::from_millis(1000),
        connection_timeout: Duration::from_millis(1000),
        extra_ca_file: None,
        key_prefix: "workspace-mcp:".into(),
    }
}
