//! Tabs: create_sheet (new or duplicated) and manage_sheet_tab (rename, delete, hide,
//! unhide, reorder, style). Each is one read of the tab list and one batchUpdate.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{find_tab, given, hex_color, nonblank, tabs};
use crate::api;

// Arguments of `create_sheet`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateSheetParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// Name of the new tab (Sheets picks one when omitted: "SheetN", or "Copy of <source>").
    pub sheet_name: Option<String>,
    /// Duplicate this tab (values, formats, formulas) instead of adding an empty one.
    pub source_sheet_name: Option<String>,
    /// Zero-based position of the new tab; last when omitted.
    pub insert_sheet_index: Option<i64>,
}

pub fn create_sheet() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_sheet",
            title: "Create Sheet",
            description: "Add a tab to a spreadsheet, empty or as a copy of an existing tab, at a chosen \
                position. Returns the new tab's sheet id.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::CREATE,
            scopes: &[scope::SPREADSHEETS],
        },
        create,
    )
}

async fn create(ctx: ToolCtx, p: CreateSheetParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let name = given(p.sheet_name.as_deref());
    let index = match p.insert_sheet_index {
        Some(i) if i < 0 => return Err(ToolError::invalid(format!("insert_sheet_index must be 0 or more, got {i}"))),
        other => other,
    };
    let g = ctx.google().await?;
    let request = match given(p.source_sheet_name.as_deref()) {
        Some(source) => {
            let all = tabs(&g, id).await?;
            let src = find_tab(&all, source)?;
            let mut r = json!({ "sourceSheetId": src.id });
            if let Some(n) = name {
                r["newSheetName"] = json!(n);
            }
            if let Some(i) = index {
                r["insertSheetIndex"] = json!(i);
            }
            json!({ "duplicateSheet": r })
        }
        None => {
            let mut props = json!({});
            if let Some(n) = name {
                props["title"] = json!(n);
            }
            if let Some(i) = index {
                props["index"] = json!(i);
            }
            json!({ "addSheet": { "properties": props } })
        }
    };
    let reply = api::spreadsheets_batch_update(&g, id, vec![request]).await?;
    let first = &reply["replies"][0];
    let props = first["addSheet"]["properties"].as_object().or(first["duplicateSheet"]["properties"].as_object());
    let props = props.cloned().map(Value::Object).unwrap_or_default();
    let how = if first.get("duplicateSheet").is_some() { "Duplicated" } else { "Added" };
    Ok(ToolOutput::text(format!(
        "{how} sheet \"{}\" (sheet id {}, index {}) in spreadsheet {id}.\n",
        props["title"].as_str().unwrap_or(""),
        props["sheetId"].as_i64().unwrap_or(0),
        props["index"].as_i64().unwrap_or(0),
    )))
}

// Arguments of `manage_sheet_tab`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageSheetTabParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// The tab to act on, by its name.
    pub sheet_name: String,
    /// rename, delete, hide, unhide, reorder or style.
    pub action: String,
    /// rename: the new name.
    pub new_name: Option<String>,
    /// reorder: the tab's new zero-based position.
    pub new_index: Option<i64>,
    /// style: tab color as #RRGGBB, or "none" to remove it.
    pub tab_color: Option<String>,
    /// style: show (true) or hide (false) the gridlines.
    pub show_gridlines: Option<bool>,
}

pub fn manage_sheet_tab() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_sheet_tab",
            title: "Manage Sheet Tab",
            description: "Rename, delete, hide, unhide, move or restyle (tab color, gridlines) one tab of a \
                spreadsheet. create_sheet adds tabs; resize_sheet_dimensions changes rows and columns.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        manage,
    )
}

/// The batchUpdate request of an action on tab `id` (at `index` of `count` tabs), and what it did.
fn tab_request(p: &ManageSheetTabParams, id: i64, index: i64, count: i64) -> Result<(Value, String), ToolError> {
    let props = |extra: Value, fields: &str| {
        let mut props = json!({ "sheetId": id });
        if let (Some(p), Value::Object(e)) = (props.as_object_mut(), extra) {
            p.extend(e);
        }
        json!({ "updateSheetProperties": { "properties": props, "fields": fields } })
    };
    Ok(match p.action.trim().to_ascii_lowercase().as_str() {
        "rename" => {
            let n = given(p.new_name.as_deref()).ok_or_else(|| ToolError::invalid("rename needs new_name"))?;
            (props(json!({ "title": n }), "title"), format!("Renamed to \"{n}\""))
        }
        "delete" => (json!({ "deleteSheet": { "sheetId": id } }), "Deleted".into()),
        "hide" => (props(json!({ "hidden": true }), "hidden"), "Hid".into()),
        "unhide" => (props(json!({ "hidden": false }), "hidden"), "Unhid".into()),
        "reorder" => {
            let to = p.new_index.ok_or_else(|| ToolError::invalid("reorder needs new_index"))?;
            if !(0..count).contains(&to) {
                return Err(ToolError::invalid(format!("new_index must be between 0 and {}, got {to}", count - 1)));
            }
            // Google counts the target position before the tab is taken out.
            let sent = if to > index { to + 1 } else { to };
            (props(json!({ "index": sent }), "index"), format!("Moved to position {to}"))
        }
        "style" => {
            let mut extra = json!({});
            let mut fields = Vec::new();
            let mut did = Vec::new();
            if let Some(c) = given(p.tab_color.as_deref()) {
                fields.push("tabColorStyle");
                if c.eq_ignore_ascii_case("none") {
                    did.push("removed the tab color".to_string());
                } else {
                    extra["tabColorStyle"] = json!({ "rgbColor": hex_color(c, "tab_color")? });
                    did.push(format!("set the tab color to {c}"));
                }
            }
            if let Some(show) = p.show_gridlines {
                fields.push("gridProperties.hideGridlines");
                extra["gridProperties"] = json!({ "hideGridlines": !show });
                did.push(if show { "showed the gridlines" } else { "hid the gridlines" }.to_string());
            }
            if fields.is_empty() {
                return Err(ToolError::invalid("style needs tab_color and/or show_gridlines"));
            }
            (props(extra, &fields.join(",")), format!("Styled ({})", did.join(", ")))
        }
        other => {
            return Err(ToolError::invalid(format!(
                "action must be rename, delete, hide, unhide, reorder or style, got '{other}'"
            )));
        }
    })
}

async fn manage(ctx: ToolCtx, p: ManageSheetTabParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let name = nonblank(&p.sheet_name, "sheet_name")?;
    // Arguments are checked once before any request, with a placeholder tab.
    tab_request(&p, 0, 0, i64::MAX)?;
    let g = ctx.google().await?;
    let all = tabs(&g, id).await?;
    let tab = find_tab(&all, name)?;
    let (request, did) = tab_request(&p, tab.id, tab.index, all.len() as i64)?;
    api::spreadsheets_batch_update(&g, id, vec![request]).await?;
    Ok(ToolOutput::text(format!("{did}: sheet \"{}\" (sheet id {}) in spreadsheet {id}.\n", tab.title, tab.id)))
}
