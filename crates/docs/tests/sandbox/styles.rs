//! updateTextStyle, updateParagraphStyle, createParagraphBullets, deleteParagraphBullets.

use serde_json::{Value, json};
use wsmcp_drive::sandbox::seed::ids;

use crate::support::*;

fn runs(el: &Value) -> Vec<(String, Value)> {
    let els = el["paragraph"]["elements"].as_array().unwrap();
    els.iter()
        .map(|e| (e["textRun"]["content"].as_str().unwrap().to_string(), e["textRun"]["textStyle"].clone()))
        .collect()
}

#[tokio::test]
async fn styles_split_runs_apply_the_mask_and_refuse_what_google_refuses() {
    let api = start().await;
    let id = ids::ATLAS_PLAN_DOC;
    // Risks tab: "🚧 Risk register\n" is 1..18 (the emoji 1..3).
    let style = |s: u64, e: u64, style: Value, fields: &str| json!([{"updateTextStyle": {"range": {"startIndex": s, "endIndex": e, "tabId": RISKS_TAB}, "textStyle": style, "fields": fields}}]);
    let (status, body) = api
        .update(id, style(1, 8, json!({"bold": true, "fontSize": {"magnitude": 18, "unit": "PT"}}), "bold,fontSize"))
        .await;
    assert_eq!(status, 200, "{body}");
    let heading = &tab_content(&api.doc(id).await, RISKS_TAB)[1];
    let r = runs(heading);
    assert_eq!(r[0].0, "🚧 Risk");
    assert_eq!(r[0].1, json!({"bold": true, "fontSize": {"magnitude": 18, "unit": "PT"}}));
    assert_eq!(r[1], (" register\n".into(), json!({})));
    assert_eq!(heading["paragraph"]["elements"][1]["startIndex"], 8);
    // In the mask but not in the style: cleared, and the runs merge again.
    let (status, _) = api.update(id, style(1, 18, json!({}), "bold,fontSize")).await;
    assert_eq!(status, 200);
    assert_eq!(runs(&tab_content(&api.doc(id).await, RISKS_TAB)[1]).len(), 1);
    for (req, message) in [
        (style(1, 8, json!({"bold": true}), ""), "At least one field must be listed in 'fields'."),
        (style(2, 8, json!({"bold": true}), "bold"), "The index 2 splits a surrogate pair"),
        (style(8, 8, json!({"bold": true}), "bold"), "The range should not be empty."),
        (style(1, 8, json!({"bold": true}), "bold,size"), "Invalid field mask: 'size'"),
    ] {
        let (status, body) = api.update(id, req).await;
        assert_eq!(status, 400, "{body}");
        let got = body["error"]["message"].as_str().unwrap();
        assert!(got.starts_with(&format!("Invalid requests[0].updateTextStyle: {message}")), "{got}");
    }
    let para = json!([{"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 20, "tabId": RISKS_TAB},
        "paragraphStyle": {"alignment": "CENTER", "namedStyleType": "HEADING_2"}, "fields": "alignment,namedStyleType"}}]);
    let (status, body) = api.update(id, para).await;
    assert_eq!(status, 200, "{body}");
    let content = tab_content(&api.doc(id).await, RISKS_TAB);
    for el in &content[1..3] {
        assert_eq!(el["paragraph"]["paragraphStyle"]["alignment"], "CENTER");
        assert_eq!(el["paragraph"]["paragraphStyle"]["namedStyleType"], "HEADING_2");
    }
    assert!(content[3]["paragraph"]["paragraphStyle"].get("alignment").is_none());
    api.assert_valid();
}

#[tokio::test]
async fn bullets_make_lists_from_leading_tabs_and_go_away() {
    let api = start().await;
    let (_, doc) = api.post("", json!({"title": "List"})).await;
    let id = doc["documentId"].as_str().unwrap().to_string();
    let (status, _) =
        api.update(&id, json!([{"insertText": {"location": {"index": 1}, "text": "a\n\tb\n\t\tc"}}])).await;
    assert_eq!(status, 200);
    // "a\n" 1..3, "\tb\n" 3..6, "\t\tc\n" 6..10.
    let (status, body) = api
        .update(&id, json!([{"createParagraphBullets": {"range": {"startIndex": 1, "endIndex": 9}, "bulletPreset": "NUMBERED_DECIMAL_ALPHA_ROMAN"}}]))
        .await;
    assert_eq!(status, 200, "{body}");
    let doc = api.doc(&id).await;
    let content = tab_content(&doc, "t.0");
    let levels: Vec<Value> = content[1..].iter().map(|e| e["paragraph"]["bullet"]["nestingLevel"].clone()).collect();
    assert_eq!(levels, [Value::Null, json!(1), json!(2)], "level 0 is left out, as proto3 does");
    assert_eq!(runs(&content[3])[0].0, "c\n", "the tabs are gone");
    assert_eq!(content[3]["endIndex"], 7, "three tabs fewer");
    let list = content[1]["paragraph"]["bullet"]["listId"].as_str().unwrap();
    let levels = &doc["tabs"][0]["documentTab"]["lists"][list]["listProperties"]["nestingLevels"];
    assert_eq!((levels[0]["glyphType"].as_str(), levels[1]["glyphType"].as_str()), (Some("DECIMAL"), Some("ALPHA")));
    let (status, body) =
        api.update(&id, json!([{"createParagraphBullets": {"range": {"startIndex": 1, "endIndex": 2}}}])).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) =
        api.update(&id, json!([{"deleteParagraphBullets": {"range": {"startIndex": 1, "endIndex": 7}}}])).await;
    assert_eq!(status, 200);
    let content = tab_content(&api.doc(&id).await, "t.0");
    assert!(content[1..].iter().all(|e| e["paragraph"].get("bullet").is_none()));
    assert_eq!(content[2]["paragraph"]["paragraphStyle"]["indentStart"], json!({"magnitude": 72, "unit": "PT"}));
    api.assert_valid();
}
