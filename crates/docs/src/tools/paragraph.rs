//! update_paragraph_style: paragraph formatting (named style or heading level, alignment,
//! spacing, indents, borders, shading ...) and lists over a range, in one batchUpdate.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::target::{index_arg, open_tab};
use crate::api;
use crate::locate::paragraph_starts;
use crate::paragraph_format::{ListChange, ParagraphFormat, list_change};

// Arguments of `update_paragraph_style`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateParagraphStyleParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Start of the range (Docs indices from inspect_doc_structure; 0 means 1). Every
    /// paragraph the range touches is styled.
    pub start_index: i64,
    /// End of the range (exclusive).
    pub end_index: i64,
    #[serde(flatten)]
    pub format: ParagraphFormat,
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure, to style that segment.
    pub segment_id: Option<String>,
    /// Make the paragraphs a list: UNORDERED (bullets), ORDERED (numbers), CHECKBOX; or NONE
    /// to take them out of any list (a heading style alone does not).
    pub list_type: Option<String>,
    /// List nesting level 0-8 (0 is the top level).
    pub list_nesting_level: Option<i64>,
    /// A Docs bullet preset such as NUMBERED_DECIMAL_NESTED or BULLET_STAR_CIRCLE_SQUARE
    /// (overrides the one list_type picks).
    pub bullet_preset: Option<String>,
}

pub fn update_paragraph_style() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "update_paragraph_style",
            title: "Update Google Doc Paragraph Style",
            description: "Style the paragraphs a range touches in a Google Doc: heading level or named style, \
                alignment, line spacing, indents, space above/below, direction, keep-together options, \
                shading and borders; and make them a bulleted, numbered or checkbox list (nested with \
                list_nesting_level) or remove them from a list. One update per call.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::DOCUMENTS],
        },
        update,
    )
}

async fn update(ctx: ToolCtx, p: UpdateParagraphStyleParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let style = p.format.to_style().map_err(ToolError::invalid)?;
    let list = list_change(p.list_type.as_deref(), p.bullet_preset.as_deref()).map_err(ToolError::invalid)?;
    let level = match p.list_nesting_level {
        None => 0,
        Some(n @ 0..=8) => usize::try_from(n).unwrap_or(0),
        Some(n) => return Err(ToolError::invalid(format!("list_nesting_level must be 0 to 8, got {n}"))),
    };
    if p.list_nesting_level.is_some() && !matches!(list, Some(ListChange::Bullets(_))) {
        return Err(ToolError::invalid(
            "list_nesting_level needs list_type (UNORDERED, ORDERED, CHECKBOX) or bullet_preset",
        ));
    }
    if style.is_none() && list.is_none() {
        return Err(ToolError::invalid("Nothing to change: give a style (e.g. heading_level, alignment) or list_type"));
    }
    let body = p.segment_id.as_deref().is_none_or(|s| s.trim().is_empty());
    let start = index_arg(Some(p.start_index), "start_index", body)?.unwrap_or(1);
    let end = index_arg(Some(p.end_index), "end_index", false)?.unwrap_or(0);
    if end <= start {
        return Err(ToolError::invalid(format!("end_index ({end}) must be greater than start_index ({start})")));
    }
    if level > 0 && !body {
        return Err(ToolError::invalid("Nested lists are made in the body only; leave out list_nesting_level"));
    }
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, "DEFAULT_FOR_CURRENT_ACCESS").await?;
    let (tab, t, named) = open_tab(&doc, p.tab_id.as_deref(), url_tab, p.segment_id.as_deref())?;
    let mut requests = Vec::new();
    let mut done = Vec::new();
    if let Some(s) = &style {
        requests.push(t.paragraph_style(start, end, s));
        done.push(format!("styled the paragraphs of [{start}, {end}): {}", s.summary.join(", ")));
    }
    match &list {
        Some(ListChange::Remove) => {
            requests.push(t.remove_bullets(start, end));
            done.push(format!("took the paragraphs of [{start}, {end}) out of their list"));
        }
        Some(ListChange::Bullets(preset)) => {
            let starts = if level > 0 { paragraph_starts(&tab, start, end) } else { Vec::new() };
            requests.extend(t.nested_bullets(start, end, preset, level, &starts));
            done.push(format!("made the paragraphs of [{start}, {end}) a {preset} list at nesting level {level}"));
        }
        None => {}
    }
    let reply = api::documents_batch_update(&g, &id, requests, None).await?;
    let mut out = format!("Updated document {id}, {named}:\n");
    for line in done {
        out.push_str(&format!("- {line}\n"));
    }
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!("Revision now {rev}.\n"));
    }
    Ok(ToolOutput::text(out))
}
