//! Round trips: create a document, edit it, read the edit back (text inserted before an emoji
//! lands where asked), a counted find-and-replace; a table filled with data, emoji and CJK
//! cells included, read back cell by cell; Markdown written into a tab and read back as the
//! same Markdown.

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

#[tokio::test]
async fn table_with_emoji_and_cjk_cells_reads_back_in_place() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Team", "content": "Team\nEnd"})).await;
    let id = id_after(&out, "(document_id: ");
    // "Team\n" is 1..6: the table goes into the paragraph "End" at its start.
    let data = json!([["Name", "Stadt", "Status"], ["Priya 👩🏽‍💻", "東京", ""], ["Lena", "München", "✅ done"]]);
    let args = json!({"document_id": id, "table_data": data, "index": 6, "bold_headers": false, "tab_id": "t.0"});
    env.ok("create_table_with_data", args).await;
    let out = env.ok("debug_table_structure", json!({"document_id": id, "tab_id": "t.0"})).await;
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dimensions"], "3x3");
    let texts: Vec<Vec<String>> = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|c| c["current_content"].as_str().unwrap().to_string()).collect())
        .collect();
    assert_eq!(texts, [["Name", "Stadt", "Status"], ["Priya 👩🏽‍💻", "東京", ""], ["Lena", "München", "✅ done"]]);
    // Cells stay contiguous: each starts where the one before ends, the emoji counted in UTF-16.
    let cells: Vec<&Value> = v["cells"].as_array().unwrap().iter().flat_map(|r| r.as_array().unwrap()).collect();
    assert_eq!(cells[3]["content_length_utf16"], 6 + 7, "👩🏽‍💻 is 7 units");
    assert_eq!(cells[4]["start_index"], cells[3]["end_index"]);
    assert_eq!(v["table_range"]["start_index"], 7);
    let text = env.ok("get_doc_content", json!({"document_id": id, "tab_id": "t.0"})).await;
    assert!(text.ends_with("Team\n\nName\nStadt\nStatus\nPriya 👩🏽‍💻\n東京\n\nLena\nMünchen\n✅ done\nEnd\n"), "{text}");
    let marked = env.ok("get_doc_content", json!({"document_id": id, "tab_id": "t.0", "preserve_context": true})).await;
    assert!(marked.contains("[Table 3x3]\n| Name | Stadt | Status |\n| Priya 👩🏽‍💻 | 東京 |  |\n"), "{marked}");
}

/// Insert before an emoji and a CJK character, style a range that ends right after the emoji's
/// surrogate pair, and see a range ending inside the pair refused as Docs refuses it.
#[tokio::test]
async fn style_around_surrogate_pairs_and_read_back() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Pairs", "content": "Go 🚀 会議"})).await;
    let id = id_after(&out, "(document_id: ");
    // "Go " 1..4, the rocket 4..6, " " 6..7, "会" 7..8, "議" 8..9.
    env.ok("modify_doc_text", json!({"document_id": id, "start_index": 4, "text": "now "})).await;
    env.ok("modify_doc_text", json!({"document_id": id, "start_index": 11, "text": "の"})).await;
    // Now "Go now 🚀 の会議": the rocket is 8..10. Bold "now 🚀" = [4, 10).
    let out =
        env.ok("modify_doc_text", json!({"document_id": id, "start_index": 4, "end_index": 10, "bold": true})).await;
    assert!(out.contains("formatted [4, 10): bold"), "{out}");
    let e =
        env.err("modify_doc_text", json!({"document_id": id, "start_index": 4, "end_index": 9, "italic": true})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("surrogate pair"), "{e}");
    let text = env.ok("get_doc_content", json!({"document_id": id, "tab_id": "t.0"})).await;
    assert!(text.ends_with("Go now 🚀 の会議\n"), "{text}");
    let structure = env.ok("inspect_doc_structure", json!({"document_id": id, "detailed": true})).await;
    assert!(structure.contains("[1-4] text \"Go \" (3 units)"), "{structure}");
    assert!(structure.contains("[4-10] text \"now 🚀\" (6 units)"), "{structure}");
    assert!(structure.contains("[10-15] text \" の会議\" (5 units)"), "{structure}");
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
