//! The Tasks tools, one explicit list: task lists (list, get, manage) and tasks (list, get,
//! manage).

use wsmcp_core::ToolDef;
use wsmcp_core::ToolError;

mod lists;
mod manage_task;
mod tasks;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        tasks::list_tasks(),
        tasks::get_task(),
        manage_task::manage_task(),
        lists::list_task_lists(),
        lists::get_task_list(),
        lists::manage_task_list(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank, required};

/// A whole number in `1..=max`, for a page size.
pub(crate) fn bounded(value: i64, max: u32, what: &str) -> Result<u32, ToolError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("{what} must be between 1 and {max}, got {value}")))
}

/// An RFC 3339 timestamp argument, checked before it reaches Google.
pub(crate) fn timestamp<'a>(value: Option<&'a str>, what: &str) -> Result<Option<&'a str>, ToolError> {
    match given(value) {
        Some(v) if chrono::DateTime::parse_from_rfc3339(v).is_err() => Err(ToolError::invalid(format!(
            "{what} must be an RFC 3339 timestamp such as 2026-12-31T00:00:00Z, got '{v}'"
        ))),
        other => Ok(other),
    }
}

/// The trailer of a paged listing: how to ask for the next page.
pub(crate) fn pagination(next_page_token: Option<&str>) -> String {
    next_page_token.map(|t| format!("\nMore results: pass page_token: {t}\n")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn six_unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 6);
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }

    #[test]
    fn timestamps_are_checked() {
        assert!(timestamp(Some("tomorrow"), "due_min").is_err());
        assert_eq!(timestamp(Some(" 2031-01-01T00:00:00Z "), "due_min").unwrap(), Some("2031-01-01T00:00:00Z"));
        assert_eq!(timestamp(Some(""), "due_min").unwrap(), None);
    }
}
