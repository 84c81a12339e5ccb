use std::sync::atomic::{AtomicU64, Ordering};

use super::*;

/// A clock the test moves: real time plus an offset.
fn clock() -> (Clock, Arc<AtomicU64>) {
    let offset = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&offset);
    let clock: Clock = Arc::new(move || SystemTime::now() + Duration::from_secs(seen.load(Ordering::SeqCst)));
    (clock, offset)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test]
async fn entries_round_trip_and_take_returns_once() {
    let dir = tempfile::tempdir().unwrap();
    let kv = DiskKv::open(dir.path()).unwrap();
    assert_eq!(kv.get("a").await.unwrap(), None);
    kv.put("a", b"1", None).await.unwrap();
    kv.put("a", b"22", None).await.unwrap();
    assert_eq!(kv.get("a").await.unwrap().as_deref(), Some(&b"22"[..]));
    assert!(!kv.put_if_absent("a", b"3", None).await.unwrap());
    assert_eq!(kv.take("a").await.unwrap().as_deref(), Some(&b"22"[..]));
    assert_eq!(kv.take("a").await.unwrap(), None);
    assert!(kv.put_if_absent("a", b"4", None).await.unwrap());
    assert!(kv.delete("a").await.unwrap());
    assert!(!kv.delete("a").await.unwrap());
    kv.put("empty", b"", None).await.unwrap();
    assert_eq!(kv.get("empty").await.unwrap().as_deref(), Some(&b""[..]));
    kv.probe().await.unwrap();
    assert_eq!(kv.name(), "disk");
    assert_eq!(entries(dir.path()).len(), 1, "nothing left behind but the one entry: {:?}", entries(dir.path()));
}

#[cfg(unix)]
#[tokio::test]
async fn files_are_private_hashed_names_inside_the_directory() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("state");
    let kv = DiskKv::open(&dir).unwrap();
    assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    kv.put("../../etc/passwd", b"x", None).await.unwrap();
    kv.put("/abs/key", b"y", None).await.unwrap();
    let names = entries(&dir);
    assert_eq!(names.len(), 2);
    for name in &names {
        assert!(name.len() == 64 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{name}");
        assert_eq!(fs::metadata(dir.join(name)).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(entries(parent.path()), vec!["state".to_string()], "no key escapes the directory");
    let expected = crate::hex(ring::digest::digest(&ring::digest::SHA256, b"/abs/key").as_ref());
    assert!(names.contains(&expected));
}

#[tokio::test]
async fn entries_expire_for_every_operation_and_are_removed_when_touched() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, offset) = clock();
    let kv = DiskKv::open_with_clock(dir.path().to_owned(), clock).unwrap();
    kv.put("code", b"c", Some(Duration::from_secs(60))).await.unwrap();
    kv.put("lock", b"l", Some(Duration::from_secs(60))).await.unwrap();
    kv.put("forever", b"f", None).await.unwrap();
    assert_eq!(kv.get("code").await.unwrap().as_deref(), Some(&b"c"[..]));
    offset.store(61, Ordering::SeqCst);
    assert_eq!(kv.get("code").await.unwrap(), None);
    assert!(kv.put_if_absent("lock", b"l2", None).await.unwrap(), "an expired entry does not block a new one");
    assert_eq!(kv.get("lock").await.unwrap().as_deref(), Some(&b"l2"[..]));
    assert_eq!(kv.get("forever").await.unwrap().as_deref(), Some(&b"f"[..]));
    assert_eq!(entries(dir.path()).len(), 2, "the expired code's file went when it was read");

    kv.put("gone", b"g", Some(Duration::from_secs(1))).await.unwrap();
    offset.store(63, Ordering::SeqCst);
    assert_eq!(kv.take("gone").await.unwrap(), None);
    assert!(!kv.delete("gone").await.unwrap());
}

#[tokio::test]
async fn a_restart_keeps_live_entries_and_sweeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, offset) = clock();
    {
        let kv = DiskKv::open_with_clock(dir.path().to_owned(), Arc::clone(&clock)).unwrap();
        kv.put("client", b"registered", None).await.unwrap();
        kv.put("pending", b"p", Some(Duration::from_secs(300))).await.unwrap();
        for i in 0..40 {
            kv.put(&format!("abandoned:{i}"), b"x", Some(Duration::from_secs(5))).await.unwrap();
        }
    }
    // What a process killed mid-operation leaves: a temp file and a claimed entry.
    fs::write(dir.path().join(".tmp-deadbeef"), b"half").unwrap();
    fs::write(dir.path().join(".claim-deadbeef"), file::encode(b"x", 0)).unwrap();
    fs::write(dir.path().join("README"), b"not ours").unwrap();
    offset.store(10, Ordering::SeqCst);

    let kv = DiskKv::open_with_clock(dir.path().to_owned(), Arc::clone(&clock)).unwrap();
    assert_eq!(entries(dir.path()).len(), 2 + 3, "expired entries swept at open: {:?}", entries(dir.path()));
    assert_eq!(kv.get("client").await.unwrap().as_deref(), Some(&b"registered"[..]));
    assert_eq!(kv.get("pending").await.unwrap().as_deref(), Some(&b"p"[..]));

    // Leftovers go once they are old enough that no live operation can own them.
    offset.store(10 + 601, Ordering::SeqCst);
    drop(kv);
    let kv = DiskKv::open_with_clock(dir.path().to_owned(), clock).unwrap();
    assert_eq!(entries(dir.path()).len(), 2, "{:?}", entries(dir.path()));
    assert!(dir.path().join(crate::hex(ring::digest::digest(&ring::digest::SHA256, b"client").as_ref())).exists());
    drop(kv);
}

#[tokio::test]
async fn writes_sweep_a_bounded_slice_at_most_every_interval() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, offset) = clock();
    let kv = DiskKv::open_with_clock(dir.path().to_owned(), clock).unwrap();
    for i in 0..600 {
        kv.put(&format!("pending:{i}"), b"x", Some(Duration::from_secs(1))).await.unwrap();
    }
    offset.store(5, Ordering::SeqCst);
    let inner = &kv.inner;
    inner.sweep.lock().unwrap().forget_last();
    let removed = inner.sweep_some();
    assert_eq!(inner.sweep_some(), 0, "a second sweep within the interval does nothing");
    assert!(removed > 0 && removed < 600 / 4, "one slice of sixteen, removed {removed}");
    let left = entries(dir.path()).len();
    assert_eq!(left, 600 - removed);
    for _ in 0..16 {
        inner.sweep.lock().unwrap().forget_last();
        inner.sweep_some();
    }
    assert_eq!(entries(dir.path()).len(), 0, "sixteen slices cover every file name");
}

#[tokio::test]
async fn a_corrupt_entry_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let kv = DiskKv::open(dir.path()).unwrap();
    let path = kv.inner.path_of("k");
    fs::write(&path, b"garbage").unwrap();
    assert!(matches!(kv.get("k").await, Err(KvError::Corrupt(_))));
    assert!(matches!(kv.put_if_absent("k", b"v", None).await, Err(KvError::Corrupt(_))));
    kv.put("k", b"v", None).await.unwrap();
    assert_eq!(kv.get("k").await.unwrap().as_deref(), Some(&b"v"[..]), "a put replaces it");
}

#[tokio::test]
async fn an_unwritable_directory_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let kv = DiskKv::open(dir.path().join("kv")).unwrap();
    fs::remove_dir(kv.dir()).unwrap();
    assert!(matches!(kv.probe().await, Err(KvError::Unavailable(_))));
    assert!(matches!(kv.put("k", b"v", None).await, Err(KvError::Unavailable(_))));
    fs::write(dir.path().join("file"), b"").unwrap();
    assert!(matches!(DiskKv::open(dir.path().join("file")), Err(KvError::Unavailable(_))));
}

/// Two backends on one directory, as two replicas on a shared volume: over many rounds each
/// one-time entry is taken exactly once, and each lock is won exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_racing_take_and_put_if_absent_win_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = Arc::new(DiskKv::open(dir.path()).unwrap());
    let b = Arc::new(DiskKv::open(dir.path()).unwrap());
    let rounds = 200;
    for round in 0..rounds {
        let key = format!("code:{round}");
        a.put(&key, format!("v{round}").as_bytes(), Some(Duration::from_secs(60))).await.unwrap();
        let (ta, tb) = tokio::join!(
            tokio::spawn({
                let (a, key) = (Arc::clone(&a), key.clone());
                async move { a.take(&key).await.unwrap() }
            }),
            tokio::spawn({
                let (b, key) = (Arc::clone(&b), key.clone());
                async move { b.take(&key).await.unwrap() }
            }),
        );
        let won: Vec<Vec<u8>> = [ta.unwrap(), tb.unwrap()].into_iter().flatten().collect();
        assert_eq!(won, vec![format!("v{round}").into_bytes()], "round {round}");

        let lock = format!("lock:{round}");
        let (la, lb) = tokio::join!(
            tokio::spawn({
                let (a, lock) = (Arc::clone(&a), lock.clone());
                async move { a.put_if_absent(&lock, b"a", None).await.unwrap() }
            }),
            tokio::spawn({
                let (b, lock) = (Arc::clone(&b), lock.clone());
                async move { b.put_if_absent(&lock, b"b", None).await.unwrap() }
            }),
        );
        let (la, lb) = (la.unwrap(), lb.unwrap());
        assert!(la ^ lb, "round {round}: exactly one lock holder ({la}, {lb})");
        let holder: &[u8] = if la { b"a" } else { b"b" };
        assert_eq!(b.get(&lock).await.unwrap().as_deref(), Some(holder));
    }
    assert_eq!(entries(dir.path()).len(), rounds, "only the locks remain");
}
