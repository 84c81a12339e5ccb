//! Seed events with the Gmail seed's cast (Priya, Marco, Lena, the Northwind customer):
//! the Atlas weekly sync invitation, 1:1s, a trip, out of office, focus time, a declined
//! past meeting, non-ASCII titles, Drive attachments, and the Atlas calendar's rituals.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::{ATLAS_CALENDAR, HOME_TZ, Seeder, VACATIONS_CALENDAR};
use crate::sandbox::rules::meet_conference;

pub const PRIYA: &str = "priya.shah@example.com";
pub const MARCO: &str = "marco.bianchi@example.com";
pub const LENA: &str = "lena.fischer@example.com";

/// Colleagues whose free/busy the user can query.
pub fn colleagues() -> Vec<(String, String)> {
    [(PRIYA, "Priya Shah"), (MARCO, "Marco Bianchi"), (LENA, "Lena Fischer")]
        .iter()
        .map(|(e, n)| (e.to_string(), n.to_string()))
        .collect()
}

/// Drive files of the Drive seed that the roadmap review links.
pub const PDF_ID: &str = "1AtlasRoadmapPdfXk7Qm2Lp9Rt4Vw8Zb";
pub const PLAN_ID: &str = "1AtlasQ3PlanDocXk7Qm2Lp9Rt4Vw8Zb3";
pub const BUDGET_ID: &str = "1AtlasBudgetSheetXk7Qm2Lp9Rt4Vw8Z";

/// An event attachment as Calendar shows a Drive file; `url` has `{}` for the id.
fn attachment(id: &str, url: &str, title: &str, mime: &str) -> Value {
    json!({
        "fileUrl": url.replace("{}", id),
        "fileId": id,
        "title": title,
        "mimeType": mime,
        "iconLink": format!("https://drive-thirdparty.googleusercontent.com/16/type/{mime}"),
    })
}

fn person(email: &str, name: &str, status: &str) -> Value {
    json!({ "email": email, "displayName": name, "responseStatus": status })
}

fn me(s: &Seeder, status: &str) -> Value {
    json!({ "email": s.store.user, "responseStatus": status })
}

/// The Monday of the week `weeks` weeks before this one.
fn monday(s: &Seeder, weeks_ago: i64) -> NaiveDate {
    let back = i64::from(s.today.weekday().num_days_from_monday());
    s.today - Duration::days(back + 7 * weeks_ago)
}

/// The first `weekday` of the month `months` months before the current one.
fn first_weekday(s: &Seeder, months_ago: i32, weekday: Weekday) -> NaiveDate {
    let index = s.today.year() * 12 + i32::try_from(s.today.month0()).unwrap_or(0) - months_ago;
    let (year, month) = (index.div_euclid(12), u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1);
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(s.today);
    let ahead = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    first + Duration::days(i64::from(ahead))
}

/// The Atlas 1.0 launch: next Tuesday (a week ahead when today is Tuesday).
pub fn launch_day(s: &Seeder) -> NaiveDate {
    let ahead = (7 + 1 - i64::from(s.today.weekday().num_days_from_monday())) % 7;
    s.day(if ahead == 0 { 7 } else { ahead })
}

pub fn primary_events(s: &mut Seeder) {
    let berlin = HOME_TZ;
    let new_york: Tz = chrono_tz::America::New_York;

    // The invitation in the Gmail seed (assets::weekly_sync_ics): every week on the weekday
    // three days from now, 16:00-16:30 UTC, organized by Priya.
    let sync_day = (s.now + Duration::days(3)).date_naive();
    s.event(
        "primary",
        json!({
            "id": "atlasstatusmeeting",
            "summary": "Atlas weekly sync",
            "description": "Status, risks and next steps for Atlas.\nJoin: https://meet.google.com/abc-defg-hij",
            "location": "Room 4.2 / Google Meet",
            "creator": { "email": PRIYA, "displayName": "Priya Shah" },
            "organizer": { "email": PRIYA, "displayName": "Priya Shah" },
            "start": { "dateTime": format!("{}T16:00:00Z", sync_day.format("%Y-%m-%d")), "timeZone": "UTC" },
            "end": { "dateTime": format!("{}T16:30:00Z", sync_day.format("%Y-%m-%d")), "timeZone": "UTC" },
            "recurrence": ["RRULE:FREQ=WEEKLY"],
            "iCalUID": "atlas-weekly-sync@example.com",
            "attendees": [
                { "email": PRIYA, "displayName": "Priya Shah", "organizer": true, "responseStatus": "accepted" },
                me(s, "needsAction"),
                person(MARCO, "Marco Bianchi", "accepted"),
                person(LENA, "Lena Fischer", "accepted"),
            ],
            "hangoutLink": "https://meet.google.com/abc-defg-hij",
            "conferenceData": meet_conference("abc-defg-hij", None),
            "guestsCanInviteOthers": false,
        }),
    );

    let tomorrow = s.day(1);
    s.event(
        "primary",
        json!({
            "id": "oneononemarco",
            "summary": "1:1 Alex / Marco",
            "description": "Dashboard redesign follow-up: sidebar width, card shadows, mockups v3.",
            "start": s.at(tomorrow, 10, 0, berlin),
            "end": s.at(tomorrow, 10, 30, berlin),
            "attendees": [me(s, "accepted"), person(MARCO, "Marco Bianchi", "accepted")],
            "hangoutLink": "https://meet.google.com/mbx-kqwe-trn",
            "conferenceData": meet_conference("mbx-kqwe-trn", Some("seed-1on1-marco")),
        }),
    );

    s.event("primary", json!({
        "id": "roadmapcheck",
        "summary": "Atlas Q3 roadmap review",
        "description": "Walk through the final Q3 roadmap; decide on offline mode scope.",
        "start": s.at(tomorrow, 15, 0, berlin),
        "end": s.at(tomorrow, 16, 0, berlin),
        "attendees": [me(s, "accepted"), person(PRIYA, "Priya Shah", "accepted"), person(MARCO, "Marco Bianchi", "tentative")],
        // The same files as the Drive seed (crates/drive/src/sandbox/seed.rs).
        "attachments": [
            attachment(PDF_ID, "https://drive.google.com/file/d/{}/view?usp=drive_link", "Atlas-Q3-Roadmap.pdf", "application/pdf"),
            attachment(PLAN_ID, "https://docs.google.com/document/d/{}/edit", "Atlas Q3 plan", "application/vnd.google-apps.document"),
            attachment(BUDGET_ID, "https://docs.google.com/spreadsheets/d/{}/edit", "Atlas budget", "application/vnd.google-apps.spreadsheet"),
        ],
        "hangoutLink": "https://meet.google.com/qtr-rdmp-vqe",
        "conferenceData": meet_conference("qtr-rdmp-vqe", Some("seed-roadmap-review")),
    }));

    s.event(
        "primary",
        json!({
            "id": "homeoffice",
            "summary": "Home",
            "start": s.date(tomorrow),
            "end": s.date(s.day(2)),
            "transparency": "transparent",
            "visibility": "public",
            "eventType": "workingLocation",
            "workingLocationProperties": { "type": "homeOffice", "homeOffice": {} },
        }),
    );

    s.event(
        "primary",
        json!({
            "id": "kundentermin",
            "summary": "Kundentermin München",
            "description": "Quartalsgespräch mit Northwind: Roadmap, Preise, Support-Eskalation.",
            "location": "Northwind GmbH, Leopoldstraße 28, 80802 München",
            "start": s.at(s.day(2), 14, 0, berlin),
            "end": s.at(s.day(2), 15, 30, berlin),
            "attendees": [me(s, "accepted"), person("jonas.weber@northwind.example", "Jonas Weber", "accepted")],
            "colorId": "6",
        }),
    );

    let tokyo: Tz = chrono_tz::Asia::Tokyo;
    s.event(
        "primary",
        json!({
            "id": "tokioteam",
            "summary": "チーム会議",
            "description": "東京チームとの定例。議題：ローカライズとリリース計画。",
            "location": "東京オフィス 会議室B",
            "start": s.at(s.day(5), 9, 0, tokyo),
            "end": s.at(s.day(5), 10, 0, tokyo),
            "attendees": [me(s, "accepted"), person("yuki.tanaka@example.jp", "田中 由紀", "accepted")],
        }),
    );

    s.event(
        "primary",
        json!({
            "id": "teamdinner",
            "summary": "Team dinner 🍝",
            "location": "Osteria Italiana, Schellingstraße 62, 80799 München",
            "creator": { "email": MARCO, "displayName": "Marco Bianchi" },
            "organizer": { "email": MARCO, "displayName": "Marco Bianchi" },
            "start": s.at(s.day(6), 19, 0, berlin),
            "end": s.at(s.day(6), 22, 0, berlin),
            "iCalUID": "teamdinner@google.com",
            "attendees": [
                { "email": MARCO, "displayName": "Marco Bianchi", "organizer": true, "responseStatus": "accepted" },
                me(s, "tentative"),
                person(LENA, "Lena Fischer", "accepted"),
                person(PRIYA, "Priya Shah", "needsAction"),
            ],
        }),
    );

    let trip = s.day(10);
    s.event(
        "primary",
        json!({
            "id": "tripmilano",
            "summary": "Milano: Northwind workshop",
            "description": "Three-day workshop at Northwind Italia. Hotel: Hotel Berna, Via Napo Torriani 18.",
            "location": "Milano, Italy",
            "start": s.date(trip),
            "end": s.date(trip + Duration::days(3)),
        }),
    );
    s.event(
        "primary",
        json!({
            "id": "flightmuc",
            "summary": "Flight LH 1852 MUC → MXP",
            "location": "Munich Airport (MUC)",
            "start": s.at(trip, 7, 10, berlin),
            "end": s.at(trip, 8, 20, chrono_tz::Europe::Rome),
            "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 180 }] },
        }),
    );

    let away = s.day(20);
    s.event("primary", json!({
        "id": "summerbreak",
        "summary": "Out of office",
        "start": s.at(away, 0, 0, berlin),
        "end": s.at(away + Duration::days(5), 0, 0, berlin),
        "eventType": "outOfOffice",
        "outOfOfficeProperties": {
            "autoDeclineMode": "declineAllConflictingInvitations",
            "declineMessage": format!("I'm away until {}. For Atlas questions please contact Priya.", (away + Duration::days(5)).format("%d %B")),
        },
    }));

    let focus = monday(s, 3) + Duration::days(1);
    s.event(
        "primary",
        json!({
            "id": "focusblock",
            "summary": "Focus time",
            "description": "Deep work: sync engine v2.",
            "start": s.at(focus, 13, 0, berlin),
            "end": s.at(focus, 15, 0, berlin),
            "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=TU,TH"],
            "eventType": "focusTime",
            "focusTimeProperties": {
                "autoDeclineMode": "declineOnlyNewConflictingInvitations",
                "chatStatus": "doNotDisturb",
                "declineMessage": "In focus time, back at 15:00.",
            },
        }),
    );

    s.event("primary", json!({
        "id": "budgetpast",
        "summary": "Budget review",
        "description": "Monthly budget: travel overrun (Munich offsite), workshops.",
        "location": "Room 2.1",
        "creator": { "email": LENA, "displayName": "Lena Fischer" },
        "organizer": { "email": LENA, "displayName": "Lena Fischer" },
        "start": s.at(s.day(-29), 14, 0, berlin),
        "end": s.at(s.day(-29), 15, 0, berlin),
        "iCalUID": "budgetpast@google.com",
        "attendees": [
            { "email": LENA, "displayName": "Lena Fischer", "organizer": true, "responseStatus": "accepted" },
            me(s, "accepted"),
            { "email": MARCO, "displayName": "Marco Bianchi", "responseStatus": "declined", "comment": "Sorry, I'm at the Northwind site that day." },
        ],
    }));

    let checkin = first_weekday(s, 3, Weekday::Thu);
    s.event(
        "primary",
        json!({
            "id": "budgetcheckin",
            "summary": "Monthly budget check-in with Lena",
            "start": s.at(checkin, 11, 0, berlin),
            "end": s.at(checkin, 11, 30, berlin),
            "recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=12"],
            "attendees": [me(s, "accepted"), person(LENA, "Lena Fischer", "accepted")],
        }),
    );

    s.event("primary", json!({
        "id": "escalationcall",
        "summary": "Northwind escalation call",
        "description": "Rate limits (429s) on the sync API; raise to 500/min for Northwind?",
        "start": s.at(s.day(-1), 10, 0, new_york),
        "end": s.at(s.day(-1), 10, 45, new_york),
        "attendees": [me(s, "accepted"), person(PRIYA, "Priya Shah", "accepted"), person("dana.fox@northwind.example", "Dana Fox", "accepted")],
    }));

    let talk = s.day(45);
    s.event("primary", json!({
        "id": "conferencetalk",
        "summary": "Talk: Offline-first sync in Rust",
        "location": "RAI Amsterdam, Europaplein 24, Amsterdam",
        "start": s.at(talk, 11, 0, chrono_tz::Europe::Amsterdam),
        "end": s.at(talk, 11, 45, chrono_tz::Europe::Amsterdam),
        "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 60 }, { "method": "email", "minutes": 1440 }] },
    }));

    let birthday = s.day(12);
    let first = birthday.with_year(birthday.year() - 2).unwrap_or(birthday);
    s.event(
        "primary",
        json!({
            "id": "lenageburtstag",
            "summary": "Lena's birthday 🎂",
            "start": s.date(first),
            "end": s.date(first + Duration::days(1)),
            "recurrence": ["RRULE:FREQ=YEARLY"],
            "transparency": "transparent",
            "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 900 }] },
        }),
    );

    s.event(
        "primary",
        json!({
            "id": "lunchmarco",
            "summary": "Lunch with Marco",
            "status": "cancelled",
            "start": s.at(s.day(-35), 12, 0, berlin),
            "end": s.at(s.day(-35), 13, 0, berlin),
            "attendees": [me(s, "accepted"), person(MARCO, "Marco Bianchi", "accepted")],
        }),
    );
}

pub fn atlas_events(s: &mut Seeder) {
    let berlin = HOME_TZ;
    let launch = launch_day(s);
    let standup = monday(s, 8);
    s.event(ATLAS_CALENDAR, json!({
        "id": "atlasstandup",
        "summary": "Atlas daily standup",
        "start": s.at(standup, 9, 30, berlin),
        "end": s.at(standup, 9, 45, berlin),
        "recurrence": [
            "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            format!("EXDATE;TZID=Europe/Berlin:{}T093000", launch.format("%Y%m%d")),
        ],
        "attendees": [me(s, "accepted"), person(PRIYA, "Priya Shah", "accepted"), person(MARCO, "Marco Bianchi", "accepted"), person(LENA, "Lena Fischer", "accepted")],
    }));
    s.event(
        ATLAS_CALENDAR,
        json!({
            "id": "atlaslaunch",
            "summary": "Atlas 1.0 launch",
            "description": "Faster sync, the new dashboard, and offline mode (beta).",
            "start": s.date(launch),
            "end": s.date(launch + Duration::days(1)),
            "colorId": "10",
        }),
    );
    let sprint = monday(s, 4);
    s.event(ATLAS_CALENDAR, json!({
        "id": "sprintplanning",
        "summary": "Atlas sprint planning",
        "start": s.at(sprint, 10, 0, berlin),
        "end": s.at(sprint, 11, 0, berlin),
        "recurrence": [format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL={}T235959Z", s.day(90).format("%Y%m%d"))],
        "attendees": [me(s, "accepted"), person(PRIYA, "Priya Shah", "accepted"), person(MARCO, "Marco Bianchi", "accepted")],
    }));
    s.event(
        ATLAS_CALENDAR,
        json!({
            "id": "designcheck",
            "summary": "Atlas design review",
            "description": "Dashboard mockups v3 (Figma: atlas-dashboard-v2).",
            "start": s.at(s.day(8), 14, 0, berlin),
            "end": s.at(s.day(8), 15, 0, berlin),
            "attendees": [me(s, "accepted"), person(MARCO, "Marco Bianchi", "accepted")],
        }),
    );
}

pub fn vacation_events(s: &mut Seeder) {
    let start = s.day(14);
    s.event(
        VACATIONS_CALENDAR,
        json!({
            "id": "lenavacation",
            "summary": "Lena – Urlaub",
            "creator": { "email": LENA, "displayName": "Lena Fischer" },
            "organizer": { "email": VACATIONS_CALENDAR, "displayName": "Team vacations" },
            "start": s.date(start),
            "end": s.date(start + Duration::days(5)),
            "transparency": "transparent",
        }),
    );
}
