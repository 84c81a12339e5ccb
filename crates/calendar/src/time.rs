//! Times as users write them, turned into what Calendar accepts.
//!
//! Accepted: RFC 3339 with an offset (`2026-03-08T09:30:00-05:00`, `...Z`: an exact
//! instant, kept), a date (`2026-03-08`: all-day, or midnight where an instant is needed),
//! and a wall-clock time without offset (`2026-03-08T09:30[:00]`), read in an IANA zone.
//! Wall-clock times are resolved here with the tz database rather than left to Google, so a
//! time that does not exist (skipped by a daylight-saving jump) is reported before any
//! request, and an ambiguous one (repeated when clocks fall back) takes its first
//! occurrence, as Calendar's own UI does.

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::wire::EventDateTime;

/// A time as the user gave it, before any zone is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `YYYY-MM-DD`.
    Date(NaiveDate),
    /// A timestamp with an offset: one exact instant.
    Instant(DateTime<FixedOffset>),
    /// A timestamp without offset: a wall-clock time in some zone still to be chosen.
    Local(NaiveDateTime),
}

impl When {
    /// Whether a zone is needed to pin this value to an instant.
    pub fn needs_zone(&self) -> bool {
        !matches!(self, When::Instant(_))
    }
}

const EXAMPLES: &str = "e.g. '2026-05-12T15:00:00Z', '2026-05-12T15:00:00-04:00', '2026-05-12T15:00' (read in the time zone) or '2026-05-12' (a whole day)";

/// Parses one user-given time; `what` names the argument in the error.
pub fn parse(value: &str, what: &str) -> Result<When, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("{what} is empty; give a time, {EXAMPLES}"));
    }
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Ok(When::Date(d));
    }
    // Accept a space for the 'T' and a lowercase 'z', both common in hand-typed times.
    let normalized: String = v.replacen(' ', "T", 1).replace('z', "Z");
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Ok(When::Instant(t));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&normalized, format) {
            return Ok(When::Local(t));
        }
    }
    Err(format!("{what} '{v}' is not a time Calendar understands; use RFC 3339, {EXAMPLES}"))
}

/// Parses an IANA zone name (`America/New_York`).
pub fn parse_zone(value: &str, what: &str) -> Result<Tz, String> {
    let v = value.trim();
    v.parse::<Tz>().map_err(|_| {
        format!("{what} '{v}' is not an IANA time zone; use a name like 'America/New_York', 'Europe/Berlin' or 'UTC'")
    })
}

/// The instant a wall-clock time has in `zone`: the first of two when clocks fall back, an
/// error when the time is skipped by a jump forward.
pub fn resolve_local(local: NaiveDateTime, zone: Tz, what: &str) -> Result<DateTime<Tz>, String> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::Ambiguous(first, _) => Ok(first),
        LocalResult::None => {
            // Find the first wall-clock time after the gap, to suggest it.
            let after = (1..=180)
                .map(|m| local + Duration::minutes(m))
                .find_map(|t| zone.from_local_datetime(&t).earliest())
                .map(|t| format!(" (the next valid time is {})", t.format("%H:%M")))
                .unwrap_or_default();
            Err(format!(
                "{what} {} does not exist in {zone}: clocks jump forward then{after}; give another time or an explicit offset",
                local.format("%Y-%m-%dT%H:%M")
            ))
        }
    }
}

/// The start of a day in `zone` (midnight, or the first valid time when midnight is skipped).
pub fn day_start(date: NaiveDate, zone: Tz) -> DateTime<Tz> {
    let midnight = date.and_time(NaiveTime::MIN);
    (0..=180)
        .map(|m| midnight + Duration::minutes(m))
        .find_map(|t| zone.from_local_datetime(&t).earliest())
        .unwrap_or_else(|| zone.from_utc_datetime(&midnight))
}

/// RFC 3339 with a numeric offset, seconds precision.
pub fn rfc3339<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    t.fixed_offset().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The instant a value stands for, as RFC 3339 (for `timeMin`, `timeMax`, free/busy):
/// dates are the start of that day. `zone` is needed unless the value has an offset.
pub fn instant(when: When, zone: Option<Tz>, what: &str) -> Result<String, String> {
    match (when, zone) {
        (When::Instant(t), _) => Ok(rfc3339(&t)),
        (When::Date(d), Some(z)) => Ok(rfc3339(&day_start(d, z))),
        (When::Local(l), Some(z)) => resolve_local(l, z, what).map(|t| rfc3339(&t)),
        (_, None) => Err(format!("{what} has no UTC offset; add one (e.g. 'Z') or give a time zone")),
    }
}

/// Whether RFC 3339 instant `a` is strictly before `b` (true when either is unreadable,
/// leaving the judgement to Google).
pub fn is_before(a: &str, b: &str) -> bool {
    match (DateTime::parse_from_rfc3339(a), DateTime::parse_from_rfc3339(b)) {
        (Ok(a), Ok(b)) => a < b,
        _ => true,
    }
}

/// One boundary of an event. Dates make all-day boundaries (no zone involved). Instants
/// keep their instant; with a zone they are shown in that zone and carry its name.
/// Wall-clock times are resolved in the zone, which must then be given.
pub fn event_boundary(when: When, zone: Option<Tz>, what: &str) -> Result<EventDateTime, String> {
    match (when, zone) {
        (When::Date(d), _) => Ok(EventDateTime::date(d.format("%Y-%m-%d").to_string())),
        (When::Instant(t), None) => Ok(EventDateTime::date_time(rfc3339(&t), None)),
        (When::Instant(t), Some(z)) => {
            Ok(EventDateTime::date_time(rfc3339(&t.with_timezone(&z)), Some(z.name().to_string())))
        }
        (When::Local(l), Some(z)) => {
            let t = resolve_local(l, z, what)?;
            Ok(EventDateTime::date_time(rfc3339(&t), Some(z.name().to_string())))
        }
        (When::Local(_), None) => Err(format!("{what} has no UTC offset; add one (e.g. 'Z') or pass timezone")),
    }
}

/// For out-of-office and focus time, which Calendar only accepts as timed events: a date
/// becomes that day's midnight in `zone` (an exclusive end date is the next midnight).
pub fn timed_boundary(when: When, zone: Option<Tz>, what: &str) -> Result<EventDateTime, String> {
    match (when, zone) {
        (When::Date(d), Some(z)) => Ok(EventDateTime::date_time(rfc3339(&day_start(d, z)), Some(z.name().to_string()))),
        (When::Date(_), None) => Err(format!("{what} is a date; pass timezone so it can start at that day's midnight")),
        _ => event_boundary(when, zone, what),
    }
}

/// An `EventDateTime` read back as a UTC instant (timed) or a date (all-day).
pub fn read_boundary(b: &EventDateTime) -> Option<When> {
    if let Some(d) = b.date.as_deref() {
        return NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().map(When::Date);
    }
    let dt = b.date_time.as_deref()?;
    if let Ok(t) = DateTime::parse_from_rfc3339(dt) {
        return Some(When::Instant(t));
    }
    let zone = b.time_zone.as_deref().and_then(|z| z.parse::<Tz>().ok())?;
    let local = NaiveDateTime::parse_from_str(dt, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    zone.from_local_datetime(&local).earliest().map(|t| When::Instant(t.fixed_offset()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> Tz {
        parse_zone("America/New_York", "timezone").unwrap()
    }

    #[test]
    fn parses_the_three_shapes() {
        assert!(matches!(parse("2026-12-03", "t").unwrap(), When::Date(_)));
        assert!(matches!(parse("2026-12-03T10:00:00Z", "t").unwrap(), When::Instant(_)));
        assert!(matches!(parse("2026-12-03T10:00:00.250+05:30", "t").unwrap(), When::Instant(_)));
        assert!(matches!(parse("2026-12-03 10:00:00z", "t").unwrap(), When::Instant(_)));
        assert!(matches!(parse("2026-12-03T10:00", "t").unwrap(), When::Local(_)));
        assert!(matches!(parse(" 2026-12-03T10:00:30 ", "t").unwrap(), When::Local(_)));
    }

    #[test]
    fn bad_inputs_name_the_value_and_show_an_example() {
        for bad in ["tomorrow", "2026-13-01", "2026-02-30", "12/03/2026", "2026-12-03T25:00", ""] {
            let e = parse(bad, "start_time").unwrap_err();
            assert!(e.starts_with("start_time"), "{e}");
            assert!(e.contains("2026-05-12T15:00:00Z"), "{e}");
        }
        let e = parse_zone("Mars/Olympus", "timezone").unwrap_err();
        assert!(e.contains("'Mars/Olympus'") && e.contains("America/New_York"), "{e}");
    }

    #[test]
    fn wall_clock_times_follow_daylight_saving() {
        let winter = instant(parse("2026-01-15T09:00", "t").unwrap(), Some(ny()), "t").unwrap();
        let summer = instant(parse("2026-07-15T09:00", "t").unwrap(), Some(ny()), "t").unwrap();
        assert_eq!(winter, "2026-01-15T09:00:00-05:00");
        assert_eq!(summer, "2026-07-15T09:00:00-04:00");
    }

    #[test]
    fn skipped_time_is_an_error_and_repeated_time_takes_the_first() {
        // 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice.
        let e = instant(parse("2026-03-08T02:30", "start_time").unwrap(), Some(ny()), "start_time").unwrap_err();
        assert!(e.contains("does not exist in America/New_York") && e.contains("03:00"), "{e}");
        let first = instant(parse("2026-11-01T01:30", "t").unwrap(), Some(ny()), "t").unwrap();
        assert_eq!(first, "2026-11-01T01:30:00-04:00");
    }

    #[test]
    fn instants_keep_their_instant_in_another_zone() {
        let b = event_boundary(parse("2026-07-01T12:00:00Z", "t").unwrap(), Some(ny()), "t").unwrap();
        assert_eq!(b.date_time.as_deref(), Some("2026-07-01T08:00:00-04:00"));
        assert_eq!(b.time_zone.as_deref(), Some("America/New_York"));
        let plain = event_boundary(parse("2026-07-01T12:00:00+02:00", "t").unwrap(), None, "t").unwrap();
        assert_eq!(plain.date_time.as_deref(), Some("2026-07-01T12:00:00+02:00"));
        assert_eq!(plain.time_zone, None);
    }

    #[test]
    fn dates_are_all_day_or_midnight() {
        let b = event_boundary(parse("2026-12-03", "t").unwrap(), Some(ny()), "t").unwrap();
        assert_eq!((b.date.as_deref(), b.date_time.as_deref()), (Some("2026-12-03"), None));
        let t = timed_boundary(parse("2026-12-03", "t").unwrap(), Some(ny()), "t").unwrap();
        assert_eq!(t.date_time.as_deref(), Some("2026-12-03T00:00:00-05:00"));
        assert!(timed_boundary(parse("2026-12-03", "t").unwrap(), None, "t").is_err());
        assert_eq!(
            instant(When::Date(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()), Some(Tz::UTC), "t").unwrap(),
            "2026-12-03T00:00:00+00:00"
        );
    }

    #[test]
    fn midnight_skipped_by_dst_starts_the_day_at_one() {
        // Santiago jumps from 00:00 to 01:00 on 2026-09-06.
        let z = parse_zone("America/Santiago", "tz").unwrap();
        let start = day_start(NaiveDate::from_ymd_opt(2026, 9, 6).unwrap(), z);
        assert_eq!(rfc3339(&start), "2026-09-06T01:00:00-03:00");
    }

    #[test]
    fn ordering_of_instants() {
        assert!(is_before("2026-05-01T10:00:00+02:00", "2026-05-01T09:00:00Z"));
        assert!(!is_before("2026-05-01T11:00:00+02:00", "2026-05-01T09:00:00Z"));
    }

    #[test]
    fn naive_without_zone_is_refused() {
        assert!(
            event_boundary(parse("2026-12-03T10:00", "end_time").unwrap(), None, "end_time")
                .unwrap_err()
                .contains("end_time has no UTC offset")
        );
        assert!(instant(parse("2026-12-03", "time_min").unwrap(), None, "time_min").is_err());
    }

    #[test]
    fn boundaries_read_back() {
        let b = EventDateTime::date_time("2026-05-01T10:00:00".into(), Some("Europe/Berlin".into()));
        let Some(When::Instant(t)) = read_boundary(&b) else { panic!() };
        assert_eq!(rfc3339(&t.with_timezone(&chrono::Utc)), "2026-05-01T08:00:00+00:00");
        assert!(matches!(read_boundary(&EventDateTime::date("2026-05-01".into())), Some(When::Date(_))));
    }
}
