//! The one clock that seeds, emulations and tools read.
//!
//! It is the real time unless the process anchored it to a fixed instant (the sandbox's
//! `WORKSPACE_MCP_SANDBOX_NOW`, or a test harness): then time starts at that instant and runs on
//! from there, so ordering, expiry and "now" defaults still behave while every date a seed or a
//! test derives is the same on any day. Google's own token lifetimes never use this clock: they
//! are real time, and `wsmcp-auth` reads the system clock for them.

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

struct Anchor {
    at: DateTime<Utc>,
    since: Instant,
}

static ANCHOR: OnceLock<Anchor> = OnceLock::new();

/// Anchors the clock at `at` for the rest of the process. The first anchor wins; asking for a
/// different one later is an error, so two parts of a process never disagree about the date.
pub fn start_at(at: DateTime<Utc>) -> Result<(), String> {
    let anchor = ANCHOR.get_or_init(|| Anchor { at, since: Instant::now() });
    if anchor.at == at { Ok(()) } else { Err(format!("the clock already starts at {}", anchor.at.to_rfc3339())) }
}

/// The current time: real, or anchored by [`start_at`].
pub fn now() -> DateTime<Utc> {
    match ANCHOR.get() {
        Some(anchor) => anchor.at + TimeDelta::from_std(anchor.since.elapsed()).unwrap_or(TimeDelta::zero()),
        None => Utc::now(),
    }
}

/// [`now`] in Unix milliseconds.
pub fn now_millis() -> i64 {
    now().timestamp_millis()
}

/// Reads an anchor given by a person: RFC 3339 (`2031-01-10T09:30:00Z`) or a date (`2031-01-10`,
/// midnight UTC).
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|at| at.and_utc())
        .ok_or_else(|| {
            format!("`{text}` is not an instant: use RFC 3339 (2031-01-10T09:30:00Z) or a date (2031-01-10)")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_and_dates_parse_and_nonsense_is_named() {
        assert_eq!(parse_instant("2031-01-10T09:30:00+01:00").unwrap().to_rfc3339(), "2031-01-10T08:30:00+00:00");
        assert_eq!(parse_instant(" 2031-01-10 ").unwrap().to_rfc3339(), "2031-01-10T00:00:00+00:00");
        assert!(parse_instant("tomorrow").unwrap_err().contains("`tomorrow`"));
    }

    #[test]
    fn an_anchored_clock_starts_at_its_anchor_and_runs_on() {
        let at = parse_instant("2031-01-10T09:30:00Z").unwrap();
        start_at(at).unwrap();
        assert!(start_at(at).is_ok(), "the same anchor again is fine");
        assert!(start_at(at + TimeDelta::days(1)).is_err(), "a different one is refused");
        let first = now();
        assert!(first >= at && first < at + TimeDelta::minutes(5), "{first}");
        assert!(now() >= first, "time runs on");
    }
}
