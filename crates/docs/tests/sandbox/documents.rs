//! documents.get / create / batchUpdate.

use serde_json::json;
use wsmcp_drive::sandbox::seed::ids;

use crate::support::*;

#[tokio::test]
async fn tabs_tables_and_indices_are_google_shaped() {
    let api = start().await;
    let doc = api.doc(ids::ATLAS_PLAN_DOC).await;
    let tabs: Vec<_> = doc["tabs"].as_array().unwrap().iter().map(|t| t["tabProperties"]["title"].clone()).collect();
    assert_eq!(tabs, ["Plan", "Risks"]);
    assert!(doc.get("body").is_none(), "with tabs, content lives in the tabs");
    let plan = tab_content(&doc, PLAN_TAB);
    assert!(plan[0].get("startIndex").is_none() && plan[0]["endIndex"] == 1 && plan[0].get("sectionBreak").is_some());
    assert_eq!(text(&plan[1]), "Atlas Q3 plan\n");
    assert_eq!((plan[1]["startIndex"].as_u64(), plan[1]["endIndex"].as_u64()), (Some(1), Some(15)));
    // Consecutive elements leave no gap.
    for pair in plan.windows(2) {
        assert_eq!(pair[0]["endIndex"], pair[1]["startIndex"].as_u64().map_or(json!(0), |v| json!(v)));
    }
    let risks = tab_content(&doc, RISKS_TAB);
    // "🚧 Risk register\n": the emoji counts two UTF-16 units.
    assert_eq!(risks[1]["endIndex"], 1 + 2 + 15);
    let table = risks.iter().find(|e| e.get("table").is_some()).unwrap();
    let start = table["startIndex"].as_u64().unwrap();
    let row = &table["table"]["tableRows"][0];
    assert_eq!(row["startIndex"], start + 1);
    let cell = &row["tableCells"][0];
    assert_eq!(cell["startIndex"], start + 2);
    assert_eq!(cell["content"][0]["startIndex"], start + 3);
    assert_eq!(text(&cell["content"][0]), "Risk\n");
    assert_eq!(table["endIndex"], table["table"]["tableRows"][2]["endIndex"]);
    // Without includeTabsContent: the first tab in the legacy fields.
    let (_, legacy) = api.get(&format!("/{}", ids::ATLAS_PLAN_DOC)).await;
    assert!(legacy.get("tabs").is_none());
    assert_eq!(text(&legacy["body"]["content"][1]), "Atlas Q3 plan\n");
    let (status, _) = api.get("/nope").await;
    assert_eq!(status, 404);
    api.assert_valid();
}

#[tokio::test]
async fn create_then_insert_before_an_emoji_and_revisions_move() {
    let api = start().await;
    let (status, doc) = api.post("", json!({"title": "Launch notes"})).await;
    assert_eq!(status, 200, "{doc}");
    let id = doc["documentId"].as_str().unwrap().to_string();
    assert_eq!(doc["body"]["content"][1]["endIndex"], 2);
    let (status, reply) =
        api.update(&id, json!([{"insertText": {"location": {"index": 1}, "text": "Go 🚀 now"}}])).await;
    assert_eq!(status, 200, "{reply}");
    let rev = reply["writeControl"]["requiredRevisionId"].as_str().unwrap().to_string();
    assert_ne!(rev, doc["revisionId"].as_str().unwrap());
    // "Go " is 1..4, the rocket 4..6: text inserted at 4 lands before it.
    let (status, _) = api
        .post(
            &format!("/{id}:batchUpdate"),
            json!({"requests": [{"insertText": {"location": {"index": 4, "tabId": "t.0"}, "text": "fast "}}],
                   "writeControl": {"requiredRevisionId": rev}}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(text(&tab_content(&api.doc(&id).await, "t.0")[1]), "Go fast 🚀 now\n");
    // A stale revision is refused and nothing changes.
    let (status, body) = api
        .post(
            &format!("/{id}:batchUpdate"),
            json!({"requests": [{"insertText": {"location": {"index": 1}, "text": "x"}}],
                   "writeControl": {"requiredRevisionId": rev}}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    api.assert_valid();
}

#[tokio::test]
async fn wrong_indices_get_googles_errors_and_batches_are_atomic() {
    let api = start().await;
    let id = ids::TEAM_CHECKLIST_DOC;
    let end = tab_content(&api.doc(id).await, "t.0").last().unwrap()["endIndex"].as_u64().unwrap();
    let (status, body) = api.update(id, json!([{"insertText": {"location": {"index": 500}, "text": "x"}}])).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["message"],
        format!(
            "Invalid requests[0].insertText: Index 500 must be less than the end index of the referenced segment, {end}."
        )
    );
    let (status, body) = api
        .update(
            id,
            // Requests apply in order: after the insert, the final newline is at end + 2.
            json!([{"insertText": {"location": {"index": 1}, "text": "ok "}},
                   {"deleteContentRange": {"range": {"startIndex": end + 2, "endIndex": end + 3}}}]),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid requests[1].deleteContentRange: The range cannot include the newline"),
        "{body}"
    );
    assert_eq!(text(&tab_content(&api.doc(id).await, "t.0")[1]), "Atlas launch checklist\n", "nothing applied");
    // A table's own markers take no text.
    let risks = tab_content(&api.doc(ids::ATLAS_PLAN_DOC).await, RISKS_TAB);
    let table = risks.iter().find(|e| e.get("table").is_some()).unwrap()["startIndex"].as_u64().unwrap();
    let at = |index: u64| json!([{"insertText": {"location": {"index": index, "tabId": RISKS_TAB}, "text": "x"}}]);
    let (status, body) = api.update(ids::ATLAS_PLAN_DOC, at(table + 1)).await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"].as_str().unwrap().contains("inside the bounds of an existing paragraph"),
        "{body}"
    );
    let (status, _) = api.update(ids::ATLAS_PLAN_DOC, at(table + 3)).await;
    assert_eq!(status, 200);
    // A reader cannot edit.
    let (status, _) = api.update(ids::TRAVEL_POLICY_DOC, at(1)).await;
    assert_eq!(status, 403);
    api.assert_valid();
}

#[tokio::test]
async fn replace_all_counts_per_tab_criteria() {
    let api = start().await;
    let replace = |tabs: Option<&str>| {
        let mut r = json!({"replaceAllText": {"containsText": {"text": "alex rivera", "matchCase": false}, "replaceText": "A. Rivera"}});
        if let Some(t) = tabs {
            r["replaceAllText"]["tabsCriteria"] = json!({"tabIds": [t]});
        }
        json!([r])
    };
    let (status, body) = api.update(ids::ATLAS_PLAN_DOC, replace(Some(RISKS_TAB))).await;
    assert_eq!(status, 200, "{body}");
    // The Risks tab names Alex twice: in its intro and in the table.
    assert_eq!(body["replies"][0]["replaceAllText"]["occurrencesChanged"], 2);
    let (_, body) = api.update(ids::ATLAS_PLAN_DOC, replace(None)).await;
    assert_eq!(body["replies"][0]["replaceAllText"]["occurrencesChanged"], 1, "only the Plan tab's is left");
    let (_, body) = api.update(ids::ATLAS_PLAN_DOC, replace(None)).await;
    assert_eq!(body["replies"][0], json!({"replaceAllText": {}}));
    let (status, _) = api.update(ids::ATLAS_PLAN_DOC, replace(Some("t.nope"))).await;
    assert_eq!(status, 400);
    api.assert_valid();
}
