//! Comments and replies: `fields` required, the seeded threads, create/update/delete with
//! tombstones and `includeDeleted`, resolve by reply, paging, who may comment and see.

use serde_json::json;

use crate::support::{ids, start};
use wsmcp_drive::sandbox::seed::comment_ids;

const FIELDS: &str = "fields=*";

fn path(file: &str, rest: &str) -> String {
    format!("/drive/v3/files/{file}/comments{rest}")
}

#[tokio::test]
async fn fields_are_required_and_the_seed_is_there() {
    let d = start().await;
    let r = d.get(&path(ids::ATLAS_KICKOFF_SLIDES, "")).await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.json()["error"]["message"], "The 'fields' parameter is required for this operation.");
    let list = d.ok(&path(ids::ATLAS_KICKOFF_SLIDES, "?fields=comments(id,content,author(displayName,me))")).await;
    let comments = list["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["id"], comment_ids::DECK_TIMELINE);
    assert_eq!(comments[0]["author"], json!({"displayName": "Marco Bianchi", "me": false}));
    let plan = d.ok(&path(ids::ATLAS_PLAN_DOC, &format!("/{}?{FIELDS}", comment_ids::PLAN_RISKS))).await;
    assert_eq!(plan["resolved"], true);
    assert_eq!(plan["replies"][0]["action"], "resolve");
    let budget = d.ok(&path(ids::ATLAS_BUDGET_SHEET, "?fields=comments(id)")).await;
    assert_eq!(budget["comments"].as_array().unwrap().len(), 1);
    d.assert_valid();
}

#[tokio::test]
async fn create_update_reply_resolve_delete() {
    let d = start().await;
    let file = ids::ATLAS_KICKOFF_SLIDES;
    let r = d
        .post(
            &path(file, "?fields=id,content,anchor,author(me)"),
            json!({"content": "Add a <demo> slide", "anchor": "{\"r\":\"p1\"}"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let c = r.json();
    assert_eq!((c["content"].as_str(), c["anchor"].as_str()), (Some("Add a <demo> slide"), Some("{\"r\":\"p1\"}")));
    assert_eq!(c["author"]["me"], true);
    let id = c["id"].as_str().unwrap().to_string();

    let r = d
        .patch(&path(file, &format!("/{id}?fields=content,htmlContent")), json!({"content": "Add a demo slide"}))
        .await;
    assert_eq!(r.json(), json!({"content": "Add a demo slide", "htmlContent": "Add a demo slide"}));
    let r = d.post(&path(file, &format!("/{id}/replies?fields=id,action")), json!({"action": "resolve"})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["action"], "resolve");
    let got = d.ok(&path(file, &format!("/{id}?fields=resolved,replies(action)"))).await;
    assert_eq!(got, json!({"resolved": true, "replies": [{"action": "resolve"}]}));
    let replies = d.ok(&path(file, &format!("/{id}/replies?fields=replies(id)"))).await;
    assert_eq!(replies["replies"].as_array().unwrap().len(), 1);

    assert_eq!(d.delete(&path(file, &format!("/{id}"))).await.status, 204);
    assert_eq!(d.get(&path(file, &format!("/{id}?{FIELDS}"))).await.status, 404);
    let tomb = d.ok(&path(file, &format!("/{id}?includeDeleted=true&fields=deleted,content"))).await;
    assert_eq!(tomb, json!({"deleted": true}));
    let live = d.ok(&path(file, "?fields=comments(id)")).await;
    assert_eq!(live["comments"].as_array().unwrap().len(), 2);
    d.assert_valid();
}

#[tokio::test]
async fn refusals_and_paging() {
    let d = start().await;
    // Not the author: Marco's comment cannot be edited or deleted by the user.
    let other = path(ids::ATLAS_KICKOFF_SLIDES, &format!("/{}", comment_ids::DECK_TIMELINE));
    assert_eq!(d.patch(&format!("{other}?{FIELDS}"), json!({"content": "x"})).await.status, 403);
    assert_eq!(d.delete(&other).await.status, 403);
    // Unknown comment, invisible file, reader-only file.
    let r = d.get(&path(ids::ATLAS_KICKOFF_SLIDES, &format!("/nope?{FIELDS}"))).await;
    assert_eq!((r.status, r.json()["error"]["message"].as_str()), (404, Some("Comment not found: nope.")));
    assert_eq!(d.get(&path(ids::PRIYA_PRIVATE_DOC, &format!("?{FIELDS}"))).await.status, 404);
    let r = d.post(&path(ids::TRAVEL_POLICY_DOC, &format!("?{FIELDS}")), json!({"content": "hi"})).await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(d.post(&path(ids::ATLAS_PLAN_DOC, &format!("?{FIELDS}")), json!({})).await.status, 400);
    // Commenters may comment.
    let r = d.post(&path(ids::MOCKUPS_PNG, &format!("?{FIELDS}")), json!({"content": "Nice"})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // Paging through the plan's two threads one at a time.
    let first = d.ok(&path(ids::ATLAS_PLAN_DOC, "?pageSize=1&fields=nextPageToken,comments(id)")).await;
    assert_eq!(first["comments"][0]["id"], comment_ids::PLAN_MILESTONES);
    let token = first["nextPageToken"].as_str().unwrap();
    let second = d
        .ok(&path(ids::ATLAS_PLAN_DOC, &format!("?pageSize=1&pageToken={token}&fields=nextPageToken,comments(id)")))
        .await;
    assert_eq!(second, json!({"comments": [{"id": comment_ids::PLAN_RISKS}]}));
    d.assert_valid();
}
