//! Round trips: create a document, edit it, read the edit back (text inserted before an emoji
//! lands where asked), and a counted find-and-replace; Markdown written into a tab and read
//! back as the same Markdown.

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

/// Markdown in through manage_doc_tab, out through get_doc_as_markdown: the same text.
const MARKDOWN: &str = "# Atlas 🚀 launch

Ship **on time** with *care* and ~~no~~ `cargo` — see [the plan](https://example.com/plan).

## Lists

- First 🌍
- Second
    - Nested 👋🏽
        - Deeper
- Third

1. One
2. Two
    1. Two point one

| Risk | Owner \\| lead |
| --- | --- |
| Slip 🐢 | [Alex](https://example.com/alex) |
| Budget | **Lena** |

Last line with 日本語.
";

#[tokio::test]
#[ignore = "needs docs-text and docs-elements"]
async fn markdown_in_through_a_tab_and_out_again() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let out = env.h.ok("manage_doc_tab", json!({"document_id": doc, "action": "create", "title": "Round trip"})).await;
    let tab = out.structured.unwrap()["tab_id"].as_str().unwrap().to_string();
    let args =
        json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": tab, "markdown_text": MARKDOWN});
    let before = env.requests("docs.documents.batchUpdate").len();
    let out = env.ok("manage_doc_tab", args.clone()).await;
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before + 1, "one batchUpdate: {out}");
    let read = json!({"document_id": doc, "tab_id": tab, "include_comments": false});
    assert_eq!(env.ok("get_doc_as_markdown", read.clone()).await, MARKDOWN);
    // Written again over itself (replace_existing), it reads the same: the reset of inherited
    // styles and the delete of the old content work together.
    env.ok("manage_doc_tab", args).await;
    assert_eq!(env.ok("get_doc_as_markdown", read).await, MARKDOWN);
    env.done();
}
