//! The Tasks API's JSON shapes, only the fields the tools use (the sandbox keeps its own).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskLists {
    #[serde(default)]
    pub items: Vec<TaskList>,
    pub next_page_token: Option<String>,
}

/// A task. Fields are optional on the way out so a PATCH sends only what changes. `completed`
/// is never sent: Google sets it when `status` becomes `completed` and clears it on
/// `needsAction`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(skip_serializing)]
    pub completed: Option<String>,
    #[serde(skip_serializing)]
    pub parent: Option<String>,
    #[serde(skip_serializing)]
    pub position: Option<String>,
    #[serde(skip_serializing)]
    pub updated: Option<String>,
    #[serde(skip_serializing)]
    pub web_view_link: Option<String>,
    #[serde(skip_serializing, default)]
    pub hidden: bool,
    #[serde(skip_serializing, default)]
    pub deleted: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tasks {
    #[serde(default)]
    pub items: Vec<Task>,
    pub next_page_token: Option<String>,
}
