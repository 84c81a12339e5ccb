//! The emulated account: calendars (with their list-entry settings) and their events,
//! behind one mutex. An event is kept as the JSON resource Calendar returns plus its
//! parsed times and recurrence; deleted events stay as `cancelled` tombstones, and a
//! changed or cancelled occurrence of a series is its own event (an exception) with
//! `recurringEventId` and `originalStartTime`, as in Calendar.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use super::error::CalError;
use super::rrule::Recurrence;
use super::time::{When, parse_event_time};

/// What the user may do with a calendar, weakest first (so `>=` compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    FreeBusyReader,
    Reader,
    Writer,
    Owner,
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::FreeBusyReader => "freeBusyReader",
            Access::Reader => "reader",
            Access::Writer => "writer",
            Access::Owner => "owner",
        }
    }

    /// `minAccessRole` values; `writerWithoutPrivateAccess` sits between reader and writer.
    pub fn parse_min(text: &str) -> Option<Access> {
        Some(match text {
            "freeBusyReader" => Access::FreeBusyReader,
            "reader" => Access::Reader,
            "writer" | "writerWithoutPrivateAccess" => Access::Writer,
            "owner" => Access::Owner,
            _ => return None,
        })
    }
}

/// One calendar and the user's list entry for it.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub id: String,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub time_zone: Tz,
    pub access: Access,
    pub primary: bool,
    pub hidden: bool,
    pub deleted: bool,
    pub color_id: String,
    pub default_reminders: Vec<Value>,
    pub etag: String,
    pub events: Vec<StoredEvent>,
}

impl Calendar {
    pub fn can_write(&self) -> bool {
        self.access >= Access::Writer
    }

    pub fn event(&self, id: &str) -> Option<&StoredEvent> {
        self.events.iter().find(|e| e.id() == id)
    }

    pub fn event_mut(&mut self, id: &str) -> Option<&mut StoredEvent> {
        self.events.iter_mut().find(|e| e.id() == id)
    }

    /// Put `event` in place of the one with its id, or add it.
    pub fn upsert(&mut self, event: StoredEvent) {
        match self.events.iter_mut().find(|e| e.id() == event.id()) {
            Some(slot) => *slot = event,
            None => self.events.push(event),
        }
    }
}

/// One event (a single event, a series, or an exception of a series).
#[derive(Debug, Clone)]
pub struct StoredEvent {
    /// The resource as Calendar returns it; `start`/`end` as the client sent them.
    pub data: Map<String, Value>,
    pub start: When,
    pub end: When,
    /// For an exception: the start of the occurrence it replaces.
    pub original: Option<When>,
    pub recurrence: Option<Recurrence>,
    /// The store's change counter at the last write (what sync tokens compare).
    pub change: u64,
}

impl StoredEvent {
    /// Parse the times and recurrence of a resource. Cancelled occurrences of a series may
    /// lack `start`/`end`; they take their original start.
    pub fn from_data(data: Map<String, Value>, change: u64) -> Result<StoredEvent, CalError> {
        let original = match data.get("originalStartTime") {
            Some(v) if !v.is_null() => Some(parse_event_time(Some(v), "original start")?),
            _ => None,
        };
        let (start, end) = match (original, data.get("start")) {
            (Some(o), None) => (o, o),
            _ => (parse_event_time(data.get("start"), "start")?, parse_event_time(data.get("end"), "end")?),
        };
        let lines: Vec<String> = data
            .get("recurrence")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        let recurrence = if lines.is_empty() { None } else { Some(Recurrence::parse(&lines)?) };
        Ok(StoredEvent { data, start, end, original, recurrence, change })
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.data.get(key).and_then(Value::as_str)
    }

    pub fn id(&self) -> &str {
        self.text("id").unwrap_or_default()
    }

    pub fn status(&self) -> &str {
        self.text("status").unwrap_or("confirmed")
    }

    pub fn is_cancelled(&self) -> bool {
        self.status() == "cancelled"
    }

    pub fn event_type(&self) -> &str {
        self.text("eventType").unwrap_or("default")
    }

    pub fn recurring_event_id(&self) -> Option<&str> {
        self.text("recurringEventId")
    }

    pub fn updated(&self) -> Option<DateTime<Utc>> {
        self.text("updated").and_then(super::time::parse_instant)
    }

    /// The zone the event's series repeats in.
    pub fn zone(&self, calendar_tz: Tz) -> Tz {
        self.start.zone_or(calendar_tz)
    }
}

/// Everything the sandbox user has in Calendar.
#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub calendars: Vec<Calendar>,
    /// Bumped on every write; seeds etags and sync tokens.
    pub change: u64,
    /// Colleagues whose free/busy the user may see: `(email, display name)`.
    pub directory: Vec<(String, String)>,
}

impl Store {
    pub fn new(user: &str) -> Store {
        Store { user: user.to_string(), calendars: Vec::new(), change: 1, directory: Vec::new() }
    }

    /// The index of calendar `id`; `primary` is the user's own calendar.
    pub fn index(&self, id: &str) -> Option<usize> {
        let id = if id == "primary" { self.user.as_str() } else { id };
        self.calendars.iter().position(|c| c.id.eq_ignore_ascii_case(id) && !c.deleted)
    }

    pub fn calendar(&self, id: &str) -> Result<&Calendar, CalError> {
        self.index(id).and_then(|i| self.calendars.get(i)).ok_or_else(CalError::not_found)
    }

    pub fn calendar_mut(&mut self, id: &str) -> Result<&mut Calendar, CalError> {
        let i = self.index(id).ok_or_else(CalError::not_found)?;
        self.calendars.get_mut(i).ok_or_else(CalError::not_found)
    }

    pub fn primary_tz(&self) -> Tz {
        self.calendar("primary").map(|c| c.time_zone).unwrap_or(Tz::UTC)
    }

    /// Advance the change counter; returns the new value.
    pub fn bump(&mut self) -> u64 {
        self.change += 1;
        self.change
    }
}

/// An etag in Calendar's shape (a quoted decimal) for change `n`.
pub fn etag(n: u64) -> String {
    format!("\"{}\"", 3_480_000_000_000_000u64.saturating_add(n.saturating_mul(2_000)))
}

/// The store shared by the handlers and the reset hook.
pub type SharedStore = wsmcp_sandbox_kit::Shared<Store>;
