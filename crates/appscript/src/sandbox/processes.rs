//! `processes.list` (the user's executions) and `processes.listScriptProcesses` (one
//! script's), newest first.

use axum::extract::State;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams, page_size, paginate};

use super::store::{ProcessRec, SharedStore, Store, stamp};
use super::{Reply, ok};

fn process_json(s: &Store, p: &ProcessRec) -> Value {
    let title = s.project(&p.script_id).map(|x| x.title.clone()).unwrap_or_default();
    json!({
        "projectName": title,
        "functionName": p.function,
        "processType": p.kind,
        "processStatus": p.status,
        "userAccessLevel": "OWNER",
        "startTime": stamp(p.start),
        "duration": format!("{}.{:03}s", p.millis / 1000, p.millis % 1000),
        "runtimeVersion": "V8",
    })
}

fn listing(s: &Store, q: &QueryParams, script: Option<&str>) -> Reply {
    let size = page_size(q.uint("pageSize")?, 50, 200);
    let mut mine: Vec<&ProcessRec> = s.processes.iter().filter(|p| script.is_none_or(|id| p.script_id == id)).collect();
    mine.sort_by_key(|p| std::cmp::Reverse(p.start));
    let all: Vec<Value> = mine.into_iter().map(|p| process_json(s, p)).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({});
    if !page.items.is_empty() {
        out["processes"] = json!(page.items);
    }
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn processes_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    listing(&store.lock(), &q, None)
}

pub async fn processes_list_script_processes(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let s = store.lock();
    let id = q.get("scriptId").filter(|v| !v.is_empty());
    let id = id.ok_or_else(|| GoogleError::invalid_argument("Invalid argument: scriptId is required."))?;
    s.project(id)?;
    listing(&s, &q, Some(id))
}
