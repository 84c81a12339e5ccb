//! list_form_responses and get_form_response on the seeded pilot feedback.

use wsmcp_forms::sandbox::seed::{questions, responses};

use super::*;

#[tokio::test]
async fn responses_are_listed_oldest_first_and_paged() {
    let env = Env::new().await;
    let form = ATLAS_FEEDBACK_FORM;
    let all = env.ok("list_form_responses", json!({"form_id": form})).await;
    assert!(all.starts_with(&format!("5 response(s) to form {form}:\n")), "{all}");
    assert_eq!(env.last("forms.forms.responses.list").query_param("pageSize"), Some("10"));
    let first = all.lines().nth(1).unwrap();
    assert!(first.starts_with(&format!("Response {} | submitted ", responses::DANA)), "{all}");
    assert!(first.ends_with("| from dana.whitfield@northwind.example"), "{all}");
    assert!(all.contains(&format!("  - question {}: Android; Web\n", questions::PLATFORMS)), "{all}");
    assert!(!all.contains("page_token"), "{all}");

    let page = env.ok("list_form_responses", json!({"form_id": form, "page_size": 2})).await;
    assert!(page.starts_with("2 response(s)") && page.contains(responses::MISAKI), "{page}");
    let token = id_after(&page, "page_token: ");
    let next = env.ok("list_form_responses", json!({"form_id": form, "page_size": 2, "page_token": token})).await;
    assert_eq!(env.last("forms.forms.responses.list").query_param("pageToken"), Some(token.as_str()));
    assert!(
        next.contains(responses::JONAS) && next.contains(responses::OMAR) && !next.contains(responses::DANA),
        "{next}"
    );
    env.done();
}

#[tokio::test]
async fn one_response_by_id() {
    let env = Env::new().await;
    let out =
        env.ok("get_form_response", json!({"form_id": ATLAS_FEEDBACK_FORM, "response_id": responses::PRIYA})).await;
    assert!(out.starts_with(&format!("Form {ATLAS_FEEDBACK_FORM}:\nResponse {}", responses::PRIYA)), "{out}");
    assert!(out.contains("from priya.shah@example.com"), "{out}");
    assert!(out.contains(&format!("  - question {}: 5\n", questions::SATISFACTION)), "{out}");
    assert!(!out.contains(questions::IMPROVE), "Priya left the paragraph empty:\n{out}");
    let req = env.last("forms.forms.responses.get");
    assert_eq!(req.path, format!("/v1/forms/{ATLAS_FEEDBACK_FORM}/responses/{}", responses::PRIYA));
    env.done();
}

#[tokio::test]
async fn response_errors() {
    let env = Env::new().await;
    env.refused(
        "list_form_responses",
        &[json!({"form_id": ATLAS_FEEDBACK_FORM, "page_size": 0}), json!({"form_id": "x", "page_size": 5001})],
    )
    .await;
    env.refused("get_form_response", &[json!({"form_id": ATLAS_FEEDBACK_FORM, "response_id": " "})]).await;
    assert!(env.requests("forms.forms.responses.list").is_empty());
    let e = env.err("get_form_response", json!({"form_id": ATLAS_FEEDBACK_FORM, "response_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    let e = env.err("list_form_responses", json!({"form_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    let e = env.err("list_form_responses", json!({"form_id": ATLAS_FEEDBACK_FORM, "page_token": "bogus"})).await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}
