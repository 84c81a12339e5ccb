//! forms.get on the seed, forms.create, setPublishSettings.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn the_seed_form_has_questions_and_publish_settings() {
    let api = start().await;
    let f = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}")).await;
    assert_eq!(f["formId"], ATLAS_FEEDBACK_FORM);
    assert_eq!(f["info"]["title"], "Atlas pilot feedback");
    assert_eq!(f["settings"]["emailCollectionType"], "VERIFIED");
    assert_eq!(f["publishSettings"]["publishState"], json!({"isPublished": true, "isAcceptingResponses": true}));
    assert!(f["responderUri"].as_str().unwrap().ends_with("/viewform"), "{f}");
    let items = f["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["questionItem"]["question"]["questionId"], questions::SATISFACTION);
    assert_eq!(items[0]["questionItem"]["question"]["scaleQuestion"]["high"], 5);
    let (status, e) = api.get("/nope").await;
    assert_eq!((status, e["error"]["message"].as_str()), (404, Some("Requested entity was not found.")));
    api.assert_valid();
}

#[tokio::test]
async fn create_takes_only_the_titles() {
    let api = start().await;
    let (status, f) = api.post("", json!({"info": {"title": "Survey"}})).await;
    assert_eq!(status, 200, "{f}");
    assert_eq!(f["info"], json!({"title": "Survey", "documentTitle": "Survey"}));
    assert!(f.get("items").is_none(), "an empty form has no items field: {f}");
    assert_eq!(f["publishSettings"]["publishState"]["isPublished"], true);
    let id = f["formId"].as_str().unwrap();
    assert_eq!(api.ok(&format!("/{id}")).await, f, "reads return what create returned");

    for body in [
        json!({"info": {"title": "S", "description": "not at creation"}}),
        json!({"info": {"title": "S"}, "items": [{"title": "Q", "textItem": {}}]}),
        json!({"info": {"title": "S"}, "settings": {"quizSettings": {"isQuiz": true}}}),
    ] {
        let (status, e) = api.post("", body.clone()).await;
        assert_eq!(status, 400, "{body}: {e}");
    }
    let (status, f) =
        api.post("?unpublished=true", json!({"info": {"title": "Draft", "documentTitle": "Draft file"}})).await;
    assert_eq!(status, 200);
    assert_eq!(f["info"]["documentTitle"], "Draft file");
    assert_eq!(f["publishSettings"]["publishState"], json!({}), "false flags are left out, as Google does");
    api.assert_valid();
}

#[tokio::test]
async fn publish_settings_rules() {
    let api = start().await;
    let path = format!("/{ATLAS_FEEDBACK_FORM}:setPublishSettings");
    let state = |published: bool, accepting: bool| json!({"publishSettings": {"publishState": {"isPublished": published, "isAcceptingResponses": accepting}}, "updateMask": "publishState"});
    let (status, r) = api.post(&path, state(true, false)).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r, json!({"formId": ATLAS_FEEDBACK_FORM, "publishSettings": {"publishState": {"isPublished": true}}}));
    let f = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}")).await;
    assert_eq!(f["publishSettings"]["publishState"], json!({"isPublished": true}));
    let (status, _) = api.post(&path, state(false, true)).await;
    assert_eq!(status, 400, "accepting while unpublished is refused");
    let mut bad_mask = state(true, true);
    bad_mask["updateMask"] = json!("title");
    assert_eq!(api.post(&path, bad_mask).await.0, 400);
    assert_eq!(api.post("/nope:setPublishSettings", state(true, true)).await.0, 404);
    api.assert_valid();
}
