//! list_keep_notes, get_keep_note, delete_keep_note.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, note_arg};
use crate::{api, render};

fn twenty_five() -> i64 {
    25
}

/// Google caps a page of notes; larger sizes are refused.
const MAX_PAGE: i64 = 1000;

// Arguments of `list_keep_notes`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListKeepNotesParams {
    /// Notes per page (1-1000).
    #[serde(default = "twenty_five")]
    pub page_size: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
    /// List the notes in the trash instead of the others.
    #[serde(default)]
    pub trashed: bool,
    /// Only notes changed after this RFC 3339 time (e.g. 2026-11-01T00:00:00Z).
    pub updated_after: Option<String>,
}

pub fn list_keep_notes() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_keep_notes",
            title: "List Keep Notes",
            description: "List the account's Google Keep notes: title, id, a preview of the \
                text or the checklist's progress. Keep's API serves Google Workspace accounts only.",
            service: Service::Keep,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::KEEP_READONLY],
        },
        list,
    )
}

/// The AIP-160 filter Keep takes: Keep lists notes outside the trash unless told otherwise.
pub(crate) fn filter(trashed: bool, updated_after: Option<&str>) -> Result<Option<String>, ToolError> {
    let mut parts = Vec::new();
    if trashed {
        parts.push("trashed = true".to_string());
    }
    if let Some(t) = updated_after {
        chrono::DateTime::parse_from_rfc3339(t).map_err(|_| {
            ToolError::invalid(format!(
                "updated_after must be an RFC 3339 time such as 2026-11-01T00:00:00Z, got '{t}'"
            ))
        })?;
        parts.push(format!("update_time > \"{t}\""));
    }
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

async fn list(ctx: ToolCtx, p: ListKeepNotesParams) -> Result<ToolOutput, ToolError> {
    if !(1..=MAX_PAGE).contains(&p.page_size) {
        return Err(ToolError::invalid(format!("page_size must be between 1 and {MAX_PAGE}, got {}", p.page_size)));
    }
    let filter = filter(p.trashed, given(p.updated_after.as_deref()))?;
    let g = ctx.google().await?;
    let size = u32::try_from(p.page_size).unwrap_or(25);
    let page = api::notes_list(&g, filter.as_deref(), size, given(p.page_token.as_deref())).await?;
    let where_ = if p.trashed { "in the trash" } else { "" };
    if page.notes.is_empty() {
        return Ok(ToolOutput::text(format!("No Keep notes {where_} for {}.", g.user()).replace("  ", " ")));
    }
    let mut out = format!("{} Keep note(s) {where_} for {}:\n", page.notes.len(), g.user()).replace("  ", " ");
    for n in &page.notes {
        out.push_str(&render::note_line(n));
        out.push('\n');
    }
    if let Some(t) = page.next_page_token {
        out.push_str(&format!("\nMore notes: pass page_token: {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `get_keep_note` and `delete_keep_note`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct NoteIdParams {
    /// The note's id, as list_keep_notes shows it (notes/...).
    pub note_id: String,
}

pub fn get_keep_note() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_keep_note",
            title: "Get Keep Note",
            description: "Read one Keep note whole: its text or checklist (with nesting and ticks), attachments \
                and who can edit it.",
            service: Service::Keep,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::KEEP_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: NoteIdParams) -> Result<ToolOutput, ToolError> {
    let name = note_arg(&p.note_id)?;
    let g = ctx.google().await?;
    let n = api::notes_get(&g, &name).await?;
    Ok(ToolOutput::text(render::note(&n)))
}

pub fn delete_keep_note() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "delete_keep_note",
            title: "Delete Keep Note",
            description: "Delete a Keep note for good (Keep's API has no trash for this: it cannot be undone). \
                Only the note's owner can delete it.",
            service: Service::Keep,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::KEEP],
        },
        delete,
    )
}

async fn delete(ctx: ToolCtx, p: NoteIdParams) -> Result<ToolOutput, ToolError> {
    let name = note_arg(&p.note_id)?;
    let g = ctx.google().await?;
    api::notes_delete(&g, &name).await?;
    Ok(ToolOutput::text(format!("Deleted Keep note {name} for {}. It cannot be restored.", g.user())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_follow_aip_160() {
        assert_eq!(filter(false, None).unwrap(), None);
        assert_eq!(filter(true, None).unwrap().as_deref(), Some("trashed = true"));
        assert_eq!(
            filter(true, Some("2026-11-01T00:00:00Z")).unwrap().as_deref(),
            Some("trashed = true AND update_time > \"2026-11-01T00:00:00Z\"")
        );
        assert!(filter(false, Some("last week")).is_err());
    }
}
