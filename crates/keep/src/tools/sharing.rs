//! manage_keep_note_sharing: add or remove people (or groups) who can edit a note. Keep
//! shares only as writer; the owner's access cannot be removed.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::note_arg;
use crate::api;
use crate::wire::{BatchCreatePermissionsRequest, BatchDeletePermissionsRequest, CreatePermissionRequest, Permission};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SharingAction {
    Add,
    Remove,
}

// Arguments of `manage_keep_note_sharing`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageKeepNoteSharingParams {
    /// The note to share or unshare (notes/...).
    pub note_id: String,
    /// add (as editors) or remove.
    pub action: SharingAction,
    /// Email addresses of people or Google groups.
    pub emails: Vec<String>,
}

pub fn manage_keep_note_sharing() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_keep_note_sharing",
            title: "Manage Keep Note Sharing",
            description: "Share a Keep note with people or groups (they can edit it: Keep has no read-only \
                sharing) or stop sharing it with them. All addresses are changed in one request.",
            service: Service::Keep,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::KEEP],
        },
        manage,
    )
}

/// The addresses, trimmed, lower-cased and unique; each must look like an address.
fn emails(given: &[String]) -> Result<Vec<String>, ToolError> {
    let mut out: Vec<String> = Vec::new();
    for e in given {
        let e = e.trim().to_ascii_lowercase();
        let valid = e.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'));
        if !valid {
            return Err(ToolError::invalid(format!("'{e}' is not an email address")));
        }
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if out.is_empty() {
        return Err(ToolError::invalid("emails must list at least one address"));
    }
    Ok(out)
}

async fn manage(ctx: ToolCtx, p: ManageKeepNoteSharingParams) -> Result<ToolOutput, ToolError> {
    let note = note_arg(&p.note_id)?;
    let emails = emails(&p.emails)?;
    let g = ctx.google().await?;
    match p.action {
        SharingAction::Add => {
            let requests = emails
                .iter()
                .map(|e| CreatePermissionRequest {
                    parent: note.clone(),
                    permission: Permission {
                        email: Some(e.clone()),
                        role: Some("WRITER".into()),
                        ..Default::default()
                    },
                })
                .collect();
            let made = api::permissions_batch_create(&g, &note, &BatchCreatePermissionsRequest { requests }).await?;
            let who: Vec<&str> = made.permissions.iter().filter_map(|p| p.email.as_deref()).collect();
            Ok(ToolOutput::text(format!("Shared Keep note {note} with {} (can edit).", who.join(", "))))
        }
        SharingAction::Remove => {
            let current = api::notes_get(&g, &note).await?;
            let mut names = Vec::new();
            for e in &emails {
                let found = current
                    .permissions
                    .iter()
                    .find(|p| !p.deleted && p.email.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(e)));
                match found {
                    Some(p) if p.role.as_deref() == Some("OWNER") => {
                        return Err(ToolError::invalid(format!(
                            "{e} owns note {note}; the owner's access cannot be removed"
                        )));
                    }
                    Some(p) => names.extend(p.name.clone()),
                    None => {
                        return Err(ToolError::invalid(format!(
                            "note {note} is not shared with {e}; nothing was changed (get_keep_note lists who has access)"
                        )));
                    }
                }
            }
            api::permissions_batch_delete(&g, &note, &BatchDeletePermissionsRequest { names }).await?;
            Ok(ToolOutput::text(format!("Stopped sharing Keep note {note} with {}.", emails.join(", "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_deduplicated() {
        assert_eq!(
            emails(&[" Priya.Shah@example.com".into(), "priya.shah@example.com".into()]).unwrap(),
            vec!["priya.shah@example.com"]
        );
        assert!(emails(&["priya".into()]).is_err());
        assert!(emails(&[]).is_err());
    }
}
