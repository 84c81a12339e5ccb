//! search_drive_files and list_drive_items: queries as sent, shared-drive scoping, paging.

use super::*;

#[tokio::test]
async fn phrases_become_full_text_and_queries_pass_through() {
    let env = Env::new().await;
    let out = env.ok("search_drive_files", json!({"query": "offline beta"})).await;
    assert!(out.text.contains(ids::ATLAS_PLAN_DOC) || out.text.contains(ids::ATLAS_FAQ_PUBLIC_DOC), "{}", out.text);
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some("(fullText contains 'offline beta') and trashed = false"));
    assert_eq!(list.query_param("corpora"), Some("allDrives"));
    assert_eq!(list.query_param("includeItemsFromAllDrives"), Some("true"));
    assert_eq!(list.query_param("pageSize"), Some("10"));

    let out = env
        .ok(
            "search_drive_files",
            json!({"query": "name contains 'Atlas' and mimeType = 'application/pdf'", "detailed": false}),
        )
        .await;
    assert!(out.text.contains(ids::ROADMAP_PDF) && !out.text.contains(ids::ATLAS_PLAN_DOC), "{}", out.text);
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(
        list.query_param("q"),
        Some("(name contains 'Atlas' and mimeType = 'application/pdf') and trashed = false")
    );

    // A quote in a phrase is escaped, not a syntax error.
    env.ok("search_drive_files", json!({"query": "Marco's mockups", "include_trashed": true})).await;
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some("fullText contains 'Marco\\'s mockups'"));

    // Trashed files stay out unless asked for.
    let out = env.ok("search_drive_files", json!({"query": "name = 'Old offsite draft.txt'"})).await;
    assert!(!out.text.contains(ids::TRASHED_DRAFT_TXT), "{}", out.text);
    let out =
        env.ok("search_drive_files", json!({"query": "name = 'Old offsite draft.txt'", "include_trashed": true})).await;
    assert!(out.text.contains(ids::TRASHED_DRAFT_TXT), "{}", out.text);
    env.done();
}

#[tokio::test]
async fn shared_drives_types_sorting_and_pages() {
    let env = Env::new().await;
    let out = env
        .ok(
            "search_drive_files",
            json!({"query": "name contains 'Launch'", "drive_id": ids::ATLAS_TEAM_DRIVE, "file_type": "doc"}),
        )
        .await;
    assert!(out.text.contains(ids::TEAM_CHECKLIST_DOC) && !out.text.contains(ids::TEAM_LAUNCH_FOLDER), "{}", out.text);
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("corpora"), Some("drive"));
    assert_eq!(list.query_param("driveId"), Some(ids::ATLAS_TEAM_DRIVE));
    assert!(list.query_param("q").unwrap().ends_with("and mimeType = 'application/vnd.google-apps.document'"));

    env.ok("search_drive_files", json!({"query": "Atlas", "corpora": "user", "order_by": "modifiedTime desc,name"}))
        .await;
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("corpora"), Some("user"));
    assert_eq!(list.query_param("orderBy"), Some("modifiedTime desc,name"));

    let first = env.ok("search_drive_files", json!({"query": "name contains 'a'", "page_size": 2})).await;
    assert!(first.text.contains("page_token=\""), "{}", first.text);
    let token = first.text.split("page_token=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    env.ok("search_drive_files", json!({"query": "name contains 'a'", "page_size": 2, "page_token": token})).await;
    assert_eq!(env.requests("drive.files.list").pop().unwrap().query_param("pageToken"), Some(token.as_str()));
    env.done();
}

#[tokio::test]
async fn search_refuses_bad_arguments_before_any_request() {
    let env = Env::new().await;
    for args in [
        json!({"query": "  "}),
        json!({"query": "x", "corpora": "drive"}),
        json!({"query": "x", "corpora": "everything"}),
        json!({"query": "x", "drive_id": "d1", "corpora": "user"}),
        json!({"query": "x", "file_type": "spreadsheets'"}),
        json!({"query": "x", "order_by": "size"}),
        json!({"query": "x", "page_size": 0}),
    ] {
        let e = env.err("search_drive_files", args.clone()).await;
        assert!(is_invalid(&e), "{args}: {e}");
    }
    assert!(env.requests("drive.files.list").is_empty());
    // Drive's own errors come back with advice.
    let e = env.err("search_drive_files", json!({"query": "name contains 'x' and"})).await;
    assert_eq!(google_status(&e), Some(400), "{e}");
    env.done();
}

#[tokio::test]
async fn list_folders_shared_drives_and_shared_drive_containers() {
    let env = Env::new().await;
    let out = env.ok("list_drive_items", json!({})).await;
    for id in [ids::FOLDER_PROJECTS, ids::FOLDER_RECEIPTS, ids::FOLDER_PERSONAL] {
        assert!(out.text.contains(id), "{id} in root:\n{}", out.text);
    }
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some("'root' in parents and trashed = false"));

    let out = env
        .ok("list_drive_items", json!({"folder_id": ids::FOLDER_ATLAS, "file_type": "pdf", "detailed": false}))
        .await;
    assert!(out.text.contains(ids::ROADMAP_PDF) && !out.text.contains(ids::ATLAS_PLAN_DOC), "{}", out.text);

    // A shared drive's top level: drive_id with the default folder.
    let out = env.ok("list_drive_items", json!({"drive_id": ids::ATLAS_TEAM_DRIVE})).await;
    assert!(out.text.contains(ids::TEAM_LAUNCH_FOLDER) && out.text.contains(ids::TEAM_OKRS_SHEET), "{}", out.text);
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(
        list.query_param("q"),
        Some(format!("'{}' in parents and trashed = false", ids::ATLAS_TEAM_DRIVE).as_str())
    );
    assert_eq!(
        (list.query_param("corpora"), list.query_param("driveId")),
        (Some("drive"), Some(ids::ATLAS_TEAM_DRIVE))
    );

    let out = env.ok("list_drive_items", json!({"resource_type": "shared_drives", "include_organizers": true})).await;
    assert!(out.text.contains("Atlas Team") && out.text.contains("Finance"), "{}", out.text);
    assert!(out.text.contains("Organizers: ") && out.text.contains("priya.shah@example.com"), "{}", out.text);
    assert_eq!(env.requests("drive.drives.list").len(), 1);

    let e = env.err("list_drive_items", json!({"folder_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(is_invalid(&e) && e.to_string().contains("not a folder"), "{e}");
    let e = env.err("list_drive_items", json!({"query": "name contains 'x'"})).await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("list_drive_items", json!({"resource_type": "folders"})).await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("list_drive_items", json!({"folder_id": "no-such-folder"})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.done();
}
