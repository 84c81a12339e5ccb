//! The token-encryption key and the encrypted file format.
//!
//! File layout (all token files, version 1):
//!
//! | bytes   | content                                                         |
//! |---------|-----------------------------------------------------------------|
//! | 0..7    | magic `WSMCPTK`                                                 |
//! | 7       | format version, `1`                                             |
//! | 8..16   | key id: first 8 bytes of SHA-256(`"wsmcp-token-key-id\0"` ‖ key) |
//! | 16..28  | nonce, 96 random bits, fresh for every write                    |
//! | 28..    | ChaCha20-Poly1305 ciphertext of the JSON record ‖ 16-byte tag   |
//!
//! The associated data is bytes 0..16 followed by the account email, so a file
//! copied or renamed onto another user's name fails to decrypt instead of
//! handing one user's grant to another. The key id lets a wrong key be reported
//! as such rather than as corruption; it reveals nothing usable about the key.

use std::path::{Path, PathBuf};
use std::{fs, io, thread, time::Duration};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom as _, SystemRandom};
use sha2::{Digest, Sha256};

use super::fsutil;
use crate::AuthError;

const MAGIC: &[u8; 7] = b"WSMCPTK";
const VERSION: u8 = 1;
const HEADER_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Name of the generated key file inside the credentials directory.
pub(crate) const KEY_FILE: &str = ".token-key";

pub(crate) struct TokenKey {
    cipher: LessSafeKey,
    id: [u8; 8],
    /// Where the key came from, for error messages ("WORKSPACE_MCP_TOKEN_KEY" or the key file path).
    source: String,
}

impl TokenKey {
    /// The key from `WORKSPACE_MCP_TOKEN_KEY` if given, else the key file in `dir`
    /// (generated on first use).
    pub(crate) fn resolve(dir: &Path, env_key: Option<&str>) -> Result<Self, AuthError> {
        match env_key.map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) => Self::from_base64(k, "the key in WORKSPACE_MCP_TOKEN_KEY".into()),
            None => load_or_create_key_file(dir),
        }
    }

    fn from_base64(text: &str, source: String) -> Result<Self, AuthError> {
        // Accept any common base64 flavour: people paste keys from many tools.
        let bytes = [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text.trim()).ok())
            .ok_or_else(|| AuthError::BadKey(format!("{source} is not base64")))?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| AuthError::BadKey(format!("{source} decodes to {} bytes, not 32", b.len())))?;
        Self::from_bytes(&key, source)
    }

    fn from_bytes(key: &[u8; 32], source: String) -> Result<Self, AuthError> {
        let digest = Sha256::new().chain_update(b"wsmcp-token-key-id\0").chain_update(key).finalize();
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[..8]);
        // ring refuses only a key of the wrong length, which a [u8; 32] cannot be.
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key)
            .map_err(|_| AuthError::BadKey(format!("{source} is not a ChaCha20-Poly1305 key")))?;
        Ok(Self { cipher: LessSafeKey::new(unbound), id, source })
    }

    /// Encrypts `plaintext` for the account `email` into the full file contents.
    pub(crate) fn seal(&self, email: &str, plaintext: &[u8]) -> Result<Vec<u8>, AuthError> {
        let mut out = Vec::with_capacity(HEADER_LEN + NONCE_LEN + plaintext.len() + TAG_LEN);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&self.id);
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).map_err(|_| AuthError::BadKey("no OS randomness for a nonce".into()))?;
        let aad = [&out[..HEADER_LEN], email.as_bytes()].concat();
        let mut sealed = plaintext.to_vec();
        self.cipher
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(&aad[..]), &mut sealed)
            .map_err(|_| AuthError::BadKey("encryption failed".into()))?;
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts file contents written by [`TokenKey::seal`] for `email`.
    pub(crate) fn open(&self, path: &Path, email: &str, file: &[u8]) -> Result<Vec<u8>, AuthError> {
        let corrupt = |detail: &str| AuthError::Corrupt { path: path.to_owned(), detail: detail.into() };
        if file.len() < HEADER_LEN + NONCE_LEN + TAG_LEN || &file[..7] != MAGIC {
            return Err(corrupt("not a wsmcp token file"));
        }
        if file[7] != VERSION {
            return Err(corrupt(&format!("unsupported format version {}", file[7])));
        }
        if file[8..HEADER_LEN] != self.id {
            return Err(AuthError::WrongKey { path: path.to_owned(), key_source: self.source.clone() });
        }
        let (nonce, ct) = file[HEADER_LEN..].split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| corrupt("short nonce"))?;
        let aad = [&file[..HEADER_LEN], email.as_bytes()].concat();
        let mut buf = ct.to_vec();
        let len = self
            .cipher
            .open_in_place(nonce, Aad::from(&aad[..]), &mut buf)
            .map_err(|_| AuthError::Tampered { path: path.to_owned() })?
            .len();
        buf.truncate(len);
        Ok(buf)
    }
}

/// Reads `<dir>/.token-key`, creating it on first start.
///
/// Creation publishes a fully written temp file with `hard_link`, which fails if
/// the name exists: when several servers start at once exactly one key wins and
/// nobody can read a half-written key. Filesystems without hard links fall back
/// to `create_new`, where readers retry briefly on an empty file.
fn load_or_create_key_file(dir: &Path) -> Result<TokenKey, AuthError> {
    let path = dir.join(KEY_FILE);
    match read_key_file(&path) {
        Err(AuthError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {}
        other => return other,
    }
    let mut key = [0u8; 32];
    SystemRandom::new().fill(&mut key).map_err(|_| AuthError::BadKey("no OS randomness to generate a key".into()))?;
    let text = format!("{}\n", STANDARD.encode(key));
    let (tmp, _) = fsutil::write_temp(dir, KEY_FILE.trim_start_matches('.'), text.as_bytes())?;
    let linked = fs::hard_link(&tmp, &path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return read_key_file(&path),
        Err(_) => match fsutil::create_new_private(&path) {
            Ok(mut f) => {
                use io::Write;
                f.write_all(text.as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(|e| AuthError::io("write", &path, e))?;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return read_key_file(&path),
            Err(e) => return Err(AuthError::io("create", &path, e)),
        },
    }
    fsutil::sync_dir(dir);
    tracing::info!(path = %path.display(), "generated a new token encryption key; back it up or set WORKSPACE_MCP_TOKEN_KEY");
    TokenKey::from_bytes(&key, format!("the key file {}", path.display()))
}

fn read_key_file(path: &PathBuf) -> Result<TokenKey, AuthError> {
    // An empty file means another process is between create_new and write.
    for _ in 0..20 {
        let text = fs::read_to_string(path).map_err(|e| AuthError::io("read", path, e))?;
        if !text.trim().is_empty() {
            warn_if_shared(path);
            return TokenKey::from_base64(&text, format!("the key file {}", path.display()));
        }
        thread::sleep(Duration::from_millis(50));
    }
    Err(AuthError::BadKey(format!("the key file {} is empty; delete it to generate a new key", path.display())))
}

fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
            tracing::warn!(path = %path.display(), "token key file is readable by other users; chmod 600 it");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip_and_binding() {
        let key = TokenKey::from_bytes(&[7u8; 32], "test".into()).unwrap();
        let p = Path::new("x.enc");
        let a = key.seal("a@x.com", b"hello").unwrap();
        let b = key.seal("a@x.com", b"hello").unwrap();
        assert_ne!(a, b, "fresh nonce per write");
        assert_eq!(key.open(p, "a@x.com", &a).unwrap(), b"hello");
        assert!(matches!(key.open(p, "b@x.com", &a), Err(AuthError::Tampered { .. })));
        let other = TokenKey::from_bytes(&[8u8; 32], "WORKSPACE_MCP_TOKEN_KEY".into()).unwrap();
        assert!(matches!(other.open(p, "a@x.com", &a), Err(AuthError::WrongKey { .. })));
    }

    #[test]
    fn bad_env_keys_are_explained() {
        let e = TokenKey::resolve(Path::new("/nonexistent"), Some("c2hvcnQ=")).err().unwrap();
        assert!(e.to_string().contains("not 32"), "{e}");
        let e = TokenKey::resolve(Path::new("/nonexistent"), Some("%%%")).err().unwrap();
        assert!(e.to_string().contains("WORKSPACE_MCP_TOKEN_KEY"), "{e}");
    }
}
