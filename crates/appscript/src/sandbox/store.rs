//! The emulated account: Apps Script projects (saved files, versions with their own file
//! snapshots, deployments, installable triggers) and the executions (processes) the runs
//! leave, behind one mutex.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct FileRec {
    pub name: String,
    /// SERVER_JS, HTML or JSON.
    pub kind: String,
    pub source: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct VersionRec {
    pub number: i64,
    pub description: Option<String>,
    pub created: DateTime<Utc>,
    pub files: Vec<FileRec>,
}

#[derive(Debug, Clone)]
pub struct DeploymentRec {
    pub id: String,
    /// `None` for the HEAD deployment, which serves the saved files and is read-only.
    pub version: Option<i64>,
    pub description: Option<String>,
    pub updated: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct TriggerRec {
    pub id: String,
    pub handler: String,
    /// ScriptApp.EventType: CLOCK, ON_OPEN, ON_EDIT, ON_FORM_SUBMIT, ON_CHANGE.
    pub event_type: String,
    /// ScriptApp.TriggerSource: CLOCK, SPREADSHEETS, FORMS, DOCUMENTS, CALENDAR.
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct ProjectRec {
    pub id: String,
    pub title: String,
    pub parent_id: Option<String>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub files: Vec<FileRec>,
    pub versions: Vec<VersionRec>,
    pub deployments: Vec<DeploymentRec>,
    pub triggers: Vec<TriggerRec>,
}

#[derive(Debug, Clone)]
pub struct ProcessRec {
    pub script_id: String,
    pub function: String,
    /// EXECUTION_API, TIME_DRIVEN, EDITOR, ...
    pub kind: String,
    /// COMPLETED, FAILED, ...
    pub status: String,
    pub start: DateTime<Utc>,
    pub millis: i64,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub user_name: String,
    pub projects: Vec<ProjectRec>,
    /// Oldest first.
    pub processes: Vec<ProcessRec>,
}

/// Google's timestamp shape: fractional seconds and `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// An Apps Script–like id: script ids are 57 characters starting with `1`, deployment ids
/// start with `AKfycb`.
pub fn new_script_id() -> String {
    format!("1{}", wsmcp_sandbox_kit::ids::alphanumeric(56))
}

pub fn new_deployment_id() -> String {
    format!("AKfycb{}", wsmcp_sandbox_kit::ids::alphanumeric(66))
}

impl Store {
    pub fn project(&self, id: &str) -> Result<&ProjectRec, GoogleError> {
        self.projects.iter().find(|p| p.id == id).ok_or_else(GoogleError::not_found)
    }

    pub fn project_mut(&mut self, id: &str) -> Result<&mut ProjectRec, GoogleError> {
        self.projects.iter_mut().find(|p| p.id == id).ok_or_else(GoogleError::not_found)
    }

    fn user_json(&self) -> Value {
        json!({ "name": self.user_name, "email": self.user, "domain": self.user.split('@').nth(1).unwrap_or("") })
    }

    pub fn project_json(&self, p: &ProjectRec) -> Value {
        let mut out = json!({
            "scriptId": p.id,
            "title": p.title,
            "createTime": stamp(p.created),
            "updateTime": stamp(p.updated),
            "creator": self.user_json(),
            "lastModifyUser": self.user_json(),
        });
        if let Some(parent) = &p.parent_id {
            out["parentId"] = json!(parent);
        }
        out
    }

    pub fn file_json(&self, f: &FileRec) -> Value {
        let mut out = json!({
            "name": f.name,
            "type": f.kind,
            "source": f.source,
            "createTime": stamp(f.created),
            "updateTime": stamp(f.updated),
            "lastModifyUser": self.user_json(),
        });
        if f.kind == "SERVER_JS" {
            let values: Vec<Value> = declared_functions(&f.source).into_iter().map(|n| json!({ "name": n })).collect();
            out["functionSet"] = json!({ "values": values });
        }
        out
    }
}

impl ProjectRec {
    /// The files a deployment (or a version number) serves: HEAD is the saved code.
    pub fn files_at(&self, version: Option<i64>) -> Result<&[FileRec], GoogleError> {
        match version {
            None => Ok(&self.files),
            Some(n) => {
                self.versions.iter().find(|v| v.number == n).map(|v| v.files.as_slice()).ok_or_else(|| {
                    GoogleError::invalid_argument(format!("Version {n} does not exist for this script."))
                })
            }
        }
    }
}

/// The parsed `appsscript` manifest of `files` (an empty object when unreadable).
pub fn manifest(files: &[FileRec]) -> Value {
    files
        .iter()
        .find(|f| f.name == "appsscript" && f.kind == "JSON")
        .and_then(|f| serde_json::from_str(&f.source).ok())
        .unwrap_or_else(|| json!({}))
}

/// Entry points a deployment offers, from the manifest of the files it serves.
pub fn entry_points(files: &[FileRec], deployment_id: &str, head: bool) -> Vec<Value> {
    let m = manifest(files);
    let mut out = Vec::new();
    if let Some(api) = m.get("executionApi").filter(|v| v.is_object()) {
        let access = api["access"].as_str().unwrap_or("MYSELF");
        out.push(
            json!({ "entryPointType": "EXECUTION_API", "executionApi": { "entryPointConfig": { "access": access } } }),
        );
    }
    if let Some(web) = m.get("webapp").filter(|v| v.is_object()) {
        let suffix = if head { "dev" } else { "exec" };
        out.push(json!({
            "entryPointType": "WEB_APP",
            "webApp": {
                "url": format!("https://script.google.com/macros/s/{deployment_id}/{suffix}"),
                "entryPointConfig": {
                    "access": web["access"].as_str().unwrap_or("MYSELF"),
                    "executeAs": web["executeAs"].as_str().unwrap_or("USER_DEPLOYING"),
                },
            },
        }));
    }
    out
}

pub fn deployment_json(p: &ProjectRec, d: &DeploymentRec) -> Value {
    let mut config = json!({ "scriptId": p.id, "manifestFileName": "appsscript" });
    if let Some(n) = d.version {
        config["versionNumber"] = json!(n);
    }
    if let Some(desc) = &d.description {
        config["description"] = json!(desc);
    }
    let files = p.files_at(d.version).unwrap_or(&[]);
    let mut out = json!({ "deploymentId": d.id, "deploymentConfig": config, "updateTime": stamp(d.updated) });
    let points = entry_points(files, &d.id, d.version.is_none());
    if !points.is_empty() {
        out["entryPoints"] = json!(points);
    }
    out
}

pub fn version_json(script_id: &str, v: &VersionRec) -> Value {
    let mut out = json!({ "scriptId": script_id, "versionNumber": v.number, "createTime": stamp(v.created) });
    if let Some(d) = &v.description {
        out["description"] = json!(d);
    }
    out
}

/// Names of the top-level `function NAME(` declarations of a source, in order.
pub fn declared_functions(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("function ") {
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$').collect();
            if !name.is_empty() && rest[name.len()..].trim_start().starts_with('(') {
                out.push(name);
            }
        }
    }
    out
}
