//! `projects.deployments.create`/`get`/`list`/`update`/`delete`. Every project has a HEAD
//! deployment serving its saved code, which Google refuses to change or delete.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, page_size, paginate};

use super::store::{DeploymentRec, ProjectRec, SharedStore, deployment_json, new_deployment_id};
use super::{Reply, ok};

/// Google's cap on a project's versioned deployments.
const MAX_DEPLOYMENTS: usize = 50;

fn read_only() -> GoogleError {
    GoogleError::invalid_argument("Read-only deployments may not be modified.")
}

/// The version a config names: required, and it must exist.
fn version_of(p: &ProjectRec, config: &Value) -> Result<i64, GoogleError> {
    let n = config["versionNumber"].as_i64().ok_or_else(|| {
        GoogleError::invalid_argument("Invalid argument: deploymentConfig.versionNumber is required.")
    })?;
    p.files_at(Some(n))?;
    if config["manifestFileName"].as_str().is_some_and(|m| m != "appsscript") {
        return Err(GoogleError::invalid_argument("Invalid argument: manifestFileName must be appsscript."));
    }
    if config["scriptId"].as_str().is_some_and(|s| s != p.id) {
        return Err(GoogleError::invalid_argument("Invalid argument: scriptId does not match the project."));
    }
    Ok(n)
}

pub async fn deployments_create(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    let p = s.project_mut(&id)?;
    let version = version_of(p, &body)?;
    if p.deployments.iter().filter(|d| d.version.is_some()).count() >= MAX_DEPLOYMENTS {
        return Err(GoogleError::invalid_argument("Maximum number of deployments (50) reached for this script."));
    }
    let d = DeploymentRec {
        id: new_deployment_id(),
        version: Some(version),
        description: body["description"].as_str().map(str::to_string),
        updated: wsmcp_core::clock::now(),
    };
    let out = deployment_json(p, &d);
    p.deployments.push(d);
    ok(out)
}

pub async fn deployments_get(State(store): State<SharedStore>, Path((id, dep)): Path<(String, String)>) -> Reply {
    let s = store.lock();
    let p = s.project(&id)?;
    let d = p.deployments.iter().find(|d| d.id == dep).ok_or_else(GoogleError::not_found)?;
    ok(deployment_json(p, d))
}

pub async fn deployments_list(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("pageSize")?, 50, 50);
    let s = store.lock();
    let p = s.project(&id)?;
    let all: Vec<Value> = p.deployments.iter().map(|d| deployment_json(p, d)).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({ "deployments": page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn deployments_update(
    State(store): State<SharedStore>,
    Path((id, dep)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    let p = s.project_mut(&id)?;
    let at = p.deployments.iter().position(|d| d.id == dep).ok_or_else(GoogleError::not_found)?;
    if p.deployments[at].version.is_none() {
        return Err(read_only());
    }
    let config = &body["deploymentConfig"];
    let version = version_of(p, config)?;
    let d = &mut p.deployments[at];
    d.version = Some(version);
    d.description = config["description"].as_str().map(str::to_string);
    d.updated = wsmcp_core::clock::now();
    let d = d.clone();
    ok(deployment_json(p, &d))
}

pub async fn deployments_delete(State(store): State<SharedStore>, Path((id, dep)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    let p = s.project_mut(&id)?;
    let d = p.deployments.iter().find(|d| d.id == dep).ok_or_else(GoogleError::not_found)?;
    if d.version.is_none() {
        return Err(read_only());
    }
    p.deployments.retain(|d| d.id != dep);
    ok(json!({}))
}
