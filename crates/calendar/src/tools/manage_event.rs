//! manage_event: create, update, delete and RSVP.
//!
//! An update is an events.patch carrying only the fields given, so everything not
//! mentioned (attendees above all) stays as it is; the reference server rewrote the whole
//! event and dropped them. Times are planned in `event_times`, "this and following" in
//! `split`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::event_times::{self, Boundaries};
use super::{calendar_id, given, required, split};
use crate::api::{self, WriteOptions};
use crate::fields::{self, AttendeeArg, ConferenceArgs, ConferenceChange, RemindersArg};
use crate::render;
use crate::wire::Event;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventAction {
    Create,
    Update,
    Delete,
    Rsvp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Transparency {
    Opaque,
    Transparent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Default,
    Public,
    Private,
    Confidential,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RsvpResponse {
    Accepted,
    Declined,
    Tentative,
    NeedsAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum SendUpdates {
    All,
    ExternalOnly,
    None,
}

/// Google's wire spelling of one of the enums above.
pub(crate) fn wire<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn primary() -> String {
    "primary".into()
}

// Arguments of `manage_event`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageEventParams {
    /// What to do: create, update (only the fields given change), delete, or rsvp (answer
    /// an invitation).
    pub action: EventAction,
    /// Title. Required for create.
    pub summary: Option<String>,
    /// Start. Required for create. RFC 3339 with offset keeps that exact instant; without
    /// offset ('2026-05-12T15:00') it is a wall-clock time in start_timezone/timezone (else
    /// the calendar's zone), daylight saving included; a date ('2026-05-12') makes an
    /// all-day event. On update, moving only the start keeps the event's length.
    pub start_time: Option<String>,
    /// End, same formats. Required for create. All-day end dates are exclusive: a one-day
    /// event on 2026-12-03 ends '2026-12-04'.
    pub end_time: Option<String>,
    /// Event id. Required for update, delete and rsvp (a recurring instance id changes just
    /// that instance).
    pub event_id: Option<String>,
    /// Calendar id ("primary" or an id from list_calendars).
    #[serde(default = "primary")]
    pub calendar_id: String,
    /// Description (on update, "" clears it).
    pub description: Option<String>,
    /// Location (on update, "" clears it).
    pub location: Option<String>,
    /// Guests: email addresses and/or objects such as {"email": "a@example.com",
    /// "optional": true}. On update this replaces the list; omit it to keep the guests.
    pub attendees: Option<Vec<AttendeeArg>>,
    /// IANA zone for both start and end (e.g. "America/New_York"): offset-free times are
    /// read in it, timestamps with an offset keep their instant and are shown in it.
    pub timezone: Option<String>,
    /// Google Drive file URLs or ids to attach. On update this replaces the attachments.
    pub attachments: Option<Vec<String>>,
    /// true adds a Google Meet link; false (update) removes the conference.
    pub add_google_meet: Option<bool>,
    /// Raw Calendar conferenceData for a third-party conference (full control). Not with
    /// add_google_meet or conference_provider.
    pub conference_data: Option<Map<String, Value>>,
    /// Third-party conference by name ("zoom", "teams", "webex"); needs conference_uri.
    pub conference_provider: Option<String>,
    /// Join link of the third-party conference (e.g. "https://zoom.us/j/123456789").
    pub conference_uri: Option<String>,
    /// Passcode of the third-party conference.
    pub conference_passcode: Option<String>,
    /// Meeting id at the conference provider.
    pub conference_id: Option<String>,
    /// Custom reminders, up to 5: a list (or JSON text of a list) of {"method": "popup" or
    /// "email", "minutes": 0-40320}. An empty list means no reminders.
    #[serde(default)]
    #[schemars(schema_with = "reminders_schema")]
    pub reminders: Option<RemindersArg>,
    /// Use the calendar's default reminders (not together with reminders).
    pub use_default_reminders: Option<bool>,
    /// opaque: shows as busy; transparent: shows as free.
    pub transparency: Option<Transparency>,
    /// Who sees the event's details.
    pub visibility: Option<Visibility>,
    /// Color by name or id: lavender (1), sage (2), grape (3), flamingo (4), banana (5),
    /// tangerine (6), peacock (7), graphite (8), blueberry (9), basil (10), tomato (11).
    pub color_id: Option<String>,
    /// RFC 5545 rules making a recurring event, e.g. ["RRULE:FREQ=WEEKLY;COUNT=10"].
    pub recurrence: Option<Vec<String>>,
    /// Whether guests may edit the event.
    pub guests_can_modify: Option<bool>,
    /// Whether guests may invite others.
    pub guests_can_invite_others: Option<bool>,
    /// Whether guests see the guest list.
    pub guests_can_see_other_guests: Option<bool>,
    /// rsvp only: your answer.
    pub response: Option<RsvpResponse>,
    /// rsvp only: a note to the organizer.
    pub rsvp_comment: Option<String>,
    /// Who gets emailed about the change: all (default), externalOnly or none.
    pub send_updates: Option<SendUpdates>,
    /// IANA zone of the start only, overriding timezone (e.g. a flight leaving
    /// "Asia/Jerusalem" and landing in "Europe/Amsterdam").
    pub start_timezone: Option<String>,
    /// IANA zone of the end only, overriding timezone.
    pub end_timezone: Option<String>,
    /// update only, with event_id of a recurring instance: change this instance and all
    /// later ones. The series is split: the original ends before this instance and a new
    /// series (new id) starts here with the changes. Without it, an instance id changes
    /// that instance only and a series id changes the whole series.
    #[serde(default)]
    pub this_and_following: bool,
}

/// String or list of objects, as the reference published it.
fn reminders_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "default": null,
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object", "additionalProperties": true}}]
    })
}

pub fn manage_event() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_event",
            title: "Manage Event",
            description: "Create, update, delete or RSVP to a calendar event: guests, reminders, time zones, \
                all-day events, recurrence, Google Meet or other conferences, Drive attachments. Update \
                changes only the fields given (guests stay unless attendees is passed). Returns the event \
                id, link, meeting link and times.",
            service: Service::Calendar,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CALENDAR_EVENTS],
        },
        manage,
    )
}

/// The non-time fields of a create or update, and the names of what is set.
pub(crate) struct Changes {
    pub event: Event,
    pub conference: ConferenceChange,
    pub names: Vec<&'static str>,
}

/// Checks and converts every non-time field that was given.
pub(crate) fn field_changes(p: &ManageEventParams, creating: bool) -> Result<Changes, ToolError> {
    let inv = ToolError::invalid;
    let mut e = Event::default();
    let mut names = Vec::new();
    let text =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !creating || !s.is_empty()).map(str::to_string);
    if let Some(s) = given(p.summary.as_deref()) {
        e.summary = Some(s.to_string());
        names.push("summary");
    }
    if let Some(d) = text(&p.description) {
        e.description = Some(d);
        names.push("description");
    }
    if let Some(l) = text(&p.location) {
        e.location = Some(l);
        names.push("location");
    }
    if let Some(a) = &p.attendees {
        e.attendees = Some(fields::attendees(a).map_err(inv)?);
        names.push("attendees");
    }
    if let Some(a) = &p.attachments {
        e.attachments = Some(fields::attachments(a).map_err(inv)?);
        names.push("attachments");
    }
    if let Some(r) = fields::reminders(p.reminders.as_ref(), p.use_default_reminders).map_err(inv)? {
        e.reminders = Some(r);
        names.push("reminders");
    }
    if let Some(t) = p.transparency {
        e.transparency = Some(wire(t));
        names.push("transparency");
    }
    if let Some(v) = p.visibility {
        e.visibility = Some(wire(v));
        names.push("visibility");
    }
    if let Some(c) = given(p.color_id.as_deref()) {
        e.color_id = Some(fields::color_id(c).map_err(inv)?);
        names.push("color");
    }
    if let Some(r) = &p.recurrence {
        e.recurrence = Some(fields::recurrence(r).map_err(inv)?);
        names.push("recurrence");
    }
    for (value, slot, name) in [
        (p.guests_can_modify, &mut e.guests_can_modify, "guests_can_modify"),
        (p.guests_can_invite_others, &mut e.guests_can_invite_others, "guests_can_invite_others"),
        (p.guests_can_see_other_guests, &mut e.guests_can_see_other_guests, "guests_can_see_other_guests"),
    ] {
        if value.is_some() {
            *slot = value;
            names.push(name);
        }
    }
    let conf_args = ConferenceArgs {
        add_google_meet: p.add_google_meet,
        conference_data: p.conference_data.as_ref(),
        provider: p.conference_provider.as_deref(),
        uri: p.conference_uri.as_deref(),
        passcode: p.conference_passcode.as_deref(),
        id: p.conference_id.as_deref(),
    };
    let conference = fields::conference(&conf_args, &uuid::Uuid::new_v4().to_string()).map_err(inv)?;
    match &conference {
        ConferenceChange::Keep => {}
        // Creating without a conference leaves nothing to remove.
        ConferenceChange::Remove if creating => {}
        ConferenceChange::Remove => {
            e.conference_data = Some(Value::Null);
            names.push("conference (removed)");
        }
        ConferenceChange::Set(v) => {
            e.conference_data = Some(v.clone());
            names.push("conference");
        }
    }
    Ok(Changes { event: e, conference, names })
}

pub(crate) fn write_options(p: &ManageEventParams, c: &Changes) -> WriteOptions<'static> {
    let send = match p.send_updates.unwrap_or(SendUpdates::All) {
        SendUpdates::All => "all",
        SendUpdates::ExternalOnly => "externalOnly",
        SendUpdates::None => "none",
    };
    let conference = !matches!(c.conference, ConferenceChange::Keep) && c.event.conference_data.is_some();
    WriteOptions { send_updates: Some(send), conference }
}

async fn manage(ctx: ToolCtx, p: ManageEventParams) -> Result<ToolOutput, ToolError> {
    if p.action != EventAction::Rsvp && (p.response.is_some() || given(p.rsvp_comment.as_deref()).is_some()) {
        return Err(ToolError::invalid("response and rsvp_comment belong to action \"rsvp\""));
    }
    if p.this_and_following && p.action != EventAction::Update {
        return Err(ToolError::invalid("this_and_following only applies to action \"update\""));
    }
    match p.action {
        EventAction::Create => create(ctx, p).await,
        EventAction::Update => update(ctx, p).await,
        EventAction::Delete => delete(ctx, p).await,
        EventAction::Rsvp => rsvp(ctx, p).await,
    }
}

async fn create(ctx: ToolCtx, p: ManageEventParams) -> Result<ToolOutput, ToolError> {
    required(p.summary.as_deref(), "summary is required to create an event")?;
    let start = required(
        p.start_time.as_deref(),
        "start_time is required to create an event (e.g. '2026-05-12T15:00:00Z' or '2026-05-12')",
    )?;
    let end = required(
        p.end_time.as_deref(),
        "end_time is required to create an event (all-day end dates are exclusive: '2026-05-13' for one day on 2026-05-12)",
    )?;
    let mut changes = field_changes(&p, true)?;
    let zones = event_times::Zones::from_params(&p)?;
    let plan = event_times::plan_new(start, end, &zones, changes.event.recurrence.is_some())?;
    let cal = calendar_id(&p.calendar_id);
    let g = ctx.google().await?;
    let calendar_zone = if plan.needs_calendar_zone { Some(super::calendar_zone(&g, cal).await?) } else { None };
    let Boundaries { start, end } = plan.resolve(calendar_zone)?;
    changes.event.start = Some(start);
    changes.event.end = Some(end);
    let created = api::events_insert(&g, cal, &changes.event, write_options(&p, &changes)).await?;
    Ok(ToolOutput::text(render::written("Created", &created, cal)))
}

async fn update(ctx: ToolCtx, p: ManageEventParams) -> Result<ToolOutput, ToolError> {
    let id = required(p.event_id.as_deref(), "event_id is required to update an event (see get_events)")?;
    let mut changes = field_changes(&p, false)?;
    let zones = event_times::Zones::from_params(&p)?;
    let cal = calendar_id(&p.calendar_id);
    let touches_time =
        given(p.start_time.as_deref()).is_some() || given(p.end_time.as_deref()).is_some() || zones.any();
    if !touches_time && changes.names.is_empty() && !p.this_and_following {
        return Err(ToolError::invalid(
            "nothing to update: pass the fields to change (e.g. summary, start_time, attendees)",
        ));
    }
    let g = ctx.google().await?;
    if p.this_and_following {
        return split::this_and_following(&g, cal, id, &p, changes, &zones).await;
    }
    // The current event is needed to move times (length, kind, zone) and to give a newly
    // recurring event the time zone Calendar requires of series.
    if touches_time || changes.event.recurrence.is_some() {
        let current = api::events_get(&g, cal, id).await?;
        event_times::apply_update(&g, cal, &current, &p, &zones, &mut changes).await?;
    }
    let updated = api::events_patch(&g, cal, id, &changes.event, write_options(&p, &changes)).await?;
    let mut out = format!("Changed: {}.\n", changes.names.join(", "));
    out.push_str(&render::written("Updated", &updated, cal));
    Ok(ToolOutput::text(out))
}

async fn delete(ctx: ToolCtx, p: ManageEventParams) -> Result<ToolOutput, ToolError> {
    let id = required(p.event_id.as_deref(), "event_id is required to delete an event (see get_events)")?;
    let cal = calendar_id(&p.calendar_id);
    let changes = Changes { event: Event::default(), conference: ConferenceChange::Keep, names: Vec::new() };
    let send = write_options(&p, &changes).send_updates;
    let g = ctx.google().await?;
    api::events_delete(&g, cal, id, send).await?;
    Ok(ToolOutput::text(format!("Deleted event {id} from calendar {cal} (notifications: {}).", send.unwrap_or("all"))))
}

async fn rsvp(ctx: ToolCtx, p: ManageEventParams) -> Result<ToolOutput, ToolError> {
    let id = required(p.event_id.as_deref(), "event_id is required to answer an invitation (see get_events)")?;
    let response = p.response.ok_or_else(|| {
        ToolError::invalid("response is required for rsvp: accepted, declined, tentative or needsAction")
    })?;
    let cal = calendar_id(&p.calendar_id);
    let g = ctx.google().await?;
    let current = api::events_get(&g, cal, id).await?;
    let me = g.user().to_lowercase();
    let mut attendees = current.attendees.clone().unwrap_or_default();
    let Some(mine) = attendees
        .iter_mut()
        .find(|a| a.is_self == Some(true) || a.email.as_deref().map(str::to_lowercase).as_deref() == Some(me.as_str()))
    else {
        return Err(ToolError::invalid(format!(
            "{} is not on the guest list of event {id}, so there is no invitation to answer",
            g.user()
        )));
    };
    mine.response_status = Some(wire(response));
    if let Some(c) = p.rsvp_comment.as_deref().map(str::trim) {
        mine.comment = if c.is_empty() { None } else { Some(c.to_string()) };
    }
    // Attendees is a list, which PATCH replaces whole: send everyone back, changing only
    // this user's answer.
    let changes = Changes {
        event: Event { attendees: Some(attendees), ..Default::default() },
        conference: ConferenceChange::Keep,
        names: vec!["attendees"],
    };
    let updated = api::events_patch(&g, cal, id, &changes.event, write_options(&p, &changes)).await?;
    let title = updated.summary.as_deref().unwrap_or("(no title)");
    let mut out = format!("Answered \"{}\" to \"{title}\" (ID: {id}) as {}.", wire(response), g.user());
    if let Some(c) = given(p.rsvp_comment.as_deref()) {
        out.push_str(&format!(" Comment: \"{c}\"."));
    }
    Ok(ToolOutput::text(out))
}
