//! `projects.create`/`get`/`getContent`/`updateContent`/`getMetrics`. Content is always the
//! whole file set, and must keep exactly one `appsscript` JSON manifest.

use axum::extract::{Path, State};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::store::{DeploymentRec, FileRec, ProjectRec, SharedStore, Store, new_deployment_id, new_script_id, stamp};
use super::{Reply, ok};

/// The manifest of a project made through the API.
pub const NEW_MANIFEST: &str = "{\n  \"timeZone\": \"America/New_York\",\n  \"exceptionLogging\": \"STACKDRIVER\",\n  \"runtimeVersion\": \"V8\"\n}";

pub async fn projects_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let title = body["title"].as_str().map(str::trim).filter(|t| !t.is_empty());
    let title = title.ok_or_else(|| GoogleError::invalid_argument("Invalid argument: title is required."))?;
    let parent = body["parentId"].as_str().map(str::to_string);
    let now = wsmcp_core::clock::now();
    let file = FileRec {
        name: "appsscript".into(),
        kind: "JSON".into(),
        source: NEW_MANIFEST.into(),
        created: now,
        updated: now,
    };
    let head = DeploymentRec { id: new_deployment_id(), version: None, description: None, updated: now };
    let project = ProjectRec {
        id: new_script_id(),
        title: title.into(),
        parent_id: parent,
        created: now,
        updated: now,
        files: vec![file],
        versions: vec![],
        deployments: vec![head],
        triggers: vec![],
    };
    let mut s = store.lock();
    let out = s.project_json(&project);
    s.projects.push(project);
    ok(out)
}

pub async fn projects_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let s = store.lock();
    ok(s.project_json(s.project(&id)?))
}

pub async fn projects_get_content(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let version = q.uint("versionNumber")?.map(|n| n as i64);
    let s = store.lock();
    let p = s.project(&id)?;
    let files = match version {
        Some(n) => p.versions.iter().find(|v| v.number == n).map(|v| &v.files).ok_or_else(GoogleError::not_found)?,
        None => &p.files,
    };
    ok(content_json(&s, &id, files))
}

fn content_json(s: &Store, id: &str, files: &[FileRec]) -> Value {
    let files: Vec<Value> = files.iter().map(|f| s.file_json(f)).collect();
    json!({ "scriptId": id, "files": files })
}

/// Google's checks of a new file set.
fn parse_files(body: &Value, now: DateTime<Utc>) -> Result<Vec<FileRec>, GoogleError> {
    let bad = |m: String| GoogleError::invalid_argument(m);
    let mut out: Vec<FileRec> = Vec::new();
    for f in body["files"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let name = f["name"].as_str().map(str::trim).filter(|n| !n.is_empty());
        let name = name.ok_or_else(|| bad("Invalid argument: every file needs a name.".into()))?;
        let kind = f["type"].as_str().unwrap_or("ENUM_TYPE_UNSPECIFIED");
        if !["SERVER_JS", "HTML", "JSON"].contains(&kind) {
            return Err(bad(format!("Invalid argument: file {name} has an unsupported type {kind}.")));
        }
        if kind == "JSON" && name != "appsscript" {
            return Err(bad(format!("Invalid argument: only the manifest may be JSON; {name} is not appsscript.")));
        }
        if out.iter().any(|o| o.name == name) {
            return Err(bad(format!("Invalid argument: duplicate file name {name}.")));
        }
        let source = f["source"].as_str().unwrap_or_default().to_string();
        out.push(FileRec { name: name.into(), kind: kind.into(), source, created: now, updated: now });
    }
    let Some(manifest) = out.iter().find(|f| f.kind == "JSON") else {
        return Err(bad("Project contents must include a manifest file named appsscript.".into()));
    };
    if !serde_json::from_str::<Value>(&manifest.source).is_ok_and(|v| v.is_object()) {
        return Err(bad("Invalid manifest: the appsscript.json source is not a JSON object.".into()));
    }
    Ok(out)
}

pub async fn projects_update_content(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let now = wsmcp_core::clock::now();
    let mut files = parse_files(&body, now)?;
    let mut s = store.lock();
    let p = s.project_mut(&id)?;
    // Unchanged files keep their times; changed ones keep their creation time.
    for f in &mut files {
        if let Some(old) = p.files.iter().find(|o| o.name == f.name && o.kind == f.kind) {
            f.created = old.created;
            if old.source == f.source {
                f.updated = old.updated;
            }
        }
    }
    p.files = files;
    p.updated = now;
    let files = p.files.clone();
    ok(content_json(&s, &id, &files))
}

pub async fn projects_get_metrics(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    s.project(&id)?;
    let now = wsmcp_core::clock::now();
    let tomorrow = (now + Duration::days(1)).date_naive().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // DAILY: each of the last 7 days; WEEKLY: the last 7 days as one period.
    let windows: Vec<(DateTime<Utc>, DateTime<Utc>)> = match q.get("metricsGranularity") {
        Some("DAILY") => {
            (0..7).rev().map(|i| (tomorrow - Duration::days(i + 1), tomorrow - Duration::days(i))).collect()
        }
        Some("WEEKLY") => vec![(tomorrow - Duration::days(7), tomorrow)],
        _ => return ok(json!({})),
    };
    let series = |count: &dyn Fn(DateTime<Utc>, DateTime<Utc>) -> usize| -> Vec<Value> {
        windows
            .iter()
            .map(|(a, b)| json!({ "value": count(*a, *b).to_string(), "startTime": stamp(*a), "endTime": stamp(*b) }))
            .collect()
    };
    let runs = |a: DateTime<Utc>, b: DateTime<Utc>, failed: bool| {
        s.processes
            .iter()
            .filter(|p| p.script_id == id && p.start >= a && p.start < b && (!failed || p.status == "FAILED"))
            .count()
    };
    ok(json!({
        "totalExecutions": series(&|a, b| runs(a, b, false)),
        "failedExecutions": series(&|a, b| runs(a, b, true)),
        "activeUsers": series(&|a, b| usize::from(runs(a, b, false) > 0)),
    }))
}
