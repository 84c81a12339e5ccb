//! get_events: ranges, defaults, search, one event, recurring expansion, paging.

use super::*;

#[tokio::test]
async fn range_query_is_expanded_ordered_and_paged() {
    let env = Env::new().await;
    // A calendar of its own, so seed events cannot interfere.
    let cal = env.new_calendar("Range test").await;
    // Created out of order; a daily series adds three instances.
    env.create(json!({"calendar_id": cal, "summary": "Late review", "start_time": "2032-01-05T15:00:00Z", "end_time": "2032-01-05T16:00:00Z"})).await;
    env.create(json!({"calendar_id": cal, "summary": "Early zebra sync", "start_time": "2032-01-05T08:00:00Z", "end_time": "2032-01-05T08:15:00Z", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"], "timezone": "UTC"})).await;
    let out = env
        .ok(
            "get_events",
            json!({"calendar_id": cal, "time_min": "2032-01-05T00:00:00Z", "time_max": "2032-01-10T00:00:00Z"}),
        )
        .await;
    let titles: Vec<&str> =
        out.lines().filter(|l| l.starts_with("- \"")).map(|l| l.split('"').nth(1).unwrap()).collect();
    assert_eq!(titles, ["Early zebra sync", "Late review", "Early zebra sync", "Early zebra sync"], "{out}");
    let req = env.last("calendar.events.list");
    assert_eq!(req.query_param("timeMin"), Some("2032-01-05T00:00:00+00:00"));
    assert_eq!(req.query_param("timeMax"), Some("2032-01-10T00:00:00+00:00"));
    assert_eq!(req.query_param("singleEvents"), Some("true"));
    assert_eq!(req.query_param("orderBy"), Some("startTime"));
    assert_eq!(req.query_param("maxResults"), Some("25"));

    let page1 = env.ok("get_events", json!({"calendar_id": cal, "time_min": "2032-01-05T00:00:00Z", "time_max": "2032-01-10T00:00:00Z", "max_results": 3})).await;
    assert_eq!(page1.lines().filter(|l| l.starts_with("- \"")).count(), 3, "{page1}");
    let token = id_after(&page1, "next page_token: ");
    assert!(page1.contains("- time_min: 2032-01-05T00:00:00+00:00"), "{page1}");
    let page2 = env.ok("get_events", json!({"calendar_id": cal, "time_min": "2032-01-05T00:00:00Z", "time_max": "2032-01-10T00:00:00Z", "max_results": 3, "page_token": token})).await;
    assert_eq!(page2.lines().filter(|l| l.starts_with("- \"")).count(), 1, "{page2}");
    assert!(!page2.contains("next page_token"), "{page2}");

    // Unexpanded: the series once, with its rule; no default timeMin and no orderBy.
    let masters = env
        .ok("get_events", json!({"calendar_id": cal, "single_events": false, "detailed": true, "query": "zebra"}))
        .await;
    assert!(masters.contains("- Recurrence: RRULE:FREQ=DAILY;COUNT=3"), "{masters}");
    assert_eq!(masters.matches("Event: \"Early zebra sync\"").count(), 1, "{masters}");
    assert!(!masters.contains("Late review"), "{masters}");
    let req = env.last("calendar.events.list");
    assert_eq!(
        (req.query_param("timeMin"), req.query_param("orderBy"), req.query_param("singleEvents")),
        (None, None, Some("false"))
    );
    assert_eq!(req.query_param("q"), Some("zebra"));
    env.done();
}

#[tokio::test]
async fn defaults_to_now_and_reads_dates_in_the_calendar_zone() {
    let env = Env::new().await;
    let before = wsmcp_testkit::now() - chrono::Duration::seconds(5);
    env.ok("get_events", json!({})).await;
    let req = env.last("calendar.events.list");
    let min = chrono::DateTime::parse_from_rfc3339(req.query_param("timeMin").unwrap()).unwrap();
    assert!(min >= before && min <= wsmcp_testkit::now(), "timeMin {min} is now");

    let zone = env.primary_zone().await;
    env.ok("get_events", json!({"time_min": "2032-07-01", "time_max": "2032-07-02T09:30"})).await;
    let req = env.last("calendar.events.list");
    let t = |s: &str| wsmcp_calendar::time::parse(s, "t").unwrap();
    assert_eq!(
        req.query_param("timeMin").unwrap(),
        wsmcp_calendar::time::instant(t("2032-07-01"), Some(zone), "t").unwrap()
    );
    assert_eq!(
        req.query_param("timeMax").unwrap(),
        wsmcp_calendar::time::instant(t("2032-07-02T09:30"), Some(zone), "t").unwrap()
    );
    env.done();
}

#[tokio::test]
async fn one_event_in_detail() {
    let env = Env::new().await;
    let id = env
        .create(json!({
            "summary": "Design review", "description": "Walk through the mocks", "location": "Room 4",
            "start_time": "2032-02-01T10:00:00Z", "end_time": "2032-02-01T11:00:00Z",
            "attendees": ["sam@example.com", {"email": "lee@example.com", "optional": true}],
            "attachments": ["https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view"],
            "add_google_meet": true, "color_id": "basil"
        }))
        .await;
    let brief = env.ok("get_events", json!({"event_id": id})).await;
    // Shown in the calendar's zone, as Google does for events without their own.
    let zone = env.primary_zone().await;
    let start = wsmcp_calendar::time::event_boundary(
        wsmcp_calendar::time::parse("2032-02-01T10:00:00Z", "t").unwrap(),
        Some(zone),
        "t",
    )
    .unwrap();
    assert!(brief.starts_with(&format!("- \"Design review\" (Starts: {}", start.date_time.unwrap())), "{brief}");
    assert_eq!(env.last("calendar.events.get").path, format!("/calendar/v3/calendars/primary/events/{id}"));
    let full = env.ok("get_events", json!({"event_id": id, "detailed": true, "include_attachments": true})).await;
    for want in [
        "- Description: Walk through the mocks",
        "- Location: Room 4",
        "sam@example.com: needsAction",
        "lee@example.com: needsAction (optional)",
        "- Color: basil (10)",
        "File URL: https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp",
        "- Meeting link: ",
    ] {
        assert!(full.contains(want), "missing {want:?} in\n{full}");
    }
    env.refused(
        "get_events",
        &[
            json!({"time_min": "next week"}),
            json!({"time_min": "2032-01-02T00:00:00Z", "time_max": "2032-01-01T00:00:00Z"}),
            json!({"max_results": 0}),
        ],
    )
    .await;
    let e = env.err("get_events", json!({"event_id": "nosuchevent"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
