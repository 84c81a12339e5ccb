//! Attachment storage: files tools save (mail attachments, exports) go to a private directory
//! and are offered as `{public base}/attachments/{id}` over HTTP, or as a local path under
//! stdio. Files expire after an hour ([`LIFETIME`]), judged by their modification time, so the
//! rule holds across restarts: the directory is swept on start and every few minutes, and
//! only files this store named (`<stem>_<uuid><.ext>`) are ever removed. File I/O runs on
//! tokio's blocking pool, never on the async workers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use futures::future::BoxFuture;
use wsmcp_core::ToolError;
use wsmcp_core::files::{FileStore, LIFETIME, SavedFile};

/// How often expired files are swept from the directory.
pub const SWEEP_EVERY: Duration = Duration::from_secs(300);

pub struct AttachmentStore {
    dir: PathBuf,
    /// `Some(base)` when files are served over HTTP at `{base}/attachments/{id}`.
    url_base: Option<String>,
    entries: Mutex<HashMap<String, (SavedFile, Instant)>>,
}

impl AttachmentStore {
    pub fn new(dir: PathBuf, url_base: Option<String>) -> Self {
        AttachmentStore { dir, url_base, entries: Mutex::new(HashMap::new()) }
    }

    /// The stored file with this id, if it has not expired.
    pub fn get(&self, id: &str) -> Option<SavedFile> {
        let entries = self.entries.lock().ok()?;
        entries.get(id).filter(|(_, at)| at.elapsed() < LIFETIME).map(|(f, _)| f.clone())
    }

    /// Sweeps now (files left by an earlier run) and then every `every`, for as long as the
    /// store lives.
    pub fn start_expiry(self: &Arc<Self>, every: Duration) {
        let store = Arc::downgrade(self);
        tokio::spawn(async move {
            while let Some(live) = store.upgrade() {
                live.sweep().await;
                drop(live);
                tokio::time::sleep(every).await;
            }
        });
    }

    /// Forgets expired entries and removes expired files from the directory.
    pub async fn sweep(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, at)| at.elapsed() < LIFETIME);
        }
        let dir = self.dir.clone();
        match tokio::task::spawn_blocking(move || remove_expired(&dir, SystemTime::now())).await {
            Ok(0) | Err(_) => {}
            Ok(n) => tracing::debug!(removed = n, "expired attachments removed"),
        }
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(String, PathBuf, String), ToolError> {
        create_private_dir(dir).map_err(|e| ToolError::File(format!("cannot create {}: {e}", dir.display())))?;
        let id = uuid::Uuid::new_v4().to_string();
        let safe = safe_file_name(name);
        let (stem, ext) = match safe.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (safe.clone(), String::new()),
        };
        let path = dir.join(format!("{stem}_{id}{ext}"));
        write_private(&path, bytes).map_err(|e| ToolError::File(format!("cannot write {}: {e}", path.display())))?;
        Ok((id, path, safe))
    }

    async fn save_owned(&self, name: String, mime_type: &str, bytes: Vec<u8>) -> Result<SavedFile, ToolError> {
        let dir = self.dir.clone();
        let size = bytes.len() as u64;
        let (id, path, safe) = tokio::task::spawn_blocking(move || Self::write(&dir, &name, &bytes))
            .await
            .map_err(|e| ToolError::Internal(format!("saving a file: {e}")))??;
        let url = self.url_base.as_ref().map(|b| format!("{}/attachments/{id}", b.trim_end_matches('/')));
        let saved =
            SavedFile { id: id.clone(), path, url, size, mime_type: mime_type.to_string(), name: safe, inline: None };
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, at)| at.elapsed() < LIFETIME);
            entries.insert(id, (saved.clone(), Instant::now()));
        }
        Ok(saved)
    }
}

/// Removes files in `dir` that this store named and that are older than [`LIFETIME`] at
/// `now`; returns how many. Anything else in the directory is left alone, since an operator
/// may point `WORKSPACE_ATTACHMENT_DIR` at a shared folder.
fn remove_expired(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(is_store_name);
        // `DirEntry::metadata` does not follow symlinks: only regular files are ours.
        let expired = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .is_some_and(|at| now.duration_since(at).is_ok_and(|age| age >= LIFETIME));
        if ours && expired && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `name` is one this store gives files: `<stem>_<uuid><.ext>` or `<uuid>`.
fn is_store_name(name: &str) -> bool {
    let stem = match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => name,
    };
    let id = stem.rsplit_once('_').map_or(stem, |(_, id)| id);
    uuid::Uuid::try_parse(id).is_ok_and(|u| u.hyphenated().to_string() == id)
}

impl FileStore for AttachmentStore {
    fn save<'a>(
        &'a self,
        name: &'a str,
        mime_type: &'a str,
        bytes: &'a [u8],
    ) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(self.save_owned(name.to_string(), mime_type, bytes.to_vec()))
    }
}

/// Keeps a file name readable but harmless: no path separators, no leading dots.
fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' }).collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() { "attachment".to_string() } else { trimmed.chars().take(120).collect() }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_the_directory() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".env"), "env");
        assert_eq!(safe_file_name(""), "attachment");
        assert_eq!(safe_file_name("Rechnung März.pdf"), "Rechnung März.pdf");
    }

    fn age(path: &Path, by: Duration) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - by).unwrap();
    }

    /// Only files this store named, and only once older than the lifetime, are removed; a
    /// file the operator keeps in the same directory survives however old it is.
    #[test]
    fn expired_files_of_this_store_are_removed_by_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let id = "0b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d";
        let old_ours = dir.path().join(format!("report_{id}.pdf"));
        let old_bare = dir.path().join("1b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d");
        let fresh_ours = dir.path().join("notes_2b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d.txt");
        let old_foreign = dir.path().join("taxes_2019.pdf");
        for p in [&old_ours, &old_bare, &fresh_ours, &old_foreign] {
            std::fs::write(p, "x").unwrap();
        }
        for p in [&old_ours, &old_bare, &old_foreign] {
            age(p, LIFETIME + Duration::from_secs(5));
        }
        assert_eq!(remove_expired(dir.path(), SystemTime::now()), 2);
        assert!(!old_ours.exists() && !old_bare.exists());
        assert!(fresh_ours.exists() && old_foreign.exists());
        assert!(is_store_name(&format!("a_b_{id}")) && !is_store_name("a_b") && !is_store_name("x_0b6f3c1e.pdf"));
    }

    /// A restart: files left by an earlier run are swept when the store starts, and later
    /// ones on the periodic sweep; none of it blocks (it runs on a current-thread runtime).
    #[tokio::test]
    async fn sweeps_on_start_and_periodically() {
        let dir = tempfile::tempdir().unwrap();
        let left_over = dir.path().join("old_3b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d.pdf");
        std::fs::write(&left_over, "x").unwrap();
        age(&left_over, LIFETIME * 2);
        let store = Arc::new(AttachmentStore::new(dir.path().to_path_buf(), None));
        let saved = store.save("later.txt", "text/plain", b"hello").await.unwrap();
        assert!(left_over.exists(), "saving does not sweep by itself");
        store.start_expiry(Duration::from_millis(20));
        wait_until(|| !left_over.exists()).await;
        assert!(saved.path.exists() && store.get(&saved.id).is_some());
        age(&saved.path, LIFETIME + Duration::from_secs(1));
        wait_until(|| !saved.path.exists()).await;
    }

    async fn wait_until(done: impl Fn() -> bool) {
        for _ in 0..200 {
            if done() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("condition not met within 2 s");
    }
}
