//! Which local files a tool may read on the caller's behalf (attachment `path`s, and later
//! Drive uploads). A model can be talked into asking for `~/.ssh/id_rsa`; this policy is
//! what stops it:
//!
//! - only files inside the allowed directories: `ALLOWED_FILE_DIRS` (a PATH-style list), or
//!   by default the attachment directory (`WORKSPACE_ATTACHMENT_DIR`, else
//!   `~/.workspace-mcp/attachments`);
//! - the check runs on the canonical path, so `..` and symlinks that lead outside are refused;
//! - never `.env*` files, nor anything under `~/.ssh`, `~/.aws`, `~/.gnupg`,
//!   `~/.config/gcloud` or the credentials directory, even inside an allowed directory.

use std::path::{Component, Path, PathBuf};

use crate::ToolError;

/// Largest file read for an attachment (Gmail refuses messages over 25 MB anyway).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct FilePolicy {
    allowed: Vec<PathBuf>,
    denied: Vec<PathBuf>,
    /// What `~` in a given path stands for.
    home: Option<PathBuf>,
}

impl FilePolicy {
    /// A policy over explicit directories (tests, embedding).
    pub fn new(allowed: Vec<PathBuf>, denied: Vec<PathBuf>) -> Self {
        FilePolicy { allowed, denied, home: None }
    }

    /// The policy a server runs with: files only from `allowed` (`ALLOWED_FILE_DIRS`, or the
    /// attachment directory), never from the user's key and cloud-config directories under
    /// `home` nor from the credentials directory. Built once by the server from its `Config`.
    pub fn standard(allowed: Vec<PathBuf>, home: Option<&Path>, credentials_dir: &Path) -> Self {
        let mut denied: Vec<PathBuf> =
            home.iter().flat_map(|h| [".ssh", ".aws", ".gnupg", ".config/gcloud"].map(|d| h.join(d))).collect();
        denied.push(credentials_dir.to_path_buf());
        FilePolicy { allowed, denied, home: home.map(Path::to_path_buf) }
    }

    /// The directories files may come from.
    pub fn allowed_dirs(&self) -> &[PathBuf] {
        &self.allowed
    }

    /// Checks `path` and returns its canonical form. Relative paths are taken relative to
    /// the first allowed directory.
    pub fn resolve(&self, path: &str) -> Result<PathBuf, ToolError> {
        let given = expand_home(path.trim(), self.home.as_deref());
        if given.as_os_str().is_empty() {
            return Err(ToolError::invalid("path is empty"));
        }
        let given = match (given.is_absolute(), self.allowed.first()) {
            (true, _) => given,
            (false, Some(base)) => base.join(given),
            (false, None) => return Err(self.refusal(path, "relative paths need an allowed directory")),
        };
        // Checked twice: on the path as written (so nothing outside is even probed) and on
        // the canonical path (so `..` and symlinks cannot lead outside).
        let lexical = given_lexical(&given);
        self.check(path, &lexical)?;
        let canonical =
            std::fs::canonicalize(&given).map_err(|e| ToolError::File(format!("cannot open '{path}': {e}")))?;
        self.check(path, &canonical)?;
        if !canonical.is_file() {
            return Err(ToolError::File(format!("'{path}' is not a regular file")));
        }
        Ok(canonical)
    }

    fn check(&self, path: &str, candidate: &Path) -> Result<(), ToolError> {
        if has_env_name(candidate) {
            return Err(self.refusal(path, ".env files are never read"));
        }
        if let Some(d) = self.denied.iter().find(|d| within(candidate, d)) {
            return Err(self.refusal(path, &format!("files under {} are never read", d.display())));
        }
        if !self.allowed.iter().any(|a| within(candidate, a)) {
            return Err(self.refusal(path, "it is outside the allowed directories"));
        }
        Ok(())
    }

    /// Reads a file the policy allows, up to [`MAX_FILE_BYTES`].
    pub fn read(&self, path: &str) -> Result<(PathBuf, Vec<u8>), ToolError> {
        let canonical = self.resolve(path)?;
        let len = std::fs::metadata(&canonical).map(|m| m.len()).unwrap_or(0);
        if len > MAX_FILE_BYTES {
            return Err(ToolError::File(format!(
                "'{path}' is {len} bytes; attachments are limited to {MAX_FILE_BYTES} bytes"
            )));
        }
        let bytes = std::fs::read(&canonical).map_err(|e| ToolError::File(format!("cannot read '{path}': {e}")))?;
        Ok((canonical, bytes))
    }

    fn refusal(&self, path: &str, why: &str) -> ToolError {
        let dirs: Vec<String> = self.allowed.iter().map(|d| d.display().to_string()).collect();
        ToolError::Refused(format!(
            // Shared by Gmail attachments and Drive uploads, which name their inline-bytes
            // parameter differently, so the way out is described, not spelled.
            "will not read '{path}': {why}. Local files are read only from: {} (set ALLOWED_FILE_DIRS to change); \
             otherwise pass the file's bytes inline, base64-encoded, in the tool's base64 parameter",
            if dirs.is_empty() { "(no directory configured)".to_string() } else { dirs.join(", ") }
        ))
    }
}

/// `~` and `~/…` under `home`; other paths as they are.
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/").or_else(|| (path == "~").then_some("")), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// `path` is `dir` or below it, with `dir` as written or in its canonical form.
fn within(path: &Path, dir: &Path) -> bool {
    path.starts_with(dir) || std::fs::canonicalize(dir).is_ok_and(|c| path.starts_with(c))
}

/// Resolves `.` and `..` without touching the file system.
fn given_lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn has_env_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.to_ascii_lowercase().starts_with(".env"))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        _tmp: tempfile::TempDir,
        root: PathBuf,
        allowed: PathBuf,
        policy: FilePolicy,
    }

    fn fixture() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let allowed = root.join("allowed");
        let home = root.join("home");
        std::fs::create_dir_all(&allowed).unwrap();
        std::fs::create_dir_all(home.join(".ssh")).unwrap();
        std::fs::write(home.join(".ssh/id_rsa"), "KEY").unwrap();
        std::fs::write(allowed.join("report.txt"), "hello").unwrap();
        std::fs::write(allowed.join(".env"), "SECRET=1").unwrap();
        std::fs::write(allowed.join(".env.local"), "SECRET=1").unwrap();
        std::fs::write(root.join("outside.txt"), "nope").unwrap();
        let policy = FilePolicy::standard(vec![allowed.clone()], Some(&home), &home.join(".google_workspace_mcp"));
        Fixture { _tmp: tmp, root, allowed, policy }
    }

    fn refused(r: Result<PathBuf, ToolError>) -> String {
        match r {
            Err(ToolError::Refused(m)) => m,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn reads_files_inside_the_allowed_dir() {
        let f = fixture();
        let (path, bytes) = f.policy.read(f.allowed.join("report.txt").to_str().unwrap()).unwrap();
        assert_eq!(bytes, b"hello");
        assert!(path.ends_with("report.txt"));
        // Relative paths are taken inside the first allowed directory.
        assert_eq!(f.policy.read("report.txt").unwrap().1, b"hello");
    }

    #[test]
    fn refuses_secrets_and_escapes() {
        let f = fixture();
        let ssh = f.root.join("home/.ssh/id_rsa");
        assert!(refused(f.policy.resolve(ssh.to_str().unwrap())).contains(".ssh are never read"));
        assert!(refused(f.policy.resolve(f.allowed.join(".env").to_str().unwrap())).contains(".env"));
        assert!(refused(f.policy.resolve(f.allowed.join(".env.local").to_str().unwrap())).contains(".env"));
        assert!(
            refused(f.policy.resolve(f.root.join("outside.txt").to_str().unwrap())).contains("outside the allowed")
        );
        let traversal = format!("{}/../outside.txt", f.allowed.display());
        assert!(refused(f.policy.resolve(&traversal)).contains("outside the allowed"));
        assert!(refused(f.policy.resolve("../outside.txt")).contains("outside the allowed"));
        // The message says where files may come from instead.
        assert!(
            refused(f.policy.resolve(f.root.join("outside.txt").to_str().unwrap()))
                .contains(f.allowed.to_str().unwrap())
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_leave_the_dir() {
        let f = fixture();
        std::os::unix::fs::symlink(f.root.join("outside.txt"), f.allowed.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(f.root.join("home/.ssh/id_rsa"), f.allowed.join("key.txt")).unwrap();
        std::os::unix::fs::symlink(f.allowed.join(".env"), f.allowed.join("innocent.txt")).unwrap();
        assert!(
            refused(f.policy.resolve(f.allowed.join("link.txt").to_str().unwrap())).contains("outside the allowed")
        );
        assert!(refused(f.policy.resolve(f.allowed.join("key.txt").to_str().unwrap())).contains(".ssh"));
        assert!(refused(f.policy.resolve(f.allowed.join("innocent.txt").to_str().unwrap())).contains(".env"));
    }

    #[test]
    fn secrets_stay_refused_even_when_their_dir_is_allowed() {
        let f = fixture();
        let home = f.root.join("home");
        let policy = FilePolicy::standard(vec![home.clone()], Some(&home), &home.join("creds"));
        assert!(refused(policy.resolve(home.join(".ssh/id_rsa").to_str().unwrap())).contains(".ssh"));
    }

    #[test]
    fn home_is_expanded_from_the_policy_not_the_environment() {
        let f = fixture();
        let home = f.root.join("home");
        std::fs::write(home.join("notes.txt"), "n").unwrap();
        let policy = FilePolicy::standard(vec![home.clone()], Some(&home), &home.join("creds"));
        assert_eq!(policy.read("~/notes.txt").unwrap().1, b"n");
        assert!(refused(policy.resolve("~/.ssh/id_rsa")).contains(".ssh"));
        assert!(refused(policy.resolve(home.join("creds/token.enc").to_str().unwrap())).contains("creds"));
        assert_eq!(expand_home("~/a", Some(Path::new("/h"))), PathBuf::from("/h/a"));
        assert_eq!(expand_home("~/a", None), PathBuf::from("~/a"));
        assert_eq!(expand_home("/x/~/a", Some(Path::new("/h"))), PathBuf::from("/x/~/a"));
    }
}
