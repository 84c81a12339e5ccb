//! insert_doc_elements: an empty table, a bulleted or numbered list, or a page break at an
//! index of a document's first tab (or the tab its URL names), each as one batchUpdate.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use crate::{api, utf16};

// Arguments of `insert_doc_elements`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct InsertDocElementsParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// What to insert: "table", "list" or "page_break".
    pub element_type: String,
    /// Where, as a UTF-16 index inside a paragraph of the first tab, or of the tab a URL's
    /// ?tab= names (inspect_doc_structure shows them); 0 means the start.
    pub index: i64,
    /// Rows of the table (element_type "table").
    pub rows: Option<i64>,
    /// Columns of the table (element_type "table").
    pub columns: Option<i64>,
    /// "UNORDERED" (bullets) or "ORDERED" (numbers), for element_type "list".
    pub list_type: Option<String>,
    /// The list's items, one per line (default: one item "List item"). Insert them at the
    /// start of a paragraph: text before the index in the same paragraph joins the first item.
    pub text: Option<String>,
}

pub fn insert_doc_elements() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "insert_doc_elements",
            title: "Insert Doc Elements",
            description: "Insert an empty table (rows x columns), a bulleted or numbered list (its items one per \
                line) or a page break at an index of a Google Doc's first tab. To insert a table with its data \
                use create_table_with_data.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::DOCUMENTS],
        },
        insert_elements,
    )
}

/// A table dimension: given and at least 1.
fn dimension(value: Option<i64>, name: &str) -> Result<usize, ToolError> {
    let Some(n) = value else {
        return Err(ToolError::invalid(format!("element_type \"table\" needs {name} (1 or more)")));
    };
    usize::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| ToolError::invalid(format!("{name} must be 1 or more, got {n}")))
}

/// Docs cannot insert anything before index 1 (0 is the section break opening the body).
pub(crate) fn body_index(index: i64) -> Result<usize, ToolError> {
    match usize::try_from(index) {
        Ok(0) => Ok(1),
        Ok(i) => Ok(i),
        Err(_) => Err(ToolError::invalid(format!("index must be 0 or more, got {index}"))),
    }
}

/// A location at `index`, in the tab a document URL named (else the first tab).
pub(crate) fn location(index: usize, tab: Option<&str>) -> Value {
    let mut at = json!({"index": index});
    if let Some(tab) = tab {
        at["tabId"] = json!(tab);
    }
    at
}

/// Which tab an edit went to, for the answer.
pub(crate) fn tab_words(tab: Option<&str>) -> String {
    tab.map_or("the first tab".to_string(), |t| format!("tab {t}"))
}

/// The requests and what they do, in words.
fn plan(p: &InsertDocElementsParams, index: usize, tab: Option<&str>) -> Result<(Vec<Value>, String), ToolError> {
    let at = location(index, tab);
    match p.element_type.trim().to_ascii_lowercase().as_str() {
        "table" => {
            let (rows, columns) = (dimension(p.rows, "rows")?, dimension(p.columns, "columns")?);
            let request = json!({"insertTable": {"rows": rows, "columns": columns, "location": at}});
            // Google adds a newline at the index, so the table starts one later and its first
            // cell's text three after that (table, row and cell markers).
            let said = format!(
                "an empty {rows}x{columns} table (it starts at {}; its first cell takes text at {})",
                index + 1,
                index + 4
            );
            Ok((vec![request], said))
        }
        "list" => {
            let preset = match p.list_type.as_deref().map(|t| t.trim().to_ascii_uppercase()).as_deref() {
                Some("UNORDERED") => "BULLET_DISC_CIRCLE_SQUARE",
                Some("ORDERED") => "NUMBERED_DECIMAL_ALPHA_ROMAN",
                Some(other) => {
                    return Err(ToolError::invalid(format!(
                        "list_type must be \"UNORDERED\" or \"ORDERED\", got \"{other}\""
                    )));
                }
                None => {
                    return Err(ToolError::invalid(
                        "element_type \"list\" needs list_type \"UNORDERED\" or \"ORDERED\"",
                    ));
                }
            };
            let items = p.text.as_deref().map(|t| t.trim_end_matches('\n')).filter(|t| !t.trim().is_empty());
            let items = items.unwrap_or("List item");
            let len = utf16::len(items);
            let mut range = json!({"startIndex": index, "endIndex": index + len});
            if let Some(tab) = tab {
                range["tabId"] = json!(tab);
            }
            let requests = vec![
                json!({"insertText": {"location": at, "text": format!("{items}\n")}}),
                json!({"createParagraphBullets": {"range": range, "bulletPreset": preset}}),
            ];
            let count = items.lines().count();
            let kind = if preset.starts_with("NUMBERED") { "numbered" } else { "bulleted" };
            Ok((requests, format!("a {kind} list of {count} item(s) ({} units of text and newlines)", len + 1)))
        }
        "page_break" | "page-break" | "pagebreak" => {
            let said = "a page break (it and the newline Google adds after it take 2 units)".to_string();
            Ok((vec![json!({"insertPageBreak": {"location": at}})], said))
        }
        other => Err(ToolError::invalid(format!(
            "element_type must be \"table\", \"list\" or \"page_break\", got \"{other}\""
        ))),
    }
}

async fn insert_elements(ctx: ToolCtx, p: InsertDocElementsParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let index = body_index(p.index)?;
    // No tab_id parameter (as in the reference): a URL's ?tab= picks the tab, else the first.
    let tab = url_tab.as_deref();
    let (requests, said) = plan(&p, index, tab)?;
    let g = ctx.google().await?;
    let reply = api::documents_batch_update(&g, &id, requests, None).await?;
    let mut out = format!("Inserted {said} at index {index} of {} of document {id}.\n", tab_words(tab));
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!("Revision now {rev}.\n"));
    }
    out.push_str(&format!("Link: https://docs.google.com/document/d/{id}/edit\n"));
    Ok(ToolOutput::text(out))
}
