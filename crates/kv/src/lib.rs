//! One small key-value interface for everything the server must share between replicas:
//! OAuth 2.1 clients, pending sign-ins, authorization codes, refresh-token families, Google
//! tokens, locks. Backends ([`MemoryKv`], [`DiskKv`], and `ValkeyKv` behind the `valkey`
//! feature) differ only in where the bytes live, so the OAuth logic is written and tested once;
//! [`Sealed`] wraps any of them so the store holds only hashed keys and encrypted values, and
//! [`KvConfig::from_env`] with [`open`] picks one from the `WORKSPACE_MCP_OAUTH_PROXY_*` settings.
//!
//! Rules every backend keeps:
//! - values are opaque bytes; callers that store secrets seal them first (the store sees
//!   ciphertext and keys that are hashes, never tokens);
//! - every entry may carry a time to live, after which it is gone for every reader;
//! - `take` and `put_if_absent` are atomic across all replicas sharing the backend: a one-time
//!   code taken twice is returned once, a lock put twice is held once.

mod config;
mod disk;
mod memory;
mod sealed;
#[cfg(feature = "valkey")]
mod valkey;

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

pub use config::{KvConfig, ValkeyConfig, open};
pub use disk::DiskKv;
pub use memory::MemoryKv;
pub use sealed::Sealed;
#[cfg(feature = "valkey")]
pub use valkey::ValkeyKv;

#[derive(Debug, thiserror::Error)]
pub enum KvError {
    /// The backend could not be reached or answered with an error; the message says which.
    #[error("storage backend unavailable: {0}")]
    Unavailable(String),
    /// Stored bytes could not be read back (corrupt, or sealed with another key).
    #[error("stored value unreadable: {0}")]
    Corrupt(String),
}

pub type KvResult<T> = Result<T, KvError>;

/// A shared key-value store. Keys are short ASCII strings namespaced by the caller
/// (`"oauth21:code:<hash>"`); `ttl: None` keeps an entry until it is deleted.
pub trait Kv: Send + Sync + 'static {
    /// Backend name for `/health/ready` (`"memory"`, `"disk"`, `"valkey"`).
    fn name(&self) -> &'static str;

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>>;

    /// Writes (or overwrites) an entry.
    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>>;

    /// Writes only when no live entry has this key; true when this call wrote it.
    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>>;

    /// Removes an entry and returns what it held, atomically: of two concurrent takes, one
    /// gets the value and the other `None`.
    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>>;

    /// Removes an entry; true when there was a live one.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>>;

    /// A cheap round trip proving the backend answers (readiness probe).
    fn probe(&self) -> BoxFuture<'_, KvResult<()>>;
}

/// A shared backend is a backend too, so wrappers such as [`Sealed`] take what [`open`] returns.
impl Kv for Arc<dyn Kv> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        (**self).get(key)
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        (**self).put(key, value, ttl)
    }

    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        (**self).put_if_absent(key, value, ttl)
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        (**self).take(key)
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        (**self).delete(key)
    }

    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        (**self).probe()
    }
}

/// Lowercase hex of `bytes` (file names, hashed keys).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}
