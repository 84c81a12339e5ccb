//! The 6 Keep tools through the real binary over stdio, against the seeded notes of
//! alex.rivera@example.com: a checklist created, listed, shared, unshared and deleted, the
//! whiteboard photo downloaded (saved and shown as image content), and an error path per tool.

use serde_json::json;
use wsmcp_keep::sandbox::seed::{HIRING_QUESTIONS, LAUNCH_CHECKLIST, WHITEBOARD, WHITEBOARD_PHOTO};

use crate::harness::{USER, assert_valid, call, command, err, ok, requests_for, sandbox, stdio_client, text};

fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_keep_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let listed = ok(&client, "list_keep_notes", json!({})).await;
    assert!(listed.starts_with(&format!("5 Keep note(s) for {USER}:")), "{listed}");
    let note = ok(&client, "get_keep_note", json!({"note_id": format!("notes/{LAUNCH_CHECKLIST}")})).await;
    assert!(note.contains("- [x] Confirm Northwind pilot date"), "{note}");

    // Round trip: a checklist created, then listed and read back.
    let made = ok(
        &client,
        "create_keep_note",
        json!({"title": "Pilot week", "checklist": [
            {"text": "Kickoff call"}, {"text": "Collect feedback", "children": [{"text": "Survey 📋", "checked": true}]}
        ]}),
    )
    .await;
    let id = id_after(&made, "(ID: ");
    let listed = ok(&client, "list_keep_notes", json!({"page_size": 3})).await;
    assert!(listed.contains(&format!("\"Pilot week\" (ID: {id}) | checklist 1/3 done")), "{listed}");
    let read = ok(&client, "get_keep_note", json!({"note_id": id})).await;
    assert!(read.contains("  - [x] Survey 📋"), "{read}");

    // Sharing: one request to add two people, one to remove one.
    let args =
        json!({"note_id": id, "action": "add", "emails": ["priya.shah@example.com", "marco.bianchi@example.com"]});
    ok(&client, "manage_keep_note_sharing", args).await;
    let args = json!({"note_id": id, "action": "remove", "emails": ["marco.bianchi@example.com"]});
    ok(&client, "manage_keep_note_sharing", args).await;
    assert_eq!(requests_for(&sb, "keep.notes.permissions.batchCreate").len(), 1);
    assert_eq!(requests_for(&sb, "keep.notes.permissions.batchDelete").len(), 1);
    let read = ok(&client, "get_keep_note", json!({"note_id": id})).await;
    assert!(read.contains("priya.shah@example.com (writer)") && !read.contains("marco"), "{read}");

    // The whiteboard photo: saved, linked and shown.
    let r =
        call(&client, "download_keep_attachment", json!({"note_id": WHITEBOARD, "attachment_id": WHITEBOARD_PHOTO}))
            .await;
    assert_ne!(r.is_error, Some(true), "{}", text(&r));
    assert!(r.content.iter().any(|c| c.as_image().is_some_and(|i| i.mime_type == "image/png")), "{r:?}");
    assert!(text(&r).contains("Type: image/png"), "{}", text(&r));

    let out = ok(&client, "delete_keep_note", json!({"note_id": id})).await;
    assert!(out.contains(&id), "{out}");
    assert_eq!(requests_for(&sb, "keep.notes.delete")[0].path, format!("/v1/{id}"));

    // An error path per tool.
    let e = err(&client, "get_keep_note", json!({"note_id": id})).await;
    assert!(e.contains("404"), "deleted for good: {e}");
    let e = err(&client, "delete_keep_note", json!({"note_id": HIRING_QUESTIONS})).await;
    assert!(e.contains("403"), "only the owner deletes: {e}");
    let e = err(&client, "download_keep_attachment", json!({"note_id": WHITEBOARD, "attachment_id": "nope"})).await;
    assert!(e.contains(WHITEBOARD_PHOTO), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "list_keep_notes", json!({"page_size": 0})).await;
    assert!(e.contains("page_size"), "{e}");
    let e = err(&client, "create_keep_note", json!({"text": "a", "checklist": [{"text": "b"}]})).await;
    assert!(e.contains("either text or checklist"), "{e}");
    let e = err(&client, "manage_keep_note_sharing", json!({"note_id": WHITEBOARD, "action": "add", "emails": ["x"]}))
        .await;
    assert!(e.contains("not an email address"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
