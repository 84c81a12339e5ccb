//! `scripts.run`. The id is a script (dev mode: the saved code, for its owner) or a deployment
//! (its version's code). The code must be an API executable (manifest `executionApi`), else
//! Google answers 404. Failures of the script itself come back as HTTP 200 with an
//! `Operation` error, as Google sends them. Each run is recorded as an EXECUTION_API process.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson};

use super::exec::{Outcome, call};
use super::store::{ProcessRec, SharedStore, manifest};
use super::{Reply, ok};

pub async fn scripts_run(
    State(store): State<SharedStore>,
    Path(target): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let id = target.strip_suffix(":run").ok_or_else(GoogleError::not_found)?;
    let function = body["function"].as_str().unwrap_or_default().to_string();
    if function.is_empty() {
        return Err(GoogleError::invalid_argument("Invalid argument: function is required."));
    }
    let dev_mode = body["devMode"].as_bool().unwrap_or(false);
    let params = body["parameters"].as_array().cloned().unwrap_or_default();
    let mut s = store.lock();
    // The project and the version whose code runs.
    let (pi, version) = if let Some(pi) = s.projects.iter().position(|p| p.id == id) {
        let p = &s.projects[pi];
        let newest_api = p
            .deployments
            .iter()
            .filter(|d| d.version.is_some())
            .filter(|d| p.files_at(d.version).is_ok_and(|f| manifest(f).get("executionApi").is_some()))
            .filter_map(|d| d.version)
            .max();
        if dev_mode { (pi, None) } else { (pi, Some(newest_api.ok_or_else(GoogleError::not_found)?)) }
    } else {
        let found = s
            .projects
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.deployments.iter().find(|d| d.id == id).map(|d| (i, d.version)));
        found.ok_or_else(GoogleError::not_found)?
    };
    let files = s.projects[pi].files_at(version)?.to_vec();
    if manifest(&files).get("executionApi").is_none() {
        return Err(GoogleError::not_found());
    }
    let outcome = call(&mut s.projects[pi], &files, &function, &params);
    let failed = matches!(outcome, Outcome::Failed { .. });
    let script_id = s.projects[pi].id.clone();
    s.processes.push(ProcessRec {
        script_id,
        function: function.clone(),
        kind: "EXECUTION_API".into(),
        status: if failed { "FAILED" } else { "COMPLETED" }.into(),
        start: wsmcp_core::clock::now(),
        millis: 350,
    });
    ok(match outcome {
        Outcome::Returned(result) => json!({
            "done": true,
            "response": { "@type": "type.googleapis.com/google.apps.script.v1.ExecutionResponse", "result": result },
        }),
        Outcome::Failed { message, kind, stack } => {
            let frames: Vec<Value> = stack.iter().map(|(f, l)| json!({ "function": f, "lineNumber": l })).collect();
            let mut detail = json!({
                "@type": "type.googleapis.com/google.apps.script.v1.ExecutionError",
                "errorMessage": message,
                "errorType": kind,
            });
            if !frames.is_empty() {
                detail["scriptStackTraceElements"] = json!(frames);
            }
            json!({ "done": true, "error": { "code": 3, "message": "ScriptError", "details": [detail] } })
        }
    })
}
