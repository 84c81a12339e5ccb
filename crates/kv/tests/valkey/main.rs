//! The Valkey backend against a real redis-server (Redis 7 speaks the same protocol and
//! commands as Valkey): every operation, TTLs, two replicas racing, credentials and databases,
//! an outage and restart, a server that never answers, and TLS.
#![cfg(feature = "valkey")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod server;
mod tls;

use std::sync::Arc;
use std::time::{Duration, Instant};

use server::{RedisServer, config_for};
use wsmcp_kv::{Kv, KvError, Sealed, ValkeyConfig, ValkeyKv};

fn connect(config: &ValkeyConfig) -> ValkeyKv {
    ValkeyKv::connect(config).unwrap()
}

#[tokio::test]
async fn every_operation_is_one_atomic_command() {
    let Some(server) = RedisServer::start(&[]) else { return };
    let kv = connect(&server.config());
    kv.probe().await.unwrap();
    assert_eq!(kv.name(), "valkey");
    assert_eq!(kv.get("a").await.unwrap(), None);
    kv.put("a", b"1", None).await.unwrap();
    kv.put("a", b"\x00\xff binary", None).await.unwrap();
    assert_eq!(kv.get("a").await.unwrap().as_deref(), Some(&b"\x00\xff binary"[..]));
    assert!(!kv.put_if_absent("a", b"x", None).await.unwrap());
    assert_eq!(kv.take("a").await.unwrap().as_deref(), Some(&b"\x00\xff binary"[..]));
    assert_eq!(kv.take("a").await.unwrap(), None);
    assert!(kv.put_if_absent("a", b"2", None).await.unwrap());
    assert!(kv.delete("a").await.unwrap());
    assert!(!kv.delete("a").await.unwrap());

    // Keys carry the prefix: a client without it sees them under their full name.
    kv.put("client:1", b"c", None).await.unwrap();
    let bare = connect(&ValkeyConfig { key_prefix: String::new(), ..server.config() });
    assert_eq!(bare.get("workspace-mcp:client:1").await.unwrap().as_deref(), Some(&b"c"[..]));
    assert_eq!(bare.get("client:1").await.unwrap(), None);

    // Sealed over Valkey: the server holds a hashed key and ciphertext.
    let sealed = Sealed::new(connect(&server.config()), &[7u8; 32], "sealed:").unwrap();
    sealed.put("token:alice", b"ya29.secret", None).await.unwrap();
    assert_eq!(sealed.get("token:alice").await.unwrap().as_deref(), Some(&b"ya29.secret"[..]));
    let raw = bare.get(&format!("workspace-mcp:{}", sealed.stored_key("token:alice"))).await.unwrap().unwrap();
    assert!(!raw.windows(6).any(|w| w == b"secret"));
}

#[tokio::test]
async fn entries_expire_on_the_server() {
    let Some(server) = RedisServer::start(&[]) else { return };
    let kv = connect(&server.config());
    kv.put("code", b"c", Some(Duration::from_millis(1500))).await.unwrap();
    assert!(!kv.put_if_absent("code", b"d", Some(Duration::from_secs(60))).await.unwrap());
    kv.put("lock", b"l", Some(Duration::ZERO)).await.unwrap();
    kv.put("kept", b"k", Some(Duration::from_secs(60))).await.unwrap();
    assert_eq!(kv.get("code").await.unwrap().as_deref(), Some(&b"c"[..]));
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(kv.get("code").await.unwrap(), None);
    assert_eq!(kv.take("lock").await.unwrap(), None, "a zero TTL expires at once");
    assert!(kv.put_if_absent("code", b"e", None).await.unwrap(), "an expired entry does not block a new one");
    assert_eq!(kv.get("kept").await.unwrap().as_deref(), Some(&b"k"[..]));
}

/// Two replicas, each with its own connection: every one-time entry is taken exactly once and
/// every lock won exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clients_racing_take_and_put_if_absent_win_exactly_once() {
    let Some(server) = RedisServer::start(&[]) else { return };
    let a = Arc::new(connect(&server.config()));
    let b = Arc::new(connect(&server.config()));
    for round in 0..300 {
        let key = format!("code:{round}");
        a.put(&key, b"v", Some(Duration::from_secs(60))).await.unwrap();
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
        let winners = [ta.unwrap(), tb.unwrap()].into_iter().flatten().count();
        assert_eq!(winners, 1, "round {round}");

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
        assert!(la.unwrap() ^ lb.unwrap(), "round {round}: exactly one lock holder");
    }
}

#[tokio::test]
async fn credentials_and_database_are_used() {
    let Some(server) =
        RedisServer::start(&["--requirepass", "s3cret", "--user", "mcp", "on", ">mcp-pw", "~*", "+@all"])
    else {
        return;
    };
    let anonymous = connect(&server.config());
    let e = anonymous.probe().await.unwrap_err();
    assert!(matches!(e, KvError::Unavailable(_)), "{e}");

    let default_user = connect(&ValkeyConfig { password: Some("s3cret".into()), ..server.config() });
    default_user.put("k", b"db0", None).await.unwrap();
    let acl_user =
        connect(&ValkeyConfig { username: Some("mcp".into()), password: Some("mcp-pw".into()), ..server.config() });
    assert_eq!(acl_user.get("k").await.unwrap().as_deref(), Some(&b"db0"[..]));

    let db1 = connect(&ValkeyConfig { password: Some("s3cret".into()), db: 1, ..server.config() });
    assert_eq!(db1.get("k").await.unwrap(), None, "database 1 is another keyspace");
    db1.put("k", b"db1", None).await.unwrap();
    assert_eq!(default_user.get("k").await.unwrap().as_deref(), Some(&b"db0"[..]));

    let wrong = connect(&ValkeyConfig { password: Some("wrong".into()), ..server.config() });
    assert!(matches!(wrong.get("k").await, Err(KvError::Unavailable(_))));
}

/// The server goes away mid-run: calls fail promptly with `Unavailable`, and once it is back
/// the same client works again without being rebuilt.
#[tokio::test]
async fn an_outage_is_unavailable_within_the_timeout_and_the_client_reconnects() {
    let Some(mut server) = RedisServer::start(&[]) else { return };
    let config = server.config();
    let kv = connect(&config);
    kv.put("before", b"1", None).await.unwrap();

    server.stop();
    for _ in 0..3 {
        let started = Instant::now();
        let e = kv.get("before").await.unwrap_err();
        assert!(matches!(e, KvError::Unavailable(_)), "{e}");
        assert!(started.elapsed() < config.request_timeout + Duration::from_millis(1500), "{:?}", started.elapsed());
    }
    assert!(kv.probe().await.is_err());

    server.restart();
    let deadline = Instant::now() + Duration::from_secs(10);
    while kv.probe().await.is_err() {
        assert!(Instant::now() < deadline, "the client did not reconnect within 10 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(kv.get("before").await.unwrap(), None, "nothing persisted across the restart");
    kv.put("after", b"2", None).await.unwrap();
    assert_eq!(kv.take("after").await.unwrap().as_deref(), Some(&b"2"[..]));
}

/// A peer that accepts connections and never answers (a hung server, a black-holing
/// firewall): each call gives up at the request timeout instead of hanging, even while the
/// connection is still being set up (its own timeout here is far longer).
#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = std::thread::spawn(move || listener.incoming().take(8).flatten().collect::<Vec<_>>());
    let config = ValkeyConfig {
        request_timeout: Duration::from_millis(300),
        connection_timeout: Duration::from_secs(10),
        ..config_for(port)
    };
    let kv = connect(&config);
    for call in 0..2 {
        let started = Instant::now();
        let e = kv.take("code").await.unwrap_err();
        let took = started.elapsed();
        assert!(matches!(e, KvError::Unavailable(_)), "{e}");
        assert!(took < Duration::from_millis(2500), "call {call} took {took:?}");
    }
    drop(held);
}

#[tokio::test]
async fn nothing_listening_is_unavailable_promptly() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let kv = connect(&config_for(port));
    let started = Instant::now();
    let e = kv.probe().await.unwrap_err();
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    assert!(started.elapsed() < Duration::from_millis(3000), "{:?}", started.elapsed());
}
