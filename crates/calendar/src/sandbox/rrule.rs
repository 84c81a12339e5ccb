//! RFC 5545 recurrence as Calendar stores it in `recurrence`: RRULE (FREQ DAILY, WEEKLY,
//! MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, BYDAY incl. ordinals, BYMONTHDAY, BYMONTH,
//! BYSETPOS, WKST), RDATE and EXDATE. Occurrences are produced lazily in the series' own
//! zone, so a 10:00 Europe/Berlin meeting stays at 10:00 across daylight-saving changes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;
use http::StatusCode;

use super::error::CalError;
use super::time::{When, local_to_utc, parse_tz};

/// The most occurrences one expansion produces (Google's `maxResults` ceiling).
pub const MAX_OCCURRENCES: usize = 2500;
/// Periods walked before giving up on a rule that rarely or never matches.
const MAX_PERIODS: u32 = 40_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Until {
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

/// A date or time listed by RDATE or EXDATE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    /// A floating local time, read in the TZID given or the series' zone.
    Local(NaiveDateTime, Option<Tz>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    freq: Freq,
    interval: u32,
    count: Option<u32>,
    until: Option<Until>,
    by_day: Vec<(Option<i32>, Weekday)>,
    by_month_day: Vec<i32>,
    by_month: Vec<u32>,
    by_set_pos: Vec<i32>,
    week_start: Weekday,
}

/// A parsed `recurrence` array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    rules: Vec<Rule>,
    rdates: Vec<Listed>,
    exdates: Vec<Listed>,
}

fn invalid() -> CalError {
    CalError::invalid("Invalid recurrence rule.")
}

fn unsupported(part: &str) -> CalError {
    CalError::new(
        StatusCode::NOT_IMPLEMENTED,
        "notImplemented",
        format!("The workspace-mcp sandbox does not emulate the recurrence part {part}."),
    )
}

impl Recurrence {
    /// Parse the lines of `recurrence`; Calendar's 400 on anything malformed.
    pub fn parse(lines: &[String]) -> Result<Recurrence, CalError> {
        let mut out = Recurrence { rules: Vec::new(), rdates: Vec::new(), exdates: Vec::new() };
        for line in lines {
            let (head, value) = line.trim().split_once(':').ok_or_else(invalid)?;
            let mut params = head.split(';');
            let name = params.next().unwrap_or_default().to_ascii_uppercase();
            let params: Vec<&str> = params.collect();
            match name.as_str() {
                "RRULE" => out.rules.push(parse_rule(value)?),
                "RDATE" => out.rdates.extend(parse_list(&params, value)?),
                "EXDATE" => out.exdates.extend(parse_list(&params, value)?),
                "EXRULE" => return Err(unsupported("EXRULE")),
                _ => return Err(invalid()),
            }
        }
        if out.rules.is_empty() && out.rdates.is_empty() {
            return Err(invalid());
        }
        Ok(out)
    }

    /// Start times of the series whose first start is `first`, in order, stopping at
    /// the first start at or after `stop` and after [`MAX_OCCURRENCES`].
    pub fn starts(&self, first: When, zone: Tz, stop: Option<DateTime<Utc>>) -> Vec<When> {
        let first_day = match first {
            When::Date(d) => d,
            When::Time { at, .. } => at.with_timezone(&zone).date_naive(),
        };
        let time_of_day = match first {
            When::Date(_) => None,
            When::Time { at, .. } => Some(at.with_timezone(&zone).time()),
        };
        let make = |day: NaiveDate| match (first, time_of_day) {
            (When::Time { zone: z, .. }, Some(t)) => When::Time { at: local_to_utc(zone, day.and_time(t)), zone: z },
            _ => When::Date(day),
        };
        let past_stop = |w: &When| stop.is_some_and(|s| w.instant(zone) >= s);
        let mut all: Vec<When> = Vec::new();
        for rule in &self.rules {
            for (n, day) in RuleDays::new(rule, first_day).enumerate() {
                let when = if day == first_day { first } else { make(day) };
                if rule.until.is_some_and(|u| after_until(&when, u, zone)) || past_stop(&when) {
                    break;
                }
                all.push(when);
                let emitted = u32::try_from(n + 1).unwrap_or(u32::MAX);
                if rule.count.is_some_and(|c| emitted >= c) || all.len() >= MAX_OCCURRENCES * 2 {
                    break;
                }
            }
        }
        if self.rules.is_empty() {
            all.push(first);
        }
        for listed in &self.rdates {
            let when = listed_when(listed, first, zone, time_of_day);
            if !past_stop(&when) {
                all.push(when);
            }
        }
        all.sort_by_key(|w| w.instant(zone));
        all.dedup();
        all.retain(|w| !self.exdates.iter().any(|x| excludes(x, w, zone)));
        all.truncate(MAX_OCCURRENCES);
        all
    }

    /// Whether `candidate` is one of the series' starts.
    pub fn occurs_at(&self, first: When, zone: Tz, candidate: &When) -> bool {
        let stop = candidate.instant(zone) + Duration::seconds(1);
        self.starts(first, zone, Some(stop)).iter().any(|w| w.stamp() == candidate.stamp())
    }
}

fn after_until(when: &When, until: Until, zone: Tz) -> bool {
    match (when, until) {
        (When::Date(d), Until::Date(u)) => *d > u,
        (When::Date(d), Until::Time(u)) => *d > u.with_timezone(&zone).date_naive(),
        (When::Time { at, .. }, Until::Time(u)) => *at > u,
        (When::Time { at, .. }, Until::Date(u)) => at.with_timezone(&zone).date_naive() > u,
    }
}

fn listed_when(listed: &Listed, first: When, zone: Tz, time: Option<chrono::NaiveTime>) -> When {
    let first_zone = match first {
        When::Time { zone, .. } => zone,
        When::Date(_) => None,
    };
    match (listed, time) {
        (Listed::Date(d), None) => When::Date(*d),
        (Listed::Date(d), Some(t)) => When::Time { at: local_to_utc(zone, d.and_time(t)), zone: first_zone },
        (Listed::Utc(at), _) if first.is_all_day() => When::Date(at.with_timezone(&zone).date_naive()),
        (Listed::Utc(at), _) => When::Time { at: *at, zone: first_zone },
        (Listed::Local(n, _), _) if first.is_all_day() => When::Date(n.date()),
        (Listed::Local(n, tz), _) => When::Time { at: local_to_utc(tz.unwrap_or(zone), *n), zone: first_zone },
    }
}

fn excludes(x: &Listed, when: &When, zone: Tz) -> bool {
    match (x, when) {
        (Listed::Date(d), When::Date(w)) => d == w,
        (Listed::Date(d), When::Time { at, .. }) => at.with_timezone(&zone).date_naive() == *d,
        (Listed::Utc(t), When::Time { at, .. }) => t == at,
        (Listed::Local(n, tz), When::Time { at, .. }) => local_to_utc(tz.unwrap_or(zone), *n) == *at,
        (Listed::Utc(t), When::Date(w)) => t.with_timezone(&zone).date_naive() == *w,
        (Listed::Local(n, _), When::Date(w)) => n.date() == *w,
    }
}

fn parse_rule(value: &str) -> Result<Rule, CalError> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        by_set_pos: Vec::new(),
        week_start: Weekday::Mon,
    };
    let mut freq = None;
    for part in value.split(';').filter(|p| !p.is_empty()) {
        let (key, val) = part.split_once('=').ok_or_else(invalid)?;
        let list = || val.split(',').map(str::trim);
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(match val.to_ascii_uppercase().as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    "HOURLY" | "MINUTELY" | "SECONDLY" => return Err(unsupported(part)),
                    _ => return Err(invalid()),
                })
            }
            "INTERVAL" => {
                rule.interval = val.parse().ok().filter(|n| *n > 0).ok_or_else(invalid)?;
            }
            "COUNT" => rule.count = Some(val.parse().ok().filter(|n| *n > 0).ok_or_else(invalid)?),
            "UNTIL" => rule.until = Some(parse_until(val)?),
            "BYDAY" => {
                for item in list() {
                    rule.by_day.push(parse_by_day(item)?);
                }
            }
            "BYMONTHDAY" => {
                for item in list() {
                    let n: i32 = item.parse().map_err(|_| invalid())?;
                    if n == 0 || n.abs() > 31 {
                        return Err(invalid());
                    }
                    rule.by_month_day.push(n);
                }
            }
            "BYMONTH" => {
                for item in list() {
                    let n: u32 = item.parse().map_err(|_| invalid())?;
                    if !(1..=12).contains(&n) {
                        return Err(invalid());
                    }
                    rule.by_month.push(n);
                }
            }
            "BYSETPOS" => {
                for item in list() {
                    let n: i32 = item.parse().map_err(|_| invalid())?;
                    if n == 0 || n.abs() > 366 {
                        return Err(invalid());
                    }
                    rule.by_set_pos.push(n);
                }
            }
            "WKST" => rule.week_start = weekday(val).ok_or_else(invalid)?,
            "BYWEEKNO" | "BYYEARDAY" | "BYHOUR" | "BYMINUTE" | "BYSECOND" => {
                return Err(unsupported(key));
            }
            _ => return Err(invalid()),
        }
    }
    rule.freq = freq.ok_or_else(invalid)?;
    if rule.count.is_some() && rule.until.is_some() {
        return Err(invalid());
    }
    let ordinals = rule.by_day.iter().any(|(n, _)| n.is_some());
    if ordinals && !matches!(rule.freq, Freq::Monthly | Freq::Yearly) {
        return Err(invalid());
    }
    Ok(rule)
}

fn parse_by_day(item: &str) -> Result<(Option<i32>, Weekday), CalError> {
    let split = item.len().checked_sub(2).ok_or_else(invalid)?;
    let (ordinal, day) = (item.get(..split).ok_or_else(invalid)?, item.get(split..).ok_or_else(invalid)?);
    let day = weekday(day).ok_or_else(invalid)?;
    if ordinal.is_empty() {
        return Ok((None, day));
    }
    let n: i32 = ordinal.trim_start_matches('+').parse().map_err(|_| invalid())?;
    if n == 0 || n.abs() > 53 {
        return Err(invalid());
    }
    Ok((Some(n), day))
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn parse_until(val: &str) -> Result<Until, CalError> {
    if let Ok(d) = NaiveDate::parse_from_str(val, "%Y%m%d") {
        return Ok(Until::Date(d));
    }
    if let Some(utc) = val.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| invalid())?;
        return Ok(Until::Time(t.and_utc()));
    }
    // A floating UNTIL is tolerated by Google; read it as UTC.
    let t = NaiveDateTime::parse_from_str(val, "%Y%m%dT%H%M%S").map_err(|_| invalid())?;
    Ok(Until::Time(t.and_utc()))
}

fn parse_list(params: &[&str], value: &str) -> Result<Vec<Listed>, CalError> {
    let mut tz = None;
    let mut is_date = false;
    for p in params {
        let (k, v) = p.split_once('=').ok_or_else(invalid)?;
        match k.to_ascii_uppercase().as_str() {
            "TZID" => tz = Some(parse_tz(v).ok_or_else(invalid)?),
            "VALUE" if v.eq_ignore_ascii_case("DATE") => is_date = true,
            "VALUE" if v.eq_ignore_ascii_case("DATE-TIME") => {}
            _ => return Err(invalid()),
        }
    }
    value
        .split(',')
        .map(str::trim)
        .map(|item| {
            if is_date || item.len() == 8 {
                return NaiveDate::parse_from_str(item, "%Y%m%d").map(Listed::Date).map_err(|_| invalid());
            }
            match item.strip_suffix('Z') {
                Some(utc) => NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                    .map(|t| Listed::Utc(t.and_utc()))
                    .map_err(|_| invalid()),
                None => NaiveDateTime::parse_from_str(item, "%Y%m%dT%H%M%S")
                    .map(|t| Listed::Local(t, tz))
                    .map_err(|_| invalid()),
            }
        })
        .collect()
}

/// The days a rule produces from `first` on (inclusive), lazily, period by period.
struct RuleDays<'r> {
    rule: &'r Rule,
    first: NaiveDate,
    period: u32,
    buffer: std::vec::IntoIter<NaiveDate>,
    done: bool,
}

impl<'r> RuleDays<'r> {
    fn new(rule: &'r Rule, first: NaiveDate) -> Self {
        Self { rule, first, period: 0, buffer: Vec::new().into_iter(), done: false }
    }

    /// The candidate days of period `k` (every `interval`-th day, week, month or year).
    fn period_days(&self, k: u32) -> Option<Vec<NaiveDate>> {
        let r = self.rule;
        let step = i64::from(k) * i64::from(r.interval);
        let mut days = match r.freq {
            Freq::Daily => {
                let day = self.first.checked_add_signed(Duration::days(step))?;
                let keep = (r.by_month.is_empty() || r.by_month.contains(&day.month()))
                    && (r.by_month_day.is_empty()
                        || month_days(day.year(), day.month(), &r.by_month_day).contains(&day))
                    && (r.by_day.is_empty() || r.by_day.iter().any(|(_, w)| *w == day.weekday()));
                if keep { vec![day] } else { Vec::new() }
            }
            Freq::Weekly => {
                let back = i64::from(self.first.weekday().days_since(r.week_start));
                let week =
                    self.first.checked_sub_signed(Duration::days(back))?.checked_add_signed(Duration::weeks(step))?;
                let wanted: Vec<Weekday> = if r.by_day.is_empty() {
                    vec![self.first.weekday()]
                } else {
                    r.by_day.iter().map(|(_, w)| *w).collect()
                };
                wanted
                    .iter()
                    .filter_map(|w| week.checked_add_signed(Duration::days(i64::from(w.days_since(r.week_start)))))
                    .filter(|d| r.by_month.is_empty() || r.by_month.contains(&d.month()))
                    .collect()
            }
            Freq::Monthly => {
                let index = i64::from(self.first.year()) * 12 + i64::from(self.first.month0()) + step;
                let (year, month) =
                    (i32::try_from(index.div_euclid(12)).ok()?, u32::try_from(index.rem_euclid(12)).ok()? + 1);
                if !r.by_month.is_empty() && !r.by_month.contains(&month) {
                    Vec::new()
                } else {
                    self.in_month(year, month)
                }
            }
            Freq::Yearly => {
                let year = self.first.year().checked_add(i32::try_from(step).ok()?)?;
                if r.by_month.is_empty() && r.by_month_day.is_empty() && !r.by_day.is_empty() {
                    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
                    let to = NaiveDate::from_ymd_opt(year, 12, 31)?;
                    weekday_days(from, to, &r.by_day)
                } else {
                    let months = if r.by_month.is_empty() { vec![self.first.month()] } else { r.by_month.clone() };
                    months.iter().flat_map(|m| self.in_month(year, *m)).collect()
                }
            }
        };
        days.sort_unstable();
        days.dedup();
        if !r.by_set_pos.is_empty() {
            let len = i64::try_from(days.len()).ok()?;
            let picked: Vec<NaiveDate> = r
                .by_set_pos
                .iter()
                .filter_map(|p| {
                    let i = if *p > 0 { i64::from(*p) - 1 } else { len + i64::from(*p) };
                    usize::try_from(i).ok().and_then(|i| days.get(i).copied())
                })
                .collect();
            days = picked;
            days.sort_unstable();
            days.dedup();
        }
        Some(days)
    }

    /// The days of one month a MONTHLY (or YEARLY with BYMONTH) rule picks.
    fn in_month(&self, year: i32, month: u32) -> Vec<NaiveDate> {
        let r = self.rule;
        let Some(from) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Vec::new();
        };
        let to = last_of_month(year, month).unwrap_or(from);
        match (r.by_month_day.is_empty(), r.by_day.is_empty()) {
            (true, true) => NaiveDate::from_ymd_opt(year, month, self.first.day()).into_iter().collect(),
            (false, true) => month_days(year, month, &r.by_month_day),
            (true, false) => weekday_days(from, to, &r.by_day),
            (false, false) => {
                let by_day = weekday_days(from, to, &r.by_day);
                month_days(year, month, &r.by_month_day).into_iter().filter(|d| by_day.contains(d)).collect()
            }
        }
    }
}

impl Iterator for RuleDays<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        loop {
            if let Some(day) = self.buffer.next() {
                // The first start always counts; candidates before it never do.
                if self.period == 1 && day == self.first {
                    return Some(day);
                }
                if day > self.first {
                    return Some(day);
                }
                continue;
            }
            if self.done || self.period >= MAX_PERIODS {
                return None;
            }
            let mut days = match self.period_days(self.period) {
                Some(days) => days,
                None => {
                    self.done = true;
                    return None;
                }
            };
            if self.period == 0 && !days.contains(&self.first) {
                days.insert(0, self.first);
                days.sort_unstable();
            }
            self.period += 1;
            self.buffer = days.into_iter();
        }
    }
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// BYMONTHDAY values (negative from the end) that exist in the month.
fn month_days(year: i32, month: u32, wanted: &[i32]) -> Vec<NaiveDate> {
    let Some(last) = last_of_month(year, month) else {
        return Vec::new();
    };
    let len = i32::try_from(last.day()).unwrap_or(28);
    wanted
        .iter()
        .filter_map(|n| {
            let day = if *n > 0 { *n } else { len + 1 + *n };
            u32::try_from(day).ok().and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
        })
        .collect()
}

/// BYDAY within `from..=to`: every such weekday, or the n-th (from the end if negative).
fn weekday_days(from: NaiveDate, to: NaiveDate, by_day: &[(Option<i32>, Weekday)]) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for (ordinal, wd) in by_day {
        let all: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).filter(|d| d.weekday() == *wd).collect();
        match ordinal {
            None => out.extend(all),
            Some(n) => {
                let len = i64::try_from(all.len()).unwrap_or(0);
                let i = if *n > 0 { i64::from(*n) - 1 } else { len + i64::from(*n) };
                if let Some(d) = usize::try_from(i).ok().and_then(|i| all.get(i)) {
                    out.push(*d);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(lines: &[&str]) -> Recurrence {
        Recurrence::parse(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn berlin() -> Tz {
        parse_tz("Europe/Berlin").unwrap()
    }

    fn at(s: &str) -> When {
        When::Time { at: DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc), zone: Some(berlin()) }
    }

    fn stamps(r: &Recurrence, first: When, n: usize) -> Vec<String> {
        r.starts(first, berlin(), None).iter().take(n).map(When::stamp).collect()
    }

    #[test]
    fn weekly_on_several_days_keeps_local_time_across_dst() {
        // Monday 2026-03-23 09:00 Berlin (CET, UTC+1); clocks change on 2026-03-29.
        let r = rec(&["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"]);
        assert_eq!(
            stamps(&r, at("2026-03-23T09:00:00+01:00"), 10),
            ["20260323T080000Z", "20260325T080000Z", "20260330T070000Z", "20260401T070000Z"]
        );
    }

    #[test]
    fn until_interval_and_exdate() {
        let r =
            rec(&["RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20260110T235959Z", "EXDATE;TZID=Europe/Berlin:20260105T100000"]);
        assert_eq!(
            stamps(&r, at("2026-01-01T10:00:00+01:00"), 10),
            ["20260101T090000Z", "20260103T090000Z", "20260107T090000Z", "20260109T090000Z"]
        );
    }

    #[test]
    fn monthly_and_yearly() {
        let first_thursday = rec(&["RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=3"]);
        assert_eq!(
            stamps(&first_thursday, When::Date(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()), 5),
            ["20260101", "20260205", "20260305"]
        );
        let last_friday = rec(&["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=2"]);
        assert_eq!(
            stamps(&last_friday, When::Date(NaiveDate::from_ymd_opt(2026, 1, 30).unwrap()), 5),
            ["20260130", "20260227"]
        );
        let thirty_first = rec(&["RRULE:FREQ=MONTHLY;COUNT=3"]);
        assert_eq!(
            stamps(&thirty_first, When::Date(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), 5),
            ["20260131", "20260331", "20260531"]
        );
        let birthday = rec(&["RRULE:FREQ=YEARLY"]);
        assert_eq!(
            stamps(&birthday, When::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()), 3),
            ["20240229", "20280229", "20320229"]
        );
        let last_weekday = rec(&["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2"]);
        assert_eq!(
            stamps(&last_weekday, When::Date(NaiveDate::from_ymd_opt(2026, 1, 30).unwrap()), 5),
            ["20260130", "20260227"]
        );
    }

    #[test]
    fn open_series_stop_at_the_window_and_the_cap() {
        let r = rec(&["RRULE:FREQ=DAILY"]);
        let first = at("2026-01-01T10:00:00+01:00");
        let stop = DateTime::parse_from_rfc3339("2026-01-04T00:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(r.starts(first, berlin(), Some(stop)).len(), 3);
        assert_eq!(r.starts(first, berlin(), None).len(), MAX_OCCURRENCES);
        assert!(r.occurs_at(first, berlin(), &at("2026-01-05T10:00:00+01:00")));
        assert!(!r.occurs_at(first, berlin(), &at("2026-01-05T11:00:00+01:00")));
    }

    #[test]
    fn malformed_rules_are_refused() {
        for bad in [
            "RRULE:FREQ=SOMETIMES",
            "RRULE:INTERVAL=2",
            "RRULE:FREQ=WEEKLY;COUNT=2;UNTIL=20260101",
            "RRULE:FREQ=WEEKLY;BYDAY=2MO",
            "RRULE:FREQ=DAILY;INTERVAL=0",
            "NOTARULE",
            "RRULE:FREQ=DAILY;BYDAY=XX",
        ] {
            let err = Recurrence::parse(&[bad.to_string()]).unwrap_err();
            assert_eq!(err.message, "Invalid recurrence rule.", "{bad}");
        }
        let err = Recurrence::parse(&["RRULE:FREQ=HOURLY".to_string()]).unwrap_err();
        assert_eq!(err.status, StatusCode::NOT_IMPLEMENTED);
    }
}
