//! Typed Apps Script calls: one function per REST method, named after its Discovery id
//! (`script.projects.versions.list` -> `versions_list`), plus the two Drive calls the API lacks
//! (a project listing and a project delete).

use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Apps Script API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "script.googleapis.com",
    title: "Apps Script API",
    console_id: "script.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v1";
const DRIVE: &ApiInfo = &ApiInfo::DRIVE;

/// Drive's type of an Apps Script project.
pub const SCRIPT_MIME: &str = "application/vnd.google-apps.script";

fn project_path(script_id: &str) -> String {
    format!("{BASE}/projects/{}", segment(script_id))
}

pub async fn projects_create(g: &GoogleCtx, body: &CreateProjectRequest) -> Result<Project, GoogleError> {
    g.post(API, format!("{BASE}/projects")).json(body).send().await
}

pub async fn projects_get(g: &GoogleCtx, script_id: &str) -> Result<Project, GoogleError> {
    g.get(API, project_path(script_id)).send().await
}

/// The project's files: the saved (HEAD) code, or a version's when `version` is given.
pub async fn projects_get_content(
    g: &GoogleCtx,
    script_id: &str,
    version: Option<i64>,
) -> Result<Content, GoogleError> {
    g.get(API, format!("{}/content", project_path(script_id))).query_opt("versionNumber", version).send().await
}

/// Replaces the whole file set (a PUT: repeating it leaves the same content).
pub async fn projects_update_content(
    g: &GoogleCtx,
    script_id: &str,
    content: &Content,
) -> Result<Content, GoogleError> {
    g.put(API, format!("{}/content", project_path(script_id))).json(content).idempotent().send().await
}

pub async fn projects_get_metrics(g: &GoogleCtx, script_id: &str, granularity: &str) -> Result<Metrics, GoogleError> {
    g.get(API, format!("{}/metrics", project_path(script_id))).query("metricsGranularity", granularity).send().await
}

pub async fn versions_create(
    g: &GoogleCtx,
    script_id: &str,
    description: Option<&str>,
) -> Result<Version, GoogleError> {
    let body = Version { description: description.map(str::to_string), ..Default::default() };
    g.post(API, format!("{}/versions", project_path(script_id))).json(&body).send().await
}

pub async fn versions_get(g: &GoogleCtx, script_id: &str, number: i64) -> Result<Version, GoogleError> {
    g.get(API, format!("{}/versions/{number}", project_path(script_id))).send().await
}

pub async fn versions_list(g: &GoogleCtx, script_id: &str, page_token: Option<&str>) -> Result<Versions, GoogleError> {
    g.get(API, format!("{}/versions", project_path(script_id)))
        .query("pageSize", 50)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

fn deployment_path(script_id: &str, deployment_id: &str) -> String {
    format!("{}/deployments/{}", project_path(script_id), segment(deployment_id))
}

pub async fn deployments_create(
    g: &GoogleCtx,
    script_id: &str,
    config: &DeploymentConfig,
) -> Result<Deployment, GoogleError> {
    g.post(API, format!("{}/deployments", project_path(script_id))).json(config).send().await
}

pub async fn deployments_get(g: &GoogleCtx, script_id: &str, deployment_id: &str) -> Result<Deployment, GoogleError> {
    g.get(API, deployment_path(script_id, deployment_id)).send().await
}

pub async fn deployments_list(
    g: &GoogleCtx,
    script_id: &str,
    page_token: Option<&str>,
) -> Result<Deployments, GoogleError> {
    g.get(API, format!("{}/deployments", project_path(script_id)))
        .query("pageSize", 50)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn deployments_update(
    g: &GoogleCtx,
    script_id: &str,
    deployment_id: &str,
    body: &UpdateDeploymentRequest,
) -> Result<Deployment, GoogleError> {
    g.put(API, deployment_path(script_id, deployment_id)).json(body).idempotent().send().await
}

pub async fn deployments_delete(g: &GoogleCtx, script_id: &str, deployment_id: &str) -> Result<(), GoogleError> {
    g.delete(API, deployment_path(script_id, deployment_id)).idempotent().send_empty().await
}

/// `scripts.run` on a script id (dev mode) or an API executable deployment id. Never retried:
/// a function may have side effects.
pub async fn scripts_run(g: &GoogleCtx, id: &str, body: &ExecutionRequest) -> Result<Operation, GoogleError> {
    g.post(API, format!("{BASE}/scripts/{}:run", segment(id))).json(body).send().await
}

/// `processes.list`: the user's recent executions across scripts.
pub async fn processes_list(g: &GoogleCtx, page_size: u32) -> Result<Processes, GoogleError> {
    g.get(API, format!("{BASE}/processes")).query("pageSize", page_size).send().await
}

/// `processes.listScriptProcesses`: one script's recent executions.
pub async fn processes_list_script_processes(
    g: &GoogleCtx,
    script_id: &str,
    page_size: u32,
) -> Result<Processes, GoogleError> {
    g.get(API, format!("{BASE}/processes:listScriptProcesses"))
        .query("scriptId", script_id)
        .query("pageSize", page_size)
        .send()
        .await
}

/// Drive `files.list` of the user's Apps Script projects, most recently changed first.
pub async fn drive_list_scripts(
    g: &GoogleCtx,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<DriveFiles, GoogleError> {
    g.get(DRIVE, "/drive/v3/files")
        .query("q", format!("mimeType='{SCRIPT_MIME}' and trashed=false"))
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .query("orderBy", "modifiedTime desc")
        .query("fields", "nextPageToken, files(id, name, modifiedTime)")
        .send()
        .await
}

/// Drive `files.delete`: the Apps Script API has no delete; a project is its Drive file.
pub async fn drive_delete(g: &GoogleCtx, file_id: &str) -> Result<(), GoogleError> {
    g.delete(DRIVE, format!("/drive/v3/files/{}", segment(file_id)))
        .query("supportsAllDrives", true)
        .idempotent()
        .send_empty()
        .await
}
