//! resize_sheet_dimensions: sizes, auto-fit, frozen rows and columns, hiding, inserting and
//! deleting rows and columns, all in one batchUpdate planned by `dimension_plan`. Every row
//! number and column letter means the sheet as it was before the call: the requests run in
//! order (properties first, then deletes from the bottom up, then inserts at positions moved
//! up by the rows deleted above them), so no index refers to a sheet an earlier request
//! already changed.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::dimension_plan::{Grid, plan};
use super::{find_tab, given, nonblank};
use crate::api;

// Arguments of `resize_sheet_dimensions`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ResizeSheetDimensionsParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// The sheet to change (the first sheet when omitted).
    pub sheet_name: Option<String>,
    /// Column widths in pixels by letter, e.g. {"A": 200, "C": 300} (or its JSON text).
    #[serde(default)]
    #[schemars(schema_with = "map_schema")]
    pub column_sizes: Option<Value>,
    /// Row heights in pixels by 1-based row number, e.g. {"1": 40} (or its JSON text).
    #[serde(default)]
    #[schemars(schema_with = "map_schema")]
    pub row_sizes: Option<Value>,
    /// Columns to fit to their content, e.g. ["A", "B"].
    #[serde(default)]
    #[schemars(schema_with = "letters_schema")]
    pub auto_resize_columns: Option<Value>,
    /// Rows (1-based) to fit to their content, e.g. [1, 2].
    #[serde(default)]
    #[schemars(schema_with = "numbers_schema")]
    pub auto_resize_rows: Option<Value>,
    /// Rows to freeze at the top (0 unfreezes).
    pub frozen_row_count: Option<i64>,
    /// Columns to freeze at the left (0 unfreezes).
    pub frozen_column_count: Option<i64>,
    /// Columns to hide, e.g. ["C", "D"].
    #[serde(default)]
    #[schemars(schema_with = "letters_schema")]
    pub hide_columns: Option<Value>,
    /// Columns to show again.
    #[serde(default)]
    #[schemars(schema_with = "letters_schema")]
    pub unhide_columns: Option<Value>,
    /// Rows (1-based) to hide, e.g. [3, 4].
    #[serde(default)]
    #[schemars(schema_with = "numbers_schema")]
    pub hide_rows: Option<Value>,
    /// Rows (1-based) to show again.
    #[serde(default)]
    #[schemars(schema_with = "numbers_schema")]
    pub unhide_rows: Option<Value>,
    /// How many empty rows to insert.
    pub insert_rows: Option<i64>,
    /// The 1-based row the new rows go before (after the last row when omitted).
    pub insert_rows_at: Option<i64>,
    /// How many empty columns to insert.
    pub insert_columns: Option<i64>,
    /// The column letter the new columns go before (after the last column when omitted).
    pub insert_columns_at: Option<String>,
    /// Rows (1-based) to delete, e.g. [5, 9].
    #[serde(default)]
    #[schemars(schema_with = "numbers_schema")]
    pub delete_rows: Option<Value>,
    /// A block of rows to delete as "start:end" (1-based, inclusive), e.g. "5:10".
    pub delete_row_range: Option<String>,
    /// Columns to delete, e.g. ["E", "F"].
    #[serde(default)]
    #[schemars(schema_with = "letters_schema")]
    pub delete_columns: Option<Value>,
}

fn map_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "default": null, "anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": true}] })
}

fn letters_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "default": null, "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}] })
}

fn numbers_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "default": null, "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}] })
}

pub fn resize_sheet_dimensions() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "resize_sheet_dimensions",
            title: "Resize Sheet Dimensions",
            description: "Change a sheet's rows and columns in one write: pixel sizes, fit to content, frozen rows \
                and columns, hide or show, insert and delete. All row numbers and column letters refer to the \
                sheet before the call; deletes happen before inserts, and an insert position inside a deleted \
                block lands where that block was.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        resize,
    )
}

async fn resize(ctx: ToolCtx, p: ResizeSheetDimensionsParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let g = ctx.google().await?;
    let book =
        api::spreadsheets_get(&g, id, &[], false, Some("sheets(properties(sheetId,title,index,gridProperties))"))
            .await?;
    let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
    let tabs = super::tabs_of(&sheets);
    let tab = match given(p.sheet_name.as_deref()) {
        Some(name) => find_tab(&tabs, name)?,
        None => tabs.first().ok_or_else(|| ToolError::invalid("the spreadsheet has no sheets"))?,
    };
    let grid_props = sheets
        .iter()
        .find(|s| s["properties"]["sheetId"].as_i64() == Some(tab.id))
        .map(|s| s["properties"]["gridProperties"].clone())
        .unwrap_or_default();
    let grid = Grid {
        id: tab.id,
        rows: grid_props["rowCount"].as_u64().unwrap_or(0) as u32,
        cols: grid_props["columnCount"].as_u64().unwrap_or(0) as u32,
    };
    let plan = plan(&p, &grid)?;
    if plan.requests.is_empty() {
        return Err(ToolError::invalid(
            "nothing to change: give column_sizes, row_sizes, auto_resize_columns, auto_resize_rows, frozen_row_count, \
             frozen_column_count, hide/unhide rows or columns, insert_rows, insert_columns, delete_rows, \
             delete_row_range or delete_columns",
        ));
    }
    api::spreadsheets_batch_update(&g, id, plan.requests).await?;
    Ok(ToolOutput::text(format!("Changed sheet '{}' of spreadsheet {id}: {}.\n", tab.title, plan.done.join("; "))))
}
