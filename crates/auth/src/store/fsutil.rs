//! Private directories and crash-safe file writes.
//!
//! Every write goes to a fresh `0600` temp file in the target directory, is
//! fsynced, then renamed over the final name: readers see the old file or the new
//! one, never half of one, and a crash leaves at most a stray `.tmp-*` file.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rand::Rng as _;

use crate::AuthError;

/// Prefix of in-flight temp files; they are hidden so listings skip them.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

/// Creates `dir` (and missing parents) as `0700`. An existing directory keeps its
/// mode — it may be one the operator chose deliberately — but a group/world
/// accessible one is worth a warning.
pub(crate) fn ensure_private_dir(dir: &Path) -> Result<(), AuthError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| AuthError::io("create directory", dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir).map_err(|e| AuthError::io("inspect", dir, e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(dir = %dir.display(), "credentials directory is accessible to other users; consider chmod 700");
        }
    }
    Ok(())
}

/// Opens a new file that must not exist yet, readable by the owner only.
pub(crate) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// Writes `bytes` to a new fsynced `0600` temp file in `dir`; returns its path and
/// metadata (which survive the rename, so they identify this version of the file).
pub(crate) fn write_temp(dir: &Path, label: &str, bytes: &[u8]) -> Result<(PathBuf, Metadata), AuthError> {
    let mut rnd = [0u8; 8];
    rand::rng().fill_bytes(&mut rnd);
    let suffix: String = rnd.iter().map(|b| format!("{b:02x}")).collect();
    let tmp = dir.join(format!("{TEMP_PREFIX}{suffix}-{label}"));
    let result = create_new_private(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()?;
        f.metadata()
    });
    match result {
        Ok(meta) => Ok((tmp, meta)),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(AuthError::io("write", tmp, e))
        }
    }
}

/// Atomically replaces `path` (in `dir`) with `bytes`; returns the new file's metadata.
pub(crate) fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> Result<Metadata, AuthError> {
    let label = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let (tmp, meta) = write_temp(dir, label, bytes)?;
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(AuthError::io("replace", path, e));
    }
    sync_dir(dir);
    Ok(meta)
}

/// Makes a rename durable. Best effort: not every platform or filesystem lets a
/// directory be fsynced, and the data itself is already on disk.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
