//! Every Meet tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Meet (the sandbox) saw.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::json;
use wsmcp_core::ToolError;
use wsmcp_meet::sandbox::seed::*;
use wsmcp_testkit::{Harness, NoFiles};

const USER: &str = "alex.rivera@example.com";

async fn env() -> Harness {
    let handle =
        wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_meet::sandbox::emulation(USER))).await;
    Harness::new(handle, USER, wsmcp_meet::tools(), Arc::new(NoFiles))
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}

#[tokio::test]
async fn spaces_are_created_read_and_their_calls_ended() {
    let env = env().await;
    let out = env.ok("create_meet_space", json!({"access_type": "trusted"})).await.text;
    assert!(out.contains("- Link: https://meet.google.com/") && out.contains("- Access: trusted"), "{out}");
    assert_eq!(env.last("meet.spaces.create").body.unwrap(), json!({"config": {"accessType": "TRUSTED"}}));

    let out = env.ok("get_meet_space", json!({"space": format!("https://meet.google.com/{SYNC_CODE}")})).await.text;
    assert!(out.starts_with(&format!("Meeting space spaces/{SYNC_SPACE}")) && out.contains("No conference"), "{out}");
    assert_eq!(env.last("meet.spaces.get").path, format!("/v2/spaces/{SYNC_CODE}"));

    let room = env.ok("get_meet_space", json!({"space": TEAM_ROOM_CODE})).await.text;
    assert!(room.contains(&format!("Conference in progress: conferenceRecords/{TEAM_ROOM_CALL}")), "{room}");
    let out = env.ok("end_meet_conference", json!({"space": TEAM_ROOM_CODE})).await.text;
    assert!(out.contains(&format!("spaces/{TEAM_ROOM}")), "{out}");
    assert_eq!(env.last("meet.spaces.endActiveConference").path, format!("/v2/spaces/{TEAM_ROOM}:endActiveConference"));
    let e = env.err("end_meet_conference", json!({"space": format!("spaces/{TEAM_ROOM}")})).await;
    assert!(is_google(&e, 400), "no call left to end: {e}");
    let e = env.err("end_meet_conference", json!({"space": format!("spaces/{SYNC_SPACE}")})).await;
    assert!(is_google(&e, 403), "{e}");

    env.refused("get_meet_space", &[json!({"space": " "}), json!({"space": "spaces/a/b"})]).await;
    env.refused("create_meet_space", &[json!({"access_type": "public"})]).await;
    env.done();
}

#[tokio::test]
async fn records_and_participants_are_listed() {
    let env = env().await;
    let out = env.ok("list_meet_conference_records", json!({})).await.text;
    assert!(out.starts_with(&format!("3 Meet conference(s) for {USER}:")), "{out}");
    assert!(
        out.contains(&format!("- conferenceRecords/{TEAM_ROOM_CALL} | space spaces/{TEAM_ROOM}"))
            && out.contains("| in progress"),
        "{out}"
    );
    let out = env.ok("list_meet_conference_records", json!({"meeting_code": SYNC_CODE, "page_size": 1})).await.text;
    assert!(out.contains(LAST_SYNC) && out.contains("page_token: "), "{out}");
    assert_eq!(
        env.last("meet.conferenceRecords.list").query_param("filter"),
        Some(format!("space.meeting_code = \"{SYNC_CODE}\"").as_str())
    );

    let out = env.ok("list_meet_participants", json!({"conference_record": LAST_SYNC})).await.text;
    assert!(out.starts_with(&format!("4 participant(s) in conferenceRecords/{LAST_SYNC}:")), "{out}");
    assert!(out.contains("- Sam (Northwind) (guest)") && out.contains("- Priya Shah (signed in)"), "{out}");
    let out =
        env.ok("list_meet_participants", json!({"conference_record": TEAM_ROOM_CALL, "active_only": true})).await.text;
    assert!(out.contains("still in the call"), "{out}");
    assert_eq!(
        env.last("meet.conferenceRecords.participants.list").query_param("filter"),
        Some("latest_end_time IS NULL")
    );

    env.refused("list_meet_conference_records", &[json!({"page_size": 101}), json!({"meeting_code": "nope"})]).await;
    let e = env.err("list_meet_participants", json!({"conference_record": "unknownRecord"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn a_transcript_reads_as_text_with_speakers() {
    let env = env().await;
    let out = env.ok("list_meet_recordings", json!({"conference_record": LAST_SYNC})).await.text;
    assert!(
        out.contains("Recordings (1):") && out.contains("file_generated") && out.contains("drive.google.com"),
        "{out}"
    );
    assert!(out.contains("Transcripts (1):"), "{out}");

    let out = env.ok("get_meet_transcript", json!({"conference_record": LAST_SYNC})).await.text;
    assert!(out.contains("(6 entries; times UTC)"), "{out}");
    assert!(out.contains("] Sam (Northwind): From the Northwind side"), "{out}");
    assert!(out.contains("] Alex Rivera: Yes, I'll send the invite"), "{out}");
    let entries = env.requests("meet.conferenceRecords.transcripts.entries.list");
    assert_eq!(entries[0].query_param("pageSize"), Some("100"));

    let out = env.ok("get_meet_transcript", json!({"conference_record": LAST_SYNC, "max_entries": 2})).await.text;
    assert!(out.contains("(2 entries, first 2 shown"), "{out}");
    let e = env.err("get_meet_transcript", json!({"conference_record": EARLIER_SYNC})).await;
    assert!(e.to_string().contains("no transcript"), "{e}");
    let e = env.err("get_meet_transcript", json!({"conference_record": LAST_SYNC, "transcript_id": "x"})).await;
    assert!(e.to_string().contains(LAST_SYNC_TRANSCRIPT), "{e}");
    env.done();
}
