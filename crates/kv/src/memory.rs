//! The in-process backend: one replica, lost on restart (`..._STORAGE_BACKEND=memory`, and tests).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::time::Instant;

use crate::{Kv, KvResult};

struct Entry {
    value: Vec<u8>,
    expires: Option<Instant>,
}

impl Entry {
    fn live(&self, now: Instant) -> bool {
        self.expires.is_none_or(|at| now < at)
    }
}

/// Entries in a map; expired ones are dropped when touched and swept when the map grows, so
/// entries that are written and never read again (abandoned sign-ins) cannot pile up.
#[derive(Default)]
pub struct MemoryKv {
    entries: Mutex<HashMap<String, Entry>>,
}

/// Past this many entries a write first sweeps the expired ones.
const SWEEP_ABOVE: usize = 1024;

impl MemoryKv {
    pub fn new() -> Self {
        Self::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Entry>, Instant) -> T) -> T {
        let now = Instant::now();
        let mut map = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut map, now)
    }
}

fn entry(value: &[u8], ttl: Option<Duration>, now: Instant) -> Entry {
    Entry { value: value.to_vec(), expires: ttl.map(|ttl| now + ttl) }
}

fn sweep(map: &mut HashMap<String, Entry>, now: Instant) {
    if map.len() > SWEEP_ABOVE {
        map.retain(|_, e| e.live(now));
    }
}

impl Kv for MemoryKv {
    fn name(&self) -> &'static str {
        "memory"
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let value = self.with(|map, now| match map.get(key) {
            Some(e) if e.live(now) => Some(e.value.clone()),
            Some(_) => {
                map.remove(key);
                None
            }
            None => None,
        });
        futures::future::ready(Ok(value)).boxed()
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        self.with(|map, now| {
            sweep(map, now);
            map.insert(key.to_owned(), entry(value, ttl, now));
        });
        futures::future::ready(Ok(())).boxed()
    }

    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        let wrote = self.with(|map, now| {
            sweep(map, now);
            if map.get(key).is_some_and(|e| e.live(now)) {
                return false;
            }
            map.insert(key.to_owned(), entry(value, ttl, now));
            true
        });
        futures::future::ready(Ok(wrote)).boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        let value = self.with(|map, now| map.remove(key).filter(|e| e.live(now)).map(|e| e.value));
        futures::future::ready(Ok(value)).boxed()
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        let had = self.with(|map, now| map.remove(key).is_some_and(|e| e.live(now)));
        futures::future::ready(Ok(had)).boxed()
    }

    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        futures::future::ready(Ok(())).boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn entries_expire_for_every_operation() {
        let kv = MemoryKv::new();
        kv.put("a", b"1", Some(Duration::from_secs(10))).await.unwrap();
        assert_eq!(kv.get("a").await.unwrap().as_deref(), Some(&b"1"[..]));
        tokio::time::advance(Duration::from_secs(11)).await;
        assert_eq!(kv.get("a").await.unwrap(), None);
        assert!(kv.put_if_absent("a", b"2", None).await.unwrap(), "an expired entry does not block a new one");
        assert!(!kv.put_if_absent("a", b"3", None).await.unwrap());
        assert_eq!(kv.get("a").await.unwrap().as_deref(), Some(&b"2"[..]));
    }

    #[tokio::test]
    async fn take_returns_a_value_once() {
        let kv = MemoryKv::new();
        kv.put("code", b"x", None).await.unwrap();
        assert_eq!(kv.take("code").await.unwrap().as_deref(), Some(&b"x"[..]));
        assert_eq!(kv.take("code").await.unwrap(), None);
        assert!(!kv.delete("code").await.unwrap());
    }

    #[tokio::test(start_paused = true)]
    async fn abandoned_entries_are_swept_when_the_map_grows() {
        let kv = MemoryKv::new();
        for i in 0..SWEEP_ABOVE {
            kv.put(&format!("pending:{i}"), b"x", Some(Duration::from_secs(1))).await.unwrap();
        }
        tokio::time::advance(Duration::from_secs(2)).await;
        kv.put("one-more", b"x", None).await.unwrap();
        kv.put("and-another", b"x", None).await.unwrap();
        assert_eq!(kv.entries.lock().unwrap().len(), 2);
    }
}
