//! Recurring events as Calendar shows them: a series expands into instances with ids
//! `<eventId>_<YYYYMMDDTHHMMSSZ>` (`<eventId>_<YYYYMMDD>` all-day), `recurringEventId`
//! and `originalStartTime`; a stored exception replaces (or, cancelled, hides) its
//! occurrence. Also how events render: Calendar's field order, times shown in a zone.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::store::{Calendar, StoredEvent};
use super::time::When;

/// The order Calendar lists an event's fields in.
const ORDER: &[&str] = &[
    "kind",
    "etag",
    "id",
    "status",
    "htmlLink",
    "created",
    "updated",
    "summary",
    "description",
    "location",
    "colorId",
    "creator",
    "organizer",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "recurringEventId",
    "originalStartTime",
    "transparency",
    "visibility",
    "iCalUID",
    "sequence",
    "attendees",
    "attendeesOmitted",
    "extendedProperties",
    "hangoutLink",
    "conferenceData",
    "gadget",
    "anyoneCanAddSelf",
    "guestsCanInviteOthers",
    "guestsCanModify",
    "guestsCanSeeOtherGuests",
    "privateCopy",
    "locked",
    "reminders",
    "source",
    "workingLocationProperties",
    "outOfOfficeProperties",
    "focusTimeProperties",
    "attachments",
    "birthdayProperties",
    "eventType",
];

/// An event as Calendar returns it, its times shown in `display`.
pub fn render(event: &StoredEvent, display: Tz) -> Value {
    let mut out = Map::new();
    for key in ORDER {
        if let Some(v) = event.data.get(*key) {
            out.insert((*key).to_string(), v.clone());
        }
    }
    for (k, v) in &event.data {
        if !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    if out.contains_key("start") {
        out.insert("start".into(), event.start.render(display));
        out.insert("end".into(), event.end.render(display));
    }
    if let Some(original) = &event.original {
        out.insert("originalStartTime".into(), original.render(display));
    }
    Value::Object(out)
}

/// Whether `event` overlaps `[min, max)`: it ends after `min` and starts before `max`
/// (an event of no length counts when it starts inside).
pub fn overlaps(event: &StoredEvent, tz: Tz, min: Option<DateTime<Utc>>, max: Option<DateTime<Utc>>) -> bool {
    let (start, end) = (event.start.instant(tz), event.end.instant(tz));
    let before_max = max.is_none_or(|m| start < m);
    let after_min = min.is_none_or(|m| end > m || (start == end && start >= m));
    before_max && after_min
}

/// The occurrence of `master` starting at `start`, as an event of its own.
pub fn instance(master: &StoredEvent, start: When, tz: Tz) -> StoredEvent {
    let zone = master.zone(tz);
    let end = match (start, master.end) {
        (When::Date(d), When::Date(e)) => When::Date(d.checked_add_signed(e - master_day(master)).unwrap_or(d)),
        (When::Time { at, .. }, When::Time { zone: end_zone, .. }) => {
            When::Time { at: at + (master.end.instant(tz) - master.start.instant(tz)), zone: end_zone }
        }
        _ => start,
    };
    let mut data = master.data.clone();
    data.remove("recurrence");
    data.insert("id".into(), json!(format!("{}_{}", master.id(), start.stamp())));
    data.insert("recurringEventId".into(), json!(master.id()));
    data.insert("originalStartTime".into(), start.render(zone));
    data.insert("start".into(), start.render(zone));
    data.insert("end".into(), end.render(zone));
    StoredEvent { data, start, end, original: Some(start), recurrence: None, change: master.change }
}

fn master_day(master: &StoredEvent) -> NaiveDate {
    match master.start {
        When::Date(d) => d,
        When::Time { at, .. } => at.date_naive(),
    }
}

/// The exceptions of series `master_id` in `cal`, by the stamp of their original start.
fn exceptions<'c>(cal: &'c Calendar, master_id: &str) -> HashMap<String, &'c StoredEvent> {
    cal.events
        .iter()
        .filter(|e| e.recurring_event_id() == Some(master_id))
        .filter_map(|e| e.original.map(|o| (o.stamp(), e)))
        .collect()
}

/// The instances of `master` overlapping `[min, max)`, exceptions applied; cancelled
/// ones only with `show_deleted`. A non-recurring event is its own single instance.
pub fn expand(
    cal: &Calendar,
    master: &StoredEvent,
    min: Option<DateTime<Utc>>,
    max: Option<DateTime<Utc>>,
    show_deleted: bool,
) -> Vec<StoredEvent> {
    instances_within(cal, master, (min, max), show_deleted, usize::MAX)
}

/// Whether any instance of `master` overlaps `[min, max)` (how a series qualifies for a
/// list without `singleEvents`).
pub fn has_instance(
    cal: &Calendar,
    master: &StoredEvent,
    min: Option<DateTime<Utc>>,
    max: Option<DateTime<Utc>>,
) -> bool {
    !instances_within(cal, master, (min, max), false, 1).is_empty()
}

fn instances_within(
    cal: &Calendar,
    master: &StoredEvent,
    (min, max): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    show_deleted: bool,
    limit: usize,
) -> Vec<StoredEvent> {
    let tz = cal.time_zone;
    let visible = |e: &StoredEvent| (!e.is_cancelled() || show_deleted) && overlaps(e, tz, min, max);
    let Some(rule) = &master.recurrence else {
        return if visible(master) { vec![master.clone()] } else { Vec::new() };
    };
    let zone = master.zone(tz);
    let length = master.end.instant(tz) - master.start.instant(tz);
    let mut pending = exceptions(cal, master.id());
    let mut out = Vec::new();
    for start in rule.starts(master.start, zone, max) {
        if out.len() >= limit {
            return out;
        }
        if let Some(exception) = pending.remove(&start.stamp()) {
            if visible(exception) {
                out.push(exception.clone());
            }
            continue;
        }
        // Cheap test first: most occurrences of a long series lie outside the window.
        let begins = start.instant(tz);
        let ends = begins + length;
        let inside = max.is_none_or(|m| begins < m) && min.is_none_or(|m| ends > m || (begins == ends && begins >= m));
        if inside && !master.is_cancelled() {
            out.push(instance(master, start, tz));
        }
    }
    // Exceptions moved into the window from an occurrence after it.
    for exception in pending.into_values() {
        let occurs = exception.original.is_some_and(|o| rule.occurs_at(master.start, zone, &o));
        if out.len() < limit && occurs && visible(exception) {
            out.push(exception.clone());
        }
    }
    out
}

/// The stored event `id`, or the occurrence a series instance id names.
pub fn find(cal: &Calendar, id: &str) -> Option<StoredEvent> {
    if let Some(event) = cal.event(id) {
        return Some(event.clone());
    }
    let (base, stamp) = id.rsplit_once('_')?;
    let master = cal.event(base)?;
    let rule = master.recurrence.as_ref()?;
    let zone = master.zone(cal.time_zone);
    let start = match master.start {
        When::Date(_) => When::Date(NaiveDate::parse_from_str(stamp, "%Y%m%d").ok()?),
        When::Time { zone: z, .. } => {
            When::Time { at: NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?.and_utc(), zone: z }
        }
    };
    rule.occurs_at(master.start, zone, &start).then(|| instance(master, start, cal.time_zone))
}

/// Whether an exception still belongs to a live series (its master exists, is not
/// cancelled, and still has the occurrence it replaces).
pub fn exception_is_live(cal: &Calendar, exception: &StoredEvent) -> bool {
    let Some(master) = exception.recurring_event_id().and_then(|id| cal.event(id)) else {
        return false;
    };
    let (Some(rule), Some(original)) = (&master.recurrence, exception.original) else {
        return false;
    };
    !master.is_cancelled() && rule.occurs_at(master.start, master.zone(cal.time_zone), &original)
}
