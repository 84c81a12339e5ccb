//! The Docs JSON the tools read back, only the fields they use; everything defaults so a
//! field Google leaves out (proto3 drops zeros and empties) never fails a parse.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Document {
    pub document_id: String,
    pub title: String,
    pub revision_id: Option<String>,
    /// The first tab's body when the document was read without `includeTabsContent`.
    pub body: Option<Body>,
    pub tabs: Vec<Tab>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Tab {
    pub tab_properties: TabProperties,
    pub document_tab: Option<DocumentTab>,
    pub child_tabs: Vec<Tab>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TabProperties {
    pub tab_id: String,
    pub title: String,
    /// Position among its siblings (Google leaves 0 out).
    pub index: Option<i64>,
    pub parent_tab_id: Option<String>,
    /// 0 for top-level tabs (Google leaves 0 out).
    pub nesting_level: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DocumentTab {
    pub body: Body,
    pub lists: BTreeMap<String, Value>,
    pub document_style: DocumentStyle,
    pub headers: BTreeMap<String, Segment>,
    pub footers: BTreeMap<String, Segment>,
    /// Images by the id an `inlineObjectElement` names.
    pub inline_objects: BTreeMap<String, Value>,
}

/// Which headers and footers a tab shows (each id is a key of `headers`/`footers`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DocumentStyle {
    pub default_header_id: Option<String>,
    pub default_footer_id: Option<String>,
    pub first_page_header_id: Option<String>,
    pub first_page_footer_id: Option<String>,
    pub even_page_header_id: Option<String>,
    pub even_page_footer_id: Option<String>,
}

/// A header's or footer's content; its indices start at 0.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Segment {
    pub content: Vec<StructuralElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Body {
    pub content: Vec<StructuralElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StructuralElement {
    pub start_index: usize,
    pub end_index: usize,
    pub paragraph: Option<Paragraph>,
    pub table: Option<Table>,
    pub section_break: Option<Value>,
    pub table_of_contents: Option<TableOfContents>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TableOfContents {
    pub content: Vec<StructuralElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Paragraph {
    pub elements: Vec<ParagraphElement>,
    pub paragraph_style: ParagraphStyle,
    pub bullet: Option<Bullet>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ParagraphStyle {
    pub named_style_type: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Bullet {
    pub list_id: String,
    pub nesting_level: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ParagraphElement {
    pub start_index: usize,
    pub end_index: usize,
    pub text_run: Option<TextRun>,
    pub inline_object_element: Option<Value>,
    pub page_break: Option<Value>,
    pub horizontal_rule: Option<Value>,
    pub person: Option<Value>,
    pub rich_link: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TextRun {
    pub content: String,
    pub text_style: Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Table {
    pub rows: usize,
    pub columns: usize,
    pub table_rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TableRow {
    pub start_index: usize,
    pub end_index: usize,
    pub table_cells: Vec<TableCell>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TableCell {
    pub start_index: usize,
    pub end_index: usize,
    pub content: Vec<StructuralElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BatchUpdateResponse {
    pub document_id: String,
    pub replies: Vec<Value>,
    pub write_control: Option<WriteControl>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WriteControl {
    pub required_revision_id: Option<String>,
}

/// A Drive file as `insert_doc_image` reads it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DriveImage {
    pub id: String,
    pub name: String,
    pub mime_type: String,
    /// Absent when Drive does not show the caller the file's permissions.
    pub permission_ids: Option<Vec<String>>,
    pub web_content_link: Option<String>,
}
