//! create_spreadsheet, get_spreadsheet_info, list_spreadsheets.

use super::*;

#[tokio::test]
async fn create_spreadsheet_with_tabs_in_one_request() {
    let env = Env::new().await;
    let out =
        env.ok("create_spreadsheet", json!({"title": "Atlas 1.1 budget", "sheet_names": ["Plan", "Actuals"]})).await;
    assert_eq!(env.writes(), 1);
    let req = env.last("sheets.spreadsheets.create");
    assert_eq!(
        req.body.unwrap(),
        json!({"properties": {"title": "Atlas 1.1 budget"}, "sheets": [{"properties": {"title": "Plan"}}, {"properties": {"title": "Actuals"}}]})
    );
    assert!(out.contains("\"Plan\" (sheet id 0, index 0)") && out.contains("\"Actuals\""), "{out}");
    let id = id_after(&out, "- ID: ");
    let info = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": id})).await;
    assert!(info.starts_with("Spreadsheet \"Atlas 1.1 budget\"") && info.contains("Sheets (2)"), "{info}");
    assert!(env.requests("www.drive.files.update").is_empty() && env.requests("drive.files.update").is_empty());
    env.refused("create_spreadsheet", &[json!({"title": " "}), json!({"title": "x", "sheet_names": ["A", "a"]})]).await;
    env.done();
}

#[tokio::test]
async fn create_spreadsheet_in_a_folder_files_it_through_drive() {
    let env = Env::new().await;
    let folder = wsmcp_drive::sandbox::seed::ids::FOLDER_ATLAS;
    let out = env.ok("create_spreadsheet", json!({"title": "Filed", "folder_id": folder})).await;
    let req = env.last("drive.files.update");
    assert_eq!(req.query_param("addParents"), Some(folder));
    assert_eq!(req.query_param("removeParents"), Some("root"));
    // One Drive: the spreadsheet the Sheets emulation made is a Drive file, moved into the folder.
    assert!(!out.contains("WARNING"), "{out}");
    let id = id_after(&out, "- ID: ");
    let file = wsmcp_drive::api::files_get(&env.g(), &id, "name, parents").await.unwrap();
    assert_eq!((file.name(), file.parents.clone()), ("Filed", vec![folder.to_string()]));
    env.done();
}

#[tokio::test]
async fn spreadsheet_info_lists_tabs() {
    let env = Env::new().await;
    let out = env.ok("get_spreadsheet_info", json!({"spreadsheet_id": ATLAS_BUDGET_SHEET})).await;
    assert!(out.starts_with("Spreadsheet \"Atlas budget\""), "{out}");
    assert!(out.contains("- \"Budget\" (sheet id 0, index 0): 1000 rows x 26 columns, frozen rows 1"), "{out}");
    assert!(out.contains(&format!("- \"Notes\" (sheet id {NOTES_SHEET_ID}, index 1)")), "{out}");
    assert_eq!(env.last("sheets.spreadsheets.get").query_param("includeGridData"), None);
    let e = env.err("get_spreadsheet_info", json!({"spreadsheet_id": "1NoSuchSheet"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.refused("get_spreadsheet_info", &[json!({"spreadsheet_id": ""})]).await;
    env.done();
}

#[tokio::test]
async fn list_spreadsheets_asks_drive_for_sheets_only() {
    let env = Env::new().await;
    let out = env.ok("list_spreadsheets", json!({})).await;
    let req = env.last("drive.files.list");
    assert_eq!(req.query_param("q"), Some("mimeType='application/vnd.google-apps.spreadsheet' and trashed=false"));
    assert_eq!(req.query_param("corpora"), Some("allDrives"));
    assert_eq!(req.query_param("pageSize"), Some("25"));
    for id in [ATLAS_BUDGET_SHEET, TEAM_OKRS_SHEET, FINANCE_FORECAST_SHEET] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(!out.contains("Atlas Q3 plan"), "documents are not listed:\n{out}");
    let page = env.ok("list_spreadsheets", json!({"max_results": 1})).await;
    let token = id_after(&page, "page_token: ");
    let next = env.ok("list_spreadsheets", json!({"max_results": 1, "page_token": token})).await;
    assert!(next.starts_with("1 spreadsheet(s)") && next != page, "{next}");
    let drive = wsmcp_drive::sandbox::seed::ids::ATLAS_TEAM_DRIVE;
    let team = env.ok("list_spreadsheets", json!({"drive_id": drive})).await;
    assert_eq!(env.last("drive.files.list").query_param("corpora"), Some("drive"));
    assert!(team.contains(TEAM_OKRS_SHEET) && !team.contains(ATLAS_BUDGET_SHEET), "{team}");
    env.refused(
        "list_spreadsheets",
        &[json!({"max_results": 0}), json!({"corpora": "everything"}), json!({"corpora": "drive"})],
    )
    .await;
    env.done();
}
