//! spaces.list/get, messages.list (filters, order, paging) and messages.get.

use serde_json::json;
use wsmcp_testkit::enc;

use crate::support::*;

#[tokio::test]
async fn spaces_are_the_users_own_and_filter_by_type() {
    let api = start().await;
    let all = api.ok("/spaces").await;
    let names: Vec<_> = all["spaces"].as_array().unwrap().iter().map(|s| s["name"].clone()).collect();
    assert_eq!(names, [json!(ATLAS_TEAM), json!(DM_PRIYA), json!(LUNCH_GROUP)]);
    assert_eq!(all["spaces"][0]["displayName"], "Atlas team");
    assert_eq!(all["spaces"][0]["spaceType"], "SPACE");
    let dms = api.ok(&format!("/spaces?filter={}", enc("spaceType = \"DIRECT_MESSAGE\""))).await;
    assert_eq!(dms["spaces"].as_array().unwrap().len(), 1);
    assert_eq!(dms["spaces"][0]["name"], DM_PRIYA);
    let (status, body) = api.get(&format!("/spaces?filter={}", enc("displayName = \"Atlas\""))).await;
    assert_eq!(status, 400, "{body}");
    let page = api.ok("/spaces?pageSize=2").await;
    assert_eq!(page["spaces"].as_array().unwrap().len(), 2);
    let token = page["nextPageToken"].as_str().unwrap();
    let rest = api.ok(&format!("/spaces?pageSize=2&pageToken={token}")).await;
    assert_eq!(rest["spaces"][0]["name"], LUNCH_GROUP);
    // A space Alex is not in is not found, as Google answers.
    assert_eq!(api.get(&format!("/{FINANCE}")).await.0, 404);
    assert_eq!(api.ok(&format!("/{ATLAS_TEAM}")).await["displayName"], "Atlas team");
    api.assert_valid();
}

#[tokio::test]
async fn messages_come_oldest_first_unless_asked_and_filter_by_time_and_thread() {
    let api = start().await;
    let oldest = api.texts(&format!("/{ATLAS_TEAM}/messages")).await;
    assert_eq!(oldest.len(), 6);
    assert!(oldest[0].starts_with("Kickoff notes"), "{oldest:?}");
    let newest = api.texts(&format!("/{ATLAS_TEAM}/messages?orderBy={}", enc("createTime desc"))).await;
    assert!(newest[0].starts_with("Staging deploy"), "{newest:?}");
    let thread =
        api.texts(&format!("/{ATLAS_TEAM}/messages?filter={}", enc(&format!("thread.name = {KICKOFF_THREAD}")))).await;
    assert_eq!(thread.len(), 3);
    let since = (wsmcp_testkit::now() - chrono::Duration::hours(30)).to_rfc3339();
    let recent =
        api.texts(&format!("/{ATLAS_TEAM}/messages?filter={}", enc(&format!("createTime > \"{since}\"")))).await;
    assert_eq!(recent.len(), 2, "{recent:?}");
    let (status, body) = api.get(&format!("/{ATLAS_TEAM}/messages?filter={}", enc("text = \"Atlas\""))).await;
    assert_eq!((status, body["error"]["status"].as_str()), (400, Some("INVALID_ARGUMENT")));
    let (status, _) = api.get(&format!("/{ATLAS_TEAM}/messages?orderBy={}", enc("updateTime desc"))).await;
    assert_eq!(status, 400);
    let page = api.ok(&format!("/{ATLAS_TEAM}/messages?pageSize=4")).await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 4);
    let next = api
        .ok(&format!("/{ATLAS_TEAM}/messages?pageSize=4&pageToken={}", page["nextPageToken"].as_str().unwrap()))
        .await;
    assert_eq!(next["messages"].as_array().unwrap().len(), 2);
    assert_eq!(api.get(&format!("/{FINANCE}/messages")).await.0, 404);
    api.assert_valid();
}

#[tokio::test]
async fn a_message_carries_its_thread_reactions_and_attachment() {
    let api = start().await;
    let m = api.ok(&format!("/{DIAGRAM}")).await;
    assert_eq!(m["sender"], json!({"name": LENA, "type": "HUMAN"}));
    assert_eq!(m["thread"]["name"], format!("{ATLAS_TEAM}/threads/diagramThr1"));
    assert_eq!(
        m["emojiReactionSummaries"],
        json!([
            {"emoji": {"unicode": "👍"}, "reactionCount": 1},
            {"emoji": {"unicode": "🎉"}, "reactionCount": 1}
        ])
    );
    assert_eq!(m["attachment"][0]["contentName"], DIAGRAM_FILE);
    assert_eq!(m["attachment"][0]["attachmentDataRef"]["resourceName"], DIAGRAM_RESOURCE);
    let reply = api.ok(&format!("/{ATLAS_TEAM}/messages/kickoffThr1.kickoffRe01")).await;
    assert_eq!(reply["threadReply"], true);
    assert_eq!(api.get(&format!("/{ATLAS_TEAM}/messages/nope.nope")).await.0, 404);
    api.assert_valid();
}
