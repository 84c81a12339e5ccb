//! Every Keep tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Keep (the sandbox) saw. Each test gets its
//! own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::json;
use wsmcp_core::ToolError;
use wsmcp_keep::sandbox::seed::*;
use wsmcp_sandbox_kit::Fault;
use wsmcp_testkit::{DirStore, Harness};

const USER: &str = "alex.rivera@example.com";

async fn env_as(user: &'static str, dir: &tempfile::TempDir) -> Harness {
    let handle =
        wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_keep::sandbox::emulation(user))).await;
    Harness::new(handle, user, wsmcp_keep::tools(), Arc::new(DirStore::new(dir.path().to_path_buf())))
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}

fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n']).next().unwrap().to_string()
}

#[tokio::test]
async fn notes_are_listed_with_previews_and_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    let out = env.ok("list_keep_notes", json!({})).await.text;
    assert!(out.starts_with(&format!("5 Keep note(s) for {USER}:")), "{out}");
    assert!(
        out.contains(&format!("- \"Atlas launch checklist\" (ID: notes/{LAUNCH_CHECKLIST}) | checklist 2/6 done")),
        "{out}"
    );
    assert!(out.contains("| Photo from Thursday's sync.") && out.contains("| 1 attachment(s)"), "{out}");
    assert_eq!(env.last("keep.notes.list").query_param("pageSize"), Some("25"));
    assert_eq!(env.last("keep.notes.list").query_param("filter"), None);

    let trash = env.ok("list_keep_notes", json!({"trashed": true, "page_size": 10})).await.text;
    assert!(
        trash.starts_with(&format!("1 Keep note(s) in the trash for {USER}:")) && trash.contains("| in trash"),
        "{trash}"
    );
    assert_eq!(env.last("keep.notes.list").query_param("filter"), Some("trashed = true"));

    let page = env.ok("list_keep_notes", json!({"page_size": 2})).await.text;
    let token = id_after(&page, "page_token: ");
    env.ok("list_keep_notes", json!({"page_size": 2, "page_token": token})).await;
    assert_eq!(env.last("keep.notes.list").query_param("pageToken"), Some(token.as_str()));

    let note = env.ok("get_keep_note", json!({"note_id": LAUNCH_CHECKLIST})).await.text;
    assert!(note.contains("- [ ] Send beta invites\n  - [x] Draft invite email\n"), "{note}");
    assert!(note.contains("Access: alex.rivera@example.com (owner), priya.shah@example.com (writer)"), "{note}");
    assert_eq!(env.last("keep.notes.get").path, format!("/v1/notes/{LAUNCH_CHECKLIST}"));
    env.done();
}

#[tokio::test]
async fn reading_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    env.refused("list_keep_notes", &[json!({"page_size": 0}), json!({"updated_after": "yesterday"})]).await;
    env.refused("get_keep_note", &[json!({"note_id": " "}), json!({"note_id": "notes/a/b"})]).await;
    let e = env.err("get_keep_note", json!({"note_id": "notes/nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.inject(Fault::status("/v1/notes", 503));
    env.inject(Fault::status("/v1/notes", 503));
    env.inject(Fault::status("/v1/notes", 503));
    env.inject(Fault::status("/v1/notes", 503));
    let e = env.err("list_keep_notes", json!({})).await;
    assert!(is_google(&e, 503), "{e}");
    env.done();
}

#[tokio::test]
async fn a_checklist_is_created_then_listed_then_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    let args = json!({"title": "Demo day", "checklist": [
        {"text": "Book room", "checked": true},
        {"text": "Slides", "children": [{"text": "Intro 🚀"}]}
    ]});
    let out = env.ok("create_keep_note", args).await.text;
    assert!(out.contains("Checklist:\n- [x] Book room\n- [ ] Slides\n  - [ ] Intro 🚀\n"), "{out}");
    let id = id_after(&out, "(ID: ");
    let sent = env.last("keep.notes.create").body.unwrap();
    assert_eq!(sent["body"]["list"]["listItems"][1]["childListItems"][0]["text"]["text"], "Intro 🚀");
    let listed = env.ok("list_keep_notes", json!({})).await.text;
    assert!(listed.contains(&format!("\"Demo day\" (ID: {id}) | checklist 1/3 done")), "{listed}");

    let out = env.ok("delete_keep_note", json!({"note_id": id})).await.text;
    assert!(out.contains("cannot be restored"), "{out}");
    assert_eq!(env.last("keep.notes.delete").path, format!("/v1/{id}"));
    let e = env.err("get_keep_note", json!({"note_id": id})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn creating_and_deleting_refuse_what_keep_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    env.refused(
        "create_keep_note",
        &[
            json!({}),
            json!({"text": "a", "checklist": [{"text": "b"}]}),
            json!({"checklist": [{"text": ""}]}),
            json!({"title": "x".repeat(1001)}),
        ],
    )
    .await;
    let out = env.ok("create_keep_note", json!({"text": "Call Northwind about the pilot"})).await.text;
    assert!(out.contains("Text:\nCall Northwind about the pilot"), "{out}");
    let e = env.err("delete_keep_note", json!({"note_id": HIRING_QUESTIONS})).await;
    assert!(is_google(&e, 403), "only Priya may delete her note: {e}");
    env.done();
}

#[tokio::test]
async fn attachments_are_saved_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    let out =
        env.ok("download_keep_attachment", json!({"note_id": WHITEBOARD, "attachment_id": WHITEBOARD_PHOTO})).await;
    assert!(out.text.contains("Type: image/png"), "{}", out.text);
    assert_eq!(std::fs::read(&out.files[0].path).unwrap(), whiteboard_png());
    assert_eq!(out.images.len(), 1, "a small image is shown inline");
    let media = env.last("keep.media.download");
    assert_eq!((media.query_param("alt"), media.query_param("mimeType")), (Some("media"), Some("image/png")));

    let e = env.err("download_keep_attachment", json!({"note_id": WHITEBOARD, "attachment_id": "nope"})).await;
    assert!(e.to_string().contains(WHITEBOARD_PHOTO), "names the real attachments: {e}");
    let e = env
        .err(
            "download_keep_attachment",
            json!({"note_id": WHITEBOARD, "attachment_id": WHITEBOARD_PHOTO, "mime_type": "image/gif"}),
        )
        .await;
    assert!(e.to_string().contains("image/png"), "{e}");
    env.done();
}

#[tokio::test]
async fn sharing_is_one_request_each_way() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as(USER, &dir).await;
    let args = json!({"note_id": OFFSITE_IDEAS, "action": "add", "emails": ["Lena.Fischer@example.com", "marco.bianchi@example.com"]});
    let out = env.ok("manage_keep_note_sharing", args).await.text;
    assert!(out.contains("lena.fischer@example.com, marco.bianchi@example.com (can edit)"), "{out}");
    assert_eq!(env.requests("keep.notes.permissions.batchCreate").len(), 1);
    let sent = env.last("keep.notes.permissions.batchCreate").body.unwrap();
    assert_eq!(sent["requests"][0]["permission"], json!({"email": "lena.fischer@example.com", "role": "WRITER"}));

    let args = json!({"note_id": OFFSITE_IDEAS, "action": "remove", "emails": ["lena.fischer@example.com"]});
    env.ok("manage_keep_note_sharing", args).await;
    assert_eq!(env.last("keep.notes.permissions.batchDelete").body.unwrap()["names"].as_array().unwrap().len(), 1);
    let note = env.ok("get_keep_note", json!({"note_id": OFFSITE_IDEAS})).await.text;
    assert!(!note.contains("lena") && note.contains("marco.bianchi@example.com (writer)"), "{note}");

    env.refused("manage_keep_note_sharing", &[json!({"note_id": OFFSITE_IDEAS, "action": "add", "emails": []})]).await;
    let e = env
        .err("manage_keep_note_sharing", json!({"note_id": OFFSITE_IDEAS, "action": "remove", "emails": [USER]}))
        .await;
    assert!(e.to_string().contains("owner"), "{e}");
    let e = env
        .err(
            "manage_keep_note_sharing",
            json!({"note_id": OFFSITE_IDEAS, "action": "remove", "emails": ["nobody@example.com"]}),
        )
        .await;
    assert!(e.to_string().contains("not shared with nobody@example.com"), "{e}");
    env.done();
}

#[tokio::test]
async fn a_consumer_account_is_told_keep_needs_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_as("alex.rivera@gmail.com", &dir).await;
    let e = env.err("list_keep_notes", json!({})).await;
    assert!(is_google(&e, 403), "{e}");
    let text = e.to_string();
    assert!(text.contains("Google Workspace accounts only") && text.contains("alex.rivera@gmail.com"), "{text}");
    env.done();
}
