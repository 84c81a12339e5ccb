//! forms.batchUpdate: item creation and ids, locations, masks, info and settings, all or
//! nothing, writeControl and revisions, includeFormInResponse.

use serde_json::json;

use crate::support::*;

fn create(title: &str, index: i64) -> serde_json::Value {
    json!({"createItem": {"item": {"title": title, "questionItem": {"question": {"textQuestion": {}}}}, "location": {"index": index}}})
}

#[tokio::test]
async fn create_items_assigns_ids_and_places_them() {
    let api = start().await;
    let form = api.create("Planning").await;
    let (status, r) = api.batch(&form, json!({"requests": [create("B", 0), create("A", 0), create("C", 2)]})).await;
    assert_eq!(status, 200, "{r}");
    let replies = r["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 3);
    let item_id = replies[0]["createItem"]["itemId"].as_str().unwrap();
    assert_eq!(item_id.len(), 8);
    assert_eq!(replies[0]["createItem"]["questionId"].as_array().unwrap().len(), 1);
    assert_eq!(r["writeControl"]["requiredRevisionId"], "00000002");
    assert!(r.get("form").is_none(), "no form unless asked for");
    assert_eq!(api.titles(&form).await, ["A", "B", "C"]);

    // A page break and a grid keep their own kinds; a given free id is kept.
    let grid = json!({"createItem": {"item": {"itemId": "00aa00aa", "title": "Rate each", "questionGroupItem": {
        "questions": [{"rowQuestion": {"title": "Speed"}}, {"rowQuestion": {"title": "Battery"}}],
        "grid": {"columns": {"type": "RADIO", "options": [{"value": "Good"}, {"value": "Bad"}]}}}},
        "location": {"index": 3}}});
    let (status, r) = api.batch(&form, json!({"requests": [grid], "includeFormInResponse": true})).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["replies"][0]["createItem"]["itemId"], "00aa00aa");
    assert_eq!(r["replies"][0]["createItem"]["questionId"].as_array().unwrap().len(), 2);
    assert_eq!(r["form"]["items"][3]["itemId"], "00aa00aa");
    assert_eq!(r["form"]["revisionId"], "00000003");
    api.assert_valid();
}

#[tokio::test]
async fn invalid_requests_change_nothing() {
    let api = start().await;
    let form = ATLAS_FEEDBACK_FORM;
    let before = api.ok(&format!("/{form}")).await;
    let cases = [
        json!({"requests": []}),
        json!({"requests": [create("X", 5)]}),
        json!({"requests": [create("X", 0), {"deleteItem": {"location": {"index": 4}}}, {"deleteItem": {"location": {"index": 5}}}]}),
        json!({"requests": [{"createItem": {"item": {"title": "no kind"}, "location": {"index": 0}}}]}),
        json!({"requests": [{"createItem": {"item": {"questionItem": {"question": {"scaleQuestion": {"low": 3, "high": 5}}}}, "location": {"index": 0}}}]}),
        json!({"requests": [{"createItem": {"item": {"questionItem": {"question": {"choiceQuestion": {"type": "RADIO", "options": []}}}}, "location": {"index": 0}}}]}),
        json!({"requests": [{"createItem": {"item": {"itemId": "4d2b7f01", "textItem": {}}, "location": {"index": 0}}}]}),
        json!({"requests": [{"createItem": {"item": {"textItem": {}}}}]}),
        json!({"requests": [{"updateItem": {"item": {"title": "x"}, "location": {"index": 0}}}]}),
        json!({"requests": [{"updateItem": {"item": {"title": "x"}, "location": {"index": 0}, "updateMask": "nonsense"}}]}),
        json!({"requests": [{"updateItem": {"item": {"textItem": {}}, "location": {"index": 0}, "updateMask": "textItem"}}]}),
        json!({"requests": [{"moveItem": {"originalLocation": {"index": 0}, "newLocation": {"index": 4}}}]}),
        json!({"requests": [{"updateFormInfo": {"info": {"documentTitle": "x"}, "updateMask": "documentTitle"}}]}),
        json!({"requests": [{"updateSettings": {"settings": {}, "updateMask": ""}}]}),
        json!({"requests": [{"deleteItem": {"location": {"index": 0}}, "moveItem": {"originalLocation": {"index": 0}, "newLocation": {"index": 1}}}]}),
    ];
    for body in cases {
        let (status, e) = api.batch(form, body.clone()).await;
        assert_eq!(status, 400, "{body}: {e}");
        assert_eq!(e["error"]["status"], "INVALID_ARGUMENT", "{e}");
    }
    assert_eq!(api.ok(&format!("/{form}")).await, before, "nothing applied, revision unchanged");
    api.assert_valid();
}

#[tokio::test]
async fn updates_follow_the_mask() {
    let api = start().await;
    let form = ATLAS_FEEDBACK_FORM;
    let requests = json!([
        {"updateItem": {"item": {"title": "Rating", "questionItem": {"question": {"required": false}}},
            "location": {"index": 0}, "updateMask": "title,questionItem.question.required"}},
        {"updateFormInfo": {"info": {"title": "Pilot feedback", "description": "ignored"}, "updateMask": "title"}},
        {"updateSettings": {"settings": {"quizSettings": {"isQuiz": true}}, "updateMask": "quiz_settings.is_quiz"}}
    ]);
    let (status, r) = api.batch(form, json!({"requests": requests, "includeFormInResponse": true})).await;
    assert_eq!(status, 200, "{r}");
    let f = &r["form"];
    let q = &f["items"][0]["questionItem"]["question"];
    assert_eq!(f["items"][0]["title"], "Rating");
    assert_eq!(q["required"], false);
    assert_eq!(q["questionId"], questions::SATISFACTION, "ids outside the mask stay");
    assert_eq!(q["scaleQuestion"]["high"], 5, "fields outside the mask stay");
    assert_eq!(f["info"]["title"], "Pilot feedback");
    assert_eq!(
        f["info"]["description"],
        "Tell us how the Atlas pilot went for your crews. It takes about two minutes."
    );
    assert_eq!(f["info"]["documentTitle"], "Atlas pilot feedback");
    assert_eq!(f["settings"]["quizSettings"]["isQuiz"], true);
    assert_eq!(api.ok(&format!("/{form}")).await, *f);
    api.assert_valid();
}

#[tokio::test]
async fn write_control_guards_the_revision() {
    let api = start().await;
    let form = api.create("Revisions").await;
    let (_, r) = api.batch(&form, json!({"requests": [create("A", 0)]})).await;
    let rev = r["writeControl"]["requiredRevisionId"].as_str().unwrap().to_string();
    let (status, r) =
        api.batch(&form, json!({"requests": [create("B", 1)], "writeControl": {"requiredRevisionId": rev}})).await;
    assert_eq!(status, 200, "{r}");
    // The revision moved on: requiring the old one fails, targeting it merges.
    let (status, e) =
        api.batch(&form, json!({"requests": [create("C", 2)], "writeControl": {"requiredRevisionId": rev}})).await;
    assert_eq!(status, 400, "{e}");
    let (status, r) =
        api.batch(&form, json!({"requests": [create("C", 2)], "writeControl": {"targetRevisionId": rev}})).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["writeControl"]["requiredRevisionId"], "00000004");
    let (status, _) =
        api.batch(&form, json!({"requests": [create("D", 0)], "writeControl": {"targetRevisionId": "99999999"}})).await;
    assert_eq!(status, 400);
    assert_eq!(api.titles(&form).await, ["A", "B", "C"]);
    assert_eq!(api.batch("nope", json!({"requests": [create("A", 0)]})).await.0, 404);
    api.assert_valid();
}
