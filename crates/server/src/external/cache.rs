//! Verified tokens remembered for a short while, so a client's every MCP request does not cost
//! a round trip to Google. Keys are the SHA-256 of the token (the token itself is never kept);
//! entries live until the earlier of the token's own expiry and the configured TTL, and the
//! map is capped so strangers' tokens cannot grow it: when full, expired entries go first, then
//! an arbitrary one (the hash map's order, which a stranger cannot steer).
//!
//! Only Google's "yes" is cached. A refused token is not: a stranger's garbage is new on every
//! request, so remembering it would spare no round trip, and it would push good entries out.
//! The cap on concurrent validations (`ExternalProvider`) bounds that cost instead.

use std::collections::HashMap;
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::Verified;

pub type Key = [u8; 32];

pub fn key(token: &str) -> Key {
    Sha256::digest(token.as_bytes()).into()
}

struct Entry {
    verified: Verified,
    until: Instant,
}

pub struct Cache {
    entries: HashMap<Key, Entry>,
    max_entries: usize,
}

impl Cache {
    /// `max_entries` 0 remembers nothing.
    pub fn new(max_entries: usize) -> Cache {
        Cache { entries: HashMap::new(), max_entries }
    }

    /// The identity verified for this key, unless it has expired (then it is dropped).
    pub fn get(&mut self, key: &Key, now: Instant) -> Option<Verified> {
        match self.entries.get(key) {
            Some(e) if e.until > now => Some(e.verified.clone()),
            Some(_) => {
                self.entries.remove(key);
                None
            }
            None => None,
        }
    }

    pub fn put(&mut self, key: Key, verified: Verified, until: Instant, now: Instant) {
        if self.max_entries == 0 || until <= now {
            return;
        }
        if self.entries.len() >= self.max_entries && !self.entries.contains_key(&key) {
            self.entries.retain(|_, e| e.until > now);
        }
        if self.entries.len() >= self.max_entries && !self.entries.contains_key(&key) {
            let victim = self.entries.keys().next().copied();
            if let Some(victim) = victim {
                self.entries.remove(&victim);
            }
        }
        self.entries.insert(key, Entry { verified, until });
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn who(email: &str) -> Verified {
        Verified { email: email.into(), client_id: "c".into(), scopes: vec![] }
    }

    #[test]
    fn entries_expire_and_the_key_is_a_hash() {
        let t0 = Instant::now();
        let mut cache = Cache::new(10);
        let k = key("ya29.secret");
        assert_ne!(&k[..], b"ya29.secret".as_slice());
        cache.put(k, who("a@x.com"), t0 + Duration::from_secs(60), t0);
        assert_eq!(cache.get(&k, t0 + Duration::from_secs(59)).unwrap().email, "a@x.com");
        assert!(cache.get(&k, t0 + Duration::from_secs(60)).is_none());
        assert_eq!(cache.len(), 0, "an expired entry is dropped when read");
        cache.put(k, who("a@x.com"), t0, t0);
        assert_eq!(cache.len(), 0, "nothing already expired is stored");
    }

    #[test]
    fn the_cap_holds_expired_entries_going_first() {
        let t0 = Instant::now();
        let mut cache = Cache::new(3);
        cache.put(key("old"), who("old@x.com"), t0 + Duration::from_secs(1), t0);
        cache.put(key("a"), who("a@x.com"), t0 + Duration::from_secs(60), t0);
        cache.put(key("b"), who("b@x.com"), t0 + Duration::from_secs(60), t0);
        let later = t0 + Duration::from_secs(2);
        cache.put(key("c"), who("c@x.com"), later + Duration::from_secs(60), later);
        assert_eq!(cache.len(), 3);
        assert!(cache.get(&key("old"), later).is_none());
        for k in ["a", "b", "c"] {
            assert!(cache.get(&key(k), later).is_some(), "{k} was evicted though an expired entry was there");
        }
        for i in 0..100 {
            cache.put(key(&format!("stranger-{i}")), who("s@x.com"), later + Duration::from_secs(60), later);
            assert!(cache.len() <= 3);
        }
        assert!(Cache::new(0).get(&key("a"), t0).is_none());
        let mut off = Cache::new(0);
        off.put(key("a"), who("a@x.com"), t0 + Duration::from_secs(60), t0);
        assert_eq!(off.len(), 0, "a cap of 0 turns the cache off");
    }
}
