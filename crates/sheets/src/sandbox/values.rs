//! `spreadsheets.values.get`, `update`, `append` and `clear`. Reads are clamped to the grid
//! and trimmed of trailing empty cells and rows; writes beyond the grid fail with Google's
//! "exceeds grid limits" (append grows the grid instead). One path serves
//! `values/{range}`, `values/{range}:append` and `values/{range}:clear`.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::cells::{parse_entered, rendered};
use super::store::{Cell, SharedStore, Spreadsheet, a1_text};
use super::{Reply, ok};
use crate::a1::A1;

pub async fn values_get(
    State(store): State<SharedStore>,
    Path((id, range)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let s = store.lock();
    let book = s.get(&id)?;
    let (i, r) = book.locate(&range)?;
    let sheet = &book.sheets[i];
    let (r0, r1, c0, c1) = sheet.bounds(&r);
    if r.start_row.is_some_and(|v| v >= sheet.rows) || r.start_col.is_some_and(|v| v >= sheet.cols) {
        sheet.check_within(&r)?;
    }
    let render = q.get("valueRenderOption").unwrap_or("FORMATTED_VALUE");
    let mut rows: Vec<Vec<Value>> = (r0..r1)
        .map(|row| {
            let mut cells: Vec<Value> = (c0..c1).map(|col| rendered(book, i, row, col, render)).collect();
            while cells.last().is_some_and(|v| v == "") {
                cells.pop();
            }
            cells
        })
        .collect();
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    let columns = q.get("majorDimension") == Some("COLUMNS");
    if columns {
        rows = transpose(rows);
    }
    let mut out = json!({
        "range": a1_text(&sheet.title, (r0, r1), (c0, c1)),
        "majorDimension": if columns { "COLUMNS" } else { "ROWS" },
    });
    if !rows.is_empty() {
        out["values"] = json!(rows);
    }
    ok(out)
}

fn transpose(rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut cols: Vec<Vec<Value>> =
        (0..width).map(|c| rows.iter().map(|r| r.get(c).cloned().unwrap_or_else(|| json!(""))).collect()).collect();
    for col in &mut cols {
        while col.last().is_some_and(|v| v == "") {
            col.pop();
        }
    }
    cols
}

fn input_option(q: &QueryParams) -> Result<bool, GoogleError> {
    match q.get("valueInputOption") {
        Some("USER_ENTERED") => Ok(true),
        Some("RAW") => Ok(false),
        _ => Err(GoogleError::bad_request("'valueInputOption' is required but not specified")),
    }
}

/// The rows of a ValueRange body, as rows whatever its `majorDimension`.
fn body_rows(body: &Value) -> Result<Vec<Vec<Value>>, GoogleError> {
    let rows: Vec<Vec<Value>> = match body.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|_| GoogleError::invalid_argument("Invalid values: expected a list of lists"))?,
    };
    if rows.iter().flatten().any(|v| v.is_array() || v.is_object()) {
        return Err(GoogleError::invalid_argument("Invalid values[0][0]: list_value and struct_value are not allowed"));
    }
    Ok(if body.get("majorDimension").and_then(Value::as_str) == Some("COLUMNS") { transpose(rows) } else { rows })
}

/// Writes `rows` at the top-left of `r` on sheet `i`; the reply counts what was written.
pub fn write(
    book: &mut Spreadsheet,
    i: usize,
    r: &A1,
    rows: &[Vec<Value>],
    user_entered: bool,
) -> Result<Value, GoogleError> {
    let sheet = &book.sheets[i];
    let (sr, sc) = (r.start_row.unwrap_or(0), r.start_col.unwrap_or(0));
    let height = rows.len() as u32;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let single = r.end_row == Some(sr + 1) && r.end_col == Some(sc + 1);
    if !single {
        let area = a1_text(&sheet.title, (sr, r.end_row.unwrap_or(sheet.rows)), (sc, r.end_col.unwrap_or(sheet.cols)));
        if let Some(er) = r.end_row.filter(|er| sr + height > *er) {
            return Err(GoogleError::bad_request(format!(
                "Requested writing within range [{area}], but tried writing to row [{}]",
                er + 1
            )));
        }
        if let Some(ec) = r.end_col.filter(|ec| sc + width > *ec) {
            return Err(GoogleError::bad_request(format!(
                "Requested writing within range [{area}], but tried writing to column [{}]",
                crate::a1::column_letters(ec)
            )));
        }
    }
    let written = A1 {
        sheet: r.sheet.clone(),
        start_row: Some(sr),
        end_row: Some(sr + height.max(1)),
        start_col: Some(sc),
        end_col: Some(sc + width.max(1)),
    };
    sheet.check_within(&written)?;
    let sheet = &mut book.sheets[i];
    let mut cells = 0;
    for (dr, row) in rows.iter().enumerate() {
        for (dc, v) in row.iter().enumerate() {
            if v.is_null() {
                continue;
            }
            cells += 1;
            let (value, number_format) = parse_entered(v, user_entered);
            let cell = sheet.cells.entry((sr + dr as u32, sc + dc as u32)).or_default();
            cell.value = value;
            if let Some(nf) = number_format {
                let fmt = cell.format.get_or_insert_with(|| json!({}));
                fmt["numberFormat"] = nf;
            }
        }
    }
    sheet.cells.retain(|_, c| !c.is_blank());
    let title = sheet.title.clone();
    Ok(json!({
        "spreadsheetId": book.id,
        "updatedRange": a1_text(&title, (sr, sr + height), (sc, sc + width)),
        "updatedRows": height,
        "updatedColumns": width,
        "updatedCells": cells,
    }))
}

pub async fn values_update(
    State(store): State<SharedStore>,
    Path((id, range)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let user_entered = input_option(&q)?;
    let rows = body_rows(&body)?;
    let mut s = store.lock();
    let book = s.get_mut(&id)?;
    book.writable()?;
    let (i, r) = book.locate(&range)?;
    ok(write(book, i, &r, &rows, user_entered)?)
}

/// POST on a range: `:append` or `:clear`.
pub async fn values_post(
    State(store): State<SharedStore>,
    Path((id, range)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    let book = s.get_mut(&id)?;
    if let Some(range) = range.strip_suffix(":clear") {
        book.writable()?;
        let (i, r) = book.locate(range)?;
        let sheet = &mut book.sheets[i];
        let (r0, r1, c0, c1) = sheet.bounds(&r);
        for ((row, col), cell) in sheet.cells.iter_mut() {
            if (r0..r1).contains(row) && (c0..c1).contains(col) {
                cell.value = None;
            }
        }
        sheet.cells.retain(|_, c| !c.is_blank());
        let cleared = a1_text(&sheet.title, (r0, r1), (c0, c1));
        return ok(json!({ "spreadsheetId": book.id, "clearedRange": cleared }));
    }
    let Some(range) = range.strip_suffix(":append") else {
        return Err(GoogleError::not_emulated("POST", &range));
    };
    let user_entered = input_option(&q)?;
    let rows = body_rows(&body)?;
    book.writable()?;
    let (i, r) = book.locate(range)?;
    ok(append(book, i, &r, &rows, user_entered, q.get("insertDataOption") == Some("INSERT_ROWS"))?)
}

/// Appends after the last row holding values in the range's columns, growing the grid.
fn append(
    book: &mut Spreadsheet,
    i: usize,
    r: &A1,
    rows: &[Vec<Value>],
    user_entered: bool,
    insert_rows: bool,
) -> Result<Value, GoogleError> {
    let sheet = &mut book.sheets[i];
    let (r0, _, c0, c1) = sheet.bounds(r);
    let last = sheet.cells.iter().filter(|((row, col), c)| *row >= r0 && (c0..c1).contains(col) && c.value.is_some());
    let at = last.map(|((row, _), _)| row + 1).max().unwrap_or(r0);
    let height = rows.len() as u32;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
    if insert_rows {
        let moved: Vec<((u32, u32), Cell)> = sheet.cells.split_off(&(at, 0)).into_iter().collect();
        sheet.cells.extend(moved.into_iter().map(|((row, col), c)| ((row + height, col), c)));
        sheet.rows += height;
    }
    sheet.rows = sheet.rows.max(at + height);
    sheet.cols = sheet.cols.max(c0 + width);
    let table = a1_text(&sheet.title, (r0, at.max(r0 + 1)), (c0, c1.max(c0 + 1)));
    let target = A1 { sheet: r.sheet.clone(), start_row: Some(at), end_row: None, start_col: Some(c0), end_col: None };
    let updates = write(book, i, &target, rows, user_entered)?;
    ok_append(book, table, updates)
}

fn ok_append(book: &Spreadsheet, table: String, updates: Value) -> Result<Value, GoogleError> {
    Ok(json!({ "spreadsheetId": book.id, "tableRange": table, "updates": updates }))
}
