//! The round trips of the issue: values written, appended and read back with a formula
//! evaluated; a tab created then renamed and written to.

use super::*;

#[tokio::test]
async fn write_then_read_with_a_formula_across_a_new_tab() {
    let env = Env::new().await;
    let created = env.ok("create_spreadsheet", json!({"title": "Offsite costs", "sheet_names": ["Costs"]})).await;
    let id = id_after(&created, "- ID: ");
    let tab = env.ok("create_sheet", json!({"spreadsheet_id": id, "sheet_name": "Draft"})).await;
    assert!(tab.contains("Added sheet \"Draft\""), "{tab}");
    env.ok(
        "manage_sheet_tab",
        json!({"spreadsheet_id": id, "sheet_name": "Draft", "action": "rename", "new_name": "Q3 summary"}),
    )
    .await;
    env.ok(
        "modify_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "Costs!A1",
        "values": [["Item", "EUR"], ["Hotel", "1,840"], ["Train", "412.50"]]}),
    )
    .await;
    // More rows below, then a total on the renamed tab that reads across sheets.
    env.ok(
        "modify_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "Costs!A4:B4", "values": [["Dinner", "38%"]]}),
    )
    .await;
    env.ok(
        "modify_sheet_values",
        json!({"spreadsheet_id": id, "range_name": "'Q3 summary'!A1",
        "values": [["Total", "=SUM(Costs!B2:B3)", "=AVERAGE(Costs!B2:B3)", "=B1/0"]]}),
    )
    .await;
    let out = env
        .ok(
            "read_sheet_values",
            json!({"spreadsheet_id": id, "range_name": "'Q3 summary'!A1:D1", "include_formulas": true}),
        )
        .await;
    assert!(out.contains("Row 1: [\"Total\",\"2252.5\",\"1126.25\",\"#DIV/0!\"]"), "{out}");
    assert!(out.contains("- 'Q3 summary'!B1: =SUM(Costs!B2:B3)"), "{out}");
    let costs = env.ok("read_sheet_values", json!({"spreadsheet_id": id, "range_name": "Costs"})).await;
    assert!(costs.contains("Row 4: [\"Dinner\",\"38%\"]") && costs.contains("(4 row(s))"), "{costs}");
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains("\"Q3 summary\" (sheet id") && !info.contains("Draft"), "{info}");
    env.done();
}
