//! The Calendar tools beside events, through the real binary: query_freebusy (an unknown
//! calendar answered inline), create_calendar and list_calendars, manage_out_of_office and
//! manage_focus_time (create, list, delete).

use serde_json::json;

use super::{id_after, refused, weekly_sync_first_day};
use crate::harness::{
    HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client, values_after,
};

/// query_freebusy around the weekly sync: the primary calendar and Priya (its organizer)
/// are busy 16:00-16:30 UTC, an unknown address is reported inline as notFound while the
/// others are answered, and an hour with nothing in it is free. A reversed interval is
/// refused before any request.
#[tokio::test]
async fn query_freebusy_reports_unknown_calendars_inline_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let day = weekly_sync_first_day(&client).await;

    let out = ok(
        &client,
        "query_freebusy",
        json!({"time_min": format!("{day}T15:00:00Z"), "time_max": format!("{day}T17:00:00Z"),
            "calendar_ids": ["primary", "priya.shah@example.com", "nobody@nowhere.example"]}),
    )
    .await;
    let block = format!("1 busy block(s)\n    {day}T16:00:00Z to {day}T16:30:00Z\n");
    assert!(out.starts_with(&format!("Free/busy from {day}T15:00:00+00:00 to {day}T17:00:00+00:00:\n")), "{out}");
    assert!(out.contains(&format!("- primary: {block}")), "{out}");
    assert!(out.contains(&format!("- priya.shah@example.com: {block}")), "{out}");
    assert!(out.contains("- nobody@nowhere.example: could not be read: notFound (global)"), "{out}");
    let queries = requests_for(&sb, "calendar.freebusy.query");
    assert_eq!(queries.len(), 1);
    assert_eq!((queries[0].method.as_str(), queries[0].path.as_str()), ("POST", "/calendar/v3/freeBusy"));
    let body = queries[0].body.clone().unwrap();
    assert_eq!(
        body["items"],
        json!([{"id": "primary"}, {"id": "priya.shah@example.com"}, {"id": "nobody@nowhere.example"}])
    );
    assert_eq!(
        (body["timeMin"].as_str(), body["timeMax"].as_str()),
        (Some(format!("{day}T15:00:00+00:00").as_str()), Some(format!("{day}T17:00:00+00:00").as_str()))
    );

    let free = ok(
        &client,
        "query_freebusy",
        json!({"time_min": format!("{day}T16:30:00Z"), "time_max": format!("{day}T17:00:00Z")}),
    )
    .await;
    assert!(free.contains("- primary: free for the whole interval"), "{free}");
    assert_eq!(
        requests_for(&sb, "calendar.freebusy.query").pop().unwrap().body.unwrap()["items"],
        json!([{"id": "primary"}])
    );

    refused(
        &client,
        &sb,
        "query_freebusy",
        json!({"time_min": format!("{day}T17:00:00Z"), "time_max": format!("{day}T15:00:00Z")}),
        &[&format!("time_max ({day}T15:00:00+00:00) must be after time_min ({day}T17:00:00+00:00)")],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// manage_out_of_office: create (whole days as midnights in the zone, auto-decline by
/// default, the decline message), list (by event type; the seeded summer break shows up
/// from now on), delete. Deleting an ordinary meeting through it is refused and the
/// meeting is left alone.
#[tokio::test]
async fn out_of_office_create_list_delete_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(
        &client,
        "manage_out_of_office",
        json!({"action": "create", "start_time": "2032-08-02", "end_time": "2032-08-07", "timezone": "Europe/Berlin", "decline_message": "Back on 9 August; for Atlas ask Priya."}),
    )
    .await;
    assert!(out.starts_with("Out of Office created.\nEvent: \"Out of Office\""), "{out}");
    let id = id_after(&out, "- ID: ");
    let insert = requests_for(&sb, "calendar.events.insert").pop().unwrap();
    assert_eq!(insert.path, "/calendar/v3/calendars/primary/events");
    let body = insert.body.unwrap();
    assert_eq!(body["eventType"], "outOfOffice");
    assert_eq!(body["start"], json!({"dateTime": "2032-08-02T00:00:00+02:00", "timeZone": "Europe/Berlin"}));
    assert_eq!(body["end"], json!({"dateTime": "2032-08-07T00:00:00+02:00", "timeZone": "Europe/Berlin"}));
    assert_eq!(
        body["outOfOfficeProperties"],
        json!({"autoDeclineMode": "declineAllConflictingInvitations", "declineMessage": "Back on 9 August; for Atlas ask Priya."})
    );

    let range = json!({"action": "list", "time_min": "2032-08-01T00:00:00Z", "time_max": "2032-09-01T00:00:00Z"});
    let listed = ok(&client, "manage_out_of_office", range.clone()).await;
    assert!(
        listed.starts_with("1 Out of Office event(s) in calendar primary from 2032-08-01T00:00:00+00:00:"),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("- ID: {id}"))
            && listed.contains("- Decline message: Back on 9 August; for Atlas ask Priya."),
        "{listed}"
    );
    let list = requests_for(&sb, "calendar.events.list").pop().unwrap();
    assert_eq!(list.query_values("eventTypes"), ["outOfOffice"]);
    assert_eq!(list.query_param("singleEvents"), Some("true"));
    let upcoming = ok(&client, "manage_out_of_office", json!({"action": "list"})).await;
    assert!(upcoming.contains("- ID: summerbreak") && upcoming.contains(&format!("- ID: {id}")), "{upcoming}");
    assert!(!upcoming.contains("- ID: oneononemarco"), "only out-of-office events: {upcoming}");

    let e = err(&client, "manage_out_of_office", json!({"action": "delete", "event_id": "oneononemarco"})).await;
    assert!(e.contains("event oneononemarco is a default event, not Out of Office; use manage_event for it"), "{e}");
    assert!(requests_for(&sb, "calendar.events.delete").is_empty(), "the meeting was not deleted");
    let meeting = ok(&client, "get_events", json!({"event_id": "oneononemarco"})).await;
    assert!(meeting.starts_with("- \"1:1 Alex / Marco\"") && !meeting.contains("[cancelled]"), "{meeting}");

    let deleted = ok(&client, "manage_out_of_office", json!({"action": "delete", "event_id": id})).await;
    assert_eq!(deleted, format!("Deleted Out of Office event {id} from calendar primary."));
    let delete = requests_for(&sb, "calendar.events.delete").pop().unwrap();
    assert_eq!(
        (delete.method.as_str(), delete.path.clone()),
        ("DELETE", format!("/calendar/v3/calendars/primary/events/{id}"))
    );
    let listed = ok(&client, "manage_out_of_office", range).await;
    assert!(
        listed.starts_with("No Out of Office events in calendar primary from 2032-08-01T00:00:00+00:00."),
        "{listed}"
    );
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// manage_focus_time: create with wall-clock times read in the calendar's zone (Europe/
/// Berlin, looked up once), auto-decline and the chosen Chat status; list by type (the
/// seeded recurring focus block is expanded); delete. A block ending before it starts is
/// refused.
#[tokio::test]
async fn focus_time_create_list_delete_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "manage_focus_time",
        json!({"action": "create", "start_time": "2032-08-09T09:00", "end_time": "2032-08-09T11:00", "summary": "Write the Atlas sync spec", "chat_status": "available"}),
    )
    .await;
    assert!(out.starts_with("Focus Time created.\nEvent: \"Write the Atlas sync spec\""), "{out}");
    let id = id_after(&out, "- ID: ");
    let lookups = requests_for(&sb, "calendar.events.list");
    assert_eq!(lookups.len(), 1, "one read of the calendar's zone");
    assert_eq!(lookups[0].query_param("maxResults"), Some("1"));
    let body = requests_for(&sb, "calendar.events.insert").pop().unwrap().body.unwrap();
    assert_eq!(body["eventType"], "focusTime");
    assert_eq!(body["start"], json!({"dateTime": "2032-08-09T09:00:00+02:00", "timeZone": "Europe/Berlin"}));
    assert_eq!(body["end"], json!({"dateTime": "2032-08-09T11:00:00+02:00", "timeZone": "Europe/Berlin"}));
    assert_eq!(
        body["focusTimeProperties"],
        json!({"autoDeclineMode": "declineAllConflictingInvitations", "chatStatus": "available"})
    );

    let range = json!({"action": "list", "time_min": "2032-08-09T00:00:00Z", "time_max": "2032-08-10T00:00:00Z"});
    let listed = ok(&client, "manage_focus_time", range.clone()).await;
    assert!(listed.starts_with("1 Focus Time event(s) in calendar primary"), "{listed}");
    assert!(listed.contains(&format!("- ID: {id}")) && listed.contains("- Chat status: available"), "{listed}");
    assert_eq!(requests_for(&sb, "calendar.events.list").pop().unwrap().query_values("eventTypes"), ["focusTime"]);
    let upcoming = ok(&client, "manage_focus_time", json!({"action": "list", "max_results": 3})).await;
    let ids = values_after(&upcoming, "- ID: ");
    assert_eq!(ids.len(), 3, "{upcoming}");
    assert!(ids.iter().all(|i| i.starts_with("focusblock_")), "instances of the seeded series: {upcoming}");
    assert!(upcoming.contains("- Description: Deep work: sync engine v2."), "{upcoming}");

    let deleted = ok(&client, "manage_focus_time", json!({"action": "delete", "event_id": id})).await;
    assert_eq!(deleted, format!("Deleted Focus Time event {id} from calendar primary."));
    assert_eq!(
        requests_for(&sb, "calendar.events.delete").pop().unwrap().path,
        format!("/calendar/v3/calendars/primary/events/{id}")
    );
    let listed = ok(&client, "manage_focus_time", range).await;
    assert!(listed.starts_with("No Focus Time events in calendar primary"), "{listed}");

    refused(
        &client,
        &sb,
        "manage_focus_time",
        json!({"action": "create", "start_time": "2032-08-09T11:00:00+02:00", "end_time": "2032-08-09T09:00:00+02:00"}),
        &["end_time (2032-08-09T09:00:00+02:00) must be after start_time (2032-08-09T11:00:00+02:00)"],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// create_calendar posts the name, description and zone; list_calendars then shows the
/// new calendar next to the seeded ones, and the new id works as calendar_id. An unknown
/// zone and a page size of 0 are refused before any request.
#[tokio::test]
async fn create_calendar_then_list_calendars_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "create_calendar", json!({"summary": "Atlas launch war room", "description": "Launch week coordination", "timezone": "Europe/Lisbon"})).await;
    assert!(out.starts_with("Created calendar \"Atlas launch war room\" (ID: "), "{out}");
    assert!(out.contains("- Time zone: Europe/Lisbon"), "{out}");
    let id = id_after(&out, "(ID: ");
    let insert = requests_for(&sb, "calendar.calendars.insert").pop().unwrap();
    assert_eq!((insert.method.as_str(), insert.path.as_str()), ("POST", "/calendar/v3/calendars"));
    assert_eq!(
        insert.body.unwrap(),
        json!({"summary": "Atlas launch war room", "description": "Launch week coordination", "timeZone": "Europe/Lisbon"})
    );

    let listed = ok(&client, "list_calendars", json!({})).await;
    assert!(
        listed.contains(&format!("- \"Atlas launch war room\" (ID: {id}) [access: owner, time zone: Europe/Lisbon]")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("- \"{USER}\" (Primary) (ID: {USER}) [access: owner, time zone: Europe/Berlin]")),
        "{listed}"
    );
    assert!(listed.contains("- \"Atlas project\" (ID: c_"), "{listed}");
    assert_eq!(
        requests_for(&sb, "calendar.calendarList.list").pop().unwrap().path,
        "/calendar/v3/users/me/calendarList"
    );

    ok(&client, "manage_event", json!({"action": "create", "calendar_id": id, "summary": "Go/no-go", "start_time": "2032-09-01T09:00:00Z", "end_time": "2032-09-01T09:30:00Z"})).await;
    let events = ok(
        &client,
        "get_events",
        json!({"calendar_id": id, "time_min": "2032-09-01T00:00:00Z", "time_max": "2032-09-02T00:00:00Z"}),
    )
    .await;
    assert!(
        events.starts_with(&format!("1 event(s) in calendar {id}")) && events.contains("- \"Go/no-go\""),
        "{events}"
    );

    refused(
        &client,
        &sb,
        "create_calendar",
        json!({"summary": "Mars office", "timezone": "Mars/Base"}),
        &["timezone 'Mars/Base' is not an IANA time zone"],
    )
    .await;
    refused(
        &client,
        &sb,
        "list_calendars",
        json!({"max_results": 0}),
        &["max_results must be between 1 and 2500, got 0"],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}
