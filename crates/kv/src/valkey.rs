//! The Valkey (or Redis ≥ 6.2) backend (`..._STORAGE_BACKEND=valkey`): what every replica
//! behind a load balancer shares. Each operation is one command, atomic on the server:
//! `SET … PX` (put), `SET … NX PX` (put_if_absent), `GETDEL` (take), `DEL`, `PING` (probe).
//!
//! One multiplexed connection per process, re-established in the background by redis-rs's
//! connection manager when it drops. Every call is bounded by the request timeout, including
//! while the connection is being re-established: an outage is a prompt `Unavailable`, never
//! a request hanging on storage. TLS goes through the workspace's rustls (ring) and trusts the
//! compiled-in web roots plus `SSL_CERT_FILE`, as the Google client does.

use std::time::Duration;

use base64::Engine as _;
use futures::FutureExt;
use futures::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, ConnectionAddr, FromRedisValue, IntoConnectionInfo, RedisConnectionInfo, TlsCertificates, Value};

use crate::{Kv, KvError, KvResult, ValkeyConfig};

/// How often the connection manager retries a lost connection before failing the calls
/// waiting on it; the next call starts a new round. Short, because callers time out anyway.
const RECONNECT_RETRIES: usize = 2;
const RECONNECT_MAX_DELAY: Duration = Duration::from_millis(500);

pub struct ValkeyKv {
    connection: ConnectionManager,
    prefix: String,
    request_timeout: Duration,
    target: String,
}

impl ValkeyKv {
    /// Prepares the connection without opening it (the first call or `probe` does), so a
    /// server that is down at startup delays nothing. Needs a tokio runtime.
    pub fn connect(config: &ValkeyConfig) -> KvResult<Self> {
        let target = format!("{}:{}", config.host, config.port);
        let bad_config = |e: redis::RedisError| KvError::Unavailable(format!("valkey at {target}: {e}"));
        let addr = if config.tls {
            ConnectionAddr::TcpTls { host: config.host.clone(), port: config.port, insecure: false, tls_params: None }
        } else {
            ConnectionAddr::Tcp(config.host.clone(), config.port)
        };
        let mut settings = RedisConnectionInfo::default().set_db(i64::from(config.db));
        if let Some(user) = &config.username {
            settings = settings.set_username(user);
        }
        if let Some(password) = &config.password {
            settings = settings.set_password(password);
        }
        let info = addr.into_connection_info().map_err(bad_config)?.set_redis_settings(settings);
        let client = if config.tls {
            // The process's TLS provider is ring, as for the Google client; whoever installs
            // it first wins, and it is the same provider.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let roots = trusted_roots_pem(config)?;
            Client::build_with_tls(info, TlsCertificates { client_tls: None, root_cert: Some(roots) })
        } else {
            Client::open(info)
        }
        .map_err(bad_config)?;
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(config.connection_timeout))
            .set_response_timeout(Some(config.request_timeout))
            .set_number_of_retries(RECONNECT_RETRIES)
            .set_max_delay(RECONNECT_MAX_DELAY);
        let connection = ConnectionManager::new_lazy_with_config(client, manager_config).map_err(bad_config)?;
        Ok(Self { connection, prefix: config.key_prefix.clone(), request_timeout: config.request_timeout, target })
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// Sends one command, bounded by the request timeout whatever the connection is doing.
    async fn query<T: FromRedisValue>(&self, cmd: redis::Cmd) -> KvResult<T> {
        let mut connection = self.connection.clone();
        match tokio::time::timeout(self.request_timeout, cmd.query_async::<T>(&mut connection)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(KvError::Unavailable(self.explain(&e))),
            Err(_) => Err(KvError::Unavailable(format!(
                "valkey at {} did not answer within {} ms",
                self.target,
                self.request_timeout.as_millis()
            ))),
        }
    }

    fn explain(&self, e: &redis::RedisError) -> String {
        let text = e.to_string();
        let hint = if text.contains("unknown command") && text.to_ascii_uppercase().contains("GETDEL") {
            " (GETDEL needs Valkey, or Redis 6.2 or later)"
        } else {
            ""
        };
        format!("valkey at {}: {text}{hint}", self.target)
    }

    fn set(&self, key: &str, value: &[u8], ttl: Option<Duration>) -> redis::Cmd {
        let mut cmd = redis::cmd("SET");
        cmd.arg(self.key(key)).arg(value);
        if let Some(ttl) = ttl {
            // PX 0 is an error to the server; a zero TTL means "expires at once".
            cmd.arg("PX").arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1));
        }
        cmd
    }
}

/// The compiled-in web roots and `SSL_CERT_FILE`'s CAs, as the PEM bundle redis-rs takes.
fn trusted_roots_pem(config: &ValkeyConfig) -> KvResult<Vec<u8>> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut pem = String::new();
    for cert in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
        pem.push_str("-----BEGIN CERTIFICATE-----\n");
        let encoded = b64.encode(cert.as_ref());
        for line in encoded.as_bytes().chunks(64) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
    }
    let mut pem = pem.into_bytes();
    if let Some(path) = &config.extra_ca_file {
        let extra = std::fs::read(path).map_err(|e| {
            KvError::Unavailable(format!("cannot read the CA bundle {} (SSL_CERT_FILE): {e}", path.display()))
        })?;
        pem.push(b'\n');
        pem.extend_from_slice(&extra);
    }
    Ok(pem)
}

impl Kv for ValkeyKv {
    fn name(&self) -> &'static str {
        "valkey"
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let mut cmd = redis::cmd("GET");
        cmd.arg(self.key(key));
        async move { self.query(cmd).await }.boxed()
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        let cmd = self.set(key, value, ttl);
        async move { self.query::<()>(cmd).await }.boxed()
    }

    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        let mut cmd = self.set(key, value, ttl);
        cmd.arg("NX");
        // OK when written, nil when a live entry holds the key.
        async move { Ok(!matches!(self.query::<Value>(cmd).await?, Value::Nil)) }.boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let mut cmd = redis::cmd("GETDEL");
        cmd.arg(self.key(key));
        async move { self.query(cmd).await }.boxed()
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        let mut cmd = redis::cmd("DEL");
        cmd.arg(self.key(key));
        async move { Ok(self.query::<u64>(cmd).await? > 0) }.boxed()
    }

    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        async move { self.query::<()>(redis::cmd("PING")).await }.boxed()
    }
}
