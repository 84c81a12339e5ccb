//! One `batchUpdate` request applied to a document: where it points (tab, segment, index) and
//! the edit it makes. Failures carry Google's `Invalid requests[i].<kind>: ` prefix.

use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::headers::{self, Kind};
use super::model::{Doc, Tab};
use super::{bullets, edit, inline, segments, styles, tables, tabs};

/// Apply `request` (the `i`th of its batch) to `doc`; its reply.
pub fn apply(doc: &mut Doc, i: usize, request: &Value) -> Result<Value, GoogleError> {
    let Some((kind, body)) = request.as_object().and_then(|o| o.iter().next()) else {
        return Err(GoogleError::bad_request(format!("Invalid requests[{i}]: the request is empty.")));
    };
    let fail = |message: String| GoogleError::bad_request(format!("Invalid requests[{i}].{kind}: {message}"));
    match kind.as_str() {
        "insertText" => {
            let text = body.get("text").and_then(Value::as_str).unwrap_or_default();
            if text.is_empty() {
                return Err(fail("The text to insert must not be empty.".into()));
            }
            let at = segments::location(body).map_err(fail)?;
            let mut target = segments::resolve(doc, at).map_err(fail)?;
            let index = if body.get("location").is_some() { int(at, "index") } else { target.end() - 1 };
            let (blocks, base) = target.blocks();
            edit::insert_text(blocks, base, index, text).map_err(fail)?;
            Ok(json!({}))
        }
        "deleteContentRange" => {
            let range = body.get("range").unwrap_or(&Value::Null);
            let (from, to) = (int(range, "startIndex"), int(range, "endIndex"));
            let (blocks, base) = segments::resolve(doc, range).map_err(fail)?.into_blocks();
            edit::delete_range(blocks, base, from, to).map_err(fail)?;
            Ok(json!({}))
        }
        "replaceAllText" => {
            let find = body.pointer("/containsText/text").and_then(Value::as_str).unwrap_or_default();
            if find.is_empty() {
                return Err(fail("The text to find must not be empty.".into()));
            }
            let match_case = body.pointer("/containsText/matchCase").and_then(Value::as_bool).unwrap_or(false);
            let replace = body.get("replaceText").and_then(Value::as_str).unwrap_or_default();
            let only: Option<Vec<&str>> = body
                .pointer("/tabsCriteria/tabIds")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(Value::as_str).collect());
            if let Some(ids) = &only
                && let Some(missing) = ids.iter().find(|id| !doc.all_tabs().iter().any(|t| t.id == **id))
            {
                return Err(fail(format!("The tab with ID '{missing}' was not found.")));
            }
            let mut count = 0;
            for_each_tab(&mut doc.tabs, &mut |t| {
                if only.as_ref().is_none_or(|ids| ids.contains(&t.id.as_str())) {
                    count += edit::replace_all(&mut t.body, find, replace, match_case);
                }
            });
            // proto3 leaves a zero count out.
            Ok(if count == 0 {
                json!({"replaceAllText": {}})
            } else {
                json!({"replaceAllText": {"occurrencesChanged": count}})
            })
        }
        "insertTable" => tables::insert_table(doc, body).map_err(fail),
        "insertTableRow" => tables::insert_row(doc, body).map_err(fail),
        "insertTableColumn" => tables::insert_column(doc, body).map_err(fail),
        "deleteTableRow" => tables::delete_row(doc, body).map_err(fail),
        "deleteTableColumn" => tables::delete_column(doc, body).map_err(fail),
        "pinTableHeaderRows" => tables::pin_header_rows(doc, body).map_err(fail),
        "insertPageBreak" => inline::insert_page_break(doc, body).map_err(fail),
        "insertInlineImage" => inline::insert_inline_image(doc, body).map_err(fail),
        "createHeader" => headers::create(doc, body, Kind::Header).map_err(fail),
        "createFooter" => headers::create(doc, body, Kind::Footer).map_err(fail),
        "deleteHeader" => headers::delete(doc, body, Kind::Header).map_err(fail),
        "deleteFooter" => headers::delete(doc, body, Kind::Footer).map_err(fail),
        "updateTextStyle" => {
            let tab = tab(doc, body.get("range").unwrap_or(&Value::Null)).map_err(fail)?;
            styles::update_text_style(&mut tab.body, 1, body).map_err(fail)?;
            Ok(json!({}))
        }
        "updateParagraphStyle" => {
            let tab = tab(doc, body.get("range").unwrap_or(&Value::Null)).map_err(fail)?;
            styles::update_paragraph_style(&mut tab.body, 1, body).map_err(fail)?;
            Ok(json!({}))
        }
        "createParagraphBullets" => {
            let tab = tab(doc, body.get("range").unwrap_or(&Value::Null)).map_err(fail)?;
            bullets::create_paragraph_bullets(tab, body).map_err(fail)?;
            Ok(json!({}))
        }
        "deleteParagraphBullets" => {
            let tab = tab(doc, body.get("range").unwrap_or(&Value::Null)).map_err(fail)?;
            bullets::delete_paragraph_bullets(tab, body).map_err(fail)?;
            Ok(json!({}))
        }
        "addDocumentTab" => tabs::add_document_tab(doc, body, &fail),
        "deleteTab" => tabs::delete_tab(doc, body, &fail),
        "updateDocumentTabProperties" => tabs::update_document_tab_properties(doc, body, &fail),
        other => Err(GoogleError::new(
            StatusCode::NOT_IMPLEMENTED,
            "notImplemented",
            format!("The workspace-mcp sandbox does not emulate {other} requests of documents.batchUpdate yet."),
        )),
    }
}

fn int(v: &Value, name: &str) -> usize {
    v.get(name).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).unwrap_or(0)
}

/// The tab a location or range names (the first tab without `tabId`), for requests that edit
/// the body only: a `segmentId` (header, footer) is refused here; `segments::resolve` is the
/// lookup that reaches headers and footers. Unused here since insertText and
/// deleteContentRange moved to `segments`; kept for the body-only requests of other branches.
#[allow(dead_code)]
fn tab<'a>(doc: &'a mut Doc, at: &Value) -> Result<&'a mut Tab, String> {
    if let Some(segment) = at.get("segmentId").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        return Err(format!("Segment with ID '{segment}' was not found."));
    }
    match at.get("tabId").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        Some(id) => doc.tab_mut(id).ok_or_else(|| format!("The tab with ID '{id}' was not found.")),
        None => doc.tabs.first_mut().ok_or_else(|| "The document has no tabs.".to_string()),
    }
}

fn for_each_tab(tabs: &mut [Tab], f: &mut dyn FnMut(&mut Tab)) {
    for t in tabs {
        f(t);
        for_each_tab(&mut t.children, f);
    }
}
