//! A document as the emulation holds it: tabs (nested), each with a body of paragraphs and
//! tables; paragraphs are runs of styled text whose last run ends with the paragraph's
//! newline. Indices are not stored: they are computed in UTF-16 units on the way out
//! (`render`) and when an edit looks a position up (`edit`), so no edit can leave them stale.

// `len` here is an index cost in UTF-16 units; nothing in a document is ever empty (a
// paragraph holds at least its newline), so an `is_empty` would have no use.
#![allow(clippy::len_without_is_empty)]

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::headers::HeadersFooters;
use super::inline::{self, InlineImage};
use crate::utf16;

/// Styled text inside a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    /// Docs' `textStyle` (bold, italic, link, ...), as JSON.
    pub style: Map<String, Value>,
}

impl Run {
    pub fn plain(text: &str) -> Self {
        Run { text: text.to_string(), style: Map::new() }
    }
}

/// A list item's place: which list, how deep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    pub list_id: String,
    pub level: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    /// `NORMAL_TEXT`, `TITLE`, `HEADING_1`...
    pub named_style: String,
    pub bullet: Option<Bullet>,
    /// The rest of Docs' `paragraphStyle` (alignment, indents, borders, ...), as JSON.
    pub style: Map<String, Value>,
}

impl Para {
    /// A paragraph of one run; the newline is added here.
    pub fn new(named_style: &str, text: &str) -> Self {
        Para {
            runs: vec![Run::plain(&format!("{text}\n"))],
            named_style: named_style.into(),
            bullet: None,
            style: Map::new(),
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn len(&self) -> usize {
        self.runs.iter().map(|r| utf16::len(&r.text)).sum()
    }
}

/// A table: rows of cells, each cell a list of blocks (at least one paragraph).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Vec<Block>>>,
    /// Leading rows repeated after each page break (`pinTableHeaderRows`).
    pub pinned_header_rows: usize,
}

impl Table {
    /// Index cost: one unit opens the table, one each row, one each cell, then the cells' content.
    pub fn len(&self) -> usize {
        1 + self.rows.iter().map(|r| 1 + r.iter().map(|c| 1 + content_len(c)).sum::<usize>()).sum::<usize>()
    }

    pub fn from_text(rows: &[&[&str]]) -> Self {
        let rows = rows.iter().map(|r| r.iter().map(|c| vec![Block::Para(Para::new("NORMAL_TEXT", c))]).collect());
        Table { rows: rows.collect(), pinned_header_rows: 0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

impl Block {
    pub fn len(&self) -> usize {
        match self {
            Block::Para(p) => p.len(),
            Block::Table(t) => t.len(),
        }
    }
}

pub fn content_len(blocks: &[Block]) -> usize {
    blocks.iter().map(Block::len).sum()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub id: String,
    pub title: String,
    /// The body after the section break at index 0, so it starts at index 1.
    pub body: Vec<Block>,
    /// List ids and whether each is numbered.
    pub lists: Vec<(String, bool)>,
    /// The bullet preset each list made by `createParagraphBullets` was made with.
    pub list_presets: BTreeMap<String, String>,
    pub children: Vec<Tab>,
    /// The tab's headers and footers, and which are the defaults.
    pub headers_footers: HeadersFooters,
    /// Inline images, each standing in the text as its marker character (see `inline`).
    pub inline_objects: Vec<InlineImage>,
}

impl Tab {
    pub fn new(id: &str, title: &str, body: Vec<Block>) -> Self {
        Tab {
            id: id.into(),
            title: title.into(),
            body,
            lists: Vec::new(),
            children: Vec::new(),
            headers_footers: HeadersFooters::default(),
            inline_objects: Vec::new(),
            list_presets: BTreeMap::new(),
        }
    }

    /// The index just past the body's last newline.
    pub fn end_index(&self) -> usize {
        1 + content_len(&self.body)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub tabs: Vec<Tab>,
    /// Bumped by every batchUpdate that changes something; shown as `revisionId`.
    pub revision: u64,
}

impl Doc {
    pub fn revision_id(&self) -> String {
        format!("ALm37BW{:08}", self.revision)
    }

    /// Every tab, depth first (the order Docs lists them in).
    pub fn all_tabs(&self) -> Vec<&Tab> {
        fn walk<'a>(tabs: &'a [Tab], out: &mut Vec<&'a Tab>) {
            for t in tabs {
                out.push(t);
                walk(&t.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.tabs, &mut out);
        out
    }

    pub fn tab_mut(&mut self, id: &str) -> Option<&mut Tab> {
        fn find<'a>(tabs: &'a mut [Tab], id: &str) -> Option<&'a mut Tab> {
            for t in tabs {
                if t.id == id {
                    return Some(t);
                }
                if let Some(found) = find(&mut t.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.tabs, id)
    }
}

/// The document as `documents.get` returns it: with `tabs` when asked for, else the first
/// tab's content in the legacy top-level fields.
pub fn render(doc: &Doc, include_tabs: bool) -> Value {
    let mut out = json!({"documentId": doc.id, "title": doc.title, "revisionId": doc.revision_id()});
    if include_tabs {
        out["tabs"] = doc.tabs.iter().enumerate().map(|(i, t)| render_tab(t, i, None, 0)).collect();
    } else if let Some(first) = doc.tabs.first() {
        for (k, v) in tab_content(first) {
            out[k] = v;
        }
    }
    out
}

fn render_tab(tab: &Tab, index: usize, parent: Option<&str>, depth: usize) -> Value {
    let props = super::tabs::properties(tab, index, parent, depth);
    let mut doc_tab = Map::new();
    for (k, v) in tab_content(tab) {
        doc_tab.insert(k.to_string(), v);
    }
    let mut out = json!({"tabProperties": props, "documentTab": doc_tab});
    if !tab.children.is_empty() {
        out["childTabs"] =
            tab.children.iter().enumerate().map(|(i, t)| render_tab(t, i, Some(&tab.id), depth + 1)).collect();
    }
    out
}

fn tab_content(tab: &Tab) -> Vec<(&'static str, Value)> {
    let mut content = vec![json!({"endIndex": 1, "sectionBreak": {"sectionStyle": {"sectionType": "CONTINUOUS"}}})];
    render_blocks(&tab.body, 1, &mut content);
    let lists: Map<String, Value> = tab
        .lists
        .iter()
        .map(|(id, _)| (id.clone(), super::bullets::list_properties(&super::bullets::preset_of(tab, id))))
        .collect();
    let mut style =
        json!({"pageSize": {"height": {"magnitude": 792, "unit": "PT"}, "width": {"magnitude": 612, "unit": "PT"}}});
    tab.headers_footers.style_ids(&mut style);
    let mut out =
        vec![("body", json!({"content": content})), ("lists", Value::Object(lists)), ("documentStyle", style)];
    out.extend(tab.headers_footers.render());
    out.extend(inline::render_objects(tab));
    out
}

/// Google leaves `startIndex` out when it is 0 (proto3 defaults); no body element starts there
/// but the section break, so it is always written here.
fn span(start: usize, end: usize) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("startIndex".into(), json!(start));
    m.insert("endIndex".into(), json!(end));
    m
}

pub fn render_blocks(blocks: &[Block], mut at: usize, out: &mut Vec<Value>) {
    for b in blocks {
        let mut el = span(at, at + b.len());
        match b {
            Block::Para(p) => {
                el.insert("paragraph".into(), render_para(p, at));
            }
            Block::Table(t) => {
                el.insert("table".into(), render_table(t, at));
            }
        }
        out.push(Value::Object(el));
        at += b.len();
    }
}

fn render_para(p: &Para, mut at: usize) -> Value {
    let mut elements = Vec::new();
    for r in &p.runs {
        // Page breaks and inline images sit in the text as marker characters.
        for (text, element) in inline::split_run(&r.text) {
            let n = utf16::len(text);
            let mut el = span(at, at + n);
            match element {
                Some((key, mut value)) => {
                    value["textStyle"] = Value::Object(r.style.clone());
                    el.insert(key.into(), value);
                }
                None => {
                    el.insert("textRun".into(), json!({"content": text, "textStyle": r.style}));
                }
            }
            elements.push(Value::Object(el));
            at += n;
        }
    }
    let mut style = json!({"namedStyleType": p.named_style, "direction": "LEFT_TO_RIGHT"});
    for (k, v) in &p.style {
        style[k] = v.clone();
    }
    let mut out = json!({"elements": elements, "paragraphStyle": style});
    if let Some(b) = &p.bullet {
        let mut bullet = json!({"listId": b.list_id, "textStyle": {}});
        if b.level > 0 {
            bullet["nestingLevel"] = json!(b.level);
        }
        out["bullet"] = bullet;
    }
    out
}

fn render_table(t: &Table, start: usize) -> Value {
    let mut at = start + 1;
    let rows: Vec<Value> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let row_start = at;
            at += 1;
            let cells: Vec<Value> = row
                .iter()
                .map(|cell| {
                    let cell_start = at;
                    let mut content = Vec::new();
                    render_blocks(cell, cell_start + 1, &mut content);
                    at = cell_start + 1 + content_len(cell);
                    let mut el = span(cell_start, at);
                    el.insert("content".into(), Value::Array(content));
                    el.insert("tableCellStyle".into(), json!({"rowSpan": 1, "columnSpan": 1}));
                    Value::Object(el)
                })
                .collect();
            let mut el = span(row_start, at);
            el.insert("tableCells".into(), Value::Array(cells));
            let mut row_style = json!({"minRowHeight": {"unit": "PT"}});
            if r < t.pinned_header_rows {
                row_style["tableHeader"] = json!(true);
            }
            el.insert("tableRowStyle".into(), row_style);
            Value::Object(el)
        })
        .collect();
    json!({"rows": t.rows.len(), "columns": t.rows.first().map_or(0, Vec::len), "tableRows": rows})
}
