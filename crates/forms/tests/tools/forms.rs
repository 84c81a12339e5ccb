//! create_form, get_form, batch_update_form, set_publish_settings.

use super::*;

#[tokio::test]
async fn get_form_lists_items_with_index_and_ids() {
    let env = Env::new().await;
    let out = env.ok("get_form", json!({"form_id": ATLAS_FEEDBACK_FORM})).await;
    assert!(out.starts_with(&format!("Form \"Atlas pilot feedback\" (ID: {ATLAS_FEEDBACK_FORM})")), "{out}");
    assert!(out.contains("- Status: published, accepting responses"), "{out}");
    assert!(out.contains("- Email collection: VERIFIED"), "{out}");
    assert!(out.contains("4 item(s)"), "{out}");
    assert!(out.contains("[0] \"How satisfied are you with the Atlas pilot overall?\" (item ID: 4d2b7f01, question ID: 5a3c9e01) | scale 1-5 (Not at all .. Very satisfied) | required"), "{out}");
    assert!(
        out.contains("multiple choice: Offline sync; Shared checklists; Photo reports; Other (free text)"),
        "{out}"
    );
    assert!(
        out.contains("[3] \"What should we improve before the 1.0 launch?\"") && out.contains("paragraph text"),
        "{out}"
    );
    assert_eq!(env.last("forms.forms.get").path, format!("/v1/forms/{ATLAS_FEEDBACK_FORM}"));
    env.done();
}

#[tokio::test]
async fn get_form_errors() {
    let env = Env::new().await;
    env.refused("get_form", &[json!({"form_id": " "}), json!({})]).await;
    assert!(env.requests("forms.forms.get").is_empty());
    let e = env.err("get_form", json!({"form_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn create_form_sends_titles_then_the_description() {
    let env = Env::new().await;
    let out = env.ok("create_form", json!({"title": "Atlas 1.1 survey"})).await;
    assert!(out.contains("Created form for alex.rivera@example.com:\nForm \"Atlas 1.1 survey\" (ID: "), "{out}");
    assert!(out.contains("- Document title: Atlas 1.1 survey"), "{out}");
    assert_eq!(env.last("forms.forms.create").body.unwrap(), json!({"info": {"title": "Atlas 1.1 survey"}}));
    assert!(env.requests("forms.forms.batchUpdate").is_empty(), "no description, no second write");

    let out = env
        .ok(
            "create_form",
            json!({"title": "Kickoff poll", "description": "Pick a date", "document_title": "Poll (internal)"}),
        )
        .await;
    let id = id_after(&out, "(ID: ");
    assert_eq!(
        env.last("forms.forms.create").body.unwrap(),
        json!({"info": {"title": "Kickoff poll", "documentTitle": "Poll (internal)"}})
    );
    let update = env.last("forms.forms.batchUpdate");
    assert_eq!(update.path, format!("/v1/forms/{id}:batchUpdate"));
    assert_eq!(
        update.body.unwrap()["requests"],
        json!([{"updateFormInfo": {"info": {"description": "Pick a date"}, "updateMask": "description"}}])
    );
    assert!(out.contains("- Description: Pick a date") && out.contains("- Document title: Poll (internal)"), "{out}");
    let read = env.ok("get_form", json!({"form_id": id})).await;
    assert!(read.contains("- Description: Pick a date") && read.contains("No items yet"), "{read}");
    env.done();
}

#[tokio::test]
async fn create_form_errors() {
    let env = Env::new().await;
    env.refused("create_form", &[json!({"title": "  "}), json!({})]).await;
    assert!(env.requests("forms.forms.create").is_empty());
    env.inject(wsmcp_sandbox_kit::Fault::status("/v1/forms", 403));
    let e = env.err("create_form", json!({"title": "X"})).await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}

#[tokio::test]
async fn batch_update_refuses_malformed_requests_before_google() {
    let env = Env::new().await;
    let form = ATLAS_FEEDBACK_FORM;
    env.refused(
        "batch_update_form",
        &[
            json!({"form_id": form, "requests": []}),
            json!({"form_id": form, "requests": [{"create_item": {}}]}),
            json!({"form_id": form, "requests": [{"deleteItem": {"location": {"index": 0}}, "moveItem": {}}]}),
            json!({"form_id": form, "requests": [{"updateFormInfo": {"info": {"title": "x"}}}]}),
            json!({"form_id": form, "requests": ["deleteItem"]}),
        ],
    )
    .await;
    assert!(env.requests("forms.forms.batchUpdate").is_empty());
    // Google's own refusals: an index past the end, a scale out of range; nothing applies.
    let e = env
        .err(
            "batch_update_form",
            json!({"form_id": form, "requests": [
                {"deleteItem": {"location": {"index": 0}}},
                {"deleteItem": {"location": {"index": 9}}}
            ]}),
        )
        .await;
    assert!(is_google(&e, 400) && e.to_string().contains("requests[1].deleteItem"), "{e}");
    let still = env.ok("get_form", json!({"form_id": form})).await;
    assert!(still.contains("4 item(s)"), "a failed batch changes nothing:\n{still}");
    env.done();
}

#[tokio::test]
async fn batch_update_edits_moves_and_deletes_items() {
    let env = Env::new().await;
    let form = ATLAS_FEEDBACK_FORM;
    let out = env
        .ok(
            "batch_update_form",
            json!({"form_id": form, "requests": [
                {"updateItem": {"item": {"title": "Overall, how did the pilot go?"}, "location": {"index": 0}, "updateMask": "title"}},
                {"moveItem": {"originalLocation": {"index": 3}, "newLocation": {"index": 1}}},
                {"deleteItem": {"location": {"index": 3}}},
                {"updateSettings": {"settings": {"quizSettings": {"isQuiz": true}}, "updateMask": "quizSettings.isQuiz"}}
            ]}),
        )
        .await;
    assert!(out.starts_with(&format!("Applied 4 update(s) to form {form}.")), "{out}");
    assert!(out.contains("Revision now: 00000013"), "{out}");
    let sent = env.last("forms.forms.batchUpdate").body.unwrap();
    assert_eq!(sent["includeFormInResponse"], json!(true));
    assert_eq!(sent["requests"][1]["moveItem"]["newLocation"]["index"], json!(1));
    let read = env.ok("get_form", json!({"form_id": form})).await;
    assert!(read.contains("[0] \"Overall, how did the pilot go?\" (item ID: 4d2b7f01"), "{read}");
    assert!(read.contains("[1] \"What should we improve before the 1.0 launch?\""), "{read}");
    assert!(read.contains("3 item(s)") && !read.contains("Which platforms"), "{read}");
    assert!(read.contains("- Quiz: yes"), "{read}");
    env.done();
}

#[tokio::test]
async fn publish_settings_change_and_read_back() {
    let env = Env::new().await;
    let form = ATLAS_FEEDBACK_FORM;
    let out = env.ok("set_publish_settings", json!({"form_id": form, "is_accepting_responses": false})).await;
    assert_eq!(out, format!("Form {form} is now published, not accepting responses.\n"));
    let req = env.last("forms.forms.setPublishSettings");
    assert_eq!(req.path, format!("/v1/forms/{form}:setPublishSettings"));
    assert_eq!(
        req.body.unwrap(),
        json!({"publishSettings": {"publishState": {"isPublished": true, "isAcceptingResponses": false}}, "updateMask": "publishState"})
    );
    let read = env.ok("get_form", json!({"form_id": form})).await;
    assert!(read.contains("- Status: published, not accepting responses"), "{read}");

    // Unpublishing closes responses too, whatever is_accepting_responses says.
    let out = env.ok("set_publish_settings", json!({"form_id": form, "is_published": false})).await;
    assert!(out.starts_with(&format!("Form {form} is now not published")) && out.contains("closed too"), "{out}");
    let body = env.last("forms.forms.setPublishSettings").body.unwrap();
    assert_eq!(body["publishSettings"]["publishState"], json!({"isPublished": false, "isAcceptingResponses": false}));
    let out = env.ok("set_publish_settings", json!({"form_id": form})).await;
    assert!(out.contains("published, accepting responses"), "{out}");
    env.done();
}

#[tokio::test]
async fn publish_settings_errors() {
    let env = Env::new().await;
    env.refused("set_publish_settings", &[json!({"form_id": ""}), json!({"form_id": "x", "is_published": "yes"})])
        .await;
    let e = env.err("set_publish_settings", json!({"form_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
