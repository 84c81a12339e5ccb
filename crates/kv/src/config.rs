//! Which backend, from the `WORKSPACE_MCP_OAUTH_PROXY_*` settings. The crate reads no
//! environment itself: the server hands [`KvConfig::from_env`] its reader, so tests pass maps.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::{DiskKv, Kv, KvResult, MemoryKv};

const BACKEND: &str = "WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND";
const DISK_DIRECTORY: &str = "WORKSPACE_MCP_OAUTH_PROXY_DISK_DIRECTORY";
const VALKEY: &str = "WORKSPACE_MCP_OAUTH_PROXY_VALKEY_";
/// Every Valkey key starts with this.
pub const KEY_PREFIX: &str = "workspace-mcp:";

/// Timeouts when the Valkey host is remote (the reference's figures) and when it is on this
/// machine, where an answer slower than this means it is down.
const REMOTE_REQUEST_TIMEOUT: Duration = Duration::from_millis(5000);
const REMOTE_CONNECTION_TIMEOUT: Duration = Duration::from_millis(10_000);
const LOOPBACK_REQUEST_TIMEOUT: Duration = Duration::from_millis(250);
const LOOPBACK_CONNECTION_TIMEOUT: Duration = Duration::from_millis(2000);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvConfig {
    Memory,
    Disk { directory: PathBuf },
    Valkey(ValkeyConfig),
}

#[derive(Clone, PartialEq, Eq)]
pub struct ValkeyConfig {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub db: u32,
    pub username: Option<String>,
    pub password: Option<String>,
    /// Longest wait for one command's answer; a call never waits longer, even while the
    /// connection is being re-established.
    pub request_timeout: Duration,
    pub connection_timeout: Duration,
    /// A PEM bundle of CAs trusted besides the compiled-in web roots (`SSL_CERT_FILE`).
    pub extra_ca_file: Option<PathBuf>,
    /// Put before every key, so one database can serve other applications too.
    pub key_prefix: String,
}

impl fmt::Debug for ValkeyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValkeyConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("db", &self.db)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("request_timeout", &self.request_timeout)
            .field("connection_timeout", &self.connection_timeout)
            .field("extra_ca_file", &self.extra_ca_file)
            .field("key_prefix", &self.key_prefix)
            .finish()
    }
}

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A set, non-blank value, trimmed.
fn var(env: Env<'_>, name: &str) -> Option<String> {
    env(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl KvConfig {
    /// The backend `WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND` names (`memory`, `disk`,
    /// `valkey`); unset, Valkey when `..._VALKEY_HOST` is set, else the disk (as the reference,
    /// whose default store is files under `$FASTMCP_HOME/oauth-proxy`). Errors are one line
    /// naming the variable.
    pub fn from_env(env: Env<'_>) -> Result<Self, String> {
        let backend = var(env, BACKEND).map(|b| b.to_ascii_lowercase());
        match backend.as_deref() {
            Some("memory") => Ok(Self::Memory),
            Some("disk") => disk_from_env(env),
            Some("valkey") => valkey_from_env(env).map(Self::Valkey),
            Some(other) => Err(format!("{BACKEND} must be memory, disk or valkey, not {other:?}")),
            None if var(env, &format!("{VALKEY}HOST")).is_some() => valkey_from_env(env).map(Self::Valkey),
            None => disk_from_env(env),
        }
    }

    /// For the startup log: the backend and where it keeps its data (never a password).
    pub fn describe(&self) -> String {
        match self {
            Self::Memory => "memory (this process only, lost on restart)".into(),
            Self::Disk { directory } => format!("disk at {}", directory.display()),
            Self::Valkey(v) => {
                format!("valkey at {}:{} db {}{}", v.host, v.port, v.db, if v.tls { " over TLS" } else { "" })
            }
        }
    }
}

fn disk_from_env(env: Env<'_>) -> Result<KvConfig, String> {
    let home = var(env, "HOME");
    let expand = |path: String| match (path.strip_prefix("~/"), &home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    };
    let directory = match (var(env, DISK_DIRECTORY), var(env, "FASTMCP_HOME"), &home) {
        (Some(dir), _, _) => expand(dir),
        (None, Some(fastmcp), _) => expand(fastmcp).join("oauth-proxy"),
        (None, None, Some(home)) => PathBuf::from(home).join(".fastmcp").join("oauth-proxy"),
        (None, None, None) => {
            return Err(format!(
                "set {DISK_DIRECTORY}: neither FASTMCP_HOME nor HOME says where the disk storage goes"
            ));
        }
    };
    Ok(KvConfig::Disk { directory })
}

fn valkey_from_env(env: Env<'_>) -> Result<ValkeyConfig, String> {
    let get = |suffix: &str| var(env, &format!("{VALKEY}{suffix}"));
    let host = get("HOST").unwrap_or_else(|| "localhost".into());
    let port = match get("PORT") {
        None => 6379,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| format!("{VALKEY}PORT must be a port number (1-65535), not {p:?}"))?,
    };
    let tls = match get("USE_TLS") {
        None => port == 6380,
        Some(v) => parse_bool(&v).ok_or_else(|| format!("{VALKEY}USE_TLS must be true or false, not {v:?}"))?,
    };
    let db = match get("DB") {
        None => 0,
        Some(d) => {
            d.parse::<u32>().map_err(|_| format!("{VALKEY}DB must be a database number (0, 1, ...), not {d:?}"))?
        }
    };
    let loopback = is_loopback(&host);
    let millis = |suffix: &str, remote: Duration, local: Duration| match get(suffix) {
        None => Ok(if loopback { local } else { remote }),
        Some(ms) => ms
            .parse::<u64>()
            .ok()
            .filter(|ms| *ms > 0)
            .map(Duration::from_millis)
            .ok_or_else(|| format!("{VALKEY}{suffix} must be a positive number of milliseconds, not {ms:?}")),
    };
    Ok(ValkeyConfig {
        request_timeout: millis("REQUEST_TIMEOUT_MS", REMOTE_REQUEST_TIMEOUT, LOOPBACK_REQUEST_TIMEOUT)?,
        connection_timeout: millis("CONNECTION_TIMEOUT_MS", REMOTE_CONNECTION_TIMEOUT, LOOPBACK_CONNECTION_TIMEOUT)?,
        host,
        port,
        tls,
        db,
        username: get("USERNAME"),
        // A password may legitimately have surrounding spaces: taken as given.
        password: env(&format!("{VALKEY}PASSWORD")).filter(|p| !p.is_empty()),
        extra_ca_file: var(env, "SSL_CERT_FILE").or_else(|| var(env, "REQUESTS_CA_BUNDLE")).map(PathBuf::from),
        key_prefix: KEY_PREFIX.into(),
    })
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Opens the configured backend. Valkey connects lazily (a server that is down at startup is
/// reported by `probe` and by each call, not here) and needs a tokio runtime; the disk
/// backend creates and sweeps its directory, which blocks briefly.
pub fn open(config: &KvConfig) -> KvResult<Arc<dyn Kv>> {
    match config {
        KvConfig::Memory => Ok(Arc::new(MemoryKv::new())),
        KvConfig::Disk { directory } => Ok(Arc::new(DiskKv::open(directory.clone())?)),
        #[cfg(feature = "valkey")]
        KvConfig::Valkey(valkey) => Ok(Arc::new(crate::ValkeyKv::connect(valkey)?)),
        #[cfg(not(feature = "valkey"))]
        KvConfig::Valkey(_) => Err(crate::KvError::Unavailable(
            "this build has no Valkey support (built without the `valkey` feature of wsmcp-kv)".into(),
        )),
    }
}

#[cfg(test)]
mod tests;
