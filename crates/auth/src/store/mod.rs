//! Per-user token files, encrypted at rest (format: see `crypto`).
//!
//! `<dir>/<quoted email>.enc` holds one account's grant. Decrypted tokens are
//! cached in memory; a cache entry is trusted only while the file's identity
//! (inode, size, mtime) is unchanged, so a token rewritten by another process
//! (a second server, the CLI) is picked up without re-reading files per call.

mod crypto;
mod fsutil;
mod legacy;
mod record;

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::{AuthError, Secret};
use chrono::{DateTime, Utc};
use crypto::TokenKey;
use legacy::{ENC_EXT, LEGACY_EXT, MIGRATED_SUFFIX};

/// One account's OAuth grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    /// When the access token stops working; `None` if Google never said.
    pub expiry: Option<DateTime<Utc>>,
    pub scopes: Vec<String>,
    /// Lower-case account email; also the file's name.
    pub email: String,
    /// The OAuth client the grant belongs to; empty when unknown (old files).
    pub client_id: String,
}

/// Trims and lower-cases an account email: Google addresses are case-insensitive,
/// and one account must map to one file.
pub fn normalize_email(email: &str) -> Result<String, AuthError> {
    let e = email.trim();
    if e.is_empty() || e.len() > 320 || !e.contains('@') || e.chars().any(char::is_control) {
        return Err(AuthError::InvalidEmail(email.to_owned()));
    }
    Ok(e.to_lowercase())
}

/// The credentials directory. Cheap to clone (shared state behind an `Arc`).
#[derive(Clone)]
pub struct TokenStore {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    key: TokenKey,
    cache: Mutex<HashMap<String, (FileId, StoredToken)>>,
}

/// What identifies one version of a file; `rename` gives each write a new inode.
#[derive(Clone, Copy, PartialEq, Eq)]
struct FileId {
    #[cfg(unix)]
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileId {
    fn of(meta: &fs::Metadata) -> Self {
        Self {
            #[cfg(unix)]
            ino: std::os::unix::fs::MetadataExt::ino(meta),
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

impl std::fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStore").field("dir", &self.inner.dir).finish_non_exhaustive()
    }
}

impl TokenStore {
    /// Opens (creating as `0700`) the credentials directory. `env_key` is the value
    /// of `WORKSPACE_MCP_TOKEN_KEY`; without it the key lives in `<dir>/.token-key`.
    pub fn open(dir: impl Into<PathBuf>, env_key: Option<&str>) -> Result<Self, AuthError> {
        let dir = dir.into();
        fsutil::ensure_private_dir(&dir)?;
        let key = TokenKey::resolve(&dir, env_key)?;
        Ok(Self { inner: Arc::new(Inner { dir, key, cache: Mutex::new(HashMap::new()) }) })
    }

    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    fn enc_path(&self, email: &str) -> PathBuf {
        self.inner.dir.join(format!("{}{ENC_EXT}", legacy::quote(email)))
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, (FileId, StoredToken)>> {
        // A panic elsewhere while holding the lock leaves a still-consistent map.
        self.inner.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The stored grant for `email`, or `None` if the account never signed in.
    /// Migrates a reference-format plaintext file on first sight.
    pub fn load(&self, email: &str) -> Result<Option<StoredToken>, AuthError> {
        let email_n = normalize_email(email)?;
        let path = self.enc_path(&email_n);
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                self.cache().remove(&email_n);
                return self.migrate(email, &email_n);
            }
            Err(e) => return Err(AuthError::io("read", path, e)),
        };
        let id = FileId::of(&meta);
        if let Some((cached_id, token)) = self.cache().get(&email_n)
            && *cached_id == id
        {
            return Ok(Some(token.clone()));
        }
        let bytes = fs::read(&path).map_err(|e| AuthError::io("read", &path, e))?;
        let plain = self.inner.key.open(&path, &email_n, &bytes)?;
        let token = record::decode(&path, &email_n, &plain)?;
        self.cache().insert(email_n, (id, token.clone()));
        Ok(Some(token))
    }

    /// Writes (atomically) and caches the grant for `token.email`.
    pub fn save(&self, token: &StoredToken) -> Result<(), AuthError> {
        let email = normalize_email(&token.email)?;
        let plain = record::encode(token, &email)
            .map_err(|detail| AuthError::Corrupt { path: self.enc_path(&email), detail })?;
        let sealed = self.inner.key.seal(&email, &plain)?;
        let path = self.enc_path(&email);
        self.cache().remove(&email);
        let meta = fsutil::write_atomic(&self.inner.dir, &path, &sealed)?;
        // Keyed to this write's file identity: if a concurrent save replaced the
        // file meanwhile, the entry simply won't match and the next load re-reads.
        let token = StoredToken { email: email.clone(), ..token.clone() };
        self.cache().insert(email, (FileId::of(&meta), token));
        Ok(())
    }

    /// Forgets the account: removes its encrypted file and any plaintext file or
    /// migrated backup, so nothing brings the grant back. True if anything existed.
    pub fn delete(&self, email: &str) -> Result<bool, AuthError> {
        let email_n = normalize_email(email)?;
        self.cache().remove(&email_n);
        let mut paths = vec![self.enc_path(&email_n)];
        for legacy_path in self.legacy_paths(email, &email_n) {
            paths.push(with_suffix(&legacy_path, MIGRATED_SUFFIX));
            paths.push(legacy_path);
        }
        let mut removed = false;
        for path in paths {
            match fs::remove_file(&path) {
                Ok(()) => removed = true,
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(AuthError::io("delete", path, e)),
            }
        }
        Ok(removed)
    }

    /// Accounts with a token file (encrypted or not yet migrated), sorted.
    pub fn list_users(&self) -> Result<Vec<String>, AuthError> {
        let entries = fs::read_dir(&self.inner.dir).map_err(|e| AuthError::io("list", &self.inner.dir, e))?;
        let mut users: Vec<String> = entries
            .filter_map(|entry| entry.ok()?.file_name().to_str().and_then(legacy::user_from_file_name))
            .collect();
        users.sort();
        users.dedup();
        Ok(users)
    }

    /// Cheap readiness check: the directory can be listed and written.
    pub fn probe(&self) -> Result<(), AuthError> {
        fs::read_dir(&self.inner.dir).map_err(|e| AuthError::io("list", &self.inner.dir, e))?;
        let (tmp, _) = fsutil::write_temp(&self.inner.dir, "probe", b"")?;
        fs::remove_file(&tmp).map_err(|e| AuthError::io("delete", tmp, e))
    }

    /// Candidate reference-format file names, newest naming scheme first.
    fn legacy_paths(&self, email: &str, email_n: &str) -> Vec<PathBuf> {
        let given = email.trim();
        let names = [legacy::quote(email_n), legacy::quote(given), legacy::sanitize(email_n), legacy::sanitize(given)];
        let mut paths: Vec<PathBuf> = Vec::new();
        for name in names {
            let path = self.inner.dir.join(format!("{name}{LEGACY_EXT}"));
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        // The reference kept the email's case in names; `list_users` reports them
        // lower-cased, so find such files by their decoded name too.
        if let Ok(entries) = fs::read_dir(&self.inner.dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                // A migrated backup stands for its original name (for `delete`).
                let name = name.strip_suffix(MIGRATED_SUFFIX).unwrap_or(name);
                let path = self.inner.dir.join(name);
                if name.ends_with(LEGACY_EXT)
                    && legacy::user_from_file_name(name).as_deref() == Some(email_n)
                    && !paths.contains(&path)
                {
                    paths.push(path);
                }
            }
        }
        paths
    }

    /// Encrypts a reference plaintext file, then renames it to `*.json.migrated`.
    ///
    /// Renamed rather than deleted so a rollback to the reference server stays
    /// possible by hand; renamed rather than left so the reference's plaintext
    /// is not read again and nothing looks like a second live copy. The log line
    /// names the backup so the operator can delete it.
    fn migrate(&self, email: &str, email_n: &str) -> Result<Option<StoredToken>, AuthError> {
        for path in self.legacy_paths(email, email_n) {
            let bytes = match fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(AuthError::io("read", path, e)),
            };
            let token = match legacy::parse(&bytes, email_n) {
                Ok(t) => t,
                Err(detail) => {
                    tracing::warn!(path = %path.display(), %detail, "ignoring unreadable plaintext token file; the account must sign in again");
                    continue;
                }
            };
            self.save(&token)?;
            let backup = with_suffix(&path, MIGRATED_SUFFIX);
            match fs::rename(&path, &backup) {
                // NotFound: a concurrent load migrated the same file first.
                Err(e) if e.kind() != ErrorKind::NotFound => {
                    tracing::warn!(path = %path.display(), error = %e, "token migrated but the plaintext file could not be renamed; delete it by hand");
                }
                _ => tracing::warn!(
                    user = email_n, from = %path.display(), backup = %backup.display(),
                    "migrated a plaintext token file to encrypted storage; the plaintext backup can be deleted once no rollback is needed"
                ),
            }
            return Ok(Some(token));
        }
        Ok(None)
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
