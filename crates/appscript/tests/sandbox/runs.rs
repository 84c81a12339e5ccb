//! scripts.run and processes.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn runs_answer_with_operations() {
    let s = start().await;
    let out = s.created(&format!("/scripts/{API_DEPLOYMENT}:run"), json!({"function": "ping"})).await;
    assert_eq!(out["done"], true);
    assert_eq!(out["response"]["result"], "pong");
    assert_eq!(out["response"]["@type"], "type.googleapis.com/google.apps.script.v1.ExecutionResponse");

    // A function missing from the code that runs: HTTP 200 with Google's ScriptError.
    let out = s.created(&format!("/scripts/{API_DEPLOYMENT}:run"), json!({"function": "nope"})).await;
    assert_eq!(out["error"]["message"], "ScriptError");
    assert_eq!(out["error"]["details"][0]["errorMessage"], "Script function not found: nope");
    let out = s.created(&format!("/scripts/{API_DEPLOYMENT}:run"), json!({"function": "weekStart_"})).await;
    assert_eq!(out["error"]["details"][0]["errorMessage"], "Script function not found: weekStart_", "private");

    // Dev mode runs the saved code; a script without executionApi is not found.
    let report = s
        .created(
            &format!("/scripts/{ATLAS_REPORT_SCRIPT}:run"),
            json!({"function": "buildWeeklyReport", "devMode": true}),
        )
        .await;
    assert_eq!(report["response"]["result"]["project"], "Atlas");
    let p = s.created("/projects", json!({"title": "Plain"})).await;
    let (status, body) = s
        .post(&format!("/scripts/{}:run", p["scriptId"].as_str().unwrap()), json!({"function": "f", "devMode": true}))
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = s.post("/scripts/AKfycbUnknown:run", json!({"function": "f"})).await;
    assert_eq!(status, 404);
    s.assert_valid();
}

#[tokio::test]
async fn processes_record_runs_newest_first() {
    let s = start().await;
    s.created(&format!("/scripts/{API_DEPLOYMENT}:run"), json!({"function": "nope"})).await;
    let all = s.ok("/processes?pageSize=2").await;
    let first = &all["processes"][0];
    assert_eq!((first["functionName"].as_str(), first["processStatus"].as_str()), (Some("nope"), Some("FAILED")));
    assert_eq!(first["processType"], "EXECUTION_API");
    let token = all["nextPageToken"].as_str().unwrap();
    let next = s.ok(&format!("/processes?pageSize=2&pageToken={token}")).await;
    assert_eq!(next["processes"].as_array().unwrap().len(), 2);
    let one = s.ok(&format!("/processes:listScriptProcesses?scriptId={ATLAS_REPORT_SCRIPT}")).await;
    assert_eq!(one["processes"].as_array().unwrap().len(), 5);
    let (status, _) = s.get("/processes:listScriptProcesses").await;
    assert_eq!(status, 400);
    s.assert_valid();
}
