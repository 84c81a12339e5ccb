//! The spreadsheets every sandbox starts with: the three the Drive seed lists (Atlas budget,
//! Atlas OKRs, the 2026 forecast), built from Drive's own seed content so the two emulations
//! cannot drift. USER_ENTERED parsing turns "12000" into a number and "40%" into a percentage;
//! the budget's Total row sums its columns with formulas (to the totals Drive's copy shows).
//! The forecast lives in the Finance shared drive where the user is only a reader.

use serde_json::json;
use wsmcp_drive::sandbox::Content;
use wsmcp_drive::sandbox::seed::{content, ids};

use super::cells::parse_entered;
use super::store::{Entered, SheetRec, Spreadsheet, Store};
use crate::a1::column_letters;

pub use ids::{ATLAS_BUDGET_SHEET, FINANCE_FORECAST_SHEET, TEAM_OKRS_SHEET};

/// Fixed sheet ids, so tests can name them.
pub const BUDGET_SHEET_ID: i64 = 0;
pub const NOTES_SHEET_ID: i64 = 1_482_397_065;
/// The budget's table of cost lines (A1:E5: the header and four categories, not the Total).
pub const BUDGET_TABLE_ID: &str = "1847203117";

pub fn account(user: &str) -> Store {
    let mut budget =
        book(ATLAS_BUDGET_SHEET, "Atlas budget", content::atlas_budget(), &[BUDGET_SHEET_ID, NOTES_SHEET_ID], false);
    if let Some(sheet) = budget.sheets.first_mut() {
        sheet.tables.push(budget_table());
    }
    Store {
        user: user.to_string(),
        spreadsheets: vec![
            budget,
            book(TEAM_OKRS_SHEET, "Atlas OKRs", content::team_okrs(), &[0], false),
            book(FINANCE_FORECAST_SHEET, "2026 forecast", content::finance_forecast(), &[0], true),
        ],
    }
}

fn book(id: &str, title: &str, content: Content, sheet_ids: &[i64], read_only: bool) -> Spreadsheet {
    let Content::Spreadsheet(sheets) = content else { unreachable!("the Drive seed gives {id} sheet content") };
    let sheets = sheets
        .iter()
        .zip(sheet_ids.iter().copied().chain(100..))
        .map(|(s, sid)| {
            let mut sheet = SheetRec::new(sid, &s.title);
            sheet.frozen_rows = 1;
            for (r, row) in s.rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    let (value, format) = parse_entered(&json!(text), true);
                    if value.is_none() {
                        continue;
                    }
                    let cell = sheet.cells.entry((r as u32, c as u32)).or_default();
                    cell.value = value;
                    cell.format = format.map(|f| json!({ "numberFormat": f }));
                }
            }
            sum_total_row(&mut sheet);
            sheet
        })
        .collect();
    Spreadsheet { id: id.to_string(), title: title.to_string(), sheets, named_ranges: Vec::new(), read_only }
}

/// The cost lines as a Sheets table: typed columns over the seeded header row.
fn budget_table() -> serde_json::Value {
    let column = |i: u32, name: &str, kind: &str| json!({ "columnIndex": i, "columnName": name, "columnType": kind });
    json!({
        "tableId": BUDGET_TABLE_ID,
        "name": "Cost_lines",
        "range": { "sheetId": BUDGET_SHEET_ID, "startRowIndex": 0, "endRowIndex": 5, "startColumnIndex": 0,
            "endColumnIndex": 5 },
        "columnProperties": [
            column(0, "Category", "TEXT"),
            column(1, "Planned (EUR)", "DOUBLE"),
            column(2, "Actual (EUR)", "DOUBLE"),
            column(3, "Owner", "TEXT"),
            column(4, "Notes", "TEXT"),
        ],
    })
}

/// A row whose first cell is "Total" sums the numbers above it in each numeric column.
fn sum_total_row(sheet: &mut SheetRec) {
    let total = sheet.cells.iter().find(|((_, c), cell)| *c == 0 && cell.value == Some(Entered::Text("Total".into())));
    let Some(((row, _), _)) = total else { return };
    let row = *row;
    for ((_, col), cell) in sheet.cells.range_mut((row, 1)..(row + 1, 0)) {
        if matches!(cell.value, Some(Entered::Number(_))) {
            let letters = column_letters(*col);
            cell.value = Some(Entered::Formula(format!("=SUM({letters}2:{letters}{row})")));
        }
    }
}
