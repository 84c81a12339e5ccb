//! create_keep_note: a text note or a checklist (one level of sub-items, as Keep allows).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::given;
use crate::wire::{ListContent, ListItem, Note, Section, TextContent};
use crate::{api, render};

/// Keep's limits on what one note holds.
pub(crate) const MAX_TITLE_CHARS: usize = 1000;
pub(crate) const MAX_TEXT_CHARS: usize = 20_000;
pub(crate) const MAX_LIST_ITEMS: usize = 1000;

/// A checklist entry with optional sub-items.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ChecklistItem {
    /// The item's text.
    pub text: String,
    /// Whether it is ticked.
    #[serde(default)]
    pub checked: bool,
    /// Sub-items (one level, as in Keep).
    #[serde(default)]
    pub children: Vec<ChecklistSubItem>,
}

/// A checklist sub-item.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ChecklistSubItem {
    /// The sub-item's text.
    pub text: String,
    /// Whether it is ticked.
    #[serde(default)]
    pub checked: bool,
}

// Arguments of `create_keep_note`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateKeepNoteParams {
    /// The note's title (up to 1000 characters).
    pub title: Option<String>,
    /// The note's text (up to 20000 characters). Give either text or checklist.
    pub text: Option<String>,
    /// Checklist items, for a checklist note instead of a text note.
    pub checklist: Option<Vec<ChecklistItem>>,
}

pub fn create_keep_note() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_keep_note",
            title: "Create Keep Note",
            description: "Create a Google Keep note: a text note (text) or a checklist (checklist items, each with \
                optional sub-items and ticks). Returns the new note's id.",
            service: Service::Keep,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::KEEP],
        },
        create,
    )
}

fn item(text: &str, checked: bool, children: Vec<ListItem>, what: &str) -> Result<ListItem, ToolError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ToolError::invalid(format!("{what} has no text; every checklist item needs some")));
    }
    Ok(ListItem { text: Some(TextContent { text: text.to_string() }), checked, child_list_items: children })
}

/// The note Keep is asked to create, checked against Keep's limits first.
pub(crate) fn note(p: &CreateKeepNoteParams) -> Result<Note, ToolError> {
    let title = given(p.title.as_deref());
    if title.is_some_and(|t| t.chars().count() > MAX_TITLE_CHARS) {
        return Err(ToolError::invalid(format!("title is longer than Keep's {MAX_TITLE_CHARS} characters")));
    }
    let body = match (given(p.text.as_deref()), p.checklist.as_deref()) {
        (Some(_), Some(_)) => {
            return Err(ToolError::invalid("give either text or checklist: a Keep note is one or the other"));
        }
        (Some(text), None) => {
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(ToolError::invalid(format!("text is longer than Keep's {MAX_TEXT_CHARS} characters")));
            }
            Some(Section { text: Some(TextContent { text: text.to_string() }), list: None })
        }
        (None, Some(items)) => {
            let count: usize = items.iter().map(|i| 1 + i.children.len()).sum();
            if count == 0 || count > MAX_LIST_ITEMS {
                return Err(ToolError::invalid(format!(
                    "checklist must have between 1 and {MAX_LIST_ITEMS} items (sub-items included), got {count}"
                )));
            }
            let mut list = Vec::with_capacity(items.len());
            for (n, i) in items.iter().enumerate() {
                let mut children = Vec::with_capacity(i.children.len());
                for (m, c) in i.children.iter().enumerate() {
                    children.push(item(&c.text, c.checked, Vec::new(), &format!("checklist[{n}].children[{m}]"))?);
                }
                list.push(item(&i.text, i.checked, children, &format!("checklist[{n}]"))?);
            }
            Some(Section { text: None, list: Some(ListContent { list_items: list }) })
        }
        (None, None) if title.is_some() => None,
        (None, None) => return Err(ToolError::invalid("give a title, text or checklist: the note would be empty")),
    };
    Ok(Note { title: title.map(String::from), body, ..Default::default() })
}

async fn create(ctx: ToolCtx, p: CreateKeepNoteParams) -> Result<ToolOutput, ToolError> {
    let note = note(&p)?;
    let g = ctx.google().await?;
    let made = api::notes_create(&g, &note).await?;
    Ok(ToolOutput::text(format!("Created a Keep note for {}.\n{}", g.user(), render::note(&made))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(v: serde_json::Value) -> CreateKeepNoteParams {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_note_is_text_or_checklist_within_keeps_limits() {
        assert!(note(&params(serde_json::json!({"text": "a", "checklist": [{"text": "b"}]}))).is_err());
        assert!(note(&params(serde_json::json!({}))).is_err());
        assert!(note(&params(serde_json::json!({"checklist": []}))).is_err());
        assert!(note(&params(serde_json::json!({"checklist": [{"text": " "}]}))).is_err());
        assert!(note(&params(serde_json::json!({"text": "x".repeat(MAX_TEXT_CHARS + 1)}))).is_err());
        let n = note(&params(serde_json::json!({"title": "T", "checklist": [{"text": "a", "children": [{"text": "b", "checked": true}]}]})))
            .unwrap();
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"title": "T", "body": {"list": {"listItems": [
                {"text": {"text": "a"}, "checked": false, "childListItems": [{"text": {"text": "b"}, "checked": true}]}
            ]}}})
        );
    }
}
