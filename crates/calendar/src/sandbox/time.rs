//! Event times as Calendar models them: an all-day `date`, or a `dateTime` instant read in
//! its offset or, when it has none, in its `timeZone` (IANA, via chrono-tz). Also the
//! timestamp spellings Calendar uses in replies and in instance ids.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::error::CalError;

/// An IANA zone name as Calendar accepts it (`Europe/Berlin`, `UTC`, `Etc/GMT+1`).
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// The start or end of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// An all-day boundary: a calendar date, with no zone.
    Date(NaiveDate),
    /// An instant, with the zone the client named (`timeZone`), if any.
    Time { at: DateTime<Utc>, zone: Option<Tz> },
}

impl When {
    pub fn is_all_day(&self) -> bool {
        matches!(self, When::Date(_))
    }

    /// The instant this boundary stands for; a date starts at midnight in `calendar_tz`.
    pub fn instant(&self, calendar_tz: Tz) -> DateTime<Utc> {
        match self {
            When::Date(d) => midnight(*d, calendar_tz),
            When::Time { at, .. } => *at,
        }
    }

    /// The zone a series repeats in: the event's own, else the calendar's.
    pub fn zone_or(&self, calendar_tz: Tz) -> Tz {
        match self {
            When::Time { zone: Some(z), .. } => *z,
            _ => calendar_tz,
        }
    }

    /// The suffix of an instance id: `20260105T150000Z`, or `20260105` for all-day.
    pub fn stamp(&self) -> String {
        match self {
            When::Date(d) => d.format("%Y%m%d").to_string(),
            When::Time { at, .. } => at.format("%Y%m%dT%H%M%SZ").to_string(),
        }
    }

    /// The reply form: `{"date"}` or `{"dateTime", "timeZone"?}` shown in `display`.
    pub fn render(&self, display: Tz) -> Value {
        match self {
            When::Date(d) => json!({ "date": d.format("%Y-%m-%d").to_string() }),
            When::Time { at, zone } => {
                let mut out = json!({ "dateTime": rfc3339_in(*at, display) });
                if let Some(zone) = zone {
                    out["timeZone"] = json!(zone.name());
                }
                out
            }
        }
    }
}

/// Parse `start` or `end` (`which`) of an event body, with Calendar's errors.
pub fn parse_event_time(value: Option<&Value>, which: &str) -> Result<When, CalError> {
    let missing = || CalError::required(format!("Missing {which} time."));
    let obj = match value {
        None | Some(Value::Null) => return Err(missing()),
        Some(Value::Object(obj)) => obj,
        Some(_) => return Err(CalError::invalid(format!("Invalid {which} time."))),
    };
    let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::trim);
    let zone = match text("timeZone").filter(|z| !z.is_empty()) {
        None => None,
        Some(name) => Some(
            parse_tz(name)
                .ok_or_else(|| CalError::invalid(format!("Invalid time zone definition for {which} time.")))?,
        ),
    };
    match (text("date"), text("dateTime")) {
        (Some(_), Some(_)) => {
            Err(CalError::invalid(format!("Invalid {which} time: set either date or dateTime, not both.")))
        }
        (Some(date), None) => NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(When::Date)
            .map_err(|_| CalError::invalid(format!("Invalid {which} time."))),
        (None, Some(text)) => {
            if let Ok(at) = DateTime::parse_from_rfc3339(text) {
                return Ok(When::Time { at: at.with_timezone(&Utc), zone });
            }
            let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .map_err(|_| CalError::invalid(format!("Invalid {which} time.")))?;
            let tz =
                zone.ok_or_else(|| CalError::required(format!("Missing time zone definition for {which} time.")))?;
            Ok(When::Time { at: local_to_utc(tz, naive), zone })
        }
        (None, None) => Err(missing()),
    }
}

/// A wall-clock time in `tz` as an instant. An ambiguous time (clocks going back) is the
/// earlier one; a time that does not exist (clocks going forward) moves forward an hour.
pub fn local_to_utc(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(early, _) => early.with_timezone(&Utc),
        LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&naive)),
    }
}

/// Midnight starting `date` in `tz`.
pub fn midnight(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    local_to_utc(tz, date.and_time(NaiveTime::MIN))
}

/// `at` as Calendar prints a `dateTime` in zone `tz`: seconds, and `Z` for a zero offset.
pub fn rfc3339_in(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    if local.offset().fix().local_minus_utc() == 0 {
        local.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        local.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// `created`/`updated` and other server timestamps: UTC with milliseconds.
pub fn millis(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// An RFC 3339 query parameter or body field (Discovery validation has checked its shape).
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Tz {
        parse_tz("Europe/Berlin").unwrap()
    }

    #[test]
    fn local_times_resolve_in_their_zone() {
        let winter =
            parse_event_time(Some(&json!({"dateTime": "2026-01-15T10:00:00", "timeZone": "Europe/Berlin"})), "start")
                .unwrap();
        assert_eq!(winter.instant(berlin()).to_rfc3339(), "2026-01-15T09:00:00+00:00");
        let summer =
            parse_event_time(Some(&json!({"dateTime": "2026-07-15T10:00:00", "timeZone": "Europe/Berlin"})), "start")
                .unwrap();
        assert_eq!(summer.stamp(), "20260715T080000Z");
        let new_york = parse_tz("America/New_York").unwrap();
        assert_eq!(rfc3339_in(summer.instant(berlin()), new_york), "2026-07-15T04:00:00-04:00");
        assert_eq!(rfc3339_in(summer.instant(berlin()), Tz::UTC), "2026-07-15T08:00:00Z");
        // 02:30 does not exist on the spring-forward night.
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(local_to_utc(berlin(), gap).to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn errors_read_like_calendar() {
        let missing_zone = parse_event_time(Some(&json!({"dateTime": "2026-01-15T10:00:00"})), "end");
        assert_eq!(missing_zone.unwrap_err().message, "Missing time zone definition for end time.");
        let bad_zone =
            parse_event_time(Some(&json!({"dateTime": "2026-01-15T10:00:00Z", "timeZone": "Mars/Olympus"})), "start");
        assert_eq!(bad_zone.unwrap_err().message, "Invalid time zone definition for start time.");
        assert_eq!(parse_event_time(None, "end").unwrap_err().message, "Missing end time.");
        let all_day = parse_event_time(Some(&json!({"date": "2026-02-03"})), "start").unwrap();
        assert!(all_day.is_all_day());
        assert_eq!(all_day.stamp(), "20260203");
        assert_eq!(all_day.instant(berlin()).to_rfc3339(), "2026-02-02T23:00:00+00:00");
    }
}
