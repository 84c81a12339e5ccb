//! list_calendars, create_calendar, query_freebusy.

use super::*;

#[tokio::test]
async fn create_then_list_calendars_with_paging() {
    let env = Env::new().await;
    let out = env
        .ok(
            "create_calendar",
            json!({"summary": "Project Atlas", "description": "Launch plan", "timezone": "Europe/Berlin"}),
        )
        .await;
    assert!(out.starts_with("Created calendar \"Project Atlas\""), "{out}");
    let id = id_after(&out, "(ID: ");
    assert_eq!(
        env.last("calendar.calendars.insert").body.unwrap(),
        json!({"summary": "Project Atlas", "description": "Launch plan", "timeZone": "Europe/Berlin"})
    );

    let all = env.ok("list_calendars", json!({})).await;
    assert!(all.contains("(Primary)"), "{all}");
    assert!(all.contains(&format!("\"Project Atlas\" (ID: {id})")), "{all}");
    let count = all.lines().filter(|l| l.starts_with("- \"")).count();
    assert!(count >= 2, "{all}");

    let first = env.ok("list_calendars", json!({"max_results": 1})).await;
    assert_eq!(first.lines().filter(|l| l.starts_with("- \"")).count(), 1, "{first}");
    let token = id_after(&first, "next page_token: ");
    assert_eq!(env.last("calendar.calendarList.list").query_param("maxResults"), Some("1"));
    let second = env.ok("list_calendars", json!({"max_results": 1, "page_token": token})).await;
    assert_eq!(env.last("calendar.calendarList.list").query_param("pageToken"), Some(token.as_str()));
    let line = |t: &str| t.lines().find(|l| l.starts_with("- \"")).unwrap().to_string();
    assert_ne!(line(&first), line(&second), "the second page moves on");
    env.done();
}

#[tokio::test]
async fn calendar_errors() {
    let env = Env::new().await;
    env.refused("create_calendar", &[json!({"summary": "  "}), json!({"summary": "X", "timezone": "Mars/Base"})]).await;
    env.refused("list_calendars", &[json!({"max_results": 0}), json!({"max_results": 5000})]).await;
    env.handle.inject(fail("/users/me/calendarList", 403));
    let e = env.err("list_calendars", json!({})).await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}

#[tokio::test]
async fn freebusy_reports_busy_blocks_and_errors_inline() {
    let env = Env::new().await;
    // A calendar of its own: the seed's recurring events on primary reach any future day.
    let cal = env.new_calendar("Free/busy").await;
    env.create(json!({"calendar_id": cal, "summary": "Busy block", "start_time": "2031-03-10T14:00:00Z", "end_time": "2031-03-10T15:30:00Z"}))
        .await;
    env.create(json!({"calendar_id": cal, "summary": "Free block", "start_time": "2031-03-10T16:00:00Z", "end_time": "2031-03-10T17:00:00Z", "transparency": "transparent"})).await;
    let out = env
        .ok(
            "query_freebusy",
            json!({"time_min": "2031-03-10T00:00:00Z", "time_max": "2031-03-11T00:00:00Z", "calendar_ids": [cal, "nobody@nowhere.example", cal]}),
        )
        .await;
    let req = env.last("calendar.freebusy.query").body.unwrap();
    assert_eq!(req["items"], json!([{"id": cal}, {"id": "nobody@nowhere.example"}]), "duplicates dropped");
    assert_eq!(req["timeMin"], "2031-03-10T00:00:00+00:00");
    assert!(out.contains(&format!("- {cal}: 1 busy block(s)")), "{out}");
    assert!(!out.contains("16:00"), "a transparent event is free time:\n{out}");
    assert!(out.contains("- nobody@nowhere.example: could not be read: notFound"), "{out}");

    // Defaults to primary; dates are read in the primary calendar's zone.
    let zone = env.primary_zone().await;
    let out = env
        .ok("query_freebusy", json!({"time_min": "2031-03-10", "time_max": "2031-03-11", "group_expansion_max": 5}))
        .await;
    let req = env.last("calendar.freebusy.query").body.unwrap();
    assert_eq!(req["items"], json!([{"id": "primary"}]));
    assert_eq!(req["groupExpansionMax"], 5);
    let midnight = wsmcp_calendar::time::rfc3339(&wsmcp_calendar::time::day_start(
        chrono::NaiveDate::from_ymd_opt(2031, 3, 10).unwrap(),
        zone,
    ));
    assert_eq!(req["timeMin"], midnight.as_str());
    assert!(out.contains("- primary:"), "{out}");

    env.refused(
        "query_freebusy",
        &[
            json!({"time_min": "soon", "time_max": "2031-03-11T00:00:00Z"}),
            json!({"time_min": "2031-03-11T00:00:00Z", "time_max": "2031-03-10T00:00:00Z"}),
            json!({"time_min": "2031-03-10T00:00:00Z", "time_max": "2031-03-11T00:00:00Z", "group_expansion_max": 101}),
            json!({"time_min": "2031-03-10T00:00:00Z", "time_max": "2031-03-11T00:00:00Z", "calendar_expansion_max": 0}),
        ],
    )
    .await;
    env.done();
}
