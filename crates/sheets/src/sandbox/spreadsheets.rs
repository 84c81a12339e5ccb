//! `spreadsheets.create` and `spreadsheets.get` (properties, sheets, merges, conditional
//! formats, named ranges; with `includeGridData` the cells of the requested `ranges`).

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::cells::{effective, effective_json, extended, rendered};
use super::store::{Entered, SharedStore, SheetRec, Spreadsheet};
use super::{Reply, ok};
use crate::a1::A1;

pub async fn spreadsheets_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let title = body["properties"]["title"].as_str().unwrap_or("Untitled spreadsheet").to_string();
    let mut book = Spreadsheet {
        id: format!("1{}", wsmcp_sandbox_kit::ids::alphanumeric(43)),
        title,
        sheets: Vec::new(),
        named_ranges: Vec::new(),
        read_only: false,
    };
    for (n, s) in body["sheets"].as_array().cloned().unwrap_or_default().iter().enumerate() {
        let p = &s["properties"];
        let title = p["title"].as_str().map_or_else(|| format!("Sheet{}", n + 1), str::to_string);
        if book.sheets.iter().any(|x| x.title == title) {
            return Err(duplicate_title(&title));
        }
        let id = p["sheetId"].as_i64().unwrap_or(if n == 0 { 0 } else { book.new_sheet_id() });
        let mut sheet = SheetRec::new(id, &title);
        let grid = &p["gridProperties"];
        sheet.rows = grid["rowCount"].as_u64().map_or(sheet.rows, |v| v as u32);
        sheet.cols = grid["columnCount"].as_u64().map_or(sheet.cols, |v| v as u32);
        book.sheets.push(sheet);
    }
    if book.sheets.is_empty() {
        book.sheets.push(SheetRec::new(0, "Sheet1"));
    }
    let out = spreadsheet_json(&book, &[], false);
    store.lock().spreadsheets.push(book);
    ok(out)
}

pub fn duplicate_title(title: &str) -> GoogleError {
    GoogleError::bad_request(format!(
        "Invalid requests[0].addSheet: A sheet with the name \"{title}\" already exists. Please enter another name."
    ))
}

pub async fn spreadsheets_get(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    let book = s.get(&id)?;
    let mut ranges = Vec::new();
    for r in q.all("ranges") {
        ranges.push(book.locate(r)?);
    }
    // Google ignores includeGridData when a field mask is given: the mask decides.
    let grid = match q.get("fields") {
        Some(f) => super::format::mask_paths(f).iter().any(|p| p.split(['.', '/']).any(|k| k == "data")),
        None => q.flag("includeGridData")?,
    };
    ok(spreadsheet_json(book, &ranges, grid))
}

/// The Spreadsheet resource; with `ranges`, only the sheets they name (and their cells when
/// `grid` is set).
pub fn spreadsheet_json(book: &Spreadsheet, ranges: &[(usize, A1)], grid: bool) -> Value {
    let mut sheets = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        let mine: Vec<&A1> = ranges.iter().filter(|(s, _)| *s == i).map(|(_, r)| r).collect();
        if !ranges.is_empty() && mine.is_empty() {
            continue;
        }
        let mut s = json!({ "properties": sheet.properties(i) });
        if !sheet.merges.is_empty() {
            s["merges"] = json!(sheet.merges);
        }
        if !sheet.conditional_formats.is_empty() {
            s["conditionalFormats"] = json!(sheet.conditional_formats);
        }
        if !sheet.tables.is_empty() {
            s["tables"] = json!(sheet.tables);
        }
        if grid {
            let whole = A1::default();
            let all = if mine.is_empty() { vec![&whole] } else { mine };
            s["data"] = json!(all.iter().map(|r| grid_data(book, i, r)).collect::<Vec<_>>());
        }
        sheets.push(s);
    }
    let mut out = json!({
        "spreadsheetId": book.id,
        "properties": {
            "title": book.title, "locale": "en_US", "autoRecalc": "ON_CHANGE", "timeZone": "Europe/Berlin",
            "defaultFormat": { "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
                "textFormat": { "fontFamily": "arial,sans,sans-serif", "fontSize": 10 } },
        },
        "sheets": sheets,
        "spreadsheetUrl": book.url(),
    });
    if !book.named_ranges.is_empty() {
        let named: Vec<Value> = book
            .named_ranges
            .iter()
            .map(|n| json!({ "namedRangeId": n.id, "name": n.name, "range": n.range }))
            .collect();
        out["namedRanges"] = json!(named);
    }
    out
}

/// GridData for range `r` of sheet `i`: rows of CellData, trailing empty cells and rows trimmed.
fn grid_data(book: &Spreadsheet, i: usize, r: &A1) -> Value {
    let sheet = &book.sheets[i];
    let (r0, r1, c0, c1) = sheet.bounds(r);
    let mut rows: Vec<Value> = (r0..r1)
        .map(|row| {
            let mut cells: Vec<Value> = (c0..c1).map(|col| cell_json(book, i, row, col)).collect();
            while cells.last().is_some_and(|c| c == &json!({})) {
                cells.pop();
            }
            if cells.is_empty() { json!({}) } else { json!({ "values": cells }) }
        })
        .collect();
    while rows.last().is_some_and(|r| r == &json!({})) {
        rows.pop();
    }
    let mut out = json!({ "startRow": r0, "startColumn": c0 });
    if !rows.is_empty() {
        out["rowData"] = json!(rows);
    }
    out["rowMetadata"] = json!((r0..r1).map(|row| sheet.dimension_json(true, row)).collect::<Vec<_>>());
    out["columnMetadata"] = json!((c0..c1).map(|col| sheet.dimension_json(false, col)).collect::<Vec<_>>());
    out
}

fn cell_json(book: &Spreadsheet, i: usize, row: u32, col: u32) -> Value {
    let Some(cell) = book.sheets[i].cell(row, col) else { return json!({}) };
    let mut c = json!({});
    if let Some(v) = &cell.value {
        c["userEnteredValue"] = extended(v);
        if let Some(e) = effective_json(&effective(book, i, row, col, 0)) {
            c["effectiveValue"] = e;
        }
        c["formattedValue"] = rendered(book, i, row, col, "FORMATTED_VALUE");
    }
    if let Some(f) = &cell.format {
        c["userEnteredFormat"] = f.clone();
        c["effectiveFormat"] = f.clone();
    }
    let formula_link = match &cell.value {
        Some(Entered::Formula(f)) => hyperlink_of(f),
        _ => None,
    };
    if let Some(h) = cell.hyperlink.clone().or(formula_link) {
        c["hyperlink"] = json!(h);
    }
    if let Some(n) = &cell.note {
        c["note"] = json!(n);
    }
    if let Some(runs) = &cell.chip_runs {
        c["chipRuns"] = runs.clone();
    }
    if let Some(v) = &cell.validation {
        c["dataValidation"] = v.clone();
    }
    c
}

/// The link of a `=HYPERLINK("url", "label")` formula.
fn hyperlink_of(formula: &str) -> Option<String> {
    let rest = formula.get(..11).filter(|p| p.eq_ignore_ascii_case("=HYPERLINK("))?;
    let after = formula[rest.len()..].trim_start().strip_prefix('"')?;
    after.split('"').next().map(str::to_string)
}
