//! `events.insert`, `patch`, `update`, `delete` and `quickAdd`. Writes need writer
//! access; an instance id addresses one occurrence (a change or delete becomes an
//! exception of the series); a deleted event stays as a `cancelled` tombstone, and
//! deleting it again is 410. `sendUpdates` is accepted and changes nothing here.

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use chrono::{Duration, Timelike};
use http::StatusCode;
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams};

use super::error::CalError;
use super::event::{self, WriteCtx, new_event_id, valid_event_id};
use super::expand::{find, render};
use super::store::{SharedStore, Store, StoredEvent, etag};
use super::time::millis;
use super::{Reply, ok};

/// `conferenceDataVersion` (0 or 1) and `supportsAttachments`.
fn write_options(q: &QueryParams) -> Result<(u64, bool), CalError> {
    let version = q.uint("conferenceDataVersion")?.unwrap_or(0);
    if version > 1 {
        return Err(CalError::invalid("Invalid value for: conferenceDataVersion").at_parameter("conferenceDataVersion"));
    }
    Ok((version, q.flag("supportsAttachments")?))
}

fn body_object(body: Value) -> Result<Map<String, Value>, CalError> {
    match body {
        Value::Object(map) => Ok(map),
        _ => Err(CalError::bad("parseError", "Parse Error")),
    }
}

/// Build a write with `build`, store its result and return it rendered.
fn write(
    store: &SharedStore,
    calendar_id: &str,
    q: &QueryParams,
    build: impl FnOnce(&WriteCtx<'_>) -> Result<StoredEvent, CalError>,
) -> Reply {
    let (conference_version, supports_attachments) = write_options(q)?;
    let mut s = store.lock();
    let change = s.bump();
    let user = s.user.clone();
    let cal = s.calendar(calendar_id)?;
    if !cal.can_write() {
        return Err(CalError::writer_required());
    }
    let ctx = WriteCtx {
        user: &user,
        calendar: cal,
        conference_version,
        supports_attachments,
        now: wsmcp_core::clock::now(),
        change,
    };
    let event = build(&ctx)?;
    let rendered = render(&event, cal.time_zone);
    s.calendar_mut(calendar_id)?.upsert(event);
    ok(rendered)
}

/// The event a write addresses: stored, or the occurrence an instance id names.
fn existing(s: &Store, calendar_id: &str, event_id: &str) -> Result<StoredEvent, CalError> {
    find(s.calendar(calendar_id)?, event_id).ok_or_else(CalError::not_found)
}

pub async fn events_insert(
    State(store): State<SharedStore>,
    Path(calendar_id): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let body = body_object(body)?;
    let requested = body.get("id").and_then(Value::as_str).map(str::to_string);
    let id = {
        let s = store.lock();
        let cal = s.calendar(&calendar_id)?;
        match requested {
            Some(id) if !valid_event_id(&id) => {
                return Err(CalError::invalid("Invalid resource id value."));
            }
            Some(id) if cal.event(&id).is_some() => {
                return Err(CalError::new(
                    StatusCode::CONFLICT,
                    "duplicate",
                    "The requested identifier already exists.",
                ));
            }
            Some(id) => id,
            None => new_event_id(),
        }
    };
    write(&store, &calendar_id, &q, |ctx| event::insert(body, ctx, &id))
}

pub async fn events_patch(
    State(store): State<SharedStore>,
    Path((calendar_id, event_id)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let body = body_object(body)?;
    let previous = existing(&store.lock(), &calendar_id, &event_id)?;
    write(&store, &calendar_id, &q, |ctx| event::patch(&previous, body, ctx))
}

pub async fn events_update(
    State(store): State<SharedStore>,
    Path((calendar_id, event_id)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let body = body_object(body)?;
    let previous = existing(&store.lock(), &calendar_id, &event_id)?;
    write(&store, &calendar_id, &q, |ctx| event::update(&previous, body, ctx))
}

/// A delete leaves a tombstone: the event (or, for one occurrence, an exception) with
/// `status: cancelled`.
pub async fn events_delete(
    State(store): State<SharedStore>,
    Path((calendar_id, event_id)): Path<(String, String)>,
) -> Reply {
    let mut s = store.lock();
    let change = s.bump();
    let cal = s.calendar(&calendar_id)?;
    if !cal.can_write() {
        return Err(CalError::writer_required());
    }
    let target = find(cal, &event_id).ok_or_else(CalError::not_found)?;
    if target.is_cancelled() {
        return Err(CalError::gone());
    }
    let mut data = target.data.clone();
    if target.recurring_event_id().is_some() && cal.event(&event_id).is_none() {
        // A plain occurrence: keep only what identifies it, as Calendar does.
        data = Map::new();
        for key in ["kind", "id", "recurringEventId", "originalStartTime"] {
            if let Some(v) = target.data.get(key) {
                data.insert(key.into(), v.clone());
            }
        }
    }
    data.insert("status".into(), json!("cancelled"));
    data.insert("updated".into(), json!(millis(wsmcp_core::clock::now())));
    data.insert("etag".into(), json!(etag(change)));
    let tombstone = StoredEvent { data, change, ..target };
    s.calendar_mut(&calendar_id)?.upsert(tombstone);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `quickAdd`: the text becomes the summary; "today"/"tomorrow" and "at 3pm" / "at
/// 15:30" set the start (default: the next full hour); events last an hour.
pub async fn events_quick_add(
    State(store): State<SharedStore>,
    Path(calendar_id): Path<String>,
    q: QueryParams,
) -> Reply {
    let text = q.get("text").unwrap_or_default().trim().to_string();
    if text.is_empty() {
        return Err(CalError::required("Required parameter: text").at_parameter("text"));
    }
    let tz = store.lock().calendar(&calendar_id)?.time_zone;
    let now = wsmcp_core::clock::now().with_timezone(&tz);
    let (mut day, mut time, mut words) = (now.date_naive(), None, Vec::new());
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while let Some(word) = tokens.get(i) {
        let lower = word.to_lowercase();
        if lower == "tomorrow" {
            day = now.date_naive() + Duration::days(1);
        } else if lower == "today" {
        } else if lower == "at"
            && let Some(t) = tokens.get(i + 1).and_then(|t| clock_time(t))
        {
            time = Some(t);
            i += 1;
        } else {
            words.push(*word);
        }
        i += 1;
    }
    let start = match time {
        Some(t) => day.and_time(t),
        None => {
            let next_hour = now.naive_local() + Duration::hours(1);
            day.and_time(next_hour.time().with_minute(0).and_then(|t| t.with_second(0)).unwrap_or_default())
        }
    };
    let end = start + Duration::hours(1);
    let summary = if words.is_empty() { text.clone() } else { words.join(" ") };
    let body: Map<String, Value> = [
        ("summary".to_string(), json!(summary)),
        (
            "start".to_string(),
            json!({ "dateTime": start.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": tz.name() }),
        ),
        ("end".to_string(), json!({ "dateTime": end.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": tz.name() })),
    ]
    .into_iter()
    .collect();
    let id = new_event_id();
    write(&store, &calendar_id, &QueryParams::default(), |ctx| event::insert(body, ctx, &id))
}

/// `3pm`, `3:30pm`, `15:30`, `15h`.
fn clock_time(word: &str) -> Option<chrono::NaiveTime> {
    let w = word.to_lowercase();
    let (digits, pm, am) = if let Some(d) = w.strip_suffix("pm") {
        (d, true, false)
    } else if let Some(d) = w.strip_suffix("am") {
        (d, false, true)
    } else {
        (w.trim_end_matches('h'), false, false)
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (digits.parse::<u32>().ok()?, 0),
    };
    let h = match (pm, am, h) {
        (true, _, 12) => 12,
        (true, _, h) => h + 12,
        (_, true, 12) => 0,
        (_, _, h) => h,
    };
    chrono::NaiveTime::from_hms_opt(h, m, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(clock_time("3pm"), chrono::NaiveTime::from_hms_opt(15, 0, 0));
        assert_eq!(clock_time("12am"), chrono::NaiveTime::from_hms_opt(0, 0, 0));
        assert_eq!(clock_time("9:45"), chrono::NaiveTime::from_hms_opt(9, 45, 0));
        assert_eq!(clock_time("noon"), None);
    }
}
