//! Out of office and focus time rules, free/busy, and time zone arithmetic.

use chrono::{Duration, Utc};
use serde_json::{Value, json};
use wsmcp_calendar::sandbox::ATLAS_CALENDAR;

use crate::support::{USER, enc, ids, items, reason, start, ts};

fn ooo(start: &str, end: &str) -> Value {
    json!({
        "summary": "Out of office",
        "eventType": "outOfOffice",
        "start": { "dateTime": start, "timeZone": "Europe/Berlin" },
        "end": { "dateTime": end, "timeZone": "Europe/Berlin" },
        "outOfOfficeProperties": { "declineMessage": "Back on Monday" },
    })
}

#[tokio::test]
async fn out_of_office_and_focus_time_rules() {
    let c = start().await;
    let created = c.insert("primary", "", ooo("2031-06-02T00:00:00", "2031-06-07T00:00:00")).await;
    assert_eq!(created["eventType"], "outOfOffice");
    assert_eq!(created["outOfOfficeProperties"]["autoDeclineMode"], "declineAllConflictingInvitations");
    assert_eq!(created["outOfOfficeProperties"]["declineMessage"], "Back on Monday");
    // Only on a primary calendar, only with date-times, without guests or description.
    let (status, error) = c
        .post(&format!("/calendars/{}/events", enc(ATLAS_CALENDAR)), ooo("2031-06-02T00:00:00", "2031-06-03T00:00:00"))
        .await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "malformedOutOfOfficeEvent"));
    let mut all_day = ooo("x", "y");
    all_day["start"] = json!({ "date": "2031-06-02" });
    all_day["end"] = json!({ "date": "2031-06-03" });
    let (status, error) = c.post("/calendars/primary/events", all_day).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "malformedOutOfOfficeEvent"));
    let mut guests = ooo("2031-06-02T00:00:00", "2031-06-03T00:00:00");
    guests["attendees"] = json!([{ "email": "marco.bianchi@example.com" }]);
    assert_eq!(c.post("/calendars/primary/events", guests).await.0, 400);
    let mut described = ooo("2031-06-02T00:00:00", "2031-06-03T00:00:00");
    described["description"] = json!("Vacation");
    assert_eq!(c.post("/calendars/primary/events", described).await.0, 400);
    let mut bad_mode = ooo("2031-06-02T00:00:00", "2031-06-03T00:00:00");
    bad_mode["outOfOfficeProperties"]["autoDeclineMode"] = json!("declineEverything");
    assert_eq!(c.post("/calendars/primary/events", bad_mode).await.0, 400);
    // The event type is fixed once created; other fields patch as usual.
    let path = format!("/calendars/primary/events/{}", created["id"].as_str().unwrap());
    let (status, error) = c.patch(&path, json!({ "eventType": "default" })).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "invalidEventType"));
    let (status, patched) =
        c.patch(&path, json!({ "outOfOfficeProperties": { "autoDeclineMode": "declineNone" } })).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["outOfOfficeProperties"]["declineMessage"], "Back on Monday", "merged");
    // Focus time: chat status defaults to do-not-disturb.
    let focus = c
        .insert(
            "primary",
            "",
            json!({
                "summary": "Focus", "eventType": "focusTime",
                "start": { "dateTime": "2031-06-09T09:00:00+02:00" }, "end": { "dateTime": "2031-06-09T11:00:00+02:00" },
                "focusTimeProperties": { "autoDeclineMode": "declineOnlyNewConflictingInvitations" },
            }),
        )
        .await;
    assert_eq!(focus["focusTimeProperties"]["chatStatus"], "doNotDisturb");
    let (status, error) = c
        .post(
            &format!("/calendars/{}/events", enc(ATLAS_CALENDAR)),
            json!({ "eventType": "focusTime", "start": { "dateTime": "2031-06-09T09:00:00Z" }, "end": { "dateTime": "2031-06-09T10:00:00Z" } }),
        )
        .await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "malformedFocusTimeEvent"));
    let (status, _) = c
        .post(
            "/calendars/primary/events",
            json!({ "focusTimeProperties": { "chatStatus": "available" }, "start": { "dateTime": "2031-06-09T09:00:00Z" }, "end": { "dateTime": "2031-06-09T10:00:00Z" } }),
        )
        .await;
    assert_eq!(status, 400, "focus time properties on a default event");
    // The seed's weekly sync falls in any week, so the filter has something to leave out; the
    // seed's own out-of-office may fall there too, depending on the clock.
    let listed = c
        .ok("/calendars/primary/events?eventTypes=outOfOffice&timeMin=2031-06-01T00%3A00%3A00Z&timeMax=2031-06-08T00%3A00%3A00Z")
        .await;
    assert!(ids(&listed).contains(&created["id"].as_str().unwrap().to_string()), "{listed}");
    assert!(items(&listed).iter().all(|e| e["eventType"] == "outOfOffice"), "{listed}");
    c.assert_valid();
}

#[tokio::test]
async fn freebusy_of_calendars_and_colleagues() {
    let c = start().await;
    let now = wsmcp_testkit::now();
    let (min, max) = (now, now + Duration::days(7));
    let body = json!({
        "timeMin": min.to_rfc3339(),
        "timeMax": max.to_rfc3339(),
        "items": [{ "id": "primary" }, { "id": "nobody@example.com" }, { "id": "marco.bianchi@example.com" }, { "id": ATLAS_CALENDAR }],
    });
    let (status, fb) = c.post("/freeBusy", body).await;
    assert_eq!(status, 200, "{fb}");
    assert_eq!(fb["kind"], "calendar#freeBusy");
    assert_eq!(
        fb["calendars"]["nobody@example.com"],
        json!({ "errors": [{ "domain": "global", "reason": "notFound" }], "busy": [] })
    );
    let busy = |id: &str| fb["calendars"][id]["busy"].as_array().unwrap().clone();
    let primary = busy("primary");
    assert!(!primary.is_empty());
    let one = c.ok("/calendars/primary/events/oneononemarco?timeZone=UTC").await;
    let (s, e) = (one["start"]["dateTime"].as_str().unwrap(), one["end"]["dateTime"].as_str().unwrap());
    assert!(
        primary.iter().any(|p| p["start"].as_str().unwrap() <= s && p["end"].as_str().unwrap() >= e),
        "the 1:1 is busy time: {primary:?}"
    );
    let mut sorted = primary.clone();
    sorted.sort_by_key(|p| p["start"].as_str().unwrap().to_string());
    assert_eq!(primary, sorted);
    for pair in primary.windows(2) {
        assert!(pair[0]["end"].as_str().unwrap() < pair[1]["start"].as_str().unwrap(), "merged: {pair:?}");
    }
    // Marco is busy in the meetings he accepted with the user.
    assert!(busy("marco.bianchi@example.com").iter().any(|p| p["start"] == s));
    assert!(!busy(ATLAS_CALENDAR).is_empty(), "the daily standup");
    // A declined meeting does not block: Marco declined the budget review.
    let past = c.ok("/calendars/primary/events/budgetpast?timeZone=UTC").await;
    let (ps, pe) = (past["start"]["dateTime"].as_str().unwrap(), past["end"]["dateTime"].as_str().unwrap());
    let (_, back) = c
        .post("/freeBusy", json!({ "timeMin": ps, "timeMax": pe, "items": [{ "id": "marco.bianchi@example.com" }, { "id": "lena.fischer@example.com" }, { "id": USER }] }))
        .await;
    assert_eq!(back["calendars"]["marco.bianchi@example.com"]["busy"], json!([]));
    assert_eq!(back["calendars"]["lena.fischer@example.com"]["busy"], json!([{ "start": ps, "end": pe }]));
    assert_eq!(back["calendars"][USER]["busy"], json!([{ "start": ps, "end": pe }]));
    // The window must not be empty; the answer's zone follows timeZone.
    let (status, error) =
        c.post("/freeBusy", json!({ "timeMin": max.to_rfc3339(), "timeMax": min.to_rfc3339(), "items": [] })).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "timeRangeEmpty"));
    assert_eq!(error["error"]["errors"][0]["location"], "timeMax");
    let (_, berlin) = c
        .post(
            "/freeBusy",
            json!({ "timeMin": ps, "timeMax": pe, "timeZone": "Europe/Berlin", "items": [{ "id": "primary" }] }),
        )
        .await;
    // Berlin's offset at that instant: +01:00 in winter, +02:00 in summer.
    let offset = chrono::DateTime::parse_from_rfc3339(ps)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%:z")
        .to_string();
    let start = berlin["calendars"]["primary"]["busy"][0]["start"].as_str().unwrap();
    assert!(start.ends_with(&offset), "{start} is in Berlin's {offset}");
    c.assert_valid();
}

#[tokio::test]
async fn time_zones_give_the_right_instants() {
    let c = start().await;
    let winter = c
        .insert(
            "primary",
            "",
            json!({
                "summary": "Winter slot",
                "start": { "dateTime": "2031-01-15T10:00:00", "timeZone": "Europe/Berlin" },
                "end": { "dateTime": "2031-01-15T11:00:00", "timeZone": "Europe/Berlin" },
            }),
        )
        .await;
    assert_eq!(winter["start"], json!({ "dateTime": "2031-01-15T10:00:00+01:00", "timeZone": "Europe/Berlin" }));
    let id = winter["id"].as_str().unwrap();
    let utc = c.ok(&format!("/calendars/primary/events/{id}?timeZone=UTC")).await;
    assert_eq!(utc["start"]["dateTime"], "2031-01-15T09:00:00Z", "10:00 Berlin in winter is 09:00Z");
    let summer = c
        .insert(
            "primary",
            "",
            json!({
                "summary": "Summer slot",
                "start": { "dateTime": "2031-07-15T10:00:00", "timeZone": "Europe/Berlin" },
                "end": { "dateTime": "2031-07-15T11:00:00", "timeZone": "Europe/Berlin" },
            }),
        )
        .await;
    assert_eq!(summer["start"]["dateTime"], "2031-07-15T10:00:00+02:00");
    let new_york = c
        .insert(
            "primary",
            "",
            json!({
                "summary": "New York call",
                "start": { "dateTime": "2031-01-15T10:00:00-05:00", "timeZone": "America/New_York" },
                "end": { "dateTime": "2031-01-15T10:30:00-05:00", "timeZone": "America/New_York" },
            }),
        )
        .await;
    assert_eq!(new_york["start"]["dateTime"], "2031-01-15T16:00:00+01:00", "shown in the calendar's zone");
    let tokyo =
        c.ok(&format!("/calendars/primary/events/{}?timeZone=Asia%2FTokyo", new_york["id"].as_str().unwrap())).await;
    assert_eq!(tokyo["start"]["dateTime"], "2031-01-16T00:00:00+09:00");
    let (status, error) = c.get(&format!("/calendars/primary/events/{id}?timeZone=Mars%2FOlympus")).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "invalid"));
    let (_, fb) = c
        .post("/freeBusy", json!({ "timeMin": "2031-01-15T08:00:00Z", "timeMax": "2031-01-15T10:30:00Z", "items": [{ "id": "primary" }] }))
        .await;
    assert_eq!(
        fb["calendars"]["primary"]["busy"],
        json!([{ "start": "2031-01-15T09:00:00Z", "end": "2031-01-15T10:00:00Z" }])
    );
    assert_eq!(fb["timeMin"], "2031-01-15T08:00:00.000Z");
    // A list window in another offset selects by instant.
    let window = c
        .ok(&format!(
            "/calendars/primary/events?timeMin={}&timeMax={}",
            enc("2031-01-15T10:59:00+01:00"),
            enc("2031-01-15T16:00:00+01:00")
        ))
        .await;
    assert_eq!(ids(&window), [id.to_string()], "New York starts at 16:00 Berlin, timeMax is exclusive");
    let all_day = c
        .insert(
            "primary",
            "",
            json!({ "summary": "Day off", "start": { "date": "2031-01-16" }, "end": { "date": "2031-01-17" } }),
        )
        .await;
    let day = c
        .ok(&format!(
            "/calendars/primary/events?timeMin={}&timeMax={}",
            ts(chrono::DateTime::parse_from_rfc3339("2031-01-15T23:30:00Z").unwrap().with_timezone(&Utc)),
            enc("2031-01-16T00:00:00Z")
        ))
        .await;
    assert_eq!(
        ids(&day),
        [all_day["id"].as_str().unwrap()],
        "an all-day event starts at midnight in the calendar's zone"
    );
    assert_eq!(items(&day)[0]["start"], json!({ "date": "2031-01-16" }));
    c.assert_valid();
}
