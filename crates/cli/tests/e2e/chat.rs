//! The 6 Chat tools through the real binary over stdio, against the seeded spaces of
//! alex.rivera@example.com (the Atlas team space, a DM with Priya, a lunch group chat). The
//! round trips: send a message and read it back, reply in its thread, react to it, download
//! the seeded attachment; an error path for every tool; the "no Chat app" advice.

use serde_json::json;
use wsmcp_chat::sandbox::seed::ids::*;

use crate::harness::{USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next space, `|` or line end.
fn after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([' ', '\n', '|']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_chat_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let spaces = ok(&client, "list_spaces", json!({})).await;
    assert!(spaces.starts_with(&format!("3 Chat space(s) for {USER}:")), "{spaces}");
    assert!(spaces.contains(&format!("\"Atlas team\" (ID: {ATLAS_TEAM})")), "{spaces}");

    // Send, then read it back.
    let sent =
        ok(&client, "send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Atlas launch is Monday."})).await;
    let (message, thread) = (after(&sent, "Message: "), after(&sent, "Thread: "));
    let create = requests_for(&sb, "chat.spaces.messages.create").pop().unwrap();
    assert!(create.query_param("requestId").is_some_and(|r| !r.is_empty()));
    assert_eq!(create.body.clone().unwrap(), json!({"text": "Atlas launch is Monday."}));
    let read = ok(&client, "get_messages", json!({"space_id": ATLAS_TEAM, "page_size": 1})).await;
    assert!(read.contains("> Atlas launch is Monday.") && read.contains(&message), "{read}");

    // Reply in its thread; the thread then holds both.
    let reply =
        ok(&client, "send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Noted!", "thread_name": thread}))
            .await;
    assert!(reply.contains(&format!("Thread: {thread}")), "{reply}");
    let create = requests_for(&sb, "chat.spaces.messages.create").pop().unwrap();
    assert_eq!(create.query_param("messageReplyOption"), Some("REPLY_MESSAGE_OR_FAIL"));
    let in_thread = ok(
        &client,
        "get_messages",
        json!({"space_id": ATLAS_TEAM, "message_filter": format!("thread.name = {thread}")}),
    )
    .await;
    assert!(in_thread.starts_with("2 message(s)"), "{in_thread}");

    // React, and see the reaction on the message.
    let reacted = ok(&client, "create_reaction", json!({"message_id": message, "emoji_unicode": "🚀"})).await;
    assert!(reacted.starts_with(&format!("Reacted 🚀 to {message}")), "{reacted}");
    let read = ok(&client, "get_messages", json!({"space_id": ATLAS_TEAM, "order_by": "createTime asc"})).await;
    assert!(read.contains("Reactions: 🚀 1"), "{read}");

    // Search across spaces, and download the seeded diagram.
    let found = ok(&client, "search_messages", json!({"query": "diagram"})).await;
    assert!(found.contains(DIAGRAM) && found.contains("Attachments: [0] atlas-architecture.png"), "{found}");
    let saved = ok(&client, "download_chat_attachment", json!({"message_id": DIAGRAM})).await;
    let path = after(&saved, "Location: ");
    assert_eq!(std::fs::read(&path).unwrap(), wsmcp_chat::sandbox::seed::diagram_png(), "{saved}");
    assert_eq!(requests_for(&sb, "chat.media.download")[0].path, format!("/v1/media/{DIAGRAM_RESOURCE}"));

    // An error path per tool.
    let before = sb.requests().len();
    let e = err(&client, "list_spaces", json!({"space_type": "channels"})).await;
    assert!(e.contains("space_type"), "{e}");
    let e = err(&client, "send_message", json!({"space_id": ATLAS_TEAM, "message_text": " "})).await;
    assert!(e.contains("message_text"), "{e}");
    let e = err(&client, "create_reaction", json!({"message_id": message, "emoji_unicode": ":rocket:"})).await;
    assert!(e.contains("emoji_unicode"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");
    let e = err(&client, "get_messages", json!({"space_id": FINANCE})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "search_messages", json!({"query": "q4", "space_id": FINANCE})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "download_chat_attachment", json!({"message_id": STAGING})).await;
    assert!(e.contains("has no attachments"), "{e}");
    let e = err(&client, "send_message", json!({"space_id": ATLAS_TEAM, "message_text": "x", "message_name": KICKOFF}))
        .await;
    assert!(e.contains("403"), "only the author edits: {e}");

    // A Cloud project without a Chat app: Google's confusing 404 becomes the setup steps.
    sb.inject(wsmcp_chat::sandbox::app_not_configured(1));
    let e = err(&client, "list_spaces", json!({})).await;
    assert!(e.contains("Google Chat app not found") && e.contains("App name, an Avatar URL"), "{e}");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
