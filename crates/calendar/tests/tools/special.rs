//! manage_out_of_office and manage_focus_time.

use super::*;

#[tokio::test]
async fn out_of_office_lifecycle() {
    let env = Env::new().await;
    let out = env
        .ok("manage_out_of_office", json!({"action": "create", "start_time": "2033-04-05", "end_time": "2033-04-07", "timezone": "Europe/London", "decline_message": "Back on Monday"}))
        .await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["eventType"], "outOfOffice");
    assert_eq!(body["summary"], "Out of Office");
    assert_eq!(body["start"], json!({"dateTime": "2033-04-05T00:00:00+01:00", "timeZone": "Europe/London"}));
    assert_eq!(body["end"]["dateTime"], "2033-04-07T00:00:00+01:00");
    assert_eq!(
        body["outOfOfficeProperties"],
        json!({"autoDeclineMode": "declineAllConflictingInvitations", "declineMessage": "Back on Monday"})
    );
    assert!(out.starts_with("Out of Office created."), "{out}");
    let id = id_after(&out, "- ID: ");

    let listed = env
        .ok(
            "manage_out_of_office",
            json!({"action": "list", "time_min": "2033-04-01T00:00:00Z", "time_max": "2033-05-01T00:00:00Z"}),
        )
        .await;
    assert!(listed.contains(&id) && listed.contains("- Decline message: Back on Monday"), "{listed}");
    let req = env.last("calendar.events.list");
    assert_eq!(req.query_values("eventTypes"), ["outOfOffice"]);
    assert_eq!((req.query_param("singleEvents"), req.query_param("maxResults")), (Some("true"), Some("10")));

    env.ok(
        "manage_out_of_office",
        json!({"action": "update", "event_id": id, "auto_decline_mode": "declineOnlyNewConflictingInvitations"}),
    )
    .await;
    let patch = env.last("calendar.events.patch").body.unwrap();
    assert_eq!(
        patch,
        json!({"outOfOfficeProperties": {"autoDeclineMode": "declineOnlyNewConflictingInvitations", "declineMessage": "Back on Monday"}})
    );

    // A normal meeting is never changed through this tool.
    let meeting = env
        .create(json!({"summary": "Meeting", "start_time": "2033-04-10T10:00:00Z", "end_time": "2033-04-10T11:00:00Z"}))
        .await;
    let e = env.err("manage_out_of_office", json!({"action": "delete", "event_id": meeting})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("use manage_event")), "{e}");
    assert!(env.requests("calendar.events.delete").is_empty());

    let out = env.ok("manage_out_of_office", json!({"action": "delete", "event_id": id})).await;
    assert!(out.starts_with(&format!("Deleted Out of Office event {id}")), "{out}");
    env.refused(
        "manage_out_of_office",
        &[
            json!({"action": "create", "start_time": "2033-04-05"}),
            json!({"action": "create", "start_time": "2033-04-05", "end_time": "2033-04-06", "auto_decline_mode": "declineSome"}),
            json!({"action": "update"}),
            json!({"action": "update", "event_id": id}),
            json!({"action": "list", "max_results": 0}),
            json!({"action": "pause"}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn focus_time_lifecycle() {
    let env = Env::new().await;
    let out = env
        .ok("manage_focus_time", json!({"action": "create", "start_time": "2033-04-12T09:00:00-04:00", "end_time": "2033-04-12T11:00:00-04:00", "description": "Write the spec"}))
        .await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["eventType"], "focusTime");
    assert_eq!(body["summary"], "Focus Time");
    assert_eq!(body["description"], "Write the spec");
    assert_eq!(
        body["focusTimeProperties"],
        json!({"autoDeclineMode": "declineAllConflictingInvitations", "chatStatus": "doNotDisturb"})
    );
    assert_eq!(body["start"], json!({"dateTime": "2033-04-12T09:00:00-04:00"}));
    let id = id_after(&out, "- ID: ");

    let listed = env
        .ok(
            "manage_focus_time",
            json!({"action": "list", "time_min": "2033-04-12T00:00:00Z", "time_max": "2033-04-13T00:00:00Z"}),
        )
        .await;
    assert!(listed.contains(&format!("- ID: {id}")) && listed.contains("- Chat status: doNotDisturb"), "{listed}");
    assert_eq!(env.last("calendar.events.list").query_values("eventTypes"), ["focusTime"]);

    env.ok("manage_focus_time", json!({"action": "update", "event_id": id, "chat_status": "available", "end_time": "2033-04-12T12:00:00-04:00"})).await;
    let patch = env.last("calendar.events.patch").body.unwrap();
    assert_eq!(
        patch["focusTimeProperties"],
        json!({"autoDeclineMode": "declineAllConflictingInvitations", "chatStatus": "available"})
    );
    assert_eq!(patch["end"]["dateTime"], "2033-04-12T12:00:00-04:00");
    assert!(patch.get("summary").is_none());

    env.refused("manage_focus_time", &[json!({"action": "create", "start_time": "2033-04-12T09:00:00Z", "end_time": "2033-04-12T08:00:00Z"}), json!({"action": "create", "start_time": "2033-04-12T09:00:00Z", "end_time": "2033-04-12T10:00:00Z", "chat_status": "busy"})]).await;
    env.ok("manage_focus_time", json!({"action": "delete", "event_id": id})).await;
    let e = env.err("manage_focus_time", json!({"action": "delete", "event_id": id})).await;
    assert!(is_google(&e, 404) || is_google(&e, 410) || matches!(e, ToolError::InvalidInput(_)), "{e}");
    env.done();
}
