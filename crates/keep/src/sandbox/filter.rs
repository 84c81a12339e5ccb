//! The AIP-160 filters `notes.list` accepts: `trashed = true|false` and comparisons of
//! `create_time`, `update_time`, `trash_time` with a quoted RFC 3339 time, joined by `AND`.

use chrono::{DateTime, Utc};
use wsmcp_sandbox_kit::GoogleError;

use super::store::NoteRec;

#[derive(Debug, Clone, PartialEq)]
enum Term {
    Trashed(bool),
    Time { field: &'static str, op: &'static str, at: DateTime<Utc> },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter(Vec<Term>);

fn invalid(filter: &str) -> GoogleError {
    GoogleError::invalid_argument(format!("Invalid filter: {filter}"))
}

impl Filter {
    pub fn parse(filter: Option<&str>) -> Result<Filter, GoogleError> {
        let Some(f) = filter.map(str::trim).filter(|f| !f.is_empty()) else {
            return Ok(Filter::default());
        };
        let mut terms = Vec::new();
        for part in f.split(" AND ") {
            let part = part.trim();
            let op =
                ["<=", ">=", "!=", "=", "<", ">"].into_iter().find(|op| part.contains(op)).ok_or_else(|| invalid(f))?;
            let (field, value) = part.split_once(op).ok_or_else(|| invalid(f))?;
            let (field, value) = (field.trim(), value.trim());
            let term = match field {
                "trashed" if op == "=" => Term::Trashed(value.parse().map_err(|_| invalid(f))?),
                "create_time" | "update_time" | "trash_time" => {
                    let at = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).ok_or_else(|| invalid(f))?;
                    let at = DateTime::parse_from_rfc3339(at).map_err(|_| invalid(f))?.with_timezone(&Utc);
                    let field = match field {
                        "create_time" => "create_time",
                        "update_time" => "update_time",
                        _ => "trash_time",
                    };
                    Term::Time { field, op, at }
                }
                _ => return Err(invalid(f)),
            };
            terms.push(term);
        }
        Ok(Filter(terms))
    }

    /// Whether `n` passes. With no `trashed` term Keep lists only notes outside the trash.
    pub fn matches(&self, n: &NoteRec) -> bool {
        let trashed_wanted = self.0.iter().find_map(|t| match t {
            Term::Trashed(b) => Some(*b),
            Term::Time { .. } => None,
        });
        if n.trashed.is_some() != trashed_wanted.unwrap_or(false) {
            return false;
        }
        self.0.iter().all(|t| match t {
            Term::Trashed(_) => true,
            Term::Time { field, op, at } => {
                let value = match *field {
                    "create_time" => Some(n.created),
                    "update_time" => Some(n.updated),
                    _ => n.trashed,
                };
                value.is_some_and(|v| match *op {
                    "<" => v < *at,
                    "<=" => v <= *at,
                    ">" => v > *at,
                    ">=" => v >= *at,
                    "=" => v == *at,
                    _ => v != *at,
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_or_are_refused() {
        assert_eq!(Filter::parse(None).unwrap(), Filter::default());
        assert!(Filter::parse(Some("trashed = true AND update_time > \"2026-01-01T00:00:00Z\"")).is_ok());
        for bad in ["title = \"x\"", "trashed = maybe", "update_time > 2026-01-01", "trashed"] {
            assert!(Filter::parse(Some(bad)).is_err(), "{bad}");
        }
    }
}
