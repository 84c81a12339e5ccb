//! The stdio transport: handshake, the tool surface, and the selection flags.

use serde_json::json;

use crate::harness::{command, err, ok, sandbox, stdio_client};

const GMAIL_TOOLS: [&str; 15] = [
    "batch_modify_gmail_message_labels",
    "draft_gmail_message",
    "get_gmail_attachment_content",
    "get_gmail_message_content",
    "get_gmail_messages_content_batch",
    "get_gmail_thread_content",
    "get_gmail_threads_content_batch",
    "list_gmail_filters",
    "list_gmail_labels",
    "manage_gmail_filter",
    "manage_gmail_label",
    "modify_gmail_message_labels",
    "search_gmail_messages",
    "send_gmail_message",
    "start_google_auth",
];

#[tokio::test]
async fn lists_the_fifteen_gmail_tools_with_explicit_hints() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_TOOLS", "gmail");
    let client = stdio_client(cmd).await;
    let info = client.peer_info().expect("server info");
    assert_eq!(info.server_info.as_ref().map(|i| i.name.as_str()), Some("workspace-mcp"));
    let tools = client.list_all_tools().await.unwrap();
    let mut names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    names.sort_unstable();
    assert_eq!(names, GMAIL_TOOLS);
    for t in &tools {
        let a = t.annotations.as_ref().unwrap_or_else(|| panic!("{} has no annotations", t.name));
        assert!(
            a.read_only_hint.is_some()
                && a.destructive_hint.is_some()
                && a.idempotent_hint.is_some()
                && a.open_world_hint.is_some(),
            "{}",
            t.name
        );
        // In sandbox mode the sample account is the default, so no tool requires it.
        let required = t.input_schema.get("required").cloned().unwrap_or(json!([]));
        assert!(!required.as_array().unwrap().contains(&json!("user_google_email")), "{}", t.name);
    }
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn tier_and_read_only_flags_filter_the_list() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.args(["--tool-tier", "core"]).env("WORKSPACE_MCP_TOOLS", "gmail");
    let client = stdio_client(cmd).await;
    let mut names: Vec<String> =
        client.list_all_tools().await.unwrap().into_iter().map(|t| t.name.to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "get_gmail_message_content",
            "get_gmail_messages_content_batch",
            "search_gmail_messages",
            "send_gmail_message",
        ]
    );
    client.cancel().await.unwrap();

    let mut cmd = command(&sb, home.path());
    cmd.arg("--read-only");
    let client = stdio_client(cmd).await;
    let tools = client.list_all_tools().await.unwrap();
    // Read-only scopes only: nothing that sends, deletes or relabels stays.
    assert!(tools.iter().all(|t| t.annotations.as_ref().and_then(|a| a.destructive_hint) == Some(false)), "{tools:#?}");
    assert!(tools.iter().any(|t| t.name == "search_gmail_messages"));
    assert!(!tools.iter().any(|t| t.name == "send_gmail_message"));
    // A tool left out by the selection cannot be called either.
    let e = client.call_tool(rmcp::model::CallToolRequestParams::new("send_gmail_message")).await;
    assert!(e.is_err(), "a disabled tool must not be callable");
    client.cancel().await.unwrap();

    let mut cmd = command(&sb, home.path());
    cmd.args(["--disabled-tools", "send_gmail_message,draft_gmail_message"]).env("WORKSPACE_MCP_TOOLS", "gmail");
    let client = stdio_client(cmd).await;
    let names: Vec<String> = client.list_all_tools().await.unwrap().into_iter().map(|t| t.name.to_string()).collect();
    assert_eq!(names.len(), 13);
    assert!(!names.iter().any(|n| n == "send_gmail_message" || n == "draft_gmail_message"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn arguments_are_checked_before_anything_is_sent() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let e = err(&client, "search_gmail_messages", json!({"qeury": "x"})).await;
    assert!(e.contains("qeury") && e.contains("query"), "{e}");
    let e =
        err(&client, "search_gmail_messages", json!({"query": "x", "user_google_email": "someone.else@example.com"}))
            .await;
    assert!(e.contains(crate::harness::USER), "{e}");
    // camelCase spellings are accepted.
    ok(&client, "search_gmail_messages", json!({"query": "from:priya.shah@example.com", "pageSize": 2})).await;
    let auth = ok(&client, "start_google_auth", json!({"service_name": "Gmail"})).await;
    assert!(auth.contains("Sandbox"), "{auth}");
    client.cancel().await.unwrap();
    crate::harness::assert_valid(&sb);
}
