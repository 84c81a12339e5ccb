//! Stateless mode (`WORKSPACE_MCP_STATELESS_MODE=true`): refused without OAuth 2.1, with
//! `--single-user` or with the disk store; otherwise `/mcp` keeps no sessions (an initialize
//! gets no `Mcp-Session-Id`, GET is 405) for either protocol revision, local-file parameters
//! are gone, files come back inline up to the cap, and nothing is written under `HOME`.

use std::process::Stdio;

use base64::Engine as _;
use rmcp::model::{CallToolResult, ContentBlock, ResourceContents};
use serde_json::{Value, json};
use wsmcp_drive::sandbox::seed::ids;

use crate::drive::media;
use crate::harness::{BIN, HttpServer, USER, assert_valid, call, command, ok, sandbox, text, values_after};
use crate::oauth_client::{bearer_client, reply_json, sign_in, stateless};

/// The binary's exit code and stderr for a configuration that must not start.
async fn refused(vars: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new(BIN)
        .args(["--sandbox", "--transport", "streamable-http"])
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("PORT", crate::harness::free_port().to_string())
        .envs(vars.iter().copied())
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();
    assert!(std::fs::read_dir(home.path()).unwrap().next().is_none(), "a refused start wrote under HOME");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test]
async fn stateless_mode_refuses_what_it_cannot_honour() {
    let on = ("WORKSPACE_MCP_STATELESS_MODE", "true");
    let oauth21 = ("MCP_ENABLE_OAUTH21", "true");
    let (code, stderr) = refused(&[on], &[]).await;
    assert!(code != 0 && stderr.contains("WORKSPACE_MCP_STATELESS_MODE needs MCP_ENABLE_OAUTH21=true"), "{stderr}");
    let (code, stderr) = refused(&[on, ("MCP_ENABLE_OAUTH21", "false")], &[]).await;
    assert!(code != 0 && stderr.contains("needs MCP_ENABLE_OAUTH21=true"), "{stderr}");
    let (code, stderr) = refused(&[on, oauth21], &["--single-user"]).await;
    assert!(code != 0 && stderr.contains("--single-user"), "{stderr}");
    let (code, stderr) = refused(&[on, oauth21, ("MCP_SINGLE_USER_MODE", "1")], &[]).await;
    assert!(code != 0 && stderr.contains("WORKSPACE_MCP_STATELESS_MODE"), "{stderr}");
    let (code, stderr) = refused(&[on, oauth21, ("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", "disk")], &[]).await;
    assert!(code != 0 && stderr.contains("STORAGE_BACKEND=disk cannot be used"), "{stderr}");
    let (code, stderr) = refused(&[on, oauth21, ("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES", "ten")], &[]).await;
    assert!(code != 0 && stderr.contains("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES 'ten'"), "{stderr}");
}

/// The one embedded resource of a result.
fn embedded(result: &CallToolResult) -> &ResourceContents {
    let found: Vec<&ResourceContents> = result
        .content
        .iter()
        .filter_map(|c| match c {
            ContentBlock::Resource(e) => Some(&e.resource),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one embedded resource expected: {:#?}", result.content);
    assert!(result.content.iter().all(|c| c.as_resource_link().is_none()), "no link to this replica's disk");
    found[0]
}

/// Every path under `dir`, for the message when something was written.
fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        out.push(entry.path().display().to_string());
        if entry.file_type().unwrap().is_dir() {
            out.extend(tree(&entry.path()));
        }
    }
    out
}

#[tokio::test]
async fn stateless_mode_keeps_no_sessions_and_writes_nothing() {
    let sb = sandbox().await;
    // Four files Drive serves as they are: the cap is the second largest, so it comes back
    // whole and the largest is refused.
    let mut files = Vec::new();
    for id in [ids::ROADMAP_PDF, ids::COST_MODEL_XLSX, ids::PITCH_PPTX, ids::REQUIREMENTS_DOCX] {
        files.push((media(&sb, id).await, id));
    }
    files.sort_by_key(|(bytes, _)| bytes.len());
    let (largest, largest_id) = files.pop().unwrap();
    let (fits, fits_id) = files.pop().unwrap();
    assert!(largest.len() > fits.len(), "the seed's files differ in size");

    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("MCP_ENABLE_OAUTH21", "true")
        .env("WORKSPACE_MCP_STATELESS_MODE", "true")
        .env("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES", fits.len().to_string())
        .env("WORKSPACE_MCP_HOST", "127.0.0.1")
        .env("WORKSPACE_MCP_TOOLS", "gmail drive");
    let server = HttpServer::start(cmd).await;
    let (tokens, _) = sign_in(&server).await;
    let access = tokens["access_token"].as_str().unwrap();

    // A 2025-11-25 initialize is answered, in JSON, with no session id; GET has nothing to offer.
    let http = reqwest::Client::new();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}});
    let r = http
        .post(server.url("/mcp"))
        .bearer_auth(access)
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("mcp-session-id").is_none(), "a stateless server hands out no session id");
    let reply: Value = reply_json(r).await;
    assert_eq!(reply["result"]["protocolVersion"], "2025-11-25", "{reply}");
    let r =
        http.get(server.url("/mcp")).bearer_auth(access).header("accept", "text/event-stream").send().await.unwrap();
    assert_eq!(r.status(), 405);

    // rmcp's client over 2025-11-25: no local-file parameters, files inline.
    let client = bearer_client(&server, access).await;
    let tools = client.list_all_tools().await.unwrap();
    // update_drive_file and the import_to_google_* tools take a file_path elsewhere.
    assert!(tools.iter().any(|t| t.name == "update_drive_file"));
    for t in &tools {
        assert!(
            t.input_schema.get("properties").and_then(|p| p.get("file_path")).is_none(),
            "{} has file_path",
            t.name
        );
    }

    let r = call(&client, "get_drive_file_download_url", json!({"file_id": fits_id})).await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    let ResourceContents::BlobResourceContents { uri, blob, mime_type, .. } = embedded(&r) else {
        panic!("a binary file is a blob: {:#?}", r.content);
    };
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(blob).unwrap(), fits, "the file, byte for byte");
    assert!(mime_type.is_some() && text(&r).contains(&format!("Location: embedded in this result as {uri}")));
    assert!(!text(&r).contains("/attachments/") && !text(&r).contains("expires"), "{}", text(&r));

    let csv = call(
        &client,
        "get_drive_file_download_url",
        json!({"file_id": ids::ATLAS_BUDGET_SHEET, "export_format": "csv"}),
    )
    .await;
    let ResourceContents::TextResourceContents { text: body, mime_type, .. } = embedded(&csv) else {
        panic!("a CSV export is text: {:#?}", csv.content);
    };
    assert_eq!(mime_type.as_deref(), Some("text/csv"));
    assert!(body.lines().count() > 1 && body.contains(','), "{body}");

    let r = call(&client, "get_drive_file_download_url", json!({"file_id": largest_id})).await;
    let refusal = text(&r);
    assert_eq!(r.is_error, Some(true), "{refusal}");
    assert!(
        refusal.contains(&format!("{} bytes", largest.len()))
            && refusal.contains(&format!("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES = {} bytes", fits.len())),
        "{refusal}"
    );
    // A mail attachment comes back inline too.
    let note = "stateless attachment: ünïcode and all";
    let sent = ok(
        &client,
        "send_gmail_message",
        json!({"to": USER, "subject": "inline", "body": "see attached",
            "attachments": [{"content": base64::engine::general_purpose::STANDARD.encode(note), "filename": "note.txt", "mime_type": "text/plain"}]}),
    )
    .await;
    let message_id = values_after(&sent, "Message ID: ").remove(0);
    let content = ok(&client, "get_gmail_message_content", json!({"message_id": message_id})).await;
    let attachment_id = values_after(&content, "attachment_id: ").remove(0);
    let r = call(
        &client,
        "get_gmail_attachment_content",
        json!({"message_id": message_id, "attachment_id": attachment_id, "attachment_index": 0}),
    )
    .await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    let ResourceContents::TextResourceContents { text: body, .. } = embedded(&r) else {
        panic!("a text attachment is text: {:#?}", r.content);
    };
    assert_eq!(body, note);
    client.cancel().await.unwrap();

    // A 2026-07-28 request alike.
    let r = stateless(&server, Some(access), "tools/call", json!({"name": "list_gmail_labels", "arguments": {}})).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert_ne!(reply_json(r).await["result"]["isError"], true);
    let r = http.get(server.url(&format!("/attachments/{}", uuid_like()))).send().await.unwrap();
    assert_eq!(r.status(), 404, "no replica serves saved files");

    assert_eq!(tree(home.path()), Vec::<String>::new(), "stateless mode wrote under HOME");
    assert_valid(&sb);
}

fn uuid_like() -> &'static str {
    "0b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d"
}
