//! Sheets tables: list_sheet_tables (ids, names, ranges, typed columns) and append_table_rows
//! (one `appendCells` with the table's id: Sheets adds the rows to the table's body and
//! extends its range).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{nonblank, rows_arg};
use crate::api;
use crate::render;

/// What the table tools read of a spreadsheet.
const TABLE_FIELDS: &str = "sheets(properties(sheetId,title),tables)";

// Arguments of `list_sheet_tables`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListSheetTablesParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
}

pub fn list_sheet_tables() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_sheet_tables",
            title: "List Sheet Tables",
            description: "List the tables (Sheets' structured ranges) of a spreadsheet: each table's id, name, sheet, \
                range, data row count and columns with their types. The ids are what append_table_rows takes.",
            service: Service::Sheets,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::SPREADSHEETS_READONLY],
        },
        list,
    )
}

/// Every table of the spreadsheet with the sheets (for titles).
async fn tables(g: &wsmcp_core::google::GoogleCtx, id: &str) -> Result<(Vec<Value>, Vec<Value>), ToolError> {
    let book = api::spreadsheets_get(g, id, &[], false, Some(TABLE_FIELDS)).await?;
    let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
    let all = sheets.iter().flat_map(|s| s["tables"].as_array().cloned().unwrap_or_default()).collect();
    Ok((all, sheets))
}

fn table_text(t: &Value, sheets: &[Value]) -> String {
    let range = &t["range"];
    let rows = range["endRowIndex"].as_u64().unwrap_or(0).saturating_sub(range["startRowIndex"].as_u64().unwrap_or(0));
    let mut out = format!(
        "- \"{}\" (table id {}): {}, {} data row(s)\n",
        t["name"].as_str().unwrap_or(""),
        t["tableId"].as_str().unwrap_or(""),
        render::grid_range_a1(range, sheets),
        rows.saturating_sub(1)
    );
    let columns: Vec<String> = t["columnProperties"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let kind = c["columnType"].as_str().map(|k| format!(" ({k})")).unwrap_or_default();
            format!("{}{kind}", c["columnName"].as_str().unwrap_or("?"))
        })
        .collect();
    if !columns.is_empty() {
        out.push_str(&format!("  Columns: {}\n", columns.join(", ")));
    }
    out
}

async fn list(ctx: ToolCtx, p: ListSheetTablesParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let g = ctx.google().await?;
    let (all, sheets) = tables(&g, id).await?;
    if all.is_empty() {
        return Ok(ToolOutput::text(format!(
            "Spreadsheet {id} has no tables (format a range as a table in Sheets to create one).\n"
        )));
    }
    let mut out = format!("{} table(s) in spreadsheet {id}:\n", all.len());
    for t in &all {
        out.push_str(&table_text(t, &sheets));
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `append_table_rows`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct AppendTableRowsParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// The table's id, from list_sheet_tables.
    pub table_id: String,
    /// The rows to add, each a list of cell values in the table's column order (a list of
    /// lists or its JSON text). Text starting with "=" is a formula; numbers stay numbers.
    #[schemars(schema_with = "rows_schema")]
    pub values: Value,
}

fn rows_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "array", "items": {}}}]
    })
}

pub fn append_table_rows() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "append_table_rows",
            title: "Append Table Rows",
            description: "Add rows to the end of a table's body; the table grows to include them (rows below the \
                table move down). Find the table id with list_sheet_tables. One request per call.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::CREATE,
            scopes: &[scope::SPREADSHEETS],
        },
        append,
    )
}

/// A cell value as Sheets' ExtendedValue: formulas, numbers, booleans, else text.
fn cell(v: &Value) -> Value {
    let value = match v {
        Value::Number(n) => json!({ "numberValue": n }),
        Value::Bool(b) => json!({ "boolValue": b }),
        Value::String(s) if s.starts_with('=') => json!({ "formulaValue": s }),
        Value::String(s) => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() && !s.trim().is_empty() => json!({ "numberValue": n }),
            _ => json!({ "stringValue": s }),
        },
        _ => return json!({}),
    };
    json!({ "userEnteredValue": value })
}

async fn append(ctx: ToolCtx, p: AppendTableRowsParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let table_id = nonblank(&p.table_id, "table_id")?;
    let rows = rows_arg(&p.values, "")?;
    let g = ctx.google().await?;
    let (all, sheets) = tables(&g, id).await?;
    let table = all.iter().find(|t| t["tableId"].as_str() == Some(table_id)).ok_or_else(|| {
        let ids: Vec<String> = all
            .iter()
            .map(|t| format!("{} ({})", t["tableId"].as_str().unwrap_or(""), t["name"].as_str().unwrap_or("")))
            .collect();
        let known =
            if ids.is_empty() { "it has no tables".to_string() } else { format!("its tables are {}", ids.join(", ")) };
        ToolError::invalid(format!("no table with id '{table_id}' in spreadsheet {id}; {known}"))
    })?;
    let range = &table["range"];
    let width =
        range["endColumnIndex"].as_u64().unwrap_or(0).saturating_sub(range["startColumnIndex"].as_u64().unwrap_or(0));
    if let Some((n, row)) = rows.iter().enumerate().find(|(_, r)| r.len() as u64 > width) {
        return Err(ToolError::invalid(format!(
            "row {} of values has {} cells but table '{}' has {width} columns",
            n + 1,
            row.len(),
            table["name"].as_str().unwrap_or(table_id)
        )));
    }
    let data: Vec<Value> = rows.iter().map(|r| json!({ "values": r.iter().map(cell).collect::<Vec<_>>() })).collect();
    let req = json!({ "appendCells": {
        "sheetId": range["sheetId"], "tableId": table_id, "rows": data, "fields": "userEnteredValue" } });
    api::spreadsheets_batch_update(&g, id, vec![req]).await?;
    let mut grown = range.clone();
    grown["endRowIndex"] = json!(range["endRowIndex"].as_u64().unwrap_or(0) + rows.len() as u64);
    Ok(ToolOutput::text(format!(
        "Appended {} row(s) to table '{}' (table id {table_id}) in spreadsheet {id}; it now spans {}.\n",
        rows.len(),
        table["name"].as_str().unwrap_or(""),
        render::grid_range_a1(&grown, &sheets)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_kind() {
        assert_eq!(cell(&json!("=B2*2")), json!({"userEnteredValue": {"formulaValue": "=B2*2"}}));
        assert_eq!(cell(&json!("1500")), json!({"userEnteredValue": {"numberValue": 1500.0}}));
        assert_eq!(cell(&json!(true)), json!({"userEnteredValue": {"boolValue": true}}));
        assert_eq!(cell(&json!("Lena")), json!({"userEnteredValue": {"stringValue": "Lena"}}));
        assert_eq!(cell(&Value::Null), json!({}));
    }
}
