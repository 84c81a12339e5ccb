//! messages.create (threads, reply options, requestId), messages.patch, reactions.create
//! and media.download.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn a_send_starts_a_thread_or_replies_by_key_or_name() {
    let api = start().await;
    let path = format!("/{ATLAS_TEAM}/messages");
    let (status, first) = api.post(&format!("{path}?requestId=r1"), json!({"text": "Release notes drafted."})).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["sender"]["name"], ALEX);
    assert!(first.get("threadReply").is_none());
    // The same requestId again is the same message, not a second one.
    let (_, again) = api.post(&format!("{path}?requestId=r1"), json!({"text": "Release notes drafted."})).await;
    assert_eq!(again["name"], first["name"]);
    assert_eq!(api.texts(&path).await.iter().filter(|t| *t == "Release notes drafted.").count(), 1);

    // A key starts a thread the first time and replies to it the second.
    let keyed = |text: &str| json!({"text": text, "thread": {"threadKey": "atlas-release"}});
    let fallback = format!("{path}?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
    let (_, a) = api.post(&fallback, keyed("Release thread")).await;
    let (_, b) = api.post(&fallback, keyed("First reply")).await;
    assert_eq!(a["thread"], b["thread"]);
    assert_eq!(b["threadReply"], true);
    // Without a reply option the thread is ignored: a new thread.
    let (_, c) = api.post(&path, keyed("Unthreaded")).await;
    assert_ne!(c["thread"], a["thread"]);

    let by_name = format!("{path}?messageReplyOption=REPLY_MESSAGE_OR_FAIL");
    let (status, d) = api.post(&by_name, json!({"text": "On it", "thread": {"name": KICKOFF_THREAD}})).await;
    assert_eq!((status, d["thread"]["name"].as_str()), (200, Some(KICKOFF_THREAD)));
    let (status, _) =
        api.post(&by_name, json!({"text": "x", "thread": {"name": format!("{ATLAS_TEAM}/threads/missing")}})).await;
    assert_eq!(status, 404);
    let (status, _) = api.post(&path, json!({"text": "  "})).await;
    assert_eq!(status, 400);
    assert_eq!(api.post(&format!("/{FINANCE}/messages"), json!({"text": "hi"})).await.0, 404);
    api.assert_valid();
}

#[tokio::test]
async fn only_the_author_edits_and_only_masked_fields() {
    let api = start().await;
    let (_, mine) = api.post(&format!("/{ATLAS_TEAM}/messages"), json!({"text": "Draft"})).await;
    let name = mine["name"].as_str().unwrap();
    let (status, edited) = api.patch(&format!("/{name}?updateMask=text"), json!({"text": "Final"})).await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["text"], "Final");
    assert!(edited["lastUpdateTime"].is_string());
    assert_eq!(api.ok(&format!("/{name}")).await["text"], "Final");
    assert_eq!(api.patch(&format!("/{name}"), json!({"text": "x"})).await.0, 400);
    assert_eq!(api.patch(&format!("/{name}?updateMask=sender"), json!({"text": "x"})).await.0, 400);
    assert_eq!(api.patch(&format!("/{KICKOFF}?updateMask=text"), json!({"text": "mine now"})).await.0, 403);
    api.assert_valid();
}

#[tokio::test]
async fn reactions_count_once_per_user_and_emoji() {
    let api = start().await;
    let path = format!("/{STAGING}/reactions");
    let (status, r) = api.post(&path, json!({"emoji": {"unicode": "🚀"}})).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["user"]["name"], ALEX);
    assert!(r["name"].as_str().unwrap().starts_with(&format!("{STAGING}/reactions/")));
    assert_eq!(api.post(&path, json!({"emoji": {"unicode": "🚀"}})).await.0, 409);
    assert_eq!(api.post(&path, json!({"emoji": {"unicode": "rocket"}})).await.0, 400);
    let m = api.ok(&format!("/{STAGING}")).await;
    assert_eq!(m["emojiReactionSummaries"], json!([{"emoji": {"unicode": "🚀"}, "reactionCount": 1}]));
    api.assert_valid();
}

#[tokio::test]
async fn media_download_serves_the_attachment_bytes() {
    let api = start().await;
    let url = format!("{}/media/{DIAGRAM_RESOURCE}?alt=media", api.base);
    let resp = api.client.get(&url).bearer_auth("t").send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");
    let bytes = resp.bytes().await.unwrap();
    assert_eq!(bytes.as_ref(), wsmcp_chat::sandbox::seed::diagram_png().as_slice());
    assert_eq!(api.ok(&format!("/media/{DIAGRAM_RESOURCE}")).await["resourceName"], DIAGRAM_RESOURCE);
    assert_eq!(api.get("/media/unknown?alt=media").await.0, 404);
    api.assert_valid();
}
