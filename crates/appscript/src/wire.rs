//! The JSON shapes of script/v1 (and the few Drive fields the project listing reads), with
//! only the fields the tools use. Absent fields stay absent on the way out.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    #[serde(default)]
    pub script_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<User>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modify_user: Option<User>,
}

/// `projects.create`'s body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateProjectRequest {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

/// One source file: `SERVER_JS` (.gs), `HTML` or `JSON` (only the `appsscript` manifest).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptFile {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_id: Option<String>,
    #[serde(default)]
    pub files: Vec<ScriptFile>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Versions {
    #[serde(default)]
    pub versions: Vec<Version>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `deployments.update`'s body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateDeploymentRequest {
    pub deployment_config: DeploymentConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryPoint {
    #[serde(default)]
    pub entry_point_type: String,
    #[serde(default)]
    pub web_app: Option<Value>,
    #[serde(default)]
    pub execution_api: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    #[serde(default)]
    pub deployment_id: String,
    #[serde(default)]
    pub deployment_config: DeploymentConfig,
    #[serde(default)]
    pub update_time: Option<String>,
    #[serde(default)]
    pub entry_points: Vec<EntryPoint>,
}

impl Deployment {
    /// Whether `scripts.run` may call this deployment.
    pub fn is_api_executable(&self) -> bool {
        self.entry_points.iter().any(|e| e.entry_point_type == "EXECUTION_API")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployments {
    #[serde(default)]
    pub deployments: Vec<Deployment>,
    pub next_page_token: Option<String>,
}

/// `scripts.run`'s body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionRequest {
    pub function: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Value>,
    pub dev_mode: bool,
}

/// What `scripts.run` answers with HTTP 200: a result, or the script's own error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Operation {
    #[serde(default)]
    pub done: bool,
    pub response: Option<Value>,
    pub error: Option<Status>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Status {
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub details: Vec<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Process {
    pub project_name: Option<String>,
    pub function_name: Option<String>,
    pub process_type: Option<String>,
    pub process_status: Option<String>,
    pub start_time: Option<String>,
    pub duration: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Processes {
    #[serde(default)]
    pub processes: Vec<Process>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsValue {
    pub value: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    #[serde(default)]
    pub active_users: Vec<MetricsValue>,
    #[serde(default)]
    pub total_executions: Vec<MetricsValue>,
    #[serde(default)]
    pub failed_executions: Vec<MetricsValue>,
}

/// A Drive file as the project listing asks for it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveFile {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub modified_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveFiles {
    #[serde(default)]
    pub files: Vec<DriveFile>,
    pub next_page_token: Option<String>,
}
