//! Each batch_update_doc operation as the Docs requests it stands for, checked first: the
//! tab it names exists, the place it gives is exactly one (resolved against the document as
//! read before the batch), its values are valid. Errors are messages the tool prefixes with
//! the operation's position.

use serde_json::{Map, Value, json};

use super::*;
use crate::edits::{Target, color};
use crate::locate::{anchor_index, heading_index, paragraph_starts};
use crate::paragraph_format::{ListChange, list_change};
use crate::read::{TabView, tab, tabs};
use crate::wire::Document;

/// How earlier operations of the batch moved text: a place found in the document as read
/// before the batch (a heading, an anchor) is mapped through them. Text inserts and deletes,
/// page breaks, images, people chips and tables are counted; a find-and-replace or a section
/// break is not (its effect on indices is not known in advance).
#[derive(Debug, Default)]
pub struct Shifts {
    edits: Vec<(usize, isize, usize)>,
}

impl Shifts {
    /// Where the pre-batch index `at` is now.
    pub fn map(&self, mut at: usize) -> usize {
        for (pos, delta, end) in &self.edits {
            if *delta >= 0 {
                if at >= *pos {
                    at += delta.unsigned_abs();
                }
            } else if at >= *end {
                at -= delta.unsigned_abs();
            } else if at > *pos {
                at = *pos;
            }
        }
        at
    }

    fn insert(&mut self, at: usize, units: usize) {
        self.edits.push((at, isize::try_from(units).unwrap_or(0), at));
    }

    fn delete(&mut self, from: usize, to: usize) {
        self.edits.push((from, -isize::try_from(to - from).unwrap_or(0), to));
    }
}

/// The requests of one operation and a few words on what it does.
pub struct Translated {
    pub requests: Vec<Value>,
    pub summary: String,
}

pub(super) fn points(v: f64) -> Value {
    json!({"magnitude": v, "unit": "PT"})
}

pub(super) fn index(v: i64, name: &str) -> Result<usize, String> {
    usize::try_from(v).map_err(|_| format!("{name} must be 0 or more, got {v}"))
}

pub(super) fn range(start: i64, end: i64) -> Result<(usize, usize), String> {
    let (s, e) = (index(start, "start_index")?.max(1), index(end, "end_index")?);
    if e <= s {
        return Err(format!("end_index ({end}) must be greater than start_index ({start})"));
    }
    Ok((s, e))
}

/// The tab an operation names (the first without one).
pub(super) fn view<'a>(doc: &'a Document, tab_id: &Option<String>) -> Result<TabView<'a>, String> {
    match tab_id.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(id) => tab(doc, id),
        None => tabs(doc).first().copied().ok_or_else(|| "the document has no tabs".to_string()),
    }
}

pub(super) fn target(v: &TabView<'_>, segment: &Option<String>) -> Target {
    Target::new(Some(v.id).filter(|id| !id.is_empty()), segment.as_deref())
}

/// The one place an insertion names: `("location", ...)` or `("endOfSegmentLocation", ...)`.
pub(super) fn place(
    p: &Place,
    v: &TabView<'_>,
    t: &Target,
    shifts: &Shifts,
) -> Result<(&'static str, Value, String), String> {
    let given = [
        p.index.is_some(),
        p.end_of_segment,
        p.after_heading.is_some(),
        p.before_heading.is_some(),
        p.anchor_text.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err("give exactly one of index, end_of_segment, after_heading, before_heading, anchor_text".into());
    }
    if p.end_of_segment {
        return Ok(("endOfSegmentLocation", t.end_of_segment(), "at the end".into()));
    }
    let at = if let Some(i) = p.index {
        index(i, "index")?
    } else if let Some(h) = &p.after_heading {
        shifts.map(heading_index(v, h, true)?)
    } else if let Some(h) = &p.before_heading {
        shifts.map(heading_index(v, h, false)?)
    } else {
        let text = p.anchor_text.as_deref().unwrap_or_default();
        shifts.map(anchor_index(v, text, p.anchor_position == AnchorPosition::After)?)
    };
    Ok(("location", t.location(at), format!("at {at}")))
}

pub(super) fn cell(t: &Target, table: i64, row: i64, column: i64) -> Result<Value, String> {
    Ok(json!({
        "tableStartLocation": t.location(index(table, "table_start_index")?),
        "rowIndex": index(row, "row_index")?,
        "columnIndex": index(column, "column_index")?,
    }))
}

pub(super) fn one(request: Value, summary: String) -> Result<Translated, String> {
    Ok(Translated { requests: vec![request], summary })
}

/// A style object and its mask from `(field, value)` pairs that were given.
pub(super) fn masked(pairs: Vec<(&str, Option<Value>)>) -> Option<(Value, String)> {
    let set: Vec<(&str, Value)> = pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect();
    if set.is_empty() {
        return None;
    }
    let fields = set.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(",");
    let style: Map<String, Value> = set.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    Some((Value::Object(style), fields))
}

/// The requests of `op`; `shifts` maps pre-batch places and learns how `op` moves text.
pub fn translate(op: &Operation, doc: &Document, shifts: &mut Shifts) -> Result<Translated, String> {
    let out = requests_of(op, doc, shifts)?;
    for r in &out.requests {
        let at = |k: &str| r.pointer(&format!("/{k}/location/index")).and_then(Value::as_u64).map(|i| i as usize);
        let range =
            |k: &str, e: &str| r.pointer(&format!("/{k}/range/{e}")).and_then(Value::as_u64).map(|i| i as usize);
        if let (Some(p), Some(text)) = (at("insertText"), r.pointer("/insertText/text").and_then(Value::as_str)) {
            shifts.insert(p, crate::utf16::len(text));
        } else if let (Some(s), Some(e)) =
            (range("deleteContentRange", "startIndex"), range("deleteContentRange", "endIndex"))
        {
            shifts.delete(s, e);
        } else if let Some(p) = at("insertPageBreak").or(at("insertInlineImage")).or(at("insertPerson")) {
            shifts.insert(p, 1);
        } else if let Some(p) = at("insertTable") {
            // A table costs its start, a mark per row and per cell, each cell's newline, and
            // the newline Docs adds before it.
            let (rows, cols) =
                (r["insertTable"]["rows"].as_u64().unwrap_or(0), r["insertTable"]["columns"].as_u64().unwrap_or(0));
            shifts.insert(p, (2 + rows + 2 * rows * cols) as usize);
        }
    }
    Ok(out)
}

fn requests_of(op: &Operation, doc: &Document, shifts: &Shifts) -> Result<Translated, String> {
    use Operation as O;
    match op {
        O::InsertText(o) => {
            let v = view(doc, &o.tab_id)?;
            let t = target(&v, &o.segment_id);
            if o.text.is_empty() {
                return Err("text must not be empty".into());
            }
            let (key, at, said) = place(&o.place, &v, &t, shifts)?;
            one(json!({"insertText": {key: at, "text": o.text}}), format!("insert text {said}"))
        }
        O::DeleteText(o) => {
            let t = target(&view(doc, &o.tab_id)?, &o.segment_id);
            let (s, e) = range(o.start_index, o.end_index)?;
            one(t.delete(s, e), format!("delete [{s}, {e})"))
        }
        O::ReplaceText(o) => {
            let t = target(&view(doc, &o.tab_id)?, &o.segment_id);
            let (s, e) = range(o.start_index, o.end_index)?;
            let mut requests = vec![t.delete(s, e)];
            if !o.text.is_empty() {
                requests.push(t.insert_text(s, &o.text));
            }
            Ok(Translated { requests, summary: format!("replace [{s}, {e})") })
        }
        O::FormatText(o) => {
            let t = target(&view(doc, &o.tab_id)?, &o.segment_id);
            let (s, e) = range(o.start_index, o.end_index)?;
            let style = o.format.to_style()?.ok_or("no formatting given (bold, font_size, text_color, ...)")?;
            one(t.text_style(s, e, &style), format!("format [{s}, {e}): {}", style.summary.join(", ")))
        }
        O::UpdateParagraphStyle(o) => {
            let t = target(&view(doc, &o.tab_id)?, &o.segment_id);
            let (s, e) = range(o.start_index, o.end_index)?;
            let style = o.format.to_style()?.ok_or("no paragraph style given (heading_level, alignment, ...)")?;
            one(t.paragraph_style(s, e, &style), format!("paragraph style [{s}, {e}): {}", style.summary.join(", ")))
        }
        O::UpdateTableCellStyle(o) => super::tables::cell_style(o, &target(&view(doc, &o.tab_id)?, &None)),
        O::InsertTable(o) => {
            let v = view(doc, &o.tab_id)?;
            let t = target(&v, &o.segment_id);
            if !(1..=20).contains(&o.rows) || !(1..=20).contains(&o.columns) {
                return Err(format!("rows and columns must be 1 to 20, got {} x {}", o.rows, o.columns));
            }
            let (key, at, said) = place(&o.place, &v, &t, shifts)?;
            let req = json!({"insertTable": {key: at, "rows": o.rows, "columns": o.columns}});
            one(req, format!("insert a {}x{} table {said}", o.rows, o.columns))
        }
        O::InsertTableRow(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let req = json!({"insertTableRow": {"tableCellLocation": cell(&t, o.table_start_index, o.row_index, 0)?, "insertBelow": o.insert_below}});
            one(req, format!("insert a table row next to row {}", o.row_index))
        }
        O::DeleteTableRow(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let req = json!({"deleteTableRow": {"tableCellLocation": cell(&t, o.table_start_index, o.row_index, 0)?}});
            one(req, format!("delete table row {}", o.row_index))
        }
        O::InsertTableColumn(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let loc = cell(&t, o.table_start_index, 0, o.column_index)?;
            let req = json!({"insertTableColumn": {"tableCellLocation": loc, "insertRight": o.insert_right}});
            one(req, format!("insert a table column next to column {}", o.column_index))
        }
        O::DeleteTableColumn(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let loc = cell(&t, o.table_start_index, 0, o.column_index)?;
            one(
                json!({"deleteTableColumn": {"tableCellLocation": loc}}),
                format!("delete table column {}", o.column_index),
            )
        }
        O::MergeTableCells(o) | O::UnmergeTableCells(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            if o.row_span < 1 || o.column_span < 1 {
                return Err("row_span and column_span must be 1 or more".into());
            }
            let range = json!({"tableCellLocation": cell(&t, o.table_start_index, o.row_index, o.column_index)?,
                "rowSpan": o.row_span, "columnSpan": o.column_span});
            let (kind, verb) = if matches!(op, O::MergeTableCells(_)) {
                ("mergeTableCells", "merge")
            } else {
                ("unmergeTableCells", "unmerge")
            };
            one(json!({kind: {"tableRange": range}}), format!("{verb} {}x{} cells", o.row_span, o.column_span))
        }
        O::UpdateTableColumnProperties(o) => {
            super::tables::column_properties(o, &target(&view(doc, &o.tab_id)?, &None))
        }
        O::UpdateTableRowStyle(o) => super::tables::row_style(o, &target(&view(doc, &o.tab_id)?, &None)),
        O::PinTableHeaderRows(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let count = index(o.pinned_header_rows_count, "pinned_header_rows_count")?;
            let req = json!({"pinTableHeaderRows": {"tableStartLocation": t.location(index(o.table_start_index, "table_start_index")?), "pinnedHeaderRowsCount": count}});
            one(req, format!("pin {count} header row(s)"))
        }
        O::InsertPageBreak(o) => {
            let v = view(doc, &o.tab_id)?;
            let (key, at, said) = place(&o.place, &v, &target(&v, &None), shifts)?;
            one(json!({"insertPageBreak": {key: at}}), format!("insert a page break {said}"))
        }
        O::InsertSectionBreak(o) => {
            let v = view(doc, &o.tab_id)?;
            let (key, at, said) = place(&o.place, &v, &target(&v, &None), shifts)?;
            let kind = if o.section_type == SectionType::Continuous { "CONTINUOUS" } else { "NEXT_PAGE" };
            one(
                json!({"insertSectionBreak": {key: at, "sectionType": kind}}),
                format!("insert a {kind} section break {said}"),
            )
        }
        O::FindReplace(o) => {
            if o.find_text.is_empty() {
                return Err("find_text must not be empty".into());
            }
            let mut req = json!({"replaceAllText": {"containsText": {"text": o.find_text, "matchCase": o.match_case}, "replaceText": o.replace_text}});
            if let Some(t) = o.tab_id.as_deref().filter(|t| !t.trim().is_empty()) {
                view(doc, &o.tab_id)?;
                req["replaceAllText"]["tabsCriteria"] = json!({"tabIds": [t]});
            }
            one(req, format!("replace \"{}\" with \"{}\"", o.find_text, o.replace_text))
        }
        O::CreateBulletList(o) => bullet_list(o, doc),
        other => super::document::translate(other, doc, shifts),
    }
}

fn bullet_list(o: &CreateBulletList, doc: &Document) -> Result<Translated, String> {
    let v = view(doc, &o.tab_id)?;
    let t = target(&v, &o.segment_id);
    let (s, e) = range(o.start_index, o.end_index)?;
    let kind = match o.list_type {
        ListType::Unordered => "UNORDERED",
        ListType::Ordered => "ORDERED",
        ListType::Checkbox => "CHECKBOX",
        ListType::None => "NONE",
    };
    match list_change(Some(kind), o.bullet_preset.as_deref())? {
        Some(ListChange::Bullets(preset)) => {
            let level = match o.nesting_level {
                None => 0,
                Some(n @ 0..=8) => index(n, "nesting_level")?,
                Some(n) => return Err(format!("nesting_level must be 0 to 8, got {n}")),
            };
            let starts = match &o.paragraph_start_indices {
                Some(given) => {
                    given.iter().map(|i| index(*i, "paragraph_start_indices")).collect::<Result<Vec<_>, _>>()?
                }
                None if level > 0 && t.segment_id.is_some() => {
                    return Err("give paragraph_start_indices for a nested list in a header, footer or footnote".into());
                }
                None if level > 0 => paragraph_starts(&v, s, e),
                None => Vec::new(),
            };
            let requests = t.nested_bullets(s, e, &preset, level, &starts);
            Ok(Translated { requests, summary: format!("{preset} list over [{s}, {e}) at level {level}") })
        }
        _ => one(t.remove_bullets(s, e), format!("remove list formatting from [{s}, {e})")),
    }
}

/// `color(hex)` for an optional argument.
pub(super) fn maybe_color(hex: &Option<String>, name: &str) -> Result<Option<Value>, String> {
    hex.as_deref().map(|h| color(h, name)).transpose()
}
