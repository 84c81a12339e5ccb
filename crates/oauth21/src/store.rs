//! Typed, sealed records over the shared [`Kv`]. Every value is sealed with the deployment's
//! key and bound to its store key; every key that derives from a secret (a code, a refresh
//! token, an email) is a SHA-256 of it, so the store holds neither tokens nor addresses in the
//! clear.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wsmcp_kv::{Kv, KvError};

use crate::crypto::{Keys, sha256_b64};

#[derive(Clone)]
pub struct Store {
    kv: Arc<dyn Kv>,
    keys: Arc<Keys>,
}

/// The store key for a secret value: a namespace and the value's hash.
pub fn key(namespace: &str, secret: &str) -> String {
    format!("oauth21:{namespace}:{}", sha256_b64(secret.as_bytes()))
}

impl Store {
    pub fn new(kv: Arc<dyn Kv>, keys: Arc<Keys>) -> Store {
        Store { kv, keys }
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn kv(&self) -> Arc<dyn Kv> {
        self.kv.clone()
    }

    pub fn backend(&self) -> &'static str {
        self.kv.name()
    }

    pub async fn put<T: Serialize>(&self, key: &str, value: &T, ttl: Option<Duration>) -> Result<(), KvError> {
        self.kv.put(key, &self.seal(key, value), ttl).await
    }

    pub async fn put_if_absent<T: Serialize>(
        &self,
        key: &str,
        value: &T,
        ttl: Option<Duration>,
    ) -> Result<bool, KvError> {
        self.kv.put_if_absent(key, &self.seal(key, value), ttl).await
    }

    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, KvError> {
        match self.kv.get(key).await? {
            Some(bytes) => self.open(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Removes and returns a record, once across replicas (one-time codes, refresh tokens).
    pub async fn take<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, KvError> {
        match self.kv.take(key).await? {
            Some(bytes) => self.open(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    pub async fn delete(&self, key: &str) -> Result<bool, KvError> {
        self.kv.delete(key).await
    }

    pub async fn probe(&self) -> Result<(), KvError> {
        self.kv.probe().await
    }

    fn seal<T: Serialize>(&self, key: &str, value: &T) -> Vec<u8> {
        // Records are plain structs of strings and numbers: serializing them cannot fail.
        let plain = serde_json::to_vec(value).unwrap_or_default();
        self.keys.seal(&plain, key)
    }

    fn open<T: DeserializeOwned>(&self, key: &str, bytes: &[u8]) -> Result<T, KvError> {
        let plain = self
            .keys
            .open(bytes, key)
            .ok_or_else(|| KvError::Corrupt("sealed with another key (was the signing key changed?)".into()))?;
        serde_json::from_slice(&plain).map_err(|e| KvError::Corrupt(e.to_string()))
    }
}

/// A cap on live entries of one kind shared by every replica, without a counter the store
/// would have to increment atomically: an entry first claims one of `cap` numbered slots (a
/// `put_if_absent` with the entry's lifetime), probing a few at random. When most slots are
/// held, new entries are refused until old ones complete or expire.
pub struct Slots {
    pub namespace: &'static str,
    pub cap: usize,
    pub ttl: Duration,
}

/// Random probes before a claim gives up: at 90% occupancy, 1 in 3 claims still succeeds.
const PROBES: usize = 4;

impl Slots {
    /// The claimed slot's key, or `None` when the cap is reached.
    pub async fn claim(&self, store: &Store) -> Result<Option<String>, KvError> {
        for _ in 0..PROBES {
            let slot = format!("oauth21:{}-slot:{}", self.namespace, store.keys().random_index(self.cap));
            if store.kv.put_if_absent(&slot, b"1", Some(self.ttl)).await? {
                return Ok(Some(slot));
            }
        }
        Ok(None)
    }

    pub async fn release(store: &Store, slot: &str) {
        if let Err(e) = store.kv.delete(slot).await {
            tracing::debug!(error = %e, "could not release a slot; it expires on its own");
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn records_are_sealed_and_slots_cap_entries() {
        let kv: Arc<dyn Kv> = Arc::new(wsmcp_kv::MemoryKv::new());
        let store = Store::new(kv.clone(), Arc::new(Keys::derive(b"k")));
        let k = key("code", "the-code");
        assert!(!k.contains("the-code"));
        store.put(&k, &vec!["a@example.com".to_string()], None).await.unwrap();
        let raw = kv.get(&k).await.unwrap().unwrap();
        assert!(!String::from_utf8_lossy(&raw).contains("example.com"));
        assert_eq!(store.take::<Vec<String>>(&k).await.unwrap().unwrap(), vec!["a@example.com".to_string()]);
        assert!(store.take::<Vec<String>>(&k).await.unwrap().is_none());

        let slots = Slots { namespace: "t", cap: 3, ttl: Duration::from_secs(60) };
        let mut held = Vec::new();
        for _ in 0..40 {
            if let Some(s) = slots.claim(&store).await.unwrap() {
                held.push(s);
            }
        }
        assert_eq!(held.len(), 3, "never more than the cap");
        Slots::release(&store, &held[0]).await;
        let mut again = None;
        for _ in 0..40 {
            again = again.or(slots.claim(&store).await.unwrap());
        }
        assert!(again.is_some(), "a released slot can be claimed again");
    }
}
