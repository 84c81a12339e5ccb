//! create_sheet and manage_sheet_tab.

use super::*;

#[tokio::test]
async fn add_and_duplicate_tabs() {
    let env = Env::new().await;
    let out = env.ok("create_sheet", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "sheet_name": "Q1 2027"})).await;
    assert!(out.starts_with("Added sheet \"Q1 2027\"") && out.contains("index 1"), "{out}");
    assert_eq!(
        env.last("sheets.spreadsheets.batchUpdate").body.unwrap(),
        json!({"requests": [{"addSheet": {"properties": {"title": "Q1 2027"}}}]})
    );
    let out = env
        .ok("create_sheet", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "source_sheet_name": "okrs", "sheet_name": "OKRs copy", "insert_sheet_index": 0}))
        .await;
    assert!(out.starts_with("Duplicated sheet \"OKRs copy\"") && out.contains("index 0"), "{out}");
    assert_eq!(env.writes(), 2);
    let read =
        env.ok("read_sheet_values", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "range_name": "'OKRs copy'!A2"})).await;
    assert!(read.contains("Ship offline mode"), "the copy has the values:\n{read}");
    let e = env.err("create_sheet", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "sheet_name": "okrs"})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("already exists"), "{e}");
    let e = env.err("create_sheet", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "source_sheet_name": "Nope"})).await;
    assert!(e.to_string().contains("no sheet named 'Nope'") && e.to_string().contains("'OKRs'"), "{e}");
    env.refused("create_sheet", &[json!({"spreadsheet_id": TEAM_OKRS_SHEET, "insert_sheet_index": -1})]).await;
    env.done();
}

#[tokio::test]
async fn manage_tab_actions() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let call = |extra: Value| {
        let mut a = json!({"spreadsheet_id": id, "sheet_name": "Notes"});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    let out = env
        .ok("manage_sheet_tab", call(json!({"action": "style", "tab_color": "#FF0000", "show_gridlines": false})))
        .await;
    assert!(out.starts_with("Styled (set the tab color to #FF0000, hid the gridlines)"), "{out}");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    assert_eq!(body["requests"][0]["updateSheetProperties"]["fields"], "tabColorStyle,gridProperties.hideGridlines");
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("gridlines hidden, tab color #FF0000"), "{info}");

    env.ok("manage_sheet_tab", call(json!({"action": "reorder", "new_index": 0}))).await;
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("\"Notes\" (sheet id 1482397065, index 0)"), "{info}");
    env.ok("manage_sheet_tab", call(json!({"action": "reorder", "new_index": 1}))).await;
    assert_eq!(
        env.last("sheets.spreadsheets.batchUpdate").body.unwrap()["requests"][0]["updateSheetProperties"]["properties"]
            ["index"],
        2
    );
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("\"Notes\" (sheet id 1482397065, index 1)"), "{info}");

    env.ok("manage_sheet_tab", call(json!({"action": "hide"}))).await;
    let e = env.err("manage_sheet_tab", json!({"spreadsheet_id": id, "sheet_name": "Budget", "action": "hide"})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("can't hide all the sheets"), "{e}");
    env.ok("manage_sheet_tab", call(json!({"action": "unhide"}))).await;
    env.ok("manage_sheet_tab", call(json!({"action": "delete"}))).await;
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("Sheets (1)") && !info.contains("Notes"), "{info}");
    let before = env.writes();
    env.refused(
        "manage_sheet_tab",
        &[
            call(json!({"action": "rename"})),
            call(json!({"action": "reorder"})),
            call(json!({"action": "style"})),
            call(json!({"action": "style", "tab_color": "red"})),
            call(json!({"action": "archive"})),
        ],
    )
    .await;
    let e = env.err("manage_sheet_tab", call(json!({"action": "reorder", "new_index": 5}))).await;
    assert!(matches!(e, ToolError::InvalidInput(_)), "{e}");
    assert_eq!(env.writes(), before);
    env.done();
}

#[tokio::test]
async fn format_a_range_in_one_request_and_read_it_back() {
    let env = Env::new().await;
    let args = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Budget!B2:C5",
        "number_format_type": "CURRENCY", "number_format_pattern": "\"€\"#,##0", "bold": true, "background_color": "#FFEECC",
        "borders": "outer", "border_style": "DASHED", "dropdown_values": ["10850", "4815"], "dropdown_strict": false});
    let out = env.ok("format_sheet_range", args).await;
    assert!(
        out.starts_with("Formatted 'Budget!B2:C5'") && out.contains("DASHED borders (top, bottom, left, right)"),
        "{out}"
    );
    assert_eq!(env.writes(), 1);
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    let kinds: Vec<String> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().keys().next().unwrap().clone())
        .collect();
    assert_eq!(kinds, ["repeatCell", "updateBorders", "setDataValidation"]);
    assert_eq!(
        body["requests"][0]["repeatCell"]["range"],
        json!({"sheetId": 0, "startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 1, "endColumnIndex": 3})
    );
    let read =
        env.ok("read_sheet_values", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Budget!B2:C2"})).await;
    assert!(read.contains("Row 2: [\"€12,000\",\"€10,850\"]"), "the number format shows:\n{read}");

    env.ok(
        "format_sheet_range",
        json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A1:B1", "merge_cells": true}),
    )
    .await;
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET})).await;
    assert!(info.contains("1 merged range(s)"), "{info}");
    env.ok("format_sheet_range", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A1:B1", "merge_cells": false, "clear_dropdown": true})).await;
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET})).await;
    assert!(!info.contains("merged range"), "{info}");
    let base = |extra: Value| {
        let mut a = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "A1"});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    env.refused(
        "format_sheet_range",
        &[
            base(json!({})),
            base(json!({"text_color": "blue"})),
            base(json!({"font_size": 0})),
            base(json!({"merge_cells": false, "merge_type": "MERGE_ALL"})),
        ],
    )
    .await;
    let e = env
        .err(
            "format_sheet_range",
            json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Budget!A1:A2000", "bold": true}),
        )
        .await;
    assert!(is_google(&e, 400) && e.to_string().contains("exceeds grid limits"), "{e}");
    let e = env
        .err("format_sheet_range", json!({"spreadsheet_id": FINANCE_FORECAST_SHEET, "range_name": "A1", "bold": true}))
        .await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}
