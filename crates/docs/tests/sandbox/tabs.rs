//! addDocumentTab, deleteTab and updateDocumentTabProperties.

use serde_json::{Value, json};
use wsmcp_drive::sandbox::seed::ids;

use crate::support::*;

const DOC: &str = ids::ATLAS_PLAN_DOC;

/// Every tab's (id, title, parentTabId, nestingLevel), depth first.
fn tab_tree(doc: &Value) -> Vec<(String, String, Option<String>, u64)> {
    fn walk(tabs: &Value, out: &mut Vec<(String, String, Option<String>, u64)>) {
        for t in tabs.as_array().into_iter().flatten() {
            let p = &t["tabProperties"];
            out.push((
                p["tabId"].as_str().unwrap().into(),
                p["title"].as_str().unwrap().into(),
                p["parentTabId"].as_str().map(String::from),
                p["nestingLevel"].as_u64().unwrap_or(0),
            ));
            walk(&t["childTabs"], out);
        }
    }
    let mut out = Vec::new();
    walk(&doc["tabs"], &mut out);
    out
}

async fn add(api: &Docs, props: Value) -> (u16, Value) {
    api.update(DOC, json!([{"addDocumentTab": {"tabProperties": props}}])).await
}

#[tokio::test]
async fn tabs_are_added_nested_renamed_moved_and_deleted_with_their_children() {
    let api = start().await;
    let (status, reply) = add(&api, json!({"title": "Notes 📝", "index": 1})).await;
    assert_eq!(status, 200, "{reply}");
    let notes = reply["replies"][0]["addDocumentTab"]["tabProperties"].clone();
    let notes_id = notes["tabId"].as_str().unwrap().to_string();
    assert!(notes_id.starts_with("t.") && notes_id.len() == 14, "{notes_id}");
    assert_eq!(notes, json!({"tabId": notes_id, "title": "Notes 📝", "index": 1}));
    let (status, reply) = add(&api, json!({"title": "Day 1", "parentTabId": notes_id})).await;
    assert_eq!(status, 200, "{reply}");
    let child = reply["replies"][0]["addDocumentTab"]["tabProperties"].clone();
    assert_eq!(child["parentTabId"], json!(notes_id));
    assert_eq!(child["nestingLevel"], 1);
    assert!(child.get("index").is_none(), "index 0 is left out as proto3 does");
    let child_id = child["tabId"].as_str().unwrap().to_string();
    let doc = api.doc(DOC).await;
    let tree = tab_tree(&doc);
    assert_eq!(
        tree.iter().map(|t| (t.1.as_str(), t.2.as_deref(), t.3)).collect::<Vec<_>>(),
        [("Plan", None, 0), ("Notes 📝", None, 0), ("Day 1", Some(notes_id.as_str()), 1), ("Risks", None, 0)]
    );
    // A new tab holds one empty paragraph, and edits can name it.
    assert_eq!(tab_content(&doc, &notes_id).last().unwrap()["endIndex"], 2);
    let insert = json!([{"insertText": {"location": {"index": 1, "tabId": child_id}, "text": "Kickoff"}}]);
    assert_eq!(api.update(DOC, insert).await.0, 200);
    // Rename and move in one request; then the child goes with its parent.
    let update = json!([{"updateDocumentTabProperties": {
        "tabProperties": {"tabId": notes_id, "title": "Meeting notes", "index": 2}, "fields": "title,index"}}]);
    let (status, body) = api.update(DOC, update).await;
    assert_eq!((status, &body["replies"]), (200, &json!([{}])), "{body}");
    let titles: Vec<String> = tab_tree(&api.doc(DOC).await).into_iter().map(|t| t.1).collect();
    assert_eq!(titles, ["Plan", "Risks", "Meeting notes", "Day 1"]);
    let (status, body) = api.update(DOC, json!([{"deleteTab": {"tabId": notes_id}}])).await;
    assert_eq!(status, 200, "{body}");
    let titles: Vec<String> = tab_tree(&api.doc(DOC).await).into_iter().map(|t| t.1).collect();
    assert_eq!(titles, ["Plan", "Risks"]);
    api.assert_valid();
}

#[tokio::test]
async fn bad_tab_requests_get_googles_400s() {
    let api = start().await;
    let message = |body: &Value| body["error"]["message"].as_str().unwrap_or_default().to_string();
    let (status, body) = add(&api, json!({"title": "x", "parentTabId": "t.nope"})).await;
    assert_eq!(
        (status, message(&body)),
        (400, "Invalid requests[0].addDocumentTab: The tab with ID 't.nope' was not found.".into())
    );
    let (status, body) = add(&api, json!({"title": "x", "index": 3})).await;
    assert_eq!(status, 400);
    assert!(message(&body).contains("Invalid tab index 3: it must be between 0 and 2."), "{body}");
    let (status, _) = add(&api, json!({"tabId": "t.mine"})).await;
    assert_eq!(status, 400);
    let (status, _) = add(&api, json!({"iconEmoji": "📝"})).await;
    assert_eq!(status, 501, "not emulated rather than silently accepted");
    // Three levels at most.
    let mut parent = RISKS_TAB.to_string();
    for _ in 0..2 {
        let (status, body) = add(&api, json!({"parentTabId": parent})).await;
        assert_eq!(status, 200, "{body}");
        parent = body["replies"][0]["addDocumentTab"]["tabProperties"]["tabId"].as_str().unwrap().into();
    }
    let (status, body) = add(&api, json!({"parentTabId": parent})).await;
    assert_eq!(status, 400);
    assert!(message(&body).contains("3 levels deep"), "{body}");
    let update = |props: Value, fields: &str| json!([{"updateDocumentTabProperties": {"tabProperties": props, "fields": fields}}]);
    for (props, fields, says) in [
        (json!({"tabId": RISKS_TAB, "title": "x"}), "", "At least one field"),
        (json!({"tabId": RISKS_TAB, "title": ""}), "title", "must not be empty"),
        (json!({"tabId": RISKS_TAB}), "colour", "Invalid field mask path 'colour'"),
        (json!({"title": "x"}), "title", "The tab ID must be specified."),
        (json!({"tabId": RISKS_TAB, "index": 5}), "index", "Invalid tab index 5"),
    ] {
        let (status, body) = api.update(DOC, update(props, fields)).await;
        assert_eq!(status, 400, "{fields}: {body}");
        assert!(message(&body).contains(says), "{body}");
    }
    let (status, body) = api.update(DOC, json!([{"deleteTab": {"tabId": "t.nope"}}])).await;
    assert_eq!(
        (status, message(&body)),
        (400, "Invalid requests[0].deleteTab: The tab with ID 't.nope' was not found.".into())
    );
    // The last top-level tab stays.
    let (status, body) = api.post("", json!({"title": "One tab"})).await;
    assert_eq!(status, 200);
    let id = body["documentId"].as_str().unwrap();
    let (status, body) = api.update(id, json!([{"deleteTab": {"tabId": "t.0"}}])).await;
    assert_eq!(status, 400);
    assert!(message(&body).contains("at least one tab"), "{body}");
    api.assert_valid();
}
