//! modify_doc_text: insert, replace or append text and/or format it, in one batchUpdate; or
//! edit the section under a heading. The document is read first to name the tab changed and
//! to find what indices the call did not give (the end of the tab, a heading's section).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::target::{index_arg, open_tab};
use crate::edits::{Styled, Target, TextFormat};
use crate::locate::heading_section;
use crate::paragraph_format::ParagraphFormat;
use crate::read::TabView;
use crate::{api, utf16};

// Arguments of `modify_doc_text`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ModifyDocTextParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Where to insert, or where the range to replace or format starts (Docs indices from
    /// inspect_doc_structure; 0 means 1, the body's first position). Needed unless heading or
    /// end_of_segment is given.
    pub start_index: Option<i64>,
    /// End (exclusive) of the range to replace with text, or to format when no text is given.
    pub end_index: Option<i64>,
    /// Text to insert (at start_index), to put in place of [start_index, end_index), or to
    /// append; leave out to only format. With heading it replaces the section's text (inserted
    /// as plain text).
    pub text: Option<String>,
    /// Edit the section under this heading (case-insensitive, must match one heading) instead
    /// of using indices: text replaces the section's body, end_of_segment appends to it, and
    /// formatting alone formats the body.
    pub heading: Option<String>,
    /// 1-6: only match headings of this level.
    pub heading_level: Option<i64>,
    /// The tab to edit (default: the first tab; required with heading when there are several).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure, to edit that segment.
    pub segment_id: Option<String>,
    /// Append the text at the end of the tab (or segment, or heading section) instead of at
    /// start_index.
    #[serde(default)]
    pub end_of_segment: bool,
    #[serde(flatten)]
    pub format: TextFormat,
}

pub fn modify_doc_text() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "modify_doc_text",
            title: "Modify Google Doc Text",
            description: "Insert, replace or append text in a Google Doc and/or format a range (bold, italic, \
                underline, strikethrough, size, font, colors, link, superscript, small caps), all in one \
                update. Append with end_of_segment=true to skip index arithmetic, or name a heading to \
                rewrite, extend or format the section under it. Says which tab was changed.",
            service: Service::Docs,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DOCUMENTS],
        },
        modify,
    )
}

/// The requests of one call and what they do, line by line.
struct Plan {
    requests: Vec<Value>,
    done: Vec<String>,
}

impl Plan {
    fn format(&mut self, t: &Target, from: usize, to: usize, style: &Option<Styled>) {
        if let Some(s) = style
            && from < to
        {
            self.requests.push(t.text_style(from, to, s));
            self.done.push(format!("formatted [{from}, {to}): {}", s.summary.join(", ")));
        }
    }
}

async fn modify(ctx: ToolCtx, p: ModifyDocTextParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let style = p.format.to_style().map_err(ToolError::invalid)?;
    let text = p.text.clone().filter(|t| !t.is_empty());
    if text.is_none() && style.is_none() && !(p.text.is_some() && p.end_index.is_some()) {
        return Err(ToolError::invalid(
            "Nothing to do: give text to insert or replace, and/or formatting such as bold or font_size",
        ));
    }
    if p.heading.is_some() && (p.start_index.is_some() || p.end_index.is_some() || p.segment_id.is_some()) {
        return Err(ToolError::invalid("heading picks the place itself: leave out start_index, end_index, segment_id"));
    }
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, "DEFAULT_FOR_CURRENT_ACCESS").await?;
    let (tab, target, named) = open_tab(&doc, p.tab_id.as_deref(), url_tab, p.segment_id.as_deref())?;
    let plan = match &p.heading {
        Some(h) => {
            if p.tab_id.is_none() && crate::read::tabs(&doc).len() > 1 {
                return Err(ToolError::invalid("This document has several tabs: give tab_id with heading"));
            }
            heading_plan(&tab, &target, h, &p, text.as_deref(), &style)?
        }
        None => index_plan(&tab, &target, &p, text.as_deref(), &style)?,
    };
    if plan.requests.is_empty() {
        return Err(ToolError::invalid("Nothing to do: give text and/or formatting"));
    }
    let reply = api::documents_batch_update(&g, &id, plan.requests, None).await?;
    let mut out = format!("Updated document {id}, {named}:\n");
    for line in &plan.done {
        out.push_str(&format!("- {line}\n"));
    }
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!("Revision now {rev}.\n"));
    }
    Ok(ToolOutput::text(out))
}

fn index_plan(
    tab: &TabView<'_>,
    t: &Target,
    p: &ModifyDocTextParams,
    text: Option<&str>,
    style: &Option<Styled>,
) -> Result<Plan, ToolError> {
    let mut plan = Plan { requests: Vec::new(), done: Vec::new() };
    if p.end_of_segment {
        let text = text.ok_or_else(|| ToolError::invalid("end_of_segment appends text: give text"))?;
        if style.is_some() && t.segment_id.is_some() {
            return Err(ToolError::invalid(
                "To format text appended to a header, footer or footnote, insert it at a start_index instead",
            ));
        }
        let at = tab.end_index().saturating_sub(1).max(1);
        plan.requests.push(t.append_text(text));
        plan.done.push(format!("appended {} characters at the end (index {at})", utf16::len(text)));
        plan.format(t, at, at + utf16::len(text), style);
        return Ok(plan);
    }
    let body = t.segment_id.is_none();
    let start = index_arg(p.start_index, "start_index", body)?
        .ok_or_else(|| ToolError::invalid("start_index is required unless heading or end_of_segment is given"))?;
    let end = index_arg(p.end_index, "end_index", false)?;
    if let Some(end) = end
        && end <= start
    {
        return Err(ToolError::invalid(format!("end_index ({end}) must be greater than start_index ({start})")));
    }
    match (p.text.is_some(), end) {
        (true, Some(end)) => {
            plan.requests.push(t.delete(start, end));
            match text {
                Some(text) => {
                    plan.requests.push(t.insert_text(start, text));
                    plan.done.push(format!(
                        "replaced [{start}, {end}) with {} characters at index {start}",
                        utf16::len(text)
                    ));
                    plan.format(t, start, start + utf16::len(text), style);
                }
                None => plan.done.push(format!("deleted [{start}, {end})")),
            }
        }
        (true, None) => {
            let text = text.ok_or_else(|| ToolError::invalid("text is empty: give text to insert"))?;
            plan.requests.push(t.insert_text(start, text));
            plan.done.push(format!("inserted {} characters at index {start}", utf16::len(text)));
            plan.format(t, start, start + utf16::len(text), style);
        }
        (false, Some(end)) => plan.format(t, start, end, style),
        (false, None) => {
            return Err(ToolError::invalid("To format without text, give end_index (the range's exclusive end)"));
        }
    }
    Ok(plan)
}

fn heading_plan(
    tab: &TabView<'_>,
    t: &Target,
    heading: &str,
    p: &ModifyDocTextParams,
    text: Option<&str>,
    style: &Option<Styled>,
) -> Result<Plan, ToolError> {
    let s = heading_section(tab, heading, p.heading_level).map_err(ToolError::invalid)?;
    let mut plan = Plan { requests: Vec::new(), done: Vec::new() };
    let title = s.heading.text.trim().to_string();
    let Some(text) = text else {
        if s.body_start >= s.body_end {
            return Err(ToolError::invalid(format!("The section under \"{title}\" is empty: nothing to format")));
        }
        plan.format(t, s.body_start, s.body_end, style);
        return Ok(plan);
    };
    let body = text.trim_end_matches('\n');
    if body.is_empty() {
        return Err(ToolError::invalid("text has nothing but line breaks"));
    }
    let replace = !p.end_of_segment && s.body_start < s.body_end;
    if replace {
        plan.requests.push(t.delete(s.body_start, s.body_end));
        plan.done.push(format!("removed the section under \"{title}\" ([{}, {}))", s.body_start, s.body_end));
    }
    // Where the text goes and what it must carry so it forms paragraphs of its own.
    let (at, inserted, text_at) = if s.at_end && (s.body_start > s.body_end || p.end_of_segment) {
        // After the tab's last paragraph: open a new one before the final newline.
        let at = s.body_end;
        (at, format!("\n{body}"), at + 1)
    } else if s.at_end {
        (s.body_start, body.to_string(), s.body_start)
    } else {
        let at = if p.end_of_segment { s.body_end } else { s.body_start };
        (at, format!("{body}\n"), at)
    };
    plan.requests.push(t.insert_text(at, &inserted));
    plan.done.push(format!("inserted {} characters under \"{title}\" at index {at}", utf16::len(body)));
    // Text inserted next to a heading takes its style; the section's text is normal text.
    let normal = ParagraphFormat { heading_level: Some(0), ..Default::default() };
    if let Ok(Some(normal)) = normal.to_style() {
        plan.requests.push(t.paragraph_style(text_at, text_at + utf16::len(body), &normal));
    }
    plan.format(t, text_at, text_at + utf16::len(body), style);
    Ok(plan)
}
