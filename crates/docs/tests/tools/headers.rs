//! update_doc_headers_footers.

use super::*;

/// The text of the default header or footer of the first tab.
async fn section_text(env: &Env, id: &str, kind: &str) -> Option<String> {
    let doc = wsmcp_docs::api::documents_get(&env.g(), id, "DEFAULT_FOR_CURRENT_ACCESS").await.unwrap();
    let tab = doc.tabs[0].document_tab.clone().unwrap();
    let (style_id, map) = match kind {
        "header" => (tab.document_style.default_header_id, tab.headers),
        _ => (tab.document_style.default_footer_id, tab.footers),
    };
    let segment = map.get(&style_id?)?;
    Some(wsmcp_docs::render::plain(&segment.content))
}

#[tokio::test]
async fn a_missing_header_is_created_then_replaced() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Memo", "content": "Body"})).await;
    let id = id_after(&out, "(document_id: ");
    let before = env.requests("docs.documents.batchUpdate").len();
    let out = env
        .ok(
            "update_doc_headers_footers",
            json!({"document_id": id, "section_type": "header", "content": "Atlas 🚀 機密\n"}),
        )
        .await;
    // Creating needs the new id before text can go into it: two writes.
    let writes = env.requests("docs.documents.batchUpdate");
    assert_eq!(writes.len(), before + 2);
    let create = writes[before].body.clone().unwrap();
    assert_eq!(create["requests"], json!([{"createHeader": {"type": "DEFAULT"}}]));
    assert!(create["writeControl"]["requiredRevisionId"].is_string());
    let header = id_after(&out, "default header (");
    let insert = writes[before + 1].body.clone().unwrap();
    assert_eq!(
        insert["requests"],
        json!([{"insertText": {"location": {"segmentId": header, "index": 0, "tabId": "t.0"}, "text": "Atlas 🚀 機密"}}])
    );
    assert!(out.contains("of tab \"Tab 1\" (tab_id: t.0)") && out.contains("wrote 10 characters"), "{out}");
    assert_eq!(section_text(&env, &id, "header").await.as_deref(), Some("Atlas 🚀 機密\n"));

    // Replacing is one write: the old text out, the new in.
    let out = env
        .ok("update_doc_headers_footers", json!({"document_id": id, "section_type": "HEADER", "content": "v2"}))
        .await;
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before + 3);
    assert_eq!(
        env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"],
        json!([{"deleteContentRange": {"range": {"segmentId": header, "startIndex": 0, "endIndex": 11, "tabId": "t.0"}}},
               {"insertText": {"location": {"segmentId": header, "index": 0, "tabId": "t.0"}, "text": "v2"}}])
    );
    assert!(out.starts_with(&format!("Replaced the text of the header ({header})")), "{out}");
    assert_eq!(section_text(&env, &id, "header").await.as_deref(), Some("v2\n"));
    // The body and the footer are untouched; an empty content empties the header.
    assert!(section_text(&env, &id, "footer").await.is_none());
    env.ok("update_doc_headers_footers", json!({"document_id": id, "section_type": "header", "content": ""})).await;
    assert_eq!(section_text(&env, &id, "header").await.as_deref(), Some("\n"));
    let out =
        env.ok("update_doc_headers_footers", json!({"document_id": id, "section_type": "header", "content": ""})).await;
    assert!(out.contains("already empty; nothing changed"), "{out}");
    let text = env.ok("get_doc_content", json!({"document_id": id})).await;
    assert!(text.ends_with("---\nBody\n"), "{text}");
    // A footer goes the same way, into its own segment.
    env.ok("update_doc_headers_footers", json!({"document_id": id, "section_type": "footer", "content": "Seite 1"}))
        .await;
    assert_eq!(section_text(&env, &id, "footer").await.as_deref(), Some("Seite 1\n"));
    env.done();
}

#[tokio::test]
async fn header_errors() {
    let env = Env::new().await;
    let doc = ids::TEAM_CHECKLIST_DOC;
    env.refused(
        "update_doc_headers_footers",
        &[
            json!({"document_id": doc, "section_type": "sidebar", "content": "x"}),
            json!({"document_id": doc, "section_type": "header", "content": "x", "header_footer_type": "ODD"}),
        ],
    )
    .await;
    // First-page headers cannot be created through the API: the advice says what to do.
    let args =
        json!({"document_id": doc, "section_type": "footer", "content": "x", "header_footer_type": "FIRST_PAGE_ONLY"});
    let e = env.err("update_doc_headers_footers", args).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("Different first page")), "{e}");
    assert!(env.requests("docs.documents.batchUpdate").is_empty());
    let args = json!({"document_id": ids::TRAVEL_POLICY_DOC, "section_type": "header", "content": "x"});
    assert!(is_google(&env.err("update_doc_headers_footers", args).await, 403));
    let url = |tab: &str| format!("https://docs.google.com/document/d/{}/edit?tab={tab}", ids::ATLAS_PLAN_DOC);
    let e = env
        .err("update_doc_headers_footers", json!({"document_id": url("t.x"), "section_type": "header", "content": "x"}))
        .await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("has no tab 't.x'")), "{e}");
    env.done();
}

#[tokio::test]
async fn a_urls_tab_gets_its_own_header() {
    let env = Env::new().await;
    let url = format!("https://docs.google.com/document/d/{}/edit?tab={RISKS_TAB}", ids::ATLAS_PLAN_DOC);
    let out = env
        .ok("update_doc_headers_footers", json!({"document_id": url, "section_type": "header", "content": "Risks"}))
        .await;
    assert!(out.contains(&format!("of tab \"Risks\" (tab_id: {RISKS_TAB})")), "{out}");
    let create = &env.requests("docs.documents.batchUpdate")[0].body.clone().unwrap()["requests"][0];
    assert_eq!(create["createHeader"]["sectionBreakLocation"], json!({"index": 0, "tabId": RISKS_TAB}));
    let doc =
        wsmcp_docs::api::documents_get(&env.g(), ids::ATLAS_PLAN_DOC, "DEFAULT_FOR_CURRENT_ACCESS").await.unwrap();
    assert!(doc.tabs[0].document_tab.as_ref().unwrap().headers.is_empty(), "the Plan tab has none");
    let risks = doc.tabs[1].document_tab.as_ref().unwrap();
    let header = &risks.headers[risks.document_style.default_header_id.as_ref().unwrap()];
    assert_eq!(wsmcp_docs::render::plain(&header.content), "Risks\n");
    env.done();
}
