//! The Meet emulation over real loopback HTTP: spaces by id and meeting code, creation,
//! ending a conference, conference records with filters and order, participants, recordings,
//! transcripts and entries. Every test ends by checking that its requests passed Discovery
//! validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use wsmcp_meet::sandbox::{self, seed::*};
use wsmcp_testkit::{Rest, enc};

const USER: &str = "alex.rivera@example.com";

async fn start() -> Rest {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v2", handle.url_for(sandbox::HOST));
    Rest::new(handle, base)
}

fn names(body: &Value, key: &str) -> Vec<String> {
    body[key].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn spaces_are_found_by_id_or_code_created_and_their_calls_ended() {
    let api = start().await;
    let (_, by_code) = api.get(&format!("/spaces/{SYNC_CODE}")).await;
    assert_eq!(by_code["name"], format!("spaces/{SYNC_SPACE}"));
    assert_eq!(by_code["meetingUri"], format!("https://meet.google.com/{SYNC_CODE}"));
    let (status, _) = api.get("/spaces/zzz-zzzz-zzz").await;
    assert_eq!(status, 404);

    let (status, made) = api.post("/spaces", json!({"config": {"accessType": "RESTRICTED"}})).await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["config"]["accessType"], "RESTRICTED");
    let code = made["meetingCode"].as_str().unwrap();
    assert!(code.len() == 12 && code.chars().filter(|c| *c == '-').count() == 2, "{code}");

    let (status, _) = api.post(&format!("/spaces/{SYNC_SPACE}:endActiveConference"), json!({})).await;
    assert_eq!(status, 403, "not created by this app");
    let (status, _) = api.post(&format!("/spaces/{TEAM_ROOM}:endActiveConference"), json!({})).await;
    assert_eq!(status, 200);
    let (_, room) = api.get(&format!("/spaces/{TEAM_ROOM}")).await;
    assert!(room.get("activeConference").is_none(), "{room}");
    let (_, call) = api.get(&format!("/conferenceRecords/{TEAM_ROOM_CALL}")).await;
    assert!(call["endTime"].is_string(), "{call}");
    let (status, err) = api.post(&format!("/spaces/{TEAM_ROOM}:endActiveConference"), json!({})).await;
    assert_eq!((status, err["error"]["errors"][0]["reason"].as_str()), (400, Some("failedPrecondition")), "{err}");
    api.assert_valid();
}

#[tokio::test]
async fn records_come_newest_first_and_filter() {
    let api = start().await;
    let (_, all) = api.get("/conferenceRecords").await;
    assert_eq!(
        names(&all, "conferenceRecords"),
        [
            format!("conferenceRecords/{TEAM_ROOM_CALL}"),
            format!("conferenceRecords/{LAST_SYNC}"),
            format!("conferenceRecords/{EARLIER_SYNC}"),
        ]
    );
    let f = enc(&format!("space.meeting_code = \"{SYNC_CODE}\""));
    let (_, sync) = api.get(&format!("/conferenceRecords?filter={f}&pageSize=1")).await;
    assert_eq!(names(&sync, "conferenceRecords"), [format!("conferenceRecords/{LAST_SYNC}")]);
    let token = sync["nextPageToken"].as_str().unwrap();
    let (_, next) = api.get(&format!("/conferenceRecords?filter={f}&pageSize=1&pageToken={token}")).await;
    assert_eq!(names(&next, "conferenceRecords"), [format!("conferenceRecords/{EARLIER_SYNC}")]);
    let (status, _) = api.get(&format!("/conferenceRecords?filter={}", enc("title = \"x\""))).await;
    assert_eq!(status, 400);
    api.assert_valid();
}

#[tokio::test]
async fn a_conference_keeps_its_people_recording_and_transcript() {
    let api = start().await;
    let r = format!("/conferenceRecords/{LAST_SYNC}");
    let (_, people) = api.get(&format!("{r}/participants")).await;
    assert_eq!(people["totalSize"], 4);
    assert!(
        people["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["anonymousUser"]["displayName"] == "Sam (Northwind)")
    );
    let (_, live) = api
        .get(&format!("/conferenceRecords/{TEAM_ROOM_CALL}/participants?filter={}", enc("latest_end_time IS NULL")))
        .await;
    assert_eq!(live["participants"].as_array().unwrap().len(), 2);
    let (_, recs) = api.get(&format!("{r}/recordings")).await;
    assert_eq!(recs["recordings"][0]["state"], "FILE_GENERATED");
    let (_, trs) = api.get(&format!("{r}/transcripts")).await;
    assert_eq!(
        names(&trs, "transcripts"),
        [format!("conferenceRecords/{LAST_SYNC}/transcripts/{LAST_SYNC_TRANSCRIPT}")]
    );
    let (_, entries) = api.get(&format!("{r}/transcripts/{LAST_SYNC_TRANSCRIPT}/entries?pageSize=4")).await;
    assert_eq!(entries["transcriptEntries"].as_array().unwrap().len(), 4);
    assert_eq!(
        entries["transcriptEntries"][0]["participant"],
        format!("conferenceRecords/{LAST_SYNC}/participants/p0")
    );
    assert!(entries["nextPageToken"].is_string());
    let (status, _) = api.get(&format!("{r}/transcripts/nope/entries")).await;
    assert_eq!(status, 404);
    api.assert_valid();
}
