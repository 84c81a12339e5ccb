//! move_sheet_rows: rows moved from one sheet to the end of another's data in one
//! batchUpdate (grow the destination if needed, copyPaste, deleteDimension). A copy keeps
//! formulas, formats and validation, which a values read and write would lose. Google applies
//! a batch atomically, so the rows are never left on both sheets.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::nonblank;
use crate::a1::quote_sheet;
use crate::api;

// Arguments of `move_sheet_rows`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct MoveSheetRowsParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// The sheet the rows leave.
    pub source_sheet: String,
    /// First row to move (1-based, as Sheets numbers rows).
    pub start_row: i64,
    /// Last row to move (1-based, inclusive).
    pub end_row: i64,
    /// The sheet the rows go to, below its last row with data (another sheet of the same spreadsheet).
    pub destination_sheet: String,
}

pub fn move_sheet_rows() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "move_sheet_rows",
            title: "Move Sheet Rows",
            description: "Move a block of rows (1-based, inclusive) from one sheet to below the data of another \
                sheet in the same spreadsheet, keeping formulas, formats and validation; the source rows are \
                removed and the rows under them move up. One write. Formulas elsewhere that pointed at the moved \
                rows show #REF!, as after deleting rows in Sheets.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        move_rows,
    )
}

/// A sheet of the read: id, title, row count.
fn sheet<'a>(sheets: &'a [Value], name: &str, what: &str) -> Result<(i64, String, u64), ToolError> {
    let title = |s: &'a Value| s["properties"]["title"].as_str().unwrap_or("");
    let found = sheets
        .iter()
        .find(|s| title(s) == name)
        .or_else(|| sheets.iter().find(|s| title(s).eq_ignore_ascii_case(name)))
        .ok_or_else(|| {
            let names: Vec<String> = sheets.iter().map(|s| format!("'{}'", title(s))).collect();
            ToolError::invalid(format!("{what}: no sheet named '{name}'; the sheets are {}", names.join(", ")))
        })?;
    let p = &found["properties"];
    Ok((
        p["sheetId"].as_i64().unwrap_or(0),
        title(found).to_string(),
        p["gridProperties"]["rowCount"].as_u64().unwrap_or(0),
    ))
}

async fn move_rows(ctx: ToolCtx, p: MoveSheetRowsParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let (from_name, to_name) =
        (nonblank(&p.source_sheet, "source_sheet")?, nonblank(&p.destination_sheet, "destination_sheet")?);
    if p.start_row < 1 || p.end_row < p.start_row {
        return Err(ToolError::invalid(format!(
            "start_row {} and end_row {} must be row numbers from 1 with end_row >= start_row",
            p.start_row, p.end_row
        )));
    }
    let g = ctx.google().await?;
    let book =
        api::spreadsheets_get(&g, id, &[], false, Some("sheets(properties(sheetId,title,gridProperties))")).await?;
    let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
    let (src_id, src, src_rows) = sheet(&sheets, from_name, "source_sheet")?;
    let (dst_id, dst, dst_rows) = sheet(&sheets, to_name, "destination_sheet")?;
    if src_id == dst_id {
        return Err(ToolError::invalid(
            "source_sheet and destination_sheet are the same sheet; give two different sheets",
        ));
    }
    let (start, end) = (p.start_row as u64, p.end_row as u64);
    if end > src_rows {
        return Err(ToolError::invalid(format!("end_row {end} is beyond sheet '{src}', which has {src_rows} rows")));
    }
    let moved = api::values_get(&g, id, &format!("{}!{start}:{end}", quote_sheet(&src)), "FORMATTED_VALUE").await?;
    if moved["values"].as_array().is_none_or(Vec::is_empty) {
        return Err(ToolError::invalid(format!("rows {start}-{end} of sheet '{src}' are empty; nothing to move")));
    }
    let below = api::values_get(&g, id, &quote_sheet(&dst), "FORMATTED_VALUE").await?;
    let paste_at = below["values"].as_array().map_or(0, Vec::len) as u64;
    let n = end - start + 1;
    let mut requests = Vec::new();
    if paste_at + n > dst_rows {
        requests.push(json!({ "appendDimension": {
            "sheetId": dst_id, "dimension": "ROWS", "length": paste_at + n - dst_rows } }));
    }
    requests.push(json!({ "copyPaste": {
        "source": { "sheetId": src_id, "startRowIndex": start - 1, "endRowIndex": end },
        "destination": { "sheetId": dst_id, "startRowIndex": paste_at, "endRowIndex": paste_at + n },
        "pasteType": "PASTE_NORMAL" } }));
    requests.push(json!({ "deleteDimension": { "range": {
        "sheetId": src_id, "dimension": "ROWS", "startIndex": start - 1, "endIndex": end } } }));
    api::spreadsheets_batch_update(&g, id, requests).await?;
    Ok(ToolOutput::text(format!(
        "Moved {n} row(s) ({start}-{end}) from sheet '{src}' to rows {}-{} of sheet '{dst}' in spreadsheet {id}; \
         the rows below them on '{src}' moved up by {n}.\n",
        paste_at + 1,
        paste_at + n
    )))
}
