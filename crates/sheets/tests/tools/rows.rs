//! move_sheet_rows and resize_sheet_dimensions.

use super::*;

#[tokio::test]
async fn rows_move_to_another_sheet_with_their_formulas() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    // A formula in a moved row, and one elsewhere that points into the moved rows.
    env.ok("modify_sheet_values", json!({"spreadsheet_id": id, "range_name": "Budget!F3", "values": [["=C3-B3"]]}))
        .await;
    env.ok("modify_sheet_values", json!({"spreadsheet_id": id, "range_name": "Budget!G1", "values": [["=B4"]]})).await;
    let before = env.writes();
    let out = env
        .ok(
            "move_sheet_rows",
            json!({"spreadsheet_id": id, "source_sheet": "Budget", "start_row": 3, "end_row": 4, "destination_sheet": "notes"}),
        )
        .await;
    assert_eq!(env.writes(), before + 1, "one batchUpdate");
    assert!(out.starts_with("Moved 2 row(s) (3-4) from sheet 'Budget' to rows 4-5 of sheet 'Notes'"), "{out}");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    let kinds: Vec<&str> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().keys().next().unwrap().as_str())
        .collect();
    assert_eq!(kinds, ["copyPaste", "deleteDimension"]);

    let notes = env
        .ok("read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Notes!A1:F5", "include_formulas": true}))
        .await;
    assert!(
        notes.contains(r#"Row 4: ["Travel, Munich offsite","4200","4815","Lena Fischer","Extra night","615"]"#),
        "{notes}"
    );
    assert!(notes.contains(r#"Row 5: ["Workshops","3000","3400""#), "{notes}");
    assert!(notes.contains("=C4-B4"), "the pasted formula moved with its row: {notes}");
    let budget = env
        .ok("read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Budget!A1:G4", "include_formulas": true}))
        .await;
    assert!(budget.contains(r#"Row 3: ["Design tools","1800""#), "{budget}");
    assert!(budget.contains(r#"Row 4: ["Total","13800","12650""#), "the Total sums what is left: {budget}");
    assert!(budget.contains("#REF!"), "a reference into the deleted rows breaks, as in Sheets: {budget}");
    env.done();
}

#[tokio::test]
async fn move_refusals_and_empty_rows() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let args = |s: i64, e: i64, to: &str| json!({"spreadsheet_id": id, "source_sheet": "Budget", "start_row": s, "end_row": e, "destination_sheet": to});
    env.refused("move_sheet_rows", &[args(0, 2, "Notes"), args(5, 3, "Notes")]).await;
    let e = env.err("move_sheet_rows", args(2, 3, "budget")).await;
    assert!(e.to_string().contains("the same sheet"), "{e}");
    let e = env.err("move_sheet_rows", args(2, 3, "Archive")).await;
    assert!(e.to_string().contains("no sheet named 'Archive'; the sheets are 'Budget', 'Notes'"), "{e}");
    let e = env.err("move_sheet_rows", args(40, 41, "Notes")).await;
    assert!(e.to_string().contains("rows 40-41 of sheet 'Budget' are empty"), "{e}");
    let e = env.err("move_sheet_rows", args(999, 1001, "Notes")).await;
    assert!(e.to_string().contains("end_row 1001 is beyond sheet 'Budget', which has 1000 rows"), "{e}");
    assert_eq!(env.writes(), 0);
    env.done();
}

#[tokio::test]
async fn dimensions_resized_hidden_inserted_and_deleted_in_one_write() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let before = env.writes();
    let out = env
        .ok(
            "resize_sheet_dimensions",
            json!({"spreadsheet_id": id, "sheet_name": "Budget", "column_sizes": "{\"A\": 220}", "row_sizes": {"1": 32},
                "auto_resize_columns": ["D"], "hide_columns": "E", "frozen_column_count": 1,
                "delete_rows": [3], "insert_rows": 1, "insert_rows_at": 5}),
        )
        .await;
    assert_eq!(env.writes(), before + 1, "one batchUpdate");
    assert!(
        out.contains("column widths A=220px")
            && out.contains("deleted rows 3")
            && out.contains("inserted 1 row(s) before row 5"),
        "{out}"
    );
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    let insert = body["requests"].as_array().unwrap().iter().find_map(|r| r.get("insertDimension")).unwrap();
    assert_eq!(insert["range"]["startIndex"], 3, "old row 5 is row 4 once row 3 is gone");
    // Row 5 of the sheet before the call (Design tools) now sits below the new empty row.
    let read = env.ok("read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Budget!A3:A6"})).await;
    assert!(
        read.contains(r#"Row 3: ["Workshops"]"#)
            && read.contains(r#"Row 4: []"#)
            && read.contains(r#"Row 5: ["Design tools"]"#),
        "{read}"
    );
    let g = env.g();
    let fields = "sheets(properties(gridProperties),data(rowMetadata,columnMetadata))";
    let book =
        wsmcp_sheets::api::spreadsheets_get(&g, id, &["Budget!A1:E2".into()], false, Some(fields)).await.unwrap();
    let data = &book["sheets"][0]["data"][0];
    assert_eq!(data["columnMetadata"][0]["pixelSize"], 220);
    assert_eq!(data["columnMetadata"][3]["pixelSize"], 13 * 7 + 10, "'Marco Bianchi' is column D's longest text");
    assert_eq!(data["columnMetadata"][4]["hiddenByUser"], true);
    assert_eq!(data["rowMetadata"][0]["pixelSize"], 32);
    assert_eq!(book["sheets"][0]["properties"]["gridProperties"]["frozenColumnCount"], 1);
    env.done();
}

#[tokio::test]
async fn resize_refusals_name_the_problem() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let cases = [
        (json!({"spreadsheet_id": id}), "nothing to change"),
        (json!({"spreadsheet_id": id, "hide_rows": [0]}), "rows start at 1"),
        (json!({"spreadsheet_id": id, "delete_columns": ["AA"]}), "beyond the sheet, whose last column is Z"),
        (json!({"spreadsheet_id": id, "delete_row_range": "9-5"}), "\"start:end\""),
        (json!({"spreadsheet_id": id, "column_sizes": {"A": -3}}), "pixels"),
        (json!({"spreadsheet_id": id, "insert_rows_at": 3}), "needs insert_rows"),
        (json!({"spreadsheet_id": id, "sheet_name": "Archive", "insert_rows": 1}), "no sheet named 'Archive'"),
    ];
    for (args, want) in cases {
        let e = env.err("resize_sheet_dimensions", args.clone()).await;
        assert!(matches!(e, ToolError::InvalidInput(_)) && e.to_string().contains(want), "{args}: {e}");
    }
    assert_eq!(env.writes(), 0, "refused before any write");
    // Google's own refusal: a sheet keeps at least one row.
    let e = env
        .err(
            "resize_sheet_dimensions",
            json!({"spreadsheet_id": id, "sheet_name": "Notes", "delete_row_range": "1:1000"}),
        )
        .await;
    assert!(is_google(&e, 400) && e.to_string().contains("delete all the rows"), "{e}");
    env.done();
}
