//! update_drive_file (metadata, moves, content, append) and copy_drive_file.

use super::*;

#[tokio::test]
async fn metadata_moves_and_properties() {
    let env = Env::new().await;
    let out = env
        .ok(
            "update_drive_file",
            json!({
                "file_id": ids::BUDGET_CSV,
                "name": "budget-october.csv",
                "description": "October budget",
                "starred": true,
                "properties": {"team": "atlas", "year": 2026},
                "add_parents": ids::FOLDER_ATLAS,
                "remove_parents": format!(" {} ,", ids::FOLDER_PROJECTS)
            }),
        )
        .await;
    for expected in [
        "name: \"budget-oktober.csv\" -> \"budget-october.csv\"",
        "starred",
        "added to folder(s)",
        "properties set: team, year",
    ] {
        assert!(out.text.contains(expected), "{expected}:\n{}", out.text);
    }
    let patch = env.requests("drive.files.update").pop().unwrap();
    assert_eq!(patch.method, "PATCH");
    assert_eq!(patch.query_param("addParents"), Some(ids::FOLDER_ATLAS));
    assert_eq!(patch.query_param("removeParents"), Some(ids::FOLDER_PROJECTS));
    assert_eq!(
        patch.body.as_ref().unwrap(),
        &json!({"name": "budget-october.csv", "description": "October budget", "starred": true, "properties": {"team": "atlas", "year": "2026"}})
    );
    let meta = file_json(&env, ids::BUDGET_CSV, "name, parents, starred, properties").await;
    assert_eq!(meta["parents"], json!([ids::FOLDER_ATLAS]));
    assert_eq!(meta["properties"]["year"], "2026");

    env.ok("update_drive_file", json!({"file_id": ids::BUDGET_CSV, "trashed": true})).await;
    assert_eq!(file_json(&env, ids::BUDGET_CSV, "trashed").await["trashed"], true);
    // A null value removes a property (Drive's documented way to clear one).
    env.ok(
        "update_drive_file",
        json!({"file_id": ids::BUDGET_CSV, "trashed": false, "properties": {"team": null, "year": "2027"}}),
    )
    .await;
    assert_eq!(
        env.requests("drive.files.update").pop().unwrap().body.unwrap()["properties"],
        json!({"team": null, "year": "2027"})
    );
    let meta = file_json(&env, ids::BUDGET_CSV, "trashed, properties").await;
    assert_eq!(meta["trashed"], false);
    assert!(meta["properties"].get("team").is_none(), "{meta}");
    assert_eq!(meta["properties"]["year"], "2027");
    env.done();
}

#[tokio::test]
async fn content_replace_append_and_conversion() {
    let env = Env::new().await;
    // A text file: bytes written as they are, multipart to the upload URL.
    env.ok("update_drive_file", json!({"file_id": ids::NOTES_MD, "content": "# New notes\n"})).await;
    let up = env.requests("drive.files.update").pop().unwrap();
    assert!(up.path.starts_with("/upload/drive/v3/files/"), "{}", up.path);
    assert_eq!(up.query_param("uploadType"), Some("multipart"));
    assert_eq!(wsmcp_drive::api::files_get_media(&env.g(), ids::NOTES_MD).await.unwrap().as_ref(), b"# New notes\n");

    let out =
        env.ok("update_drive_file", json!({"file_id": ids::NOTES_MD, "content": "- more", "mode": "append"})).await;
    assert!(out.text.contains("text appended"), "{}", out.text);
    assert_eq!(
        wsmcp_drive::api::files_get_media(&env.g(), ids::NOTES_MD).await.unwrap().as_ref(),
        b"# New notes\n- more"
    );
    env.ok("update_drive_file", json!({"file_id": ids::NOTES_MD, "content": "Title", "mode": "prepend"})).await;
    assert_eq!(
        wsmcp_drive::api::files_get_media(&env.g(), ids::NOTES_MD).await.unwrap().as_ref(),
        b"Title\n# New notes\n- more"
    );

    // A Google Doc: the new Markdown is converted in place, the id kept.
    let out = env
        .ok(
            "update_drive_file",
            json!({"file_id": ids::ATLAS_PLAN_DOC, "content": "# Replaced plan\n\nOnly this.", "source_format": "md"}),
        )
        .await;
    assert!(out.text.contains("converted to Google Doc"), "{}", out.text);
    let text = wsmcp_drive::api::files_export(&env.g(), ids::ATLAS_PLAN_DOC, "text/plain").await.unwrap();
    let text = String::from_utf8_lossy(&text);
    assert!(text.contains("Replaced plan") && !text.contains("Sync engine v2"), "{text}");

    // New content from a local file, with a rename in the same call.
    let path = env.allowed_file("new.txt", b"from disk");
    env.ok(
        "update_drive_file",
        json!({"file_id": ids::UEBERSICHT_TXT, "file_path": path.to_str().unwrap(), "name": "Overview.txt"}),
    )
    .await;
    assert_eq!(wsmcp_drive::api::files_get_media(&env.g(), ids::UEBERSICHT_TXT).await.unwrap().as_ref(), b"from disk");
    assert_eq!(file_json(&env, ids::UEBERSICHT_TXT, "name").await["name"], "Overview.txt");
    env.done();
}

#[tokio::test]
async fn update_errors() {
    let env = Env::new().await;
    for args in [
        json!({"file_id": ids::NOTES_MD}),
        json!({"file_id": ids::NOTES_MD, "mode": "append"}),
        json!({"file_id": ids::NOTES_MD, "mode": "append", "file_url": "https://example.com/x"}),
        json!({"file_id": ids::NOTES_MD, "mode": "append", "content": "x", "mime_type": "text/plain"}),
        json!({"file_id": ids::NOTES_MD, "mode": "overwrite", "content": "x"}),
        json!({"file_id": ids::NOTES_MD, "content": "x", "file_url": "https://example.com/x"}),
        json!({"file_id": ids::NOTES_MD, "properties": {"x": [1]}}),
    ] {
        let e = env.err("update_drive_file", args.clone()).await;
        assert!(is_invalid(&e), "{args}: {e}");
    }
    assert!(env.handle.requests().is_empty(), "nothing was asked of Drive");
    let e =
        env.err("update_drive_file", json!({"file_id": ids::ATLAS_PLAN_DOC, "content": "x", "mode": "append"})).await;
    assert!(is_invalid(&e) && e.to_string().contains("Docs tools"), "{e}");
    let e = env
        .err("update_drive_file", json!({"file_id": ids::ATLAS_PLAN_DOC, "content": "x", "source_format": "csv"}))
        .await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("update_drive_file", json!({"file_id": ids::FOLDER_ATLAS, "content": "x"})).await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("update_drive_file", json!({"file_id": ids::ROADMAP_PDF, "content": "x", "mode": "append"})).await;
    assert!(is_invalid(&e) && e.to_string().contains("text files"), "{e}");
    let e = env.err("update_drive_file", json!({"file_id": ids::FINANCE_FORECAST_SHEET, "name": "mine"})).await;
    assert_eq!(google_status(&e), Some(403), "a reader cannot rename: {e}");
    assert!(env.requests("drive.files.update").iter().all(|r| r.status >= 400));
    env.done();
}

#[tokio::test]
async fn shortcuts_split_metadata_from_content() {
    let env = Env::new().await;
    let body = json!({"name": "Notes shortcut", "mimeType": "application/vnd.google-apps.shortcut", "shortcutDetails": {"targetId": ids::NOTES_MD}});
    let shortcut: Value = env
        .g()
        .post(&wsmcp_core::google::ApiInfo::DRIVE, "/drive/v3/files")
        .query("supportsAllDrives", "true")
        .json(&body)
        .send()
        .await
        .unwrap();
    let sid = shortcut["id"].as_str().unwrap().to_string();
    let e = env.err("update_drive_file", json!({"file_id": sid, "name": "x", "content": "y"})).await;
    assert!(is_invalid(&e) && e.to_string().contains("two calls"), "{e}");
    let e = env.err("update_drive_file", json!({"file_id": sid, "writers_can_share": false})).await;
    assert!(is_invalid(&e), "{e}");
    // Content follows the shortcut to its target (once the emulation keeps shortcut targets).
    if file_json(&env, &sid, "shortcutDetails").await["shortcutDetails"]["targetId"] == ids::NOTES_MD {
        env.ok("update_drive_file", json!({"file_id": sid, "content": "through the shortcut"})).await;
        assert_eq!(
            wsmcp_drive::api::files_get_media(&env.g(), ids::NOTES_MD).await.unwrap().as_ref(),
            b"through the shortcut"
        );
    } else {
        let e = env.err("update_drive_file", json!({"file_id": sid, "content": "x"})).await;
        assert!(is_invalid(&e) && e.to_string().contains("target is unknown"), "{e}");
    }
    env.ok("update_drive_file", json!({"file_id": sid, "name": "Renamed shortcut"})).await;
    assert_eq!(file_json(&env, &sid, "name").await["name"], "Renamed shortcut");
    assert_eq!(file_json(&env, ids::NOTES_MD, "name").await["name"], "notes.md");
    env.done();
}

#[tokio::test]
async fn copies() {
    let env = Env::new().await;
    let out = env.ok("copy_drive_file", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(out.text.contains("New file: \"Copy of Atlas Q3 plan\""), "{}", out.text);
    let copy = env.requests("drive.files.copy").pop().unwrap();
    assert_eq!(copy.body.as_ref().unwrap(), &json!({"name": "Copy of Atlas Q3 plan", "parents": ["root"]}));
    assert!(copy.query_param("copyComments").is_none());
    let id = id_after(&out.text, "New file: \"Copy of Atlas Q3 plan\" (id:");
    assert_eq!(file_json(&env, &id, "parents").await["parents"], json!([ids::MY_DRIVE_ROOT]));

    let out = env
        .ok("copy_drive_file", json!({"file_id": ids::ATLAS_BUDGET_SHEET, "new_name": "Budget 2027", "parent_folder_id": ids::TEAM_LAUNCH_FOLDER, "copy_comments": true}))
        .await;
    let id = id_after(&out.text, "\"Budget 2027\" (id:");
    assert_eq!(file_json(&env, &id, "driveId").await["driveId"], ids::ATLAS_TEAM_DRIVE);
    assert_eq!(env.requests("drive.files.copy").pop().unwrap().query_param("copyComments"), Some("true"));

    let e = env.err("copy_drive_file", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("copy_drive_file", json!({"file_id": ids::MOCKUPS_PNG})).await;
    assert_eq!(google_status(&e), Some(403), "copying needs writer access on this file: {e}");
    env.done();
}
