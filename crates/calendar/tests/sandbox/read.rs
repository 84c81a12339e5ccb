//! Reading the seeded account: calendar list, event lists with windows and free text,
//! recurring expansion, instance ids, ordering, paging and sync tokens.

use chrono::Duration;
use serde_json::Value;
use wsmcp_calendar::sandbox::{ATLAS_CALENDAR, HOLIDAYS_CALENDAR, VACATIONS_CALENDAR};

use crate::support::{USER, enc, ids, items, reason, start, ts};

#[tokio::test]
async fn seed_calendars() {
    let c = start().await;
    let list = c.ok("/users/me/calendarList").await;
    let cals = items(&list);
    let ids: Vec<&str> = cals.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [USER, ATLAS_CALENDAR, HOLIDAYS_CALENDAR], "the hidden calendar is left out");
    assert_eq!(cals[0]["primary"], true);
    assert_eq!(cals[0]["accessRole"], "owner");
    assert_eq!(cals[0]["timeZone"], "Europe/Berlin");
    assert_eq!(cals[1]["summary"], "Atlas project");
    assert_eq!(cals[2]["accessRole"], "reader");
    assert!(list["nextSyncToken"].is_string());
    let hidden = c.ok("/users/me/calendarList?showHidden=true").await;
    assert!(items(&hidden).iter().any(|c| c["id"] == VACATIONS_CALENDAR && c["hidden"] == true));
    let owned = c.ok("/users/me/calendarList?minAccessRole=owner").await;
    assert_eq!(items(&owned).len(), 2);
    let paged = c.ok("/users/me/calendarList?maxResults=2").await;
    assert_eq!(items(&paged).len(), 2);
    let token = paged["nextPageToken"].as_str().unwrap();
    let rest = c.ok(&format!("/users/me/calendarList?maxResults=2&pageToken={token}")).await;
    assert_eq!(items(&rest)[0]["id"], HOLIDAYS_CALENDAR);
    let primary = c.ok("/calendars/primary").await;
    assert_eq!((primary["id"].as_str(), primary["kind"].as_str()), (Some(USER), Some("calendar#calendar")));
    let entry = c.ok(&format!("/users/me/calendarList/{}", enc(HOLIDAYS_CALENDAR))).await;
    assert_eq!(entry["summary"], "Holidays in Germany");
    let (status, missing) = c.get("/calendars/nobody%40example.com").await;
    assert_eq!((status, reason(&missing).0.as_str()), (404, "notFound"));
    let colors = c.ok("/colors").await;
    assert_eq!(colors["event"]["11"]["background"], "#dc2127");
    let zone = c.ok("/users/me/settings/timezone").await;
    assert_eq!(zone["value"], "Europe/Berlin");
    c.assert_valid();
}

#[tokio::test]
async fn weekly_sync_matches_the_gmail_invitation() {
    let c = start().await;
    let now = wsmcp_testkit::now();
    let first = (now + Duration::days(3)).date_naive().and_hms_opt(16, 0, 0).unwrap().and_utc();
    let path = format!(
        "/calendars/primary/events?singleEvents=true&orderBy=startTime&timeMin={}&timeMax={}&timeZone=UTC",
        ts(now),
        ts(now + Duration::days(22))
    );
    let list = c.ok(&path).await;
    let syncs: Vec<Value> = items(&list).into_iter().filter(|e| e["summary"] == "Atlas weekly sync").collect();
    assert_eq!(syncs.len(), 3, "{syncs:?}");
    let sync = &syncs[0];
    assert_eq!(sync["id"], format!("atlasstatusmeeting_{}", first.format("%Y%m%dT%H%M%SZ")));
    assert_eq!(sync["recurringEventId"], "atlasstatusmeeting");
    assert_eq!(sync["iCalUID"], "atlas-weekly-sync@example.com");
    assert_eq!(sync["start"]["dateTime"], first.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    assert_eq!(sync["end"]["dateTime"], (first + Duration::minutes(30)).format("%Y-%m-%dT%H:%M:%SZ").to_string());
    assert_eq!(sync["originalStartTime"]["dateTime"], sync["start"]["dateTime"]);
    assert_eq!(sync["organizer"]["email"], "priya.shah@example.com");
    assert_eq!(sync["location"], "Room 4.2 / Google Meet");
    assert_eq!(sync["hangoutLink"], "https://meet.google.com/abc-defg-hij");
    let me = sync["attendees"].as_array().unwrap().iter().find(|a| a["self"] == true).unwrap();
    assert_eq!((me["email"].as_str(), me["responseStatus"].as_str()), (Some(USER), Some("needsAction")));
    let emails: Vec<&str> =
        sync["attendees"].as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap()).collect();
    assert!(emails.contains(&"marco.bianchi@example.com") && emails.contains(&"lena.fischer@example.com"));
    let all = items(&list);
    let starts: Vec<&str> = all.iter().filter_map(|e| e["start"]["dateTime"].as_str()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "orderBy=startTime, shown in UTC");
    // The next occurrence, addressed by its instance id; a time the series skips is 404.
    let second = format!("atlasstatusmeeting_{}", (first + Duration::days(7)).format("%Y%m%dT%H%M%SZ"));
    let instance = c.ok(&format!("/calendars/primary/events/{second}")).await;
    assert_eq!(instance["recurringEventId"], "atlasstatusmeeting");
    assert!(instance.get("recurrence").is_none());
    let skipped = format!("atlasstatusmeeting_{}", (first + Duration::days(8)).format("%Y%m%dT%H%M%SZ"));
    assert_eq!(c.get(&format!("/calendars/primary/events/{skipped}")).await.0, 404);
    // The series itself, and its lookup by iCalUID.
    let short = c.ok("/calendars/primary/events/atlasstatusmeeting?maxAttendees=2").await;
    assert_eq!(short["attendeesOmitted"], true);
    assert_eq!(short["attendees"].as_array().unwrap().len(), 1);
    assert_eq!(short["attendees"][0]["email"], USER);
    let master = c.ok("/calendars/primary/events/atlasstatusmeeting").await;
    assert!(master.get("attendeesOmitted").is_none());
    assert_eq!(master["recurrence"][0], "RRULE:FREQ=WEEKLY");
    assert_eq!(master["start"]["timeZone"], "UTC");
    let by_uid = c.ok("/calendars/primary/events?iCalUID=atlas-weekly-sync%40example.com").await;
    assert_eq!(ids(&by_uid), ["atlasstatusmeeting"]);
    let instances =
        c.ok(&format!("/calendars/primary/events/atlasstatusmeeting/instances?maxResults=4&timeMin={}", ts(now))).await;
    assert_eq!(items(&instances).len(), 4);
    assert!(instances["nextPageToken"].is_string());
    c.assert_valid();
}

#[tokio::test]
async fn windows_free_text_and_ordering() {
    let c = start().await;
    let now = wsmcp_testkit::now();
    let window = format!("timeMin={}&timeMax={}", ts(now), ts(now + Duration::days(30)));
    // Without singleEvents a series comes back once, as its master.
    let masters = c.ok(&format!("/calendars/primary/events?{window}")).await;
    let master_ids = ids(&masters);
    assert!(master_ids.contains(&"atlasstatusmeeting".to_string()));
    assert!(master_ids.contains(&"focusblock".to_string()));
    assert!(!master_ids.iter().any(|id| id.contains('_')), "{master_ids:?}");
    assert!(!master_ids.contains(&"budgetpast".to_string()), "a past event is outside the window");
    assert!(!master_ids.contains(&"lunchmarco".to_string()), "cancelled events are hidden");
    // Google's 400 for orderBy=startTime without singleEvents.
    let (status, error) = c.get(&format!("/calendars/primary/events?orderBy=startTime&{window}")).await;
    assert_eq!(status, 400);
    assert_eq!(reason(&error).1, "The requested ordering is not available for the particular query.");
    let expanded = c.ok(&format!("/calendars/primary/events?singleEvents=true&orderBy=startTime&{window}")).await;
    let focus: Vec<Value> = items(&expanded).into_iter().filter(|e| e["recurringEventId"] == "focusblock").collect();
    assert!(focus.len() >= 8, "Tuesdays and Thursdays for 30 days: {}", focus.len());
    assert!(focus.iter().all(|f| { f["start"]["dateTime"].as_str().unwrap().contains("T13:00:00+0") }));
    // Free text covers titles, places, descriptions and people, in any script.
    for (q, expected) in
        [("Leopoldstraße", "kundentermin"), ("チーム", "tokioteam"), ("northwind workshop", "tripmilano")]
    {
        let found = c.ok(&format!("/calendars/primary/events?q={}&{window}", enc(q))).await;
        assert_eq!(ids(&found), [expected], "q={q}");
    }
    let with_marco = c.ok(&format!("/calendars/primary/events?q=marco.bianchi&{window}")).await;
    assert!(ids(&with_marco).contains(&"oneononemarco".to_string()));
    assert!(!ids(&with_marco).contains(&"kundentermin".to_string()));
    // timeMax is exclusive: the 1:1 starts at 10:00 Berlin tomorrow.
    let one = c.ok("/calendars/primary/events/oneononemarco").await;
    let begins = one["start"]["dateTime"].as_str().unwrap();
    let exact = c.ok(&format!("/calendars/primary/events?q=Marco&timeMin={}&timeMax={}", ts(now), enc(begins))).await;
    assert!(!ids(&exact).contains(&"oneononemarco".to_string()));
    let (status, error) =
        c.get(&format!("/calendars/primary/events?timeMin={}&timeMax={}", ts(now), ts(now - Duration::hours(1)))).await;
    assert_eq!((status, reason(&error).0.as_str()), (400, "timeRangeEmpty"));
    assert_eq!(error["error"]["errors"][0]["domain"], "calendar");
    // Deleted events only with showDeleted.
    let past = format!("timeMin={}&timeMax={}", ts(now - Duration::days(40)), ts(now));
    let deleted = c.ok(&format!("/calendars/primary/events?showDeleted=true&{past}")).await;
    let lunch = items(&deleted).into_iter().find(|e| e["id"] == "lunchmarco").unwrap();
    assert_eq!(lunch["status"], "cancelled");
    let declined = c.ok(&format!("/calendars/primary/events?q=budget+review&{past}")).await;
    let budget = &items(&declined)[0];
    let marco =
        budget["attendees"].as_array().unwrap().iter().find(|a| a["email"] == "marco.bianchi@example.com").unwrap();
    assert_eq!(marco["responseStatus"], "declined");
    c.assert_valid();
}

#[tokio::test]
async fn event_types_attachments_and_other_calendars() {
    let c = start().await;
    let now = wsmcp_testkit::now();
    let window = format!("timeMin={}&timeMax={}", ts(now), ts(now + Duration::days(60)));
    let ooo = c.ok(&format!("/calendars/primary/events?eventTypes=outOfOffice&{window}")).await;
    assert_eq!(ids(&ooo), ["summerbreak"]);
    assert_eq!(items(&ooo)[0]["outOfOfficeProperties"]["autoDeclineMode"], "declineAllConflictingInvitations");
    let two =
        c.ok(&format!("/calendars/primary/events?eventTypes=focusTime&eventTypes=workingLocation&{window}")).await;
    assert_eq!(ids(&two), ["focusblock", "homeoffice"]);
    let review = c.ok("/calendars/primary/events/roadmapcheck").await;
    let files = review["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(
        files[0]["fileUrl"],
        "https://drive.google.com/file/d/1AtlasRoadmapPdfXk7Qm2Lp9Rt4Vw8Zb/view?usp=drive_link"
    );
    assert_eq!(files[1]["fileId"], "1AtlasQ3PlanDocXk7Qm2Lp9Rt4Vw8Zb3");
    assert_eq!(files[2]["mimeType"], "application/vnd.google-apps.spreadsheet");
    let trip = c.ok("/calendars/primary/events/tripmilano").await;
    let (a, b) = (trip["start"]["date"].as_str().unwrap(), trip["end"]["date"].as_str().unwrap());
    let days = chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap()
        - chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap();
    assert_eq!(days.num_days(), 3, "a three-day trip, end date exclusive");
    let flight = c.ok("/calendars/primary/events/flightmuc").await;
    assert_eq!(flight["end"]["timeZone"], "Europe/Rome");
    let atlas =
        c.ok(&format!("/calendars/{}/events?singleEvents=true&orderBy=startTime&{window}", enc(ATLAS_CALENDAR))).await;
    let launch = items(&atlas).into_iter().find(|e| e["id"] == "atlaslaunch").unwrap();
    let launch_day = launch["start"]["date"].as_str().unwrap();
    assert!(
        !items(&atlas).iter().any(|e| e["recurringEventId"] == "atlasstandup"
            && e["start"]["dateTime"].as_str().unwrap().starts_with(launch_day)),
        "EXDATE removes the standup on launch day"
    );
    assert!(ids(&atlas).iter().filter(|id| id.starts_with("atlasstandup_")).count() >= 30);
    assert_eq!(atlas["accessRole"], "owner");
    let holidays = c.ok(&format!("/calendars/{}/events?q=Christmas+Eve", enc(HOLIDAYS_CALENDAR))).await;
    assert_eq!(items(&holidays).len(), 3, "last, this and next year");
    assert_eq!(items(&holidays)[0]["transparency"], "transparent");
    c.assert_valid();
}

#[tokio::test]
async fn paging_and_sync_tokens() {
    let c = start().await;
    let now = wsmcp_testkit::now();
    let query =
        format!("singleEvents=true&orderBy=startTime&timeMin={}&timeMax={}", ts(now), ts(now + Duration::days(14)));
    let all = c.ok(&format!("/calendars/primary/events?{query}")).await;
    let total = items(&all).len();
    assert!(total > 6);
    let (mut seen, mut token) = (Vec::new(), String::new());
    loop {
        let page_query = if token.is_empty() { String::new() } else { format!("&pageToken={token}") };
        let page = c.ok(&format!("/calendars/primary/events?{query}&maxResults=4{page_query}")).await;
        seen.extend(ids(&page));
        match page["nextPageToken"].as_str() {
            Some(t) => token = t.to_string(),
            None => {
                assert!(page["nextSyncToken"].is_string());
                break;
            }
        }
    }
    assert_eq!(seen, ids(&all));
    let sync = all["nextSyncToken"].as_str().unwrap().to_string();
    let (status, _) = c.patch("/calendars/primary/events/kundentermin", serde_json::json!({ "colorId": "5" })).await;
    assert_eq!(status, 200);
    let changes = c.ok(&format!("/calendars/primary/events?syncToken={sync}")).await;
    assert_eq!(ids(&changes), ["kundentermin"]);
    let (status, stale) = c.get("/calendars/primary/events?syncToken=bm90LWEtdG9rZW4").await;
    assert_eq!((status, reason(&stale).0.as_str()), (410, "fullSyncRequired"));
    let (status, _) = c.get(&format!("/calendars/primary/events?syncToken={sync}&q=x")).await;
    assert_eq!(status, 400);
    c.assert_valid();
}
