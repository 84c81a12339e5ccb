//! Headers and footers: `createHeader`/`createFooter` (the DEFAULT kind, the only one the API
//! creates; a second is refused), `deleteHeader`/`deleteFooter`, and how they are rendered:
//! `headers`/`footers` maps of the tab and `defaultHeaderId`/`defaultFooterId` in its
//! `documentStyle`. Their content is a segment whose indices start at 0.

use serde_json::{Map, Value, json};

use super::edit::EditResult;
use super::model::{Block, Doc, Para, render_blocks};
use super::segments;

/// One header or footer.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderFooter {
    pub id: String,
    pub content: Vec<Block>,
}

/// A tab's headers and footers; the document style names the default ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeadersFooters {
    pub headers: Vec<HeaderFooter>,
    pub footers: Vec<HeaderFooter>,
    pub default_header: Option<String>,
    pub default_footer: Option<String>,
}

/// Headers or footers: the request names, fields and messages differ only in the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Header,
    Footer,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Header => "header",
            Kind::Footer => "footer",
        }
    }
}

impl HeadersFooters {
    fn list(&mut self, kind: Kind) -> (&mut Vec<HeaderFooter>, &mut Option<String>) {
        match kind {
            Kind::Header => (&mut self.headers, &mut self.default_header),
            Kind::Footer => (&mut self.footers, &mut self.default_footer),
        }
    }

    /// Every header and footer.
    pub fn all(&self) -> impl Iterator<Item = &HeaderFooter> {
        self.headers.iter().chain(&self.footers)
    }

    /// `defaultHeaderId`/`defaultFooterId` into a rendered `documentStyle`.
    pub fn style_ids(&self, style: &mut Value) {
        if let Some(id) = &self.default_header {
            style["defaultHeaderId"] = json!(id);
        }
        if let Some(id) = &self.default_footer {
            style["defaultFooterId"] = json!(id);
        }
    }

    /// The tab's `headers` and `footers` maps, each only when it has entries (as Google
    /// leaves empty maps out).
    pub fn render(&self) -> Vec<(&'static str, Value)> {
        let map = |items: &[HeaderFooter], id_key: &str| -> Map<String, Value> {
            items
                .iter()
                .map(|hf| {
                    let mut content = Vec::new();
                    render_blocks(&hf.content, 0, &mut content);
                    content.iter_mut().for_each(drop_zero_starts);
                    (hf.id.clone(), json!({id_key: hf.id, "content": content}))
                })
                .collect()
        };
        let mut out = Vec::new();
        if !self.headers.is_empty() {
            out.push(("headers", Value::Object(map(&self.headers, "headerId"))));
        }
        if !self.footers.is_empty() {
            out.push(("footers", Value::Object(map(&self.footers, "footerId"))));
        }
        out
    }
}

/// Google leaves `startIndex` out when it is 0 (proto3), which a segment's first element is.
fn drop_zero_starts(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if m.get("startIndex").and_then(Value::as_u64) == Some(0) {
                m.remove("startIndex");
            }
            m.values_mut().for_each(drop_zero_starts);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_zero_starts),
        _ => {}
    }
}

/// A Docs-like header or footer id.
fn new_id() -> String {
    format!("kix.{}", wsmcp_sandbox_kit::ids::alphanumeric(12).to_ascii_lowercase())
}

/// `createHeader`/`createFooter`: a new, empty default header or footer of the tab the
/// section break location names (the first tab without one).
pub fn create(doc: &mut Doc, body: &Value, kind: Kind) -> EditResult<Value> {
    let word = kind.word();
    match body.get("type").and_then(Value::as_str) {
        Some("DEFAULT") => {}
        Some("HEADER_FOOTER_TYPE_UNSPECIFIED") | None => return Err(format!("The {word} type must be specified.")),
        Some(other) => return Err(format!("Unsupported {word} type '{other}'.")),
    }
    let at = body.get("sectionBreakLocation").cloned().unwrap_or_else(|| json!({}));
    if at.get("segmentId").and_then(Value::as_str).is_some_and(|s| !s.is_empty()) {
        return Err("The section break location must be in the document body.".into());
    }
    // The emulation's tabs hold one section, whose break is at index 0.
    if body.get("sectionBreakLocation").is_some() && segments::index(&at) != 0 {
        return Err(format!("The location {} is not the start of a section break.", segments::index(&at)));
    }
    let target = segments::resolve(doc, &at)?;
    let (list, default) = target.tab.headers_footers.list(kind);
    if default.is_some() {
        return Err(format!("Default {word} already exists."));
    }
    let id = new_id();
    list.push(HeaderFooter { id: id.clone(), content: vec![Block::Para(Para::new("NORMAL_TEXT", ""))] });
    *default = Some(id.clone());
    let (reply, key) = match kind {
        Kind::Header => ("createHeader", "headerId"),
        Kind::Footer => ("createFooter", "footerId"),
    };
    Ok(json!({reply: {key: id}}))
}

/// `deleteHeader`/`deleteFooter`: removes it and the document style's reference to it.
pub fn delete(doc: &mut Doc, body: &Value, kind: Kind) -> EditResult<Value> {
    let word = kind.word();
    let key = match kind {
        Kind::Header => "headerId",
        Kind::Footer => "footerId",
    };
    let id = body.get(key).and_then(Value::as_str).unwrap_or_default();
    if id.is_empty() {
        return Err(format!("The {word} ID must be specified."));
    }
    let at = json!({"tabId": body.get("tabId").cloned().unwrap_or(Value::Null)});
    let target = segments::resolve(doc, &at)?;
    let (list, default) = target.tab.headers_footers.list(kind);
    let position = list.iter().position(|hf| hf.id == id).ok_or_else(|| format!("The {word} '{id}' was not found."))?;
    list.remove(position);
    if default.as_deref() == Some(id) {
        *default = None;
    }
    Ok(json!({}))
}
