//! Cell values: read_sheet_values (with formulas, hyperlinks, notes and smart chips on
//! request) and modify_sheet_values (write, clear, or insert smart chips). Each write is one
//! request: `values.update`, `values.clear` or one `batchUpdate`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{chips, find_tab, given, json_arg, nonblank, range_arg, rows_arg, tabs};
use crate::a1::A1;
use crate::api;
use crate::render;

/// Rows a read asks for at most, so a whole-column range cannot pull a huge sheet.
const MAX_READ_ROWS: u32 = 1000;

fn default_range() -> String {
    "A1:Z1000".into()
}

fn user_entered() -> String {
    "USER_ENTERED".into()
}

// Arguments of `read_sheet_values`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ReadSheetValuesParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// A1 range, e.g. "Sheet1!A1:D10", "'Q3 plan'!A:C" or a sheet name alone; without a sheet
    /// name, the first sheet. At most 1000 rows are read.
    #[serde(default = "default_range")]
    pub range_name: String,
    /// Also list the cells' hyperlinks.
    #[serde(default)]
    pub include_hyperlinks: bool,
    /// Also list the cells' notes.
    #[serde(default)]
    pub include_notes: bool,
    /// Also list the formulas behind computed cells (e.g. to spot cross-sheet references).
    #[serde(default)]
    pub include_formulas: bool,
    /// Also list smart chips (Drive files, people) in the cells.
    #[serde(default)]
    pub include_smart_chips: bool,
}

pub fn read_sheet_values() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "read_sheet_values",
            title: "Read Sheet Values",
            description: "Read the values of a range (as shown in Sheets), one line per row, optionally with the \
                formulas, hyperlinks, notes and smart chips of its cells.",
            service: Service::Sheets,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::SPREADSHEETS_READONLY],
        },
        read,
    )
}

/// The range to request: at most [`MAX_READ_ROWS`] rows; `true` when it was cut.
fn bounded_read(r: &A1) -> (A1, bool) {
    let start = r.start_row.unwrap_or(0);
    let mut out = r.clone();
    let cut = r.end_row.is_none_or(|e| e - start > MAX_READ_ROWS);
    if cut {
        out.start_row = Some(start);
        out.end_row = Some(start + MAX_READ_ROWS);
    }
    (out, cut && r.end_row.is_some_and(|e| e - start > MAX_READ_ROWS))
}

async fn read(ctx: ToolCtx, p: ReadSheetValuesParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let (range, cut) = bounded_read(&range_arg(&p.range_name, "range_name")?);
    let range = range.to_a1();
    let g = ctx.google().await?;
    let got = api::values_get(&g, id, &range, "FORMATTED_VALUE").await?;
    let shown = got["range"].as_str().unwrap_or(&range).to_string();
    let at = A1::parse(&shown).unwrap_or_default();
    let (top, left) = (at.start_row.unwrap_or(0), at.start_col.unwrap_or(0));
    let sheet = at.sheet.clone().unwrap_or_default();
    let rows = got["values"].as_array().cloned().unwrap_or_default();
    let mut out = if rows.is_empty() {
        format!("No data in range '{shown}' of spreadsheet {id}.\n")
    } else {
        format!("Data from '{shown}' in spreadsheet {id} ({} row(s)):\n{}", rows.len(), render::value_rows(&rows, top))
    };
    if cut {
        out.push_str(&format!("(Only the first {MAX_READ_ROWS} rows were read; ask for a later range for more.)\n"));
    }
    if p.include_formulas {
        let formulas = api::values_get(&g, id, &shown, "FORMULA").await?;
        let mut lines = String::new();
        for (r, row) in formulas["values"].as_array().into_iter().flatten().enumerate() {
            for (c, v) in row.as_array().into_iter().flatten().enumerate() {
                if let Some(f) = v.as_str().filter(|f| f.starts_with('=')) {
                    lines.push_str(&format!("- {}: {f}\n", render::cell_a1(&sheet, top + r as u32, left + c as u32)));
                }
            }
        }
        out.push_str(&section("Formulas", &lines));
    }
    if p.include_hyperlinks || p.include_notes || p.include_smart_chips {
        let fields = "sheets(properties(title),data(startRow,startColumn,rowData(values(hyperlink,note,chipRuns))))";
        let book = api::spreadsheets_get(&g, id, std::slice::from_ref(&shown), true, Some(fields)).await?;
        let (mut links, mut notes, mut chips) = (String::new(), String::new(), String::new());
        for data in book["sheets"][0]["data"].as_array().into_iter().flatten() {
            let (r0, c0) =
                (data["startRow"].as_u64().unwrap_or(0) as u32, data["startColumn"].as_u64().unwrap_or(0) as u32);
            for (r, row) in data["rowData"].as_array().into_iter().flatten().enumerate() {
                for (c, cell) in row["values"].as_array().into_iter().flatten().enumerate() {
                    let at = render::cell_a1(&sheet, r0 + r as u32, c0 + c as u32);
                    if let Some(h) = cell["hyperlink"].as_str() {
                        links.push_str(&format!("- {at}: {h}\n"));
                    }
                    if let Some(n) = cell["note"].as_str() {
                        notes.push_str(&format!("- {at}: {}\n", n.replace('\n', " / ")));
                    }
                    let list: Vec<String> =
                        cell["chipRuns"].as_array().into_iter().flatten().filter_map(chip_text).collect();
                    if !list.is_empty() {
                        chips.push_str(&format!("- {at}: {}\n", list.join(", ")));
                    }
                }
            }
        }
        if p.include_hyperlinks {
            out.push_str(&section("Hyperlinks", &links));
        }
        if p.include_notes {
            out.push_str(&section("Notes", &notes));
        }
        if p.include_smart_chips {
            out.push_str(&section("Smart chips", &chips));
        }
    }
    Ok(ToolOutput::text(out))
}

fn chip_text(run: &Value) -> Option<String> {
    let chip = run.get("chip")?;
    if let Some(email) = chip["personProperties"]["email"].as_str() {
        return Some(format!("person {email}"));
    }
    chip["richLinkProperties"]["uri"].as_str().map(|u| format!("link {u}"))
}

fn section(title: &str, lines: &str) -> String {
    if lines.is_empty() { format!("{title}: none in this range.\n") } else { format!("{title}:\n{lines}") }
}

// Arguments of `modify_sheet_values`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ModifySheetValuesParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// A1 range to write or clear, e.g. "Sheet1!A1:D10"; a single cell is where writing starts.
    pub range_name: String,
    /// Rows of values (a list of lists, or its JSON text). Needed unless clear_values or chips.
    #[serde(default)]
    #[schemars(schema_with = "values_schema")]
    pub values: Option<Value>,
    /// USER_ENTERED parses input as if typed in Sheets (numbers, dates, formulas); RAW stores it as is.
    #[serde(default = "user_entered")]
    pub value_input_option: String,
    /// Clear the range's values instead of writing (formatting stays).
    #[serde(default)]
    pub clear_values: bool,
    /// Smart chips to insert instead of values: a URL or email for one cell; a list of them
    /// (one cell's chips when the range is one cell, else one per cell along the range); a
    /// list of lists (per row of a grid range, or per cell of a one-row or one-column range);
    /// or objects {"type": "drive", "uri": ...} / {"type": "person", "email": ...}; or JSON text
    /// of any of these.
    #[serde(default)]
    #[schemars(schema_with = "chips_schema")]
    pub chips: Option<Value>,
    /// How plain strings in chips are read: "drive" (URLs and file ids) or "person" (emails);
    /// guessed from each string when omitted.
    pub chip_type: Option<String>,
}

fn values_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "default": null,
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}]
    })
}

fn chips_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "default": null,
        "anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": true}, {"type": "array", "items": {}}]
    })
}

pub fn modify_sheet_values() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "modify_sheet_values",
            title: "Modify Sheet Values",
            description: "Write rows of values into a range (parsed as typed in Sheets, or raw), clear a range's \
                values, or insert smart chips (Drive files, people) into cells. One request per call.",
            service: Service::Sheets,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        modify,
    )
}

async fn modify(ctx: ToolCtx, p: ModifySheetValuesParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let range = range_arg(&p.range_name, "range_name")?;
    let values = p.values.as_ref().filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
    let chips = p.chips.as_ref().filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
    let given_count = usize::from(values.is_some()) + usize::from(chips.is_some()) + usize::from(p.clear_values);
    if given_count != 1 {
        return Err(ToolError::invalid("give exactly one of values, chips, or clear_values=true"));
    }
    if p.clear_values {
        let g = ctx.google().await?;
        let done = api::values_clear(&g, id, &range.to_a1()).await?;
        let cleared = done["clearedRange"].as_str().unwrap_or_default();
        return Ok(ToolOutput::text(format!(
            "Cleared the values of '{cleared}' in spreadsheet {id} (formatting kept).\n"
        )));
    }
    if let Some(chips) = chips {
        let layout = chips::layout(&json_arg(chips, "chips")?, given(p.chip_type.as_deref()), &range)?;
        let g = ctx.google().await?;
        let all = tabs(&g, id).await?;
        let tab = match &range.sheet {
            Some(name) => find_tab(&all, name)?,
            None => all.first().ok_or_else(|| ToolError::invalid("the spreadsheet has no sheets"))?,
        };
        let (top, left) = (range.start_row.unwrap_or(0), range.start_col.unwrap_or(0));
        let requests = chips::requests(&layout, tab.id, top, left);
        api::spreadsheets_batch_update(&g, id, requests).await?;
        let count: usize = layout.iter().map(|c| c.2.len()).sum();
        let cells: Vec<String> =
            layout.iter().map(|(r, c, _)| render::cell_a1(&tab.title, top + r, left + c)).collect();
        return Ok(ToolOutput::text(format!(
            "Inserted {count} smart chip(s) into {} cell(s) of spreadsheet {id}: {}\n",
            cells.len(),
            cells.join(", ")
        )));
    }
    let option = p.value_input_option.trim().to_ascii_uppercase();
    if option != "RAW" && option != "USER_ENTERED" {
        return Err(ToolError::invalid(format!(
            "value_input_option must be RAW or USER_ENTERED, got '{}'",
            p.value_input_option
        )));
    }
    let rows = rows_arg(values.unwrap_or(&Value::Null), " (or use clear_values)")?;
    let g = ctx.google().await?;
    let done = api::values_update(&g, id, &range.to_a1(), &option, &rows).await?;
    Ok(ToolOutput::text(format!(
        "Updated '{}' in spreadsheet {id}: {} row(s), {} column(s), {} cell(s) ({option}).\n",
        done["updatedRange"].as_str().unwrap_or_default(),
        done["updatedRows"].as_u64().unwrap_or(0),
        done["updatedColumns"].as_u64().unwrap_or(0),
        done["updatedCells"].as_u64().unwrap_or(0),
    )))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_are_bounded() {
        let (r, cut) = bounded_read(&A1::parse("A:C").unwrap());
        assert_eq!((r.to_a1(), cut), ("A1:C1000".into(), false));
        let (r, cut) = bounded_read(&A1::parse("B5:C5000").unwrap());
        assert_eq!((r.to_a1(), cut), ("B5:C1004".into(), true));
        assert_eq!(bounded_read(&A1::parse("Budget").unwrap()).0.to_a1(), "Budget!1:1000");
    }

    #[test]
    fn values_must_be_rows() {
        assert_eq!(
            rows_arg(&json!("[[\"a\", 1]]"), " (or use clear_values)").unwrap(),
            vec![vec![json!("a"), json!(1)]]
        );
        assert!(rows_arg(&json!(["a"]), " (or use clear_values)").is_err());
        assert!(rows_arg(&json!([]), " (or use clear_values)").unwrap_err().to_string().contains("empty"));
        assert!(rows_arg(&json!([[["x"]]]), " (or use clear_values)").is_err());
    }
}
