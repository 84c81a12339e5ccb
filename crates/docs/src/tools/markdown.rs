//! get_doc_as_markdown: a document (every tab, or one) as Markdown, with its Drive comments
//! placed next to the text they quote or listed at the end.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_drive::comments::{Comment, comments_list};

use super::doc_ref;
use super::read::{SuggestionsViewMode, chosen_tab};
use crate::api;
use crate::markdown::comments::{Placement, Placer};
use crate::markdown::render::{self, Options};
use crate::wire::{Document, DocumentTab, Tab};

/// Where comments go in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CommentMode {
    Inline,
    Appendix,
    None,
}

fn inline() -> CommentMode {
    CommentMode::Inline
}

fn yes() -> bool {
    true
}

fn default_view() -> SuggestionsViewMode {
    SuggestionsViewMode::DefaultForCurrentAccess
}

// Arguments of `get_doc_as_markdown`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDocAsMarkdownParams {
    /// The document's id or its docs.google.com URL (a URL's ?tab= picks that tab unless
    /// tab_id is given).
    pub document_id: String,
    /// Add the document's comment threads (read from Drive), each with the text it is
    /// attached to.
    #[serde(default = "yes")]
    pub include_comments: bool,
    /// inline: a footnote [^cN] after the paragraph holding the commented text, the thread
    /// right after that block; appendix: every thread in a "Comments" section at the end,
    /// its commented text quoted; none: no comments.
    #[serde(default = "inline")]
    pub comment_mode: CommentMode,
    /// Also show threads that were resolved.
    #[serde(default)]
    pub include_resolved: bool,
    /// How suggested edits appear: as the account sees them by default, inline, or previewed
    /// as accepted or as rejected.
    #[serde(default = "default_view")]
    pub suggestions_view_mode: SuggestionsViewMode,
    /// Only this tab (ids from inspect_doc_structure), without its child tabs or a tab marker;
    /// comments are then listed at the end. Without it every tab is shown, each after a
    /// `<!-- tab: ... -->` marker when there are several; "" shows every tab even when the
    /// URL names one.
    pub tab_id: Option<String>,
    /// Follow text set in an explicit RGB colour with "[color: #rrggbb]".
    #[serde(default)]
    pub include_colors: bool,
}

pub fn get_doc_as_markdown() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_doc_as_markdown",
            title: "Get Google Doc as Markdown",
            description: "Read a Google Doc as Markdown: headings, bold, italic, strikethrough, code, links, \
                numbered and bulleted lists with nesting, tables, images and page breaks, with the document's \
                comment threads next to the text they are attached to (or listed at the end). Output in the \
                same Markdown can be written back with manage_doc_tab populate_from_markdown. For plain text \
                and editing indices use get_doc_content and inspect_doc_structure.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::DOCUMENTS_READONLY, scope::DRIVE_READONLY],
        },
        get_as_markdown,
    )
}

/// Drive pages comments 100 at a time; this many pages is more threads than any reader needs.
const MAX_COMMENT_PAGES: usize = 20;

/// Every comment thread of the file, page after page.
async fn all_comments(g: &GoogleCtx, id: &str) -> Result<Vec<Comment>, wsmcp_core::google::GoogleError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_COMMENT_PAGES {
        let page = comments_list(g, id, 100, token.as_deref()).await?;
        out.extend(page.comments);
        token = page.next_page_token.filter(|t| !t.is_empty());
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

/// Every tab depth first with its nesting depth and its parent's title.
fn walk<'a>(tabs: &'a [Tab], depth: usize, parent: Option<&'a str>, out: &mut Vec<(&'a Tab, usize, Option<&'a str>)>) {
    for t in tabs {
        out.push((t, depth, parent));
        walk(&t.child_tabs, depth + 1, Some(&t.tab_properties.title), out);
    }
}

fn content(tab: &Tab) -> DocumentTab {
    tab.document_tab.clone().unwrap_or_default()
}

/// The document's Markdown: one tab, or all of them (marked when there are several).
fn markdown(doc: &Document, only: Option<&str>, opts: Options, placer: &mut Placer) -> Result<String, ToolError> {
    let mut all = Vec::new();
    walk(&doc.tabs, 0, None, &mut all);
    if let Some(id) = only {
        let (tab, _, _) = all.iter().find(|(t, _, _)| t.tab_properties.tab_id == id).ok_or_else(|| {
            let known: Vec<String> = all
                .iter()
                .map(|(t, _, _)| format!("{} ({})", t.tab_properties.tab_id, t.tab_properties.title))
                .collect();
            ToolError::invalid(format!(
                "Document {} has no tab '{id}'. Its tabs: {}.",
                doc.document_id,
                known.join(", ")
            ))
        })?;
        return Ok(render::tab(&content(tab), opts, placer));
    }
    if all.is_empty() {
        // Read without tabs (an old document shape): the body alone.
        let body = DocumentTab { body: doc.body.clone().unwrap_or_default(), ..DocumentTab::default() };
        return Ok(render::tab(&body, opts, placer));
    }
    let mut parts = Vec::new();
    for (tab, _, parent) in &all {
        let text = render::tab(&content(tab), opts, placer);
        if all.len() == 1 {
            parts.push(text);
            continue;
        }
        let p = &tab.tab_properties;
        let under = parent.map(|t| format!(", inside \"{t}\"")).unwrap_or_default();
        let marker = format!("<!-- tab: \"{}\" (tab_id: {}{under}) -->", p.title.replace("--", "- -"), p.tab_id);
        parts.push(if text.is_empty() { marker } else { format!("{marker}\n\n{text}") });
    }
    Ok(parts.join("\n\n"))
}

async fn get_as_markdown(ctx: ToolCtx, p: GetDocAsMarkdownParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let only = chosen_tab(p.tab_id.as_deref(), url_tab);
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, p.suggestions_view_mode.as_str()).await?;
    let wants_comments = p.include_comments && p.comment_mode != CommentMode::None;
    let mut note = String::new();
    let mut placer = Placer::none();
    if wants_comments {
        // One tab alone cannot tell where in the document a quote is: comments go at the end.
        let placement = if p.comment_mode == CommentMode::Inline && only.is_none() {
            Placement::Inline
        } else {
            Placement::Appendix
        };
        match all_comments(&g, &id).await {
            Ok(comments) => placer = Placer::new(comments, placement, p.include_resolved),
            // The document is worth having without its comments; the reason is shown.
            Err(e) => note = format!("<!-- Comments could not be read: {} -->", e.to_string().replace("--", "- -")),
        }
    }
    let opts = Options { include_colors: p.include_colors };
    let mut out = markdown(&doc, only.as_deref(), opts, &mut placer)?;
    for extra in [placer.rest(), note] {
        if !extra.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(extra.trim_end());
        }
    }
    if out.is_empty() {
        out = format!("<!-- \"{}\" has no content. -->", doc.title.replace("--", "- -"));
    }
    out.push('\n');
    Ok(ToolOutput::text(out))
}
