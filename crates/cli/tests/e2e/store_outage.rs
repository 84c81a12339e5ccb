//! The shared store going away and coming back, as when the Kubernetes overlay's Valkey pod
//! restarts: two stateless OAuth 2.1 replicas on one `redis-server` that keeps an append-only
//! file (as that Valkey does on its claim). While it is down, every replica reports not ready and
//! refuses calls with 503 `temporarily_unavailable`, never 401 (a 401 would send the client to
//! sign in again); once it is back, the tokens issued before work again on every replica and the
//! refresh grant rotates them, with no new sign-in.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::oauth_client::{refresh, reply_json, sign_in, stateless};
use crate::replicas::{Cluster, Redis, drive_over_2026};

/// Polls every replica's `/health/ready` until each answers `status` (the answer is cached for
/// a few seconds, so a change shows within that).
async fn all_ready_become(ports: &[u16], status: u16) {
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    for port in ports {
        loop {
            let r = http.get(format!("http://127.0.0.1:{port}/health/ready")).send().await.unwrap();
            if r.status() == status {
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["storage"], "valkey", "{body}");
                break;
            }
            assert!(Instant::now() < deadline, "replica {port}'s /health/ready never answered {status}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

#[tokio::test]
async fn a_store_restart_refuses_calls_with_503_meanwhile_and_signs_nobody_out() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some(mut redis) = Redis::start(true) else { return };
    let cluster = Cluster::start(2, &redis).await;
    let lb = &cluster.lb;
    let (tokens, client_id) = sign_in(lb).await;
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let drive = drive_over_2026(lb, &access).await;
    all_ready_become(&cluster.ports, 200).await;

    redis.kill();
    let call = json!({"name": "list_drive_items", "arguments": {"folder_id": "root"}});
    for _ in 0..cluster.ports.len() {
        let r = stateless(lb, Some(&access), "tools/call", call.clone()).await;
        assert_eq!(r.status(), 503, "a call while the store is down");
        assert!(r.headers().get("www-authenticate").is_none(), "no challenge: the token is not at fault");
        let body: Value = reply_json(r).await;
        assert_eq!(body["error"], "temporarily_unavailable", "{body}");
    }
    all_ready_become(&cluster.ports, 503).await;

    redis.restart();
    all_ready_become(&cluster.ports, 200).await;
    // Both replicas (the balancer alternates) honour the token issued before the outage.
    for _ in 0..cluster.ports.len() {
        assert_eq!(drive_over_2026(lb, &access).await, drive);
    }
    let r = refresh(lb, tokens["refresh_token"].as_str().unwrap(), &client_id).await;
    assert_eq!(r.status(), 200, "the refresh token outlived the outage");
    let rotated: Value = r.json().await.unwrap();
    assert_eq!(drive_over_2026(lb, rotated["access_token"].as_str().unwrap()).await, drive);
    assert_eq!(lb.served(0, "GET /authorize").len(), 1, "one sign-in in all");
}
