//! create_table_with_data and debug_table_structure.

use super::*;

/// A new document holding `text`, and its id.
async fn new_doc(env: &Env, text: &str) -> String {
    let out = env.ok("create_doc", json!({"title": "Tables", "content": text})).await;
    id_after(&out, "(document_id: ")
}

fn requests_of(env: &Env) -> Vec<Value> {
    env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"].as_array().unwrap().clone()
}

#[tokio::test]
async fn table_with_data_is_one_batch_filled_last_cell_first() {
    let env = Env::new().await;
    let id = new_doc(&env, "Intro").await;
    let batches = env.requests("docs.documents.batchUpdate").len();
    // "Intro\n" is 1..7: 7, the end index, appends.
    let args = json!({"document_id": id, "table_data": [["Name", "City"], ["Ana", "Oslo"]], "index": 7,
                      "bold_headers": false, "header_rows": 1});
    let out = env.ok("create_table_with_data", args).await;
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), batches + 1, "one write");
    let update = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    let rev = env.last("docs.documents.get");
    assert_eq!(rev.query_param("includeTabsContent"), Some("true"));
    assert!(update["writeControl"]["requiredRevisionId"].is_string(), "tied to the revision read");
    let r = requests_of(&env);
    assert_eq!(r[0], json!({"insertTable": {"rows": 2, "columns": 2, "location": {"index": 6, "tabId": "t.0"}}}));
    // The table starts at 7: cells take text at 10, 12, 15 and 17, written backwards.
    let at: Vec<(u64, &str)> = r[1..5]
        .iter()
        .map(|q| (q["insertText"]["location"]["index"].as_u64().unwrap(), q["insertText"]["text"].as_str().unwrap()))
        .collect();
    assert_eq!(at, [(17, "Oslo"), (15, "Ana"), (12, "City"), (10, "Name")]);
    assert_eq!(r[5]["pinTableHeaderRows"]["pinnedHeaderRowsCount"], 1);
    assert_eq!(r.len(), 6, "no bold requested");
    assert!(out.contains("Created a 2x2 table in tab \"Tab 1\" (tab_id: t.0)"), "{out}");
    assert!(out.contains("inserted at index 6, the table starts at 7"), "{out}");
    assert!(out.contains("Filled 4 of 4 cells; 1 header row(s) repeat on each page."), "{out}");
    assert!(out.contains("debug_table_structure (table_index: 0, tab_id: t.0)"), "{out}");
    let text = env.ok("get_doc_content", json!({"document_id": id})).await;
    assert!(text.ends_with("Intro\nName\nCity\nAna\nOslo\n\n"), "{text}");
    env.done();
}

#[tokio::test]
async fn first_row_is_bold_by_default() {
    let env = Env::new().await;
    let id = new_doc(&env, "Intro").await;
    let args = json!({"document_id": id, "table_data": [["Näme 🚀", "Ort"], ["a", "b"]], "index": 1});
    let out = env.ok("create_table_with_data", args).await;
    assert!(out.contains("first row bold"), "{out}");
    let styles: Vec<Value> = requests_of(&env).into_iter().filter_map(|q| q.get("updateTextStyle").cloned()).collect();
    // The table starts at 2: "Näme 🚀" (7 units) at 5..12, then "Ort" moved by 7 to 14..17.
    assert_eq!(styles[0]["range"], json!({"startIndex": 5, "endIndex": 12, "tabId": "t.0"}));
    assert_eq!(styles[1]["range"], json!({"startIndex": 14, "endIndex": 17, "tabId": "t.0"}));
    let doc = wsmcp_docs::api::documents_get(&env.g(), &id, "DEFAULT_FOR_CURRENT_ACCESS").await.unwrap();
    let content = &doc.tabs[0].document_tab.as_ref().unwrap().body.content;
    let table = content.iter().find_map(|e| e.table.as_ref()).unwrap();
    let first = &table.table_rows[0].table_cells[0].content[0].paragraph.as_ref().unwrap().elements[0];
    assert_eq!(first.text_run.as_ref().unwrap().text_style["bold"], true);
    env.done();
}

#[tokio::test]
async fn table_errors_are_actionable() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    env.refused(
        "create_table_with_data",
        &[
            json!({"document_id": doc, "table_data": [], "index": 1}),
            json!({"document_id": doc, "table_data": [[]], "index": 1}),
            json!({"document_id": doc, "table_data": [["a", "b"], ["c"]], "index": 1}),
            json!({"document_id": doc, "table_data": [["a"]], "index": -1}),
            json!({"document_id": doc, "table_data": [["a"]], "index": 1, "header_rows": 2}),
            json!({"document_id": " ", "table_data": [["a"]], "index": 1}),
        ],
    )
    .await;
    let e =
        env.err("create_table_with_data", json!({"document_id": doc, "table_data": [["a"]], "index": 100000})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("is past the end of tab \"Plan\"")), "{e}");
    let e = env
        .err("create_table_with_data", json!({"document_id": doc, "table_data": [["a"]], "index": 1, "tab_id": "t.x"}))
        .await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("has no tab 't.x'")), "{e}");
    // A reader cannot add tables; the batch was refused as a whole.
    let e = env
        .err(
            "create_table_with_data",
            json!({"document_id": ids::TRAVEL_POLICY_DOC, "table_data": [["a"]], "index": 1}),
        )
        .await;
    assert!(is_google(&e, 403), "{e}");
    // Inside a table's own structure Google refuses the index.
    let risks = env.ok("debug_table_structure", json!({"document_id": doc, "tab_id": RISKS_TAB})).await;
    let v: Value = serde_json::from_str(&risks).unwrap();
    let start = v["table_range"]["start_index"].as_u64().unwrap();
    let args = json!({"document_id": doc, "table_data": [["a"]], "index": start + 1, "tab_id": RISKS_TAB, "bold_headers": false});
    assert!(is_google(&env.err("create_table_with_data", args).await, 400));
    env.done();
}

#[tokio::test]
async fn table_structure_names_every_cell_and_its_indices() {
    let env = Env::new().await;
    let out = env.ok("debug_table_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": RISKS_TAB})).await;
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["dimensions"].as_str(), v["tables_in_tab"].as_u64()), (Some("3x3"), Some(1)));
    let cell = &v["cells"][1][0];
    assert_eq!(cell["position"], "(1,0)");
    assert_eq!(cell["current_content"], "Offline mode slips");
    assert_eq!(cell["insertion_index"], cell["start_index"].as_u64().unwrap() + 1);
    assert_eq!(cell["append_index"], cell["insertion_index"].as_u64().unwrap() + 18);
    // The indices are the ones edits use: text at append_index lands at the end of the cell.
    let g = env.g();
    let at = cell["append_index"].as_u64().unwrap();
    let insert = json!({"insertText": {"location": {"index": at, "tabId": RISKS_TAB}, "text": " (late)"}});
    wsmcp_docs::api::documents_batch_update(&g, ids::ATLAS_PLAN_DOC, vec![insert], None).await.unwrap();
    let again = env.ok("debug_table_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": RISKS_TAB})).await;
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["cells"][1][0]["current_content"], "Offline mode slips (late)");
    assert_eq!(again["cells"][1][1]["start_index"], v["cells"][1][1]["start_index"].as_u64().unwrap() + 7);
    env.done();
}

#[tokio::test]
async fn table_structure_errors() {
    let env = Env::new().await;
    env.refused("debug_table_structure", &[json!({"document_id": ids::ATLAS_PLAN_DOC, "table_index": -1})]).await;
    let e = env.err("debug_table_structure", json!({"document_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("it has no tables; create one")), "{e}");
    let args = json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": RISKS_TAB, "table_index": 1});
    let e = env.err("debug_table_structure", args).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("it has 1 table(s), table_index 0 to 0")), "{e}");
    assert!(is_google(&env.err("debug_table_structure", json!({"document_id": "1NoSuchDoc"})).await, 404));
    env.done();
}
