//! Each tool call logs under a span with its own request id, and each Google call it makes logs
//! under a child span, so one call's lines can be found together.

use std::process::Stdio;

use serde_json::json;
use tokio::io::AsyncReadExt as _;

use crate::harness::{command, ok, sandbox};

#[tokio::test]
async fn a_tool_call_span_carries_a_request_id_and_holds_its_google_calls() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_LOG_LEVEL", "debug").stderr(Stdio::piped());
    // The harness's client inherits stderr; this test reads it, so it builds the transport itself.
    let (transport, stderr) = rmcp::transport::TokioChildProcess::builder(cmd).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = stderr.expect("stderr piped");
    let client = rmcp::ServiceExt::serve((), transport).await.unwrap();
    ok(&client, "list_gmail_labels", json!({})).await;
    ok(&client, "list_gmail_labels", json!({})).await;
    client.cancel().await.unwrap();
    let mut log = String::new();
    stderr.read_to_string(&mut log).await.unwrap();

    let ids: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("tool call finished"))
        .filter_map(|l| l.split("request_id=").nth(1)?.split([' ', '}']).next())
        .collect();
    assert_eq!(ids.len(), 2, "{log}");
    assert_ne!(ids[0], ids[1], "each call has its own id");
    assert!(ids.iter().all(|id| id.len() == 12), "{ids:?}");
    let google =
        log.lines().find(|l| l.contains("google_call{")).unwrap_or_else(|| panic!("no Google call span: {log}"));
    assert!(google.contains("tool_call{request_id=") && google.contains("/gmail/v1/users/me/labels"), "{google}");
}
