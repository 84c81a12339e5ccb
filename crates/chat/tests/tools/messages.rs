//! get_messages, search_messages, send_message, create_reaction and
//! download_chat_attachment: success and error paths.

use super::*;

#[tokio::test]
async fn get_messages_shows_newest_first_with_ids_reactions_and_attachments() {
    let env = Env::new().await;
    let out = env.ok("get_messages", json!({"space_id": ATLAS_TEAM})).await;
    assert!(out.starts_with(&format!("6 message(s) in {ATLAS_TEAM} (newest first):")), "{out}");
    let first = out.find("Staging deploy").unwrap();
    assert!(first < out.find("Kickoff notes").unwrap(), "{out}");
    assert!(out.contains(&format!("Message: {DIAGRAM} | Thread: {ATLAS_TEAM}/threads/diagramThr1")), "{out}");
    assert!(out.contains("Reactions: 👍 1, 🎉 1"), "{out}");
    assert!(out.contains(&format!("Attachments: [0] {DIAGRAM_FILE} (image/png)")), "{out}");
    assert!(out.contains(&format!("] {LENA}")), "{out}");
    let req = env.last("chat.spaces.messages.list");
    assert_eq!(req.query_param("orderBy"), Some("createTime desc"));
    assert_eq!(req.query_param("pageSize"), Some("50"));

    let thread = format!("thread.name = {KICKOFF_THREAD}");
    let out = env
        .ok("get_messages", json!({"space_id": "AAAAatlasTm1", "order_by": "createTime asc", "message_filter": thread}))
        .await;
    assert!(out.starts_with("3 message(s)") && out.contains("(reply in thread)"), "{out}");
    assert_eq!(env.last("chat.spaces.messages.list").query_param("filter"), Some(thread.as_str()));

    env.refused(
        "get_messages",
        &[
            json!({"space_id": " "}),
            json!({"space_id": ATLAS_TEAM, "order_by": "sender"}),
            json!({"space_id": ATLAS_TEAM, "page_size": -1}),
        ],
    )
    .await;
    let e = env.err("get_messages", json!({"space_id": ATLAS_TEAM, "message_filter": "text = \"x\""})).await;
    assert!(is_google(&e, 400), "{e}");
    let e = env.err("get_messages", json!({"space_id": FINANCE})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn search_matches_text_across_spaces_or_in_one() {
    let env = Env::new().await;
    let out = env.ok("search_messages", json!({"query": "ATLAS"})).await;
    // Atlas team has four messages naming Atlas; the DM one; the lunch chat one.
    assert!(out.starts_with("6 message(s) containing \"atlas\" in 3 spaces"), "{out}");
    assert!(out.contains(&format!("\"Atlas team\" ({ATLAS_TEAM}): 4 message(s)")), "{out}");
    assert!(!out.contains("Count me in"), "{out}");
    assert_eq!(env.requests("chat.spaces.messages.list").len(), 3);
    assert_eq!(env.last("chat.spaces.list").query_param("pageSize"), Some("10"));

    let since = (wsmcp_testkit::now() - chrono::Duration::hours(30)).to_rfc3339();
    let filter = format!("createTime > \"{since}\"");
    let out = env.ok("search_messages", json!({"query": "atlas", "space_id": ATLAS_TEAM, "time_filter": filter})).await;
    assert!(out.starts_with("2 message(s) containing \"atlas\" with createTime"), "{out}");
    assert_eq!(env.last("chat.spaces.messages.list").query_param("filter"), Some(filter.as_str()));

    let none = env.ok("search_messages", json!({"query": "no such words"})).await;
    assert!(none.starts_with("No messages containing \"no such words\" in 3 spaces"), "{none}");
    env.refused(
        "search_messages",
        &[json!({"query": "x", "max_spaces": 0}), json!({"query": "x", "time_filter": "yesterday"})],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn send_message_threads_and_edits_with_checked_arguments() {
    let env = Env::new().await;
    let out = env.ok("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Go for launch?"})).await;
    assert!(out.starts_with(&format!("Message sent to {ATLAS_TEAM} in a new thread.")), "{out}");
    let req = env.last("chat.spaces.messages.create");
    assert!(req.query_param("requestId").unwrap().starts_with("wsmcp-"));
    assert_eq!(req.query_param("messageReplyOption"), None);
    assert_eq!(req.body.clone().unwrap(), json!({"text": "Go for launch?"}));

    let keyed = json!({"space_id": ATLAS_TEAM, "message_text": "Checklist", "thread_key": "launch"});
    let first = env.ok("send_message", keyed.clone()).await;
    let second = env.ok("send_message", keyed).await;
    assert_eq!(after(&first, "Thread: "), after(&second, "Thread: "));
    let req = env.last("chat.spaces.messages.create");
    assert_eq!(req.query_param("messageReplyOption"), Some("REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"));
    assert_eq!(req.body.clone().unwrap(), json!({"text": "Checklist", "thread": {"threadKey": "launch"}}));

    let missing = format!("{ATLAS_TEAM}/threads/missing");
    let e = env.err("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "x", "thread_name": missing})).await;
    assert!(is_google(&e, 404), "{e}");

    let mine = after(&first, "Message: ");
    let out = env
        .ok("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Checklist v2", "message_name": mine}))
        .await;
    assert!(out.starts_with("Message edited") && out.contains("> Checklist v2") && out.contains("edited"), "{out}");
    assert_eq!(env.last("chat.spaces.messages.patch").query_param("updateMask"), Some("text"));
    let e =
        env.err("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "mine", "message_name": KICKOFF})).await;
    assert!(is_google(&e, 403), "{e}");

    env.refused(
        "send_message",
        &[
            json!({"space_id": ATLAS_TEAM, "message_text": "  "}),
            json!({"space_id": ATLAS_TEAM, "message_text": "x".repeat(4097)}),
            json!({"space_id": ATLAS_TEAM, "message_text": "x", "thread_key": "k", "thread_name": KICKOFF_THREAD}),
            json!({"space_id": DM_PRIYA, "message_text": "x", "thread_name": KICKOFF_THREAD}),
            json!({"space_id": DM_PRIYA, "message_text": "x", "message_name": KICKOFF}),
            json!({"space_id": ATLAS_TEAM, "message_text": "x", "message_name": KICKOFF, "thread_key": "k"}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn reactions_and_downloads() {
    let env = Env::new().await;
    let out = env.ok("create_reaction", json!({"message_id": STAGING, "emoji_unicode": "🚀"})).await;
    assert!(out.starts_with(&format!("Reacted 🚀 to {STAGING}.\nReaction: {STAGING}/reactions/")), "{out}");
    assert_eq!(
        env.last("chat.spaces.messages.reactions.create").body.clone().unwrap(),
        json!({"emoji": {"unicode": "🚀"}})
    );
    let e = env.err("create_reaction", json!({"message_id": STAGING, "emoji_unicode": "🚀"})).await;
    assert!(is_google(&e, 409), "{e}");
    env.refused(
        "create_reaction",
        &[
            json!({"message_id": STAGING, "emoji_unicode": ":rocket:"}),
            json!({"message_id": "abc", "emoji_unicode": "👍"}),
        ],
    )
    .await;

    let saved = env.h.ok("download_chat_attachment", json!({"message_id": DIAGRAM})).await;
    assert!(saved.text.contains(&format!("File name: {DIAGRAM_FILE}\nType: image/png")), "{}", saved.text);
    assert_eq!(std::fs::read(&saved.files[0].path).unwrap(), wsmcp_chat::sandbox::seed::diagram_png());
    assert_eq!(env.last("chat.media.download").query_param("alt"), Some("media"));
    let e = env.err("download_chat_attachment", json!({"message_id": DIAGRAM, "attachment_index": 1})).await;
    assert!(e.to_string().contains("has 1 attachment(s) (indexes 0-0)"), "{e}");
    let e = env.err("download_chat_attachment", json!({"message_id": STAGING})).await;
    assert!(e.to_string().contains("has no attachments"), "{e}");
    env.refused("download_chat_attachment", &[json!({"message_id": DIAGRAM, "attachment_index": -1})]).await;
    env.done();
}
