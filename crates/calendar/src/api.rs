//! Typed Calendar calls: one function per REST method, named after its Discovery id
//! (`calendar.events.list` -> `events_list`), plus [`calendar_time_zone`].

use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

const API: &ApiInfo = &ApiInfo::CALENDAR;
const BASE: &str = "/calendar/v3";

fn events_path(calendar_id: &str) -> String {
    format!("{BASE}/calendars/{}/events", segment(calendar_id))
}

fn event_path(calendar_id: &str, event_id: &str) -> String {
    format!("{}/{}", events_path(calendar_id), segment(event_id))
}

pub async fn calendar_list_list(
    g: &GoogleCtx,
    max_results: Option<u32>,
    page_token: Option<&str>,
) -> Result<CalendarList, GoogleError> {
    g.get(API, format!("{BASE}/users/me/calendarList"))
        .query_opt("maxResults", max_results)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn calendars_insert(g: &GoogleCtx, calendar: &Calendar) -> Result<Calendar, GoogleError> {
    g.post(API, format!("{BASE}/calendars")).json(calendar).send().await
}

/// The query of an events.list call.
#[derive(Debug, Clone, Default)]
pub struct EventQuery<'a> {
    pub time_min: Option<&'a str>,
    pub time_max: Option<&'a str>,
    pub max_results: Option<u32>,
    pub q: Option<&'a str>,
    /// Expand recurring series into instances; also orders by start time, which Google only
    /// allows on expanded lists.
    pub single_events: bool,
    pub page_token: Option<&'a str>,
    pub event_types: &'a [&'a str],
}

pub async fn events_list(g: &GoogleCtx, calendar_id: &str, q: &EventQuery<'_>) -> Result<EventList, GoogleError> {
    let mut call = g
        .get(API, events_path(calendar_id))
        .query_opt("timeMin", q.time_min)
        .query_opt("timeMax", q.time_max)
        .query_opt("maxResults", q.max_results)
        .query_opt("q", q.q)
        .query("singleEvents", q.single_events)
        .query_opt("pageToken", q.page_token)
        .query_all("eventTypes", q.event_types);
    if q.single_events {
        call = call.query("orderBy", "startTime");
    }
    call.send().await
}

pub async fn events_get(g: &GoogleCtx, calendar_id: &str, event_id: &str) -> Result<Event, GoogleError> {
    g.get(API, event_path(calendar_id, event_id)).send().await
}

/// Instances of a recurring event that start before `time_max` (one page), cancelled
/// ones included.
pub async fn events_instances(
    g: &GoogleCtx,
    calendar_id: &str,
    event_id: &str,
    time_max: Option<&str>,
    page_token: Option<&str>,
) -> Result<EventList, GoogleError> {
    g.get(API, format!("{}/instances", event_path(calendar_id, event_id)))
        .query_opt("timeMax", time_max)
        .query("maxResults", 2500)
        .query("showDeleted", true)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

/// Query options shared by insert and patch.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    /// "all", "externalOnly" or "none".
    pub send_updates: Option<&'a str>,
    /// Send `conferenceDataVersion=1`: needed for Google to read `conferenceData` at all
    /// (version 0 ignores it, which also keeps an existing conference on PATCH).
    pub conference: bool,
}

fn with_write_options(call: wsmcp_core::google::Call, o: WriteOptions<'_>) -> wsmcp_core::google::Call {
    let call = call.query_opt("sendUpdates", o.send_updates).query("supportsAttachments", true);
    if o.conference { call.query("conferenceDataVersion", 1) } else { call }
}

pub async fn events_insert(
    g: &GoogleCtx,
    calendar_id: &str,
    event: &Event,
    o: WriteOptions<'_>,
) -> Result<Event, GoogleError> {
    with_write_options(g.post(API, events_path(calendar_id)).json(event), o).send().await
}

/// Changes only the fields present in `changes` (arrays such as attendees are replaced
/// whole when present, untouched when absent).
pub async fn events_patch(
    g: &GoogleCtx,
    calendar_id: &str,
    event_id: &str,
    changes: &Event,
    o: WriteOptions<'_>,
) -> Result<Event, GoogleError> {
    with_write_options(g.patch(API, event_path(calendar_id, event_id)).json(changes), o).send().await
}

pub async fn events_delete(
    g: &GoogleCtx,
    calendar_id: &str,
    event_id: &str,
    send_updates: Option<&str>,
) -> Result<(), GoogleError> {
    g.delete(API, event_path(calendar_id, event_id)).query_opt("sendUpdates", send_updates).send_empty().await
}

pub async fn freebusy_query(g: &GoogleCtx, body: &FreeBusyRequest) -> Result<FreeBusyResponse, GoogleError> {
    // A query changes nothing, so it is safe to repeat.
    g.post(API, format!("{BASE}/freeBusy")).json(body).idempotent().send().await
}

/// A calendar's time zone, read from an events.list reply (`timeZone`) rather than
/// calendars.get, so it works under the `calendar.events` scope alone.
pub async fn calendar_time_zone(g: &GoogleCtx, calendar_id: &str) -> Result<Option<String>, GoogleError> {
    let q = EventQuery { max_results: Some(1), ..Default::default() };
    Ok(events_list(g, calendar_id, &q).await?.time_zone)
}
