//! manage_doc_tab: create, rename, delete, and populate_from_markdown as far as the emulation
//! goes today (plain paragraphs; the styled round trip is in round_trip.rs).

use super::*;

/// The titles of the document's tabs, depth first, children indented.
async fn titles(env: &Env, doc: &str) -> Vec<String> {
    let d = wsmcp_docs::api::documents_get(&env.g(), doc, "DEFAULT_FOR_CURRENT_ACCESS").await.unwrap();
    wsmcp_docs::read::tabs(&d).iter().map(|t| format!("{}{}", "  ".repeat(t.depth), t.title)).collect()
}

async fn new_tab(env: &Env, doc: &str, title: &str) -> String {
    let out = env.h.ok("manage_doc_tab", json!({"document_id": doc, "action": "create", "title": title})).await;
    out.structured.unwrap()["tab_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn tabs_are_created_renamed_and_deleted_with_their_children() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let out = env
        .h
        .ok("manage_doc_tab", json!({"document_id": doc, "action": "create", "title": "Notes 📝", "index": 1}))
        .await;
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(req["requests"], json!([{"addDocumentTab": {"tabProperties": {"title": "Notes 📝", "index": 1}}}]));
    let made = out.structured.unwrap();
    let notes = made["tab_id"].as_str().unwrap().to_string();
    assert_eq!((made["index"].clone(), made["nesting_level"].clone()), (json!(1), json!(0)));
    assert!(
        out.text.starts_with(&format!("Created tab \"Notes 📝\" (tab_id: {notes}) at index 1 in document {doc}.")),
        "{}",
        out.text
    );
    let args = json!({"document_id": doc, "action": "create", "title": "Day 1", "parent_tab_id": notes});
    let child = env.h.ok("manage_doc_tab", args).await;
    assert!(child.text.contains(&format!("at index 0 inside tab {notes}")), "{}", child.text);
    assert_eq!(child.structured.unwrap()["nesting_level"], 1);
    assert_eq!(titles(&env, doc).await, ["Plan", "Notes 📝", "  Day 1", "Risks"]);

    let out = env
        .ok(
            "manage_doc_tab",
            json!({"document_id": doc, "action": "rename", "tab_id": notes, "title": "Meeting notes"}),
        )
        .await;
    assert_eq!(out, format!("Renamed tab {notes} of document {doc} from \"Notes 📝\" to \"Meeting notes\".\n"));
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        req["requests"],
        json!([{"updateDocumentTabProperties": {"tabProperties": {"tabId": notes, "title": "Meeting notes"}, "fields": "title"}}])
    );
    assert_eq!(titles(&env, doc).await, ["Plan", "Meeting notes", "  Day 1", "Risks"]);

    let before = env.requests("docs.documents.batchUpdate").len();
    let out = env.ok("manage_doc_tab", json!({"document_id": doc, "action": "delete", "tab_id": notes})).await;
    assert!(
        out.starts_with(&format!(
            "Deleted tab \"Meeting notes\" (tab_id: {notes}) from document {doc} with its child tabs \"Day 1\" ("
        )),
        "{out}"
    );
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before + 1, "one batchUpdate");
    assert_eq!(
        env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"],
        json!([{"deleteTab": {"tabId": notes}}])
    );
    assert_eq!(titles(&env, doc).await, ["Plan", "Risks"]);
    env.done();
}

#[tokio::test]
async fn tab_errors_are_actionable() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    env.refused(
        "manage_doc_tab",
        &[
            json!({"document_id": doc, "action": "create"}),
            json!({"document_id": doc, "action": "create", "title": "  "}),
            json!({"document_id": doc, "action": "create", "title": "x", "index": -1}),
            json!({"document_id": doc, "action": "create", "title": "x", "markdown_text": "# x"}),
            json!({"document_id": doc, "action": "rename", "title": "x"}),
            json!({"document_id": doc, "action": "rename", "tab_id": RISKS_TAB}),
            json!({"document_id": doc, "action": "delete"}),
            json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": RISKS_TAB}),
            json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": RISKS_TAB, "markdown_text": " \n"}),
            json!({"document_id": doc, "action": "archive", "tab_id": RISKS_TAB}),
        ],
    )
    .await;
    // A tab that does not exist is named with the ones that do, before anything is changed.
    let before = env.requests("docs.documents.batchUpdate").len();
    let e = env.err("manage_doc_tab", json!({"document_id": doc, "action": "delete", "tab_id": "t.nope"})).await;
    assert!(
        matches!(&e, ToolError::InvalidInput(m) if m.contains("has no tab 't.nope'") && m.contains("t.0 (Plan)")),
        "{e}"
    );
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before);
    // Google's own refusals: a parent that does not exist, a document the user may only read.
    let e = env
        .err("manage_doc_tab", json!({"document_id": doc, "action": "create", "title": "x", "parent_tab_id": "t.nope"}))
        .await;
    assert!(is_google(&e, 400) && e.to_string().contains("t.nope"), "{e}");
    let e = env
        .err("manage_doc_tab", json!({"document_id": ids::TRAVEL_POLICY_DOC, "action": "create", "title": "x"}))
        .await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}

#[tokio::test]
async fn plain_markdown_fills_a_new_tab_then_adds_and_replaces() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let tab = new_tab(&env, doc, "Draft").await;
    let md = "Hello 🌍 world, a|b and 日本語\n\nSecond 👋🏽 paragraph";
    let args = json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": tab, "markdown_text": md});
    let out = env.ok("manage_doc_tab", args.clone()).await;
    // A new tab is one empty, unstyled paragraph: nothing to delete or reset.
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        req["requests"],
        json!([{"insertText": {"location": {"index": 1, "tabId": tab}, "text": "Hello 🌍 world, a|b and 日本語\nSecond 👋🏽 paragraph"}}])
    );
    // "Hello 🌍 world, a|b and 日本語" is 27 units, "Second 👋🏽 paragraph" 21: 1 + 27 + 1 + 21 + 1 = 51.
    assert!(
        out.contains("2 paragraph(s) (0 heading(s), 0 list item(s)), 0 table(s)")
            && out.ends_with("The tab now ends at index 51.\n"),
        "{out}"
    );
    let read = |tab: String| json!({"document_id": doc, "tab_id": tab, "include_comments": false});
    assert_eq!(env.ok("get_doc_as_markdown", read(tab.clone())).await, format!("{md}\n"));
    let structure = env.ok("inspect_doc_structure", json!({"document_id": doc, "tab_id": tab})).await;
    assert!(structure.contains("Body indices 1 to 51"), "{structure}");

    let mut add = args.clone();
    add["markdown_text"] = json!("More");
    add["replace_existing"] = json!(false);
    env.ok("manage_doc_tab", add).await;
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(req["requests"], json!([{"insertText": {"location": {"index": 50, "tabId": tab}, "text": "\nMore"}}]));
    assert_eq!(env.ok("get_doc_as_markdown", read(tab.clone())).await, format!("{md}\n\nMore\n"));

    let mut replace = args;
    replace["markdown_text"] = json!("Only 🚀");
    let out = env.ok("manage_doc_tab", replace).await;
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        req["requests"],
        json!([
            {"deleteContentRange": {"range": {"startIndex": 1, "endIndex": 55, "tabId": tab}}},
            {"insertText": {"location": {"index": 1, "tabId": tab}, "text": "Only 🚀"}},
        ])
    );
    assert!(out.contains("replaced its 54 characters of content"), "{out}");
    assert_eq!(env.ok("get_doc_as_markdown", read(tab)).await, "Only 🚀\n");
    env.done();
}

/// Styled Markdown goes out as one batchUpdate whose every request Discovery accepts. (The
/// emulation of styles, bullets and tables comes from docs-text and docs-elements; until
/// then the batch itself may be refused as not emulated, which is not what this checks.)
#[tokio::test]
async fn styled_markdown_is_one_valid_batch() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let md = "# Risks 🚧\n\n- **Slip** in [Q4](https://e.x/q4)\n    - nested\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n---\n\nEnd";
    let args =
        json!({"document_id": doc, "action": "populate_from_markdown", "tab_id": RISKS_TAB, "markdown_text": md});
    let before = env.requests("docs.documents.batchUpdate").len();
    let _ = env.h.call("manage_doc_tab", args).await;
    let batches = env.requests("docs.documents.batchUpdate");
    assert_eq!(batches.len(), before + 1);
    let body = batches.last().unwrap().body.clone().unwrap();
    let kinds: Vec<&str> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().keys().next().unwrap().as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "deleteContentRange",
            "insertText",
            "insertPageBreak",
            "insertTable",
            "insertText",
            "insertText",
            "insertText",
            "insertText",
            "updateParagraphStyle",
            "updateTextStyle",
            "updateTextStyle",
            "createParagraphBullets",
        ]
    );
    env.done();
}
