//! read_sheet_values and modify_sheet_values.

use super::*;

#[tokio::test]
async fn read_values_with_formulas_links_notes_and_chips() {
    let env = Env::new().await;
    let out =
        env.ok("read_sheet_values", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Budget!A1:C6"})).await;
    assert!(
        out.starts_with(&format!("Data from 'Budget!A1:C6' in spreadsheet {ATLAS_BUDGET_SHEET} (6 row(s)):")),
        "{out}"
    );
    assert!(out.contains("Row 6: [\"Total\",\"21000\",\"20865\"]"), "{out}");
    assert_eq!(env.last("sheets.spreadsheets.values.get").query_param("valueRenderOption"), Some("FORMATTED_VALUE"));
    // A link, a note and a chip, written straight to the API.
    let g = env.g();
    let cells = json!([
        {"updateCells": {"start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 4}, "fields": "note,hyperlink",
            "rows": [{"values": [{"note": "Check the\nreservation", "hyperlink": "https://example.com/ri"}]}]}},
        {"updateCells": {"start": {"sheetId": 0, "rowIndex": 2, "columnIndex": 4}, "fields": "userEnteredValue,chipRuns",
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "@"}, "chipRuns": [{"chip": {"personProperties": {"email": "lena.fischer@example.com"}}}]}]}]}},
    ]);
    wsmcp_sheets::api::spreadsheets_batch_update(&g, ATLAS_BUDGET_SHEET, cells.as_array().unwrap().clone())
        .await
        .unwrap();
    let all = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Budget!A1:E6", "include_formulas": true,
        "include_hyperlinks": true, "include_notes": true, "include_smart_chips": true});
    let out = env.ok("read_sheet_values", all).await;
    assert!(out.contains("Formulas:\n- Budget!B6: =SUM(B2:B5)\n- Budget!C6: =SUM(C2:C5)\n"), "{out}");
    assert!(out.contains("Hyperlinks:\n- Budget!E2: https://example.com/ri\n"), "{out}");
    assert!(out.contains("Notes:\n- Budget!E2: Check the / reservation\n"), "{out}");
    assert!(out.contains("Smart chips:\n- Budget!E3: person lena.fischer@example.com\n"), "{out}");
    let grid = env.last("sheets.spreadsheets.get");
    assert_eq!((grid.query_param("includeGridData"), grid.query_param("ranges")), (Some("true"), Some("Budget!A1:E6")));
    assert_eq!(env.last("sheets.spreadsheets.values.get").query_param("valueRenderOption"), Some("FORMULA"));
    env.done();
}

#[tokio::test]
async fn reads_default_to_the_first_sheet_and_are_bounded() {
    let env = Env::new().await;
    let out = env.ok("read_sheet_values", json!({"spreadsheet_id": TEAM_OKRS_SHEET})).await;
    assert!(out.starts_with("Data from 'OKRs!A1:Z1000'") && out.contains("\"40%\""), "{out}");
    env.ok("read_sheet_values", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "range_name": "OKRs!A:B"})).await;
    assert_eq!(env.last("sheets.spreadsheets.values.get").path.rsplit('/').next().unwrap(), "OKRs%21A1%3AB1000");
    let empty =
        env.ok("read_sheet_values", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "range_name": "'OKRs'!F1:G2"})).await;
    assert!(empty.starts_with("No data in range 'OKRs!F1:G2'"), "{empty}");
    env.refused("read_sheet_values", &[json!({"spreadsheet_id": TEAM_OKRS_SHEET, "range_name": "OKRs!A0"})]).await;
    let e = env.err("read_sheet_values", json!({"spreadsheet_id": TEAM_OKRS_SHEET, "range_name": "Missing!A1"})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("Unable to parse range"), "{e}");
    env.done();
}

#[tokio::test]
async fn modify_writes_clears_and_inserts_chips_one_request_each() {
    let env = Env::new().await;
    let args = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A5", "values": "[[\"Q4 review\", \"=SUM(Budget!B2:B3)\"], [\"Owner\", \"Priya Shah\"]]"});
    let out = env.ok("modify_sheet_values", args).await;
    assert_eq!(
        out,
        format!(
            "Updated 'Notes!A5:B6' in spreadsheet {ATLAS_BUDGET_SHEET}: 2 row(s), 2 column(s), 4 cell(s) (USER_ENTERED).\n"
        )
    );
    assert_eq!(env.writes(), 1);
    let req = env.last("sheets.spreadsheets.values.update");
    assert_eq!(req.query_param("valueInputOption"), Some("USER_ENTERED"));
    assert_eq!(req.body.unwrap()["values"][0][1], "=SUM(Budget!B2:B3)");
    let read =
        env.ok("read_sheet_values", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!B5"})).await;
    assert!(read.contains("Row 5: [\"16200\"]"), "the formula evaluated:\n{read}");

    env.ok(
        "modify_sheet_values",
        json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A5:B6", "clear_values": true}),
    )
    .await;
    assert_eq!(env.writes(), 2);
    let read =
        env.ok("read_sheet_values", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A5:B6"})).await;
    assert!(read.starts_with("No data"), "{read}");

    let chips = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!C1:C2",
        "chips": ["priya.shah@example.com", format!("https://docs.google.com/spreadsheets/d/{TEAM_OKRS_SHEET}/edit")]});
    let out = env.ok("modify_sheet_values", chips).await;
    assert!(out.starts_with("Inserted 2 smart chip(s) into 2 cell(s)") && out.contains("Notes!C1, Notes!C2"), "{out}");
    assert_eq!(env.writes(), 3, "both chips in one batchUpdate");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    assert_eq!(
        body["requests"][1]["updateCells"]["start"],
        json!({"sheetId": NOTES_SHEET_ID, "rowIndex": 1, "columnIndex": 2})
    );
    let read = env
        .ok(
            "read_sheet_values",
            json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!C1:C2", "include_smart_chips": true}),
        )
        .await;
    assert!(
        read.contains("- Notes!C1: person priya.shah@example.com")
            && read.contains("- Notes!C2: link https://docs.google.com/"),
        "{read}"
    );
    env.done();
}

#[tokio::test]
async fn modify_refuses_bad_input_and_reports_googles_errors() {
    let env = Env::new().await;
    let base = |extra: Value| {
        let mut a = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!A1"});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    env.refused(
        "modify_sheet_values",
        &[
            base(json!({})),
            base(json!({"values": [["a"]], "clear_values": true})),
            base(json!({"values": "[[\"a\"]", "value_input_option": "RAW"})),
            base(json!({"values": [["a"]], "value_input_option": "PARSED"})),
            base(json!({"values": []})),
            base(json!({"chips": "not-a-chip!"})),
            json!({"spreadsheet_id": ATLAS_BUDGET_SHEET, "range_name": "Notes!", "values": [["a"]]}),
        ],
    )
    .await;
    let e = env
        .err(
            "modify_sheet_values",
            json!({"spreadsheet_id": FINANCE_FORECAST_SHEET, "range_name": "A1", "values": [["x"]]}),
        )
        .await;
    assert!(is_google(&e, 403), "{e}");
    let e = env.err("modify_sheet_values", base(json!({"range_name": "Notes!Z1000", "values": [["a", "b"]]}))).await;
    assert!(is_google(&e, 400) && e.to_string().contains("exceeds grid limits"), "{e}");
    env.done();
}
