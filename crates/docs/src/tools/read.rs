//! Reading documents: get_doc_content (text of every tab or one) and inspect_doc_structure
//! (elements with the indices edits need).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use crate::read::{TabView, tab, tabs};
use crate::{api, render};

/// How suggested edits appear in what is read.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SuggestionsViewMode {
    DefaultForCurrentAccess,
    SuggestionsInline,
    PreviewSuggestionsAccepted,
    PreviewWithoutSuggestions,
}

impl SuggestionsViewMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DefaultForCurrentAccess => "DEFAULT_FOR_CURRENT_ACCESS",
            Self::SuggestionsInline => "SUGGESTIONS_INLINE",
            Self::PreviewSuggestionsAccepted => "PREVIEW_SUGGESTIONS_ACCEPTED",
            Self::PreviewWithoutSuggestions => "PREVIEW_WITHOUT_SUGGESTIONS",
        }
    }
}

fn default_view() -> SuggestionsViewMode {
    SuggestionsViewMode::DefaultForCurrentAccess
}

// Arguments of `get_doc_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDocContentParams {
    /// The document's id or its docs.google.com URL (a URL's ?tab= picks that tab unless
    /// tab_id is given).
    pub document_id: String,
    /// How suggested edits appear: as the account sees them by default, inline, or previewed
    /// as accepted or as rejected.
    #[serde(default = "default_view")]
    pub suggestions_view_mode: SuggestionsViewMode,
    /// Read only this tab (ids from inspect_doc_structure); its text comes without a tab
    /// marker. Without it every tab is shown under a "--- TAB: ... ---" line; "" reads every
    /// tab even when the URL names one.
    pub tab_id: Option<String>,
    /// Mark headings, list items, tables, links and images in the text. Off by default, so
    /// the text is exactly what the document holds.
    #[serde(default)]
    pub preserve_context: bool,
}

pub fn get_doc_content() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_doc_content",
            title: "Get Google Doc Content",
            description: "Read a Google Doc's text: every tab (each under its own marker) or the one tab_id \
                names. Lists the document's tabs with their ids and end indices. For the indices of \
                paragraphs and table cells use inspect_doc_structure.",
            service: Service::Docs,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::DOCUMENTS_READONLY],
        },
        get_content,
    )
}

/// The tab a call names: an explicit `tab_id` wins over the URL's, and "" means every tab.
pub(super) fn chosen_tab(explicit: Option<&str>, from_url: Option<String>) -> Option<String> {
    match explicit.map(str::trim) {
        Some("") => None,
        Some(id) => Some(id.to_string()),
        None => from_url,
    }
}

fn header(doc: &crate::wire::Document, all: &[TabView<'_>]) -> String {
    let mut out = format!(
        "\"{}\" (document_id: {}, revision: {})\n",
        doc.title,
        doc.document_id,
        doc.revision_id.as_deref().unwrap_or("unknown")
    );
    if all.len() > 1 {
        let first = all.first().map_or("", |t| t.title);
        out.push_str(&format!("{} tabs (edits without tab_id change the first, \"{first}\"):\n", all.len()));
        out.push_str(&render::tab_list(all));
    }
    out
}

async fn get_content(ctx: ToolCtx, p: GetDocContentParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let wanted = chosen_tab(p.tab_id.as_deref(), url_tab);
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, p.suggestions_view_mode.as_str()).await?;
    let all = tabs(&doc);
    let text =
        |t: &TabView<'_>| if p.preserve_context { render::annotated(t.content) } else { render::plain(t.content) };
    let mut out = header(&doc, &all);
    match wanted {
        Some(tab_id) => {
            let t = tab(&doc, &tab_id).map_err(ToolError::invalid)?;
            out.push_str(&format!("\nTab \"{}\" (tab_id: {}):\n", t.title, t.id));
            out.push_str(&text(&t));
        }
        None => {
            for t in &all {
                out.push_str(&format!("\n--- TAB: {} (tab_id: {}) ---\n", t.title, t.id));
                out.push_str(&text(t));
            }
        }
    }
    Ok(ToolOutput::text(out))
}

fn hundred() -> Option<i64> {
    Some(100)
}

// Arguments of `inspect_doc_structure`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct InspectDocStructureParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Also list each paragraph's text runs and the paragraphs inside table cells.
    #[serde(default)]
    pub detailed: bool,
    /// The tab to inspect (default: the first tab, where edits without tab_id go).
    pub tab_id: Option<String>,
    /// Longest text preview per element, in characters; 0 or null shows whole texts (to find
    /// a phrase in a long paragraph).
    #[serde(default = "hundred")]
    pub preview_chars: Option<i64>,
}

pub fn inspect_doc_structure() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "inspect_doc_structure",
            title: "Inspect Google Doc Structure",
            description: "Show a Google Doc tab's elements (paragraphs with their styles and lists, tables with \
                each cell) with their start and end indices, counted in UTF-16 units as the Docs API counts \
                them, plus the document's tabs. Use it to pick indices for editing tools.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::DOCUMENTS_READONLY],
        },
        inspect,
    )
}

async fn inspect(ctx: ToolCtx, p: InspectDocStructureParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let max = match p.preview_chars {
        None => 0,
        Some(n) => {
            usize::try_from(n).map_err(|_| ToolError::invalid(format!("preview_chars must be 0 or more, got {n}")))?
        }
    };
    let wanted = chosen_tab(p.tab_id.as_deref(), url_tab);
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let all = tabs(&doc);
    let t = match wanted {
        Some(tab_id) => tab(&doc, &tab_id).map_err(ToolError::invalid)?,
        None => *all.first().ok_or_else(|| ToolError::invalid(format!("Document {id} has no content to inspect")))?,
    };
    let mut out = header(&doc, &all);
    if all.len() == 1 {
        out.push_str(&format!("One tab: \"{}\" (tab_id: {})\n", t.title, t.id));
    }
    out.push_str(&format!("\nStructure of tab \"{}\" (tab_id: {}):\n", t.title, t.id));
    out.push_str(&render::structure(&t, p.detailed, max));
    Ok(ToolOutput::text(out))
}
