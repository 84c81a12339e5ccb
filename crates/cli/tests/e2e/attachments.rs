//! Saved files and local files through the binary: `/attachments/{id}` never lets a saved
//! file run as a page of this origin (nosniff, no-store, active types as downloads), files
//! left by an earlier run expire by their age on disk, Gmail's local-path attachments follow
//! WORKSPACE_MCP_DISABLE_LOCAL_FILES as Drive's `file_path` does, and URLs naming internal
//! addresses are refused before anything is handed to a proxy.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde_json::json;

use crate::harness::{HttpServer, assert_valid, command, err, ok, requests_for, sandbox, stdio_client, values_after};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A file the store of an earlier run left behind, `age` old.
fn left_over(dir: &std::path::Path, name: &str, age: Duration) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, "old").unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(SystemTime::now() - age).unwrap();
    path
}

/// An HTML page, an SVG and a PNG mailed as attachments come back as links; downloading them,
/// the HTML and SVG are attachments (never rendered), the PNG may show inline, and all three
/// carry nosniff and no-store. Files older than an hour that an earlier run saved are gone
/// once the server is up; a file of the operator's in the same directory stays.
#[tokio::test]
async fn saved_files_are_served_inert_and_expire_across_restarts_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".workspace-mcp/attachments");
    std::fs::create_dir_all(&dir).unwrap();
    let hour = Duration::from_secs(3600);
    let expired = left_over(&dir, "invoice_4c1d2e3f-8d2a-4f5b-9c7d-1e2f3a4b5c6d.pdf", hour * 2);
    let foreign = left_over(&dir, "keep-me.pdf", hour * 24);
    let server = HttpServer::start(command(&sb, home.path())).await;
    for _ in 0..100 {
        if !expired.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!expired.exists(), "the start-up sweep removes expired files");
    assert!(foreign.exists(), "files the store did not name are left alone");

    let client = server.client().await;
    let png = wsmcp_sandbox_kit::assets::png(2, 2, |_, _| [200, 30, 30]);
    let sent = ok(
        &client,
        "send_gmail_message",
        json!({"to": "priya.shah@example.com", "subject": "Files", "body": "Three files.", "include_signature": false,
            "attachments": [
                {"content": b64(b"<script>alert(document.cookie)</script>"), "filename": "page.html", "mime_type": "text/html"},
                {"content": b64(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "filename": "logo.svg", "mime_type": "image/svg+xml"},
                {"content": b64(&png), "filename": "dot.png", "mime_type": "image/png"},
            ]}),
    )
    .await;
    let message_id = values_after(&sent, "Message ID: ").remove(0);
    let content = ok(&client, "get_gmail_message_content", json!({"message_id": message_id})).await;
    let ids = values_after(&content, "attachment_id: ");
    assert_eq!(ids.len(), 3, "{content}");
    let http = reqwest::Client::new();
    for (index, (expected_type, kind)) in
        [("text/html", "attachment"), ("image/svg+xml", "attachment"), ("image/png", "inline")].into_iter().enumerate()
    {
        let r = crate::harness::call(
            &client,
            "get_gmail_attachment_content",
            json!({"message_id": message_id, "attachment_id": ids[index], "attachment_index": index}),
        )
        .await;
        let link = r.content.iter().find_map(|c| c.as_resource_link()).expect("a resource_link").uri.clone();
        let download = http.get(&link).send().await.unwrap();
        assert_eq!(download.status(), 200, "{link}");
        let header = |name: &str| download.headers()[name].to_str().unwrap().to_string();
        assert_eq!(header("content-type"), expected_type);
        assert!(header("content-disposition").starts_with(kind), "{expected_type}: {}", header("content-disposition"));
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("cache-control"), "no-store");
    }
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// With WORKSPACE_MCP_DISABLE_LOCAL_FILES, send_gmail_message and draft_gmail_message no
/// longer offer a `path` source in their schemas, and a path is refused before anything is
/// sent, even inside ALLOWED_FILE_DIRS.
#[tokio::test]
async fn gmail_local_paths_follow_disable_local_files_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let allowed = home.path().join("shared");
    std::fs::create_dir_all(&allowed).unwrap();
    let file = allowed.join("notes.txt");
    std::fs::write(&file, "notes").unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_DISABLE_LOCAL_FILES", "true").env("ALLOWED_FILE_DIRS", &allowed);
    let client = stdio_client(cmd).await;
    let tools = client.list_all_tools().await.unwrap();
    for name in ["send_gmail_message", "draft_gmail_message"] {
        let tool = tools.iter().find(|t| t.name == name).unwrap();
        let attachments = serde_json::Value::Object((*tool.input_schema).clone())["properties"]["attachments"].clone();
        assert!(!attachments.to_string().contains("path"), "{name}: {attachments}");
        let e = err(
            &client,
            name,
            json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"path": file.to_str().unwrap()}]}),
        )
        .await;
        assert!(e.contains("Refused: attachments[0]: path reads a file on the server"), "{e}");
        assert!(e.contains("WORKSPACE_MCP_DISABLE_LOCAL_FILES"), "{e}");
    }
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty());
    assert!(requests_for(&sb, "gmail.users.drafts.create").is_empty());
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Behind a proxy the server checks what it can see before handing a URL over: literal
/// internal addresses (metadata service, private ranges, their IPv4-mapped and NAT64 forms)
/// are refused by Gmail and Drive, and the proxy never gets a connection.
#[tokio::test]
async fn internal_urls_are_refused_before_the_proxy_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = connections.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = proxy.accept().await {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let mut cmd = command(&sb, home.path());
    // The sandbox is reached directly; everything else would go through the proxy.
    cmd.env("HTTP_PROXY", &proxy_url).env("HTTPS_PROXY", &proxy_url).env("NO_PROXY", "127.0.0.1,localhost");
    let client = stdio_client(cmd).await;
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "https://10.20.30.40/report.pdf",
        "http://[::ffff:10.0.0.1]/x",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[2002:a00:1::]/x",
    ] {
        let e = err(
            &client,
            "send_gmail_message",
            json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"url": url}]}),
        )
        .await;
        assert!(e.contains("Refused: attachments[0]: will not fetch from"), "{url}: {e}");
        let e = err(&client, "create_drive_file", json!({"file_name": "x", "fileUrl": url})).await;
        assert!(e.contains("Refused: will not fetch from"), "{url}: {e}");
    }
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing reached the proxy");
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty());
    assert!(requests_for(&sb, "drive.files.create").is_empty());
    client.cancel().await.unwrap();
    assert_valid(&sb);
}
