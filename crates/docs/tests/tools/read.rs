//! get_doc_content and inspect_doc_structure.

use super::*;

#[tokio::test]
async fn content_of_every_tab_or_one() {
    let env = Env::new().await;
    let out = env.ok("get_doc_content", json!({"document_id": ids::ATLAS_PLAN_DOC})).await;
    let req = env.last("docs.documents.get");
    assert_eq!(req.query_param("includeTabsContent"), Some("true"));
    assert_eq!(req.query_param("suggestionsViewMode"), Some("DEFAULT_FOR_CURRENT_ACCESS"));
    assert!(out.starts_with(&format!("\"Atlas Q3 plan\" (document_id: {}", ids::ATLAS_PLAN_DOC)), "{out}");
    assert!(out.contains("2 tabs (edits without tab_id change the first, \"Plan\")"), "{out}");
    assert!(out.contains(&format!("--- TAB: Plan (tab_id: {PLAN_TAB}) ---\nAtlas Q3 plan\n")), "{out}");
    assert!(out.contains(&format!("--- TAB: Risks (tab_id: {RISKS_TAB}) ---\n🚧 Risk register\n")), "{out}");
    assert!(out.contains("Offline mode slips\nAlex Rivera\n"), "table cells in order: {out}");

    // One tab through a URL's ?tab=, with its structure marked.
    let url = format!("https://docs.google.com/document/d/{}/edit?tab={RISKS_TAB}", ids::ATLAS_PLAN_DOC);
    let one = env.ok("get_doc_content", json!({"document_id": url, "preserve_context": true})).await;
    assert!(!one.contains("--- TAB:") && !one.contains("Atlas Q3 plan\n"), "{one}");
    assert!(one.contains("[Heading 1] 🚧 Risk register\nReviewed weekly"), "{one}");
    assert!(one.contains("\n• Conflict resolution grows in scope\n"), "{one}");
    assert!(one.contains("[Table 3x3]\n| Risk | Owner | Mitigation |\n"), "{one}");
    // "" reads every tab even when the URL names one.
    let all = env.ok("get_doc_content", json!({"document_id": url, "tab_id": ""})).await;
    assert!(all.contains("--- TAB: Plan"), "{all}");
    let linked = env
        .ok(
            "get_doc_content",
            json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": PLAN_TAB, "preserve_context": true}),
        )
        .await;
    assert!(linked.contains("Atlas budget (link: https://docs.google.com/spreadsheets/d/"), "{linked}");
    env.done();
}

#[tokio::test]
async fn content_errors_are_actionable() {
    let env = Env::new().await;
    env.refused("get_doc_content", &[json!({"document_id": " "}), json!({"document_id": "https://example.com/x?y"})])
        .await;
    let e = env.err("get_doc_content", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": "t.nope"})).await;
    assert!(e.to_string().contains(&format!("Its tabs: {PLAN_TAB} (Plan), {RISKS_TAB} (Risks)")), "{e}");
    let e = env.err("get_doc_content", json!({"document_id": "1missing"})).await;
    assert!(is_google(&e, 404), "{e}");
    let e = env
        .err("get_doc_content", json!({"document_id": ids::TRAVEL_POLICY_DOC, "suggestions_view_mode": "LOUD"}))
        .await;
    assert!(matches!(e, ToolError::InvalidInput(_)), "{e}");
    env.done();
}

#[tokio::test]
async fn structure_shows_utf16_indices_and_cells() {
    let env = Env::new().await;
    let out = env.ok("inspect_doc_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": RISKS_TAB})).await;
    assert!(out.contains("[1-18] paragraph HEADING_1: \"🚧 Risk register\""), "{out}");
    assert!(out.contains("list kix.risks1 level 0"), "{out}");
    let table_line = out.lines().find(|l| l.contains("table 3x3")).unwrap();
    let start: usize = table_line.trim_start_matches('[').split('-').next().unwrap().parse().unwrap();
    assert!(
        out.contains(&format!("cell (0,0) [{}-{}], text at {}: \"Risk\"", start + 2, start + 8, start + 3)),
        "{out}"
    );
    let short = env
        .ok("inspect_doc_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "preview_chars": 5, "detailed": true}))
        .await;
    assert!(short.contains("Structure of tab \"Plan\""), "{short}");
    assert!(short.contains("\"Owner…\""), "{short}");
    assert!(short.contains("text \"Atlas…\" (14 units)"), "{short}");
    env.refused("inspect_doc_structure", &[json!({"document_id": ids::ATLAS_PLAN_DOC, "preview_chars": -1})]).await;
    let e = env.err("inspect_doc_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": "t.x"})).await;
    assert!(matches!(e, ToolError::InvalidInput(_)), "{e}");
    env.done();
}
