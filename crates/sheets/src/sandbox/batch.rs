//! `spreadsheets.batchUpdate`: the requests are applied in order to a copy of the spreadsheet,
//! which replaces the stored one only when all succeed (Google's batch is atomic). Served:
//! addSheet, duplicateSheet, deleteSheet, updateSheetProperties, updateCells, repeatCell,
//! updateBorders, mergeCells, unmergeCells, setDataValidation, add/update/deleteNamedRange,
//! the row and column requests (`dimensions`), tables and appendCells (`tables`), conditional
//! format rules (`rules`) and copyPaste (`paste`).

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson};

use super::spreadsheets::{duplicate_title, spreadsheet_json};
use super::store::{SharedStore, SheetRec, Spreadsheet};
use super::{Reply, ok};
use super::{dimensions, format, paste, rules, tables};

/// POST `spreadsheets/{id}:batchUpdate` (the id segment carries the `:batchUpdate` verb).
pub async fn spreadsheets_post(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let Some(id) = id.strip_suffix(":batchUpdate") else {
        return Err(GoogleError::not_emulated("POST", &id));
    };
    let mut s = store.lock();
    let book = s.get_mut(id)?;
    book.writable()?;
    let requests = body["requests"].as_array().cloned().unwrap_or_default();
    if requests.is_empty() {
        return Err(GoogleError::bad_request("Must specify at least one request."));
    }
    let mut copy = book.clone();
    let mut replies = Vec::new();
    for (n, req) in requests.iter().enumerate() {
        let reply = apply(&mut copy, req).map_err(|e| prefixed(e, n, req))?;
        replies.push(reply);
    }
    *book = copy;
    let mut out = json!({ "spreadsheetId": book.id, "replies": replies });
    if body["includeSpreadsheetInResponse"] == json!(true) {
        out["updatedSpreadsheet"] = spreadsheet_json(book, &[], false);
    }
    ok(out)
}

/// Google names the failing request: "Invalid requests[1].deleteSheet: ...".
fn prefixed(e: GoogleError, n: usize, req: &Value) -> GoogleError {
    let kind = req.as_object().and_then(|o| o.keys().next().cloned()).unwrap_or_default();
    let msg = e.message.strip_prefix("Invalid requests[0].addSheet: ").unwrap_or(&e.message).to_string();
    if msg.starts_with("Invalid requests[") {
        return e;
    }
    GoogleError::new(e.status, e.reason.clone(), format!("Invalid requests[{n}].{kind}: {msg}"))
}

fn bad(msg: impl Into<String>) -> GoogleError {
    GoogleError::bad_request(msg)
}

fn apply(book: &mut Spreadsheet, req: &Value) -> Result<Value, GoogleError> {
    let (kind, r) = req.as_object().and_then(|o| o.iter().next()).ok_or_else(|| bad("Empty request"))?;
    match kind.as_str() {
        "addSheet" => add_sheet(book, &r["properties"]),
        "duplicateSheet" => duplicate_sheet(book, r),
        "deleteSheet" => {
            let i = book.sheet_by_id(r["sheetId"].as_i64().unwrap_or(-1))?;
            if book.sheets.len() == 1 {
                return Err(bad("You can't remove all the sheets in a document."));
            }
            let gone = book.sheets.remove(i).id;
            // Named ranges on a deleted sheet go with it.
            book.named_ranges.retain(|n| n.range["sheetId"].as_i64().unwrap_or(0) != gone);
            Ok(json!({}))
        }
        "updateSheetProperties" => update_properties(book, &r["properties"], r["fields"].as_str().unwrap_or("")),
        "updateCells" | "repeatCell" | "updateBorders" | "mergeCells" | "unmergeCells" | "setDataValidation" => {
            format::apply(book, kind, r)
        }
        "addNamedRange" | "updateNamedRange" | "deleteNamedRange" => named_range(book, kind, r),
        "insertDimension"
        | "deleteDimension"
        | "appendDimension"
        | "moveDimension"
        | "updateDimensionProperties"
        | "autoResizeDimensions" => dimensions::apply(book, kind, r),
        "addTable" | "updateTable" | "deleteTable" | "appendCells" => tables::apply(book, kind, r),
        "addConditionalFormatRule" | "updateConditionalFormatRule" | "deleteConditionalFormatRule" => {
            rules::apply(book, kind, r)
        }
        "copyPaste" => paste::apply(book, r),
        other => Err(GoogleError::not_emulated("batchUpdate", other)),
    }
}

fn check_title(book: &Spreadsheet, title: &str, except: Option<i64>) -> Result<(), GoogleError> {
    if title.trim().is_empty() {
        return Err(bad("The sheet name cannot be empty."));
    }
    if book.sheets.iter().any(|s| s.title.eq_ignore_ascii_case(title) && Some(s.id) != except) {
        return Err(duplicate_title(title));
    }
    Ok(())
}

fn insert_at(book: &mut Spreadsheet, sheet: SheetRec, index: Option<i64>) -> Result<usize, GoogleError> {
    let at = match index {
        None => book.sheets.len(),
        Some(i) if i < 0 || i as usize > book.sheets.len() => {
            return Err(bad(format!("Invalid index {i}: the spreadsheet has {} sheets", book.sheets.len())));
        }
        Some(i) => i as usize,
    };
    book.sheets.insert(at, sheet);
    Ok(at)
}

fn add_sheet(book: &mut Spreadsheet, p: &Value) -> Result<Value, GoogleError> {
    let id = p["sheetId"].as_i64().unwrap_or_else(|| book.new_sheet_id());
    if book.sheets.iter().any(|s| s.id == id) {
        return Err(bad(format!("A sheet with id {id} already exists.")));
    }
    let title = match p["title"].as_str() {
        Some(t) => t.to_string(),
        None => {
            (1..).map(|n| format!("Sheet{n}")).find(|t| !book.sheets.iter().any(|s| s.title == *t)).unwrap_or_default()
        }
    };
    check_title(book, &title, None)?;
    let mut sheet = SheetRec::new(id, &title);
    let grid = &p["gridProperties"];
    sheet.rows = grid["rowCount"].as_u64().map_or(sheet.rows, |v| v as u32);
    sheet.cols = grid["columnCount"].as_u64().map_or(sheet.cols, |v| v as u32);
    let at = insert_at(book, sheet, p["index"].as_i64())?;
    Ok(json!({ "addSheet": { "properties": book.sheets[at].properties(at) } }))
}

fn duplicate_sheet(book: &mut Spreadsheet, r: &Value) -> Result<Value, GoogleError> {
    let src = book.sheet_by_id(r["sourceSheetId"].as_i64().unwrap_or(-1))?;
    let mut copy = book.sheets[src].clone();
    copy.id = r["newSheetId"].as_i64().unwrap_or_else(|| book.new_sheet_id());
    copy.title = match r["newSheetName"].as_str() {
        Some(t) => t.to_string(),
        None => format!("Copy of {}", copy.title),
    };
    check_title(book, &copy.title, None)?;
    let at = insert_at(book, copy, r["insertSheetIndex"].as_i64())?;
    Ok(json!({ "duplicateSheet": { "properties": book.sheets[at].properties(at) } }))
}

/// Applies the listed `fields` of `p` to the sheet it names; a new `index` counts positions
/// before the move, as Google documents.
fn update_properties(book: &mut Spreadsheet, p: &Value, fields: &str) -> Result<Value, GoogleError> {
    let i = book.sheet_by_id(p["sheetId"].as_i64().unwrap_or(-1))?;
    if fields.trim().is_empty() {
        return Err(bad("At least one field must be updated, but 'fields' is empty."));
    }
    for field in fields.split(',').map(str::trim) {
        let grid = &p["gridProperties"];
        match field {
            "title" => {
                let t = p["title"].as_str().unwrap_or("");
                check_title(book, t, Some(book.sheets[i].id))?;
                book.sheets[i].title = t.to_string();
            }
            "hidden" => {
                let hide = p["hidden"].as_bool().unwrap_or(false);
                let visible = book.sheets.iter().enumerate().filter(|(j, s)| *j != i && !s.hidden).count();
                if hide && visible == 0 {
                    return Err(bad("You can't hide all the sheets in a document."));
                }
                book.sheets[i].hidden = hide;
            }
            "tabColorStyle" | "tabColor" => {
                let c =
                    if field == "tabColor" { p["tabColor"].clone() } else { p["tabColorStyle"]["rgbColor"].clone() };
                book.sheets[i].tab_color = (!c.is_null()).then_some(c);
            }
            "gridProperties.hideGridlines" => book.sheets[i].hide_gridlines = grid["hideGridlines"] == json!(true),
            "gridProperties.frozenRowCount" => {
                book.sheets[i].frozen_rows = grid["frozenRowCount"].as_u64().unwrap_or(0) as u32
            }
            "gridProperties.frozenColumnCount" => {
                book.sheets[i].frozen_cols = grid["frozenColumnCount"].as_u64().unwrap_or(0) as u32
            }
            // Moved last, once the other fields are set on the sheet at `i`.
            "index" => {}
            other => return Err(GoogleError::not_emulated("updateSheetProperties", other)),
        }
    }
    if fields.split(',').any(|f| f.trim() == "index") {
        let to = p["index"].as_i64().unwrap_or(0).clamp(0, book.sheets.len() as i64) as usize;
        let sheet = book.sheets.remove(i);
        let at = if to > i { to - 1 } else { to };
        book.sheets.insert(at.min(book.sheets.len()), sheet);
    }
    Ok(json!({}))
}

/// Named ranges: names unique ignoring case, ranges on existing sheets.
fn named_range(book: &mut Spreadsheet, kind: &str, r: &Value) -> Result<Value, GoogleError> {
    let n = &r["namedRange"];
    let check_range =
        |book: &Spreadsheet, range: &Value| book.sheet_by_id(range["sheetId"].as_i64().unwrap_or(0)).map(|_| ());
    let taken = |book: &Spreadsheet, name: &str, except: &str| {
        book.named_ranges.iter().any(|x| x.name.eq_ignore_ascii_case(name) && x.id != except)
    };
    match kind {
        "addNamedRange" => {
            let name = n["name"].as_str().unwrap_or("").to_string();
            if name.is_empty() {
                return Err(bad("Named range name cannot be empty."));
            }
            if taken(book, &name, "") {
                return Err(bad(format!("Named range with name \"{name}\" already exists.")));
            }
            check_range(book, &n["range"])?;
            let id = n["namedRangeId"]
                .as_str()
                .map_or_else(|| wsmcp_sandbox_kit::ids::alphanumeric(12).to_lowercase(), str::to_string);
            let range = n["range"].clone();
            book.named_ranges.push(super::store::NamedRange {
                id: id.clone(),
                name: name.clone(),
                range: range.clone(),
            });
            Ok(json!({ "addNamedRange": { "namedRange": { "namedRangeId": id, "name": name, "range": range } } }))
        }
        "updateNamedRange" => {
            let id = n["namedRangeId"].as_str().unwrap_or("").to_string();
            let fields = r["fields"].as_str().unwrap_or("");
            let i = book
                .named_ranges
                .iter()
                .position(|x| x.id == id)
                .ok_or_else(|| bad(format!("No named range with id: {id}")))?;
            for f in fields.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                match f {
                    "name" => {
                        let name = n["name"].as_str().unwrap_or("");
                        if name.is_empty() || taken(book, name, &id) {
                            return Err(bad(format!("Invalid named range name: \"{name}\" is empty or already used.")));
                        }
                        book.named_ranges[i].name = name.to_string();
                    }
                    "range" => {
                        check_range(book, &n["range"])?;
                        book.named_ranges[i].range = n["range"].clone();
                    }
                    other => return Err(GoogleError::not_emulated("updateNamedRange", other)),
                }
            }
            if fields.trim().is_empty() {
                return Err(bad("At least one field must be updated, but 'fields' is empty."));
            }
            Ok(json!({}))
        }
        _ => {
            let id = r["namedRangeId"].as_str().unwrap_or("");
            let before = book.named_ranges.len();
            book.named_ranges.retain(|x| x.id != id);
            if book.named_ranges.len() == before {
                return Err(bad(format!("No named range with id: {id}")));
            }
            Ok(json!({}))
        }
    }
}
