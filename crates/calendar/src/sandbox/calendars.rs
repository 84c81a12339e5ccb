//! `calendarList.list`/`get`, `calendars.get`/`insert`/`patch`/`update`/`delete`, and
//! the static `colors.get` and `settings.list`/`get`. `primary` names the user's own
//! calendar; a new calendar gets an id like `c_<64 hex>@group.calendar.google.com`.

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use http::StatusCode;
use rand::RngExt as _;
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams, page_size, paginate};

use super::error::CalError;
use super::store::{Access, Calendar, SharedStore, etag};
use super::time::{millis, parse_tz};
use super::{Reply, ok};

/// Calendar's palette for calendars: `(colorId, background)`; text is always `#000000`.
const CALENDAR_COLORS: &[(&str, &str)] = &[
    ("1", "#ac725e"),
    ("2", "#d06b64"),
    ("3", "#f83a22"),
    ("4", "#fa573c"),
    ("5", "#ff7537"),
    ("6", "#ffad46"),
    ("7", "#42d692"),
    ("8", "#16a765"),
    ("9", "#7bd148"),
    ("10", "#b3dc6c"),
    ("11", "#fbe983"),
    ("12", "#fad165"),
    ("13", "#92e1c0"),
    ("14", "#9fe1e7"),
    ("15", "#9fc6e7"),
    ("16", "#4986e7"),
    ("17", "#9a9cff"),
    ("18", "#b99aff"),
    ("19", "#c2c2c2"),
    ("20", "#cabdbf"),
    ("21", "#cca6ac"),
    ("22", "#f691b2"),
    ("23", "#cd74e6"),
    ("24", "#a47ae2"),
];

/// And for events (`colorId` "1" to "11").
const EVENT_COLORS: &[(&str, &str)] = &[
    ("1", "#a4bdfc"),
    ("2", "#7ae7bf"),
    ("3", "#dbadff"),
    ("4", "#ff887c"),
    ("5", "#fbd75b"),
    ("6", "#ffb878"),
    ("7", "#46d6db"),
    ("8", "#e1e1e1"),
    ("9", "#5484ed"),
    ("10", "#51b749"),
    ("11", "#dc2127"),
];

fn background(color_id: &str) -> &'static str {
    CALENDAR_COLORS.iter().find(|(id, _)| *id == color_id).map(|(_, bg)| *bg).unwrap_or("#9fc6e7")
}

/// The user's list entry for `cal`.
pub fn list_entry(cal: &Calendar) -> Value {
    let mut out = json!({
        "kind": "calendar#calendarListEntry",
        "etag": cal.etag,
        "id": cal.id,
        "summary": cal.summary,
    });
    if let Some(d) = &cal.description {
        out["description"] = json!(d);
    }
    if let Some(l) = &cal.location {
        out["location"] = json!(l);
    }
    out["timeZone"] = json!(cal.time_zone.name());
    out["colorId"] = json!(cal.color_id);
    out["backgroundColor"] = json!(background(&cal.color_id));
    out["foregroundColor"] = json!("#000000");
    if cal.hidden {
        out["hidden"] = json!(true);
    }
    out["selected"] = json!(!cal.hidden);
    out["accessRole"] = json!(cal.access.as_str());
    out["defaultReminders"] = json!(cal.default_reminders);
    if cal.access == Access::Owner {
        out["notificationSettings"] = json!({ "notifications": [
            { "type": "eventCreation", "method": "email" },
            { "type": "eventChange", "method": "email" },
            { "type": "eventCancellation", "method": "email" },
            { "type": "eventResponse", "method": "email" },
        ]});
    }
    if cal.primary {
        out["primary"] = json!(true);
    }
    if cal.deleted {
        out["deleted"] = json!(true);
    }
    out["conferenceProperties"] = json!({ "allowedConferenceSolutionTypes": ["hangoutsMeet"] });
    out
}

/// The calendar resource (`calendars.get`).
pub fn calendar_json(cal: &Calendar) -> Value {
    let mut out = json!({ "kind": "calendar#calendar", "etag": cal.etag, "id": cal.id, "summary": cal.summary });
    if let Some(d) = &cal.description {
        out["description"] = json!(d);
    }
    if let Some(l) = &cal.location {
        out["location"] = json!(l);
    }
    out["timeZone"] = json!(cal.time_zone.name());
    out["conferenceProperties"] = json!({ "allowedConferenceSolutionTypes": ["hangoutsMeet"] });
    out
}

pub async fn calendar_list_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let s = store.lock();
    let min = match q.get("minAccessRole") {
        None => Access::FreeBusyReader,
        Some(role) => Access::parse_min(role).ok_or_else(|| CalError::invalid("Invalid value for: minAccessRole"))?,
    };
    let (show_hidden, show_deleted) = (q.flag("showHidden")?, q.flag("showDeleted")? || q.get("syncToken").is_some());
    let items: Vec<Value> = s
        .calendars
        .iter()
        .filter(|c| c.access >= min && (show_hidden || !c.hidden) && (show_deleted || !c.deleted))
        .map(list_entry)
        .collect();
    let page =
        paginate(items, q.get("pageToken"), page_size(q.uint("maxResults")?, 100, 250)).map_err(CalError::from)?;
    let mut body = json!({ "kind": "calendar#calendarList", "etag": etag(s.change) });
    match page.next_page_token {
        Some(token) => body["nextPageToken"] = json!(token),
        None => body["nextSyncToken"] = json!(format!("CL{}", s.change)),
    }
    body["items"] = json!(page.items);
    ok(body)
}

pub async fn calendar_list_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let s = store.lock();
    ok(list_entry(s.calendar(&id)?))
}

pub async fn calendars_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let s = store.lock();
    ok(calendar_json(s.calendar(&id)?))
}

/// The fields a client may set on a calendar, checked.
struct CalendarFields {
    summary: Option<String>,
    description: Option<Option<String>>,
    location: Option<Option<String>>,
    time_zone: Option<chrono_tz::Tz>,
}

fn fields(body: &Value) -> Result<CalendarFields, CalError> {
    let text = |key: &str| body.get(key).map(|v| v.as_str().map(str::to_string));
    let time_zone = match body.get("timeZone").and_then(Value::as_str) {
        None => None,
        Some(name) => Some(parse_tz(name).ok_or_else(|| CalError::invalid("Invalid time zone definition."))?),
    };
    Ok(CalendarFields {
        summary: body.get("summary").and_then(Value::as_str).map(str::to_string),
        description: text("description"),
        location: text("location"),
        time_zone,
    })
}

fn new_calendar_id() -> String {
    let mut rng = rand::rng();
    let hex: String = (0..4).map(|_| format!("{:016x}", rng.random::<u64>())).collect();
    format!("c_{hex}@group.calendar.google.com")
}

pub async fn calendars_insert(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let f = fields(&body)?;
    let summary = f.summary.filter(|s| !s.trim().is_empty()).ok_or_else(|| CalError::required("Missing summary."))?;
    let mut s = store.lock();
    let change = s.bump();
    let time_zone = f.time_zone.unwrap_or_else(|| s.primary_tz());
    let cal = Calendar {
        id: new_calendar_id(),
        summary,
        description: f.description.flatten(),
        location: f.location.flatten(),
        time_zone,
        access: Access::Owner,
        primary: false,
        hidden: false,
        deleted: false,
        color_id: "15".into(),
        default_reminders: Vec::new(),
        etag: etag(change),
        events: Vec::new(),
    };
    let out = calendar_json(&cal);
    s.calendars.push(cal);
    ok(out)
}

fn change_calendar(store: &SharedStore, id: &str, body: &Value, replace: bool) -> Reply {
    let f = fields(body)?;
    if replace && f.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(CalError::required("Missing summary."));
    }
    let mut s = store.lock();
    let change = s.bump();
    let cal = s.calendar_mut(id)?;
    if cal.access != Access::Owner {
        return Err(CalError::new(StatusCode::FORBIDDEN, "forbidden", "Forbidden"));
    }
    if let Some(summary) = f.summary {
        cal.summary = summary;
    }
    match (f.description, replace) {
        (Some(d), _) => cal.description = d,
        (None, true) => cal.description = None,
        (None, false) => {}
    }
    match (f.location, replace) {
        (Some(l), _) => cal.location = l,
        (None, true) => cal.location = None,
        (None, false) => {}
    }
    if let Some(tz) = f.time_zone {
        cal.time_zone = tz;
    }
    cal.etag = etag(change);
    ok(calendar_json(cal))
}

pub async fn calendars_patch(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    change_calendar(&store, &id, &body, false)
}

pub async fn calendars_update(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    change_calendar(&store, &id, &body, true)
}

/// Secondary calendars the user owns can be deleted; the primary one cannot.
pub async fn calendars_delete(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let mut s = store.lock();
    let cal = s.calendar_mut(&id)?;
    if cal.primary {
        return Err(CalError::bad(
            "cannotDeletePrimaryCalendar",
            "The primary calendar cannot be deleted; use calendars.clear to remove its events.",
        ));
    }
    if cal.access != Access::Owner {
        return Err(CalError::new(StatusCode::FORBIDDEN, "forbidden", "Forbidden"));
    }
    cal.deleted = true;
    cal.events.clear();
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn colors_get() -> Reply {
    let palette = |colors: &[(&str, &str)], fg: &str| -> Map<String, Value> {
        colors.iter().map(|(id, bg)| (id.to_string(), json!({ "background": bg, "foreground": fg }))).collect()
    };
    ok(json!({
        "kind": "calendar#colors",
        "updated": millis(chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap_or_default()),
        "calendar": palette(CALENDAR_COLORS, "#1d1d1d"),
        "event": palette(EVENT_COLORS, "#1d1d1d"),
    }))
}

/// The user's settings: the primary calendar's zone plus Calendar's usual defaults.
fn settings(s: &super::store::Store) -> Vec<(&'static str, String)> {
    vec![
        ("autoAddHangouts", "true".into()),
        ("dateFieldOrder", "DMY".into()),
        ("defaultEventLength", "60".into()),
        ("format24HourTime", "true".into()),
        ("hideInvitations", "false".into()),
        ("hideWeekends", "false".into()),
        ("locale", "en".into()),
        ("remindOnRespondedEventsOnly", "false".into()),
        ("showDeclinedEvents", "true".into()),
        ("timezone", s.primary_tz().name().to_string()),
        ("useKeyboardShortcuts", "true".into()),
        ("weekStart", "1".into()),
    ]
}

fn setting_json(id: &str, value: &str) -> Value {
    json!({ "kind": "calendar#setting", "etag": etag(id.len() as u64), "id": id, "value": value })
}

pub async fn settings_list(State(store): State<SharedStore>) -> Reply {
    let s = store.lock();
    let items: Vec<Value> = settings(&s).iter().map(|(id, v)| setting_json(id, v)).collect();
    ok(
        json!({ "kind": "calendar#settings", "etag": etag(s.change), "nextSyncToken": format!("ST{}", s.change), "items": items }),
    )
}

pub async fn settings_get(State(store): State<SharedStore>, Path(setting): Path<String>) -> Reply {
    let s = store.lock();
    let all = settings(&s);
    let (id, value) = all.iter().find(|(id, _)| *id == setting).ok_or_else(CalError::not_found)?;
    ok(setting_json(id, value))
}
