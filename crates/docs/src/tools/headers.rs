//! update_doc_headers_footers: set the text of a document's header or footer, creating it
//! when it is missing.
//!
//! Replacing existing text is one batchUpdate (delete the old text, insert the new, both in the
//! header's segment). Creating takes two: `createHeader` returns the new header's id, and the
//! text can only be written into a segment named by that id, which no request of the same
//! batch can refer to. Both writes are tied to the revision just read, so a concurrent edit
//! is refused rather than overwritten at stale indices.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::read::SuggestionsViewMode;
use crate::api;
use crate::wire::{DocumentStyle, DocumentTab};

fn default_kind() -> String {
    "DEFAULT".into()
}

// Arguments of `update_doc_headers_footers`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateDocHeadersFootersParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// "header" or "footer".
    pub section_type: String,
    /// The text the header or footer should hold (it replaces what is there; "" empties it).
    pub content: String,
    /// Which one: "DEFAULT" (every page; created when missing), "FIRST_PAGE_ONLY" or
    /// "EVEN_PAGE" (these must already exist: turn on "Different first page" or "Different
    /// odd & even" in Docs first).
    #[serde(default = "default_kind")]
    pub header_footer_type: String,
}

pub fn update_doc_headers_footers() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "update_doc_headers_footers",
            title: "Update Doc Headers and Footers",
            description: "Set the text of a Google Doc's header or footer, replacing what it held. A missing \
                default header or footer is created first, so no separate step is needed.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DOCUMENTS],
        },
        update_header_footer,
    )
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Header,
    Footer,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Default,
    FirstPage,
    EvenPage,
}

fn parse(section: &str, kind: &str) -> Result<(Section, Kind), ToolError> {
    let section = match section.trim().to_ascii_lowercase().as_str() {
        "header" => Section::Header,
        "footer" => Section::Footer,
        other => {
            return Err(ToolError::invalid(format!("section_type must be \"header\" or \"footer\", got \"{other}\"")));
        }
    };
    let kind = match kind.trim().to_ascii_uppercase().as_str() {
        "DEFAULT" => Kind::Default,
        "FIRST_PAGE_ONLY" | "FIRST_PAGE" => Kind::FirstPage,
        "EVEN_PAGE" | "EVEN_PAGES" => Kind::EvenPage,
        other => {
            return Err(ToolError::invalid(format!(
                "header_footer_type must be \"DEFAULT\", \"FIRST_PAGE_ONLY\" or \"EVEN_PAGE\", got \"{other}\""
            )));
        }
    };
    Ok((section, kind))
}

/// The id of the header or footer the style names for this section and kind.
fn existing_id(style: &DocumentStyle, section: Section, kind: Kind) -> Option<&str> {
    let id = match (section, kind) {
        (Section::Header, Kind::Default) => &style.default_header_id,
        (Section::Header, Kind::FirstPage) => &style.first_page_header_id,
        (Section::Header, Kind::EvenPage) => &style.even_page_header_id,
        (Section::Footer, Kind::Default) => &style.default_footer_id,
        (Section::Footer, Kind::FirstPage) => &style.first_page_footer_id,
        (Section::Footer, Kind::EvenPage) => &style.even_page_footer_id,
    };
    id.as_deref().filter(|s| !s.is_empty())
}

fn find_tab<'a>(tabs: &'a [crate::wire::Tab], id: &str) -> Option<&'a crate::wire::Tab> {
    tabs.iter().find_map(|t| if t.tab_properties.tab_id == id { Some(t) } else { find_tab(&t.child_tabs, id) })
}

fn segment_at(segment: &str, tab: &str, index: usize) -> Value {
    let mut at = json!({"segmentId": segment, "index": index});
    if !tab.is_empty() {
        at["tabId"] = json!(tab);
    }
    at
}

async fn update_header_footer(ctx: ToolCtx, p: UpdateDocHeadersFootersParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let (section, kind) = parse(&p.section_type, &p.header_footer_type)?;
    // The segment keeps its own final newline; one given at the end would add an empty line.
    let text = p.content.strip_suffix('\n').unwrap_or(&p.content);
    let word = if section == Section::Header { "header" } else { "footer" };
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    // Headers and footers belong to a tab's document style: the first tab's (the reference
    // takes no tab), or that of the tab a document URL's ?tab= names.
    let first = match &url_tab {
        Some(wanted) => Some(find_tab(&doc.tabs, wanted).ok_or_else(|| {
            ToolError::invalid(format!("Document {id} has no tab '{wanted}' (from the URL's ?tab=)"))
        })?),
        None => doc.tabs.first(),
    };
    let tab_id = first.map_or("", |t| t.tab_properties.tab_id.as_str());
    let tab_title = first.map_or("", |t| t.tab_properties.title.as_str());
    let empty = DocumentTab::default();
    let tab = first.and_then(|t| t.document_tab.as_ref()).unwrap_or(&empty);
    let place = format!("tab \"{tab_title}\" (tab_id: {tab_id}) of document {id}");
    let revision = doc.revision_id.as_deref();

    if let Some(segment) = existing_id(&tab.document_style, section, kind) {
        let content = match section {
            Section::Header => tab.headers.get(segment),
            Section::Footer => tab.footers.get(segment),
        };
        let end = content.and_then(|c| c.content.last()).map_or(1, |e| e.end_index);
        let mut requests = Vec::new();
        if end > 1 {
            let mut range = json!({"segmentId": segment, "startIndex": 0, "endIndex": end - 1});
            if !tab_id.is_empty() {
                range["tabId"] = json!(tab_id);
            }
            requests.push(json!({"deleteContentRange": {"range": range}}));
        }
        if !text.is_empty() {
            requests.push(json!({"insertText": {"location": segment_at(segment, tab_id, 0), "text": text}}));
        }
        if requests.is_empty() {
            return Ok(ToolOutput::text(format!(
                "The {word} ({segment}) of {place} is already empty; nothing changed.\n"
            )));
        }
        api::documents_batch_update(&g, &id, requests, revision).await?;
        return Ok(ToolOutput::text(format!(
            "Replaced the text of the {word} ({segment}) of {place}: {} characters.\n",
            text.chars().count()
        )));
    }

    if kind != Kind::Default {
        return Err(ToolError::invalid(format!(
            "The document has no {} {word}, and the Docs API can only create default ones. Turn on \"{}\" in Docs \
             (Format > Headers & footers) once, then call again; or use header_footer_type \"DEFAULT\".",
            if kind == Kind::FirstPage { "first-page" } else { "even-page" },
            if kind == Kind::FirstPage { "Different first page" } else { "Different odd & even" }
        )));
    }
    let mut create = match section {
        Section::Header => json!({"createHeader": {"type": "DEFAULT"}}),
        Section::Footer => json!({"createFooter": {"type": "DEFAULT"}}),
    };
    if url_tab.is_some() {
        // Without a location Google uses the first tab; index 0 is the tab's first section break.
        let kind = if section == Section::Header { "createHeader" } else { "createFooter" };
        create[kind]["sectionBreakLocation"] = json!({"index": 0, "tabId": tab_id});
    }
    let reply = api::documents_batch_update(&g, &id, vec![create], revision).await?;
    let pointer = if section == Section::Header { "/createHeader/headerId" } else { "/createFooter/footerId" };
    let new_id = reply
        .replies
        .first()
        .and_then(|r| r.pointer(pointer))
        .and_then(Value::as_str)
        .ok_or_else(|| ToolError::Internal(format!("Docs created a {word} but did not return its id")))?
        .to_string();
    if text.is_empty() {
        return Ok(ToolOutput::text(format!("Created an empty default {word} ({new_id}) in {place}.\n")));
    }
    let after = reply.write_control.and_then(|w| w.required_revision_id);
    let insert = json!({"insertText": {"location": segment_at(&new_id, tab_id, 0), "text": text}});
    api::documents_batch_update(&g, &id, vec![insert], after.as_deref()).await.map_err(|mut e| {
        e.advice = format!(
            "The default {word} was created ({new_id}) but writing its text failed; calling this tool again \
             replaces the text of that {word}. {}",
            e.advice
        );
        ToolError::Google(e)
    })?;
    Ok(ToolOutput::text(format!(
        "Created the default {word} ({new_id}) of {place} and wrote {} characters into it.\n",
        text.chars().count()
    )))
}
