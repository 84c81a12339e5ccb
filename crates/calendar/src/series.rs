//! Splitting a recurring series at one instance ("this and following"): Calendar has no
//! call for it, so, as Google's own guide describes, the old series is ended just before
//! the instance (`UNTIL`) and a new series starts at the instance with the same rules.
//! These are the pure rule rewrites; the calls live in `tools::manage_event`.

use chrono::{Duration, Utc};

use crate::time::When;

/// The `UNTIL` value that ends a series just before an instance starting at `split`:
/// one second earlier for timed series (UTC form, as RFC 5545 requires with zones), the
/// day before for all-day series.
pub fn until_before(split: When) -> Option<String> {
    match split {
        When::Date(d) => d.pred_opt().map(|p| p.format("%Y%m%d").to_string()),
        When::Instant(t) => Some((t.with_timezone(&Utc) - Duration::seconds(1)).format("%Y%m%dT%H%M%SZ").to_string()),
        When::Local(_) => None,
    }
}

fn rewrite_rrules(
    rules: &[String],
    f: impl Fn(Vec<String>) -> Result<Vec<String>, String>,
) -> Result<Vec<String>, String> {
    rules
        .iter()
        .map(|line| {
            let Some(body) = line.strip_prefix("RRULE:") else { return Ok(line.clone()) };
            let parts: Vec<String> = body.split(';').filter(|p| !p.is_empty()).map(str::to_string).collect();
            Ok(format!("RRULE:{}", f(parts)?.join(";")))
        })
        .collect()
}

fn is_key(part: &str, key: &str) -> bool {
    part.split_once('=').is_some_and(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// The old series' rules, ended with `until` (any COUNT or earlier UNTIL replaced).
pub fn end_series(rules: &[String], until: &str) -> Vec<String> {
    let ended = rewrite_rrules(rules, |mut parts| {
        parts.retain(|p| !is_key(p, "COUNT") && !is_key(p, "UNTIL"));
        parts.push(format!("UNTIL={until}"));
        Ok(parts)
    });
    ended.unwrap_or_else(|_| rules.to_vec())
}

/// The new series' rules: a COUNT shrinks by the `kept` instances left in the old series.
pub fn continue_series(rules: &[String], kept: usize) -> Result<Vec<String>, String> {
    rewrite_rrules(rules, |parts| {
        parts
            .into_iter()
            .map(|p| match p.split_once('=') {
                Some((k, n)) if k.eq_ignore_ascii_case("COUNT") => {
                    let total: usize =
                        n.parse().map_err(|_| format!("the series has an unreadable rule part '{p}'"))?;
                    match total.checked_sub(kept).filter(|left| *left > 0) {
                        Some(left) => Ok(format!("COUNT={left}")),
                        None => Err(format!(
                            "the series ends after {total} occurrence(s); there is nothing from this instance on"
                        )),
                    }
                }
                _ => Ok(p),
            })
            .collect()
    })
}

/// The split point, for messages.
pub fn describe(split: When) -> String {
    match split {
        When::Date(d) => d.format("%Y-%m-%d").to_string(),
        When::Instant(t) => t.to_rfc3339(),
        When::Local(l) => l.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse;

    #[test]
    fn until_is_just_before_the_split() {
        assert_eq!(until_before(parse("2026-05-04T09:00:00-04:00", "t").unwrap()).unwrap(), "20260504T125959Z");
        assert_eq!(until_before(parse("2026-03-01", "t").unwrap()).unwrap(), "20260228");
    }

    #[test]
    fn old_series_ends_and_new_one_keeps_the_rest() {
        let rules =
            vec!["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10".to_string(), "EXDATE;TZID=UTC:20260511T090000".to_string()];
        assert_eq!(
            end_series(&rules, "20260504T125959Z"),
            vec!["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260504T125959Z", "EXDATE;TZID=UTC:20260511T090000"]
        );
        assert_eq!(continue_series(&rules, 3).unwrap()[0], "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=7");
        assert!(continue_series(&rules, 10).unwrap_err().contains("ends after 10"));
        let open = vec!["RRULE:FREQ=DAILY;UNTIL=20261231".to_string()];
        assert_eq!(continue_series(&open, 5).unwrap(), open);
        assert_eq!(end_series(&open, "20260601"), vec!["RRULE:FREQ=DAILY;UNTIL=20260601"]);
    }
}
