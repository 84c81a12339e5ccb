//! `events.list`, `events.get` and `events.instances`: time windows (`timeMax`
//! exclusive), free text `q`, `singleEvents` expansion, `orderBy` (with Calendar's 400
//! for `startTime` without `singleEvents`), event types, iCalUID, extended properties,
//! `showDeleted`, paging, sync tokens, and times shown in the calendar's zone or
//! `timeZone`.

use axum::extract::{Path, State};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use http::StatusCode;
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::{QueryParams, page_size, paginate};

use super::error::CalError;
use super::expand::{exception_is_live, expand, find, has_instance, overlaps, render};
use super::store::{Calendar, SharedStore, StoredEvent, etag};
use super::time::{millis, parse_instant, parse_tz};
use super::{Reply, ok};

/// Calendar's `maxResults` default and ceiling for events.
const DEFAULT_PAGE: usize = 250;
const MAX_PAGE: usize = 2500;

/// The parsed query of a list.
pub struct ListQuery {
    pub min: Option<DateTime<Utc>>,
    pub max: Option<DateTime<Utc>>,
    pub terms: Vec<String>,
    pub single: bool,
    pub order: Option<String>,
    pub page_size: usize,
    pub page_token: Option<String>,
    pub show_deleted: bool,
    pub ical_uid: Option<String>,
    pub event_types: Vec<String>,
    pub display: Tz,
    /// `maxAttendees`: longer guest lists shrink to the user's own entry.
    pub max_attendees: Option<u64>,
    pub updated_min: Option<DateTime<Utc>>,
    pub private: Vec<(String, String)>,
    pub shared: Vec<(String, String)>,
    pub sync: Option<u64>,
}

/// `timeZone` for display: the calendar's unless the query names a valid zone.
pub fn display_zone(q: &QueryParams, calendar_tz: Tz) -> Result<Tz, CalError> {
    match q.get("timeZone").filter(|z| !z.is_empty()) {
        None => Ok(calendar_tz),
        Some(name) => {
            parse_tz(name).ok_or_else(|| CalError::invalid("Invalid value for: timeZone").at_parameter("timeZone"))
        }
    }
}

/// `[timeMin, timeMax)`, either end open.
pub type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// `timeMin`/`timeMax`: parsed, and a window that is not empty.
pub fn window(q: &QueryParams) -> Result<Window, CalError> {
    let parse = |name: &str| {
        q.get(name)
            .map(|t| parse_instant(t).ok_or_else(|| CalError::bad("badRequest", "Bad Request").at_parameter(name)))
            .transpose()
    };
    let (min, max) = (parse("timeMin")?, parse("timeMax")?);
    if let (Some(a), Some(b)) = (min, max)
        && b <= a
    {
        return Err(CalError::time_range_empty().at_parameter("timeMax"));
    }
    Ok((min, max))
}

fn sync_token(change: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("s:{change}"))
}

fn parse_sync_token(token: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    std::str::from_utf8(&bytes).ok()?.strip_prefix("s:")?.parse().ok()
}

fn properties(q: &QueryParams, name: &str) -> Result<Vec<(String, String)>, CalError> {
    q.all(name)
        .into_iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| CalError::invalid(format!("{name} must be propertyName=value.")).at_parameter(name))
        })
        .collect()
}

impl ListQuery {
    pub fn parse(q: &QueryParams, calendar_tz: Tz) -> Result<ListQuery, CalError> {
        let (min, max) = window(q)?;
        let single = q.flag("singleEvents")?;
        let order = q.get("orderBy").map(str::to_string);
        if order.as_deref() == Some("startTime") && !single {
            return Err(CalError::bad(
                "badRequest",
                "The requested ordering is not available for the particular query.",
            ));
        }
        let sync = match q.get("syncToken") {
            None => None,
            Some(token) => {
                let filters = [
                    "timeMin",
                    "timeMax",
                    "q",
                    "iCalUID",
                    "orderBy",
                    "updatedMin",
                    "privateExtendedProperty",
                    "sharedExtendedProperty",
                ];
                if let Some(f) = filters.iter().find(|f| q.get(f).is_some()) {
                    return Err(CalError::invalid(format!("The syncToken parameter cannot be combined with {f}."))
                        .at_parameter("syncToken"));
                }
                Some(parse_sync_token(token).ok_or_else(|| {
                    CalError::new(
                        StatusCode::GONE,
                        "fullSyncRequired",
                        "Sync token is no longer valid, a full sync is required.",
                    )
                    .in_calendar()
                    .at_parameter("syncToken")
                })?)
            }
        };
        let updated_min = q
            .get("updatedMin")
            .map(|t| {
                parse_instant(t).ok_or_else(|| CalError::bad("badRequest", "Bad Request").at_parameter("updatedMin"))
            })
            .transpose()?;
        Ok(ListQuery {
            min,
            max,
            terms: q.get("q").map(|t| t.split_whitespace().map(str::to_lowercase).collect()).unwrap_or_default(),
            single,
            order,
            page_size: page_size(q.uint("maxResults")?, DEFAULT_PAGE, MAX_PAGE),
            page_token: q.get("pageToken").map(str::to_string),
            show_deleted: q.flag("showDeleted")? || sync.is_some(),
            ical_uid: q.get("iCalUID").map(str::to_string),
            event_types: q.all("eventTypes").into_iter().map(str::to_string).collect(),
            display: display_zone(q, calendar_tz)?,
            max_attendees: q.uint("maxAttendees")?,
            updated_min,
            private: properties(q, "privateExtendedProperty")?,
            shared: properties(q, "sharedExtendedProperty")?,
            sync,
        })
    }
}

/// The events of `cal` a list query selects, before filters, sorting and paging.
fn candidates(cal: &Calendar, lq: &ListQuery) -> Vec<StoredEvent> {
    if let Some(since) = lq.sync {
        return cal.events.iter().filter(|e| e.change > since).cloned().collect();
    }
    let mut out = Vec::new();
    for event in &cal.events {
        if event.recurring_event_id().is_some() {
            // In expanded lists exceptions come in through their series.
            if !lq.single
                && exception_is_live(cal, event)
                && (!event.is_cancelled() || lq.show_deleted)
                && overlaps(event, cal.time_zone, lq.min, lq.max)
            {
                out.push(event.clone());
            }
            continue;
        }
        if event.recurrence.is_some() && event.is_cancelled() {
            if lq.show_deleted && !lq.single {
                out.push(event.clone());
            }
            continue;
        }
        if lq.single {
            out.extend(expand(cal, event, lq.min, lq.max, lq.show_deleted));
        } else if event.recurrence.is_some() {
            if has_instance(cal, event, lq.min, lq.max) {
                out.push(event.clone());
            }
        } else if (!event.is_cancelled() || lq.show_deleted) && overlaps(event, cal.time_zone, lq.min, lq.max) {
            out.push(event.clone());
        }
    }
    out
}

/// Free text: every term must appear in the summary, description, location, or an
/// attendee's, the organizer's or the creator's name or address.
fn matches_text(event: &StoredEvent, terms: &[String]) -> bool {
    if terms.is_empty() {
        return true;
    }
    let mut hay = String::new();
    for key in ["summary", "description", "location"] {
        hay.push_str(event.text(key).unwrap_or_default());
        hay.push('\n');
    }
    let people = event.data.get("attendees").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut people: Vec<&Value> = people.iter().collect();
    let (organizer, creator) = (event.data.get("organizer"), event.data.get("creator"));
    people.extend(organizer);
    people.extend(creator);
    for p in people {
        for key in ["email", "displayName"] {
            hay.push_str(p.get(key).and_then(Value::as_str).unwrap_or_default());
            hay.push('\n');
        }
    }
    let hay = hay.to_lowercase();
    terms.iter().all(|t| hay.contains(t.as_str()))
}

fn has_properties(event: &StoredEvent, scope: &str, wanted: &[(String, String)]) -> bool {
    wanted.iter().all(|(k, v)| {
        event.data.get("extendedProperties").and_then(|p| p.get(scope)).and_then(|p| p.get(k)).and_then(Value::as_str)
            == Some(v.as_str())
    })
}

/// The filtered, ordered items of a list query.
pub fn select(cal: &Calendar, lq: &ListQuery) -> Vec<StoredEvent> {
    let tz = cal.time_zone;
    let mut items: Vec<StoredEvent> = candidates(cal, lq)
        .into_iter()
        .filter(|e| lq.event_types.is_empty() || lq.event_types.iter().any(|t| t == e.event_type()))
        .filter(|e| lq.ical_uid.as_deref().is_none_or(|u| e.text("iCalUID") == Some(u)))
        .filter(|e| matches_text(e, &lq.terms))
        .filter(|e| lq.updated_min.is_none_or(|m| e.updated().is_some_and(|u| u >= m)))
        .filter(|e| has_properties(e, "private", &lq.private) && has_properties(e, "shared", &lq.shared))
        .collect();
    if lq.order.as_deref() == Some("updated") {
        items.sort_by_key(|e| (e.updated(), e.id().to_string()));
    } else {
        items.sort_by_key(|e| (e.start.instant(tz), e.id().to_string()));
    }
    items
}

/// `maxAttendees`: with more guests than that, only the user's own entry is returned
/// and `attendeesOmitted` says so.
pub fn limit_attendees(mut event: Value, max: Option<u64>) -> Value {
    let Some(max) = max.and_then(|m| usize::try_from(m).ok()) else {
        return event;
    };
    let Some(list) = event.get("attendees").and_then(Value::as_array) else {
        return event;
    };
    if list.len() <= max {
        return event;
    }
    let own: Vec<Value> =
        list.iter().filter(|a| a.get("self").and_then(Value::as_bool) == Some(true)).cloned().collect();
    if own.is_empty() {
        if let Some(map) = event.as_object_mut() {
            map.remove("attendees");
        }
    } else {
        event["attendees"] = json!(own);
    }
    event["attendeesOmitted"] = json!(true);
    event
}

/// The `Events` envelope around one page of items.
fn events_page(cal: &Calendar, store_change: u64, items: Vec<StoredEvent>, lq: &ListQuery) -> Reply {
    let page = paginate(items, lq.page_token.as_deref(), lq.page_size).map_err(CalError::from)?;
    let updated = cal.events.iter().filter_map(StoredEvent::updated).max().unwrap_or_else(Utc::now);
    let mut body = Map::new();
    body.insert("kind".into(), json!("calendar#events"));
    body.insert("etag".into(), json!(etag(store_change)));
    body.insert("summary".into(), json!(cal.summary));
    if let Some(d) = &cal.description {
        body.insert("description".into(), json!(d));
    }
    body.insert("updated".into(), json!(millis(updated)));
    body.insert("timeZone".into(), json!(cal.time_zone.name()));
    body.insert("accessRole".into(), json!(cal.access.as_str()));
    body.insert("defaultReminders".into(), json!(cal.default_reminders));
    match page.next_page_token {
        Some(token) => body.insert("nextPageToken".into(), json!(token)),
        None => body.insert("nextSyncToken".into(), json!(sync_token(store_change))),
    };
    let items: Vec<Value> =
        page.items.iter().map(|e| limit_attendees(render(e, lq.display), lq.max_attendees)).collect();
    body.insert("items".into(), json!(items));
    ok(Value::Object(body))
}

pub async fn events_list(State(store): State<SharedStore>, Path(calendar_id): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    let cal = s.calendar(&calendar_id)?;
    let lq = ListQuery::parse(&q, cal.time_zone)?;
    let items = select(cal, &lq);
    events_page(cal, s.change, items, &lq)
}

pub async fn events_get(
    State(store): State<SharedStore>,
    Path((calendar_id, event_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let s = store.lock();
    let cal = s.calendar(&calendar_id)?;
    let display = display_zone(&q, cal.time_zone)?;
    let event = find(cal, &event_id).ok_or_else(CalError::not_found)?;
    ok(limit_attendees(render(&event, display), q.uint("maxAttendees")?))
}

pub async fn events_instances(
    State(store): State<SharedStore>,
    Path((calendar_id, event_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let s = store.lock();
    let cal = s.calendar(&calendar_id)?;
    let master = cal.event(&event_id).filter(|e| !e.is_cancelled()).ok_or_else(CalError::not_found)?;
    let (min, max) = window(&q)?;
    let original = q
        .get("originalStart")
        .map(|t| {
            parse_instant(t).ok_or_else(|| CalError::bad("badRequest", "Bad Request").at_parameter("originalStart"))
        })
        .transpose()?;
    let lq = ListQuery {
        min,
        max,
        terms: Vec::new(),
        single: true,
        order: None,
        page_size: page_size(q.uint("maxResults")?, DEFAULT_PAGE, MAX_PAGE),
        page_token: q.get("pageToken").map(str::to_string),
        show_deleted: q.flag("showDeleted")?,
        ical_uid: None,
        event_types: Vec::new(),
        display: display_zone(&q, cal.time_zone)?,
        max_attendees: q.uint("maxAttendees")?,
        updated_min: None,
        private: Vec::new(),
        shared: Vec::new(),
        sync: None,
    };
    let tz = cal.time_zone;
    let mut items: Vec<StoredEvent> = expand(cal, master, min, max, lq.show_deleted)
        .into_iter()
        .filter(|e| original.is_none_or(|o| e.original.is_some_and(|w| w.instant(tz) == o)))
        .collect();
    items.sort_by_key(|e| (e.start.instant(tz), e.id().to_string()));
    events_page(cal, s.change, items, &lq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_tokens_round_trip() {
        assert_eq!(parse_sync_token(&sync_token(42)), Some(42));
        assert_eq!(parse_sync_token("garbage"), None);
    }
}
