//! list_spreadsheet_comments and manage_spreadsheet_comment: Drive's comments API on the
//! spreadsheet file, built by `wsmcp_drive::comments`, with a new comment anchorable to a cell.

use serde_json::json;
use wsmcp_core::{Service, Tier, ToolDef, ToolError};
use wsmcp_drive::comments::{CommentTools, list_comments_tool, manage_comments_tool};

use crate::a1::A1;

const COMMENTS: CommentTools = CommentTools {
    service: Service::Sheets,
    tier: Tier::Complete,
    noun: "spreadsheet",
    id_param: "spreadsheet_id",
    list_name: "list_spreadsheet_comments",
    manage_name: "manage_spreadsheet_comment",
    list_title: "List Spreadsheet Comments",
    manage_title: "Manage Spreadsheet Comment",
    list_description: "List the comment threads of a Google Sheets spreadsheet with their ids, authors, resolved \
        state, anchors and replies (max_comments limits how many).",
    manage_description: "Comment on a Google Sheets spreadsheet: create a comment (on the file, or on a cell given \
        in A1 notation such as 'Budget!B2', the first sheet when no sheet is named), reply to a comment, resolve \
        it, edit its text (your own) or delete it (your own).",
    cell_anchor: Some(cell_anchor),
};

pub fn list() -> ToolDef {
    list_comments_tool(&COMMENTS)
}

pub fn manage() -> ToolDef {
    manage_comments_tool(&COMMENTS)
}

/// The `anchor` of a comment on one cell. Google does not document the anchors its Sheets
/// editor writes (they name internal ids the API cannot look up), so the anchor is JSON that
/// says what it points at in the API's own terms: `{"type":"workbook-range","sheet":"Budget",
/// "range":"B2"}`. `sheet` is left out when the cell names none (the first sheet). Drive
/// stores the text as given, and another client can read the sheet and cell back from it.
fn cell_anchor(cell: &str) -> Result<String, ToolError> {
    let a1 = A1::parse(cell).map_err(|e| ToolError::invalid(format!("cell: {e}")))?;
    let single = a1.end_row == a1.start_row.map(|r| r + 1) && a1.end_col == a1.start_col.map(|c| c + 1);
    if !a1.has_cells() || !single || a1.start_row.is_none() || a1.start_col.is_none() {
        return Err(ToolError::invalid(format!(
            "cell must name one cell in A1 notation, e.g. 'Budget!B2'; got '{cell}'"
        )));
    }
    let mut anchor = json!({ "type": "workbook-range", "range": a1.cells() });
    if let Some(sheet) = &a1.sheet {
        anchor["sheet"] = json!(sheet);
    }
    Ok(anchor.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_name_the_sheet_and_cell() {
        let parsed = |c: &str| serde_json::from_str::<serde_json::Value>(&cell_anchor(c).unwrap()).unwrap();
        assert_eq!(parsed("'Q3 plan'!b2"), json!({"type": "workbook-range", "sheet": "Q3 plan", "range": "B2"}));
        assert_eq!(parsed("C7"), json!({"type": "workbook-range", "range": "C7"}));
        assert!(cell_anchor("A1:B2").unwrap_err().to_string().contains("one cell"));
        assert!(cell_anchor("Budget").is_err());
        assert!(cell_anchor("Budget!A0").is_err());
    }
}
