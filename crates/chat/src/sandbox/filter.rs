//! The small query languages Chat accepts: `spaces.list` filters on `spaceType` (terms joined
//! by `OR`), `messages.list` filters on `createTime` comparisons and `thread.name` (terms
//! joined by `AND`), and `orderBy` is `createTime` ascending or descending. Anything else is
//! Google's 400 INVALID_ARGUMENT.

use chrono::{DateTime, Utc};
use wsmcp_sandbox_kit::GoogleError;

const SPACE_TYPES: [&str; 3] = ["SPACE", "GROUP_CHAT", "DIRECT_MESSAGE"];

fn invalid_filter(detail: &str) -> GoogleError {
    GoogleError::invalid_argument(format!("Invalid filter query: {detail}"))
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    v.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(v)
}

/// The space types a `spaces.list` filter asks for (`None`: all).
pub fn space_types(filter: Option<&str>) -> Result<Option<Vec<&'static str>>, GoogleError> {
    let Some(f) = filter.map(str::trim).filter(|f| !f.is_empty()) else { return Ok(None) };
    let mut out = Vec::new();
    for term in f.split(" OR ") {
        let (field, value) = term.split_once('=').ok_or_else(|| invalid_filter(term))?;
        if field.trim() != "spaceType" && field.trim() != "space_type" {
            return Err(invalid_filter(&format!("unsupported field {}", field.trim())));
        }
        let value = unquote(value);
        let known = SPACE_TYPES.iter().find(|t| **t == value).ok_or_else(|| invalid_filter(term))?;
        out.push(*known);
    }
    Ok(Some(out))
}

/// A parsed `messages.list` filter.
#[derive(Debug, Default, Clone)]
pub struct MessageFilter {
    /// `(op, time)` bounds on `createTime`, all of which must hold.
    pub times: Vec<(String, DateTime<Utc>)>,
    pub thread: Option<String>,
}

impl MessageFilter {
    pub fn parse(filter: Option<&str>) -> Result<Self, GoogleError> {
        let mut out = MessageFilter::default();
        let Some(f) = filter.map(str::trim).filter(|f| !f.is_empty()) else { return Ok(out) };
        for term in f.split(" AND ") {
            let term = term.trim().trim_start_matches('(').trim_end_matches(')').trim();
            if let Some(rest) = term.strip_prefix("createTime") {
                let rest = rest.trim_start();
                let op = [">=", "<=", ">", "<"]
                    .into_iter()
                    .find(|op| rest.starts_with(op))
                    .ok_or_else(|| invalid_filter(term))?;
                let value = unquote(&rest[op.len()..]);
                let at = DateTime::parse_from_rfc3339(value)
                    .map_err(|_| invalid_filter(&format!("createTime must be an RFC 3339 timestamp, got {value}")))?;
                out.times.push((op.to_string(), at.with_timezone(&Utc)));
            } else if let Some(rest) = term.strip_prefix("thread.name") {
                let value = rest.trim_start().strip_prefix('=').ok_or_else(|| invalid_filter(term))?;
                out.thread = Some(unquote(value).to_string());
            } else {
                return Err(invalid_filter(term));
            }
        }
        Ok(out)
    }

    pub fn matches(&self, created: DateTime<Utc>, thread: &str) -> bool {
        self.thread.as_deref().is_none_or(|t| t == thread)
            && self.times.iter().all(|(op, at)| match op.as_str() {
                ">" => created > *at,
                ">=" => created >= *at,
                "<" => created < *at,
                _ => created <= *at,
            })
    }
}

/// Whether `orderBy` asks for newest first.
pub fn newest_first(order_by: Option<&str>) -> Result<bool, GoogleError> {
    let words: Vec<&str> = order_by.unwrap_or("").split_whitespace().collect();
    match words.as_slice() {
        [] | ["createTime"] | ["createTime", "asc" | "ASC"] => Ok(false),
        ["createTime", "desc" | "DESC"] => Ok(true),
        _ => Err(GoogleError::invalid_argument(format!("Invalid order_by: {}", order_by.unwrap_or("")))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_filters() {
        assert_eq!(space_types(None).unwrap(), None);
        assert_eq!(
            space_types(Some("spaceType = \"SPACE\" OR spaceType = \"GROUP_CHAT\"")).unwrap(),
            Some(vec!["SPACE", "GROUP_CHAT"])
        );
        assert!(space_types(Some("displayName = \"Atlas\"")).is_err());
        assert!(space_types(Some("spaceType = \"ROOM\"")).is_err());
    }

    #[test]
    fn message_filters() {
        let f = MessageFilter::parse(Some(
            "createTime > \"2026-03-18T00:00:00-03:00\" AND thread.name = spaces/A/threads/T",
        ))
        .unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(f.matches(at("2026-03-18T04:00:00Z"), "spaces/A/threads/T"));
        assert!(!f.matches(at("2026-03-18T02:00:00Z"), "spaces/A/threads/T"));
        assert!(!f.matches(at("2026-03-18T04:00:00Z"), "spaces/A/threads/U"));
        assert!(MessageFilter::parse(Some("text : \"hello\"")).is_err());
        assert!(MessageFilter::parse(Some("createTime > \"yesterday\"")).is_err());
        assert!(newest_first(Some("createTime desc")).unwrap());
        assert!(newest_first(Some("updateTime desc")).is_err());
    }
}
