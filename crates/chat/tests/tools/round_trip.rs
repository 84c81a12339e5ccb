//! The round trips: send a message and read it back; reply in its thread; react to it;
//! download the seeded attachment.

use super::*;

#[tokio::test]
async fn send_read_back_reply_react_and_download() {
    let env = Env::new().await;
    let sent =
        env.ok("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Launch is a go for Monday."})).await;
    let (message, thread) = (after(&sent, "Message: "), after(&sent, "Thread: "));
    let read = env.ok("get_messages", json!({"space_id": ATLAS_TEAM, "page_size": 1})).await;
    assert!(read.contains("> Launch is a go for Monday.") && read.contains(&message), "{read}");
    assert!(read.contains(&format!("] {ALEX}")), "{read}");

    let reply = env
        .ok("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "Great news!", "thread_name": thread}))
        .await;
    assert!(reply.contains("as a reply in the thread") && reply.contains(&format!("Thread: {thread}")), "{reply}");
    let in_thread = env
        .ok("get_messages", json!({"space_id": ATLAS_TEAM, "message_filter": format!("thread.name = {thread}")}))
        .await;
    assert!(in_thread.starts_with("2 message(s)"), "{in_thread}");

    env.ok("create_reaction", json!({"message_id": message, "emoji_unicode": "🎉"})).await;
    let read =
        env.ok("get_messages", json!({"space_id": ATLAS_TEAM, "order_by": "createTime desc", "page_size": 2})).await;
    assert!(read.contains("Reactions: 🎉 1"), "{read}");

    let saved = env.h.ok("download_chat_attachment", json!({"message_id": DIAGRAM, "attachment_index": 0})).await;
    assert_eq!(saved.files.len(), 1);
    assert_eq!(saved.files[0].mime_type, "image/png");
    env.done();
}
