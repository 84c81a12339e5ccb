//! The on-disk form of one entry and the file operations the backend is built from.
//!
//! An entry is one file named after the hex SHA-256 of its key (no key, however it is spelled,
//! names a path outside the directory), holding:
//!
//! | bytes | content                                                    |
//! |-------|------------------------------------------------------------|
//! | 0..4  | magic `WKV1`                                               |
//! | 4..12 | expiry, milliseconds since the Unix epoch, little endian; 0 = never |
//! | 12..  | the value                                                  |
//!
//! Expiry is wall-clock time because the file outlives the process and is read by others.
//! Every file is written whole into a fresh `0600` temp file, fsynced, then published by a
//! rename (`put`) or a hard link (`put_if_absent`, which fails if the name exists): a reader
//! sees an old entry or a new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::Rng as _;

use crate::KvError;

const MAGIC: &[u8; 4] = b"WKV1";
pub(super) const HEADER_LEN: usize = 12;

/// Prefixes of the files that are not entries: in-flight writes, and entries a `take`,
/// `delete` or sweep has claimed by renaming them. All start with a dot; entry names never do.
pub(super) const TEMP_PREFIX: &str = ".tmp-";
pub(super) const CLAIM_PREFIX: &str = ".claim-";

/// Expiry as stored: `None` (0) or milliseconds since the epoch, never 0 itself.
pub(super) fn expiry_millis(now: SystemTime, ttl: Option<Duration>) -> u64 {
    let Some(ttl) = ttl else { return 0 };
    let at = now.checked_add(ttl).unwrap_or(now);
    let ms = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    u64::try_from(ms).unwrap_or(u64::MAX).max(1)
}

pub(super) fn is_live(expires_ms: u64, now: SystemTime) -> bool {
    if expires_ms == 0 {
        return true;
    }
    let now_ms = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    u128::from(expires_ms) > now_ms
}

pub(super) fn encode(value: &[u8], expires_ms: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + value.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&expires_ms.to_le_bytes());
    out.extend_from_slice(value);
    out
}

/// The expiry in a file's first [`HEADER_LEN`] bytes.
pub(super) fn decode_header(bytes: &[u8], path: &Path) -> Result<u64, KvError> {
    match (bytes.get(..4), bytes.get(4..HEADER_LEN)) {
        (Some(magic), Some(expiry)) if magic == MAGIC => {
            let mut le = [0u8; 8];
            le.copy_from_slice(expiry);
            Ok(u64::from_le_bytes(le))
        }
        _ => Err(KvError::Corrupt(format!("{} is not a wsmcp-kv entry", path.display()))),
    }
}

/// Value and expiry of a whole file.
pub(super) fn decode(mut bytes: Vec<u8>, path: &Path) -> Result<(Vec<u8>, u64), KvError> {
    let expires = decode_header(&bytes, path)?;
    bytes.drain(..HEADER_LEN);
    Ok((bytes, expires))
}

/// The expiry of the entry at `path`, reading only its header; `None` when it is gone.
pub(super) fn read_expiry(path: &Path) -> io::Result<Option<Result<u64, KvError>>> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut header = [0u8; HEADER_LEN];
    let mut filled = 0;
    while filled < HEADER_LEN {
        match file.read(&mut header[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(Some(decode_header(&header[..filled], path)))
}

/// Reads a whole file; `None` when it does not exist.
pub(super) fn read_if_exists(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A name no other process will pick: `prefix` and 128 random bits.
pub(super) fn unique_name(dir: &Path, prefix: &str) -> PathBuf {
    let mut rnd = [0u8; 16];
    rand::rng().fill_bytes(&mut rnd);
    dir.join(format!("{prefix}{}", crate::hex(&rnd)))
}

/// Writes `bytes` into a new fsynced `0600` temp file in `dir` and returns its path.
pub(super) fn write_temp(dir: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let tmp = unique_name(dir, TEMP_PREFIX);
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Moves the entry at `path` to a fresh claim name, so no other process can reach it; `None`
/// when there was no entry. Of several processes claiming one file, exactly one succeeds
/// (rename is atomic; the others find the name gone).
pub(super) fn claim(dir: &Path, path: &Path) -> io::Result<Option<PathBuf>> {
    let claimed = unique_name(dir, CLAIM_PREFIX);
    match fs::rename(path, &claimed) {
        Ok(()) => Ok(Some(claimed)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Makes renames and unlinks durable. Best effort: not every filesystem lets a directory be
/// fsynced, and the data itself is already on disk.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates `dir` (and missing parents) as `0700`; an existing directory keeps its mode.
pub(super) fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
