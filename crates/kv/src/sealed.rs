//! Sealing: any backend, holding only what is useless to someone who reads it.
//!
//! A key `k` is stored as `prefix + hex(HMAC-SHA256(names_key, k))`, so the store (a Valkey
//! admin, a disk backup) sees neither tokens nor user names in keys, and a caller can still
//! find an entry again. A value is stored as
//!
//! | bytes | content                                            |
//! |-------|----------------------------------------------------|
//! | 0     | format version, `1`                                |
//! | 1..13 | nonce, 96 random bits, fresh for every write       |
//! | 13..  | ChaCha20-Poly1305 ciphertext ‖ 16-byte tag          |
//!
//! with the stored key as associated data: a value copied under another key, or written with
//! another secret, does not open (`KvError::Corrupt`) instead of handing one user's state to
//! another. Both keys come from one secret through HKDF-SHA256 with distinct labels.

use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{hkdf, hmac};

use crate::{Kv, KvError, KvResult};

const VERSION: u8 = 1;
const SALT: &[u8] = b"wsmcp-kv sealed v1";
const NAMES_LABEL: &[u8] = b"key names";
const VALUES_LABEL: &[u8] = b"values";
/// Below this a secret is a password, not key material.
const MIN_SECRET_LEN: usize = 16;

pub struct Sealed<K> {
    inner: K,
    prefix: String,
    names: hmac::Key,
    values: LessSafeKey,
    rng: SystemRandom,
}

impl<K: Kv> Sealed<K> {
    /// Seals `inner` with keys derived from `secret` (at least 16 bytes, best 32 random ones);
    /// every stored key starts with `prefix` (`"wsmcp:"`), so one Valkey database can be shared.
    pub fn new(inner: K, secret: &[u8], prefix: impl Into<String>) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(format!(
                "the storage sealing secret has {} bytes; it needs at least {MIN_SECRET_LEN}",
                secret.len()
            ));
        }
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, SALT).extract(secret);
        let names = prk
            .expand(&[NAMES_LABEL], hmac::HMAC_SHA256)
            .map(hmac::Key::from)
            .map_err(|_| "cannot derive the key-name key".to_string())?;
        let values = prk
            .expand(&[VALUES_LABEL], &CHACHA20_POLY1305)
            .map(UnboundKey::from)
            .map(LessSafeKey::new)
            .map_err(|_| "cannot derive the value key".to_string())?;
        Ok(Self { inner, prefix: prefix.into(), names, values, rng: SystemRandom::new() })
    }

    /// The name `key` is stored under.
    pub fn stored_key(&self, key: &str) -> String {
        let tag = hmac::sign(&self.names, key.as_bytes());
        format!("{}{}", self.prefix, crate::hex(tag.as_ref()))
    }

    fn seal(&self, stored_key: &str, value: &[u8]) -> KvResult<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        self.rng
            .fill(&mut nonce)
            .map_err(|_| KvError::Unavailable("no operating-system randomness to seal a value".into()))?;
        let mut sealed = Vec::with_capacity(1 + NONCE_LEN + value.len() + CHACHA20_POLY1305.tag_len());
        sealed.push(VERSION);
        sealed.extend_from_slice(&nonce);
        let mut body = value.to_vec();
        self.values
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(stored_key.as_bytes()), &mut body)
            .map_err(|_| KvError::Unavailable("sealing a value failed".into()))?;
        sealed.extend_from_slice(&body);
        Ok(sealed)
    }

    fn open(&self, stored_key: &str, sealed: Vec<u8>) -> KvResult<Vec<u8>> {
        let unreadable = || {
            KvError::Corrupt(format!(
                "the entry {stored_key} does not open with this secret (written with another one, moved, or altered)"
            ))
        };
        let (Some(&VERSION), Some(nonce), Some(body)) =
            (sealed.first(), sealed.get(1..1 + NONCE_LEN), sealed.get(1 + NONCE_LEN..))
        else {
            return Err(unreadable());
        };
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| unreadable())?;
        let mut body = body.to_vec();
        let plain_len = self
            .values
            .open_in_place(nonce, Aad::from(stored_key.as_bytes()), &mut body)
            .map_err(|_| unreadable())?
            .len();
        body.truncate(plain_len);
        Ok(body)
    }

    fn open_some(&self, stored_key: &str, value: Option<Vec<u8>>) -> KvResult<Option<Vec<u8>>> {
        value.map(|v| self.open(stored_key, v)).transpose()
    }
}

impl<K: Kv> Kv for Sealed<K> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        async move {
            let stored = self.stored_key(key);
            let value = self.inner.get(&stored).await?;
            self.open_some(&stored, value)
        }
        .boxed()
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        async move {
            let stored = self.stored_key(key);
            let sealed = self.seal(&stored, value)?;
            self.inner.put(&stored, &sealed, ttl).await
        }
        .boxed()
    }

    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        async move {
            let stored = self.stored_key(key);
            let sealed = self.seal(&stored, value)?;
            self.inner.put_if_absent(&stored, &sealed, ttl).await
        }
        .boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        async move {
            let stored = self.stored_key(key);
            let value = self.inner.take(&stored).await?;
            self.open_some(&stored, value)
        }
        .boxed()
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        async move { self.inner.delete(&self.stored_key(key)).await }.boxed()
    }

    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        self.inner.probe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryKv;
    use std::sync::Arc;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn sealed(inner: Arc<MemoryKv>, secret: &[u8]) -> Sealed<Arc<dyn Kv>> {
        Sealed::new(inner as Arc<dyn Kv>, secret, "wsmcp:").unwrap()
    }

    #[tokio::test]
    async fn the_store_sees_only_hashed_keys_and_ciphertext() {
        let raw = Arc::new(MemoryKv::new());
        let kv = sealed(raw.clone(), SECRET);
        kv.put("oauth21:code:alice@example.com", b"refresh-token-secret", None).await.unwrap();
        assert_eq!(
            kv.get("oauth21:code:alice@example.com").await.unwrap().as_deref(),
            Some(&b"refresh-token-secret"[..])
        );

        let stored = kv.stored_key("oauth21:code:alice@example.com");
        assert!(stored.starts_with("wsmcp:") && stored.len() == "wsmcp:".len() + 64, "{stored}");
        assert!(!stored.contains("alice"));
        assert_eq!(raw.get("oauth21:code:alice@example.com").await.unwrap(), None, "the plain key is not used");
        let ciphertext = raw.get(&stored).await.unwrap().unwrap();
        assert!(!ciphertext.windows(6).any(|w| w == b"secret"), "value stored in clear");
        assert_eq!(ciphertext.len(), 1 + 12 + b"refresh-token-secret".len() + 16);

        kv.put("oauth21:code:alice@example.com", b"refresh-token-secret", None).await.unwrap();
        assert_ne!(raw.get(&stored).await.unwrap().unwrap(), ciphertext, "a fresh nonce for every write");
    }

    #[tokio::test]
    async fn a_value_moved_to_another_key_or_read_with_another_secret_is_corrupt() {
        let raw = Arc::new(MemoryKv::new());
        let kv = sealed(raw.clone(), SECRET);
        kv.put("client:a", b"{\"redirect\":\"https://a\"}", None).await.unwrap();
        let a = raw.get(&kv.stored_key("client:a")).await.unwrap().unwrap();
        raw.put(&kv.stored_key("client:b"), &a, None).await.unwrap();
        assert!(matches!(kv.get("client:b").await, Err(KvError::Corrupt(_))));

        let other = sealed(raw.clone(), b"another secret, also 32 bytes...");
        assert_ne!(other.stored_key("client:a"), kv.stored_key("client:a"));
        raw.put(&other.stored_key("client:a"), &a, None).await.unwrap();
        assert!(matches!(other.get("client:a").await, Err(KvError::Corrupt(_))));

        let mut flipped = a.clone();
        *flipped.last_mut().unwrap() ^= 1;
        raw.put(&kv.stored_key("client:a"), &flipped, None).await.unwrap();
        assert!(matches!(kv.take("client:a").await, Err(KvError::Corrupt(_))));
        raw.put(&kv.stored_key("client:a"), b"\x01short", None).await.unwrap();
        assert!(matches!(kv.get("client:a").await, Err(KvError::Corrupt(_))));
    }

    #[tokio::test]
    async fn one_time_operations_pass_through() {
        let kv = sealed(Arc::new(MemoryKv::new()), SECRET);
        assert!(kv.put_if_absent("lock:alice", b"1", Some(Duration::from_secs(30))).await.unwrap());
        assert!(!kv.put_if_absent("lock:alice", b"2", None).await.unwrap());
        assert_eq!(kv.take("lock:alice").await.unwrap().as_deref(), Some(&b"1"[..]));
        assert_eq!(kv.take("lock:alice").await.unwrap(), None);
        kv.put("x", b"", None).await.unwrap();
        assert_eq!(kv.get("x").await.unwrap().as_deref(), Some(&b""[..]), "empty values seal too");
        assert!(kv.delete("x").await.unwrap());
        assert!(!kv.delete("x").await.unwrap());
        assert_eq!(kv.name(), "memory");
        kv.probe().await.unwrap();
    }

    #[test]
    fn key_names_are_hkdf_then_hmac_and_short_secrets_are_refused() {
        // Computed independently: HKDF-Extract is HMAC(salt, secret), HKDF-Expand's first
        // block is HMAC(prk, info ‖ 0x01).
        let prk = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, SALT), SECRET);
        let names = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, prk.as_ref()), b"key names\x01");
        let expected = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, names.as_ref()), b"k");
        let kv = sealed(Arc::new(MemoryKv::new()), SECRET);
        assert_eq!(kv.stored_key("k"), format!("wsmcp:{}", crate::hex(expected.as_ref())));

        let e = Sealed::new(MemoryKv::new(), b"short", "p:").err().unwrap();
        assert!(e.contains("at least 16"), "{e}");
    }
}
