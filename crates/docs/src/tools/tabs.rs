//! manage_doc_tab: create, rename and delete a document's tabs, and fill one from Markdown.
//! Each action is one batchUpdate; rename, delete and populate read the document first to
//! check the tab and to name what changes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::read::{SuggestionsViewMode, chosen_tab};
use crate::markdown::{parse, requests};
use crate::read::{TabView, para_text, tab, tabs};
use crate::wire::Paragraph;
use crate::{api, utf16};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TabAction {
    Create,
    Rename,
    Delete,
    PopulateFromMarkdown,
}

fn yes() -> bool {
    true
}

// Arguments of `manage_doc_tab`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageDocTabParams {
    /// The document's id or its docs.google.com URL (a URL's ?tab= names the tab when tab_id
    /// is not given).
    pub document_id: String,
    /// create a tab, rename or delete one (with its child tabs), or populate_from_markdown:
    /// write Markdown into a tab.
    pub action: TabAction,
    /// The tab to rename, delete or populate (ids from inspect_doc_structure).
    pub tab_id: Option<String>,
    /// create: the new tab's title (required); rename: the new title.
    pub title: Option<String>,
    /// create: the new tab's 0-based position among its siblings (default: last).
    pub index: Option<i64>,
    /// create: nest the new tab under this tab (tabs nest three levels deep at most).
    pub parent_tab_id: Option<String>,
    /// populate_from_markdown: the Markdown to write (headings, emphasis, code, links, nested
    /// lists, tables, `---` page breaks).
    pub markdown_text: Option<String>,
    /// populate_from_markdown: clear the tab first (true) or add after its content (false).
    #[serde(default = "yes")]
    pub replace_existing: bool,
}

pub fn manage_doc_tab() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_doc_tab",
            title: "Manage Google Doc Tab",
            description: "Create a tab in a Google Doc (optionally nested under another), rename one, delete one \
                with its child tabs, or populate one from Markdown (headings, emphasis, code, links, nested \
                lists, tables), replacing its content or adding after it. Each action is one edit of the \
                document. Read tabs back with get_doc_as_markdown.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DOCUMENTS],
        },
        manage,
    )
}

/// Google's cap on a document's size, in characters (UTF-16 units).
const MAX_DOCUMENT_UNITS: usize = 1_020_000;

fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

async fn manage(ctx: ToolCtx, p: ManageDocTabParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let tab_id = chosen_tab(p.tab_id.as_deref(), url_tab);
    if p.action != TabAction::PopulateFromMarkdown && p.markdown_text.is_some() {
        return Err(ToolError::invalid(
            "markdown_text is only for populate_from_markdown: create the tab first, then populate it with its tab_id",
        ));
    }
    let needs_tab = || {
        tab_id.clone().ok_or_else(|| {
            ToolError::invalid(
                "tab_id is required for rename, delete and populate_from_markdown (see inspect_doc_structure)",
            )
        })
    };
    match p.action {
        TabAction::Create => create(ctx, &id, &p).await,
        TabAction::Rename => rename(ctx, &id, &needs_tab()?, &p).await,
        TabAction::Delete => delete(ctx, &id, &needs_tab()?).await,
        TabAction::PopulateFromMarkdown => populate(ctx, &id, &needs_tab()?, &p).await,
    }
}

fn output(text: String, structured: Value) -> ToolOutput {
    ToolOutput { text, structured: Some(structured), ..ToolOutput::default() }
}

async fn create(ctx: ToolCtx, id: &str, p: &ManageDocTabParams) -> Result<ToolOutput, ToolError> {
    let title = given(p.title.as_deref()).ok_or_else(|| ToolError::invalid("title is required to create a tab"))?;
    let mut props = json!({"title": title});
    if let Some(i) = p.index {
        if i < 0 {
            return Err(ToolError::invalid(format!("index must be 0 or more, got {i}")));
        }
        props["index"] = json!(i);
    }
    if let Some(parent) = given(p.parent_tab_id.as_deref()) {
        props["parentTabId"] = json!(parent);
    }
    let g = ctx.google().await?;
    let request = json!({"addDocumentTab": {"tabProperties": props}});
    let reply = api::documents_batch_update(&g, id, vec![request], None).await?;
    let made =
        reply.replies.first().and_then(|r| r.pointer("/addDocumentTab/tabProperties")).cloned().unwrap_or_default();
    let new_id = made["tabId"].as_str().unwrap_or("");
    let index = made["index"].as_i64().unwrap_or(0);
    let parent = made["parentTabId"].as_str();
    let under = parent.map(|t| format!(" inside tab {t}")).unwrap_or_default();
    let text = format!(
        "Created tab \"{}\" (tab_id: {new_id}) at index {index}{under} in document {id}.\n\
         Fill it with manage_doc_tab action populate_from_markdown and this tab_id.\n",
        made["title"].as_str().unwrap_or(title)
    );
    let structured = json!({
        "document_id": id, "tab_id": new_id, "title": made["title"], "index": index,
        "parent_tab_id": parent, "nesting_level": made["nestingLevel"].as_i64().unwrap_or(0),
    });
    Ok(output(text, structured))
}

async fn rename(ctx: ToolCtx, id: &str, tab_id: &str, p: &ManageDocTabParams) -> Result<ToolOutput, ToolError> {
    let title = given(p.title.as_deref()).ok_or_else(|| ToolError::invalid("title is required to rename a tab"))?;
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let old = tab(&doc, tab_id).map_err(ToolError::invalid)?.title.to_string();
    let request =
        json!({"updateDocumentTabProperties": {"tabProperties": {"tabId": tab_id, "title": title}, "fields": "title"}});
    api::documents_batch_update(&g, id, vec![request], None).await?;
    let text = format!("Renamed tab {tab_id} of document {id} from \"{old}\" to \"{title}\".\n");
    Ok(output(text, json!({"document_id": id, "tab_id": tab_id, "title": title, "previous_title": old})))
}

async fn delete(ctx: ToolCtx, id: &str, tab_id: &str) -> Result<ToolOutput, ToolError> {
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let all = tabs(&doc);
    let target = tab(&doc, tab_id).map_err(ToolError::invalid)?;
    // Its children are the tabs right after it that sit deeper.
    let children: Vec<&TabView<'_>> =
        all.iter().skip_while(|t| t.id != tab_id).skip(1).take_while(|t| t.depth > target.depth).collect();
    let request = json!({"deleteTab": {"tabId": tab_id}});
    api::documents_batch_update(&g, id, vec![request], None).await?;
    let mut text = format!("Deleted tab \"{}\" (tab_id: {tab_id}) from document {id}", target.title);
    if !children.is_empty() {
        let names: Vec<String> = children.iter().map(|t| format!("\"{}\" ({})", t.title, t.id)).collect();
        text.push_str(&format!(" with its child tabs {}", names.join(", ")));
    }
    text.push_str(".\n");
    let deleted: Vec<&str> = std::iter::once(tab_id).chain(children.iter().map(|t| t.id)).collect();
    Ok(output(text, json!({"document_id": id, "deleted_tab_ids": deleted})))
}

/// Whether new paragraphs made in `p` would inherit anything but plain normal text.
fn has_style(p: &Paragraph) -> bool {
    let named = p.paragraph_style.named_style_type.as_deref().unwrap_or("NORMAL_TEXT");
    let newline_style = p.elements.last().and_then(|e| e.text_run.as_ref()).map(|r| &r.text_style);
    named != "NORMAL_TEXT"
        || p.bullet.is_some()
        || newline_style.is_some_and(|s| s.as_object().is_some_and(|o| !o.is_empty()))
}

async fn populate(ctx: ToolCtx, id: &str, tab_id: &str, p: &ManageDocTabParams) -> Result<ToolOutput, ToolError> {
    let markdown = p.markdown_text.as_deref().unwrap_or("");
    if markdown.trim().is_empty() {
        return Err(ToolError::invalid("markdown_text is required to populate a tab"));
    }
    let blocks = parse::blocks(markdown);
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let t = tab(&doc, tab_id).map_err(ToolError::invalid)?;
    let end = t.end_index();
    let mut reqs = Vec::new();
    // Either way the text goes into the tab's last paragraph, whose style it would inherit.
    let last = t.content.last().and_then(|e| e.paragraph.as_ref());
    let reset = last.is_some_and(has_style);
    let target = if p.replace_existing {
        // Everything but the final newline, which a tab always keeps.
        if end > 2 {
            reqs.push(
                json!({"deleteContentRange": {"range": {"startIndex": 1, "endIndex": end - 1, "tabId": tab_id}}}),
            );
        }
        requests::Target { tab_id: Some(tab_id), index: 1, after_text: false, reset }
    } else {
        let after_text = last.map(para_text).is_some_and(|t| t != "\n");
        requests::Target { tab_id: Some(tab_id), index: end.saturating_sub(1).max(1), after_text, reset }
    };
    let plan = requests::plan(&blocks, target);
    if plan.requests.is_empty() {
        return Err(ToolError::invalid("markdown_text holds nothing to write (only comments or blank lines?)"));
    }
    let base = if p.replace_existing { 2 } else { end };
    if base + plan.units > MAX_DOCUMENT_UNITS {
        return Err(ToolError::invalid(format!(
            "The tab would hold {} characters; a Google Doc holds at most {MAX_DOCUMENT_UNITS}",
            base + plan.units
        )));
    }
    let count = reqs.len() + plan.requests.len();
    reqs.extend(plan.requests);
    api::documents_batch_update(&g, id, reqs, None).await?;
    let how = if p.replace_existing {
        format!("replaced its {} characters of content", end.saturating_sub(2))
    } else {
        format!("added after its content (which ended at index {end})")
    };
    let text = format!(
        "Populated tab \"{}\" (tab_id: {tab_id}) of document {id} from Markdown: {how}.\n\
         Wrote {} paragraph(s) ({} heading(s), {} list item(s)), {} table(s), {} page break(s): {} characters in \
         UTF-16 units ({} of Markdown), in one batchUpdate of {count} requests. The tab now ends at index {}.\n",
        t.title,
        plan.paragraphs,
        plan.headings,
        plan.list_items,
        plan.tables,
        plan.page_breaks,
        plan.units,
        utf16::len(markdown),
        base + plan.units,
    );
    let structured = json!({
        "document_id": id, "tab_id": tab_id, "replaced": p.replace_existing, "end_index": base + plan.units,
        "paragraphs": plan.paragraphs, "headings": plan.headings, "list_items": plan.list_items, "tables": plan.tables,
    });
    Ok(output(text, structured))
}
