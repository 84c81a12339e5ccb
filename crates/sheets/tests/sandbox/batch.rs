//! spreadsheets.create/get/batchUpdate: tabs, cell formats through field masks, borders,
//! merges, validation, chips, and atomic failure.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn create_then_manage_tabs() {
    let api = start().await;
    let (status, book) = api
        .post("", json!({"properties": {"title": "Plan"}, "sheets": [{"properties": {"title": "Q1"}}, {"properties": {"title": "Q2"}}]}))
        .await;
    assert_eq!(status, 200, "{book}");
    let id = book["spreadsheetId"].as_str().unwrap().to_string();
    assert_eq!(book["sheets"][0]["properties"]["sheetId"], 0);
    assert_eq!(book["sheets"][1]["properties"]["title"], "Q2");
    let (status, added) = api.batch(&id, json!([{"addSheet": {"properties": {"title": "It's", "index": 0}}}])).await;
    assert_eq!(status, 200, "{added}");
    let new_id = added["replies"][0]["addSheet"]["properties"]["sheetId"].as_i64().unwrap();
    assert_eq!(added["replies"][0]["addSheet"]["properties"]["index"], 0);
    // Move it last: Google counts the index before the move.
    let (status, _) = api
        .batch(&id, json!([{"updateSheetProperties": {"properties": {"sheetId": new_id, "index": 3, "title": "Q3"}, "fields": "index,title"}}]))
        .await;
    assert_eq!(status, 200);
    let (_, got) = api.get(&format!("/{id}")).await;
    let titles: Vec<_> = got["sheets"].as_array().unwrap().iter().map(|s| s["properties"]["title"].clone()).collect();
    assert_eq!(titles, [json!("Q1"), json!("Q2"), json!("Q3")]);
    let (status, e) = api.batch(&id, json!([{"addSheet": {"properties": {"title": "q1"}}}])).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("already exists"), "{e}");
    // Atomic: the second request fails, so the first is not applied either.
    let (status, e) = api.batch(&id, json!([{"deleteSheet": {"sheetId": 0}}, {"deleteSheet": {"sheetId": 999}}])).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().starts_with("Invalid requests[1].deleteSheet"), "{e}");
    let (_, got) = api.get(&format!("/{id}")).await;
    assert_eq!(got["sheets"].as_array().unwrap().len(), 3);
    api.assert_valid();
}

#[tokio::test]
async fn formats_borders_merges_and_chips_read_back_as_grid_data() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let range = json!({"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3, "startColumnIndex": 1, "endColumnIndex": 3});
    let requests = json!([
        {"repeatCell": {"range": range, "cell": {"userEnteredFormat": {"numberFormat": {"type": "CURRENCY", "pattern": "\"$\"#,##0.00"},
            "textFormat": {"bold": true}}}, "fields": "userEnteredFormat(numberFormat,textFormat.bold)"}},
        {"updateBorders": {"range": range, "top": {"style": "SOLID"}, "innerHorizontal": {"style": "DASHED"}}},
        {"mergeCells": {"range": {"sheetId": 0, "startRowIndex": 8, "endRowIndex": 9, "startColumnIndex": 0, "endColumnIndex": 2}, "mergeType": "MERGE_ALL"}},
        {"updateCells": {"start": {"sheetId": 0, "rowIndex": 9, "columnIndex": 0}, "fields": "userEnteredValue,chipRuns",
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "@"}, "chipRuns": [{"chip": {"personProperties": {"email": "priya.shah@example.com"}}}]}]}]}},
    ]);
    let (status, done) = api.batch(id, requests).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["replies"].as_array().unwrap().len(), 4);
    let (_, shown) = api.values(id, "Budget!B2:C3", "").await;
    assert_eq!(shown["values"], json!([["$12,000.00", "$10,850.00"], ["$4,200.00", "$4,815.00"]]));
    let (status, grid) = api.get(&format!("/{id}?ranges=Budget!A2:C10&includeGridData=true")).await;
    assert_eq!(status, 200, "{grid}");
    let sheet = &grid["sheets"][0];
    assert_eq!(grid["sheets"].as_array().unwrap().len(), 1, "only the sheet the range names");
    assert_eq!(sheet["merges"][0]["endColumnIndex"], 2);
    let data = &sheet["data"][0];
    assert_eq!((data["startRow"].clone(), data["startColumn"].clone()), (json!(1), json!(0)));
    let b2 = &data["rowData"][0]["values"][1];
    assert_eq!(b2["userEnteredFormat"]["textFormat"]["bold"], true);
    assert_eq!(b2["userEnteredFormat"]["borders"]["top"]["style"], "SOLID");
    assert_eq!(b2["userEnteredFormat"]["borders"]["bottom"]["style"], "DASHED");
    assert_eq!(b2["formattedValue"], "$12,000.00");
    assert_eq!(
        data["rowData"][8]["values"][0]["chipRuns"][0]["chip"]["personProperties"]["email"],
        "priya.shah@example.com"
    );
    // Past the grid: Google's error.
    let (status, e) = api
        .batch(id, json!([{"repeatCell": {"range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 2000}, "cell": {}, "fields": "userEnteredFormat"}}]))
        .await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("exceeds grid limits"), "{e}");
    let (status, _) = api.batch(FINANCE_FORECAST_SHEET, json!([{"deleteSheet": {"sheetId": 0}}])).await;
    assert_eq!(status, 403);
    api.assert_valid();
}
