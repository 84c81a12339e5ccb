//! Attachment storage: files tools save (mail attachments, exports) go to a private directory
//! and are offered as `{public base}/attachments/{id}` over HTTP, or as a local path under
//! stdio. Entries expire after an hour; expired files are removed when the next one is saved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use wsmcp_core::ToolError;
use wsmcp_core::files::{FileStore, SavedFile};

const LIFETIME: Duration = Duration::from_secs(3600);

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

    fn sweep(&self) {
        let expired: Vec<PathBuf> = match self.entries.lock() {
            Ok(mut entries) => {
                let old: Vec<String> =
                    entries.iter().filter(|(_, (_, at))| at.elapsed() >= LIFETIME).map(|(k, _)| k.clone()).collect();
                old.iter().filter_map(|k| entries.remove(k)).map(|(f, _)| f.path).collect()
            }
            Err(_) => Vec::new(),
        };
        for path in expired {
            let _ = std::fs::remove_file(path);
        }
    }

    fn write(&self, name: &str, mime_type: &str, bytes: &[u8]) -> Result<SavedFile, ToolError> {
        create_private_dir(&self.dir)
            .map_err(|e| ToolError::File(format!("cannot create {}: {e}", self.dir.display())))?;
        let id = uuid::Uuid::new_v4().to_string();
        let safe = safe_file_name(name);
        let (stem, ext) = match safe.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (safe.clone(), String::new()),
        };
        let path = self.dir.join(format!("{stem}_{id}{ext}"));
        write_private(&path, bytes).map_err(|e| ToolError::File(format!("cannot write {}: {e}", path.display())))?;
        let url = self.url_base.as_ref().map(|b| format!("{}/attachments/{id}", b.trim_end_matches('/')));
        let saved = SavedFile {
            id: id.clone(),
            path,
            url,
            size: bytes.len() as u64,
            mime_type: mime_type.to_string(),
            name: safe,
        };
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(id, (saved.clone(), Instant::now()));
        }
        Ok(saved)
    }
}

impl FileStore for AttachmentStore {
    fn save<'a>(
        &'a self,
        name: &'a str,
        mime_type: &'a str,
        bytes: &'a [u8],
    ) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async move {
            self.sweep();
            self.write(name, mime_type, bytes)
        })
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
}
