//! responses.list (order, timestamp filter, paging) and responses.get.

use serde_json::Value;
use wsmcp_testkit::enc;

use crate::support::*;

fn ids(body: &Value) -> Vec<String> {
    body["responses"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| r["responseId"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn responses_come_oldest_first_keyed_by_question() {
    let api = start().await;
    let all = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses")).await;
    assert_eq!(ids(&all), [responses::DANA, responses::MISAKI, responses::JONAS, responses::OMAR, responses::PRIYA]);
    let dana = &all["responses"][0];
    assert!(dana.get("formId").is_none(), "list replies leave formId out");
    assert_eq!(dana["respondentEmail"], "dana.whitfield@northwind.example");
    let platforms = &dana["answers"][questions::PLATFORMS];
    assert_eq!(platforms["questionId"], questions::PLATFORMS);
    assert_eq!(platforms["textAnswers"]["answers"], serde_json::json!([{"value": "Android"}, {"value": "Web"}]));

    let one = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses/{}", responses::DANA)).await;
    assert_eq!(one["formId"], ATLAS_FEEDBACK_FORM);
    assert_eq!(one["answers"], dana["answers"]);
    assert_eq!(api.get(&format!("/{ATLAS_FEEDBACK_FORM}/responses/nope")).await.0, 404);
    assert_eq!(api.get("/nope/responses").await.0, 404);
    api.assert_valid();
}

#[tokio::test]
async fn timestamp_filter_and_paging() {
    let api = start().await;
    let all = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses")).await;
    let jonas_at = all["responses"][2]["lastSubmittedTime"].as_str().unwrap().to_string();
    let after =
        api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses?filter={}", enc(&format!("timestamp > {jonas_at}")))).await;
    assert_eq!(ids(&after), [responses::OMAR, responses::PRIYA]);
    let from =
        api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses?filter={}", enc(&format!("timestamp >= {jonas_at}")))).await;
    assert_eq!(ids(&from), [responses::JONAS, responses::OMAR, responses::PRIYA]);
    for bad in ["timestamp < 2026-01-01T00:00:00Z", "timestamp > yesterday", "timestamp > 2026-01-01T00:00:00+01:00"] {
        let (status, _) = api.get(&format!("/{ATLAS_FEEDBACK_FORM}/responses?filter={}", enc(bad))).await;
        assert_eq!(status, 400, "{bad}");
    }
    let future =
        api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses?filter={}", enc("timestamp > 2999-01-01T00:00:00Z"))).await;
    assert!(future.get("responses").is_none(), "{future}");

    let first = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses?pageSize=3")).await;
    assert_eq!(ids(&first).len(), 3);
    let token = first["nextPageToken"].as_str().unwrap();
    let rest = api.ok(&format!("/{ATLAS_FEEDBACK_FORM}/responses?pageSize=3&pageToken={token}")).await;
    assert_eq!(ids(&rest), [responses::OMAR, responses::PRIYA]);
    assert!(rest.get("nextPageToken").is_none());
    assert_eq!(api.get(&format!("/{ATLAS_FEEDBACK_FORM}/responses?pageToken=bogus")).await.0, 400);
    api.assert_valid();
}
