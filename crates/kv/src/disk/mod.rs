//! The file backend (`..._STORAGE_BACKEND=disk`): one file per entry in a private directory,
//! shared safely by every process that opens the same directory (replicas on one host, or on
//! a shared volume with POSIX rename and hard links) and kept across restarts.
//!
//! Atomicity comes from the filesystem, not from locks: `put` renames a complete temp file over
//! the entry, `put_if_absent` hard-links one to a name that must not exist, and `take` and
//! `delete` rename the entry to a unique claim name before reading it, so of two processes
//! taking one entry exactly one gets it. All file work runs on tokio's blocking pool.

mod file;
mod sweep;
#[cfg(test)]
mod tests;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures::FutureExt;
use futures::future::BoxFuture;

use crate::{Kv, KvError, KvResult};

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// How many times `put_if_absent` retries when the entry in its way vanishes or expires
/// between its attempts (another process taking or sweeping it).
const LINK_ATTEMPTS: usize = 4;

pub struct DiskKv {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    clock: Clock,
    sweep: Mutex<sweep::SweepState>,
}

impl DiskKv {
    /// Opens (creating it `0700` if needed) the directory and sweeps expired entries and the
    /// leftovers of processes that died mid-write. Blocking: call it at startup.
    pub fn open(dir: impl Into<PathBuf>) -> KvResult<Self> {
        Self::open_with_clock(dir.into(), Arc::new(SystemTime::now))
    }

    fn open_with_clock(dir: PathBuf, clock: Clock) -> KvResult<Self> {
        file::ensure_private_dir(&dir).map_err(|e| io_error("create the directory", &dir, &e))?;
        let inner = Inner { dir, clock, sweep: Mutex::default() };
        inner.sweep_all().map_err(|e| io_error("list", &inner.dir, &e))?;
        Ok(Self { inner: Arc::new(inner) })
    }

    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// Runs `op` on the blocking pool with owned copies of what it needs.
    fn run<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Inner) -> KvResult<T> + Send + 'static,
    ) -> BoxFuture<'static, KvResult<T>> {
        let inner = Arc::clone(&self.inner);
        async move {
            tokio::task::spawn_blocking(move || op(&inner))
                .await
                .map_err(|e| KvError::Unavailable(format!("disk storage task failed: {e}")))?
        }
        .boxed()
    }
}

fn io_error(action: &str, path: &Path, e: &io::Error) -> KvError {
    KvError::Unavailable(format!("cannot {action} {}: {e}", path.display()))
}

impl Inner {
    fn path_of(&self, key: &str) -> PathBuf {
        self.dir.join(crate::hex(ring::digest::digest(&ring::digest::SHA256, key.as_bytes()).as_ref()))
    }

    fn now(&self) -> SystemTime {
        (self.clock)()
    }

    fn get(&self, key: &str) -> KvResult<Option<Vec<u8>>> {
        let path = self.path_of(key);
        let Some(bytes) = file::read_if_exists(&path).map_err(|e| io_error("read", &path, &e))? else {
            return Ok(None);
        };
        let (value, expires) = file::decode(bytes, &path)?;
        if file::is_live(expires, self.now()) {
            return Ok(Some(value));
        }
        self.remove_expired(&path);
        Ok(None)
    }

    fn put(&self, key: &str, value: &[u8], ttl: Option<Duration>) -> KvResult<()> {
        let path = self.path_of(key);
        let tmp = self.write_temp(value, ttl)?;
        if let Err(e) = fs::rename(&tmp, &path) {
            let _ = fs::remove_file(&tmp);
            return Err(io_error("replace", &path, &e));
        }
        file::sync_dir(&self.dir);
        self.sweep_some();
        Ok(())
    }

    fn put_if_absent(&self, key: &str, value: &[u8], ttl: Option<Duration>) -> KvResult<bool> {
        let path = self.path_of(key);
        let tmp = self.write_temp(value, ttl)?;
        let outcome = self.link_unless_live(&tmp, &path);
        let _ = fs::remove_file(&tmp);
        if outcome.as_ref().is_ok_and(|wrote| *wrote) {
            file::sync_dir(&self.dir);
            self.sweep_some();
        }
        outcome
    }

    /// Publishes `tmp` as `path` unless a live entry holds that name. A hard link fails when
    /// the name exists, whoever made it, so two processes cannot both succeed.
    fn link_unless_live(&self, tmp: &Path, path: &Path) -> KvResult<bool> {
        for _ in 0..LINK_ATTEMPTS {
            match fs::hard_link(tmp, path) {
                Ok(()) => return Ok(true),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(KvError::Unavailable(format!(
                        "cannot link {} (the disk backend needs a filesystem with hard links): {e}",
                        path.display()
                    )));
                }
            }
            match file::read_expiry(path).map_err(|e| io_error("read", path, &e))? {
                Some(Ok(expires)) if file::is_live(expires, self.now()) => return Ok(false),
                Some(Ok(_)) => {
                    self.remove_expired(path);
                }
                Some(Err(corrupt)) => return Err(corrupt),
                None => {} // taken or swept since the link failed: try again
            }
        }
        Err(KvError::Unavailable(format!("{} keeps changing under concurrent writers", path.display())))
    }

    /// Removes the entry and returns its value if it was live.
    fn take(&self, key: &str) -> KvResult<Option<Vec<u8>>> {
        let path = self.path_of(key);
        let Some(claimed) = file::claim(&self.dir, &path).map_err(|e| io_error("claim", &path, &e))? else {
            return Ok(None);
        };
        let bytes = fs::read(&claimed);
        let _ = fs::remove_file(&claimed);
        file::sync_dir(&self.dir);
        let bytes = bytes.map_err(|e| io_error("read", &claimed, &e))?;
        let (value, expires) = file::decode(bytes, &path)?;
        Ok(file::is_live(expires, self.now()).then_some(value))
    }

    fn write_temp(&self, value: &[u8], ttl: Option<Duration>) -> KvResult<PathBuf> {
        let bytes = file::encode(value, file::expiry_millis(self.now(), ttl));
        file::write_temp(&self.dir, &bytes).map_err(|e| io_error("write a file in", &self.dir, &e))
    }

    /// Proves the directory takes a durable write.
    fn probe(&self) -> KvResult<()> {
        let tmp = file::write_temp(&self.dir, b"probe").map_err(|e| io_error("write a file in", &self.dir, &e))?;
        fs::remove_file(&tmp).map_err(|e| io_error("remove", &tmp, &e))
    }
}

impl Kv for DiskKv {
    fn name(&self) -> &'static str {
        "disk"
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let key = key.to_owned();
        self.run(move |inner| inner.get(&key))
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        let (key, value) = (key.to_owned(), value.to_vec());
        self.run(move |inner| inner.put(&key, &value, ttl))
    }

    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        let (key, value) = (key.to_owned(), value.to_vec());
        self.run(move |inner| inner.put_if_absent(&key, &value, ttl))
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let key = key.to_owned();
        self.run(move |inner| inner.take(&key))
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        let key = key.to_owned();
        self.run(move |inner| inner.take(&key).map(|value| value.is_some()))
    }

    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        self.run(Inner::probe)
    }
}
