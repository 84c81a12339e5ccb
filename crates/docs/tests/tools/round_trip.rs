//! The round trip of the issue: create a document, edit it, read the edit back (text inserted
//! before an emoji lands where asked), and a counted find-and-replace.

use super::*;

#[tokio::test]
async fn create_edit_before_an_emoji_and_read_back() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Launch day", "content": "Ship 🚀 today"})).await;
    let id = id_after(&out, "(document_id: ");
    // The structure gives the emoji's index in UTF-16 units: "Ship " is 1..6, the rocket 6..8.
    let structure = env.ok("inspect_doc_structure", json!({"document_id": id, "detailed": true})).await;
    assert!(structure.contains("[1-15] text \"Ship 🚀 today\" (14 units)"), "{structure}");
    // An edit through the API at index 6 goes right before the rocket.
    let g = env.g();
    let insert = json!({"insertText": {"location": {"index": 6, "tabId": "t.0"}, "text": "it "}});
    wsmcp_docs::api::documents_batch_update(&g, &id, vec![insert], None).await.unwrap();
    let out = env
        .ok("find_and_replace_doc", json!({"document_id": id, "find_text": "today", "replace_text": "now 🎉"}))
        .await;
    assert!(out.starts_with("Replaced 1 occurrence(s)"), "{out}");
    let text = env.ok("get_doc_content", json!({"document_id": id, "tab_id": "t.0"})).await;
    assert!(text.ends_with("Ship it 🚀 now 🎉\n"), "{text}");
    env.done();
}
