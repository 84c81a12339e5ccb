//! Where tools put files they hand back (attachments, exports) instead of pushing megabytes
//! of base64 through the model's context. The server decides the storage and the link.

use std::path::Path;
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;

/// How long a saved file lives: its download link and the file on disk expire together,
/// judged by the file's modification time so that the rule survives restarts.
pub const LIFETIME: Duration = Duration::from_secs(3600);

/// Whether the file at `path` was saved less than [`LIFETIME`] ago (false if unreadable).
pub fn is_fresh(path: &Path) -> bool {
    let modified = std::fs::metadata(path).and_then(|m| m.modified());
    modified.is_ok_and(|at| SystemTime::now().duration_since(at).map_or(true, |age| age < LIFETIME))
}

/// A stored file, reachable by the client through `url` (HTTP transport) or `path` (stdio), or
/// carried in the result itself (`inline`, stateless mode, where no replica keeps files).
#[derive(Debug, Clone)]
pub struct SavedFile {
    pub id: String,
    pub path: std::path::PathBuf,
    pub url: Option<String>,
    pub size: u64,
    pub mime_type: String,
    pub name: String,
    /// The bytes themselves, when the server stores nothing: the result embeds them.
    pub inline: Option<InlineBytes>,
}

impl SavedFile {
    /// The link a client should use: the download URL when there is one, else the local path;
    /// an inline file names the embedded resource that carries it.
    pub fn location(&self) -> String {
        match (&self.url, &self.inline) {
            (Some(u), _) => u.clone(),
            (None, Some(_)) => format!("embedded in this result as {}", self.inline_uri()),
            (None, None) => self.path.display().to_string(),
        }
    }

    /// The URI of the embedded resource of an inline file.
    pub fn inline_uri(&self) -> String {
        format!("attachment:{}", self.id)
    }
}

/// A file's bytes held in memory; `Debug` shows only the length, so a logged result never
/// dumps a file.
#[derive(Clone)]
pub struct InlineBytes(pub std::sync::Arc<[u8]>);

impl std::fmt::Debug for InlineBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InlineBytes({} bytes)", self.0.len())
    }
}

pub trait FileStore: Send + Sync {
    fn save<'a>(
        &'a self,
        name: &'a str,
        mime_type: &'a str,
        bytes: &'a [u8],
    ) -> BoxFuture<'a, Result<SavedFile, crate::ToolError>>;
}
