//! The Docs tools through the real binary over stdio, against the seeded documents of
//! alex.rivera@example.com (the tabbed Atlas plan, the read-only travel policy). One test walks
//! every tool: a new document with text around an emoji, an edit before the emoji read back,
//! a counted find-and-replace, the structure of a table, and an error path per tool; it checks
//! the Docs requests the sandbox saw. Another reads and writes Markdown and manages tabs.

use serde_json::json;
use wsmcp_docs::sandbox::seed::RISKS_TAB;
use wsmcp_drive::sandbox::seed::ids;

use crate::harness::{assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_docs_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // create_doc with text around an emoji, then read back.
    let out = ok(&client, "create_doc", json!({"title": "Launch day", "content": "Ship 🚀 today"})).await;
    let id = id_after(&out, "(document_id: ");
    assert_eq!(requests_for(&sb, "docs.documents.create")[0].body.clone().unwrap(), json!({"title": "Launch day"}));
    let insert = requests_for(&sb, "docs.documents.batchUpdate").pop().unwrap().body.unwrap();
    assert_eq!(insert["requests"][0]["insertText"], json!({"location": {"index": 1}, "text": "Ship 🚀 today"}));

    // find_and_replace_doc: an edit before the emoji, counted, then read back.
    let out =
        ok(&client, "find_and_replace_doc", json!({"document_id": id, "find_text": "🚀", "replace_text": "it 🚀"}))
            .await;
    assert!(out.starts_with("Replaced 1 occurrence(s)") && out.contains("in every tab"), "{out}");
    let text = ok(&client, "get_doc_content", json!({"document_id": id})).await;
    assert!(text.ends_with("--- TAB: Tab 1 (tab_id: t.0) ---\nShip it 🚀 today\n"), "{text}");
    let get = requests_for(&sb, "docs.documents.get").pop().unwrap();
    assert_eq!(get.query_param("includeTabsContent"), Some("true"));

    // inspect_doc_structure: UTF-16 indices and the Risks tab's table cells.
    let s = ok(&client, "inspect_doc_structure", json!({"document_id": id})).await;
    assert!(s.contains("[1-18] paragraph NORMAL_TEXT: \"Ship it 🚀 today\""), "{s}");
    let s =
        ok(&client, "inspect_doc_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": RISKS_TAB})).await;
    assert!(s.contains("table 3x3") && s.contains("cell (0,0) [") && s.contains("\"Risk\""), "{s}");
    let plan = ok(&client, "get_doc_content", json!({"document_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(plan.contains("--- TAB: Plan (tab_id: t.0) ---") && plan.contains("--- TAB: Risks"), "{plan}");

    // An error path per tool.
    let e = err(&client, "get_doc_content", json!({"document_id": "1missing"})).await;
    assert!(e.contains("404") || e.to_lowercase().contains("not found"), "{e}");
    let e =
        err(&client, "inspect_doc_structure", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": "t.nope"})).await;
    assert!(e.contains("Its tabs:"), "{e}");
    let e = err(
        &client,
        "find_and_replace_doc",
        json!({"document_id": ids::TRAVEL_POLICY_DOC, "find_text": "EUR", "replace_text": "euros"}),
    )
    .await;
    assert!(e.contains("403") || e.to_lowercase().contains("permission"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "create_doc", json!({"title": "  "})).await;
    assert!(e.contains("title"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_doc_as_markdown and manage_doc_tab through the binary: a tab made, filled from Markdown
/// with emoji, read back as the same Markdown, renamed and deleted; an error path each.
#[tokio::test]
async fn markdown_and_tabs_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let doc = ids::ATLAS_PLAN_DOC;

    let md = ok(&client, "get_doc_as_markdown", json!({"document_id": doc, "tab_id": RISKS_TAB})).await;
    assert!(md.starts_with("# 🚧 Risk register\n") && md.contains("| Risk | Owner | Mitigation |\n| --- |"), "{md}");
    assert!(!requests_for(&sb, "drive.comments.list").is_empty(), "comments come from Drive");

    let out = ok(&client, "manage_doc_tab", json!({"document_id": doc, "action": "create", "title": "Draft"})).await;
    let tab = id_after(&out, "(tab_id: ");
    let text = "Hello 🌍, a|b\n\nSecond 👋🏽 line";
    let args = json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": tab, "markdown_text": text});
    let out = ok(&client, "manage_doc_tab", args).await;
    assert!(out.contains("in one batchUpdate of 1 requests"), "{out}");
    let read = json!({"document_id": doc, "tab_id": tab, "include_comments": false});
    assert_eq!(ok(&client, "get_doc_as_markdown", read).await, format!("{text}\n"));
    let out =
        ok(&client, "manage_doc_tab", json!({"document_id": doc, "action": "rename", "tab_id": tab, "title": "Final"}))
            .await;
    assert!(out.contains("from \"Draft\" to \"Final\""), "{out}");
    let out = ok(&client, "manage_doc_tab", json!({"document_id": doc, "action": "delete", "tab_id": tab})).await;
    assert!(out.starts_with("Deleted tab \"Final\""), "{out}");

    let e = err(&client, "get_doc_as_markdown", json!({"document_id": doc, "tab_id": "t.nope"})).await;
    assert!(e.contains("Its tabs:"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "manage_doc_tab", json!({"document_id": doc, "action": "rename", "title": "x"})).await;
    assert!(e.contains("tab_id is required"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
