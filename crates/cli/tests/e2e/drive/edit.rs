//! Changing files through the binary: update_drive_file (rename, move between folders, star,
//! trash and restore, appended text) and copy_drive_file (into a shared-drive folder, and
//! beside the user's files by default).

use serde_json::json;
use wsmcp_drive::sandbox::seed::ids;

use super::{all_drives_everywhere, export, id_after, media, metadata, refused};
use crate::harness::{HttpServer, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// One update renames, moves (addParents/removeParents) and stars the October budget in a
/// single PATCH of the changed fields; the folders' listings show the move. Trashing hides
/// it from search until include_trashed, restoring brings it back; appended text lands
/// after the old. An update with nothing to change is refused before any request, and
/// renaming a file the user may only read is Drive's 403.
#[tokio::test]
async fn update_renames_moves_stars_and_trashes_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "update_drive_file",
        json!({"file_id": ids::BUDGET_CSV, "name": "budget-october.csv", "add_parents": ids::FOLDER_ATLAS, "remove_parents": ids::FOLDER_PROJECTS, "starred": true}),
    )
    .await;
    assert!(out.starts_with(&format!("Updated \"budget-october.csv\" (id: {}).\n", ids::BUDGET_CSV)), "{out}");
    for change in [
        "  - name: \"budget-oktober.csv\" -> \"budget-october.csv\"\n".to_string(),
        format!("  - added to folder(s) {}\n", ids::FOLDER_ATLAS),
        format!("  - removed from folder(s) {}\n", ids::FOLDER_PROJECTS),
        "  - starred\n".to_string(),
    ] {
        assert!(out.contains(&change), "missing {change:?} in\n{out}");
    }
    let patches = requests_for(&sb, "drive.files.update");
    assert_eq!(patches.len(), 1, "one PATCH: {patches:#?}");
    let patch = &patches[0];
    assert_eq!((patch.method.as_str(), patch.path.clone()), ("PATCH", format!("/drive/v3/files/{}", ids::BUDGET_CSV)));
    assert_eq!(patch.query_param("addParents"), Some(ids::FOLDER_ATLAS));
    assert_eq!(patch.query_param("removeParents"), Some(ids::FOLDER_PROJECTS));
    assert_eq!(patch.query_param("uploadType"), None, "metadata only, no upload");
    assert_eq!(
        patch.body.clone().unwrap(),
        json!({"name": "budget-october.csv", "starred": true}),
        "only what changes"
    );
    let meta = metadata(&sb, ids::BUDGET_CSV, "name, parents, starred").await;
    assert_eq!(meta, json!({"name": "budget-october.csv", "parents": [ids::FOLDER_ATLAS], "starred": true}));
    let atlas = ok(&client, "list_drive_items", json!({"folder_id": ids::FOLDER_ATLAS, "detailed": false})).await;
    assert!(atlas.contains(&format!("- \"budget-october.csv\" (id: {}, text/csv)", ids::BUDGET_CSV)), "{atlas}");
    let projects = ok(&client, "list_drive_items", json!({"folder_id": ids::FOLDER_PROJECTS})).await;
    assert!(!projects.contains(ids::BUDGET_CSV), "moved out of Projects:\n{projects}");

    let out = ok(&client, "update_drive_file", json!({"file_id": ids::BUDGET_CSV, "trashed": true})).await;
    assert!(out.contains("  - moved to the trash\n"), "{out}");
    assert_eq!(requests_for(&sb, "drive.files.update").pop().unwrap().body.unwrap(), json!({"trashed": true}));
    let search = json!({"query": "name = 'budget-october.csv'"});
    assert!(ok(&client, "search_drive_files", search.clone()).await.starts_with("No files match"));
    let trashed =
        ok(&client, "search_drive_files", json!({"query": "name = 'budget-october.csv'", "include_trashed": true}))
            .await;
    assert!(trashed.contains(ids::BUDGET_CSV), "{trashed}");
    let out = ok(&client, "update_drive_file", json!({"file_id": ids::BUDGET_CSV, "trashed": false})).await;
    assert!(out.contains("  - restored from the trash\n"), "{out}");
    assert!(ok(&client, "search_drive_files", search).await.contains(ids::BUDGET_CSV));

    let before = String::from_utf8(media(&sb, ids::NOTES_MD).await).unwrap();
    let out = ok(
        &client,
        "update_drive_file",
        json!({"file_id": ids::NOTES_MD, "content": "- call Northwind", "mode": "append"}),
    )
    .await;
    assert!(out.contains("  - text appended ("), "{out}");
    let upload = requests_for(&sb, "drive.files.update").pop().unwrap();
    assert_eq!(
        (upload.path.clone(), upload.query_param("uploadType")),
        (format!("/upload/drive/v3/files/{}", ids::NOTES_MD), Some("multipart"))
    );
    let seam = if before.ends_with('\n') { "" } else { "\n" };
    assert_eq!(String::from_utf8(media(&sb, ids::NOTES_MD).await).unwrap(), format!("{before}{seam}- call Northwind"));

    refused(&client, &sb, "update_drive_file", json!({"file_id": ids::NOTES_MD}), &["nothing to update"]).await;
    refused(
        &client,
        &sb,
        "update_drive_file",
        json!({"file_id": ids::NOTES_MD, "mode": "append"}),
        &["mode \"append\"/\"prepend\" adds `content`"],
    )
    .await;
    let e =
        err(&client, "update_drive_file", json!({"file_id": ids::FINANCE_FORECAST_SHEET, "name": "Mine now"})).await;
    assert!(e.contains("403"), "a reader of the Finance drive cannot rename: {e}");
    assert_eq!(requests_for(&sb, "drive.files.update").pop().unwrap().status, 403);
    assert_eq!(metadata(&sb, ids::FINANCE_FORECAST_SHEET, "name").await["name"], "2026 forecast");
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// copy_drive_file over HTTP: the Q3 plan copied, renamed and with comments, into the
/// Atlas Team drive's Launch folder (POST .../copy with the name and parent, the copy in
/// that drive and exporting the same text); without a folder a copy goes to My Drive's
/// root as "Copy of ...", bytes unchanged. Folders are refused, and a file whose owner
/// keeps viewers from copying is Drive's 403.
#[tokio::test]
async fn copy_into_a_shared_drive_and_to_my_drive_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let args = json!({"file_id": ids::ATLAS_PLAN_DOC, "new_name": "Atlas Q3 plan (launch)", "parent_folder_id": ids::TEAM_LAUNCH_FOLDER, "copy_comments": true});
    let out = ok(&client, "copy_drive_file", args).await;
    assert!(
        out.starts_with(&format!(
            "Copied \"Atlas Q3 plan\" (id: {}).\nNew file: \"Atlas Q3 plan (launch)\" (id: ",
            ids::ATLAS_PLAN_DOC
        )),
        "{out}"
    );
    assert!(out.contains(", Google Doc)") && out.contains(&format!("Folder: {}", ids::TEAM_LAUNCH_FOLDER)), "{out}");
    let id = id_after(&out, "\"Atlas Q3 plan (launch)\" (id:");
    assert_ne!(id, ids::ATLAS_PLAN_DOC);
    let copy = requests_for(&sb, "drive.files.copy").pop().unwrap();
    assert_eq!(
        (copy.method.as_str(), copy.path.clone()),
        ("POST", format!("/drive/v3/files/{}/copy", ids::ATLAS_PLAN_DOC))
    );
    assert_eq!(
        copy.body.clone().unwrap(),
        json!({"name": "Atlas Q3 plan (launch)", "parents": [ids::TEAM_LAUNCH_FOLDER]})
    );
    assert_eq!(copy.query_param("copyComments"), Some("true"));
    assert_eq!(copy.query_param("supportsAllDrives"), Some("true"));
    let meta = metadata(&sb, &id, "name, mimeType, driveId, parents").await;
    assert_eq!(meta["driveId"], ids::ATLAS_TEAM_DRIVE);
    assert_eq!(meta["parents"], json!([ids::TEAM_LAUNCH_FOLDER]));
    assert_eq!(
        export(&sb, &id, "text/plain").await,
        export(&sb, ids::ATLAS_PLAN_DOC, "text/plain").await,
        "the copy keeps the content"
    );

    let out = ok(&client, "copy_drive_file", json!({"file_id": ids::REQUIREMENTS_DOCX})).await;
    assert!(
        out.contains("New file: \"Copy of Atlas requirements.docx\" (id: ") && out.contains("Folder: root"),
        "{out}"
    );
    let id = id_after(&out, "\"Copy of Atlas requirements.docx\" (id:");
    let copy = requests_for(&sb, "drive.files.copy").pop().unwrap();
    assert_eq!(copy.body.clone().unwrap(), json!({"name": "Copy of Atlas requirements.docx", "parents": ["root"]}));
    assert_eq!(copy.query_param("copyComments"), None);
    assert_eq!(metadata(&sb, &id, "parents").await["parents"], json!([ids::MY_DRIVE_ROOT]));
    assert_eq!(media(&sb, &id).await, media(&sb, ids::REQUIREMENTS_DOCX).await);

    let copies = requests_for(&sb, "drive.files.copy").len();
    let e = err(&client, "copy_drive_file", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(e.contains("Invalid input: ") && e.contains("is a folder; Drive copies files only"), "{e}");
    assert_eq!(requests_for(&sb, "drive.files.copy").len(), copies, "a folder is not sent to copy");
    let e = err(&client, "copy_drive_file", json!({"file_id": ids::MOCKUPS_PNG})).await;
    assert!(e.contains("403"), "Marco keeps commenters from copying: {e}");
    assert_eq!(requests_for(&sb, "drive.files.copy").pop().unwrap().status, 403);
    refused(&client, &sb, "copy_drive_file", json!({"file_id": ""}), &["file_id is required"]).await;
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}
