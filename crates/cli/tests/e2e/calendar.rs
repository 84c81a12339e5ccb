//! The 7 Calendar tools through the real binary, over stdio and streamable HTTP, against the
//! seeded sandbox calendar (primary alex.rivera@example.com in Europe/Berlin, Priya's weekly
//! Atlas sync invitation, the roadmap review, the summer out-of-office, the focus block).
//! Each test checks a success, an error path and the Calendar requests the sandbox saw;
//! invalid input is shown to be refused, naming the value, before any request. Here:
//! manage_event and get_events, and bad times across the tools; `status`: the others.

use serde_json::{Value, json};
use wsmcp_sandbox_kit::SandboxHandle;

use crate::harness::{
    Client, HttpServer, USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client, values_after,
};

/// Free/busy, calendars, out of office and focus time.
mod status;

/// The text after `key` up to the next `)`, space, `|` or line end, e.g. `id_after(out, "(ID: ")`.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|']).next().unwrap().to_string()
}

/// The one-line events (`- "title" (Starts: ...) ID: ...`) of a get_events reply.
fn event_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("- \"")).collect()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`);
/// the seed is dated relative to today, and this test crate has no date library.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`], as `YYYY-MM-DD`.
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `date` (`YYYY-MM-DD`) moved by `days`.
fn add_days(date: &str, days: i64) -> String {
    let part = |r: std::ops::Range<usize>| date[r].parse::<i64>().unwrap();
    civil_from_days(days_from_civil(part(0..4), part(5..7), part(8..10)) + days)
}

/// The date (UTC) the seeded weekly Atlas sync series starts on, read through the binary.
async fn weekly_sync_first_day(client: &Client) -> String {
    let series = ok(client, "get_events", json!({"event_id": "atlasstatusmeeting", "detailed": true})).await;
    assert!(series.contains("- Recurrence: RRULE:FREQ=WEEKLY"), "{series}");
    // Calendar shows times in the calendar's zone (Europe/Berlin), where 16:00 UTC falls on
    // the same date.
    let start = values_after(&series, "- Starts: ").remove(0);
    assert!(
        start.ends_with("T17:00:00+01:00") || start.ends_with("T18:00:00+02:00"),
        "the sync is at 16:00 UTC: {series}"
    );
    start[..10].to_string()
}

/// Calls `tool` with input it must refuse; the message must contain each of `wanted`, and
/// not a single request may reach the sandbox.
async fn refused(client: &Client, sb: &SandboxHandle, tool: &str, args: Value, wanted: &[&str]) {
    let before = sb.requests().len();
    let e = err(client, tool, args.clone()).await;
    assert!(e.contains(&format!("{tool} failed. Invalid input: ")), "{tool}({args}): {e}");
    for w in wanted {
        assert!(e.contains(w), "{tool}({args}): {w:?} missing from: {e}");
    }
    assert_eq!(sb.requests().len(), before, "{tool}({args}): invalid input reached Calendar");
}

/// A new event with guests, custom reminders, an explicit zone and Google Meet: the insert
/// carries conferenceDataVersion=1 and a hangoutsMeet createRequest, the wall-clock times
/// are pinned in the given zone without asking for the calendar's, and the reply (and a
/// read back) has the Meet link and the guests. A time Calendar cannot read is refused.
#[tokio::test]
async fn create_event_with_meet_guests_reminders_and_zone_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "manage_event",
        json!({
            "action": "create", "summary": "Atlas partner kickoff", "start_time": "2032-03-02T09:30", "end_time": "2032-03-02T10:30",
            "timezone": "America/New_York", "location": "Northwind NYC office",
            "attendees": ["priya.shah@example.com", {"email": "jonas.weber@northwind.example", "optional": true}],
            "reminders": [{"method": "popup", "minutes": 15}, {"method": "email", "minutes": 1440}],
            "add_google_meet": true, "send_updates": "none"
        }),
    )
    .await;
    assert!(out.starts_with("Created event \"Atlas partner kickoff\" (ID: "), "{out}");
    assert!(out.contains("on calendar primary."), "{out}");
    assert!(out.contains("- Attendees: priya.shah@example.com, jonas.weber@northwind.example"), "{out}");
    let id = id_after(&out, "(ID: ");
    let meet = values_after(&out, "- Meeting link: ").pop().unwrap_or_else(|| panic!("no Meet link: {out}"));
    assert!(meet.starts_with("https://meet.google.com/"), "{out}");

    let inserts = requests_for(&sb, "calendar.events.insert");
    assert_eq!(inserts.len(), 1);
    let insert = &inserts[0];
    assert_eq!((insert.method.as_str(), insert.path.as_str()), ("POST", "/calendar/v3/calendars/primary/events"));
    assert_eq!(insert.query_param("conferenceDataVersion"), Some("1"));
    assert_eq!(insert.query_param("sendUpdates"), Some("none"));
    let body = insert.body.clone().unwrap();
    assert_eq!(body["start"], json!({"dateTime": "2032-03-02T09:30:00-05:00", "timeZone": "America/New_York"}));
    assert_eq!(body["end"], json!({"dateTime": "2032-03-02T10:30:00-05:00", "timeZone": "America/New_York"}));
    assert_eq!(
        body["attendees"],
        json!([{"email": "priya.shah@example.com"}, {"email": "jonas.weber@northwind.example", "optional": true}])
    );
    assert_eq!(
        body["reminders"],
        json!({"useDefault": false, "overrides": [{"method": "popup", "minutes": 15}, {"method": "email", "minutes": 1440}]})
    );
    let create = &body["conferenceData"]["createRequest"];
    assert_eq!(create["conferenceSolutionKey"]["type"], "hangoutsMeet");
    assert!(create["requestId"].as_str().is_some_and(|r| !r.is_empty()), "{body}");
    assert!(
        requests_for(&sb, "calendar.events.list").is_empty(),
        "an explicit zone needs no look-up of the calendar's"
    );

    let read = ok(&client, "get_events", json!({"event_id": id, "detailed": true})).await;
    for want in [
        "Event: \"Atlas partner kickoff\"",
        "- Time zone: America/New_York",
        &format!("- Meeting link: {meet}"),
        "- Location: Northwind NYC office",
        "priya.shah@example.com: needsAction",
        "jonas.weber@northwind.example: needsAction (optional)",
        &format!("- Organizer: {USER}"),
    ] {
        assert!(read.contains(want), "missing {want:?} in\n{read}");
    }

    refused(
        &client,
        &sb,
        "manage_event",
        json!({"action": "create", "summary": "Lunch", "start_time": "next tuesday noon", "end_time": "2032-03-02T13:00:00Z"}),
        &["start_time 'next tuesday noon' is not a time Calendar understands", "2026-05-12T15:00:00Z"],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Renaming an event is a PATCH of the summary alone: the body has no attendees (nor
/// anything else), no full-event update is sent, and reading the seeded roadmap review back
/// lists all its guests with their answers, its Meet link and its Drive attachments. Someone
/// else's event (Priya's weekly sync) cannot be renamed, and its guests stay as they were.
#[tokio::test]
async fn update_of_the_summary_only_keeps_the_attendees_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let detailed = json!({"event_id": "roadmapcheck", "detailed": true, "include_attachments": true});
    let guests = [
        "alex.rivera@example.com: accepted (organizer)",
        "priya.shah@example.com: accepted",
        "marco.bianchi@example.com: tentative",
    ];
    let before = ok(&client, "get_events", detailed.clone()).await;
    assert!(
        before.contains("- Attendees: alex.rivera@example.com, priya.shah@example.com, marco.bianchi@example.com"),
        "{before}"
    );

    let requests_before = sb.requests().len();
    let out = ok(
        &client,
        "manage_event",
        json!({"action": "update", "event_id": "roadmapcheck", "summary": "Atlas Q3 roadmap review (final)"}),
    )
    .await;
    assert!(out.starts_with("Changed: summary.\nUpdated event \"Atlas Q3 roadmap review (final)\" (ID: roadmapcheck) on calendar primary."), "{out}");
    assert!(
        out.contains("- Attendees: alex.rivera@example.com, priya.shah@example.com, marco.bianchi@example.com"),
        "{out}"
    );
    assert_eq!(sb.requests().len(), requests_before + 1, "one PATCH, nothing read first");
    let patch = requests_for(&sb, "calendar.events.patch").pop().unwrap();
    assert_eq!(
        (patch.method.as_str(), patch.path.as_str()),
        ("PATCH", "/calendar/v3/calendars/primary/events/roadmapcheck")
    );
    let body = patch.body.clone().unwrap();
    assert!(body.get("attendees").is_none(), "a rename must not send the guest list: {body}");
    assert_eq!(body, json!({"summary": "Atlas Q3 roadmap review (final)"}), "only the summary");
    assert_eq!(patch.query_param("conferenceDataVersion"), None, "the conference is not touched");
    assert!(requests_for(&sb, "calendar.events.update").is_empty(), "never a whole-event replacement");

    let after = ok(&client, "get_events", detailed).await;
    assert!(after.starts_with("Event: \"Atlas Q3 roadmap review (final)\""), "{after}");
    assert!(
        after.contains("- Attendees: alex.rivera@example.com, priya.shah@example.com, marco.bianchi@example.com"),
        "{after}"
    );
    for want in guests.iter().copied().chain([
        "- Meeting link: https://meet.google.com/qtr-rdmp-vqe",
        "File ID: 1AtlasRoadmapPdfXk7Qm2Lp9Rt4Vw8Zb",
        "File ID: 1AtlasQ3PlanDocXk7Qm2Lp9Rt4Vw8Zb3",
        "File ID: 1AtlasBudgetSheetXk7Qm2Lp9Rt4Vw8Z",
        "- Description: Walk through the final Q3 roadmap; decide on offline mode scope.",
    ]) {
        assert!(after.contains(want), "missing {want:?} after the rename:\n{after}");
    }

    // Priya organizes the weekly sync: Calendar refuses the rename, nothing changes.
    let e = err(
        &client,
        "manage_event",
        json!({"action": "update", "event_id": "atlasstatusmeeting", "summary": "My sync"}),
    )
    .await;
    assert!(e.contains("403") && e.contains("no permission"), "{e}");
    let sync = ok(&client, "get_events", json!({"event_id": "atlasstatusmeeting", "detailed": true})).await;
    assert!(sync.starts_with("Event: \"Atlas weekly sync\""), "{sync}");
    assert!(
        sync.contains("- Attendees: priya.shah@example.com, alex.rivera@example.com, marco.bianchi@example.com, lena.fischer@example.com"),
        "{sync}"
    );
    refused(
        &client,
        &sb,
        "manage_event",
        json!({"action": "update", "event_id": "roadmapcheck"}),
        &["nothing to update"],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// An all-day event is sent as exclusive `date` boundaries and listed by date; accepting
/// the weekly sync invitation changes only the user's answer; delete removes the event
/// (Calendar then shows it cancelled). An all-day event ending on its start day is refused,
/// and deleting an unknown id is Calendar's 404.
#[tokio::test]
async fn all_day_event_rsvp_and_delete_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "manage_event",
        json!({"action": "create", "summary": "Atlas offsite", "start_time": "2032-12-03", "end_time": "2032-12-05"}),
    )
    .await;
    assert!(out.contains("- Starts: 2032-12-03\n- Ends: 2032-12-05\n"), "{out}");
    let id = id_after(&out, "(ID: ");
    let insert = requests_for(&sb, "calendar.events.insert").pop().unwrap();
    let body = insert.body.clone().unwrap();
    assert_eq!(
        (body["start"].clone(), body["end"].clone()),
        (json!({"date": "2032-12-03"}), json!({"date": "2032-12-05"}))
    );
    assert_eq!(insert.query_param("conferenceDataVersion"), None, "no conference asked for");
    let listed =
        ok(&client, "get_events", json!({"time_min": "2032-12-01", "time_max": "2032-12-10", "query": "offsite"}))
            .await;
    let lines = event_lines(&listed);
    assert_eq!(lines.len(), 1, "{listed}");
    assert!(
        lines[0].starts_with(&format!("- \"Atlas offsite\" (Starts: 2032-12-03, Ends: 2032-12-05) ID: {id}")),
        "{listed}"
    );
    // Dates are midnights in the calendar's zone (Europe/Berlin, UTC+1 in December); the
    // query keeps the seeded weekly series out of the list.
    let list = requests_for(&sb, "calendar.events.list").pop().unwrap();
    assert_eq!(list.query_param("timeMin"), Some("2032-12-01T00:00:00+01:00"));
    assert_eq!(list.query_param("timeMax"), Some("2032-12-10T00:00:00+01:00"));

    let answered = ok(
        &client,
        "manage_event",
        json!({"action": "rsvp", "event_id": "atlasstatusmeeting", "response": "accepted", "send_updates": "none"}),
    )
    .await;
    assert!(
        answered.starts_with(&format!(
            "Answered \"accepted\" to \"Atlas weekly sync\" (ID: atlasstatusmeeting) as {USER}."
        )),
        "{answered}"
    );
    let rsvp = requests_for(&sb, "calendar.events.patch").pop().unwrap();
    let sent = rsvp.body.unwrap();
    assert_eq!(sent.as_object().unwrap().keys().collect::<Vec<_>>(), ["attendees"], "{sent}");
    let answers: Vec<(&str, &str)> = sent["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["email"].as_str().unwrap(), a["responseStatus"].as_str().unwrap()))
        .collect();
    assert_eq!(
        answers,
        [
            ("priya.shah@example.com", "accepted"),
            (USER, "accepted"),
            ("marco.bianchi@example.com", "accepted"),
            ("lena.fischer@example.com", "accepted")
        ]
    );
    let sync = ok(&client, "get_events", json!({"event_id": "atlasstatusmeeting", "detailed": true})).await;
    assert!(sync.contains(&format!("{USER}: accepted")), "{sync}");

    let deleted = ok(&client, "manage_event", json!({"action": "delete", "event_id": id})).await;
    assert_eq!(deleted, format!("Deleted event {id} from calendar primary (notifications: all)."));
    let delete = requests_for(&sb, "calendar.events.delete").pop().unwrap();
    assert_eq!(
        (delete.method.as_str(), delete.path.clone()),
        ("DELETE", format!("/calendar/v3/calendars/primary/events/{id}"))
    );
    assert_eq!(delete.query_param("sendUpdates"), Some("all"));
    let gone = ok(&client, "get_events", json!({"event_id": id})).await;
    assert!(gone.ends_with("[cancelled]"), "{gone}");
    let listed =
        ok(&client, "get_events", json!({"time_min": "2032-12-01", "time_max": "2032-12-10", "query": "offsite"}))
            .await;
    assert!(listed.starts_with("No events in calendar primary"), "{listed}");

    refused(
        &client,
        &sb,
        "manage_event",
        json!({"action": "create", "summary": "Offsite", "start_time": "2032-12-03", "end_time": "2032-12-03"}),
        &["end_time 2032-12-03 must be after start_time 2032-12-03", "exclusive"],
    )
    .await;
    let e = err(&client, "manage_event", json!({"action": "delete", "event_id": "nosuchevent"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("events/nosuchevent"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_events over a three-week range with a search query expands the weekly sync into its
/// three instances in order (instance ids carry their start), sending timeMin/timeMax, q,
/// singleEvents and orderBy; with single_events false the series comes back once with its
/// rule. An unknown event id is a 404 and an unreadable time_min is refused.
#[tokio::test]
async fn get_events_range_query_and_weekly_expansion_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let first = weekly_sync_first_day(&client).await;
    let (from, to) = (format!("{first}T00:00:00Z"), format!("{}T00:00:00Z", add_days(&first, 21)));

    let out = ok(&client, "get_events", json!({"time_min": from, "time_max": to, "query": "weekly sync"})).await;
    let (min, max) = (format!("{first}T00:00:00+00:00"), format!("{}T00:00:00+00:00", add_days(&first, 21)));
    assert!(
        out.starts_with(&format!("3 event(s) in calendar primary from {min} to {max} matching \"weekly sync\":\n")),
        "{out}"
    );
    let ids: Vec<String> = event_lines(&out).iter().map(|l| id_after(l, "ID: ")).collect();
    let expected: Vec<String> = [0, 7, 14]
        .iter()
        .map(|d| format!("atlasstatusmeeting_{}T160000Z", add_days(&first, *d).replace('-', "")))
        .collect();
    assert_eq!(ids, expected, "{out}");
    for line in event_lines(&out) {
        assert!(
            line.starts_with("- \"Atlas weekly sync\"")
                && line.ends_with("| Meeting: https://meet.google.com/abc-defg-hij"),
            "{line}"
        );
    }
    let list = requests_for(&sb, "calendar.events.list").pop().unwrap();
    assert_eq!(list.path, "/calendar/v3/calendars/primary/events");
    assert_eq!((list.query_param("timeMin"), list.query_param("timeMax")), (Some(min.as_str()), Some(max.as_str())));
    assert_eq!(list.query_param("q"), Some("weekly sync"));
    assert_eq!((list.query_param("singleEvents"), list.query_param("orderBy")), (Some("true"), Some("startTime")));

    let series = ok(
        &client,
        "get_events",
        json!({"time_min": from, "time_max": to, "query": "weekly sync", "single_events": false, "detailed": true}),
    )
    .await;
    assert!(series.starts_with("1 event(s) in calendar primary"), "{series}");
    assert_eq!(values_after(&series, "- ID: "), ["atlasstatusmeeting"], "{series}");
    assert!(
        series.contains("- Recurrence: RRULE:FREQ=WEEKLY") && series.contains("- Organizer: priya.shah@example.com"),
        "{series}"
    );
    let list = requests_for(&sb, "calendar.events.list").pop().unwrap();
    assert_eq!((list.query_param("singleEvents"), list.query_param("orderBy")), (Some("false"), None));

    let e = err(&client, "get_events", json!({"event_id": "nosuchevent"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("events/nosuchevent"), "{e}");
    refused(
        &client,
        &sb,
        "get_events",
        json!({"time_min": "tomorrow morning"}),
        &["time_min 'tomorrow morning' is not a time Calendar understands"],
    )
    .await;
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Bad times across the tools are refused with the argument and its value named, before
/// anything is asked of Calendar: an end before the start, unreadable times, a time skipped
/// by daylight saving, a mixed all-day/timed event.
#[tokio::test]
async fn bad_times_are_refused_before_any_request_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let event =
        |start: &str, end: &str| json!({"action": "create", "summary": "Check", "start_time": start, "end_time": end});

    refused(
        &client,
        &sb,
        "manage_event",
        event("2032-05-04T15:00:00Z", "2032-05-04T14:00:00Z"),
        &["end_time (2032-05-04T14:00:00+00:00) must be after start_time (2032-05-04T15:00:00+00:00)"],
    )
    .await;
    refused(
        &client,
        &sb,
        "manage_event",
        event("2032-05-04T15:00", "half past four"),
        &["end_time 'half past four' is not a time Calendar understands"],
    )
    .await;
    refused(&client, &sb, "manage_event", json!({"action": "create", "summary": "Check", "start_time": "2032-03-28T02:30", "end_time": "2032-03-28T03:30", "timezone": "Europe/Berlin"}), &["start_time 2032-03-28T02:30 does not exist in Europe/Berlin"]).await;
    refused(&client, &sb, "manage_event", event("2032-05-04", "2032-05-04T16:00"), &["must both be dates"]).await;
    refused(
        &client,
        &sb,
        "manage_out_of_office",
        json!({"action": "create", "start_time": "2032-08-02", "end_time": "soon", "timezone": "Europe/Berlin"}),
        &["end_time 'soon' is not a time Calendar understands"],
    )
    .await;
    refused(
        &client,
        &sb,
        "get_events",
        json!({"time_min": "2032-05-04T15:00:00Z", "time_max": "2032-05-04T14:00:00Z"}),
        &["time_max (2032-05-04T14:00:00+00:00) must be after time_min (2032-05-04T15:00:00+00:00)"],
    )
    .await;
    refused(
        &client,
        &sb,
        "query_freebusy",
        json!({"time_min": "yesterday", "time_max": "2032-05-04T14:00:00Z"}),
        &["time_min 'yesterday' is not a time Calendar understands"],
    )
    .await;
    assert!(requests_for(&sb, "calendar.events.insert").is_empty());
    client.cancel().await.unwrap();
    assert_valid(&sb);
}
