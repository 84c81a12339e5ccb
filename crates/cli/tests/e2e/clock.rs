//! `WORKSPACE_MCP_SANDBOX_NOW`: the binary's own sandbox, its seed and its tools' "now" defaults
//! all start from the given instant, so a demo or a test sees the same dates on any day.

use serde_json::json;

use crate::harness::{BIN, ok, stdio_client};

fn own_sandbox(home: &std::path::Path, now: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.arg("--sandbox")
        .env_clear()
        .env("HOME", home)
        .env("WORKSPACE_MCP_LOG_LEVEL", "warn")
        .env("WORKSPACE_MCP_SANDBOX_NOW", now)
        .env("WORKSPACE_MCP_TOOLS", "calendar,gmail")
        .kill_on_drop(true);
    cmd
}

#[tokio::test]
async fn the_sandbox_clock_dates_the_seed_and_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(own_sandbox(home.path(), "2030-05-17T10:00:00Z")).await;
    // get_events without a start lists from "now": the seed's next events are in May 2030.
    let events = ok(&client, "get_events", json!({"max_results": 5})).await;
    assert!(events.contains("2030-05-"), "{events}");
    assert!(!events.contains("2026-") && !events.contains("2029-"), "{events}");
    // The mailbox's newest mail is from the days before that instant.
    let mail = ok(&client, "search_gmail_messages", json!({"query": "newer_than:3d", "page_size": 5})).await;
    assert!(mail.contains("Message ID: "), "{mail}");
    client.cancel().await.unwrap();
}

#[test]
fn a_bad_instant_is_one_line_naming_the_variable() {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(BIN)
        .env_clear()
        .env("HOME", home.path())
        .env("WORKSPACE_MCP_SANDBOX_NOW", "next tuesday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("WORKSPACE_MCP_SANDBOX_NOW") && err.contains("RFC 3339"), "{err}");
}
