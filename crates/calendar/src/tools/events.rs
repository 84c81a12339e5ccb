//! Reading events: get_events (one event by id, or a time range, with search and paging).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{calendar_id, given, page_size};
use crate::api::{self, EventQuery};
use crate::render;
use crate::time::{self, When};

fn primary() -> String {
    "primary".into()
}
fn twenty_five() -> i64 {
    25
}
fn yes() -> bool {
    true
}

// Arguments of `get_events`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetEventsParams {
    /// Calendar to read: "primary" or an id from list_calendars.
    #[serde(default = "primary")]
    pub calendar_id: String,
    /// Read just this event (time range, query and paging are then ignored).
    pub event_id: Option<String>,
    /// Range start (inclusive): RFC 3339 ('2026-05-12T10:00:00Z'), a date ('2026-05-12'), or a
    /// time without offset, read in the calendar's time zone. Defaults to now when
    /// single_events is true; left open otherwise so recurring series that began earlier
    /// are still found.
    pub time_min: Option<String>,
    /// Range end (exclusive), same formats; open-ended when omitted.
    pub time_max: Option<String>,
    /// Events per page (1-2500).
    #[serde(default = "twenty_five")]
    pub max_results: i64,
    /// Free-text search over summary, description, location and attendees.
    pub query: Option<String>,
    /// Show description, location, color, attendees with their responses, meeting link,
    /// series id of recurring instances, recurrence rules of series, and non-default event
    /// types and statuses.
    #[serde(default)]
    pub detailed: bool,
    /// With detailed: also list attached files (title, fileUrl, fileId, mimeType).
    #[serde(default)]
    pub include_attachments: bool,
    /// Expand recurring series into their instances, ordered by start time. False returns
    /// each series once, with its recurrence rules (use with detailed).
    #[serde(default = "yes")]
    pub single_events: bool,
    /// page_token from the previous reply; pass the same arguments again, including the
    /// time_min that reply's Pagination section shows.
    pub page_token: Option<String>,
}

pub fn get_events() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_events",
            title: "Get Events",
            description: "Read events of a calendar: one event by event_id, or the events in a time range \
                (from now by default), optionally matching a search query. Recurring events are expanded \
                into instances ordered by start time unless single_events is false.",
            service: Service::Calendar,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CALENDAR_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetEventsParams) -> Result<ToolOutput, ToolError> {
    let cal = calendar_id(&p.calendar_id);
    if let Some(id) = given(p.event_id.as_deref()) {
        let g = ctx.google().await?;
        let e = api::events_get(&g, cal, id).await?;
        let text = if p.detailed { render::event_details(&e, p.include_attachments) } else { render::event_line(&e) };
        return Ok(ToolOutput::text(text));
    }
    let max = page_size(p.max_results, "max_results")?;
    let parse =
        |v: Option<&str>, what: &str| given(v).map(|v| time::parse(v, what)).transpose().map_err(ToolError::invalid);
    let (min, max_t) = (parse(p.time_min.as_deref(), "time_min")?, parse(p.time_max.as_deref(), "time_max")?);
    let g = ctx.google().await?;
    let zone = if min.iter().chain(max_t.iter()).any(When::needs_zone) {
        Some(super::calendar_zone(&g, cal).await?)
    } else {
        None
    };
    let time_min = match min {
        Some(w) => Some(time::instant(w, zone, "time_min").map_err(ToolError::invalid)?),
        None if p.single_events => Some(time::rfc3339(&wsmcp_core::clock::now())),
        None => None,
    };
    let time_max = max_t.map(|w| time::instant(w, zone, "time_max")).transpose().map_err(ToolError::invalid)?;
    if let (Some(a), Some(b)) = (&time_min, &time_max)
        && !time::is_before(a, b)
    {
        return Err(ToolError::invalid(format!("time_max ({b}) must be after time_min ({a})")));
    }
    let query = EventQuery {
        time_min: time_min.as_deref(),
        time_max: time_max.as_deref(),
        max_results: Some(max),
        q: given(p.query.as_deref()),
        single_events: p.single_events,
        page_token: given(p.page_token.as_deref()),
        event_types: &[],
    };
    let page = api::events_list(&g, cal, &query).await?;
    let range = match (&time_min, &time_max) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        (Some(a), None) => format!(" from {a}"),
        (None, Some(b)) => format!(" before {b}"),
        (None, None) => String::new(),
    };
    let matching = given(p.query.as_deref()).map(|q| format!(" matching \"{q}\"")).unwrap_or_default();
    if page.items.is_empty() {
        let mut out = format!("No events in calendar {cal}{range}{matching}.\n");
        out.push_str(&super::pagination(page.next_page_token.as_deref(), time_min.as_deref()));
        return Ok(ToolOutput::text(out));
    }
    let mut out = format!("{} event(s) in calendar {cal}{range}{matching}:\n", page.items.len());
    for e in &page.items {
        if p.detailed {
            out.push('\n');
            out.push_str(&render::event_details(e, p.include_attachments));
        } else {
            out.push_str(&render::event_line(e));
            out.push('\n');
        }
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref(), time_min.as_deref()));
    Ok(ToolOutput::text(out))
}
