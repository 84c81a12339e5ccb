//! Recurring events: one instance, the whole series, and "this and following".

use super::*;

/// Instance ids of a series, in order, read through get_events.
async fn instances(env: &Env, cal: &str) -> Vec<(String, String)> {
    let out = env
        .ok(
            "get_events",
            json!({"calendar_id": cal, "time_min": "2033-01-01T00:00:00Z", "time_max": "2033-02-01T00:00:00Z"}),
        )
        .await;
    out.lines()
        .filter(|l| l.starts_with("- \""))
        .map(|l| (l.split('"').nth(1).unwrap().to_string(), id_after(l, "ID: ")))
        .collect()
}

#[tokio::test]
async fn this_and_following_splits_the_series() {
    let env = Env::new().await;
    let cal = env.new_calendar("Series").await;
    let series = env
        .create(json!({"calendar_id": cal, "summary": "Daily sync", "start_time": "2033-01-10T09:00", "end_time": "2033-01-10T09:30",
            "timezone": "Europe/Paris", "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"], "attendees": ["sam@example.com"]}))
        .await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["start"]["timeZone"], "Europe/Paris");
    let list = instances(&env, &cal).await;
    assert_eq!(list.len(), 5, "{list:?}");
    let third = list[2].1.clone();
    // A cancelled earlier instance still counts towards COUNT.
    env.ok(
        "manage_event",
        json!({"action": "delete", "calendar_id": cal, "event_id": list[0].1, "send_updates": "none"}),
    )
    .await;

    let out = env.ok("manage_event", json!({"action": "update", "calendar_id": cal, "event_id": third, "this_and_following": true, "summary": "Daily sync (new time)", "start_time": "2033-01-12T10:00"})).await;
    assert!(out.starts_with(&format!("Split series {series} at ")), "{out}");
    // Two earlier instances counted (COUNT=5 -> 3 left), original ended just before.
    assert!(!env.requests("calendar.events.instances").is_empty());
    let new_series = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(new_series["recurrence"], json!(["RRULE:FREQ=DAILY;COUNT=3"]));
    assert_eq!(new_series["start"], json!({"dateTime": "2033-01-12T10:00:00+01:00", "timeZone": "Europe/Paris"}));
    assert_eq!(new_series["end"]["dateTime"], "2033-01-12T10:30:00+01:00");
    assert_eq!(new_series["attendees"], json!([{"email": "sam@example.com", "responseStatus": "needsAction"}]));
    let ended = env.last("calendar.events.patch");
    assert_eq!(ended.path, format!("/calendar/v3/calendars/{}/events/{series}", wsmcp_core::google::segment(&cal)));
    assert_eq!(ended.body.unwrap(), json!({"recurrence": ["RRULE:FREQ=DAILY;UNTIL=20330112T075959Z"]}));

    assert_eq!(env.last("calendar.events.instances").query_param("showDeleted"), Some("true"));
    let titles: Vec<String> = instances(&env, &cal).await.into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Daily sync", "Daily sync (new time)", "Daily sync (new time)", "Daily sync (new time)"]);
    env.done();
}

#[tokio::test]
async fn instance_or_series_updates_and_split_errors() {
    let env = Env::new().await;
    let cal = env.new_calendar("Series 2").await;
    let series = env
        .create(json!({"calendar_id": cal, "summary": "Weekly", "start_time": "2033-01-03T15:00:00Z", "end_time": "2033-01-03T16:00:00Z",
            "recurrence": ["FREQ=WEEKLY;COUNT=3"]}))
        .await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["recurrence"], json!(["RRULE:FREQ=WEEKLY;COUNT=3"]));
    assert!(body["start"]["timeZone"].is_string(), "a series gets the calendar's zone: {body}");
    let list = instances(&env, &cal).await;
    assert_eq!(list.len(), 3);

    // One instance only.
    env.ok(
        "manage_event",
        json!({"action": "update", "calendar_id": cal, "event_id": list[1].1, "summary": "Weekly (moved)"}),
    )
    .await;
    let titles: Vec<String> = instances(&env, &cal).await.into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Weekly", "Weekly (moved)", "Weekly"]);
    // The first instance cannot be split from; a plain event is not a series.
    let e = env.err("manage_event", json!({"action": "update", "calendar_id": cal, "event_id": list[0].1, "this_and_following": true, "summary": "x"})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains(&series)), "{e}");
    let single = env.create(json!({"calendar_id": cal, "summary": "Once", "start_time": "2033-01-20T10:00:00Z", "end_time": "2033-01-20T11:00:00Z"})).await;
    let e = env.err("manage_event", json!({"action": "update", "calendar_id": cal, "event_id": single, "this_and_following": true, "summary": "x"})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("not part of a recurring series")), "{e}");
    // The whole series through its own id.
    env.ok("manage_event", json!({"action": "update", "calendar_id": cal, "event_id": series, "location": "Room 9"}))
        .await;
    assert_eq!(env.event(&cal, &series).await["location"], "Room 9");
    env.done();
}
