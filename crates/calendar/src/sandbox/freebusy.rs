//! `freebusy.query`: busy periods of calendars (and of colleagues in the sandbox's
//! directory) within `[timeMin, timeMax)`. Busy means a confirmed or tentative, opaque
//! event the calendar's owner has not declined; periods are clipped to the window and
//! merged when they touch. An unknown calendar gets a `notFound` entry, not a 404, as
//! Google answers.

use axum::extract::State;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::GoogleJson;

use super::error::CalError;
use super::expand::expand;
use super::store::{Calendar, SharedStore, Store, StoredEvent};
use super::time::{millis, parse_instant, parse_tz, rfc3339_in};
use super::{Reply, ok};

type Period = (DateTime<Utc>, DateTime<Utc>);

/// Whether `event` makes `person` busy (`None`: the calendar's owner, whose response is
/// the attendee entry marked `self`).
fn is_busy(event: &StoredEvent, person: Option<&str>) -> bool {
    if event.is_cancelled() || event.text("transparency") == Some("transparent") {
        return false;
    }
    let attendees = event.data.get("attendees").and_then(Value::as_array);
    let response = attendees.and_then(|list| {
        list.iter()
            .find(|a| match person {
                None => a.get("self").and_then(Value::as_bool) == Some(true),
                Some(p) => a.get("email").and_then(Value::as_str).is_some_and(|e| e.eq_ignore_ascii_case(p)),
            })
            .and_then(|a| a.get("responseStatus"))
            .and_then(Value::as_str)
    });
    response != Some("declined")
}

fn involves(event: &StoredEvent, person: &str) -> bool {
    let same = |v: Option<&Value>| {
        v.and_then(|v| v.get("email")).and_then(Value::as_str).is_some_and(|e| e.eq_ignore_ascii_case(person))
    };
    same(event.data.get("organizer"))
        || event.data.get("attendees").and_then(Value::as_array).is_some_and(|a| a.iter().any(|a| same(Some(a))))
}

/// The busy periods `person` (or the owner) has in `cal`, clipped to the window.
fn periods(cal: &Calendar, window: Period, person: Option<&str>) -> Vec<Period> {
    let (min, max) = window;
    cal.events
        .iter()
        .filter(|e| e.recurring_event_id().is_none())
        .flat_map(|e| expand(cal, e, Some(min), Some(max), false))
        .filter(|e| person.is_none_or(|p| involves(e, p)) && is_busy(e, person))
        .map(|e| (e.start.instant(cal.time_zone).max(min), e.end.instant(cal.time_zone).min(max)))
        .filter(|(s, e)| s < e)
        .collect()
}

/// Sort and merge overlapping or touching periods.
fn merged(mut periods: Vec<Period>) -> Vec<Period> {
    periods.sort();
    let mut out: Vec<Period> = Vec::new();
    for (start, end) in periods {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// The answer for one requested id.
fn entry(s: &Store, id: &str, window: Period, display: Tz) -> Value {
    let busy = if let Ok(cal) = s.calendar(id) {
        Some(periods(cal, window, None))
    } else if s.directory.iter().any(|(email, _)| email.eq_ignore_ascii_case(id)) {
        Some(s.calendars.iter().filter(|c| !c.deleted).flat_map(|c| periods(c, window, Some(id))).collect())
    } else {
        None
    };
    match busy {
        Some(busy) => {
            let busy: Vec<Value> = merged(busy)
                .into_iter()
                .map(|(a, b)| json!({ "start": rfc3339_in(a, display), "end": rfc3339_in(b, display) }))
                .collect();
            json!({ "busy": busy })
        }
        None => json!({ "errors": [{ "domain": "global", "reason": "notFound" }], "busy": [] }),
    }
}

fn bound(body: &Value, name: &str) -> Result<DateTime<Utc>, CalError> {
    let text = body.get(name).and_then(Value::as_str).ok_or_else(|| CalError::required("Required"))?;
    parse_instant(text).ok_or_else(|| CalError::bad("badRequest", "Bad Request"))
}

fn limit(body: &Value, name: &str, max: i64) -> Result<usize, CalError> {
    match body.get(name).and_then(Value::as_i64) {
        None => Ok(usize::try_from(max).unwrap_or(50)),
        Some(n) if (1..=max).contains(&n) => Ok(usize::try_from(n).unwrap_or(1)),
        Some(_) => Err(CalError::invalid(format!("Invalid value for: {name}"))),
    }
}

pub async fn freebusy_query(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let (min, max) = (bound(&body, "timeMin")?, bound(&body, "timeMax")?);
    if max <= min {
        return Err(CalError::time_range_empty().at_parameter("timeMax"));
    }
    let display = match body.get("timeZone").and_then(Value::as_str) {
        None => Tz::UTC,
        Some(name) => parse_tz(name).ok_or_else(|| CalError::invalid("Invalid value for: timeZone"))?,
    };
    let calendar_max = limit(&body, "calendarExpansionMax", 50)?;
    limit(&body, "groupExpansionMax", 100)?;
    let s = store.lock();
    let mut calendars = Map::new();
    let items = body.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    for (n, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
        let answer = if n >= calendar_max {
            json!({ "errors": [{ "domain": "usageLimits", "reason": "tooManyCalendarsRequested" }], "busy": [] })
        } else {
            entry(&s, id, (min, max), display)
        };
        calendars.insert(id.to_string(), answer);
    }
    ok(json!({
        "kind": "calendar#freeBusy",
        "timeMin": millis(min),
        "timeMax": millis(max),
        "calendars": calendars,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_periods_merge() {
        let t =
            |h: u32| DateTime::parse_from_rfc3339(&format!("2026-01-01T{h:02}:00:00Z")).unwrap().with_timezone(&Utc);
        let out = merged(vec![(t(12), t(13)), (t(9), t(10)), (t(10), t(11)), (t(12), t(12))]);
        assert_eq!(out, vec![(t(9), t(11)), (t(12), t(13))]);
    }
}
