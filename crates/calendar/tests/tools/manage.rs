//! manage_event: create, update (PATCH of only what is given), delete, RSVP, conferences.

use super::*;

#[tokio::test]
async fn create_with_everything_and_a_meet_link() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_event",
            json!({
                "action": "create", "summary": "Kickoff", "start_time": "2032-03-02T09:30", "end_time": "2032-03-02T10:30",
                "timezone": "America/New_York", "description": "Agenda inside", "location": "HQ",
                "attendees": ["sam@example.com", {"email": "lee@example.com", "optional": true, "displayName": "Lee"}],
                "reminders": "[{\"method\": \"popup\", \"minutes\": 10}]", "color_id": "tomato",
                "transparency": "opaque", "visibility": "private", "guests_can_modify": false,
                "guests_can_invite_others": true, "guests_can_see_other_guests": true, "add_google_meet": true
            }),
        )
        .await;
    let req = env.last("calendar.events.insert");
    assert_eq!(req.query_param("conferenceDataVersion"), Some("1"));
    assert_eq!(req.query_param("sendUpdates"), Some("all"), "the reference's default");
    let body = req.body.unwrap();
    assert_eq!(body["start"], json!({"dateTime": "2032-03-02T09:30:00-05:00", "timeZone": "America/New_York"}));
    assert_eq!(body["end"], json!({"dateTime": "2032-03-02T10:30:00-05:00", "timeZone": "America/New_York"}));
    assert_eq!(
        body["attendees"],
        json!([{"email": "sam@example.com"}, {"email": "lee@example.com", "optional": true, "displayName": "Lee"}])
    );
    assert_eq!(body["reminders"], json!({"useDefault": false, "overrides": [{"method": "popup", "minutes": 10}]}));
    assert_eq!(
        (body["colorId"].as_str(), body["visibility"].as_str(), body["transparency"].as_str()),
        (Some("11"), Some("private"), Some("opaque"))
    );
    assert_eq!((body["guestsCanModify"].as_bool(), body["guestsCanInviteOthers"].as_bool()), (Some(false), Some(true)));
    let create = &body["conferenceData"]["createRequest"];
    assert_eq!(create["conferenceSolutionKey"]["type"], "hangoutsMeet");
    let request_id = create["requestId"].as_str().unwrap().to_string();
    assert!(!request_id.is_empty());
    assert!(out.starts_with("Created event \"Kickoff\" (ID: "), "{out}");
    assert!(out.contains("- Link: http"), "{out}");
    assert!(out.contains("- Meeting link: "), "{out}");

    // A second Meet request gets its own requestId.
    env.create(json!({"summary": "Second", "start_time": "2032-03-03T09:00:00Z", "end_time": "2032-03-03T10:00:00Z", "add_google_meet": true})).await;
    let again = env.last("calendar.events.insert").body.unwrap();
    assert_ne!(again["conferenceData"]["createRequest"]["requestId"].as_str(), Some(request_id.as_str()));

    // Without a conference there is no conferenceDataVersion.
    env.create(json!({"summary": "Plain", "start_time": "2032-03-03T11:00:00Z", "end_time": "2032-03-03T12:00:00Z"}))
        .await;
    let plain = env.last("calendar.events.insert");
    assert_eq!(plain.query_param("conferenceDataVersion"), None);
    assert_eq!(
        plain.body.unwrap()["start"],
        json!({"dateTime": "2032-03-03T11:00:00+00:00"}),
        "an offset is kept as given"
    );

    // Wall-clock times without a zone are read in the calendar's zone.
    let zone = env.primary_zone().await;
    env.handle.clear_requests();
    env.create(json!({"summary": "Local", "start_time": "2032-07-01T09:00", "end_time": "2032-07-01T10:00"})).await;
    assert_eq!(
        env.requests("calendar.events.list")[0].query_param("maxResults"),
        Some("1"),
        "one read to learn the zone"
    );
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["start"]["timeZone"], zone.name());
    let expected =
        wsmcp_calendar::time::instant(wsmcp_calendar::time::parse("2032-07-01T09:00", "t").unwrap(), Some(zone), "t")
            .unwrap();
    assert_eq!(body["start"]["dateTime"], expected.as_str());

    // A flight authored in two zones.
    env.create(json!({"summary": "TLV-AMS", "start_time": "2032-07-02T13:45", "end_time": "2032-07-02T17:50", "start_timezone": "Asia/Jerusalem", "end_timezone": "Europe/Amsterdam"})).await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(body["start"], json!({"dateTime": "2032-07-02T13:45:00+03:00", "timeZone": "Asia/Jerusalem"}));
    assert_eq!(body["end"], json!({"dateTime": "2032-07-02T17:50:00+02:00", "timeZone": "Europe/Amsterdam"}));

    // 02:30 on 2032-03-14 is skipped by New York's clocks.
    let e = env.err("manage_event", json!({"action": "create", "summary": "Gap", "start_time": "2032-03-14T02:30", "end_time": "2032-03-14T04:00", "timezone": "America/New_York"})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("does not exist in America/New_York")), "{e}");
    env.done();
}

#[tokio::test]
async fn all_day_events_have_exclusive_end_dates() {
    let env = Env::new().await;
    let id = env.create(json!({"summary": "Offsite", "start_time": "2032-12-03", "end_time": "2032-12-04"})).await;
    let body = env.last("calendar.events.insert").body.unwrap();
    assert_eq!(
        (body["start"].clone(), body["end"].clone()),
        (json!({"date": "2032-12-03"}), json!({"date": "2032-12-04"}))
    );
    let stored = env.event("primary", &id).await;
    assert_eq!(stored["end"]["date"], "2032-12-04");
    env.refused(
        "manage_event",
        &[
            json!({"action": "create", "summary": "X", "start_time": "2032-12-03", "end_time": "2032-12-03"}),
            json!({"action": "create", "summary": "X", "start_time": "2032-12-03", "end_time": "2032-12-04T10:00:00Z"}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn update_of_the_summary_keeps_the_attendees() {
    let env = Env::new().await;
    let id = env
        .create(json!({"summary": "Budget", "start_time": "2032-04-01T10:00:00Z", "end_time": "2032-04-01T11:00:00Z",
            "attendees": ["sam@example.com", "lee@example.com"], "location": "Room 1"}))
        .await;
    let out = env.ok("manage_event", json!({"action": "update", "event_id": id, "summary": "Budget (final)"})).await;
    assert!(out.starts_with("Changed: summary."), "{out}");
    let patch = env.last("calendar.events.patch");
    assert_eq!(patch.query_param("conferenceDataVersion"), None);
    assert_eq!(patch.body.unwrap(), json!({"summary": "Budget (final)"}), "a PATCH of only the summary");
    assert!(env.requests("calendar.events.update").is_empty(), "never a full replacement");
    let stored = env.event("primary", &id).await;
    assert_eq!(stored["summary"], "Budget (final)");
    let emails: Vec<&str> =
        stored["attendees"].as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["sam@example.com", "lee@example.com"], "attendees survive the update");
    assert_eq!(stored["location"], "Room 1");

    // Moving only the start keeps the length; attendees can be replaced when asked.
    env.ok("manage_event", json!({"action": "update", "event_id": id, "start_time": "2032-04-02T14:00:00Z", "attendees": ["kim@example.com"], "description": ""})).await;
    let body = env.last("calendar.events.patch").body.unwrap();
    assert_eq!(body["end"]["dateTime"], "2032-04-02T15:00:00+00:00");
    assert_eq!(body["attendees"], json!([{"email": "kim@example.com"}]));
    assert_eq!(body["description"], "");
    assert!(body.get("summary").is_none());
    let stored = env.event("primary", &id).await;
    assert_eq!(stored["attendees"].as_array().unwrap().len(), 1);

    env.refused(
        "manage_event",
        &[
            json!({"action": "update", "summary": "no id"}),
            json!({"action": "update", "event_id": id}),
            json!({"action": "update", "event_id": id, "color_id": "red"}),
            json!({"action": "update", "event_id": id, "reminders": [{"method": "sms", "minutes": 5}]}),
            json!({"action": "update", "event_id": id, "attendees": ["not-an-email"]}),
            json!({"action": "update", "event_id": id, "timezone": "Nowhere/City"}),
            json!({"action": "create", "summary": "X", "start_time": "2032-01-01T10:00:00Z"}),
            json!({"action": "create", "start_time": "2032-01-01T10:00:00Z", "end_time": "2032-01-01T11:00:00Z"}),
            json!({"action": "create", "summary": "X", "start_time": "2032-01-01T10:00:00Z", "end_time": "2032-01-01T11:00:00Z", "response": "accepted"}),
            json!({"action": "delete", "event_id": id, "this_and_following": true}),
            json!({"action": "archive", "event_id": id}),
        ],
    )
    .await;
    let e = env.err("manage_event", json!({"action": "update", "event_id": "nosuchevent", "summary": "x"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn conferences_are_added_and_removed() {
    let env = Env::new().await;
    let id = env
        .create(
            json!({"summary": "Vendor call", "start_time": "2032-05-01T10:00:00Z", "end_time": "2032-05-01T10:30:00Z"}),
        )
        .await;
    env.ok("manage_event", json!({"action": "update", "event_id": id, "conference_provider": "zoom", "conference_uri": "https://zoom.us/j/123456789", "conference_passcode": "9876"})).await;
    let patch = env.last("calendar.events.patch");
    assert_eq!(patch.query_param("conferenceDataVersion"), Some("1"));
    let conf = &patch.body.as_ref().unwrap()["conferenceData"];
    assert_eq!(conf["conferenceSolution"]["key"]["type"], "addOn");
    assert_eq!(
        conf["entryPoints"][0],
        json!({"entryPointType": "video", "uri": "https://zoom.us/j/123456789", "label": "https://zoom.us/j/123456789", "passcode": "9876"})
    );

    let out = env.ok("manage_event", json!({"action": "update", "event_id": id, "add_google_meet": false})).await;
    assert!(out.contains("conference (removed)"), "{out}");
    let patch = env.last("calendar.events.patch");
    assert_eq!(patch.query_param("conferenceDataVersion"), Some("1"));
    assert_eq!(patch.body.unwrap(), json!({"conferenceData": null}));
    assert!(env.event("primary", &id).await.get("conferenceData").is_none());

    env.refused(
        "manage_event",
        &[
            json!({"action": "update", "event_id": id, "add_google_meet": true, "conference_provider": "zoom", "conference_uri": "https://zoom.us/j/1"}),
            json!({"action": "update", "event_id": id, "conference_provider": "zoom"}),
            json!({"action": "update", "event_id": id, "conference_uri": "https://zoom.us/j/1"}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn rsvp_changes_only_my_answer_and_delete_removes() {
    let env = Env::new().await;
    let id = env
        .create(json!({"summary": "Offsite planning", "start_time": "2032-06-01T10:00:00Z", "end_time": "2032-06-01T11:00:00Z",
            "attendees": [USER, {"email": "sam@example.com", "responseStatus": "accepted"}]}))
        .await;
    let out = env.ok("manage_event", json!({"action": "rsvp", "event_id": id, "response": "declined", "rsvp_comment": "On leave", "send_updates": "none"})).await;
    assert!(out.starts_with("Answered \"declined\" to \"Offsite planning\""), "{out}");
    let patch = env.last("calendar.events.patch");
    assert_eq!(patch.query_param("sendUpdates"), Some("none"));
    let sent = patch.body.unwrap();
    assert_eq!(sent.as_object().unwrap().keys().collect::<Vec<_>>(), ["attendees"]);
    let stored = env.event("primary", &id).await;
    let find =
        |email: &str| stored["attendees"].as_array().unwrap().iter().find(|a| a["email"] == email).unwrap().clone();
    assert_eq!(
        (find(USER)["responseStatus"].as_str(), find(USER)["comment"].as_str()),
        (Some("declined"), Some("On leave"))
    );
    assert_eq!(find("sam@example.com")["responseStatus"], "accepted");

    // As a guest of someone else's event (the seeded team dinner): the answer goes through,
    // other guests keep theirs, and the event itself cannot be edited.
    env.ok("manage_event", json!({"action": "rsvp", "event_id": "teamdinner", "response": "accepted"})).await;
    let dinner = env.event("primary", "teamdinner").await;
    let answers: Vec<(String, String)> = dinner["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["email"].as_str().unwrap().to_string(), a["responseStatus"].as_str().unwrap().to_string()))
        .collect();
    assert!(answers.contains(&(USER.to_string(), "accepted".to_string())), "{answers:?}");
    assert_eq!(answers.iter().filter(|(_, r)| r == "needsAction").count(), 1, "Priya still has to answer: {answers:?}");
    assert_eq!(env.last("calendar.events.patch").query_param("sendUpdates"), Some("all"));
    let e =
        env.err("manage_event", json!({"action": "update", "event_id": "teamdinner", "summary": "My dinner"})).await;
    assert!(is_google(&e, 403), "{e}");

    let lonely = env
        .create(json!({"summary": "Solo", "start_time": "2032-06-02T10:00:00Z", "end_time": "2032-06-02T11:00:00Z"}))
        .await;
    let e = env.err("manage_event", json!({"action": "rsvp", "event_id": lonely, "response": "accepted"})).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("not on the guest list")), "{e}");
    env.refused(
        "manage_event",
        &[json!({"action": "rsvp", "event_id": id}), json!({"action": "rsvp", "event_id": id, "response": "maybe"})],
    )
    .await;

    let out = env.ok("manage_event", json!({"action": "delete", "event_id": id})).await;
    assert!(out.starts_with(&format!("Deleted event {id}")), "{out}");
    assert_eq!(env.last("calendar.events.delete").query_param("sendUpdates"), Some("all"));
    // Calendar keeps a deleted event readable for a while, as cancelled.
    assert_eq!(env.event("primary", &id).await["status"], "cancelled");
    let brief = env.ok("get_events", json!({"event_id": id})).await;
    assert!(brief.ends_with("[cancelled]"), "{brief}");
    env.done();
}
