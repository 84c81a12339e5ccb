//! The emulated Keep account: notes with their body (kept as Keep's JSON `Section`), times,
//! attachments (bytes per served type) and permissions, behind one mutex. Notes owned by
//! someone else and shared with the user are there too: the user may read and edit them, not
//! delete them.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct AttachmentRec {
    pub id: String,
    /// The types Keep serves it in, each with its bytes.
    pub variants: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, Clone)]
pub struct PermissionRec {
    pub id: String,
    /// OWNER or WRITER.
    pub role: &'static str,
    pub email: String,
    /// Google groups are shared with as a group, people as a user.
    pub group: bool,
}

#[derive(Debug, Clone)]
pub struct NoteRec {
    pub id: String,
    pub title: Option<String>,
    /// Keep's `Section` (`{"text": …}` or `{"list": …}`), as stored.
    pub body: Option<Value>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub trashed: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentRec>,
    pub permissions: Vec<PermissionRec>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    /// Newest first, as Keep lists them.
    pub notes: Vec<NoteRec>,
}

/// Keep's timestamp shape: RFC 3339 with fractional seconds and `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub fn new_id() -> String {
    wsmcp_sandbox_kit::ids::alphanumeric(32)
}

/// What Keep answers a collaborator who tries what only the owner may (deleting the note).
pub fn denied() -> GoogleError {
    GoogleError::forbidden("The caller does not have permission")
}

impl NoteRec {
    pub fn owner(&self) -> Option<&str> {
        self.permissions.iter().find(|p| p.role == "OWNER").map(|p| p.email.as_str())
    }

    pub fn json(&self) -> Value {
        let name = format!("notes/{}", self.id);
        let mut v = json!({
            "name": name,
            "createTime": stamp(self.created),
            "updateTime": stamp(self.updated),
            "trashed": self.trashed.is_some(),
        });
        if let Some(t) = &self.title {
            v["title"] = json!(t);
        }
        if let Some(b) = &self.body {
            v["body"] = b.clone();
        }
        if let Some(t) = self.trashed {
            v["trashTime"] = json!(stamp(t));
        }
        if !self.attachments.is_empty() {
            v["attachments"] = self.attachments.iter().map(|a| attachment_json(&name, a)).collect();
        }
        v["permissions"] = self
            .permissions
            .iter()
            .map(|p| {
                let kind = if p.group { "group" } else { "user" };
                json!({
                    "name": format!("{name}/permissions/{}", p.id),
                    "role": p.role,
                    "email": p.email,
                    kind: {"email": p.email},
                })
            })
            .collect();
        v
    }
}

pub fn attachment_json(note: &str, a: &AttachmentRec) -> Value {
    json!({
        "name": format!("{note}/attachments/{}", a.id),
        "mimeType": a.variants.iter().map(|(m, _)| m.clone()).collect::<Vec<_>>(),
    })
}

impl Store {
    /// A note the user can see (owner or collaborator).
    pub fn note(&self, id: &str) -> Result<&NoteRec, GoogleError> {
        let user = &self.user;
        self.notes
            .iter()
            .find(|n| n.id == id && n.permissions.iter().any(|p| p.email.eq_ignore_ascii_case(user)))
            .ok_or_else(GoogleError::not_found)
    }

    pub fn note_mut(&mut self, id: &str) -> Result<&mut NoteRec, GoogleError> {
        self.note(id)?;
        self.notes.iter_mut().find(|n| n.id == id).ok_or_else(GoogleError::not_found)
    }
}
