//! Calendar REST shapes (calendar/v3), only the fields the tools read or write. Field names
//! follow the Discovery document (camelCase). Every field is optional both ways: Google
//! omits empty ones in replies, and a PATCH body must carry only what changes, so `None`
//! is never serialized.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `EventDateTime`: `date` for all-day boundaries, `dateTime` (+ optional zone) otherwise.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventDateTime {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl EventDateTime {
    pub fn date(date: String) -> Self {
        EventDateTime { date: Some(date), ..Default::default() }
    }
    pub fn date_time(date_time: String, time_zone: Option<String>) -> Self {
        EventDateTime { date_time: Some(date_time), time_zone, ..Default::default() }
    }
    /// The date or date-time, whichever is set.
    pub fn display(&self) -> &str {
        self.date_time.as_deref().or(self.date.as_deref()).unwrap_or("?")
    }
    pub fn is_all_day(&self) -> bool {
        self.date.is_some()
    }
}

/// `EventAttendee`: every field, so an attendee list read from Google can be sent back
/// unchanged (an RSVP rewrites the whole list, as arrays are replaced on PATCH).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Attendee {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_guests: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizer: Option<bool>,
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub is_self: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub async_operation: Option<String>,
}

/// The fields of `EventAttendee` a user may set.
pub const ATTENDEE_INPUT_FIELDS: &[&str] =
    &["email", "displayName", "optional", "responseStatus", "comment", "additionalGuests", "resource"];

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reminder {
    pub method: String,
    pub minutes: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reminders {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Vec<Reminder>>,
}

/// `EventAttachment`; only `fileUrl` is needed to attach a Drive file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Attachment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon_link: Option<String>,
}

/// `outOfOfficeProperties` and `focusTimeProperties` (focus time adds `chatStatus`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_decline_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decline_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Person {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub is_self: Option<bool>,
}

/// `Event`, read and written. `conference_data` stays raw JSON: users may pass their own,
/// and `Some(Value::Null)` in a PATCH removes the conference.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<EventDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<EventDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_event_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_start_time: Option<EventDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transparency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<Attendee>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hangout_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminders: Option<Reminders>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guests_can_modify: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guests_can_invite_others: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guests_can_see_other_guests: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_office_properties: Option<StatusProperties>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus_time_properties: Option<StatusProperties>,
}

/// `Events` (events.list / events.instances).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventList {
    pub items: Vec<Event>,
    pub next_page_token: Option<String>,
    /// The calendar's own time zone.
    pub time_zone: Option<String>,
    pub summary: Option<String>,
}

/// `CalendarListEntry`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CalendarListEntry {
    pub id: String,
    pub summary: Option<String>,
    pub summary_override: Option<String>,
    pub description: Option<String>,
    pub primary: bool,
    pub access_role: Option<String>,
    pub time_zone: Option<String>,
    pub hidden: bool,
    pub selected: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CalendarList {
    pub items: Vec<CalendarListEntry>,
    pub next_page_token: Option<String>,
}

/// `Calendar` (calendars.insert body and reply).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Calendar {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FreeBusyItem {
    pub id: String,
}

/// `FreeBusyRequest`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FreeBusyRequest {
    pub time_min: String,
    pub time_max: String,
    pub items: Vec<FreeBusyItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_expansion_max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_expansion_max: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimePeriod {
    pub start: String,
    pub end: String,
}

/// `Error` inside a free/busy reply: why one calendar could not be read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FreeBusyError {
    pub domain: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FreeBusyCalendar {
    pub busy: Vec<TimePeriod>,
    pub errors: Vec<FreeBusyError>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FreeBusyGroup {
    pub calendars: Vec<String>,
    pub errors: Vec<FreeBusyError>,
}

/// `FreeBusyResponse`, keyed by the ids asked for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FreeBusyResponse {
    pub time_min: Option<String>,
    pub time_max: Option<String>,
    pub calendars: std::collections::BTreeMap<String, FreeBusyCalendar>,
    pub groups: std::collections::BTreeMap<String, FreeBusyGroup>,
}
