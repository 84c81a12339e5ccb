//! insert_doc_elements and insert_doc_image.

use super::*;

async fn new_doc(env: &Env, text: &str) -> String {
    let out = env.ok("create_doc", json!({"title": "Elements", "content": text})).await;
    id_after(&out, "(document_id: ")
}

fn sent(env: &Env) -> Value {
    env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"].clone()
}

/// The first tab's body as the API returns it.
async fn body(env: &Env, id: &str) -> Vec<wsmcp_docs::wire::StructuralElement> {
    let doc = wsmcp_docs::api::documents_get(&env.g(), id, "DEFAULT_FOR_CURRENT_ACCESS").await.unwrap();
    doc.tabs[0].document_tab.clone().unwrap().body.content
}

#[tokio::test]
async fn tables_and_page_breaks_go_where_asked() {
    let env = Env::new().await;
    let id = new_doc(&env, "Hello world").await;
    let out = env
        .ok(
            "insert_doc_elements",
            json!({"document_id": id, "element_type": "table", "index": 0, "rows": 2, "columns": 3}),
        )
        .await;
    assert_eq!(sent(&env), json!([{"insertTable": {"rows": 2, "columns": 3, "location": {"index": 1}}}]), "0 means 1");
    assert!(
        out.starts_with(
            "Inserted an empty 2x3 table (it starts at 2; its first cell takes text at 5) at index 1 of the first tab"
        ),
        "{out}"
    );
    let structure = env.ok("debug_table_structure", json!({"document_id": id})).await;
    let v: Value = serde_json::from_str(&structure).unwrap();
    assert_eq!((v["dimensions"].as_str(), v["cells"][0][0]["insertion_index"].as_u64()), (Some("2x3"), Some(5)));
    // "Hello world\n" now follows the table (2 + 1 + 2 rows * 7 = 17).
    let content = body(&env, &id).await;
    let end = content.last().unwrap().end_index;
    assert_eq!(end, 17 + 12);
    let out =
        env.ok("insert_doc_elements", json!({"document_id": id, "element_type": "Page_Break", "index": 23})).await;
    assert_eq!(sent(&env), json!([{"insertPageBreak": {"location": {"index": 23}}}]));
    assert!(out.contains("a page break (it and the newline Google adds after it take 2 units) at index 23"), "{out}");
    let content = body(&env, &id).await;
    let hello = content
        .iter()
        .filter_map(|e| e.paragraph.as_ref())
        .find(|p| wsmcp_docs::read::para_text(p).starts_with("Hello"))
        .unwrap();
    assert!(hello.elements[1].page_break.is_some(), "{hello:?}");
    assert_eq!(hello.elements[1].start_index, 23);
    assert_eq!(content.last().unwrap().end_index, end + 2);
    // A URL's ?tab= picks the tab.
    let url = format!("https://docs.google.com/document/d/{}/edit?tab={RISKS_TAB}", ids::ATLAS_PLAN_DOC);
    let out =
        env.ok("insert_doc_elements", json!({"document_id": url, "element_type": "page_break", "index": 1})).await;
    assert_eq!(sent(&env)[0]["insertPageBreak"]["location"], json!({"index": 1, "tabId": RISKS_TAB}));
    assert!(out.contains(&format!("at index 1 of tab {RISKS_TAB}")), "{out}");
    env.done();
}

#[tokio::test]
async fn lists_are_bulleted_items() {
    let env = Env::new().await;
    let id = new_doc(&env, "Tail").await;
    let args =
        json!({"document_id": id, "element_type": "list", "index": 1, "list_type": "ordered", "text": "Plan 🚀\n東京"});
    let out = env.ok("insert_doc_elements", args).await;
    assert!(out.contains("a numbered list of 2 item(s)"), "{out}");
    assert_eq!(
        sent(&env),
        json!([{"insertText": {"location": {"index": 1}, "text": "Plan 🚀\n東京\n"}},
               {"createParagraphBullets": {"range": {"startIndex": 1, "endIndex": 11}, "bulletPreset": "NUMBERED_DECIMAL_ALPHA_ROMAN"}}])
    );
    let content = body(&env, &id).await;
    assert!(
        content[1].paragraph.as_ref().unwrap().bullet.is_some()
            && content[2].paragraph.as_ref().unwrap().bullet.is_some()
    );
    assert!(content[3].paragraph.as_ref().unwrap().bullet.is_none(), "Tail stays a paragraph");
    env.done();
}

#[tokio::test]
async fn element_errors() {
    let env = Env::new().await;
    let doc = ids::TEAM_CHECKLIST_DOC;
    env.refused(
        "insert_doc_elements",
        &[
            json!({"document_id": doc, "element_type": "chart", "index": 1}),
            json!({"document_id": doc, "element_type": "table", "index": 1, "rows": 2}),
            json!({"document_id": doc, "element_type": "table", "index": 1, "rows": 0, "columns": 2}),
            json!({"document_id": doc, "element_type": "list", "index": 1}),
            json!({"document_id": doc, "element_type": "list", "index": 1, "list_type": "CHECKBOX"}),
            json!({"document_id": doc, "element_type": "page_break", "index": -3}),
        ],
    )
    .await;
    let e =
        env.err("insert_doc_elements", json!({"document_id": doc, "element_type": "page_break", "index": 99999})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("must be less than the end index"), "{e}");
    env.done();
}
