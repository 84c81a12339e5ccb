//! The 6 Forms tools through the real binary over stdio, against the seeded Atlas pilot
//! feedback form of alex.rivera@example.com. One test walks every tool: a new form with
//! questions added and read back, the seeded responses listed and one read, publish settings
//! changed and read back, and an error path per tool; it checks the Forms requests the
//! sandbox saw.

use serde_json::json;
use wsmcp_forms::sandbox::seed::{ATLAS_FEEDBACK_FORM, questions, responses};

use crate::harness::{assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next `)`, space, comma or line end.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|', ',']).next().unwrap().to_string()
}

#[test]
fn the_seed_form_is_the_drive_seeds_form_file() {
    assert_eq!(ATLAS_FEEDBACK_FORM, wsmcp_drive::sandbox::seed::ids::ATLAS_FEEDBACK_FORM);
}

#[tokio::test]
async fn every_forms_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // create_form, then questions through batch_update_form, then get_form reads them back.
    let out = ok(&client, "create_form", json!({"title": "Atlas 1.1 planning", "description": "Two minutes"})).await;
    let form = id_after(&out, "(ID: ");
    assert!(out.contains("- Description: Two minutes"), "{out}");
    assert_eq!(
        requests_for(&sb, "forms.forms.create")[0].body.clone().unwrap(),
        json!({"info": {"title": "Atlas 1.1 planning"}})
    );
    let requests = json!([
        {"createItem": {"item": {"title": "Which release train?", "questionItem": {"question": {"required": true,
            "choiceQuestion": {"type": "RADIO", "options": [{"value": "March"}, {"value": "April"}]}}}},
            "location": {"index": 0}}},
        {"createItem": {"item": {"title": "Confidence", "questionItem": {"question": {
            "scaleQuestion": {"low": 1, "high": 5}}}}, "location": {"index": 1}}}
    ]);
    let out = ok(&client, "batch_update_form", json!({"form_id": form, "requests": requests})).await;
    assert!(out.starts_with(&format!("Applied 2 update(s) to form {form}.")), "{out}");
    let item = id_after(&out, "- request 0: created item ");
    let update = requests_for(&sb, "forms.forms.batchUpdate").pop().unwrap();
    assert_eq!(update.path, format!("/v1/forms/{form}:batchUpdate"));
    assert_eq!(update.body.unwrap()["requests"], requests);
    let read = ok(&client, "get_form", json!({"form_id": form})).await;
    assert!(read.contains(&format!("[0] \"Which release train?\" (item ID: {item}")), "{read}");
    assert!(read.contains("| multiple choice: March; April | required"), "{read}");
    assert!(read.contains("[1] \"Confidence\"") && read.contains("| scale 1-5"), "{read}");
    assert!(read.contains("- Description: Two minutes"), "{read}");

    // list_form_responses and get_form_response on the seed.
    let list = ok(&client, "list_form_responses", json!({"form_id": ATLAS_FEEDBACK_FORM, "page_size": 2})).await;
    assert!(list.starts_with(&format!("2 response(s) to form {ATLAS_FEEDBACK_FORM}")), "{list}");
    assert!(list.contains(responses::DANA) && list.contains("from dana.whitfield@northwind.example"), "{list}");
    assert!(list.contains("More responses: pass page_token: "), "{list}");
    let req = requests_for(&sb, "forms.forms.responses.list").pop().unwrap();
    assert_eq!(req.query_param("pageSize"), Some("2"));
    let one =
        ok(&client, "get_form_response", json!({"form_id": ATLAS_FEEDBACK_FORM, "response_id": responses::OMAR})).await;
    assert!(one.contains("from omar.haddad@contoso.example"), "{one}");
    assert!(one.contains(&format!("  - question {}: Reporting exports\n", questions::FEATURE)), "{one}");

    // set_publish_settings, then get_form shows the new state.
    let out = ok(&client, "set_publish_settings", json!({"form_id": form, "is_accepting_responses": false})).await;
    assert!(out.contains("published, not accepting responses"), "{out}");
    let body = requests_for(&sb, "forms.forms.setPublishSettings").pop().unwrap().body.unwrap();
    assert_eq!(body["publishSettings"]["publishState"], json!({"isPublished": true, "isAcceptingResponses": false}));
    let read = ok(&client, "get_form", json!({"form_id": form})).await;
    assert!(read.contains("- Status: published, not accepting responses"), "{read}");

    // An error path per tool: Google's refusals come back as tool errors, and bad input is
    // refused before any request.
    let e = err(&client, "get_form", json!({"form_id": "nope"})).await;
    assert!(e.contains("404") || e.to_lowercase().contains("not found"), "{e}");
    let e = err(&client, "get_form_response", json!({"form_id": ATLAS_FEEDBACK_FORM, "response_id": "nope"})).await;
    assert!(e.contains("404") || e.to_lowercase().contains("not found"), "{e}");
    let e = err(&client, "set_publish_settings", json!({"form_id": "nope"})).await;
    assert!(e.contains("404") || e.to_lowercase().contains("not found"), "{e}");
    let bad = json!({"deleteItem": {"location": {"index": 7}}});
    let e = err(&client, "batch_update_form", json!({"form_id": form, "requests": [bad]})).await;
    assert!(e.contains("400") || e.contains("deleteItem"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "create_form", json!({"title": " "})).await;
    assert!(e.contains("title"), "{e}");
    let e = err(&client, "list_form_responses", json!({"form_id": ATLAS_FEEDBACK_FORM, "page_size": 0})).await;
    assert!(e.contains("page_size"), "{e}");
    let e = err(&client, "batch_update_form", json!({"form_id": form, "requests": [{"create_item": {}}]})).await;
    assert!(e.contains("use createItem"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
