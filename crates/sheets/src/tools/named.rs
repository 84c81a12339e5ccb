//! manage_named_range: list, create, update (rename or move) and delete named ranges. Writes
//! are one batchUpdate; a range named by `name` is first looked up by one read.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{find_tab, given, nonblank, range_arg, tabs};
use crate::a1::A1;
use crate::api;
use crate::render;

// Arguments of `manage_named_range`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageNamedRangeParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// list, create, update or delete.
    pub action: String,
    /// The range's name: required for create; identifies the range for update and delete
    /// (or give named_range_id).
    pub name: Option<String>,
    /// create: the cells it names in A1 notation, e.g. "Budget!B2:C5".
    pub range_name: Option<String>,
    /// update and delete: the named range's id (from list).
    pub named_range_id: Option<String>,
    /// update: the new name.
    pub new_name: Option<String>,
    /// update: the new cells in A1 notation.
    pub new_range: Option<String>,
}

pub fn manage_named_range() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_named_range",
            title: "Manage Named Range",
            description: "List a spreadsheet's named ranges, or create, rename, move or delete one (by its name \
                or id). Names may be used in formulas in place of the cells.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        manage,
    )
}

/// A name Sheets accepts: letters, digits and underscores, not starting with a digit, not
/// "true"/"false", and not readable as a cell reference.
fn check_name(name: &str, what: &str) -> Result<(), ToolError> {
    let ok = name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !name.eq_ignore_ascii_case("true")
        && !name.eq_ignore_ascii_case("false")
        && A1::parse(name).map(|r| !r.has_cells()).unwrap_or(true)
        && name.chars().count() <= 250;
    if ok {
        return Ok(());
    }
    Err(ToolError::invalid(format!(
        "{what} '{name}' is not a valid range name: use letters, digits and underscores, not starting with a \
         digit and not looking like a cell (e.g. Q3_totals)"
    )))
}

/// A GridRange for `a1`, resolving its sheet (the first when none is named).
async fn grid(g: &GoogleCtx, id: &str, a1: &A1) -> Result<Value, ToolError> {
    let all = tabs(g, id).await?;
    let tab = match &a1.sheet {
        Some(name) => find_tab(&all, name)?,
        None => all.first().ok_or_else(|| ToolError::invalid("the spreadsheet has no sheets"))?,
    };
    Ok(a1.grid_range(tab.id))
}

async fn named_ranges(g: &GoogleCtx, id: &str) -> Result<Value, ToolError> {
    Ok(api::spreadsheets_get(g, id, &[], false, Some("namedRanges,sheets(properties(sheetId,title))")).await?)
}

/// The id of the range given by `named_range_id`, or looked up by `name`.
async fn target(g: &GoogleCtx, id: &str, p: &ManageNamedRangeParams) -> Result<(String, String), ToolError> {
    if let Some(rid) = given(p.named_range_id.as_deref()) {
        return Ok((rid.to_string(), rid.to_string()));
    }
    let name = given(p.name.as_deref()).ok_or_else(|| ToolError::invalid("give name or named_range_id"))?;
    let book = named_ranges(g, id).await?;
    let found = book["namedRanges"].as_array().into_iter().flatten().find(|n| n["name"].as_str() == Some(name));
    let found = found.ok_or_else(|| ToolError::invalid(format!("no named range called '{name}'; list shows them")))?;
    Ok((found["namedRangeId"].as_str().unwrap_or("").to_string(), name.to_string()))
}

async fn manage(ctx: ToolCtx, p: ManageNamedRangeParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let action = p.action.trim().to_ascii_lowercase();
    let new_range = given(p.new_range.as_deref()).map(|r| range_arg(r, "new_range")).transpose()?;
    let new_name = given(p.new_name.as_deref());
    match action.as_str() {
        "list" => {
            let g = ctx.google().await?;
            let book = named_ranges(&g, id).await?;
            let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
            let all = book["namedRanges"].as_array().cloned().unwrap_or_default();
            if all.is_empty() {
                return Ok(ToolOutput::text(format!("Spreadsheet {id} has no named ranges.\n")));
            }
            let mut out = format!("{} named range(s) in spreadsheet {id}:\n", all.len());
            for n in &all {
                out.push_str(&format!(
                    "- {} = {} (ID: {})\n",
                    n["name"].as_str().unwrap_or(""),
                    render::grid_range_a1(&n["range"], &sheets),
                    n["namedRangeId"].as_str().unwrap_or("")
                ));
            }
            Ok(ToolOutput::text(out))
        }
        "create" => {
            let name = given(p.name.as_deref()).ok_or_else(|| ToolError::invalid("create needs name"))?;
            check_name(name, "name")?;
            let cells = given(p.range_name.as_deref()).ok_or_else(|| ToolError::invalid("create needs range_name"))?;
            let a1 = range_arg(cells, "range_name")?;
            let g = ctx.google().await?;
            let range = grid(&g, id, &a1).await?;
            let req = json!({ "addNamedRange": { "namedRange": { "name": name, "range": range } } });
            let reply = api::spreadsheets_batch_update(&g, id, vec![req]).await?;
            let rid = reply["replies"][0]["addNamedRange"]["namedRange"]["namedRangeId"].as_str().unwrap_or("");
            Ok(ToolOutput::text(format!(
                "Created named range {name} = {} (ID: {rid}) in spreadsheet {id}.\n",
                a1.to_a1()
            )))
        }
        "update" => {
            if new_name.is_none() && new_range.is_none() {
                return Err(ToolError::invalid("update needs new_name and/or new_range"));
            }
            if let Some(n) = new_name {
                check_name(n, "new_name")?;
            }
            let g = ctx.google().await?;
            let (rid, label) = target(&g, id, &p).await?;
            let mut named = json!({ "namedRangeId": rid });
            let mut fields = Vec::new();
            if let Some(n) = new_name {
                named["name"] = json!(n);
                fields.push("name");
            }
            if let Some(a1) = &new_range {
                named["range"] = grid(&g, id, a1).await?;
                fields.push("range");
            }
            let req = json!({ "updateNamedRange": { "namedRange": named, "fields": fields.join(",") } });
            api::spreadsheets_batch_update(&g, id, vec![req]).await?;
            let mut did = Vec::new();
            if let Some(n) = new_name {
                did.push(format!("renamed to {n}"));
            }
            if let Some(a1) = &new_range {
                did.push(format!("now {}", a1.to_a1()));
            }
            Ok(ToolOutput::text(format!("Updated named range {label} (ID: {rid}): {}.\n", did.join(", "))))
        }
        "delete" => {
            let g = ctx.google().await?;
            let (rid, label) = target(&g, id, &p).await?;
            api::spreadsheets_batch_update(&g, id, vec![json!({ "deleteNamedRange": { "namedRangeId": rid } })])
                .await?;
            Ok(ToolOutput::text(format!("Deleted named range {label} (ID: {rid}); its cells keep their values.\n")))
        }
        other => Err(ToolError::invalid(format!("action must be list, create, update or delete, got '{other}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(check_name("Q3_totals", "name").is_ok());
        for bad in ["A1", "1st", "true", "two words", "AB12"] {
            assert!(check_name(bad, "name").is_err(), "{bad}");
        }
    }
}
