//! create_drive_file, create_drive_folder and the import_to_google_* tools: content
//! sources, upload requests, conversion, and what local files may be read.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::*;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn create_from_text_base64_and_own_links() {
    let env = Env::new().await;
    let out = env
        .ok(
            "create_drive_file",
            json!({"file_name": "hello.md", "content": "# Hi\n", "folder_id": ids::FOLDER_PERSONAL}),
        )
        .await;
    assert!(out.text.starts_with("Created file \"hello.md\""), "{}", out.text);
    let id = id_after(&out.text, "(id:");
    let create = env.requests("drive.files.create").pop().unwrap();
    assert_eq!(create.query_param("uploadType"), Some("multipart"));
    assert!(create.path.starts_with("/upload/drive/v3/files"), "{}", create.path);
    assert!(create.media_type.as_deref().unwrap().starts_with("multipart/related; boundary="));
    let meta = file_json(&env, &id, "name, mimeType, parents").await;
    assert_eq!(meta, json!({"name": "hello.md", "mimeType": "text/markdown", "parents": [ids::FOLDER_PERSONAL]}));
    assert_eq!(wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap().as_ref(), b"# Hi\n");

    let png = [0x89u8, b'P', b'N', b'G', 0, 1, 2, 3];
    let out = env
        .ok("create_drive_file", json!({"file_name": "dot.png", "base64_content": b64(&png), "content_mime_type": "image/png", "base64_sha256": sha(&png)}))
        .await;
    let id = id_after(&out.text, "(id:");
    assert_eq!(file_json(&env, &id, "mimeType").await["mimeType"], "image/png");
    assert_eq!(wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap().as_ref(), &png);

    // This server's own download links are read from the attachment directory.
    std::fs::write(env.dir.path().join("attachments/report_abc-123.csv"), "a,b\n1,2\n").unwrap();
    let out = env
        .ok(
            "create_drive_file",
            json!({"file_name": "report.csv", "fileUrl": "http://localhost:8000/attachments/abc-123"}),
        )
        .await;
    let id = id_after(&out.text, "(id:");
    assert_eq!(file_json(&env, &id, "mimeType").await["mimeType"], "text/csv");
    assert_eq!(wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap().as_ref(), b"a,b\n1,2\n");

    // In a shared drive folder.
    let out = env
        .ok("create_drive_file", json!({"file_name": "team.txt", "content": "x", "folder_id": ids::TEAM_LAUNCH_FOLDER}))
        .await;
    let id = id_after(&out.text, "(id:");
    assert_eq!(file_json(&env, &id, "driveId").await["driveId"], ids::ATLAS_TEAM_DRIVE);
    env.done();
}

#[tokio::test]
async fn create_refuses_bad_input_before_any_request() {
    let env = Env::new().await;
    let png = b"png bytes";
    for args in [
        json!({"file_name": "x.txt"}),
        json!({"file_name": " ", "content": "x"}),
        json!({"file_name": "x.txt", "content": "x", "base64_content": b64(png)}),
        json!({"file_name": "x.png", "base64_content": "!!!"}),
        json!({"file_name": "x.png", "base64_content": b64(png), "base64_sha256": sha(b"other")}),
        json!({"file_name": "x.png", "base64_content": b64(png), "base64_sha256": "abc"}),
        json!({"file_name": "x.txt", "content": "x", "base64_sha256": sha(png)}),
        json!({"file_name": "x.txt", "content": "x", "content_mime_type": "text/plain"}),
        json!({"file_name": "x", "content": "x", "mime_type": "application/vnd.google-apps.document"}),
        json!({"file_name": "x", "content": "x", "mime_type": "application/vnd.google-apps.folder"}),
        json!({"file_name": "x", "fileUrl": "ftp://example.com/x"}),
    ] {
        let e = env.err("create_drive_file", args.clone()).await;
        assert!(is_invalid(&e), "{args}: {e}");
    }
    for url in ["http://127.0.0.1:9/secret", "http://169.254.169.254/latest/meta-data", "http://[::1]/x"] {
        let e = env.err("create_drive_file", json!({"file_name": "x", "fileUrl": url})).await;
        assert!(is_refused(&e), "{url}: {e}");
    }
    assert!(env.requests("drive.files.create").is_empty());
    let e =
        env.err("create_drive_file", json!({"file_name": "x", "content": "x", "folder_id": "no-such-folder"})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.done();
}

#[tokio::test]
async fn folders() {
    let env = Env::new().await;
    let out = env.ok("create_drive_folder", json!({"folder_name": "Offsite 2026"})).await;
    let id = id_after(&out.text, "(id:");
    let meta = file_json(&env, &id, "name, mimeType, parents").await;
    assert_eq!(meta["mimeType"], "application/vnd.google-apps.folder");
    assert_eq!(meta["parents"], json!([ids::MY_DRIVE_ROOT]));
    let create = env.requests("drive.files.create").pop().unwrap();
    assert_eq!(create.body.as_ref().unwrap()["parents"], json!(["root"]));
    assert!(create.query_param("uploadType").is_none());

    // create_drive_file with the folder type makes a folder too.
    let out = env
        .ok(
            "create_drive_file",
            json!({"file_name": "Sub", "mime_type": "application/vnd.google-apps.folder", "folder_id": id}),
        )
        .await;
    assert!(out.text.starts_with("Created folder \"Sub\""), "{}", out.text);

    let out = env
        .ok("create_drive_folder", json!({"folder_name": "Launch assets", "parent_folder_id": ids::ATLAS_TEAM_DRIVE}))
        .await;
    let id = id_after(&out.text, "(id:");
    assert_eq!(file_json(&env, &id, "driveId").await["driveId"], ids::ATLAS_TEAM_DRIVE);
    let e = env.err("create_drive_folder", json!({"folder_name": "x", "parent_folder_id": ids::FINANCE_DRIVE})).await;
    assert_eq!(google_status(&e), Some(403), "a reader of the Finance drive cannot add to it: {e}");
    let e = env.err("create_drive_folder", json!({"folder_name": ""})).await;
    assert!(is_invalid(&e));
    env.done();
}

#[tokio::test]
async fn imports_convert_on_upload() {
    let env = Env::new().await;
    let out =
        env.ok("import_to_google_doc", json!({"file_name": "Plan.md", "content": "# Plan\n\n- one\n- two\n"})).await;
    assert!(
        out.text.contains("Imported \"Plan\" as a Google Doc") && out.text.contains("text/markdown"),
        "{}",
        out.text
    );
    let id = id_after(&out.text, "Document ID:");
    assert_eq!(file_json(&env, &id, "mimeType").await["mimeType"], "application/vnd.google-apps.document");
    let create = env.requests("drive.files.create").pop().unwrap();
    assert_eq!(create.query_param("uploadType"), Some("multipart"));
    let text = wsmcp_drive::api::files_export(&env.g(), &id, "text/plain").await.unwrap();
    assert!(String::from_utf8_lossy(&text).contains("Plan"), "converted content is readable");

    let out = env.ok("import_to_google_sheets", json!({"file_name": "Data", "content": "a,b\n1,2\n"})).await;
    let id = id_after(&out.text, "Spreadsheet ID:");
    let csv = wsmcp_drive::api::files_export(&env.g(), &id, "text/csv").await.unwrap();
    assert!(String::from_utf8_lossy(&csv).contains("1,2"), "{}", String::from_utf8_lossy(&csv));

    // A real .pptx from the sample Drive, imported from a local file.
    let pptx = wsmcp_drive::api::files_get_media(&env.g(), ids::PITCH_PPTX).await.unwrap();
    let path = env.allowed_file("pitch.pptx", &pptx);
    let out =
        env.ok("import_to_google_slides", json!({"file_name": "Pitch", "file_path": path.to_str().unwrap()})).await;
    let id = id_after(&out.text, "Presentation ID:");
    assert_eq!(file_json(&env, &id, "mimeType").await["mimeType"], "application/vnd.google-apps.presentation");

    // The same as a file:// URL, and as base64 with a checked hash.
    let url = format!("file://{}", path.display());
    env.ok("import_to_google_slides", json!({"file_name": "Pitch 2", "file_path": url})).await;
    env.ok(
        "import_to_google_slides",
        json!({"file_name": "Pitch 3.pptx", "base64_content": b64(&pptx), "base64_sha256": sha(&pptx)}),
    )
    .await;
    env.done();
}

#[tokio::test]
async fn import_errors() {
    let env = Env::new().await;
    for (tool, args) in [
        ("import_to_google_doc", json!({"file_name": "x.md"})),
        ("import_to_google_doc", json!({"file_name": "Budget.csv", "content": "a,b"})),
        ("import_to_google_doc", json!({"file_name": "x", "content": "x", "source_format": "docx"})),
        ("import_to_google_doc", json!({"file_name": "x", "content": "x", "source_format": "pdf"})),
        ("import_to_google_sheets", json!({"file_name": "x", "content": "a", "file_url": "https://example.com/x.csv"})),
        ("import_to_google_slides", json!({"file_name": "Deck", "base64_content": b64(b"x")})),
        ("import_to_google_slides", json!({"file_name": "Deck", "content": "x"})),
    ] {
        let e = env.err(tool, args.clone()).await;
        assert!(is_invalid(&e), "{tool} {args}: {e}");
    }
    assert!(env.requests("drive.files.create").is_empty());
    env.done();
}

#[tokio::test]
async fn local_files_follow_the_policy() {
    let env = Env::new().await;
    std::fs::write(env.dir.path().join("allowed/.env"), "SECRET=1").unwrap();
    std::fs::write(env.dir.path().join("allowed/secret/key.txt"), "KEY").unwrap();
    std::fs::write(env.dir.path().join("home/.ssh/id_rsa"), "KEY").unwrap();
    std::fs::write(env.dir.path().join("outside.md"), "# nope").unwrap();
    let allowed = env.dir.path().join("allowed");
    #[cfg(unix)]
    std::os::unix::fs::symlink(env.dir.path().join("home/.ssh/id_rsa"), allowed.join("innocent.md")).unwrap();
    let refused = [
        allowed.join(".env").display().to_string(),
        allowed.join("secret/key.txt").display().to_string(),
        env.dir.path().join("home/.ssh/id_rsa").display().to_string(),
        env.dir.path().join("outside.md").display().to_string(),
        format!("{}/../outside.md", allowed.display()),
        format!("file://{}", allowed.join(".env").display()),
        #[cfg(unix)]
        allowed.join("innocent.md").display().to_string(),
    ];
    for path in &refused {
        let e = env.err("import_to_google_doc", json!({"file_name": "x.md", "file_path": path})).await;
        assert!(is_refused(&e), "{path}: {e}");
        let e = env.err("update_drive_file", json!({"file_id": ids::NOTES_MD, "file_path": path})).await;
        assert!(is_refused(&e), "{path}: {e}");
    }
    let e = env
        .err(
            "create_drive_file",
            json!({"file_name": "x", "fileUrl": format!("file://{}", allowed.join(".env").display())}),
        )
        .await;
    assert!(is_refused(&e), "{e}");
    assert!(env.requests("drive.files.create").is_empty() && env.requests("drive.files.update").is_empty());
    env.done();
}

#[tokio::test]
async fn disabled_local_files_leave_the_schema_and_are_refused() {
    let env = Env::with(|o| DriveOptions { local_files: false, ..o }).await;
    for t in &env.tools {
        assert!(t.input_schema["properties"].get("file_path").is_none(), "{}", t.name);
    }
    let path = env.allowed_file("notes.md", b"# fine");
    let e = env.err("import_to_google_doc", json!({"file_name": "x.md", "file_path": path.to_str().unwrap()})).await;
    assert!(is_refused(&e) && e.to_string().contains("base64_content"), "{e}");
    let e =
        env.err("create_drive_file", json!({"file_name": "x", "fileUrl": format!("file://{}", path.display())})).await;
    assert!(is_refused(&e) && e.to_string().contains("WORKSPACE_MCP_DISABLE_LOCAL_FILES"), "{e}");
    // Inline content still works.
    env.ok("import_to_google_doc", json!({"file_name": "x.md", "content": "# fine"})).await;
    env.done();
}
