//! manage_conditional_formatting.

use super::*;

fn call(extra: Value) -> Value {
    let mut a = json!({"spreadsheet_id": ATLAS_BUDGET_SHEET});
    a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    a
}

#[tokio::test]
async fn rules_added_listed_updated_and_deleted() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_conditional_formatting",
            call(json!({"action": "add", "range_name": "Budget!C2:C5", "condition_type": "custom_formula",
                "condition_values": "=$C2>$B2", "background_color": "#F4CCCC"})),
        )
        .await;
    assert!(out.starts_with("Added rule 0 on sheet 'Budget'"), "{out}");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    let add = &body["requests"][0]["addConditionalFormatRule"];
    assert_eq!(add["index"], 0);
    assert_eq!(
        add["rule"]["booleanRule"]["condition"],
        json!({"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": "=$C2>$B2"}]})
    );
    let before = env.writes();
    let out = env
        .ok(
            "manage_conditional_formatting",
            call(json!({"action": "add", "range_name": "Budget!B2:B5",
                "gradient_points": [{"color": "#FFFFFF"}, {"color": "#57BB8A"}]})),
        )
        .await;
    assert_eq!(env.writes(), before + 1);
    assert!(out.contains("0: Budget!C2:C5 | CUSTOM_FORMULA =$C2>$B2 -> background #F4CCCC"), "{out}");
    assert!(out.contains("1: Budget!B2:B5 | color scale MIN #FFFFFF -> MAX #57BB8A"), "{out}");
    // Listed by the emulation, not only by the tool's own reply.
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET})).await;
    assert!(info.contains("2 conditional format rule(s)"), "{info}");

    let out = env
        .ok(
            "manage_conditional_formatting",
            call(json!({"action": "update", "rule_index": 0, "text_color": "#990000"})),
        )
        .await;
    assert!(out.contains("0: Budget!C2:C5 | CUSTOM_FORMULA =$C2>$B2 -> background #F4CCCC, text #990000"), "{out}");
    let body = env.last("sheets.spreadsheets.batchUpdate").body.unwrap();
    assert_eq!(body["requests"][0]["updateConditionalFormatRule"]["sheetId"], 0);
    let e = env
        .err(
            "manage_conditional_formatting",
            call(json!({"action": "update", "rule_index": 1, "background_color": "#000000"})),
        )
        .await;
    assert!(e.to_string().contains("rule 1 is a color scale"), "{e}");

    let out = env
        .ok("manage_conditional_formatting", call(json!({"action": "delete", "rule_index": 0, "sheet_name": "budget"})))
        .await;
    assert!(out.starts_with("Deleted rule 0") && out.contains("0: Budget!B2:B5 | color scale"), "{out}");
    let book = env.g();
    let got = wsmcp_sheets::api::spreadsheets_get(&book, ATLAS_BUDGET_SHEET, &[], false, None).await.unwrap();
    assert_eq!(got["sheets"][0]["conditionalFormats"].as_array().unwrap().len(), 1);
    env.done();
}

#[tokio::test]
async fn bad_rules_and_indexes_are_named() {
    let env = Env::new().await;
    env.refused(
        "manage_conditional_formatting",
        &[
            call(json!({"action": "add", "condition_type": "NUMBER_GREATER", "background_color": "#FF0000"})),
            call(json!({"action": "add", "range_name": "Budget!A1:A0", "condition_type": "BLANK"})),
            call(json!({"action": "add", "range_name": "B2:B5"})),
            call(json!({"action": "add", "range_name": "B2:B5", "condition_type": "BIGGER"})),
            call(json!({"action": "add", "range_name": "B2:B5", "gradient_points": [{"color": "#FFF"}, {"color": "#000000"}]})),
            call(json!({"action": "update"})),
            call(json!({"action": "delete", "rule_index": -1})),
            call(json!({"action": "add", "range_name": "B2:B5", "condition_type": "BLANK", "rule_index": -2})),
            call(json!({"action": "toggle"})),
        ],
    )
    .await;
    let e = env.err("manage_conditional_formatting", call(json!({"action": "delete", "rule_index": 0}))).await;
    assert!(e.to_string().contains("rule_index 0 is out of range: sheet 'Budget' has 0 rule(s)"), "{e}");
    let e = env
        .err(
            "manage_conditional_formatting",
            call(json!({"action": "add", "range_name": "B2:B5", "condition_type": "NUMBER_GREATER"})),
        )
        .await;
    assert!(e.to_string().contains("needs a format"), "{e}");
    // Google's own check: NUMBER_BETWEEN takes two values.
    let e = env
        .err(
            "manage_conditional_formatting",
            call(json!({"action": "add", "range_name": "B2:B5", "condition_type": "NUMBER_BETWEEN",
                "condition_values": [1000], "background_color": "#FFEECC"})),
        )
        .await;
    assert!(is_google(&e, 400) && e.to_string().contains("NUMBER_BETWEEN"), "{e}");
    assert_eq!(env.writes(), 1, "only the request Google refused");
    env.done();
}
