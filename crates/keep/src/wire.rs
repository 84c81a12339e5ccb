//! The keep/v1 JSON shapes the tools send and read (camelCase on the wire).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// `notes/{id}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trash_time: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub trashed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Section>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
}

/// A note's body: text or a checklist, never both.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Section {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TextContent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListContent>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TextContent {
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListContent {
    #[serde(default)]
    pub list_items: Vec<ListItem>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TextContent>,
    #[serde(default)]
    pub checked: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_list_items: Vec<ListItem>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// `notes/{id}/attachments/{id}`.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mime_type: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Permission {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListNotesResponse {
    #[serde(default)]
    pub notes: Vec<Note>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CreatePermissionRequest {
    pub parent: String,
    pub permission: Permission,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchCreatePermissionsRequest {
    pub requests: Vec<CreatePermissionRequest>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BatchCreatePermissionsResponse {
    #[serde(default)]
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchDeletePermissionsRequest {
    pub names: Vec<String>,
}
