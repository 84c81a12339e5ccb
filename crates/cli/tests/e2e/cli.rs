//! Bad flags and values exit non-zero with one line that names them and what is accepted.

use std::process::Command;

use crate::harness::BIN;

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_clear().env("HOME", std::env::temp_dir());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run binary");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn bad_tier_names_flag_and_accepted_values() {
    let (code, err) = run(&["--tool-tier", "everything"], &[]);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--tool-tier 'everything'") && err.contains("core, extended, complete"), "{err}");
}

#[test]
fn bad_service_and_transport_and_env_values() {
    let (code, err) = run(&["--tools", "gmail", "mail"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("'mail'") && err.contains("gmail, drive, calendar"), "{err}");
    let (code, err) = run(&["--transport", "sse"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("stdio, streamable-http"), "{err}");
    let (code, err) = run(&[], &[("WORKSPACE_MCP_READ_ONLY", "maybe")]);
    assert_eq!(code, 2);
    assert!(err.contains("WORKSPACE_MCP_READ_ONLY 'maybe'"), "{err}");
    let (code, err) = run(&["--permissions", "gmail:everything"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("readonly, organize, drafts, send, full"), "{err}");
    let (code, err) = run(&["--read-only", "--permissions", "gmail:readonly"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--read-only"), "{err}");
}

#[test]
fn unknown_flag_is_one_line() {
    let (code, err) = run(&["--no-such-flag"], &[]);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--no-such-flag"), "{err}");
}

#[test]
fn healthcheck_fails_when_nothing_listens() {
    let port = crate::harness::free_port().to_string();
    let (code, err) = run(&["healthcheck"], &[("PORT", &port)]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot connect"), "{err}");
}
