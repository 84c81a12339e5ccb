//! list_document_comments and manage_document_comment through Drive's comments API.

use wsmcp_drive::sandbox::seed::comment_ids;

use super::*;

#[tokio::test]
async fn list_and_manage_a_thread() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let listed = env.ok("list_document_comments", json!({"document_id": doc})).await;
    assert!(listed.starts_with("2 comment(s) on document"), "{listed}");
    assert!(listed.contains(comment_ids::PLAN_MILESTONES) && listed.contains("mid-August"), "{listed}");
    assert!(env.last("drive.comments.list").path.ends_with(&format!("/files/{doc}/comments")));
    let one = env.ok("list_document_comments", json!({"document_id": doc, "max_comments": 1})).await;
    assert!(one.starts_with("1 comment(s)"), "{one}");
    let created = env
        .ok(
            "manage_document_comment",
            json!({"document_id": doc, "action": "create", "comment_content": "Add the Lisbon offsite"}),
        )
        .await;
    let id = id_after(&created, "Comment ");
    assert_eq!(env.last("drive.comments.create").body.clone().unwrap(), json!({"content": "Add the Lisbon offsite"}));
    env.ok(
        "manage_document_comment",
        json!({"document_id": doc, "action": "reply", "comment_id": id, "comment_content": "Done"}),
    )
    .await;
    env.ok("manage_document_comment", json!({"document_id": doc, "action": "resolve", "comment_id": id})).await;
    assert_eq!(env.last("drive.replies.create").body.clone().unwrap(), json!({"action": "resolve"}));
    let updated = env
        .ok(
            "manage_document_comment",
            json!({"document_id": doc, "action": "update", "comment_id": id, "comment_content": "Add the offsite"}),
        )
        .await;
    assert!(updated.contains("Add the offsite"), "{updated}");
    env.ok("manage_document_comment", json!({"document_id": doc, "action": "delete", "comment_id": id})).await;
    let after = env.ok("list_document_comments", json!({"document_id": doc})).await;
    assert!(after.starts_with("2 comment(s)") && !after.contains(&id), "{after}");
    env.done();
}

#[tokio::test]
async fn comment_errors() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    env.refused(
        "manage_document_comment",
        &[
            json!({"document_id": doc, "action": "create"}),
            json!({"document_id": doc, "action": "reply", "comment_content": "x"}),
            json!({"document_id": doc, "action": "pin", "comment_id": "c"}),
        ],
    )
    .await;
    env.refused("list_document_comments", &[json!({"document_id": doc, "max_comments": 0})]).await;
    // Priya's comment is not the user's to edit.
    let e = env
        .err(
            "manage_document_comment",
            json!({"document_id": doc, "action": "update", "comment_id": comment_ids::PLAN_MILESTONES, "comment_content": "x"}),
        )
        .await;
    assert!(is_google(&e, 403), "{e}");
    let e = env.err("list_document_comments", json!({"document_id": "1NoSuchDocument"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
