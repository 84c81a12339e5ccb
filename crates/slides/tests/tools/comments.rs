//! list_presentation_comments and manage_presentation_comment through Drive's comments API.

use super::*;

#[tokio::test]
async fn list_create_reply_resolve_update_delete() {
    let env = Env::new().await;
    let deck = ids::KICKOFF_DECK;
    let listed = env.ok("list_presentation_comments", json!({"presentation_id": deck})).await;
    assert!(listed.starts_with("2 comment(s) on presentation"), "{listed}");
    assert!(listed.contains("by Marco Bianchi") && listed.contains("Munich offsite"), "{listed}");
    let req = env.last("drive.comments.list");
    assert!(req.query_param("fields").unwrap().contains("comments("), "fields are required by Drive");
    let one = env.ok("list_presentation_comments", json!({"presentation_id": deck, "max_comments": 1})).await;
    assert!(one.starts_with("1 comment(s)") && one.contains("raise max_comments"), "{one}");

    let created = env
        .ok(
            "manage_presentation_comment",
            json!({"presentation_id": deck, "action": "create",
            "comment_content": "Add the pilot dates"}),
        )
        .await;
    let id = id_after(&created, "Comment ");
    assert!(created.contains("by Alex Rivera (you)"), "{created}");
    assert_eq!(env.last("drive.comments.create").body.clone().unwrap(), json!({"content": "Add the pilot dates"}));
    env.ok(
        "manage_presentation_comment",
        json!({"presentation_id": deck, "action": "reply", "comment_id": id,
        "comment_content": "On it"}),
    )
    .await;
    env.ok("manage_presentation_comment", json!({"presentation_id": deck, "action": "resolve", "comment_id": id}))
        .await;
    assert_eq!(env.last("drive.replies.create").body.clone().unwrap(), json!({"action": "resolve"}));
    let updated = env
        .ok(
            "manage_presentation_comment",
            json!({"presentation_id": deck, "action": "update", "comment_id": id,
            "comment_content": "Add the pilot dates (September)"}),
        )
        .await;
    assert!(updated.contains("[resolved]") && updated.contains("Reply"), "{updated}");
    env.ok("manage_presentation_comment", json!({"presentation_id": deck, "action": "delete", "comment_id": id})).await;
    let after = env.ok("list_presentation_comments", json!({"presentation_id": deck})).await;
    assert!(after.starts_with("2 comment(s)") && !after.contains(&id), "{after}");
    env.done();
}

#[tokio::test]
async fn refusals_and_google_errors() {
    let env = Env::new().await;
    let deck = ids::KICKOFF_DECK;
    env.refused(
        "manage_presentation_comment",
        &[
            json!({"presentation_id": deck, "action": "create"}),
            json!({"presentation_id": deck, "action": "reply", "comment_content": "x"}),
            json!({"presentation_id": deck, "action": "delete"}),
            json!({"presentation_id": deck, "action": "pin", "comment_id": "c"}),
            json!({"action": "create", "comment_content": "x"}),
        ],
    )
    .await;
    env.refused("list_presentation_comments", &[json!({"presentation_id": deck, "max_comments": 0})]).await;
    // Marco's comment is not the user's to edit.
    let e = env
        .err(
            "manage_presentation_comment",
            json!({"presentation_id": deck, "action": "update",
            "comment_id": wsmcp_drive::sandbox::seed::comment_ids::DECK_TIMELINE, "comment_content": "x"}),
        )
        .await;
    assert_eq!(google_status(&e), Some(403), "{e}");
    let e = env.err("list_presentation_comments", json!({"presentation_id": "1NoSuchDeck"})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.done();
}
