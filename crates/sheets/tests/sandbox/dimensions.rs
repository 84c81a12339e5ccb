//! Rows and columns: moveDimension with Google's destinationIndex (counted before the block
//! leaves the grid), formulas that follow moved and deleted cells, dimension properties in
//! `spreadsheets.get`, tables and conditional format rules with Google's index errors.

use serde_json::{Value, json};

use crate::support::*;
use wsmcp_testkit::enc;

const BUDGET: i64 = 0;

async fn column_a(api: &Sheets) -> Vec<Value> {
    let (_, got) = api.values(ATLAS_BUDGET_SHEET, "Budget!A2:A6", "").await;
    got["values"].as_array().unwrap().iter().map(|r| r[0].clone()).collect()
}

fn mv(start: u32, end: u32, dest: u32) -> Value {
    json!([{"moveDimension": {"source": {"sheetId": BUDGET, "dimension": "ROWS", "startIndex": start, "endIndex": end},
        "destinationIndex": dest}}])
}

#[tokio::test]
async fn move_rows_down_and_up_with_formulas_following() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let (status, _) = api.update(id, "Budget!H1", json!([["=B2"]]), false).await;
    assert_eq!(status, 200);
    // Down: Cloud (index 1) to destinationIndex 4, i.e. before Design tools as the grid was;
    // once it has left, it lands at index 3.
    let (status, body) = api.batch(id, mv(1, 2, 4)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        column_a(&api).await,
        [
            json!("Travel, Munich offsite"),
            json!("Workshops"),
            json!("Cloud infrastructure"),
            json!("Design tools"),
            json!("Total")
        ]
    );
    let (_, h1) = api.values(id, "Budget!H1", "valueRenderOption=FORMULA").await;
    assert_eq!(h1["values"], json!([["=B4"]]), "the reference follows the moved cell");
    let (_, total) = api.values(id, "Budget!B6:H6", "valueRenderOption=FORMULA").await;
    assert_eq!(total["values"][0][0], "=SUM(B2:B5)", "a row moved inside the range keeps the range");
    let (_, shown) = api.values(id, "Budget!H1", "").await;
    assert_eq!(shown["values"], json!([["12000"]]));
    // Up: Design tools (index 4) to the top of the data (index 1).
    let (status, _) = api.batch(id, mv(4, 5, 1)).await;
    assert_eq!(status, 200);
    assert_eq!(
        column_a(&api).await,
        [
            json!("Design tools"),
            json!("Travel, Munich offsite"),
            json!("Workshops"),
            json!("Cloud infrastructure"),
            json!("Total")
        ]
    );
    let (_, h1) = api.values(id, "Budget!H1", "valueRenderOption=FORMULA").await;
    assert_eq!(h1["values"], json!([["=B5"]]));
    // Google's example: [1, 3) to destinationIndex 4 puts the two rows after the next one.
    let (status, _) = api.batch(id, mv(1, 3, 4)).await;
    assert_eq!(status, 200);
    assert_eq!(
        column_a(&api).await,
        [
            json!("Workshops"),
            json!("Design tools"),
            json!("Travel, Munich offsite"),
            json!("Cloud infrastructure"),
            json!("Total")
        ]
    );
    // A destination inside the moved block, or past the grid, is refused.
    let (status, e) = api.batch(id, mv(1, 3, 2)).await;
    assert_eq!(status, 400, "{e}");
    assert!(e["error"]["message"].as_str().unwrap().starts_with("Invalid requests[0].moveDimension"), "{e}");
    let (status, _) = api.batch(id, mv(1, 2, 1001)).await;
    assert_eq!(status, 400);
    api.assert_valid();
}

#[tokio::test]
async fn deleting_rows_breaks_references_and_shrinks_ranges() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    api.update(id, "Notes!B1", json!([["=Budget!B3", "=Budget!B2"]]), false).await;
    let del = json!([{"deleteDimension": {"range": {"sheetId": BUDGET, "dimension": "ROWS", "startIndex": 2, "endIndex": 3}}}]);
    let (status, _) = api.batch(id, del).await;
    assert_eq!(status, 200);
    let (_, notes) = api.values(id, "Notes!B1:C1", "valueRenderOption=FORMULA").await;
    assert_eq!(notes["values"], json!([["=#REF!", "=Budget!B2"]]));
    let (_, shown) = api.values(id, "Notes!B1", "").await;
    assert_eq!(shown["values"], json!([["#REF!"]]));
    let (_, total) = api.values(id, "Budget!B5", "valueRenderOption=FORMULA").await;
    assert_eq!(total["values"], json!([["=SUM(B2:B4)"]]));
    let (_, total) = api.values(id, "Budget!B5", "").await;
    assert_eq!(total["values"], json!([["16800"]]));
    let all = json!([{"deleteDimension": {"range": {"sheetId": BUDGET, "dimension": "ROWS", "startIndex": 0, "endIndex": 999}}}]);
    let (status, e) = api.batch(id, all).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("can't delete all the rows"), "{e}");
    api.assert_valid();
}

#[tokio::test]
async fn row_and_column_metadata_when_asked_for_by_fields() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let range =
        |dim: &str, s: u32, e: u32| json!({"sheetId": BUDGET, "dimension": dim, "startIndex": s, "endIndex": e});
    let (status, body) = api
        .batch(
            id,
            json!([
                {"updateDimensionProperties": {"range": range("ROWS", 0, 1), "properties": {"pixelSize": 40}, "fields": "pixelSize"}},
                {"updateDimensionProperties": {"range": range("COLUMNS", 2, 3), "properties": {"hiddenByUser": true}, "fields": "hiddenByUser"}},
                {"autoResizeDimensions": {"dimensions": range("COLUMNS", 0, 1)}},
            ]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let fields = enc("sheets(properties(title),data(rowMetadata,columnMetadata))");
    let (status, got) = api.get(&format!("/{id}?ranges={}&fields={fields}", enc("Budget!A1:D2"))).await;
    assert_eq!(status, 200);
    let data = &got["sheets"][0]["data"][0];
    assert_eq!(data["rowMetadata"], json!([{"pixelSize": 40}, {"pixelSize": 21}]));
    // "Travel, Munich offsite" is the longest text in column A: 22 characters.
    assert_eq!(data["columnMetadata"][0], json!({"pixelSize": 22 * 7 + 10}));
    assert_eq!(data["columnMetadata"][2], json!({"pixelSize": 100, "hiddenByUser": true}));
    let (_, plain) = api.get(&format!("/{id}")).await;
    assert!(plain["sheets"][0].get("data").is_none(), "no grid data unless asked");
    let (status, e) = api
        .batch(id, json!([{"updateDimensionProperties": {"range": range("ROWS", 999, 1001), "properties": {"pixelSize": 5}, "fields": "pixelSize"}}]))
        .await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("exceeds grid limits"), "{e}");
    api.assert_valid();
}

#[tokio::test]
async fn tables_grow_when_rows_are_appended() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let (_, book) = api.get(&format!("/{id}")).await;
    let table = &book["sheets"][0]["tables"][0];
    assert_eq!(table["name"], "Cost_lines");
    assert_eq!(table["range"]["endRowIndex"], 5);
    let row = json!({"values": [{"userEnteredValue": {"stringValue": "Licenses"}}, {"userEnteredValue": {"numberValue": 900}}]});
    let append = json!([{"appendCells": {"sheetId": BUDGET, "tableId": table["tableId"], "rows": [row], "fields": "userEnteredValue"}}]);
    let (status, body) = api.batch(id, append).await;
    assert_eq!(status, 200, "{body}");
    let (_, book) = api.get(&format!("/{id}")).await;
    assert_eq!(book["sheets"][0]["tables"][0]["range"]["endRowIndex"], 6);
    assert_eq!(column_a(&api).await[4], "Licenses");
    let (_, total) = api.values(id, "Budget!A7:B7", "").await;
    assert_eq!(total["values"], json!([["Total", "21000"]]), "the Total row moved down, below the table");
    // A second table may not overlap the first or reuse its name.
    let add = |name: &str, rows: (u32, u32)| {
        json!([{"addTable": {"table": {"name": name, "range": {"sheetId": BUDGET, "startRowIndex": rows.0,
            "endRowIndex": rows.1, "startColumnIndex": 0, "endColumnIndex": 2}}}}])
    };
    let (status, e) = api.batch(id, add("Other", (3, 8))).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("overlap"), "{e}");
    let (status, e) = api.batch(id, add("cost_LINES", (10, 12))).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("already exists"), "{e}");
    let (status, added) = api.batch(id, add("Later", (10, 12))).await;
    assert_eq!(status, 200, "{added}");
    assert_eq!(added["replies"][0]["addTable"]["table"]["columnProperties"][0]["columnName"], "Column 1");
    let (status, e) = api.batch(id, json!([{"deleteTable": {"tableId": "404"}}])).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("No table with id: 404"), "{e}");
    api.assert_valid();
}

#[tokio::test]
async fn conditional_rules_by_index() {
    let api = start().await;
    let id = ATLAS_BUDGET_SHEET;
    let range =
        json!({"sheetId": BUDGET, "startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 2, "endColumnIndex": 3});
    let rule = |kind: &str, value: &str| {
        json!({"ranges": [range], "booleanRule": {"condition": {"type": kind, "values": [{"userEnteredValue": value}]},
            "format": {"backgroundColor": {"red": 1}}}})
    };
    let (status, _) = api
        .batch(
            id,
            json!([{"addConditionalFormatRule": {"rule": rule("NUMBER_GREATER", "4000"), "index": 0}},
                   {"addConditionalFormatRule": {"rule": rule("NUMBER_LESS", "2000"), "index": 0}}]),
        )
        .await;
    assert_eq!(status, 200);
    let (_, book) = api.get(&format!("/{id}")).await;
    let kinds = |b: &Value| -> Vec<Value> {
        b["sheets"][0]["conditionalFormats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["booleanRule"]["condition"]["type"].clone())
            .collect()
    };
    assert_eq!(kinds(&book), [json!("NUMBER_LESS"), json!("NUMBER_GREATER")], "index 0 goes first");
    let (status, moved) =
        api.batch(id, json!([{"updateConditionalFormatRule": {"sheetId": BUDGET, "index": 0, "newIndex": 1}}])).await;
    assert_eq!(status, 200);
    assert_eq!(moved["replies"][0]["updateConditionalFormatRule"]["newIndex"], 1);
    let (_, book) = api.get(&format!("/{id}")).await;
    assert_eq!(kinds(&book), [json!("NUMBER_GREATER"), json!("NUMBER_LESS")]);
    let (status, e) = api.batch(id, json!([{"deleteConditionalFormatRule": {"sheetId": BUDGET, "index": 2}}])).await;
    assert_eq!(status, 400);
    assert!(e["error"]["message"].as_str().unwrap().contains("No conditional format on sheet: 0 at index: 2"), "{e}");
    let (status, e) =
        api.batch(id, json!([{"addConditionalFormatRule": {"rule": rule("NUMBER_BETWEEN", "1"), "index": 0}}])).await;
    assert_eq!(status, 400, "NUMBER_BETWEEN needs two values: {e}");
    let (status, deleted) =
        api.batch(id, json!([{"deleteConditionalFormatRule": {"sheetId": BUDGET, "index": 1}}])).await;
    assert_eq!(status, 200);
    assert_eq!(
        deleted["replies"][0]["deleteConditionalFormatRule"]["rule"]["booleanRule"]["condition"]["type"],
        "NUMBER_LESS"
    );
    api.assert_valid();
}
