//! The 7 Meet tools through the real binary over stdio, against the seeded meetings of
//! alex.rivera@example.com (the calendar's Atlas weekly sync and a team room with a call in
//! progress): a space created and read, the last sync's people, recording and transcript read,
//! the live call ended, and an error path per tool.

use serde_json::json;
use wsmcp_meet::sandbox::seed::{EARLIER_SYNC, LAST_SYNC, SYNC_CODE, TEAM_ROOM, TEAM_ROOM_CODE};

use crate::harness::{USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

#[tokio::test]
async fn every_meet_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // Round trip: a space created, then read back by its meeting code.
    let made = ok(&client, "create_meet_space", json!({"access_type": "restricted"})).await;
    let code = made.split("- Code: ").nth(1).unwrap().lines().next().unwrap().to_string();
    let read = ok(&client, "get_meet_space", json!({"space": format!("https://meet.google.com/{code}")})).await;
    assert!(read.contains("- Access: restricted") && read.contains("No conference in progress"), "{read}");

    // The calendar's weekly sync: its conferences, people, recording and transcript.
    let records = ok(&client, "list_meet_conference_records", json!({"meeting_code": SYNC_CODE})).await;
    assert!(records.starts_with(&format!("2 Meet conference(s) for {USER}:")), "{records}");
    assert!(records.find(LAST_SYNC) < records.find(EARLIER_SYNC), "newest first: {records}");
    let people = ok(&client, "list_meet_participants", json!({"conference_record": LAST_SYNC})).await;
    assert!(people.contains("Sam (Northwind) (guest)"), "{people}");
    let artifacts = ok(&client, "list_meet_recordings", json!({"conference_record": LAST_SYNC})).await;
    assert!(artifacts.contains("Recordings (1):") && artifacts.contains("Transcripts (1):"), "{artifacts}");
    let transcript = ok(&client, "get_meet_transcript", json!({"conference_record": LAST_SYNC})).await;
    assert!(transcript.contains("] Priya Shah: Welcome everyone."), "{transcript}");

    // The live call in the user's team room, ended.
    let out = ok(&client, "end_meet_conference", json!({"space": TEAM_ROOM_CODE})).await;
    assert!(out.contains(TEAM_ROOM), "{out}");
    assert_eq!(requests_for(&sb, "meet.spaces.endActiveConference").len(), 1);

    // An error path per tool.
    let e = err(&client, "end_meet_conference", json!({"space": format!("spaces/{TEAM_ROOM}")})).await;
    assert!(e.contains("no active conference"), "{e}");
    let e = err(&client, "get_meet_space", json!({"space": "zzz-zzzz-zzz"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "get_meet_transcript", json!({"conference_record": EARLIER_SYNC})).await;
    assert!(e.contains("no transcript"), "{e}");
    let e = err(&client, "list_meet_recordings", json!({"conference_record": "unknownRecord"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "list_meet_participants", json!({"conference_record": "unknownRecord"})).await;
    assert!(e.contains("404"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "list_meet_conference_records", json!({"meeting_code": "not a code"})).await;
    assert!(e.contains("meeting code"), "{e}");
    let e = err(&client, "create_meet_space", json!({"access_type": "public"})).await;
    assert!(e.contains("access_type") || e.contains("public"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
