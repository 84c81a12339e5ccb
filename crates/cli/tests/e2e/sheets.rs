//! The Sheets tools through the real binary over stdio, against the seeded spreadsheets of
//! alex.rivera@example.com (the Atlas budget, OKRs and the read-only 2026 forecast). One test
//! walks every tool: a spreadsheet created, a tab added then renamed, values written and read
//! with a formula evaluated, a tab styled and read back; plus an error path per tool. It checks
//! the Sheets requests the sandbox saw (one write request per write call). A second test
//! covers tables, conditional formatting, moving rows, dimensions and comments on the budget.

use serde_json::json;
use wsmcp_sheets::sandbox::seed::{ATLAS_BUDGET_SHEET, BUDGET_TABLE_ID, FINANCE_FORECAST_SHEET, TEAM_OKRS_SHEET};

use crate::harness::{assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next `)`, space, comma or line end.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_sheets_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // list_spreadsheets goes through Drive and finds the seeded sheets.
    let list = ok(&client, "list_spreadsheets", json!({})).await;
    assert!(list.contains(ATLAS_BUDGET_SHEET) && list.contains(TEAM_OKRS_SHEET), "{list}");
    let q = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(q.query_param("q"), Some("mimeType='application/vnd.google-apps.spreadsheet' and trashed=false"));

    // create_spreadsheet, create_sheet, then manage_sheet_tab renames the new tab.
    let created = ok(&client, "create_spreadsheet", json!({"title": "Atlas 1.1", "sheet_names": ["Costs"]})).await;
    let id = id_after(&created, "- ID: ");
    let added = ok(&client, "create_sheet", json!({"spreadsheet_id": id, "sheet_name": "Draft"})).await;
    assert!(added.starts_with("Added sheet \"Draft\""), "{added}");
    let renamed = ok(
        &client,
        "manage_sheet_tab",
        json!({"spreadsheet_id": id, "sheet_name": "Draft", "action": "rename", "new_name": "Summary"}),
    )
    .await;
    assert!(renamed.starts_with("Renamed to \"Summary\""), "{renamed}");

    // modify_sheet_values writes, then read_sheet_values shows the evaluated formula.
    ok(
        &client,
        "modify_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "Costs!A1",
        "values": [["Item", "EUR"], ["Hotel", "1,840"], ["Train", "412.50"]]}),
    )
    .await;
    ok(
        &client,
        "modify_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "Summary!A1",
        "values": [["Total", "=SUM(Costs!B2:B3)"]]}),
    )
    .await;
    let read = ok(
        &client,
        "read_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "Summary!A1:B1", "include_formulas": true}),
    )
    .await;
    assert!(
        read.contains("Row 1: [\"Total\",\"2252.5\"]") && read.contains("- Summary!B1: =SUM(Costs!B2:B3)"),
        "{read}"
    );
    let put = requests_for(&sb, "sheets.spreadsheets.values.update");
    assert_eq!(put.len(), 2, "one values.update per write");
    assert_eq!(put[1].query_param("valueInputOption"), Some("USER_ENTERED"));

    // The tab styled, and get_spreadsheet_info reads it back.
    ok(
        &client,
        "manage_sheet_tab",
        json!({"spreadsheet_id": id, "sheet_name": "Summary", "action": "style", "tab_color": "#00FF00"}),
    )
    .await;
    let info = ok(&client, "get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("- \"Summary\" (sheet id") && info.contains("tab color #00FF00"), "{info}");
    assert!(!info.contains("Draft"), "{info}");
    assert_eq!(requests_for(&sb, "sheets.spreadsheets.batchUpdate").len(), 3, "add, rename, style: one each");

    // format_sheet_range, read back through the values it shows and the tab's merges.
    let formatted = ok(
        &client,
        "format_sheet_range",
        json!({"spreadsheet_id": id, "range_name": "Costs!B2:B3", "number_format_type": "CURRENCY",
            "number_format_pattern": "\"€\"#,##0.00", "bold": true, "borders": "all"}),
    )
    .await;
    assert!(formatted.starts_with("Formatted 'Costs!B2:B3'"), "{formatted}");
    let shown = ok(&client, "read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Costs!B2:B3"})).await;
    assert!(shown.contains("Row 2: [\"€1,840.00\"]") && shown.contains("Row 3: [\"€412.50\"]"), "{shown}");
    ok(&client, "format_sheet_range", json!({"spreadsheet_id": id, "range_name": "Costs!A5:B5", "merge_cells": true}))
        .await;
    let info = ok(&client, "get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("1 merged range(s)"), "{info}");
    assert_eq!(requests_for(&sb, "sheets.spreadsheets.batchUpdate").len(), 5, "one batchUpdate per formatting call");
    let e = err(
        &client,
        "format_sheet_range",
        json!({"spreadsheet_id": id, "range_name": "Costs!A1", "wrap_strategy": "fold"}),
    )
    .await;
    assert!(e.contains("wrap_strategy"), "{e}");

    // manage_named_range: created, then listed.
    let named = ok(
        &client,
        "manage_named_range",
        json!({"spreadsheet_id": id, "action": "create", "name": "Trip", "range_name": "Costs!B2:B3"}),
    )
    .await;
    assert!(named.starts_with("Created named range Trip = Costs!B2:B3"), "{named}");
    let listed = ok(&client, "manage_named_range", json!({"spreadsheet_id": id, "action": "list"})).await;
    assert!(listed.contains("- Trip = Costs!B2:B3 (ID: "), "{listed}");
    let e =
        err(&client, "manage_named_range", json!({"spreadsheet_id": id, "action": "delete", "named_range_id": "nope"}))
            .await;
    assert!(e.contains("No named range with id"), "{e}");

    // An error path per tool.
    let e = err(
        &client,
        "modify_sheet_values",
        json!({"spreadsheet_id": FINANCE_FORECAST_SHEET, "range_name": "A1", "values": [["x"]]}),
    )
    .await;
    assert!(e.contains("403"), "the forecast is read-only: {e}");
    let e = err(&client, "read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Nowhere!A1"})).await;
    assert!(e.contains("Unable to parse range"), "{e}");
    let e = err(&client, "get_spreadsheet_info", json!({"spreadsheet_id": "1NoSuchSpreadsheet"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "create_sheet", json!({"spreadsheet_id": id, "sheet_name": "costs"})).await;
    assert!(e.contains("already exists"), "{e}");
    let e =
        err(&client, "manage_sheet_tab", json!({"spreadsheet_id": id, "sheet_name": "Nope", "action": "delete"})).await;
    assert!(e.contains("no sheet named 'Nope'") && e.contains("'Summary'"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "create_spreadsheet", json!({"title": " "})).await;
    assert!(e.contains("title"), "{e}");
    let e = err(&client, "list_spreadsheets", json!({"max_results": 0})).await;
    assert!(e.contains("max_results"), "{e}");
    let e =
        err(&client, "manage_sheet_tab", json!({"spreadsheet_id": id, "sheet_name": "Summary", "action": "archive"}))
            .await;
    assert!(e.contains("action must be"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}

#[tokio::test]
async fn tables_rules_rows_dimensions_and_comments_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let id = ATLAS_BUDGET_SHEET;
    let writes = || requests_for(&sb, "sheets.spreadsheets.batchUpdate").len();

    let tables = ok(&client, "list_sheet_tables", json!({"spreadsheet_id": id})).await;
    assert!(tables.contains(BUDGET_TABLE_ID) && tables.contains("Budget!A1:E5"), "{tables}");
    let appended = ok(
        &client,
        "append_table_rows",
        json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID, "values": [["Licenses", 900, 850]]}),
    )
    .await;
    assert!(appended.contains("Budget!A1:E6"), "{appended}");
    let rule = ok(
        &client,
        "manage_conditional_formatting",
        json!({"spreadsheet_id": id, "action": "add", "range_name": "Budget!C2:C6",
            "condition_type": "NUMBER_GREATER", "condition_values": [4000], "background_color": "#F4CCCC"}),
    )
    .await;
    assert!(rule.contains("0: Budget!C2:C6 | NUMBER_GREATER 4000"), "{rule}");
    let moved = ok(
        &client,
        "move_sheet_rows",
        json!({"spreadsheet_id": id, "source_sheet": "Budget", "start_row": 6, "end_row": 6, "destination_sheet": "Notes"}),
    )
    .await;
    assert!(moved.contains("to rows 4-4 of sheet 'Notes'"), "{moved}");
    let resized = ok(
        &client,
        "resize_sheet_dimensions",
        json!({"spreadsheet_id": id, "column_sizes": {"A": 220}, "hide_rows": [2]}),
    )
    .await;
    assert!(resized.contains("column widths A=220px") && resized.contains("hid rows 2"), "{resized}");
    assert_eq!(writes(), 4, "one batchUpdate per write call");

    let comment = ok(
        &client,
        "manage_spreadsheet_comment",
        json!({"spreadsheet_id": id, "action": "create", "comment_content": "Licenses moved to Notes", "cell": "Notes!A4"}),
    )
    .await;
    assert!(comment.contains("Licenses moved to Notes"), "{comment}");
    let comments = ok(&client, "list_spreadsheet_comments", json!({"spreadsheet_id": id})).await;
    assert!(comments.starts_with("2 comment(s)"), "{comments}");

    let e =
        err(&client, "append_table_rows", json!({"spreadsheet_id": id, "table_id": "nope", "values": [["x"]]})).await;
    assert!(e.contains("no table with id 'nope'"), "{e}");
    let e = err(
        &client,
        "manage_conditional_formatting",
        json!({"spreadsheet_id": id, "action": "delete", "rule_index": 3}),
    )
    .await;
    assert!(e.contains("rule_index 3 is out of range"), "{e}");
    let e = err(
        &client,
        "move_sheet_rows",
        json!({"spreadsheet_id": id, "source_sheet": "Budget", "start_row": 2, "end_row": 2, "destination_sheet": "Budget"}),
    )
    .await;
    assert!(e.contains("the same sheet"), "{e}");
    let e = err(&client, "resize_sheet_dimensions", json!({"spreadsheet_id": id, "delete_columns": ["AAA"]})).await;
    assert!(e.contains("beyond the sheet"), "{e}");
    let e = err(&client, "manage_spreadsheet_comment", json!({"spreadsheet_id": id, "action": "resolve"})).await;
    assert!(e.contains("comment_id"), "{e}");
    let e = err(&client, "list_spreadsheet_comments", json!({"spreadsheet_id": "1NoSuchSpreadsheet"})).await;
    assert!(e.contains("404"), "{e}");
    assert_eq!(writes(), 4, "refused calls wrote nothing");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
