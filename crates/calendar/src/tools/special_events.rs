//! Status events on the primary calendar: manage_out_of_office and manage_focus_time
//! (create, list, update, delete). Both are events with an `eventType` and properties
//! (auto-decline, decline message, and for focus time the Chat status); Calendar only
//! accepts them as timed events, so dates become midnight-to-midnight in the zone.

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::manage_event::wire;
use super::{calendar_id, calendar_zone, given, page_size, required, zone_arg};
use crate::api::{self, EventQuery, WriteOptions};
use crate::fields;
use crate::render;
use crate::time::{self, When};
use crate::wire::{Event, StatusProperties};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusAction {
    Create,
    List,
    Update,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::enum_variant_names)] // Calendar's own values
pub enum AutoDeclineMode {
    DeclineAllConflictingInvitations,
    DeclineOnlyNewConflictingInvitations,
    DeclineNone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ChatStatus {
    DoNotDisturb,
    Available,
}

fn primary() -> String {
    "primary".into()
}
fn ten() -> i64 {
    10
}

// Arguments of `manage_out_of_office`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageOutOfOfficeParams {
    /// create, list, update or delete.
    pub action: StatusAction,
    /// Start: a date ('2026-04-05', from that midnight) or a time (RFC 3339, or without
    /// offset in timezone / the calendar's zone). Required for create.
    pub start_time: Option<String>,
    /// End (exclusive), same formats: one whole day on 2026-04-05 ends '2026-04-06'.
    /// Required for create.
    pub end_time: Option<String>,
    /// Text shown on the calendar; "Out of Office" by default.
    pub summary: Option<String>,
    /// Which conflicting invitations to decline; declineAllConflictingInvitations by default.
    pub auto_decline_mode: Option<AutoDeclineMode>,
    /// Message sent with automatic declines.
    pub decline_message: Option<String>,
    /// RFC 5545 rules for a recurring absence, e.g. ["RRULE:FREQ=WEEKLY;BYDAY=FR"].
    pub recurrence: Option<Vec<String>>,
    /// IANA zone for dates and offset-free times (the calendar's zone when omitted).
    pub timezone: Option<String>,
    /// list: range start (default now); series are expanded into instances.
    pub time_min: Option<String>,
    /// list: range end.
    pub time_max: Option<String>,
    /// list: events per page.
    #[serde(default = "ten")]
    pub max_results: i64,
    /// Event id; required for update and delete.
    pub event_id: Option<String>,
    /// Calendar: status events live on primary calendars ("primary" or the user's email).
    #[serde(default = "primary")]
    pub calendar_id: String,
    /// list: page_token from the previous reply; pass the time_min its Pagination shows too.
    pub page_token: Option<String>,
}

// Arguments of `manage_focus_time`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageFocusTimeParams {
    /// create, list, update or delete.
    pub action: StatusAction,
    /// Start: a date ('2026-04-05', from that midnight) or a time (RFC 3339, or without
    /// offset in timezone / the calendar's zone). Required for create.
    pub start_time: Option<String>,
    /// End (exclusive), same formats. Required for create.
    pub end_time: Option<String>,
    /// Text shown on the calendar; "Focus Time" by default.
    pub summary: Option<String>,
    /// What the time is for.
    pub description: Option<String>,
    /// Which conflicting invitations to decline; declineAllConflictingInvitations by default.
    pub auto_decline_mode: Option<AutoDeclineMode>,
    /// Message sent with automatic declines.
    pub decline_message: Option<String>,
    /// Google Chat status meanwhile; doNotDisturb by default.
    pub chat_status: Option<ChatStatus>,
    /// RFC 5545 rules for recurring focus time, e.g. ["RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"].
    pub recurrence: Option<Vec<String>>,
    /// IANA zone for dates and offset-free times (the calendar's zone when omitted).
    pub timezone: Option<String>,
    /// list: range start (default now); series are expanded into instances.
    pub time_min: Option<String>,
    /// list: range end.
    pub time_max: Option<String>,
    /// list: events per page.
    #[serde(default = "ten")]
    pub max_results: i64,
    /// Event id; required for update and delete.
    pub event_id: Option<String>,
    /// Calendar: status events live on primary calendars ("primary" or the user's email).
    #[serde(default = "primary")]
    pub calendar_id: String,
    /// list: page_token from the previous reply; pass the time_min its Pagination shows too.
    pub page_token: Option<String>,
}

/// Which kind of status event a call is about.
#[derive(Debug, Clone, Copy)]
struct Kind {
    event_type: &'static str,
    label: &'static str,
}

const OUT_OF_OFFICE: Kind = Kind { event_type: "outOfOffice", label: "Out of Office" };
const FOCUS_TIME: Kind = Kind { event_type: "focusTime", label: "Focus Time" };

/// The arguments of either tool.
struct Args {
    action: StatusAction,
    start_time: Option<String>,
    end_time: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    properties: StatusProperties,
    recurrence: Option<Vec<String>>,
    timezone: Option<String>,
    time_min: Option<String>,
    time_max: Option<String>,
    max_results: i64,
    event_id: Option<String>,
    calendar_id: String,
    page_token: Option<String>,
}

pub fn manage_out_of_office() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_out_of_office",
            title: "Manage Out of Office",
            description: "Create, list, update or delete Out of Office events on the primary calendar. While \
                one runs, conflicting invitations are declined automatically and the user shows as out of office.",
            service: Service::Calendar,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CALENDAR_EVENTS],
        },
        |ctx: ToolCtx, p: ManageOutOfOfficeParams| {
            let args = Args {
                action: p.action,
                start_time: p.start_time,
                end_time: p.end_time,
                summary: p.summary,
                description: None,
                properties: StatusProperties {
                    auto_decline_mode: p.auto_decline_mode.map(wire),
                    decline_message: p.decline_message,
                    chat_status: None,
                },
                recurrence: p.recurrence,
                timezone: p.timezone,
                time_min: p.time_min,
                time_max: p.time_max,
                max_results: p.max_results,
                event_id: p.event_id,
                calendar_id: p.calendar_id,
                page_token: p.page_token,
            };
            manage(ctx, OUT_OF_OFFICE, args)
        },
    )
}

pub fn manage_focus_time() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_focus_time",
            title: "Manage Focus Time",
            description: "Create, list, update or delete Focus Time events on the primary calendar: blocks that \
                decline conflicting invitations and set Google Chat to Do Not Disturb by default.",
            service: Service::Calendar,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CALENDAR_EVENTS],
        },
        |ctx: ToolCtx, p: ManageFocusTimeParams| {
            let args = Args {
                action: p.action,
                start_time: p.start_time,
                end_time: p.end_time,
                summary: p.summary,
                description: p.description,
                properties: StatusProperties {
                    auto_decline_mode: p.auto_decline_mode.map(wire),
                    decline_message: p.decline_message,
                    chat_status: p.chat_status.map(wire),
                },
                recurrence: p.recurrence,
                timezone: p.timezone,
                time_min: p.time_min,
                time_max: p.time_max,
                max_results: p.max_results,
                event_id: p.event_id,
                calendar_id: p.calendar_id,
                page_token: p.page_token,
            };
            manage(ctx, FOCUS_TIME, args)
        },
    )
}

async fn manage(ctx: ToolCtx, kind: Kind, a: Args) -> Result<ToolOutput, ToolError> {
    let zone = zone_arg(a.timezone.as_deref(), "timezone")?;
    let recurrence = a.recurrence.as_deref().map(fields::recurrence).transpose().map_err(ToolError::invalid)?;
    let cal = calendar_id(&a.calendar_id).to_string();
    match a.action {
        StatusAction::Create => create(ctx, kind, &cal, a, zone, recurrence).await,
        StatusAction::List => list(ctx, kind, &cal, a).await,
        StatusAction::Update => update(ctx, kind, &cal, a, zone, recurrence).await,
        StatusAction::Delete => {
            let id = required(a.event_id.as_deref(), "event_id is required to delete (see action \"list\")")?;
            let g = ctx.google().await?;
            fetch_own(&g, kind, &cal, id).await?;
            api::events_delete(&g, &cal, id, None).await?;
            Ok(ToolOutput::text(format!("Deleted {} event {id} from calendar {cal}.", kind.label)))
        }
    }
}

fn parse(value: Option<&str>, what: &str) -> Result<Option<When>, ToolError> {
    given(value).map(|v| time::parse(v, what)).transpose().map_err(ToolError::invalid)
}

/// The zone to read dates and offset-free times in (and that series need).
async fn zone_for(
    g: &GoogleCtx,
    cal: &str,
    explicit: Option<Tz>,
    times: &[When],
    recurring: bool,
) -> Result<Option<Tz>, ToolError> {
    if explicit.is_some() || (!recurring && !times.iter().any(When::needs_zone)) {
        return Ok(explicit);
    }
    Ok(Some(calendar_zone(g, cal).await?))
}

fn boundary(w: When, zone: Option<Tz>, what: &str) -> Result<crate::wire::EventDateTime, ToolError> {
    time::timed_boundary(w, zone, what).map_err(ToolError::invalid)
}

async fn create(
    ctx: ToolCtx,
    kind: Kind,
    cal: &str,
    a: Args,
    zone: Option<Tz>,
    recurrence: Option<Vec<String>>,
) -> Result<ToolOutput, ToolError> {
    let start = parse(a.start_time.as_deref(), "start_time")?.ok_or_else(|| {
        ToolError::invalid("start_time is required to create (e.g. '2026-04-05' or '2026-04-05T09:00:00Z')")
    })?;
    let end = parse(a.end_time.as_deref(), "end_time")?.ok_or_else(|| {
        ToolError::invalid("end_time is required to create (exclusive: '2026-04-06' ends a whole day on 2026-04-05)")
    })?;
    let g = ctx.google().await?;
    let zone = zone_for(&g, cal, zone, &[start, end], recurrence.is_some()).await?;
    let (start, end) = (boundary(start, zone, "start_time")?, boundary(end, zone, "end_time")?);
    super::event_times::check_order(&start, &end)?;
    let mut props = a.properties;
    props.auto_decline_mode =
        props.auto_decline_mode.or_else(|| Some(wire(AutoDeclineMode::DeclineAllConflictingInvitations)));
    let focus = kind.event_type == FOCUS_TIME.event_type;
    if focus {
        props.chat_status = props.chat_status.or_else(|| Some(wire(ChatStatus::DoNotDisturb)));
    }
    let event = Event {
        summary: Some(given(a.summary.as_deref()).unwrap_or(kind.label).to_string()),
        description: given(a.description.as_deref()).map(str::to_string),
        event_type: Some(kind.event_type.to_string()),
        start: Some(start),
        end: Some(end),
        recurrence,
        transparency: Some("opaque".into()),
        out_of_office_properties: (!focus).then(|| props.clone()),
        focus_time_properties: focus.then_some(props),
        ..Default::default()
    };
    let created = api::events_insert(&g, cal, &event, WriteOptions::default()).await?;
    let mut out = format!("{} created.\n", kind.label);
    out.push_str(&render::event_details(&created, false));
    Ok(ToolOutput::text(out))
}

async fn list(ctx: ToolCtx, kind: Kind, cal: &str, a: Args) -> Result<ToolOutput, ToolError> {
    let max = page_size(a.max_results, "max_results")?;
    let (min, max_t) = (parse(a.time_min.as_deref(), "time_min")?, parse(a.time_max.as_deref(), "time_max")?);
    let g = ctx.google().await?;
    let zone = zone_arg(a.timezone.as_deref(), "timezone")?;
    let times: Vec<When> = min.iter().chain(max_t.iter()).copied().collect();
    let zone = zone_for(&g, cal, zone, &times, false).await?;
    let time_min = match min {
        Some(w) => time::instant(w, zone, "time_min").map_err(ToolError::invalid)?,
        None => time::rfc3339(&wsmcp_core::clock::now()),
    };
    let time_max = max_t.map(|w| time::instant(w, zone, "time_max")).transpose().map_err(ToolError::invalid)?;
    let types = [kind.event_type];
    let q = EventQuery {
        time_min: Some(&time_min),
        time_max: time_max.as_deref(),
        max_results: Some(max),
        single_events: true,
        page_token: given(a.page_token.as_deref()),
        event_types: &types,
        ..Default::default()
    };
    let page = api::events_list(&g, cal, &q).await?;
    let mut out = if page.items.is_empty() {
        format!("No {} events in calendar {cal} from {time_min}.\n", kind.label)
    } else {
        format!("{} {} event(s) in calendar {cal} from {time_min}:\n", page.items.len(), kind.label)
    };
    for e in &page.items {
        out.push('\n');
        out.push_str(&render::event_details(e, false));
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref(), Some(&time_min)));
    Ok(ToolOutput::text(out))
}

/// The event, refusing ids of ordinary meetings so they are never changed by mistake.
async fn fetch_own(g: &GoogleCtx, kind: Kind, cal: &str, id: &str) -> Result<Event, ToolError> {
    let e = api::events_get(g, cal, id).await?;
    if e.event_type.as_deref() != Some(kind.event_type) {
        return Err(ToolError::invalid(format!(
            "event {id} is a {} event, not {}; use manage_event for it",
            e.event_type.as_deref().unwrap_or("default"),
            kind.label
        )));
    }
    Ok(e)
}

async fn update(
    ctx: ToolCtx,
    kind: Kind,
    cal: &str,
    a: Args,
    zone: Option<Tz>,
    recurrence: Option<Vec<String>>,
) -> Result<ToolOutput, ToolError> {
    let id = required(a.event_id.as_deref(), "event_id is required to update (see action \"list\")")?;
    let (start, end) = (parse(a.start_time.as_deref(), "start_time")?, parse(a.end_time.as_deref(), "end_time")?);
    let p = &a.properties;
    let props_given = p.auto_decline_mode.is_some() || p.decline_message.is_some() || p.chat_status.is_some();
    let summary = given(a.summary.as_deref());
    if start.is_none()
        && end.is_none()
        && summary.is_none()
        && a.description.is_none()
        && recurrence.is_none()
        && !props_given
    {
        return Err(ToolError::invalid(
            "nothing to update: pass the fields to change (e.g. end_time, decline_message)",
        ));
    }
    let g = ctx.google().await?;
    let current = fetch_own(&g, kind, cal, id).await?;
    let mut changes = Event {
        summary: summary.map(str::to_string),
        description: a.description.clone(),
        recurrence,
        ..Default::default()
    };
    let zone =
        zone.or_else(|| current.start.as_ref().and_then(|s| s.time_zone.as_deref()).and_then(|z| z.parse().ok()));
    let times: Vec<When> = start.iter().chain(end.iter()).copied().collect();
    let zone = zone_for(&g, cal, zone, &times, false).await?;
    changes.start = start.map(|w| boundary(w, zone, "start_time")).transpose()?;
    changes.end = end.map(|w| boundary(w, zone, "end_time")).transpose()?;
    if let (Some(s), Some(e)) =
        (changes.start.as_ref().or(current.start.as_ref()), changes.end.as_ref().or(current.end.as_ref()))
    {
        super::event_times::check_order(s, e)?;
    }
    if props_given {
        // Send the whole properties object, merged, so nothing given earlier is lost.
        let old =
            current.out_of_office_properties.clone().or(current.focus_time_properties.clone()).unwrap_or_default();
        let merged = StatusProperties {
            auto_decline_mode: p.auto_decline_mode.clone().or(old.auto_decline_mode),
            decline_message: p.decline_message.clone().or(old.decline_message),
            chat_status: p.chat_status.clone().or(old.chat_status),
        };
        if kind.event_type == FOCUS_TIME.event_type {
            changes.focus_time_properties = Some(merged);
        } else {
            changes.out_of_office_properties = Some(merged);
        }
    }
    let updated = api::events_patch(&g, cal, id, &changes, WriteOptions::default()).await?;
    let mut out = format!("{} updated.\n", kind.label);
    out.push_str(&render::event_details(&updated, false));
    Ok(ToolOutput::text(out))
}
