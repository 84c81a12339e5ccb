//! The JSON shapes of drive/v3 this crate reads and writes, only the fields it uses.
//! Kept apart from the sandbox's own types, so a typo shared by both cannot pass a test.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A Drive file (or folder, or shortcut) as `files.get`/`files.list` return it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    pub id: Option<String>,
    pub name: Option<String>,
    pub mime_type: Option<String>,
    pub description: Option<String>,
    /// Bytes, as a decimal string (Drive's int64 encoding); absent for Google types.
    pub size: Option<String>,
    pub created_time: Option<String>,
    pub modified_time: Option<String>,
    pub web_view_link: Option<String>,
    pub web_content_link: Option<String>,
    #[serde(default)]
    pub parents: Vec<String>,
    pub drive_id: Option<String>,
    pub trashed: Option<bool>,
    pub starred: Option<bool>,
    pub shared: Option<bool>,
    pub writers_can_share: Option<bool>,
    pub copy_requires_writer_permission: Option<bool>,
    #[serde(default)]
    pub owners: Vec<User>,
    pub last_modifying_user: Option<User>,
    pub sharing_user: Option<User>,
    /// `None` when Drive left them out (shared-drive items never carry them inline).
    pub permissions: Option<Vec<Permission>>,
    pub shortcut_details: Option<ShortcutDetails>,
    #[serde(default)]
    pub export_links: BTreeMap<String, String>,
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

impl File {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or("?")
    }
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("(unnamed)")
    }
    pub fn mime(&self) -> &str {
        self.mime_type.as_deref().unwrap_or("application/octet-stream")
    }
    pub fn size_bytes(&self) -> Option<u64> {
        self.size.as_deref().and_then(|s| s.parse().ok())
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShortcutDetails {
    pub target_id: Option<String>,
    pub target_mime_type: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub display_name: Option<String>,
    pub email_address: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileList {
    #[serde(default)]
    pub files: Vec<File>,
    pub next_page_token: Option<String>,
    pub incomplete_search: Option<bool>,
}

/// A permission on a file, read or written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    #[serde(skip_serializing)]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing)]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_file_discovery: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionList {
    #[serde(default)]
    pub permissions: Vec<Permission>,
    pub next_page_token: Option<String>,
}

/// A shared drive.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedDrive {
    pub id: Option<String>,
    pub name: Option<String>,
    pub created_time: Option<String>,
    pub hidden: Option<bool>,
    #[serde(default)]
    pub capabilities: BTreeMap<String, Value>,
    #[serde(default)]
    pub restrictions: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveList {
    #[serde(default)]
    pub drives: Vec<SharedDrive>,
    pub next_page_token: Option<String>,
}

/// Metadata sent on create, copy and update; absent fields are left alone by Drive.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parents: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trashed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub writers_can_share: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_requires_writer_permission: Option<bool>,
    /// Values are strings; `null` removes a property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, Option<String>>>,
}

impl FileMetadata {
    pub fn is_empty(&self) -> bool {
        serde_json::to_value(self).ok().and_then(|v| v.as_object().map(|m| m.is_empty())).unwrap_or(true)
    }
}
