//! list_sheet_tables and append_table_rows.

use super::*;
use wsmcp_sheets::sandbox::seed::BUDGET_TABLE_ID;

#[tokio::test]
async fn tables_listed_then_rows_appended_and_read_back() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let listed = env.ok("list_sheet_tables", json!({"spreadsheet_id": id})).await;
    assert!(listed.starts_with("1 table(s) in spreadsheet"), "{listed}");
    assert!(
        listed.contains(&format!("- \"Cost_lines\" (table id {BUDGET_TABLE_ID}): Budget!A1:E5, 4 data row(s)")),
        "{listed}"
    );
    assert!(listed.contains("Columns: Category (TEXT), Planned (EUR) (DOUBLE)"), "{listed}");
    let none = env.ok("list_sheet_tables", json!({"spreadsheet_id": TEAM_OKRS_SHEET})).await;
    assert!(none.contains("has no tables"), "{none}");

    let before = env.writes();
    let out = env
        .ok(
            "append_table_rows",
            json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID,
                "values": "[[\"Licenses\", \"900\", 850, \"Alex Rivera\"], [\"Catering\", 300, \"=B7*1.1\"]]"}),
        )
        .await;
    assert_eq!(env.writes(), before + 1, "one batchUpdate");
    assert!(out.contains("Appended 2 row(s) to table 'Cost_lines'") && out.contains("Budget!A1:E7"), "{out}");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    let append = &body["requests"][0]["appendCells"];
    assert_eq!(append["tableId"], BUDGET_TABLE_ID);
    assert_eq!(append["rows"][0]["values"][1], json!({"userEnteredValue": {"numberValue": 900.0}}));
    assert_eq!(append["rows"][1]["values"][2], json!({"userEnteredValue": {"formulaValue": "=B7*1.1"}}));

    let read = env.ok("read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Budget!A6:C8"})).await;
    assert!(read.contains(r#"Row 6: ["Licenses","900","850"]"#), "{read}");
    assert!(read.contains(r#"Row 7: ["Catering","300","330"]"#), "{read}");
    assert!(read.contains(r#"Row 8: ["Total","21000","20865"]"#), "the Total row moved below: {read}");
    let listed = env.ok("list_sheet_tables", json!({"spreadsheet_id": id})).await;
    assert!(listed.contains("Budget!A1:E7, 6 data row(s)"), "{listed}");
    env.done();
}

#[tokio::test]
async fn unknown_tables_and_bad_rows_are_named() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let e = env.err("append_table_rows", json!({"spreadsheet_id": id, "table_id": "42", "values": [["x"]]})).await;
    let text = e.to_string();
    assert!(text.contains("no table with id '42'") && text.contains(&format!("{BUDGET_TABLE_ID} (Cost_lines)")), "{e}");
    let wide = json!([["a", "b", "c", "d", "e", "f"]]);
    let e =
        env.err("append_table_rows", json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID, "values": wide})).await;
    assert!(e.to_string().contains("row 1 of values has 6 cells but table 'Cost_lines' has 5 columns"), "{e}");
    assert_eq!(env.writes(), 0);
    env.refused(
        "append_table_rows",
        &[
            json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID, "values": []}),
            json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID, "values": "[oops"}),
            json!({"spreadsheet_id": id, "table_id": BUDGET_TABLE_ID, "values": ["flat"]}),
            json!({"spreadsheet_id": id, "table_id": " ", "values": [["x"]]}),
        ],
    )
    .await;
    let e = env.err("list_sheet_tables", json!({"spreadsheet_id": "1NoSuchSheet"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
