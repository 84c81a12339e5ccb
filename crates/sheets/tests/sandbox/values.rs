//! values.get/update/append/clear: the seed, Google's response shapes and errors, formulas.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn the_seed_matches_drives_content_with_a_summing_total_row() {
    let api = start().await;
    let (status, got) = api.values(ATLAS_BUDGET_SHEET, "Budget", "").await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["range"], "Budget!A1:Z1000");
    assert_eq!(got["majorDimension"], "ROWS");
    let rows = got["values"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0][0], "Category");
    assert_eq!(rows[5], json!(["Total", "21000", "20865"]), "formulas give Drive's totals; trailing blanks trimmed");
    let (_, formulas) = api.values(ATLAS_BUDGET_SHEET, "Budget!B6:C6", "valueRenderOption=FORMULA").await;
    assert_eq!(formulas["values"], json!([["=SUM(B2:B5)", "=SUM(C2:C5)"]]));
    let (_, raw) = api.values(TEAM_OKRS_SHEET, "OKRs!D2", "valueRenderOption=UNFORMATTED_VALUE").await;
    assert_eq!(raw["values"], json!([[0.4]]), "\"40%\" was parsed as a percentage");
    let (_, shown) = api.values(TEAM_OKRS_SHEET, "OKRs!D2", "").await;
    assert_eq!(shown["values"], json!([["40%"]]));
    api.assert_valid();
}

#[tokio::test]
async fn writes_parse_user_input_and_formulas_evaluate() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let (status, done) = api
        .update(
            id,
            "Notes!B1",
            json!([["12.5%", "=B2*2", "=1/0", "=FOO(1)"], ["1,200", "2026-01-05", "'=text", "TRUE"]]),
            false,
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["updatedRange"], "Notes!B1:E2");
    assert_eq!(
        (done["updatedRows"].clone(), done["updatedColumns"].clone(), done["updatedCells"].clone()),
        (json!(2), json!(4), json!(8))
    );
    let (_, got) = api.values(id, "Notes!B1:E2", "").await;
    assert_eq!(
        got["values"],
        json!([["12.50%", "2400", "#DIV/0!", "#NAME?"], ["1200", "2026-01-05", "=text", "TRUE"]])
    );
    let (_, raw) = api.values(id, "Notes!B1:C2", "valueRenderOption=UNFORMATTED_VALUE").await;
    assert_eq!(raw["values"], json!([[0.125, 2400], [1200, 46027]]));
    // A cross-sheet reference, with a quoted name.
    api.update(id, "Notes!A10", json!([["=SUM(Budget!B2:B3)+'Budget'!C2"]]), false).await;
    let (_, cross) = api.values(id, "Notes!A10", "").await;
    assert_eq!(cross["values"], json!([["27050"]]));
    // RAW keeps text as typed.
    api.update(id, "Notes!A11", json!([["=1+2", "40%"]]), true).await;
    let (_, raw) = api.values(id, "Notes!A11:B11", "").await;
    assert_eq!(raw["values"], json!([["=1+2", "40%"]]));
    // Columns, and trailing empties trimmed in that direction too.
    let (_, cols) = api.values(id, "Notes!A1:B3", "majorDimension=COLUMNS").await;
    assert_eq!(
        cols["values"],
        json!([["Note", "Budget owner: Lena Fischer", "Reviewed monthly with Priya"], ["12.50%", "1200"]])
    );
    api.assert_valid();
}

#[tokio::test]
async fn googles_errors_for_bad_writes() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let (status, e) = api.update(id, "Budget!Z1000", json!([["a", "b"]]), false).await;
    assert_eq!(status, 400);
    assert_eq!(
        e["error"]["message"],
        "Range ('Budget'!Z1000:AA1000) exceeds grid limits. Max rows: 1000, max columns: 26"
    );
    let (status, e) = api.update(id, "Budget!A1:B1", json!([["a", "b", "c"]]), false).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("tried writing to column [C]"), "{e}");
    let (status, e) = api.update(id, "Nope!A1", json!([["a"]]), false).await;
    assert_eq!((status, e["error"]["message"].clone()), (400, json!("Unable to parse range: Nope!A1")));
    let (status, e) = api.put(&format!("/{id}/values/A1"), json!({"values": [["a"]]})).await;
    assert_eq!(status, 400, "valueInputOption is required: {e}");
    let (status, e) = api.update(FINANCE_FORECAST_SHEET, "A1", json!([["x"]]), false).await;
    assert_eq!((status, e["error"]["message"].clone()), (403, json!("The caller does not have permission")));
    let (status, _) = api.values("1NoSuchSpreadsheet", "A1", "").await;
    assert_eq!(status, 404);
    api.assert_valid();
}

#[tokio::test]
async fn append_grows_the_grid_and_clear_keeps_formats() {
    let api = start().await;
    let id = TEAM_OKRS_SHEET;
    let path = format!("/{id}/values/{}:append?valueInputOption=USER_ENTERED", wsmcp_testkit::enc("OKRs!A:D"));
    let (status, done) = api.post(&path, json!({"values": [["Grow", "3 new pilots", "Lena Fischer", "10%"]]})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["tableRange"], "OKRs!A1:D4");
    assert_eq!(done["updates"]["updatedRange"], "OKRs!A5:D5");
    let (_, got) = api.values(id, "OKRs!A5:D5", "").await;
    assert_eq!(got["values"], json!([["Grow", "3 new pilots", "Lena Fischer", "10%"]]));
    // Past the last row: the grid grows.
    let many: Vec<_> = (0..1000).map(|i| json!([format!("row {i}")])).collect();
    let (status, done) = api.post(&path, json!({"values": many})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["updates"]["updatedRange"], "OKRs!A6:A1005");
    let (_, meta) = api.get(&format!("/{id}")).await;
    assert_eq!(meta["sheets"][0]["properties"]["gridProperties"]["rowCount"], 1005);
    let clear = format!("/{id}/values/{}:clear", wsmcp_testkit::enc("OKRs!D2:D3"));
    let (status, done) = api.post(&clear, json!({})).await;
    assert_eq!((status, done["clearedRange"].clone()), (200, json!("OKRs!D2:D3")));
    api.update(id, "OKRs!D2", json!([[0.25]]), true).await;
    let (_, got) = api.values(id, "OKRs!D2:D3", "").await;
    assert_eq!(got["values"], json!([["25%"]]), "the percent format outlived the clear");
    api.assert_valid();
}
