//! manage_named_range.

use super::*;

#[tokio::test]
async fn named_ranges_created_listed_renamed_moved_and_deleted() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let call = |extra: Value| {
        let mut a = json!({"spreadsheet_id": id});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    let none = env.ok("manage_named_range", call(json!({"action": "list"}))).await;
    assert!(none.starts_with("Spreadsheet 1AtlasBudgetSheetXk7Qm2Lp9Rt4Vw8Z has no named ranges"), "{none}");
    let out = env
        .ok("manage_named_range", call(json!({"action": "create", "name": "Planned", "range_name": "Budget!B2:B5"})))
        .await;
    assert!(out.starts_with("Created named range Planned = Budget!B2:B5 (ID: "), "{out}");
    let req = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    assert_eq!(
        req["requests"][0]["addNamedRange"]["namedRange"]["range"],
        json!({"sheetId": 0, "startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 1, "endColumnIndex": 2})
    );
    let rid = id_after(&out, "(ID: ");
    let list = env.ok("manage_named_range", call(json!({"action": "list"}))).await;
    assert!(list.contains(&format!("- Planned = Budget!B2:B5 (ID: {rid})")), "{list}");
    let e =
        env.err("manage_named_range", call(json!({"action": "create", "name": "planned", "range_name": "A1"}))).await;
    assert!(is_google(&e, 400) && e.to_string().contains("already exists"), "{e}");

    let before = env.writes();
    env.ok(
        "manage_named_range",
        call(json!({"action": "update", "name": "Planned", "new_name": "PlannedEUR", "new_range": "Notes!A1:A3"})),
    )
    .await;
    assert_eq!(env.writes(), before + 1);
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    assert_eq!(body["requests"][0]["updateNamedRange"]["fields"], "name,range");
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.contains(&format!("- PlannedEUR = Notes!A1:A3 (ID: {rid})")), "{info}");

    env.ok("manage_named_range", call(json!({"action": "delete", "named_range_id": rid}))).await;
    let list = env.ok("manage_named_range", call(json!({"action": "list"}))).await;
    assert!(list.contains("no named ranges"), "{list}");
    let e = env.err("manage_named_range", call(json!({"action": "delete", "named_range_id": "nope"}))).await;
    assert!(is_google(&e, 400), "{e}");
    env.refused(
        "manage_named_range",
        &[
            call(json!({"action": "create", "name": "A1", "range_name": "A1"})),
            call(json!({"action": "create", "name": "Ok"})),
            call(json!({"action": "update", "name": "Ok"})),
            call(json!({"action": "delete"})),
            call(json!({"action": "rename"})),
        ],
    )
    .await;
    let e = env.err("manage_named_range", call(json!({"action": "delete", "name": "Missing"}))).await;
    assert!(e.to_string().contains("no named range called 'Missing'"), "{e}");
    env.done();
}
