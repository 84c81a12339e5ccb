//! The tab requests of `documents.batchUpdate`: `addDocumentTab` (at an index among its
//! siblings, under a parent, at most three levels deep; the reply holds the new tab's
//! properties), `deleteTab` (with its child tabs; a document keeps at least one tab) and
//! `updateDocumentTabProperties` (title and index, by field mask). Tab emoji icons are not
//! emulated: a request that sets one gets 501 rather than a silent success.

use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::model::{Block, Doc, Para, Tab};

/// Docs nests tabs at most three levels deep (nestingLevel 0, 1, 2).
const MAX_NESTING: usize = 3;

type Fail<'a> = &'a dyn Fn(String) -> GoogleError;

fn not_emulated(what: &str) -> GoogleError {
    GoogleError::new(
        StatusCode::NOT_IMPLEMENTED,
        "notImplemented",
        format!("The workspace-mcp sandbox does not emulate {what}."),
    )
}

/// A tab's `tabProperties` as Google writes them (zeros left out, as proto3 does).
pub fn properties(tab: &Tab, index: usize, parent: Option<&str>, depth: usize) -> Value {
    let mut props = json!({"tabId": tab.id, "title": tab.title});
    if index > 0 {
        props["index"] = json!(index);
    }
    if let Some(p) = parent {
        props["parentTabId"] = json!(p);
    }
    if depth > 0 {
        props["nestingLevel"] = json!(depth);
    }
    props
}

/// The path of child indices from the top level to the tab `id`.
fn path_of(tabs: &[Tab], id: &str) -> Option<Vec<usize>> {
    for (i, t) in tabs.iter().enumerate() {
        if t.id == id {
            return Some(vec![i]);
        }
        if let Some(mut rest) = path_of(&t.children, id) {
            rest.insert(0, i);
            return Some(rest);
        }
    }
    None
}

/// The sibling list a tab at `path` sits in (`path` without its last step).
fn siblings_mut<'a>(doc: &'a mut Doc, parent_path: &[usize]) -> Option<&'a mut Vec<Tab>> {
    let mut list = &mut doc.tabs;
    for &i in parent_path {
        list = &mut list.get_mut(i)?.children;
    }
    Some(list)
}

fn string<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn index(v: &Value, fail: Fail<'_>) -> Result<Option<usize>, GoogleError> {
    match v.get("index") {
        None => Ok(None),
        Some(i) => i
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| fail(format!("Invalid tab index {i}: it must be 0 or more."))),
    }
}

fn new_tab_id(doc: &Doc) -> String {
    loop {
        let id = format!("t.{}", wsmcp_sandbox_kit::ids::alphanumeric(12).to_ascii_lowercase());
        if path_of(&doc.tabs, &id).is_none() {
            return id;
        }
    }
}

pub fn add_document_tab(doc: &mut Doc, body: &Value, fail: Fail<'_>) -> Result<Value, GoogleError> {
    let props = body.get("tabProperties").cloned().unwrap_or_else(|| json!({}));
    for output_only in ["tabId", "nestingLevel"] {
        if props.get(output_only).is_some() {
            return Err(fail(format!("tabProperties.{output_only} cannot be set when adding a tab.")));
        }
    }
    if string(&props, "iconEmoji").is_some_and(|e| !e.is_empty()) {
        return Err(not_emulated("tab icon emoji"));
    }
    let parent_path = match string(&props, "parentTabId").filter(|p| !p.is_empty()) {
        Some(p) => {
            let path = path_of(&doc.tabs, p).ok_or_else(|| fail(format!("The tab with ID '{p}' was not found.")))?;
            if path.len() >= MAX_NESTING {
                return Err(fail(format!(
                    "Tab '{p}' is already nested {MAX_NESTING} levels deep: it cannot have child tabs."
                )));
            }
            path
        }
        None => Vec::new(),
    };
    let at = index(&props, fail)?;
    let count = doc.all_tabs().len();
    let id = new_tab_id(doc);
    let title = match string(&props, "title").filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => format!("Tab {}", count + 1),
    };
    let parent = id_at(doc, &parent_path);
    let siblings = siblings_mut(doc, &parent_path).ok_or_else(|| fail("The parent tab was not found.".into()))?;
    let at = at.unwrap_or(siblings.len());
    if at > siblings.len() {
        return Err(fail(format!("Invalid tab index {at}: it must be between 0 and {}.", siblings.len())));
    }
    let tab = Tab::new(&id, &title, vec![Block::Para(Para::new("NORMAL_TEXT", ""))]);
    let reply = properties(&tab, at, parent.as_deref(), parent_path.len());
    siblings.insert(at, tab);
    Ok(json!({"addDocumentTab": {"tabProperties": reply}}))
}

/// The id of the tab at `path` (None for the empty path: the top level).
fn id_at(doc: &Doc, path: &[usize]) -> Option<String> {
    let mut list = &doc.tabs;
    let mut id = None;
    for &i in path {
        let t = list.get(i)?;
        id = Some(t.id.clone());
        list = &t.children;
    }
    id
}

fn required_tab_id<'a>(v: &'a Value, fail: Fail<'_>) -> Result<&'a str, GoogleError> {
    string(v, "tabId").filter(|t| !t.is_empty()).ok_or_else(|| fail("The tab ID must be specified.".into()))
}

pub fn delete_tab(doc: &mut Doc, body: &Value, fail: Fail<'_>) -> Result<Value, GoogleError> {
    let id = required_tab_id(body, fail)?;
    let path = path_of(&doc.tabs, id).ok_or_else(|| fail(format!("The tab with ID '{id}' was not found.")))?;
    let Some((last, parent_path)) = path.split_last() else { return Err(fail("The tab was not found.".into())) };
    if parent_path.is_empty() && doc.tabs.len() == 1 {
        return Err(fail("A document must have at least one tab: the only top-level tab cannot be deleted.".into()));
    }
    let siblings = siblings_mut(doc, parent_path).ok_or_else(|| fail("The tab was not found.".into()))?;
    siblings.remove(*last);
    Ok(json!({}))
}

pub fn update_document_tab_properties(doc: &mut Doc, body: &Value, fail: Fail<'_>) -> Result<Value, GoogleError> {
    let props = body.get("tabProperties").cloned().unwrap_or_else(|| json!({}));
    let id = required_tab_id(&props, fail)?;
    let fields = string(body, "fields").unwrap_or("").trim();
    if fields.is_empty() {
        return Err(fail("At least one field must be specified in fields.".into()));
    }
    let fields: Vec<&str> =
        if fields == "*" { vec!["title", "index", "iconEmoji"] } else { fields.split(',').map(str::trim).collect() };
    let path = path_of(&doc.tabs, id).ok_or_else(|| fail(format!("The tab with ID '{id}' was not found.")))?;
    let Some((&pos, parent_path)) = path.split_last() else { return Err(fail("The tab was not found.".into())) };
    let mut title = None;
    let mut move_to = None;
    for f in &fields {
        match *f {
            "title" => {
                let t = string(&props, "title").unwrap_or("");
                if t.trim().is_empty() {
                    return Err(fail("The tab title must not be empty.".into()));
                }
                title = Some(t.to_string());
            }
            "index" => move_to = Some(index(&props, fail)?.unwrap_or(0)),
            // Clearing the emoji of a tab that has none changes nothing; setting one is not emulated.
            "iconEmoji" if string(&props, "iconEmoji").unwrap_or("").is_empty() => {}
            "iconEmoji" => return Err(not_emulated("tab icon emoji")),
            "parentTabId" => return Err(not_emulated("moving a tab under another parent")),
            "tabId" | "nestingLevel" => return Err(fail(format!("The field '{f}' cannot be updated."))),
            other => return Err(fail(format!("Invalid field mask path '{other}' for tabProperties."))),
        }
    }
    let siblings = siblings_mut(doc, parent_path).ok_or_else(|| fail("The tab was not found.".into()))?;
    if let Some(to) = move_to
        && to >= siblings.len()
    {
        return Err(fail(format!("Invalid tab index {to}: it must be between 0 and {}.", siblings.len() - 1)));
    }
    let mut tab = siblings.remove(pos);
    if let Some(t) = title {
        tab.title = t;
    }
    siblings.insert(move_to.unwrap_or(pos), tab);
    Ok(json!({}))
}
