//! The start and end of an event being created or updated: which zone each boundary is
//! read in (its own argument, then `timezone`, then the event's current zone, then the
//! calendar's), all-day versus timed, exclusive all-day ends, and keeping an event's
//! length when only its start moves.
//!
//! Calendar requires a time zone on the timed boundaries of a recurring event, so series
//! get one even when every time carries an offset.

use chrono::Duration;
use chrono_tz::Tz;
use wsmcp_core::ToolError;
use wsmcp_core::google::GoogleCtx;

use super::manage_event::{Changes, ManageEventParams};
use super::{given, zone_arg};
use crate::time::{self, When};
use crate::wire::{Event, EventDateTime};

/// The zones the caller named for each boundary (`start_timezone`/`end_timezone` over
/// `timezone`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Zones {
    pub start: Option<Tz>,
    pub end: Option<Tz>,
}

impl Zones {
    pub fn from_params(p: &ManageEventParams) -> Result<Zones, ToolError> {
        let both = zone_arg(p.timezone.as_deref(), "timezone")?;
        Ok(Zones {
            start: zone_arg(p.start_timezone.as_deref(), "start_timezone")?.or(both),
            end: zone_arg(p.end_timezone.as_deref(), "end_timezone")?.or(both),
        })
    }
    pub fn any(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }
}

pub struct Boundaries {
    pub start: EventDateTime,
    pub end: EventDateTime,
}

/// The times of a new event, parsed and checked; zones are settled by [`NewPlan::resolve`]
/// once the calendar's zone is known (if it is needed at all).
#[derive(Debug)]
pub struct NewPlan {
    start: When,
    end: When,
    zones: Zones,
    recurring: bool,
    pub needs_calendar_zone: bool,
}

fn parse(value: &str, what: &str) -> Result<When, ToolError> {
    time::parse(value, what).map_err(ToolError::invalid)
}

/// Whether a boundary needs a zone: wall-clock times always, timed boundaries of a series too.
fn needs_zone(w: When, recurring: bool) -> bool {
    match w {
        When::Date(_) => false,
        When::Local(_) => true,
        When::Instant(_) => recurring,
    }
}

fn same_kind(a: When, b: When) -> Result<(), ToolError> {
    if matches!(a, When::Date(_)) != matches!(b, When::Date(_)) {
        return Err(ToolError::invalid(
            "start_time and end_time must both be dates (an all-day event, e.g. '2026-12-03' to '2026-12-04') or both be times",
        ));
    }
    Ok(())
}

pub fn plan_new(start: &str, end: &str, zones: &Zones, recurring: bool) -> Result<NewPlan, ToolError> {
    let (s, e) = (parse(start, "start_time")?, parse(end, "end_time")?);
    same_kind(s, e)?;
    let needs_calendar_zone =
        (zones.start.is_none() && needs_zone(s, recurring)) || (zones.end.is_none() && needs_zone(e, recurring));
    Ok(NewPlan { start: s, end: e, zones: *zones, recurring, needs_calendar_zone })
}

impl NewPlan {
    pub fn resolve(&self, calendar_zone: Option<Tz>) -> Result<Boundaries, ToolError> {
        let zone = |explicit: Option<Tz>, w: When| {
            explicit.or_else(|| calendar_zone.filter(|_| needs_zone(w, self.recurring)))
        };
        let start = time::event_boundary(self.start, zone(self.zones.start, self.start), "start_time")
            .map_err(ToolError::invalid)?;
        let end =
            time::event_boundary(self.end, zone(self.zones.end, self.end), "end_time").map_err(ToolError::invalid)?;
        check_order(&start, &end)?;
        Ok(Boundaries { start, end })
    }
}

/// The end must come after the start; all-day ends are exclusive.
pub fn check_order(start: &EventDateTime, end: &EventDateTime) -> Result<(), ToolError> {
    match (start.date.as_deref(), end.date.as_deref(), start.date_time.as_deref(), end.date_time.as_deref()) {
        (Some(s), Some(e), _, _) if e <= s => Err(ToolError::invalid(format!(
            "end_time {e} must be after start_time {s}: all-day end dates are exclusive, so a one-day event on {s} ends on the next day"
        ))),
        (_, _, Some(s), Some(e)) if !time::is_before(s, e) => {
            Err(ToolError::invalid(format!("end_time ({e}) must be after start_time ({s})")))
        }
        _ => Ok(()),
    }
}

/// The new end when only the start moves: the event keeps its length.
fn shifted_end(cur_start: Option<When>, cur_end: Option<When>, new_start: When) -> Result<When, ToolError> {
    let mismatch = || {
        ToolError::invalid(
            "this changes the event between all-day and timed; pass end_time too (all-day end dates are exclusive)",
        )
    };
    match (cur_start, cur_end, new_start) {
        (Some(When::Date(s)), Some(When::Date(e)), When::Date(n)) => Ok(When::Date(n + (e - s))),
        (Some(When::Instant(s)), Some(When::Instant(e)), When::Instant(n)) => Ok(When::Instant(n + (e - s))),
        (Some(When::Instant(s)), Some(When::Instant(e)), When::Local(n)) => Ok(When::Local(n + (e - s))),
        (Some(When::Date(_)), _, When::Date(n)) | (None, _, When::Date(n)) => Ok(When::Date(n + Duration::days(1))),
        (Some(When::Instant(_)), _, When::Date(_)) | (Some(When::Date(_)), _, _) => Err(mismatch()),
        _ => Err(ToolError::invalid("the event's current end could not be read; pass end_time too")),
    }
}

fn event_zone(b: Option<&EventDateTime>) -> Option<Tz> {
    b.and_then(|b| b.time_zone.as_deref()).and_then(|z| z.parse::<Tz>().ok())
}

/// Adds the start/end changes of an update (or of a split's new series) to `changes`,
/// given the event as it is now.
pub async fn apply_update(
    g: &GoogleCtx,
    cal: &str,
    current: &Event,
    p: &ManageEventParams,
    zones: &Zones,
    changes: &mut Changes,
) -> Result<(), ToolError> {
    let recurring = current.recurrence.as_ref().is_some_and(|r| !r.is_empty()) || changes.event.recurrence.is_some();
    let cur_start = current.start.as_ref().and_then(time::read_boundary);
    let cur_end = current.end.as_ref().and_then(time::read_boundary);
    let start_in = given(p.start_time.as_deref()).map(|v| parse(v, "start_time")).transpose()?;
    let end_in = given(p.end_time.as_deref()).map(|v| parse(v, "end_time")).transpose()?;
    let mut new_start = start_in.or(cur_start.filter(|_| zones.start.is_some()));
    let mut new_end = match (end_in, start_in) {
        (Some(e), _) => Some(e),
        (None, Some(s)) => Some(shifted_end(cur_start, cur_end, s)?),
        (None, None) => cur_end.filter(|_| zones.end.is_some()),
    };
    // A single event becoming a series needs zones on its boundaries.
    let zoneless = |b: Option<&EventDateTime>| b.is_some_and(|b| b.date_time.is_some() && b.time_zone.is_none());
    if recurring
        && new_start.is_none()
        && new_end.is_none()
        && (zoneless(current.start.as_ref()) || zoneless(current.end.as_ref()))
    {
        new_start = cur_start;
        new_end = cur_end;
    }
    if new_start.is_none() && new_end.is_none() {
        return Ok(());
    }
    if let (Some(s), Some(e)) = (new_start.or(cur_start), new_end.or(cur_end)) {
        same_kind(s, e)?;
    }
    let mut calendar_zone: Option<Tz> = None;
    let plan = [
        (new_start, zones.start, current.start.as_ref(), "start_time"),
        (new_end, zones.end, current.end.as_ref(), "end_time"),
    ];
    let mut built: [Option<EventDateTime>; 2] = [None, None];
    for (slot, (when, explicit, existing, what)) in built.iter_mut().zip(plan) {
        let Some(w) = when else { continue };
        let mut zone = explicit.or_else(|| event_zone(existing).filter(|_| !matches!(w, When::Date(_))));
        if zone.is_none() && needs_zone(w, recurring) {
            if calendar_zone.is_none() {
                calendar_zone = Some(super::calendar_zone(g, cal).await?);
            }
            zone = calendar_zone;
        }
        *slot = Some(time::event_boundary(w, zone, what).map_err(ToolError::invalid)?);
    }
    let [start, end] = built;
    let (final_start, final_end) = (start.clone().or(current.start.clone()), end.clone().or(current.end.clone()));
    if let (Some(s), Some(e)) = (&final_start, &final_end) {
        check_order(s, e)?;
    }
    if start.is_some() {
        changes.names.push("start");
    }
    if end.is_some() {
        changes.names.push("end");
    }
    changes.event.start = start;
    changes.event.end = end;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> Option<Tz> {
        Some(chrono_tz::America::New_York)
    }

    #[test]
    fn all_day_end_is_exclusive() {
        let zones = Zones::default();
        let one_day = plan_new("2026-12-03", "2026-12-04", &zones, false).unwrap();
        assert!(!one_day.needs_calendar_zone);
        let b = one_day.resolve(None).unwrap();
        assert_eq!((b.start.date.as_deref(), b.end.date.as_deref()), (Some("2026-12-03"), Some("2026-12-04")));
        let e = plan_new("2026-12-03", "2026-12-03", &zones, false).unwrap().resolve(None).err().unwrap();
        assert!(e.to_string().contains("exclusive"), "{e}");
        assert!(plan_new("2026-12-03", "2026-12-04T10:00:00Z", &zones, false).is_err());
    }

    #[test]
    fn zones_per_boundary_and_calendar_fallback() {
        // A flight: leaves 13:45 Jerusalem, lands 17:50 Amsterdam.
        let zones = Zones { start: Some(chrono_tz::Asia::Jerusalem), end: Some(chrono_tz::Europe::Amsterdam) };
        let b = plan_new("2026-06-01T13:45", "2026-06-01T17:50", &zones, false).unwrap().resolve(None).unwrap();
        assert_eq!(b.start.date_time.as_deref(), Some("2026-06-01T13:45:00+03:00"));
        assert_eq!(b.end.date_time.as_deref(), Some("2026-06-01T17:50:00+02:00"));
        assert_eq!(b.end.time_zone.as_deref(), Some("Europe/Amsterdam"));
        let plan = plan_new("2026-06-01T09:00", "2026-06-01T10:00", &Zones::default(), false).unwrap();
        assert!(plan.needs_calendar_zone);
        let b = plan.resolve(ny()).unwrap();
        assert_eq!(b.start.date_time.as_deref(), Some("2026-06-01T09:00:00-04:00"));
        let offsets = plan_new("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", &Zones::default(), false).unwrap();
        assert!(!offsets.needs_calendar_zone);
        assert_eq!(offsets.resolve(ny()).unwrap().start.time_zone, None, "an offset alone is kept as given");
        let series = plan_new("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", &Zones::default(), true).unwrap();
        assert!(series.needs_calendar_zone, "series need a zone");
        assert_eq!(series.resolve(ny()).unwrap().start.time_zone.as_deref(), Some("America/New_York"));
    }

    #[test]
    fn end_before_start_is_refused() {
        let e = plan_new("2026-06-01T10:00:00Z", "2026-06-01T09:00:00Z", &Zones::default(), false)
            .unwrap()
            .resolve(None)
            .err()
            .unwrap();
        assert!(e.to_string().contains("must be after"), "{e}");
    }

    #[test]
    fn moving_the_start_keeps_the_length() {
        let p = |s: &str| time::parse(s, "t").unwrap();
        assert_eq!(
            shifted_end(Some(p("2026-06-01T09:00:00Z")), Some(p("2026-06-01T09:45:00Z")), p("2026-06-02T14:00:00Z"))
                .unwrap(),
            p("2026-06-02T14:45:00Z")
        );
        assert_eq!(
            shifted_end(Some(p("2026-06-01")), Some(p("2026-06-03")), p("2026-07-01")).unwrap(),
            p("2026-07-03")
        );
        assert_eq!(
            shifted_end(Some(p("2026-06-01T09:00:00Z")), Some(p("2026-06-01T10:00:00Z")), p("2026-06-02T14:00"))
                .unwrap(),
            p("2026-06-02T15:00")
        );
        assert!(shifted_end(Some(p("2026-06-01")), Some(p("2026-06-02")), p("2026-06-02T14:00:00Z")).is_err());
    }
}
