//! Removing what nobody will read again: expired entries, and temp or claimed files left by a
//! process that died mid-operation. The whole directory is swept when a backend opens it;
//! afterwards writes sweep a sixteenth of it (by the first hex digit of the file name) at most
//! every [`SWEEP_EVERY`], looking at no more than [`SWEEP_AT_MOST`] entries, so no call pays
//! for the whole directory.

use std::fs::{self, DirEntry};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use super::Inner;
use super::file::{self, CLAIM_PREFIX, TEMP_PREFIX};

/// A temp or claimed file untouched for this long belongs to a process that died: live
/// operations hold them for microseconds. Judged by ctime, which a rename updates.
const STALE_AFTER: Duration = Duration::from_secs(600);
pub(super) const SWEEP_EVERY: Duration = Duration::from_secs(30);
pub(super) const SWEEP_AT_MOST: usize = 256;

#[derive(Default)]
pub(super) struct SweepState {
    last: Option<Instant>,
    next_digit: u8,
}

#[cfg(test)]
impl SweepState {
    pub(super) fn forget_last(&mut self) {
        self.last = None;
    }
}

impl Inner {
    /// Sweeps every file; at open, so a restart starts clean.
    pub(super) fn sweep_all(&self) -> io::Result<usize> {
        let mut removed = 0;
        for entry in fs::read_dir(&self.dir)? {
            removed += usize::from(self.sweep_one(&entry?));
        }
        Ok(removed)
    }

    /// One bounded slice of the directory, when the last one is old enough. Errors are
    /// ignored: sweeping is housekeeping, and the write that triggered it already succeeded.
    pub(super) fn sweep_some(&self) -> usize {
        let digit = {
            let mut state = self.sweep.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if state.last.is_some_and(|at| at.elapsed() < SWEEP_EVERY) {
                return 0;
            }
            state.last = Some(Instant::now());
            let digit = state.next_digit;
            state.next_digit = (digit + 1) % 16;
            digit
        };
        let Ok(entries) = fs::read_dir(&self.dir) else { return 0 };
        let hex_digit = char::from(b"0123456789abcdef"[usize::from(digit)]);
        let mut looked = 0;
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with(hex_digit) || name.starts_with('.')) {
                continue;
            }
            removed += usize::from(self.sweep_one(&entry));
            looked += 1;
            if looked >= SWEEP_AT_MOST {
                break;
            }
        }
        removed
    }

    /// Removes `entry` if it is expired or a stale leftover; true when it did.
    fn sweep_one(&self, entry: &DirEntry) -> bool {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        if name.starts_with(TEMP_PREFIX) || name.starts_with(CLAIM_PREFIX) {
            return is_stale(&path, (self.clock)()) && fs::remove_file(&path).is_ok();
        }
        if !is_entry_name(&name) {
            return false;
        }
        match file::read_expiry(&path) {
            Ok(Some(Ok(expires))) if !file::is_live(expires, (self.clock)()) => self.remove_expired(&path),
            // Live, gone, unreadable or not ours: left alone.
            _ => false,
        }
    }

    /// Removes an expired entry without racing a writer: the file is claimed (renamed away)
    /// first, and if it turns out to be a fresh entry written since it was judged expired, it
    /// is linked back unless yet another one has taken the name. True when an entry was removed.
    pub(super) fn remove_expired(&self, path: &Path) -> bool {
        let Ok(Some(claimed)) = file::claim(&self.dir, path) else { return false };
        let fresh = file::read_expiry(&claimed)
            .ok()
            .flatten()
            .and_then(Result::ok)
            .is_some_and(|expires| file::is_live(expires, (self.clock)()));
        if fresh {
            let _ = fs::hard_link(&claimed, path);
        }
        let _ = fs::remove_file(&claimed);
        !fresh
    }
}

/// Entries are named by 64 lowercase hex digits.
fn is_entry_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_stale(path: &Path, now: SystemTime) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else { return false };
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(meta.ctime()).unwrap_or(0))
    };
    #[cfg(not(unix))]
    let changed = meta.modified().unwrap_or(now);
    now.duration_since(changed).is_ok_and(|age| age > STALE_AFTER)
}
