//! list_spreadsheet_comments and manage_spreadsheet_comment through Drive's comments API.

use super::*;
use wsmcp_drive::sandbox::seed::comment_ids::BUDGET_CLOUD;

#[tokio::test]
async fn comments_listed_created_on_a_cell_replied_resolved_and_deleted() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    let listed = env.ok("list_spreadsheet_comments", json!({"spreadsheet_id": id})).await;
    assert!(listed.starts_with("1 comment(s) on spreadsheet"), "{listed}");
    assert!(listed.contains(BUDGET_CLOUD) && listed.contains("Cloud costs look low"), "{listed}");

    let created = env
        .ok(
            "manage_spreadsheet_comment",
            json!({"spreadsheet_id": id, "action": "create", "comment_content": "Check the offsite invoice",
                "cell": "Budget!C3"}),
        )
        .await;
    let body = env.last("drive.comments.create").body.unwrap();
    let anchor: Value = serde_json::from_str(body["anchor"].as_str().unwrap()).unwrap();
    assert_eq!(anchor, json!({"type": "workbook-range", "sheet": "Budget", "range": "C3"}));
    let cid = id_after(&created, "Comment ");
    env.ok(
        "manage_spreadsheet_comment",
        json!({"spreadsheet_id": id, "action": "reply", "comment_id": cid, "comment_content": "Hotel invoice attached"}),
    )
    .await;
    env.ok("manage_spreadsheet_comment", json!({"spreadsheet_id": id, "action": "resolve", "comment_id": cid})).await;
    let listed = env.ok("list_spreadsheet_comments", json!({"spreadsheet_id": id})).await;
    assert!(listed.starts_with("2 comment(s)") && listed.contains("Hotel invoice attached"), "{listed}");
    env.ok("manage_spreadsheet_comment", json!({"spreadsheet_id": id, "action": "delete", "comment_id": cid})).await;
    let listed = env.ok("list_spreadsheet_comments", json!({"spreadsheet_id": id})).await;
    assert!(listed.starts_with("1 comment(s)") && !listed.contains(&cid), "{listed}");
    env.done();
}

#[tokio::test]
async fn comment_refusals_and_google_errors() {
    let env = Env::new().await;
    let id = ATLAS_BUDGET_SHEET;
    env.refused(
        "manage_spreadsheet_comment",
        &[
            json!({"spreadsheet_id": id, "action": "create", "comment_content": "x", "cell": "Budget!A1:B2"}),
            json!({"spreadsheet_id": id, "action": "create", "comment_content": "x", "cell": "Budget!A0"}),
            json!({"spreadsheet_id": id, "action": "reply", "comment_id": BUDGET_CLOUD, "comment_content": "x", "cell": "A1"}),
            json!({"spreadsheet_id": id, "action": "create"}),
            json!({"spreadsheet_id": id, "action": "pin", "comment_id": "c"}),
        ],
    )
    .await;
    let e = env
        .err(
            "manage_spreadsheet_comment",
            json!({"spreadsheet_id": id, "action": "update", "comment_id": BUDGET_CLOUD, "comment_content": "x"}),
        )
        .await;
    assert!(is_google(&e, 403), "Priya's comment is not the user's to edit: {e}");
    let e = env.err("list_spreadsheet_comments", json!({"spreadsheet_id": "1NoSuchSheet"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
