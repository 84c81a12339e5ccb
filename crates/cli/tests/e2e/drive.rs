//! The 16 Drive tools through the real binary, over stdio and streamable HTTP, against the
//! seeded sandbox Drive (the Atlas folder with its Docs, Sheets, Slides, PDF and Office
//! files, the "Atlas Team" and "Finance" shared drives, Priya's private doc). Each test
//! checks successes, an error path and the Drive requests the sandbox saw, and compares
//! bytes the tools hand back with the sandbox's own. Here: searching, listing and reading;
//! `files`: creating, importing and which local files may be uploaded; `edit`: update and
//! copy; `sharing`: links and permissions.

use rmcp::model::{CallToolResult, Resource};
use serde_json::{Value, json};
use wsmcp_core::google::{AccessToken, ApiInfo, GoogleClient, GoogleCtx, RetryPolicy, build_http_client};
use wsmcp_drive::sandbox::seed::ids;
use wsmcp_sandbox_kit::SandboxHandle;

use crate::harness::{
    Client, HttpServer, USER, assert_valid, call, command, err, ok, requests_for, sandbox, stdio_client, text,
};

/// update_drive_file and copy_drive_file.
mod edit;
/// Creating files and folders, imports, and the local-file policy.
mod files;
/// Links, permissions and public access.
mod sharing;

/// The sandbox's Drive asked directly (not through the binary), to compare what the tools
/// hand back with what Drive holds.
fn direct(sb: &SandboxHandle) -> GoogleCtx {
    let http = build_http_client(&Default::default()).unwrap();
    let client = std::sync::Arc::new(GoogleClient::new(http, Some(sb.base_url.clone()), RetryPolicy::default()));
    GoogleCtx::new(client, AccessToken::new("test-token"), USER.into())
}

/// A file's bytes as Drive serves them (`alt=media`).
pub(crate) async fn media(sb: &SandboxHandle, id: &str) -> Vec<u8> {
    wsmcp_drive::api::files_get_media(&direct(sb), id).await.unwrap().to_vec()
}

/// A Google file exported to `mime`.
pub(crate) async fn export(sb: &SandboxHandle, id: &str, mime: &str) -> Vec<u8> {
    wsmcp_drive::api::files_export(&direct(sb), id, mime).await.unwrap().to_vec()
}

/// A file's metadata (`fields`) as Drive reports it.
async fn metadata(sb: &SandboxHandle, id: &str, fields: &str) -> Value {
    direct(sb)
        .get(&ApiInfo::DRIVE, format!("/drive/v3/files/{id}"))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .send()
        .await
        .unwrap()
}

/// The id after `label` in a tool's text, e.g. `id_after(out, "(id:")`.
fn id_after(text: &str, label: &str) -> String {
    let rest = text.split(label).nth(1).unwrap_or_else(|| panic!("no {label:?} in:\n{text}"));
    rest.trim_start().split(|c: char| c == ')' || c == ',' || c.is_whitespace()).next().unwrap().to_string()
}

/// The one resource_link block of a result.
fn resource_link(result: &CallToolResult) -> &Resource {
    let links: Vec<&Resource> = result.content.iter().filter_map(|c| c.as_resource_link()).collect();
    assert_eq!(links.len(), 1, "one resource_link expected: {:#?}", result.content);
    links[0]
}

/// The text after the `--- CONTENT ---` marker of get_drive_file_content.
fn inline_content(out: &str) -> &str {
    out.split("\n--- CONTENT ---\n").nth(1).unwrap_or_else(|| panic!("no content section in:\n{out}"))
}

/// Every Drive call that Google lets take supportsAllDrives took it, so shared-drive items
/// behave like any other (files.export has no such parameter).
fn all_drives_everywhere(sb: &SandboxHandle) {
    for r in sb.requests() {
        let id = r.method_id.as_deref().unwrap_or_default();
        if (id.starts_with("drive.files.") || id.starts_with("drive.permissions.")) && id != "drive.files.export" {
            assert_eq!(r.query_param("supportsAllDrives"), Some("true"), "{id}: {} {} {:?}", r.method, r.path, r.query);
        }
    }
}

/// Calls `tool` with input it must refuse before asking Drive anything; the message must
/// contain each of `wanted`.
async fn refused(client: &Client, sb: &SandboxHandle, tool: &str, args: Value, wanted: &[&str]) -> String {
    let before = sb.requests().len();
    let e = err(client, tool, args.clone()).await;
    assert!(e.starts_with(&format!("{tool} failed. ")), "{tool}({args}): {e}");
    for w in wanted {
        assert!(e.contains(w), "{tool}({args}): {w:?} missing from: {e}");
    }
    assert_eq!(
        sb.requests().len(),
        before,
        "{tool}({args}): refused input reached Drive: {:#?}",
        &sb.requests()[before..]
    );
    e
}

/// A plain phrase becomes a full-text search over all drives; Drive syntax is sent as
/// written (with trashed files left out); bad arguments are refused before any request, and
/// a query Drive cannot parse comes back as Drive's 400.
#[tokio::test]
async fn search_by_phrase_and_by_drive_syntax_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(&client, "search_drive_files", json!({"query": "offline beta"})).await;
    assert!(
        out.starts_with("Found ")
            && out.contains("(Drive query: (fullText contains 'offline beta') and trashed = false)"),
        "{out}"
    );
    assert!(out.contains(&format!("id: {}", ids::ATLAS_PLAN_DOC)), "the plan mentions the offline beta:\n{out}");
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!((list.method.as_str(), list.path.as_str()), ("GET", "/drive/v3/files"));
    assert_eq!(list.query_param("q"), Some("(fullText contains 'offline beta') and trashed = false"));
    assert_eq!(list.query_param("corpora"), Some("allDrives"));
    assert_eq!(list.query_param("includeItemsFromAllDrives"), Some("true"));
    assert_eq!(list.query_param("supportsAllDrives"), Some("true"));
    assert_eq!(list.query_param("pageSize"), Some("10"));

    let out = ok(
        &client,
        "search_drive_files",
        json!({"query": "name contains 'Atlas' and mimeType = 'application/pdf'", "detailed": false}),
    )
    .await;
    assert!(out.contains(&format!("- \"Atlas-Q3-Roadmap.pdf\" (id: {}, application/pdf)", ids::ROADMAP_PDF)), "{out}");
    assert!(!out.contains(ids::ATLAS_PLAN_DOC) && !out.contains(ids::REQUIREMENTS_DOCX), "only PDFs:\n{out}");
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(
        list.query_param("q"),
        Some("(name contains 'Atlas' and mimeType = 'application/pdf') and trashed = false")
    );

    // The trashed draft shows only when asked for.
    let q = json!({"query": "name = 'Old offsite draft.txt'"});
    let out = ok(&client, "search_drive_files", q.clone()).await;
    assert!(out.starts_with("No files match") && !out.contains(ids::TRASHED_DRAFT_TXT), "{out}");
    let out =
        ok(&client, "search_drive_files", json!({"query": "name = 'Old offsite draft.txt'", "include_trashed": true}))
            .await;
    assert!(out.contains(ids::TRASHED_DRAFT_TXT), "{out}");

    refused(
        &client,
        &sb,
        "search_drive_files",
        json!({"query": "Atlas", "corpora": "drive"}),
        &["Invalid input: ", "drive_id"],
    )
    .await;
    refused(&client, &sb, "search_drive_files", json!({"query": "   "}), &["query"]).await;
    refused(
        &client,
        &sb,
        "search_drive_files",
        json!({"query": "Atlas", "page_size": 0}),
        &["page_size must be at least 1"],
    )
    .await;
    let e = err(&client, "search_drive_files", json!({"query": "name contains 'x' and"})).await;
    assert!(e.starts_with("search_drive_files failed. ") && e.contains("400"), "{e}");
    assert_eq!(requests_for(&sb, "drive.files.list").pop().unwrap().status, 400);
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// Shared-drive items over HTTP: a search scoped to the Atlas Team drive asks for corpora
/// "drive" with its driveId, list_drive_items lists a folder, the drive's top level and the
/// shared drives themselves; a Doc is not a folder, and an unknown folder is Drive's 404.
#[tokio::test]
async fn shared_drive_search_and_folder_listings_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "search_drive_files", json!({"query": "Launch", "drive_id": ids::ATLAS_TEAM_DRIVE})).await;
    assert!(out.contains(&format!("id: {}", ids::TEAM_CHECKLIST_DOC)), "{out}");
    assert!(out.contains(&format!("shared drive {}", ids::ATLAS_TEAM_DRIVE)), "{out}");
    assert!(!out.contains(ids::ATLAS_PLAN_DOC), "My Drive stays out of a drive search:\n{out}");
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("corpora"), Some("drive"));
    assert_eq!(list.query_param("driveId"), Some(ids::ATLAS_TEAM_DRIVE));
    assert_eq!(list.query_param("includeItemsFromAllDrives"), Some("true"));
    assert_eq!(list.query_param("supportsAllDrives"), Some("true"));

    let out = ok(&client, "list_drive_items", json!({"folder_id": ids::FOLDER_ATLAS})).await;
    assert!(
        out.starts_with(&format!(
            "{} item(s) in folder {}:",
            out.lines().filter(|l| l.starts_with("- \"")).count(),
            ids::FOLDER_ATLAS
        )),
        "{out}"
    );
    for id in
        [ids::ATLAS_PLAN_DOC, ids::ATLAS_BUDGET_SHEET, ids::ROADMAP_PDF, ids::PITCH_PPTX, ids::FOLDER_ATLAS_DESIGN]
    {
        assert!(out.contains(&format!("id: {id}")), "{id} in the Atlas folder:\n{out}");
    }
    assert!(
        out.contains(&format!("\"Atlas public FAQ\" (id: {}, Google Doc", ids::ATLAS_FAQ_PUBLIC_DOC))
            && out.contains("anyone with the link: reader"),
        "{out}"
    );
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some(format!("'{}' in parents and trashed = false", ids::FOLDER_ATLAS).as_str()));

    let out = ok(&client, "list_drive_items", json!({"drive_id": ids::ATLAS_TEAM_DRIVE})).await;
    assert!(out.contains(&format!("in folder {}:", ids::ATLAS_TEAM_DRIVE)), "{out}");
    assert!(
        out.contains(&format!("\"Launch\" (id: {}, folder", ids::TEAM_LAUNCH_FOLDER))
            && out.contains(ids::TEAM_OKRS_SHEET),
        "{out}"
    );
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(
        list.query_param("q"),
        Some(format!("'{}' in parents and trashed = false", ids::ATLAS_TEAM_DRIVE).as_str())
    );
    assert_eq!(
        (list.query_param("corpora"), list.query_param("driveId")),
        (Some("drive"), Some(ids::ATLAS_TEAM_DRIVE))
    );
    assert_eq!(list.query_param("includeItemsFromAllDrives"), Some("true"));

    let out = ok(&client, "list_drive_items", json!({"resource_type": "shared_drives"})).await;
    assert!(out.starts_with("2 shared drive(s):"), "{out}");
    assert!(
        out.contains(&format!("- \"Atlas Team\" (id: {}", ids::ATLAS_TEAM_DRIVE))
            && out.contains(&format!("- \"Finance\" (id: {}", ids::FINANCE_DRIVE)),
        "{out}"
    );
    assert_eq!(requests_for(&sb, "drive.drives.list").len(), 1);

    let e = err(&client, "list_drive_items", json!({"folder_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(e.contains("Invalid input: ") && e.contains("is \"Atlas Q3 plan\" (Google Doc), not a folder"), "{e}");
    let e = err(&client, "list_drive_items", json!({"folder_id": "no-such-folder"})).await;
    assert!(e.contains("404"), "{e}");
    assert_eq!(requests_for(&sb, "drive.files.get").pop().unwrap().status, 404);
    refused(&client, &sb, "list_drive_items", json!({"query": "name contains 'x'"}), &["search_drive_files"]).await;
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// get_drive_file_content over stdio: a Doc is exported as text and a Sheet as CSV (the
/// inline text is Drive's export, byte for byte), .docx/.xlsx/.pptx come back as extracted
/// text, and a PDF is not inlined but linked as a local file holding the PDF itself. A
/// folder is refused and a file the user cannot see is Drive's 404.
#[tokio::test]
async fn file_content_exports_extracts_and_links_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let r = call(&client, "get_drive_file_content", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    let doc = text(&r);
    assert_ne!(r.is_error, Some(true), "{doc}");
    assert!(r.content.iter().all(|c| c.as_resource_link().is_none()), "a Doc is inlined, not linked");
    assert!(
        doc.starts_with(&format!("File: \"Atlas Q3 plan\" (id: {}, type: Google Doc)", ids::ATLAS_PLAN_DOC)),
        "{doc}"
    );
    let sent = requests_for(&sb, "drive.files.export").pop().unwrap();
    assert_eq!(sent.path, format!("/drive/v3/files/{}/export", ids::ATLAS_PLAN_DOC));
    let format = sent.query_param("mimeType").unwrap().to_string();
    assert!(["text/markdown", "text/plain"].contains(&format.as_str()), "{format}");
    assert!(doc.contains("Sync engine v2 ships in July."), "{doc}");
    assert_eq!(inline_content(&doc).as_bytes(), export(&sb, ids::ATLAS_PLAN_DOC, &format).await.as_slice());

    let sheet = ok(&client, "get_drive_file_content", json!({"file_id": ids::ATLAS_BUDGET_SHEET})).await;
    assert!(sheet.contains("Exported as CSV") && sheet.contains("Cloud infrastructure,12000,10850"), "{sheet}");
    let sent = requests_for(&sb, "drive.files.export").pop().unwrap();
    assert_eq!(sent.query_param("mimeType"), Some("text/csv"));
    assert_eq!(inline_content(&sheet).as_bytes(), export(&sb, ids::ATLAS_BUDGET_SHEET, "text/csv").await.as_slice());

    let docx = ok(&client, "get_drive_file_content", json!({"file_id": ids::REQUIREMENTS_DOCX})).await;
    assert!(
        docx.contains("Text extracted from the Office file") && docx.contains("Offline editing of forms"),
        "{docx}"
    );
    assert!(!inline_content(&docx).starts_with("PK"), "text, not the zip");
    let xlsx = ok(&client, "get_drive_file_content", json!({"file_id": ids::COST_MODEL_XLSX})).await;
    assert!(xlsx.contains("Text extracted from the Office file") && xlsx.contains("## Sheet: "), "{xlsx}");
    let pptx = ok(&client, "get_drive_file_content", json!({"file_id": ids::PITCH_PPTX})).await;
    assert!(pptx.contains("Text extracted from the Office file") && pptx.contains("--- Slide 1 ---"), "{pptx}");
    let downloads: Vec<String> = requests_for(&sb, "drive.files.get")
        .into_iter()
        .filter(|r| r.query_param("alt") == Some("media"))
        .map(|r| r.path)
        .collect();
    let office: Vec<String> = [ids::REQUIREMENTS_DOCX, ids::COST_MODEL_XLSX, ids::PITCH_PPTX]
        .iter()
        .map(|id| format!("/drive/v3/files/{id}"))
        .collect();
    assert_eq!(downloads, office, "Office files are downloaded (alt=media), not exported");

    // A PDF's text is read by the binary's child process (more in pdf.rs); a scan has none,
    // so the PDF itself is saved and linked.
    let pdf = ok(&client, "get_drive_file_content", json!({"file_id": ids::ROADMAP_PDF})).await;
    assert!(inline_content(&pdf).starts_with("--- Page 1 ---\nAtlas Q3 Roadmap\n"), "{pdf}");
    let r = call(&client, "get_drive_file_content", json!({"file_id": ids::HOTEL_INVOICE_SCAN_PDF})).await;
    let pdf = text(&r);
    assert_ne!(r.is_error, Some(true), "{pdf}");
    assert!(pdf.contains("no text layer (scanned?)") && !pdf.contains("--- CONTENT ---"), "{pdf}");
    let link = resource_link(&r);
    assert_eq!(link.mime_type.as_deref(), Some("application/pdf"));
    let path = link.uri.strip_prefix("file://").unwrap_or_else(|| panic!("not a file URI: {}", link.uri));
    assert!(path.starts_with(home.path().to_str().unwrap()), "saved under the server's home: {path}");
    assert!(pdf.contains(&format!("Saved: {path}")), "{pdf}");
    let saved = std::fs::read(path).unwrap();
    assert!(saved.starts_with(b"%PDF"), "the saved file is the PDF itself");
    assert_eq!(link.size, Some(saved.len() as u64));
    assert_eq!(saved, media(&sb, ids::HOTEL_INVOICE_SCAN_PDF).await);

    let e = err(&client, "get_drive_file_content", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(e.contains("Invalid input: ") && e.contains("is a folder; list its contents with list_drive_items"), "{e}");
    let e = err(&client, "get_drive_file_content", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert!(e.contains("404"), "{e}");
    assert_eq!(requests_for(&sb, "drive.files.get").pop().unwrap().status, 404);
    refused(&client, &sb, "get_drive_file_content", json!({"file_id": " "}), &["file_id is required"]).await;
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// get_drive_file_download_url over HTTP answers with a link to this server's
/// `/attachments/<id>`, whose download is the file byte for byte (a PDF as it is, a Sheet
/// exported to CSV as Drive exports it); a Doc cannot be exported to xlsx, which is said
/// before any export is asked for.
#[tokio::test]
async fn download_url_over_http_serves_the_files_bytes() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let prefix = format!("http://localhost:{}/attachments/", server.port);

    for (id, args, mime, note) in [
        (ids::ROADMAP_PDF, json!({"file_id": ids::ROADMAP_PDF}), "application/pdf", None),
        (
            ids::ATLAS_BUDGET_SHEET,
            json!({"file_id": ids::ATLAS_BUDGET_SHEET, "export_format": "csv"}),
            "text/csv",
            Some("Exported from Google Sheet to CSV."),
        ),
    ] {
        let r = call(&client, "get_drive_file_download_url", args).await;
        let out = text(&r);
        assert_ne!(r.is_error, Some(true), "{out}");
        let link = resource_link(&r);
        assert!(link.uri.starts_with(&prefix), "{} does not start with {prefix}", link.uri);
        assert_eq!(link.mime_type.as_deref(), Some(mime));
        assert!(
            out.contains(&format!("Location: {}", link.uri)) && out.contains("The download URL expires after an hour."),
            "{out}"
        );
        let expected = if mime == "text/csv" { export(&sb, id, mime).await } else { media(&sb, id).await };
        assert_eq!(link.size, Some(expected.len() as u64));
        assert!(out.contains(&format!("({} bytes)", expected.len())), "{out}");
        if let Some(note) = note {
            assert!(out.contains(note), "{out}");
        }
        let download = reqwest::get(&link.uri).await.unwrap();
        assert_eq!(download.status(), 200);
        assert_eq!(download.headers()["content-type"], mime);
        assert_eq!(download.bytes().await.unwrap().as_ref(), expected.as_slice(), "{id}: the download is the file");
    }
    let media_gets: Vec<_> =
        requests_for(&sb, "drive.files.get").into_iter().filter(|r| r.query_param("alt") == Some("media")).collect();
    assert_eq!(media_gets[0].path, format!("/drive/v3/files/{}", ids::ROADMAP_PDF), "the PDF is downloaded as it is");
    let exports = requests_for(&sb, "drive.files.export");
    assert_eq!(exports[0].query_param("mimeType"), Some("text/csv"));
    assert_eq!(exports[0].path, format!("/drive/v3/files/{}/export", ids::ATLAS_BUDGET_SHEET));

    let exports_before = requests_for(&sb, "drive.files.export").len();
    let e =
        err(&client, "get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC, "export_format": "xlsx"}))
            .await;
    assert!(e.contains("Invalid input: a Google Doc cannot be exported as xlsx; choose pdf, docx"), "{e}");
    assert_eq!(requests_for(&sb, "drive.files.export").len(), exports_before, "nothing exported");
    let e = err(&client, "get_drive_file_download_url", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert!(e.contains("404"), "{e}");
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// Over stdio the download is a `file://` link to a local copy with the same bytes (an
/// .xlsx as it is; a Doc exported to PDF by default); a folder cannot be downloaded.
#[tokio::test]
async fn download_url_over_stdio_is_a_local_file() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let r = call(&client, "get_drive_file_download_url", json!({"file_id": ids::COST_MODEL_XLSX})).await;
    let out = text(&r);
    assert_ne!(r.is_error, Some(true), "{out}");
    assert!(out.starts_with(&format!("Saved \"Atlas cost model.xlsx\" (id: {}).", ids::COST_MODEL_XLSX)), "{out}");
    assert!(!out.contains("expires"), "a local file has no URL to expire: {out}");
    let link = resource_link(&r);
    let path = link.uri.strip_prefix("file://").unwrap_or_else(|| panic!("not a file URI: {}", link.uri));
    assert!(path.starts_with(home.path().to_str().unwrap()) && out.contains(&format!("Location: {path}")), "{out}");
    assert_eq!(std::fs::read(path).unwrap(), media(&sb, ids::COST_MODEL_XLSX).await);

    let r = call(&client, "get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    let out = text(&r);
    assert!(out.contains("File name: Atlas Q3 plan.pdf") && out.contains("Exported from Google Doc to PDF."), "{out}");
    assert_eq!(requests_for(&sb, "drive.files.export").pop().unwrap().query_param("mimeType"), Some("application/pdf"));
    let saved = std::fs::read(resource_link(&r).uri.strip_prefix("file://").unwrap()).unwrap();
    assert!(saved.starts_with(b"%PDF"), "a PDF export");

    let e = err(&client, "get_drive_file_download_url", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(e.contains("Invalid input: ") && e.contains("folders cannot be downloaded"), "{e}");
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}
