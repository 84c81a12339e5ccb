//! Changing the account: inserts (Meet, attachments, all-day, errors), PATCH against
//! PUT, exceptions of a series, guests' limits, tombstones, quickAdd and calendars.

use serde_json::{Value, json};
use wsmcp_calendar::sandbox::{ATLAS_CALENDAR, HOLIDAYS_CALENDAR};

use crate::support::{USER, enc, ids, items, reason, start};

fn meeting(summary: &str) -> Value {
    json!({
        "summary": summary,
        "start": { "dateTime": "2031-02-03T10:00:00+01:00" },
        "end": { "dateTime": "2031-02-03T11:00:00+01:00" },
        "attendees": [{ "email": "marco.bianchi@example.com" }, { "email": "lena.fischer@example.com", "optional": true }],
    })
}

#[tokio::test]
async fn insert_with_meet_and_attachments() {
    let c = start().await;
    let mut body = meeting("Design sync");
    body["conferenceData"] =
        json!({ "createRequest": { "requestId": "req-1", "conferenceSolutionKey": { "type": "hangoutsMeet" } } });
    body["attachments"] = json!([{ "fileUrl": "https://drive.google.com/file/d/1DesignDeck/view", "title": "Deck" }]);
    let event =
        c.insert("primary", "?conferenceDataVersion=1&supportsAttachments=true&sendUpdates=all", body.clone()).await;
    let link = event["hangoutLink"].as_str().unwrap();
    assert!(
        link.starts_with("https://meet.google.com/") && link.len() == "https://meet.google.com/".len() + 12,
        "{link}"
    );
    assert_eq!(event["conferenceData"]["entryPoints"][0]["entryPointType"], "video");
    assert_eq!(event["conferenceData"]["entryPoints"][0]["uri"], link);
    assert_eq!(event["conferenceData"]["createRequest"]["status"]["statusCode"], "success");
    assert_eq!(event["conferenceData"]["conferenceSolution"]["key"]["type"], "hangoutsMeet");
    assert_eq!(event["attachments"][0]["fileId"], "1DesignDeck");
    assert_eq!(event["status"], "confirmed");
    assert_eq!(event["organizer"], json!({ "email": USER, "self": true }));
    assert_eq!(event["creator"]["email"], USER);
    assert_eq!(event["iCalUID"], format!("{}@google.com", event["id"].as_str().unwrap()));
    assert_eq!(event["reminders"], json!({ "useDefault": true }));
    assert_eq!(event["attendees"][0]["responseStatus"], "needsAction");
    assert!(event["htmlLink"].as_str().unwrap().starts_with("https://www.google.com/calendar/event?eid="));
    assert!(event["etag"].as_str().unwrap().starts_with('"'));
    // Version 0 (the default) ignores conferenceData; without supportsAttachments they go too.
    let plain = c.insert("primary", "", body.clone()).await;
    assert!(plain.get("hangoutLink").is_none() && plain.get("conferenceData").is_none());
    assert!(plain.get("attachments").is_none());
    // A conference type the calendar does not allow is a 400.
    body["conferenceData"]["createRequest"]["conferenceSolutionKey"]["type"] = json!("eventHangout");
    let (status, _) = c.post("/calendars/primary/events?conferenceDataVersion=1", body).await;
    assert_eq!(status, 400);
    // Removing Meet later: conferenceData null with version 1.
    let id = event["id"].as_str().unwrap();
    let (status, without) = c
        .patch(&format!("/calendars/primary/events/{id}?conferenceDataVersion=1"), json!({ "conferenceData": null }))
        .await;
    assert_eq!(status, 200, "{without}");
    assert!(without.get("hangoutLink").is_none());
    let logged = c.handle.requests();
    let insert = logged.iter().find(|r| r.method_id.as_deref() == Some("calendar.events.insert")).unwrap();
    assert_eq!(insert.query_param("conferenceDataVersion"), Some("1"));
    c.assert_valid();
}

#[tokio::test]
async fn patch_keeps_attendees_put_replaces_them() {
    let c = start().await;
    let event = c.insert("primary", "", meeting("Planning")).await;
    let path = format!("/calendars/primary/events/{}", event["id"].as_str().unwrap());
    let (status, patched) = c.patch(&path, json!({ "summary": "Planning (moved)", "location": "Room 1" })).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["attendees"].as_array().unwrap().len(), 2, "PATCH leaves absent fields alone");
    assert_eq!(patched["attendees"][1]["optional"], true);
    assert_eq!(patched["sequence"], 1, "a new location bumps the sequence");
    assert_ne!(patched["etag"], event["etag"]);
    assert_eq!(patched["created"], event["created"]);
    // PUT replaces: without attendees the guests are gone (the reference's update bug).
    let (status, replaced) =
        c.put(&path, json!({ "summary": "Planning", "start": event["start"], "end": event["end"] })).await;
    assert_eq!(status, 200, "{replaced}");
    assert!(replaced.get("attendees").is_none());
    assert!(replaced.get("location").is_none());
    assert_eq!(replaced["id"], event["id"]);
    let (status, error) = c.put(&path, json!({ "summary": "x", "start": event["start"] })).await;
    assert_eq!((status, reason(&error)), (400, ("required".to_string(), "Missing end time.".to_string())));
    // PATCH merges reminders, so turning defaults on over overrides clashes, as in Google.
    let (status, error) =
        c.patch("/calendars/primary/events/flightmuc", json!({ "reminders": { "useDefault": true } })).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "cannotUseDefaultRemindersAndSpecifyOverride"));
    let (status, fixed) = c
        .patch("/calendars/primary/events/flightmuc", json!({ "reminders": { "useDefault": true, "overrides": [] } }))
        .await;
    assert_eq!(status, 200, "{fixed}");
    let (status, _) = c.patch("/calendars/primary/events/nosuchevent1", json!({ "summary": "x" })).await;
    assert_eq!(status, 404);
    let ids_called = c.method_ids();
    assert!(ids_called.contains(&"calendar.events.patch".to_string()));
    assert!(ids_called.contains(&"calendar.events.update".to_string()));
    c.assert_valid();
}

#[tokio::test]
async fn insert_errors_read_like_calendar() {
    let c = start().await;
    let cases = [
        (json!({ "end": { "dateTime": "2031-01-01T10:00:00Z" } }), "required", "Missing start time."),
        (
            json!({ "start": { "dateTime": "2031-01-01T10:00:00Z" }, "end": { "dateTime": "2031-01-01T09:00:00Z" } }),
            "timeRangeEmpty",
            "The specified time range is empty.",
        ),
        (
            json!({ "start": { "dateTime": "2031-01-01T10:00:00" }, "end": { "dateTime": "2031-01-01T11:00:00" } }),
            "required",
            "Missing time zone definition for start time.",
        ),
        (
            json!({ "start": { "dateTime": "2031-01-01T10:00:00", "timeZone": "Mars/Olympus" }, "end": { "dateTime": "2031-01-01T11:00:00Z" } }),
            "invalid",
            "Invalid time zone definition for start time.",
        ),
        (
            json!({ "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-01" } }),
            "timeRangeEmpty",
            "The specified time range is empty.",
        ),
        (
            json!({ "start": { "date": "2031-01-01" }, "end": { "dateTime": "2031-01-01T11:00:00Z" } }),
            "invalid",
            "Start and end times must either both be date or both be dateTime.",
        ),
        (
            json!({ "id": "not-valid!", "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" } }),
            "invalid",
            "Invalid resource id value.",
        ),
        (
            json!({ "id": "kundentermin", "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" } }),
            "duplicate",
            "The requested identifier already exists.",
        ),
        (
            json!({ "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" }, "attendees": [{ "displayName": "No mail" }] }),
            "required",
            "Missing attendee email.",
        ),
        (
            json!({ "start": { "dateTime": "2031-01-01T10:00:00Z" }, "end": { "dateTime": "2031-01-01T11:00:00Z" }, "recurrence": ["RRULE:FREQ=WEEKLY"] }),
            "required",
            "Missing time zone definition for start time.",
        ),
        (
            json!({ "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" }, "recurrence": ["RRULE:FREQ=FORTNIGHTLY"] }),
            "invalid",
            "Invalid recurrence rule.",
        ),
        (
            json!({ "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" }, "colorId": "42" }),
            "invalid",
            "Invalid color id value.",
        ),
    ];
    for (body, want_reason, want_message) in cases {
        let (status, error) = c.post("/calendars/primary/events", body.clone()).await;
        assert!(status == 400 || status == 409, "{body}: {status} {error}");
        assert_eq!(reason(&error), (want_reason.to_string(), want_message.to_string()), "{body}");
    }
    // A client id is kept; a read-only calendar refuses writes; an unknown one is 404.
    let own = c
        .insert(
            "primary",
            "",
            json!({ "id": "clientchosen01", "start": { "date": "2031-01-01" }, "end": { "date": "2031-01-02" } }),
        )
        .await;
    assert_eq!(own["id"], "clientchosen01");
    assert_eq!(own["start"], json!({ "date": "2031-01-01" }));
    let (status, error) = c.post(&format!("/calendars/{}/events", enc(HOLIDAYS_CALENDAR)), meeting("x")).await;
    assert_eq!((status, reason(&error).0.as_str()), (403, "requiredAccessLevel"));
    let (status, _) = c.post("/calendars/nobody%40example.com/events", meeting("x")).await;
    assert_eq!(status, 404);
    // A body field Google does not know never reaches the emulation.
    let (status, _) = c.post("/calendars/primary/events", json!({ "title": "x" })).await;
    assert_eq!(status, 400);
    assert_eq!(c.handle.validation_failures(), 1);
}

#[tokio::test]
async fn exceptions_of_a_series() {
    let c = start().await;
    let series = c
        .insert(
            "primary",
            "",
            json!({
                "summary": "Yoga",
                "start": { "dateTime": "2031-03-20T10:00:00", "timeZone": "Europe/Berlin" },
                "end": { "dateTime": "2031-03-20T11:00:00", "timeZone": "Europe/Berlin" },
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"],
            }),
        )
        .await;
    let id = series["id"].as_str().unwrap();
    let list = "/calendars/primary/events?singleEvents=true&orderBy=startTime\
                &timeMin=2031-03-01T00%3A00%3A00Z&timeMax=2031-05-01T00%3A00%3A00Z&timeZone=UTC";
    let before = c.ok(list).await;
    assert_eq!(
        ids(&before).iter().filter(|i| i.starts_with(id)).cloned().collect::<Vec<_>>(),
        [
            format!("{id}_20310320T090000Z"),
            format!("{id}_20310327T090000Z"),
            format!("{id}_20310403T080000Z"),
            format!("{id}_20310410T080000Z"),
        ],
        "10:00 Berlin is 09:00Z before the clocks change on 30 March and 08:00Z after"
    );
    // Move one occurrence, cancel another.
    let (status, moved) = c
        .patch(
            &format!("/calendars/primary/events/{id}_20310327T090000Z"),
            json!({ "summary": "Yoga (late)", "start": { "dateTime": "2031-03-27T18:00:00+01:00" }, "end": { "dateTime": "2031-03-27T19:00:00+01:00" } }),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["recurringEventId"], id);
    assert_eq!(moved["originalStartTime"]["dateTime"], "2031-03-27T10:00:00+01:00");
    assert_eq!(c.delete(&format!("/calendars/primary/events/{id}_20310403T080000Z")).await.0, 204);
    let after = c.ok(list).await;
    let yoga: Vec<Value> = items(&after).into_iter().filter(|e| e["recurringEventId"] == id).collect();
    assert_eq!(yoga.len(), 3);
    assert_eq!(yoga[1]["summary"], "Yoga (late)");
    assert_eq!(yoga[1]["start"]["dateTime"], "2031-03-27T17:00:00Z");
    let with_deleted = c.ok(&format!("{list}&showDeleted=true")).await;
    let cancelled =
        items(&with_deleted).into_iter().find(|e| e["status"] == "cancelled" && e["recurringEventId"] == id).unwrap();
    assert_eq!(cancelled["id"], format!("{id}_20310403T080000Z"));
    // Without singleEvents: the series plus its changed occurrence.
    let masters =
        c.ok("/calendars/primary/events?timeMin=2031-03-01T00%3A00%3A00Z&timeMax=2031-05-01T00%3A00%3A00Z").await;
    let ours: Vec<String> = ids(&masters).into_iter().filter(|i| i.starts_with(id)).collect();
    assert_eq!(ours, [id.to_string(), format!("{id}_20310327T090000Z")]);
    assert!(ids(&masters).contains(&"atlasstatusmeeting".to_string()), "open-ended seed series reach 2031");
    let instances = c.ok(&format!("/calendars/primary/events/{id}/instances")).await;
    assert_eq!(items(&instances).len(), 3);
    c.assert_valid();
}

#[tokio::test]
async fn guests_may_only_answer() {
    let c = start().await;
    let (status, error) =
        c.patch("/calendars/primary/events/atlasstatusmeeting", json!({ "summary": "Mine now" })).await;
    assert_eq!((status, reason(&error).0.as_str()), (403, "forbiddenForNonOrganizer"));
    // An RSVP: the same guest list with the user's own response changed.
    let master = c.ok("/calendars/primary/events/atlasstatusmeeting").await;
    let mut attendees = master["attendees"].as_array().unwrap().clone();
    for a in &mut attendees {
        if a["self"] == true {
            a["responseStatus"] = json!("accepted");
        }
    }
    let (status, answered) = c
        .patch("/calendars/primary/events/atlasstatusmeeting?sendUpdates=all", json!({ "attendees": attendees }))
        .await;
    assert_eq!(status, 200, "{answered}");
    let me = answered["attendees"].as_array().unwrap().iter().find(|a| a["email"] == USER).unwrap().clone();
    assert_eq!(me["responseStatus"], "accepted");
    assert_eq!(answered["summary"], "Atlas weekly sync");
    c.assert_valid();
}

#[tokio::test]
async fn deletes_leave_tombstones() {
    let c = start().await;
    let path = "/calendars/primary/events/kundentermin";
    assert_eq!(c.delete(&format!("{path}?sendUpdates=none")).await, (204, Value::Null));
    let tombstone = c.ok(path).await;
    assert_eq!(tombstone["status"], "cancelled");
    assert_eq!(tombstone["summary"], "Kundentermin München");
    let (status, error) = c.delete(path).await;
    assert_eq!((status, reason(&error).0.as_str()), (410, "deleted"));
    let list = c.ok("/calendars/primary/events?q=Kundentermin").await;
    assert!(items(&list).is_empty());
    let shown = c.ok("/calendars/primary/events?q=Kundentermin&showDeleted=true").await;
    assert_eq!(ids(&shown), ["kundentermin"]);
    assert_eq!(c.delete("/calendars/primary/events/nosuchevent1").await.0, 404);
    c.assert_valid();
    // A reset brings the seed back.
    c.handle.reset();
    assert_eq!(c.ok(path).await["status"], "confirmed");
    c.assert_valid();
}

#[tokio::test]
async fn quick_add_and_calendars() {
    let c = start().await;
    let (status, quick) = c
        .call(reqwest::Method::POST, "/calendars/primary/events/quickAdd?text=Coffee+with+Lena+tomorrow+at+3pm", None)
        .await;
    assert_eq!(status, 200, "{quick}");
    assert_eq!(quick["summary"], "Coffee with Lena");
    assert!(quick["start"]["dateTime"].as_str().unwrap().contains("T15:00:00"));
    let (status, created) = c
        .post(
            "/calendars",
            json!({ "summary": "Side project", "description": "Evenings", "timeZone": "America/New_York" }),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("c_") && id.ends_with("@group.calendar.google.com") && id.len() == 2 + 64 + 26, "{id}");
    assert_eq!(created["timeZone"], "America/New_York");
    let list = c.ok("/users/me/calendarList").await;
    let entry = items(&list).into_iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(entry["accessRole"], "owner");
    let event = c.insert(&id, "", meeting("Side project kickoff")).await;
    assert_eq!(event["organizer"]["email"], id, "a secondary calendar organizes its own events");
    assert_eq!(event["start"]["dateTime"], "2031-02-03T04:00:00-05:00", "shown in the calendar's zone");
    let (status, renamed) = c.patch(&format!("/calendars/{}", enc(&id)), json!({ "summary": "Side project 2" })).await;
    assert_eq!((status, renamed["summary"].as_str()), (200, Some("Side project 2")));
    assert_eq!(renamed["description"], "Evenings");
    let (status, error) = c.post("/calendars", json!({ "description": "no summary" })).await;
    assert_eq!((status, reason(&error).1.as_str()), (400, "Missing summary."));
    let (status, _) = c.post("/calendars", json!({ "summary": "x", "timeZone": "Nowhere/Land" })).await;
    assert_eq!(status, 400);
    assert_eq!(c.delete(&format!("/calendars/{}", enc(&id))).await.0, 204);
    assert_eq!(c.get(&format!("/calendars/{}", enc(&id))).await.0, 404);
    assert_eq!(c.delete("/calendars/primary").await.0, 400);
    assert_eq!(c.delete(&format!("/calendars/{}", enc(HOLIDAYS_CALENDAR))).await.0, 403);
    let atlas = c.ok(&format!("/calendars/{}", enc(ATLAS_CALENDAR))).await;
    assert_eq!(atlas["summary"], "Atlas project");
    // Methods the emulation leaves out say so instead of pretending.
    let (status, error) = c.post("/calendars/primary/events/import", meeting("x")).await;
    assert_eq!((status, reason(&error).0.as_str()), (501, "notImplemented"));
    c.assert_valid();
}
