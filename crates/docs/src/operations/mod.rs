//! batch_update_doc's operations: one typed struct per operation `type`, parsed one by one so
//! an error names the operation's position, and the JSON schema of the list (one object schema
//! per type, in the reference server's order). `translate` turns them into Docs requests.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

mod document;
mod kinds;
mod tables;
pub mod translate;

pub use kinds::*;

/// Which side of an anchor text to insert on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AnchorPosition {
    Before,
    #[default]
    After,
}

/// Where an insertion goes: exactly one of an index, the end of the segment, next to a
/// heading, or next to a unique piece of text.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct Place {
    /// Insertion index (Docs indices from inspect_doc_structure). Leave out with end_of_segment.
    pub index: Option<i64>,
    /// Append at the end of the tab's body (or segment) instead of at an index.
    #[serde(default)]
    pub end_of_segment: bool,
    /// Insert right after the heading paragraph with exactly this text (found in the document
    /// as read before the batch; must match one heading).
    pub after_heading: Option<String>,
    /// Insert right before the heading paragraph with exactly this text.
    pub before_heading: Option<String>,
    /// Insert next to this text, which must occur exactly once, within one paragraph.
    pub anchor_text: Option<String>,
    /// Which side of anchor_text: "after" (default) or "before".
    #[serde(default)]
    pub anchor_position: AnchorPosition,
}

/// One parsed operation.
#[derive(Debug, Clone)]
pub enum Operation {
    InsertText(InsertText),
    DeleteText(DeleteText),
    ReplaceText(ReplaceText),
    FormatText(FormatText),
    UpdateParagraphStyle(UpdateParagraphStyleOp),
    UpdateTableCellStyle(UpdateTableCellStyle),
    InsertTable(InsertTable),
    InsertTableRow(InsertTableRow),
    DeleteTableRow(DeleteTableRow),
    InsertTableColumn(InsertTableColumn),
    DeleteTableColumn(DeleteTableColumn),
    MergeTableCells(CellBlock),
    UnmergeTableCells(CellBlock),
    UpdateTableColumnProperties(UpdateTableColumnProperties),
    UpdateTableRowStyle(UpdateTableRowStyle),
    PinTableHeaderRows(PinTableHeaderRows),
    InsertPageBreak(InsertPageBreak),
    InsertSectionBreak(InsertSectionBreak),
    FindReplace(FindReplace),
    CreateBulletList(CreateBulletList),
    CreateNamedRange(CreateNamedRange),
    ReplaceNamedRangeContent(ReplaceNamedRangeContent),
    DeleteNamedRange(DeleteNamedRange),
    UpdateDocumentStyle(UpdateDocumentStyle),
    UpdateSectionStyle(UpdateSectionStyle),
    CreateHeaderFooter(CreateHeaderFooter),
    InsertImage(InsertImage),
    InsertPerson(InsertPerson),
    InsertDocTab(InsertDocTab),
    DeleteDocTab(DeleteDocTab),
    UpdateDocTab(UpdateDocTab),
}

/// Every operation type with its schema, in the order the schema lists them.
fn kinds() -> Vec<(&'static str, Map<String, Value>)> {
    use wsmcp_core::schema::input_schema as s;
    vec![
        ("insert_text", s::<InsertText>()),
        ("delete_text", s::<DeleteText>()),
        ("replace_text", s::<ReplaceText>()),
        ("format_text", s::<FormatText>()),
        ("update_paragraph_style", s::<UpdateParagraphStyleOp>()),
        ("update_table_cell_style", s::<UpdateTableCellStyle>()),
        ("insert_table", s::<InsertTable>()),
        ("insert_table_row", s::<InsertTableRow>()),
        ("delete_table_row", s::<DeleteTableRow>()),
        ("insert_table_column", s::<InsertTableColumn>()),
        ("delete_table_column", s::<DeleteTableColumn>()),
        ("merge_table_cells", s::<CellBlock>()),
        ("unmerge_table_cells", s::<CellBlock>()),
        ("update_table_column_properties", s::<UpdateTableColumnProperties>()),
        ("update_table_row_style", s::<UpdateTableRowStyle>()),
        ("pin_table_header_rows", s::<PinTableHeaderRows>()),
        ("insert_page_break", s::<InsertPageBreak>()),
        ("insert_section_break", s::<InsertSectionBreak>()),
        ("find_replace", s::<FindReplace>()),
        ("create_bullet_list", s::<CreateBulletList>()),
        ("create_named_range", s::<CreateNamedRange>()),
        ("replace_named_range_content", s::<ReplaceNamedRangeContent>()),
        ("delete_named_range", s::<DeleteNamedRange>()),
        ("update_document_style", s::<UpdateDocumentStyle>()),
        ("update_section_style", s::<UpdateSectionStyle>()),
        ("create_header_footer", s::<CreateHeaderFooter>()),
        ("insert_image", s::<InsertImage>()),
        ("insert_person", s::<InsertPerson>()),
        ("insert_doc_tab", s::<InsertDocTab>()),
        ("delete_doc_tab", s::<DeleteDocTab>()),
        ("update_doc_tab", s::<UpdateDocTab>()),
    ]
}

/// One operation's object schema: its own fields plus `type`, nothing else allowed.
fn variant(kind: &str, mut schema: Map<String, Value>) -> Value {
    let mut props = schema.remove("properties").and_then(|p| p.as_object().cloned()).unwrap_or_default();
    props.insert("type".into(), json!({"type": "string", "enum": [kind]}));
    let mut required = vec![json!("type")];
    required.extend(schema.remove("required").and_then(|r| r.as_array().cloned()).unwrap_or_default());
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

/// The schema of the `operations` argument.
pub fn operations_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let variants: Vec<Value> = kinds().into_iter().map(|(kind, schema)| variant(kind, schema)).collect();
    let schema = json!({
        "type": "array",
        "description": "The operations, applied in order in one atomic update. Each is an object with a \
            \"type\" (insert_text, delete_text, replace_text, format_text, update_paragraph_style, \
            update_table_cell_style, insert_table, insert_table_row, delete_table_row, insert_table_column, \
            delete_table_column, merge_table_cells, unmerge_table_cells, update_table_column_properties, \
            update_table_row_style, pin_table_header_rows, insert_page_break, insert_section_break, \
            find_replace, create_bullet_list, create_named_range, replace_named_range_content, \
            delete_named_range, update_document_style, update_section_style, create_header_footer, \
            insert_image, insert_person, insert_doc_tab, delete_doc_tab, update_doc_tab) and that type's fields; \
            most take an optional tab_id.",
        "items": {"oneOf": variants},
    });
    schemars::Schema::try_from(schema).unwrap_or_default()
}

fn typed<T: DeserializeOwned>(fields: Value) -> Result<T, String> {
    serde_json::from_value(fields).map_err(|e| e.to_string())
}

/// The operation at `position` (1-based in messages), checked against its type's fields.
pub fn parse(position: usize, op: &Value) -> Result<Operation, String> {
    let at = |msg: String| format!("operation {position}: {msg}");
    let Some(obj) = op.as_object() else { return Err(at("must be an object with a \"type\"".into())) };
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or_default();
    let all = kinds();
    let Some((_, schema)) = all.iter().find(|(k, _)| *k == kind) else {
        let names: Vec<&str> = all.iter().map(|(k, _)| *k).collect();
        return Err(at(format!("unknown type \"{kind}\"; one of: {}", names.join(", "))));
    };
    let known = schema.get("properties").and_then(Value::as_object);
    let mut fields = obj.clone();
    fields.remove("type");
    if let Some(extra) = fields.keys().find(|k| known.is_none_or(|p| !p.contains_key(*k))) {
        return Err(at(format!("{kind} has no field \"{extra}\"")));
    }
    let fields = Value::Object(fields);
    let at = |e: String| format!("operation {position} ({kind}): {e}");
    Ok(match kind {
        "insert_text" => Operation::InsertText(typed(fields).map_err(at)?),
        "delete_text" => Operation::DeleteText(typed(fields).map_err(at)?),
        "replace_text" => Operation::ReplaceText(typed(fields).map_err(at)?),
        "format_text" => Operation::FormatText(typed(fields).map_err(at)?),
        "update_paragraph_style" => Operation::UpdateParagraphStyle(typed(fields).map_err(at)?),
        "update_table_cell_style" => Operation::UpdateTableCellStyle(typed(fields).map_err(at)?),
        "insert_table" => Operation::InsertTable(typed(fields).map_err(at)?),
        "insert_table_row" => Operation::InsertTableRow(typed(fields).map_err(at)?),
        "delete_table_row" => Operation::DeleteTableRow(typed(fields).map_err(at)?),
        "insert_table_column" => Operation::InsertTableColumn(typed(fields).map_err(at)?),
        "delete_table_column" => Operation::DeleteTableColumn(typed(fields).map_err(at)?),
        "merge_table_cells" => Operation::MergeTableCells(typed(fields).map_err(at)?),
        "unmerge_table_cells" => Operation::UnmergeTableCells(typed(fields).map_err(at)?),
        "update_table_column_properties" => Operation::UpdateTableColumnProperties(typed(fields).map_err(at)?),
        "update_table_row_style" => Operation::UpdateTableRowStyle(typed(fields).map_err(at)?),
        "pin_table_header_rows" => Operation::PinTableHeaderRows(typed(fields).map_err(at)?),
        "insert_page_break" => Operation::InsertPageBreak(typed(fields).map_err(at)?),
        "insert_section_break" => Operation::InsertSectionBreak(typed(fields).map_err(at)?),
        "find_replace" => Operation::FindReplace(typed(fields).map_err(at)?),
        "create_bullet_list" => Operation::CreateBulletList(typed(fields).map_err(at)?),
        "create_named_range" => Operation::CreateNamedRange(typed(fields).map_err(at)?),
        "replace_named_range_content" => Operation::ReplaceNamedRangeContent(typed(fields).map_err(at)?),
        "delete_named_range" => Operation::DeleteNamedRange(typed(fields).map_err(at)?),
        "update_document_style" => Operation::UpdateDocumentStyle(typed(fields).map_err(at)?),
        "update_section_style" => Operation::UpdateSectionStyle(typed(fields).map_err(at)?),
        "create_header_footer" => Operation::CreateHeaderFooter(typed(fields).map_err(at)?),
        "insert_image" => Operation::InsertImage(typed(fields).map_err(at)?),
        "insert_person" => Operation::InsertPerson(typed(fields).map_err(at)?),
        "insert_doc_tab" => Operation::InsertDocTab(typed(fields).map_err(at)?),
        "delete_doc_tab" => Operation::DeleteDocTab(typed(fields).map_err(at)?),
        _ => Operation::UpdateDocTab(typed(fields).map_err(at)?),
    })
}
