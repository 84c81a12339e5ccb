//! Tables (addTable, updateTable, deleteTable) and appendCells, which appends after a sheet's
//! last row with data or, given a `tableId`, to the end of that table's body: rows are
//! inserted below the table (what lies under it moves down) and the table's range grows.

use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::dimensions::{Change, change};
use super::format::{grid, mask_paths, set_cell};
use super::refs::Axis;
use super::store::Spreadsheet;

fn bad(msg: impl Into<String>) -> GoogleError {
    GoogleError::bad_request(msg)
}

/// Where the table `id` is: its sheet and its position in that sheet's list.
fn find(book: &Spreadsheet, id: &str) -> Result<(usize, usize), GoogleError> {
    book.sheets
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.tables.iter().position(|t| t["tableId"] == json!(id)).map(|j| (i, j)))
        .ok_or_else(|| bad(format!("No table with id: {id}")))
}

fn overlaps(a: &Value, b: &Value) -> bool {
    let g = |r: &Value, k: &str| r[k].as_u64().unwrap_or(0);
    a["sheetId"] == b["sheetId"]
        && g(a, "startRowIndex") < g(b, "endRowIndex")
        && g(b, "startRowIndex") < g(a, "endRowIndex")
        && g(a, "startColumnIndex") < g(b, "endColumnIndex")
        && g(b, "startColumnIndex") < g(a, "endColumnIndex")
}

/// A numeric id (as Google's look) after the largest in use.
fn new_table_id(book: &Spreadsheet) -> String {
    let ids = book.sheets.iter().flat_map(|s| &s.tables).filter_map(|t| t["tableId"].as_str()?.parse::<u64>().ok());
    (ids.max().unwrap_or(1_847_203_117) + 1).to_string()
}

/// Checks a table's name and range against the other tables (`except` is its own id).
fn check(book: &Spreadsheet, table: &Value, except: &str) -> Result<(), GoogleError> {
    let name = table["name"].as_str().unwrap_or("");
    if name.trim().is_empty() {
        return Err(bad("The table name cannot be empty."));
    }
    let range = &table["range"];
    let (_, (r0, r1, c0, c1)) = grid(book, range)?;
    let sides = ["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"];
    if sides.iter().any(|k| range[*k].as_u64().is_none()) || r1 <= r0 + 1 || c1 <= c0 {
        return Err(bad("A table range must name all four sides and hold a header row and at least one more row."));
    }
    for other in book.sheets.iter().flat_map(|s| &s.tables).filter(|t| t["tableId"] != json!(except)) {
        if other["name"].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return Err(bad(format!("A table with the name \"{name}\" already exists.")));
        }
        if overlaps(&other["range"], range) {
            return Err(bad("Tables cannot overlap other tables."));
        }
    }
    Ok(())
}

/// Column properties from the header row when the request gives none.
fn columns_from_header(book: &Spreadsheet, i: usize, range: &Value) -> Value {
    let g = |k: &str| range[k].as_u64().unwrap_or(0) as u32;
    let (r0, c0, c1) = (g("startRowIndex"), g("startColumnIndex"), g("endColumnIndex"));
    let cols: Vec<Value> = (c0..c1)
        .map(|c| {
            let header = super::cells::rendered(book, i, r0, c, "FORMATTED_VALUE");
            let name =
                header.as_str().filter(|h| !h.is_empty()).map_or(format!("Column {}", c - c0 + 1), str::to_string);
            json!({ "columnIndex": c - c0, "columnName": name, "columnType": "TEXT" })
        })
        .collect();
    json!(cols)
}

pub fn apply(book: &mut Spreadsheet, kind: &str, r: &Value) -> Result<Value, GoogleError> {
    match kind {
        "addTable" => {
            let mut table = r["table"].clone();
            let (i, _) = grid(book, &table["range"])?;
            if table["name"].is_null() {
                let taken = |n: &str| book.sheets.iter().flat_map(|s| &s.tables).any(|t| t["name"] == json!(n));
                table["name"] = json!((1..).map(|n| format!("Table{n}")).find(|n| !taken(n)).unwrap_or_default());
            }
            let id = match table["tableId"].as_str() {
                Some(id) if find(book, id).is_ok() => return Err(bad(format!("A table with id {id} already exists."))),
                Some(id) => id.to_string(),
                None => new_table_id(book),
            };
            table["tableId"] = json!(id);
            check(book, &table, &id)?;
            if table["columnProperties"].as_array().is_none_or(Vec::is_empty) {
                table["columnProperties"] = columns_from_header(book, i, &table["range"]);
            }
            book.sheets[i].tables.push(table.clone());
            Ok(json!({ "addTable": { "table": table } }))
        }
        "updateTable" => {
            let id = r["table"]["tableId"].as_str().unwrap_or("");
            let (i, j) = find(book, id)?;
            let fields = mask_paths(r["fields"].as_str().unwrap_or(""));
            if fields.is_empty() {
                return Err(bad("At least one field must be updated, but 'fields' is empty."));
            }
            let mut table = book.sheets[i].tables[j].clone();
            for f in &fields {
                let top = f.split('.').next().unwrap_or("");
                if !matches!(top, "name" | "range" | "columnProperties" | "rowsProperties") {
                    return Err(GoogleError::not_emulated("updateTable", f));
                }
                table[top] = r["table"][top].clone();
            }
            check(book, &table, id)?;
            let (to, _) = grid(book, &table["range"])?;
            book.sheets[i].tables.remove(j);
            book.sheets[to].tables.push(table);
            Ok(json!({}))
        }
        "deleteTable" => {
            let id = r["tableId"].as_str().unwrap_or("");
            let (i, j) = find(book, id)?;
            book.sheets[i].tables.remove(j);
            Ok(json!({}))
        }
        _ => append_cells(book, r),
    }
}

/// appendCells: to a table's body (`tableId`) or after the sheet's last row with data.
fn append_cells(book: &mut Spreadsheet, r: &Value) -> Result<Value, GoogleError> {
    let paths = mask_paths(r["fields"].as_str().unwrap_or(""));
    if paths.is_empty() {
        return Err(bad("At least one field must be updated, but 'fields' is empty."));
    }
    let rows = r["rows"].as_array().cloned().unwrap_or_default();
    let n = rows.len() as u32;
    let width = rows.iter().map(|x| x["values"].as_array().map_or(0, Vec::len)).max().unwrap_or(0) as u32;
    let (i, at, c0) = match r["tableId"].as_str() {
        Some(id) => {
            let (i, j) = find(book, id)?;
            if r["sheetId"].as_i64().is_some_and(|s| s != book.sheets[i].id) {
                return Err(bad(format!("Table {id} is not on sheet {}.", r["sheetId"])));
            }
            let range = book.sheets[i].tables[j]["range"].clone();
            let g = |k: &str| range[k].as_u64().unwrap_or(0) as u32;
            let (end, c0, c1) = (g("endRowIndex"), g("startColumnIndex"), g("endColumnIndex"));
            if width > c1 - c0 {
                return Err(bad(format!("The rows have {width} cells but table {id} has only {} columns.", c1 - c0)));
            }
            if n > 0 {
                change(book, i, Axis::Rows, Change::Insert { at: end, n });
                book.sheets[i].tables[j]["range"]["endRowIndex"] = json!(end + n);
            }
            (i, end, c0)
        }
        None => {
            let i = book.sheet_by_id(r["sheetId"].as_i64().unwrap_or(0))?;
            let sheet = &mut book.sheets[i];
            let at = sheet.cells.iter().filter(|(_, c)| c.value.is_some()).map(|((row, _), _)| row + 1).max();
            let at = at.unwrap_or(0);
            sheet.rows = sheet.rows.max(at + n);
            sheet.cols = sheet.cols.max(width);
            (i, at, 0)
        }
    };
    for (dr, row) in rows.iter().enumerate() {
        for (dc, data) in row["values"].as_array().into_iter().flatten().enumerate() {
            set_cell(book, i, (at + dr as u32, c0 + dc as u32), data, &paths);
        }
    }
    Ok(json!({}))
}
