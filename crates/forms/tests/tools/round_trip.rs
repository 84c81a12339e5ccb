//! The round trip: create a form, add questions with batch_update_form, read it back with
//! get_form; then a stale revision is refused.

use super::*;

#[tokio::test]
async fn create_add_questions_and_read_back() {
    let env = Env::new().await;
    let out = env.ok("create_form", json!({"title": "Atlas 1.1 planning"})).await;
    let form = id_after(&out, "(ID: ");
    let requests = json!([
        {"createItem": {
            "item": {"title": "Which release train?", "questionItem": {"question": {"required": true,
                "choiceQuestion": {"type": "RADIO", "options": [{"value": "March"}, {"value": "April"}]}}}},
            "location": {"index": 0}
        }},
        text_question("Anything else?", 1),
        {"createItem": {
            "item": {"title": "Confidence", "questionItem": {"question": {"scaleQuestion": {"low": 1, "high": 5}}}},
            "location": {"index": 1}
        }}
    ]);
    let out = env.ok("batch_update_form", json!({"form_id": form, "requests": requests})).await;
    assert!(out.starts_with(&format!("Applied 3 update(s) to form {form}.")), "{out}");
    let created = id_after(&out, "- request 0: created item ");
    assert_eq!(created.len(), 8, "{out}");
    assert!(out.contains("(question ID: "), "{out}");
    assert_eq!(env.last("forms.forms.batchUpdate").body.unwrap()["requests"], requests);

    let read = env.ok("get_form", json!({"form_id": form})).await;
    assert!(read.contains("3 item(s)"), "{read}");
    assert!(read.contains(&format!("[0] \"Which release train?\" (item ID: {created}")), "{read}");
    assert!(read.contains("| multiple choice: March; April | required"), "{read}");
    assert!(read.contains("[1] \"Confidence\"") && read.contains("| scale 1-5"), "{read}");
    assert!(read.contains("[2] \"Anything else?\"") && read.contains("| short text"), "{read}");
    assert!(read.contains("- Revision: 00000002"), "{read}");

    // A question id already in use is refused, and the form keeps its revision.
    let reused = json!({"createItem": {
        "item": {"itemId": created, "textItem": {}}, "location": {"index": 0}
    }});
    let e = env.err("batch_update_form", json!({"form_id": form, "requests": [reused]})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("already used"), "{e}");
    env.done();
}
