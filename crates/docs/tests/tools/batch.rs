//! batch_update_doc: operations checked by position, translated, sent as one batchUpdate.

use super::*;

fn kinds(body: &Value) -> Vec<String> {
    body["requests"].as_array().unwrap().iter().map(|r| r.as_object().unwrap().keys().next().unwrap().clone()).collect()
}

#[tokio::test]
async fn operations_become_one_update() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Report", "content": "Report\nSummary\nRevenue grew."})).await;
    let id = id_after(&out, "(document_id: ");
    // "Report\n" 1..8, "Summary\n" 8..16, "Revenue grew.\n" 16..30.
    env.ok("update_paragraph_style", json!({"document_id": id, "start_index": 8, "end_index": 9, "heading_level": 1}))
        .await;
    let before = env.requests("docs.documents.batchUpdate").len();
    let ops = json!([
        {"type": "format_text", "start_index": 1, "end_index": 7, "bold": true, "font_size": 20},
        {"type": "insert_text", "after_heading": "Summary", "text": "Costs fell.\n"},
        {"type": "insert_text", "anchor_text": "grew", "anchor_position": "after", "text": " 15%"},
        {"type": "insert_text", "end_of_segment": true, "text": "\nAlpha\nBeta"},
        {"type": "find_replace", "find_text": "Report", "replace_text": "Q3 report", "match_case": true},
        {"type": "update_paragraph_style", "start_index": 1, "end_index": 2, "named_style_type": "TITLE"}
    ]);
    let out = env.ok("batch_update_doc", json!({"document_id": id, "operations": ops})).await;
    assert!(out.starts_with("Applied 6 operation(s) as 6 request(s) in one update"), "{out}");
    assert!(out.contains("went to the first tab, t.0 (\"Tab 1\")"), "{out}");
    assert!(out.contains("2. insert_text: insert text at 16"), "{out}");
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before + 1);
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        kinds(&sent),
        ["updateTextStyle", "insertText", "insertText", "insertText", "replaceAllText", "updateParagraphStyle"]
    );
    // "Revenue grew" ends at 28 in the document as read, and the insert before it moved it by 12.
    assert_eq!(sent["requests"][2]["insertText"]["location"], json!({"index": 40, "tabId": "t.0"}));
    let text = env.ok("get_doc_content", json!({"document_id": id, "preserve_context": true})).await;
    assert!(
        text.ends_with("[Title] Q3 report\n[Heading 1] Summary\nCosts fell.\nRevenue grew 15%.\nAlpha\nBeta\n"),
        "{text}"
    );
    env.done();
}

#[tokio::test]
async fn lists_tables_and_breaks_are_translated_for_docs() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Lists", "content": "One\n\tTwo\nThree"})).await;
    let id = id_after(&out, "(document_id: ");
    let ops = json!([{"type": "create_bullet_list", "start_index": 1, "end_index": 14, "list_type": "ORDERED"}]);
    env.ok("batch_update_doc", json!({"document_id": id, "operations": ops})).await;
    let text = env.ok("inspect_doc_structure", json!({"document_id": id})).await;
    // Docs read the tab as the nesting level and removed it.
    assert!(text.contains("level 1: \"Two\""), "{text}");
    // Table and page-break requests go out as Docs expects them (their emulation is another
    // branch's; Discovery still checks their shape).
    let ops = json!([
        {"type": "insert_table", "end_of_segment": true, "rows": 2, "columns": 3},
        {"type": "insert_page_break", "index": 1},
        {"type": "update_table_cell_style", "table_start_index": 20, "row_index": 0, "column_index": 1, "background_color": "#EEEEEE", "border_edges": ["top"], "border_width": 2},
        {"type": "pin_table_header_rows", "table_start_index": 20, "pinned_header_rows_count": 0},
        {"type": "insert_section_break", "index": 1, "section_type": "CONTINUOUS"},
        {"type": "update_document_style", "margin_top": 36, "page_width": 612, "page_height": 792, "document_mode": "PAGELESS"},
        {"type": "create_named_range", "name": "intro", "start_index": 1, "end_index": 3},
        {"type": "insert_person", "index": 1, "email": "priya.shah@example.com"},
        {"type": "insert_doc_tab", "title": "Appendix", "index": 1},
        {"type": "create_header_footer", "section_type": "footer"}
    ]);
    let e = env.err("batch_update_doc", json!({"document_id": id, "operations": ops})).await;
    assert!(is_google(&e, 501), "the sandbox of this branch does not apply them yet: {e}");
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        sent["requests"][0]["insertTable"],
        json!({"endOfSegmentLocation": {"tabId": "t.0"}, "rows": 2, "columns": 3})
    );
    assert_eq!(sent["requests"][2]["updateTableCellStyle"]["fields"], "backgroundColor,borderTop");
    assert_eq!(sent["requests"][5]["updateDocumentStyle"]["fields"], "marginTop,pageSize,documentFormat");
    assert_eq!(sent["requests"][9], json!({"createFooter": {"type": "DEFAULT"}}));
    env.done();
}

#[tokio::test]
async fn wrong_operations_are_named_by_position() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let call = |ops: Value| json!({"document_id": doc, "operations": ops});
    env.refused(
        "batch_update_doc",
        &[
            call(json!([])),
            call(json!([{"type": "insert_text", "index": 1, "text": "a"}, {"type": "explode"}])),
            call(json!([{"type": "delete_text", "start_index": 1}])),
            call(json!([{"type": "insert_text", "index": 1, "text": "a", "colour": "red"}])),
        ],
    )
    .await;
    let e = env
        .err("batch_update_doc", call(json!([{"type": "insert_text", "index": 1, "text": "a"}, {"type": "explode"}])))
        .await;
    assert!(e.to_string().contains("operation 2: unknown type \"explode\""), "{e}");
    let e = env.err("batch_update_doc", call(json!([{"type": "delete_text", "start_index": 1}]))).await;
    assert!(e.to_string().contains("operation 1 (delete_text): missing field `end_index`"), "{e}");
    // Checked after reading: the place must be one, the anchor must exist, formatting given.
    let e = env.err("batch_update_doc", call(json!([{"type": "insert_text", "text": "x"}]))).await;
    assert!(e.to_string().contains("operation 1 (insert_text): give exactly one of index"), "{e}");
    let e = env.err("batch_update_doc", call(json!([{"type": "format_text", "start_index": 1, "end_index": 3}]))).await;
    assert!(e.to_string().contains("operation 1 (format_text): no formatting given"), "{e}");
    let e = env
        .err("batch_update_doc", call(json!([{"type": "insert_text", "index": 1, "text": "a"}, {"type": "insert_text", "anchor_text": "no such words", "text": "x"}])))
        .await;
    assert!(e.to_string().contains("operation 2 (insert_text): anchor_text"), "{e}");
    // Google's error about requests[k] is traced back to the operation (a replace is two requests).
    let ops = json!([
        {"type": "replace_text", "start_index": 1, "end_index": 3, "text": "ab"},
        {"type": "insert_text", "index": 999999, "text": "x"}
    ]);
    let e = env.err("batch_update_doc", call(ops)).await;
    assert!(is_google(&e, 400) && e.to_string().contains("came from operation 2"), "{e}");
    env.done();
}
