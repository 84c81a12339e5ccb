//! Creating through the binary: create_drive_file (from text and from a file in the allowed
//! directory), create_drive_folder, the three imports (conversion on upload), and which
//! local files may be uploaded: the sensitive paths refused before any request, and
//! `WORKSPACE_MCP_DISABLE_LOCAL_FILES` taking `file_path` out of the schemas.

use std::path::{Path, PathBuf};

use serde_json::json;
use wsmcp_drive::sandbox::seed::ids;

use super::{all_drives_everywhere, export, id_after, media, metadata, refused};
use crate::harness::{HttpServer, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

const DOC: &str = "application/vnd.google-apps.document";
const SHEET: &str = "application/vnd.google-apps.spreadsheet";
const SLIDES: &str = "application/vnd.google-apps.presentation";
const FOLDER: &str = "application/vnd.google-apps.folder";

/// `path` as the binary sees it (tempdirs may sit behind a symlink, e.g. on macOS).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap()
}

/// The tools whose listed schema has a `file_path` parameter.
async fn tools_with_file_path(client: &crate::harness::Client) -> Vec<String> {
    let mut names: Vec<String> = client
        .list_all_tools()
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.input_schema.get("properties").and_then(|p| p.get("file_path")).is_some())
        .map(|t| t.name.to_string())
        .collect();
    names.sort();
    names
}

/// create_drive_file stores text and a local file (a `file://` fileUrl inside
/// ALLOWED_FILE_DIRS) byte for byte, with a type from the name, in My Drive and in a
/// shared-drive folder, as multipart uploads; create_drive_folder makes folders in My Drive
/// and at a shared drive's top level. Missing content and Google types are refused before
/// any request; a reader of the Finance drive gets Drive's 403.
#[tokio::test]
async fn create_files_and_folders_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let allowed = tempfile::tempdir().unwrap();
    let csv = canonical(allowed.path()).join("q3-costs.csv");
    std::fs::write(&csv, "item,eur\nCloud,10850\nTravel,4815\n").unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("ALLOWED_FILE_DIRS", allowed.path());
    let client = stdio_client(cmd).await;

    let notes = "# Standup\n- Sync engine v2 merged\n";
    let out = ok(
        &client,
        "create_drive_file",
        json!({"file_name": "standup.md", "content": notes, "folder_id": ids::FOLDER_PERSONAL}),
    )
    .await;
    assert!(
        out.starts_with("Created file \"standup.md\" (id: ")
            && out.contains(&format!("in folder {}.", ids::FOLDER_PERSONAL)),
        "{out}"
    );
    assert!(
        out.contains("Type: text/markdown") && out.contains(&format!("Uploaded {} B from content.", notes.len())),
        "{out}"
    );
    let id = id_after(&out, "(id:");
    let create = requests_for(&sb, "drive.files.create").pop().unwrap();
    assert_eq!((create.method.as_str(), create.path.as_str(), create.status), ("POST", "/upload/drive/v3/files", 200));
    assert_eq!(create.query_param("uploadType"), Some("multipart"));
    assert!(create.media_type.as_deref().is_some_and(|m| m.starts_with("multipart/related; boundary=")), "{create:?}");
    let meta = metadata(&sb, &id, "name, mimeType, parents").await;
    assert_eq!(meta, json!({"name": "standup.md", "mimeType": "text/markdown", "parents": [ids::FOLDER_PERSONAL]}));
    assert_eq!(media(&sb, &id).await, notes.as_bytes());

    let url = format!("file://{}", csv.display());
    let out = ok(&client, "create_drive_file", json!({"file_name": "Q3 costs.csv", "fileUrl": url})).await;
    assert!(out.contains("Type: text/csv") && out.contains(&format!("from file {}.", csv.display())), "{out}");
    let id = id_after(&out, "(id:");
    assert_eq!(media(&sb, &id).await, std::fs::read(&csv).unwrap(), "the local file, byte for byte");
    assert_eq!(metadata(&sb, &id, "parents").await["parents"], json!([ids::MY_DRIVE_ROOT]));

    let out = ok(
        &client,
        "create_drive_file",
        json!({"file_name": "go-live.txt", "content": "Go live on Monday", "folder_id": ids::TEAM_LAUNCH_FOLDER}),
    )
    .await;
    let id = id_after(&out, "(id:");
    assert_eq!(
        metadata(&sb, &id, "driveId, parents").await,
        json!({"driveId": ids::ATLAS_TEAM_DRIVE, "parents": [ids::TEAM_LAUNCH_FOLDER]})
    );

    let out = ok(&client, "create_drive_folder", json!({"folder_name": "Offsite 2026"})).await;
    assert!(out.starts_with("Created folder \"Offsite 2026\" (id: ") && out.contains("Type: folder"), "{out}");
    let id = id_after(&out, "(id:");
    let create = requests_for(&sb, "drive.files.create").pop().unwrap();
    assert_eq!(
        (create.path.as_str(), create.query_param("uploadType")),
        ("/drive/v3/files", None),
        "a folder is metadata only"
    );
    assert_eq!(create.body.clone().unwrap(), json!({"name": "Offsite 2026", "mimeType": FOLDER, "parents": ["root"]}));
    assert_eq!(
        metadata(&sb, &id, "mimeType, parents").await,
        json!({"mimeType": FOLDER, "parents": [ids::MY_DRIVE_ROOT]})
    );
    let out = ok(
        &client,
        "create_drive_folder",
        json!({"folder_name": "Launch assets", "parent_folder_id": ids::ATLAS_TEAM_DRIVE}),
    )
    .await;
    let id = id_after(&out, "(id:");
    assert_eq!(metadata(&sb, &id, "driveId").await["driveId"], ids::ATLAS_TEAM_DRIVE);

    refused(&client, &sb, "create_drive_file", json!({"file_name": "empty.txt"}), &["give the file's content"]).await;
    refused(
        &client,
        &sb,
        "create_drive_file",
        json!({"file_name": "Plan", "content": "x", "mime_type": DOC}),
        &["import_to_google_doc"],
    )
    .await;
    refused(&client, &sb, "create_drive_folder", json!({"folder_name": " "}), &["folder_name is required"]).await;
    let e = err(&client, "create_drive_folder", json!({"folder_name": "Mine", "parent_folder_id": ids::FINANCE_DRIVE}))
        .await;
    assert!(e.contains("403"), "a reader of the Finance drive cannot add to it: {e}");
    assert_eq!(requests_for(&sb, "drive.files.create").pop().unwrap().status, 403);
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// The imports over HTTP ask Drive to convert: the metadata names the Google type. A
/// Markdown Doc from text (multipart; the Doc then exports the text), a Sheet from a
/// 6 MB CSV file (resumable: the session's metadata, which the sandbox logs, carries the
/// spreadsheet type), Slides from the sample .pptx saved in the allowed directory. A
/// format mismatch is refused before any upload.
#[tokio::test]
async fn imports_convert_on_upload_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let allowed = tempfile::tempdir().unwrap();
    let dir = canonical(allowed.path());
    let mut cmd = command(&sb, home.path());
    cmd.env("ALLOWED_FILE_DIRS", &dir);
    let server = HttpServer::start(cmd).await;
    let client = server.client().await;

    let md = "# Retro\n\n- Keep: weekly demos\n- Change: fewer status meetings\n";
    let out = ok(
        &client,
        "import_to_google_doc",
        json!({"file_name": "Retro notes.md", "content": md, "folder_id": ids::FOLDER_ATLAS}),
    )
    .await;
    assert!(out.starts_with("Imported \"Retro notes\" as a Google Doc.\nDocument ID: "), "{out}");
    assert!(
        out.contains("Source: content (text/markdown, ") && out.contains(&format!("Folder: {}", ids::FOLDER_ATLAS)),
        "{out}"
    );
    assert!(!out.contains("Warning"), "{out}");
    let id = id_after(&out, "Document ID:");
    let create = requests_for(&sb, "drive.files.create").pop().unwrap();
    assert_eq!((create.path.as_str(), create.query_param("uploadType")), ("/upload/drive/v3/files", Some("multipart")));
    assert_eq!(
        metadata(&sb, &id, "name, mimeType, parents").await,
        json!({"name": "Retro notes", "mimeType": DOC, "parents": [ids::FOLDER_ATLAS]})
    );
    let plain = String::from_utf8(export(&sb, &id, "text/plain").await).unwrap();
    assert!(plain.contains("Retro") && plain.contains("Keep: weekly demos"), "{plain}");

    // Over the 5 MiB multipart limit, so the upload opens a resumable session with JSON metadata.
    let ledger = dir.join("ledger.csv");
    let rows: String = std::iter::once("day,item,eur\n".to_string())
        .chain((0..300_000).map(|i| format!("{},cloud-{i},{}\n", i % 28 + 1, i % 997)))
        .collect();
    assert!(rows.len() > 5 * 1024 * 1024);
    std::fs::write(&ledger, &rows).unwrap();
    let out = ok(
        &client,
        "import_to_google_sheets",
        json!({"file_name": "Ledger.csv", "file_path": ledger.to_str().unwrap()}),
    )
    .await;
    assert!(out.starts_with("Imported \"Ledger\" as a Google Sheet.\nSpreadsheet ID: "), "{out}");
    assert!(out.contains(&format!("Source: file {} (text/csv, ", ledger.display())), "{out}");
    let id = id_after(&out, "Spreadsheet ID:");
    let creates = requests_for(&sb, "drive.files.create");
    let start = creates.iter().rev().find(|r| r.method == "POST").unwrap();
    assert_eq!(start.query_param("uploadType"), Some("resumable"));
    assert_eq!(
        start.body.clone().unwrap(),
        json!({"name": "Ledger", "mimeType": SHEET, "parents": ["root"]}),
        "the metadata asks for a Sheet"
    );
    assert!(creates.iter().any(|r| r.method == "PUT" && r.status == 200), "the chunks follow: {creates:#?}");
    assert_eq!(metadata(&sb, &id, "mimeType").await["mimeType"], SHEET);
    let csv = String::from_utf8(export(&sb, &id, "text/csv").await).unwrap();
    assert!(csv.starts_with("day,item,eur\n1,cloud-0,0\n") && csv.lines().count() == 300_001, "every row converted");

    let pptx = dir.join("Pitch deck.pptx");
    std::fs::write(&pptx, media(&sb, ids::PITCH_PPTX).await).unwrap();
    let out = ok(
        &client,
        "import_to_google_slides",
        json!({"file_name": "Pitch deck.pptx", "file_path": pptx.to_str().unwrap()}),
    )
    .await;
    assert!(out.starts_with("Imported \"Pitch deck\" as a Google Slides presentation.\nPresentation ID: "), "{out}");
    assert!(out.contains("application/vnd.openxmlformats-officedocument.presentationml.presentation"), "{out}");
    let id = id_after(&out, "Presentation ID:");
    assert_eq!(metadata(&sb, &id, "name, mimeType").await, json!({"name": "Pitch deck", "mimeType": SLIDES}));
    let read = ok(&client, "get_drive_file_content", json!({"file_id": id})).await;
    assert!(read.contains("type: Google Slides") && read.contains("Exported as plain text."), "{read}");

    refused(
        &client,
        &sb,
        "import_to_google_doc",
        json!({"file_name": "Budget.csv", "content": "a,b"}),
        &["a Google Doc cannot be made from .csv"],
    )
    .await;
    refused(
        &client,
        &sb,
        "import_to_google_slides",
        json!({"file_name": "Deck", "content": "slide one"}),
        &["unknown parameter(s) content"],
    )
    .await;
    let missing = dir.join("missing.xlsx");
    refused(
        &client,
        &sb,
        "import_to_google_sheets",
        json!({"file_name": "x", "file_path": missing.to_str().unwrap()}),
        &["File error: cannot open"],
    )
    .await;
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// Local paths a model may be talked into uploading are refused, each with its reason and
/// before Drive is asked anything: `~/.ssh/id_rsa` (even with the home directory allowed),
/// a `.env` inside the allowed directory, a file outside it, a `..` walk out of it and a
/// symlink in it pointing out. Checked for import_to_google_doc (file_path),
/// update_drive_file (file_path) and create_drive_file (a file:// fileUrl); a plain file
/// in the allowed directory does upload, so the refusals are the policy's.
#[tokio::test]
async fn sensitive_local_paths_are_refused_before_any_upload() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let home_dir = canonical(home.path());
    let (allowed, outside) = (canonical(root.path()).join("allowed"), canonical(root.path()).join("outside"));
    for d in [&allowed, &outside, &home_dir.join(".ssh")] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(home_dir.join(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n").unwrap();
    std::fs::write(allowed.join(".env"), "GOOGLE_OAUTH_CLIENT_SECRET=s3cret\n").unwrap();
    std::fs::write(allowed.join("agenda.md"), "# Agenda\n").unwrap();
    std::fs::write(outside.join("plan.md"), "# Not for upload\n").unwrap();
    std::os::unix::fs::symlink(outside.join("plan.md"), allowed.join("plan-link.md")).unwrap();
    let mut cmd = command(&sb, home.path());
    // The home directory is allowed too: ~/.ssh must be refused on its own account.
    cmd.env("ALLOWED_FILE_DIRS", std::env::join_paths([&allowed, &home_dir]).unwrap());
    let client = stdio_client(cmd).await;
    assert_eq!(
        tools_with_file_path(&client).await,
        ["import_to_google_doc", "import_to_google_sheets", "import_to_google_slides", "update_drive_file"]
    );

    let ssh = format!("files under {} are never read", home_dir.join(".ssh").display());
    let outside_why = "it is outside the allowed directories";
    // (file_path as given, the file:// URL's path, that path as the server shows it, why).
    let traversal = format!("{}/../outside/plan.md", allowed.display());
    let show = |p: PathBuf| p.display().to_string();
    let cases: [(String, String, String, &str); 5] = [
        ("~/.ssh/id_rsa".into(), show(home_dir.join(".ssh/id_rsa")), show(home_dir.join(".ssh/id_rsa")), &ssh),
        (
            show(allowed.join(".env")),
            show(allowed.join(".env")),
            show(allowed.join(".env")),
            ".env files are never read",
        ),
        (show(outside.join("plan.md")), show(outside.join("plan.md")), show(outside.join("plan.md")), outside_why),
        // A URL's `..` is resolved when it is parsed, so the server names where it leads.
        (traversal.clone(), traversal, show(outside.join("plan.md")), outside_why),
        (
            show(allowed.join("plan-link.md")),
            show(allowed.join("plan-link.md")),
            show(allowed.join("plan-link.md")),
            outside_why,
        ),
    ];
    for (path, url_path, url_shown, why) in &cases {
        let url = format!("file://{url_path}");
        for (tool, args, shown) in [
            ("import_to_google_doc", json!({"file_name": "notes.md", "file_path": path}), path),
            ("update_drive_file", json!({"file_id": ids::NOTES_MD, "file_path": path}), path),
            ("create_drive_file", json!({"file_name": "notes.md", "fileUrl": url}), url_shown),
        ] {
            let e = refused(&client, &sb, tool, args, &[&format!("Refused: will not read '{shown}': {why}.")]).await;
            assert!(
                e.contains(&format!(
                    "Local files are read only from: {}, {} (set ALLOWED_FILE_DIRS",
                    allowed.display(),
                    home_dir.display()
                )),
                "{e}"
            );
            // Drive's `content` is stored as text: base64 advice must not point there.
            assert!(e.contains("base64-encoded") && !e.contains("'content'"), "{e}");
        }
    }
    assert!(sb.requests().is_empty(), "no refused path reached Drive");

    let out = ok(
        &client,
        "import_to_google_doc",
        json!({"file_name": "Agenda.md", "file_path": show(allowed.join("agenda.md"))}),
    )
    .await;
    assert!(out.contains(&format!("Source: file {} (text/markdown", allowed.join("agenda.md").display())), "{out}");
    assert_eq!(requests_for(&sb, "drive.files.create").len(), 1, "only the allowed file was uploaded");
    assert!(requests_for(&sb, "drive.files.update").is_empty());
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// With WORKSPACE_MCP_DISABLE_LOCAL_FILES=true no Drive tool lists `file_path` (over HTTP),
/// passing it is refused as an unknown parameter, and a file:// URL is refused naming the
/// setting, even for a file in the allowed directory; text content still imports.
#[tokio::test]
async fn disabled_local_files_leave_the_schemas_and_are_refused_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let allowed = tempfile::tempdir().unwrap();
    let notes = canonical(allowed.path()).join("notes.md");
    std::fs::write(&notes, "# Notes\n").unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("ALLOWED_FILE_DIRS", allowed.path()).env("WORKSPACE_MCP_DISABLE_LOCAL_FILES", "true");
    let server = HttpServer::start(cmd).await;
    let client = server.client().await;

    assert!(tools_with_file_path(&client).await.is_empty(), "file_path is gone from every schema");
    let listed: Vec<String> = client.list_all_tools().await.unwrap().into_iter().map(|t| t.name.to_string()).collect();
    for name in [
        "import_to_google_doc",
        "import_to_google_sheets",
        "import_to_google_slides",
        "update_drive_file",
        "create_drive_file",
    ] {
        assert!(listed.iter().any(|n| n == name), "{name} is still listed");
    }

    let path = notes.to_str().unwrap();
    refused(
        &client,
        &sb,
        "import_to_google_doc",
        json!({"file_name": "Notes.md", "file_path": path}),
        &["unknown parameter(s) file_path"],
    )
    .await;
    refused(
        &client,
        &sb,
        "update_drive_file",
        json!({"file_id": ids::NOTES_MD, "file_path": path}),
        &["unknown parameter(s) file_path"],
    )
    .await;
    let disabled = "local file access is disabled here (WORKSPACE_MCP_DISABLE_LOCAL_FILES)";
    let url = format!("file://{path}");
    refused(
        &client,
        &sb,
        "create_drive_file",
        json!({"file_name": "notes.md", "fileUrl": url}),
        &["Refused: fileUrl reads a file on the server", disabled],
    )
    .await;
    refused(
        &client,
        &sb,
        "import_to_google_sheets",
        json!({"file_name": "Data.csv", "file_url": url}),
        &["Refused: file_url reads a file", disabled],
    )
    .await;
    assert!(sb.requests().is_empty());

    let out = ok(&client, "import_to_google_doc", json!({"file_name": "Notes.md", "content": "# Notes\n"})).await;
    assert!(out.starts_with("Imported \"Notes\" as a Google Doc."), "{out}");
    assert_eq!(requests_for(&sb, "drive.files.create").len(), 1);
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// A small image file comes back as MCP image content (base64 PNG) with its saved-file link.
#[tokio::test]
async fn an_image_file_is_image_content_with_a_link() {
    use base64::Engine as _;
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let r = crate::harness::call(&client, "get_drive_file_content", json!({"file_id": ids::LOGO_PNG})).await;
    assert_ne!(r.is_error, Some(true));
    let image = r.content.iter().find_map(|c| c.as_image()).expect("an image block");
    assert_eq!(image.mime_type, "image/png");
    let png = base64::engine::general_purpose::STANDARD.decode(&image.data).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert!(r.content.iter().any(|c| c.as_resource_link().is_some()), "the saved file is linked too");
    assert_valid(&sb);
    client.cancel().await.unwrap();
}
