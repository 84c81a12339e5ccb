//! Event writes: `insert` builds a new event, `patch` merges a body into an event (objects
//! merge, arrays and scalars replace, `null` clears, so absent attendees stay), `update`
//! (PUT) replaces it (so absent attendees are removed). All three end in the same checks
//! and server fields, so what the store holds is always what Calendar would return.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use http::StatusCode;
use serde_json::{Map, Value, json};

use super::error::CalError;
use super::rules;
use super::store::{Calendar, StoredEvent, etag};
use super::time::{millis, parse_event_time};

/// Fields the server owns: ignored when a client sends them.
const SERVER_FIELDS: &[&str] = &[
    "kind",
    "etag",
    "id",
    "htmlLink",
    "created",
    "updated",
    "creator",
    "organizer",
    "iCalUID",
    "recurringEventId",
    "originalStartTime",
    "hangoutLink",
    "attendeesOmitted",
    "privateCopy",
    "locked",
];

/// What a write needs to know besides the body.
pub struct WriteCtx<'a> {
    pub user: &'a str,
    pub calendar: &'a Calendar,
    /// `conferenceDataVersion`: 0 ignores `conferenceData`, 1 reads it.
    pub conference_version: u64,
    /// `supportsAttachments`: without it `attachments` are ignored (and kept on update).
    pub supports_attachments: bool,
    pub now: DateTime<Utc>,
    /// The store's change counter for this write.
    pub change: u64,
}

/// A base32hex id (`a`-`v`, `0`-`9`) of 5 to 1024 characters, as Calendar requires.
pub fn valid_event_id(id: &str) -> bool {
    (5..=1024).contains(&id.len()) && id.bytes().all(|b| matches!(b, b'a'..=b'v' | b'0'..=b'9'))
}

/// A new server-assigned id: 26 base32hex characters.
pub fn new_event_id() -> String {
    use rand::RngExt as _;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuv0123456789";
    let mut rng = rand::rng();
    (0..26).map(|_| char::from(ALPHABET.get(rng.random_range(0..ALPHABET.len())).copied().unwrap_or(b'a'))).collect()
}

/// The web link Calendar gives an event: `eid` is base64 of "<eventId> <calendarId>".
pub fn html_link(event_id: &str, calendar_id: &str) -> String {
    let eid = URL_SAFE_NO_PAD.encode(format!("{event_id} {calendar_id}"));
    format!("https://www.google.com/calendar/event?eid={eid}")
}

fn strip(mut body: Map<String, Value>) -> Map<String, Value> {
    for key in SERVER_FIELDS {
        body.remove(*key);
    }
    body
}

/// The organizer of events the user creates on `calendar`.
pub fn own_organizer(calendar: &Calendar, user: &str) -> Value {
    if calendar.primary {
        json!({ "email": user, "self": true })
    } else {
        json!({ "email": calendar.id, "displayName": calendar.summary, "self": true })
    }
}

/// events.insert: `id` is the client's (already checked) or a new one.
pub fn insert(body: Map<String, Value>, ctx: &WriteCtx<'_>, id: &str) -> Result<StoredEvent, CalError> {
    let mut data = Map::new();
    data.insert("kind".into(), json!("calendar#event"));
    data.insert("id".into(), json!(id));
    data.insert("status".into(), json!("confirmed"));
    data.insert("htmlLink".into(), json!(html_link(id, &ctx.calendar.id)));
    data.insert("created".into(), json!(millis(ctx.now)));
    data.insert("creator".into(), json!({ "email": ctx.user, "self": true }));
    data.insert("organizer".into(), own_organizer(ctx.calendar, ctx.user));
    data.insert("iCalUID".into(), json!(format!("{id}@google.com")));
    data.insert("sequence".into(), json!(0));
    data.insert("eventType".into(), json!("default"));
    let mut body = strip(body);
    if ctx.conference_version == 0 {
        body.remove("conferenceData");
    }
    if !ctx.supports_attachments {
        body.remove("attachments");
    }
    data.extend(body);
    finish(data, None, ctx)
}

/// events.patch: merge `body` into `previous`.
pub fn patch(previous: &StoredEvent, body: Map<String, Value>, ctx: &WriteCtx<'_>) -> Result<StoredEvent, CalError> {
    let mut body = strip(body);
    if ctx.conference_version == 0 {
        body.remove("conferenceData");
    }
    if !ctx.supports_attachments {
        body.remove("attachments");
    }
    let mut data = previous.data.clone();
    merge(&mut data, &body);
    guard(previous, &mut data, ctx)?;
    finish(data, Some(previous), ctx)
}

/// events.update: `body` replaces `previous`, keeping only what the server owns (and,
/// when the client does not speak them, conference data and attachments).
pub fn update(previous: &StoredEvent, body: Map<String, Value>, ctx: &WriteCtx<'_>) -> Result<StoredEvent, CalError> {
    let mut data = strip(body);
    let mut keep: Vec<&str> = SERVER_FIELDS.to_vec();
    if ctx.conference_version == 0 {
        data.remove("conferenceData");
        keep.push("conferenceData");
    }
    if !ctx.supports_attachments {
        data.remove("attachments");
        keep.push("attachments");
    }
    for key in keep {
        if let Some(v) = previous.data.get(key) {
            data.insert(key.to_string(), v.clone());
        }
    }
    data.entry("status").or_insert_with(|| json!("confirmed"));
    guard(previous, &mut data, ctx)?;
    finish(data, Some(previous), ctx)
}

/// PATCH semantics: objects merge key by key, anything else replaces, `null` clears.
/// A boundary switching between `date` and `dateTime` drops the other spelling, and
/// conference data is replaced whole.
pub fn merge(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (key, value) in patch {
        match value {
            Value::Null => {
                target.remove(key);
            }
            Value::Object(p) if key != "conferenceData" => match target.get_mut(key) {
                Some(Value::Object(t)) => {
                    if matches!(key.as_str(), "start" | "end") {
                        if p.get("date").is_some_and(|v| !v.is_null()) {
                            t.remove("dateTime");
                        }
                        if p.get("dateTime").is_some_and(|v| !v.is_null()) {
                            t.remove("date");
                        }
                    }
                    merge(t, p);
                }
                _ => {
                    target.insert(key.clone(), without_nulls(value));
                }
            },
            other => {
                target.insert(key.clone(), without_nulls(other));
            }
        }
    }
}

fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect(),
        ),
        other => other.clone(),
    }
}

/// What changes to an existing event Calendar refuses: another event type, a lower
/// sequence, and shared fields edited by a guest who may not modify the event.
fn guard(previous: &StoredEvent, data: &mut Map<String, Value>, ctx: &WriteCtx<'_>) -> Result<(), CalError> {
    let kind = data.get("eventType").and_then(Value::as_str).unwrap_or("default");
    if kind != previous.event_type() {
        return Err(CalError::bad("invalidEventType", "The event type cannot be changed."));
    }
    let old_seq = previous.data.get("sequence").and_then(Value::as_i64).unwrap_or(0);
    let new_seq = data.get("sequence").and_then(Value::as_i64);
    if new_seq.is_some_and(|n| n < old_seq) {
        return Err(CalError::invalid(
            "Invalid sequence value. The specified sequence number is below the current sequence number of the resource.",
        ));
    }
    let moved = ["start", "end", "recurrence", "location"].iter().any(|k| previous.data.get(*k) != data.get(*k));
    if moved && new_seq.is_none_or(|n| n == old_seq) {
        data.insert("sequence".into(), json!(old_seq + 1));
    } else if new_seq.is_none() {
        data.insert("sequence".into(), json!(old_seq));
    }
    let organizer = previous.data.get("organizer").and_then(|o| o.get("self")).and_then(Value::as_bool) == Some(true);
    let guests_modify = previous.data.get("guestsCanModify").and_then(Value::as_bool) == Some(true);
    if !organizer && !guests_modify && shared_changed(&previous.data, data, ctx.user) {
        return Err(CalError::new(
            StatusCode::FORBIDDEN,
            "forbiddenForNonOrganizer",
            "Shared properties can only be changed by the organizer of the event.",
        ));
    }
    Ok(())
}

/// Whether a guest's edit touches what the organizer owns (everything but the guest's
/// own response and personal settings such as reminders and color).
fn shared_changed(before: &Map<String, Value>, after: &Map<String, Value>, user: &str) -> bool {
    const SHARED: &[&str] = &[
        "summary",
        "description",
        "location",
        "start",
        "end",
        "recurrence",
        "conferenceData",
        "attachments",
        "guestsCanModify",
        "guestsCanInviteOthers",
        "guestsCanSeeOtherGuests",
        "anyoneCanAddSelf",
    ];
    SHARED.iter().any(|k| before.get(*k) != after.get(*k))
        || guests_view(before.get("attendees"), user) != guests_view(after.get("attendees"), user)
}

/// Attendees without the user's own response and the server's flags, sorted by email.
fn guests_view(list: Option<&Value>, user: &str) -> Vec<Value> {
    let mut out: Vec<Value> = list
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_object)
                .map(|a| {
                    let mut a = a.clone();
                    a.remove("self");
                    a.remove("organizer");
                    let email = a.get("email").and_then(Value::as_str).unwrap_or_default().to_lowercase();
                    if email == user.to_lowercase() {
                        a.remove("responseStatus");
                        a.remove("comment");
                        a.remove("additionalGuests");
                    }
                    a.insert("email".into(), json!(email));
                    Value::Object(a)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|a| a.get("email").and_then(Value::as_str).unwrap_or_default().to_string());
    out
}

/// The checks every write ends with, then the server's `updated` and `etag`.
fn finish(
    mut data: Map<String, Value>,
    previous: Option<&StoredEvent>,
    ctx: &WriteCtx<'_>,
) -> Result<StoredEvent, CalError> {
    rules::check_enum(&data, "status", &["confirmed", "tentative", "cancelled"])?;
    rules::check_enum(&data, "transparency", &["opaque", "transparent"])?;
    rules::check_enum(&data, "visibility", &["default", "public", "private", "confidential"])?;
    rules::check_color(&data)?;
    let start = parse_event_time(data.get("start"), "start")?;
    let end = parse_event_time(data.get("end"), "end")?;
    if start.is_all_day() != end.is_all_day() {
        return Err(CalError::invalid("Start and end times must either both be date or both be dateTime."));
    }
    let tz = ctx.calendar.time_zone;
    let empty =
        if start.is_all_day() { end.instant(tz) <= start.instant(tz) } else { end.instant(tz) < start.instant(tz) };
    if empty {
        return Err(CalError::time_range_empty());
    }
    let recurring = data.get("recurrence").and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if data.get("recurrence").is_some() && !recurring {
        data.remove("recurrence");
    }
    if recurring {
        if data.contains_key("recurringEventId") {
            return Err(CalError::invalid("An instance of a recurring event cannot have its own recurrence."));
        }
        let zoned = data.get("start").and_then(|s| s.get("timeZone")).and_then(Value::as_str).is_some();
        if !start.is_all_day() && !zoned {
            return Err(CalError::required("Missing time zone definition for start time."));
        }
    }
    data.entry("eventType").or_insert_with(|| json!("default"));
    rules::reminders(&mut data)?;
    rules::attendees(&mut data, ctx.user)?;
    rules::event_type(&mut data, &start, ctx.calendar.primary)?;
    if ctx.supports_attachments {
        rules::attachments(&mut data)?;
    }
    if ctx.conference_version >= 1 {
        let before = previous.and_then(|p| p.data.get("conferenceData"));
        rules::conference(&mut data, before)?;
    }
    data.insert("updated".into(), json!(millis(ctx.now)));
    data.insert("etag".into(), json!(etag(ctx.change)));
    StoredEvent::from_data(data, ctx.change)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_merges_objects_and_replaces_arrays() {
        let mut target: Map<String, Value> = serde_json::from_value(json!({
            "summary": "A", "attendees": [{"email": "a@x.com"}, {"email": "b@x.com"}],
            "start": {"date": "2026-01-01"}, "reminders": {"useDefault": false, "overrides": [{"method": "popup", "minutes": 5}]},
            "extendedProperties": {"private": {"a": "1", "b": "2"}}
        }))
        .unwrap();
        let patch: Map<String, Value> = serde_json::from_value(json!({
            "summary": "B", "attendees": [{"email": "a@x.com"}],
            "start": {"dateTime": "2026-01-01T10:00:00Z"}, "reminders": {"useDefault": true},
            "extendedProperties": {"private": {"a": null, "c": "3"}}
        }))
        .unwrap();
        merge(&mut target, &patch);
        assert_eq!(target["summary"], "B");
        assert_eq!(target["attendees"].as_array().unwrap().len(), 1);
        assert_eq!(target["start"], json!({"dateTime": "2026-01-01T10:00:00Z"}));
        assert_eq!(target["reminders"]["overrides"][0]["minutes"], 5, "merged, as Google does");
        assert_eq!(target["extendedProperties"]["private"], json!({"b": "2", "c": "3"}));
    }

    #[test]
    fn ids_are_base32hex() {
        assert!(valid_event_id("abcuv01239"));
        assert!(!valid_event_id("abc"));
        assert!(!valid_event_id("wxyz12345"));
        assert!(!valid_event_id("UPPERCASE1"));
        let id = new_event_id();
        assert_eq!(id.len(), 26);
        assert!(valid_event_id(&id));
    }
}
