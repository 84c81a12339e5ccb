//! The Calendar tools, one explicit list. calendars (list, create), events (read),
//! manage_event (create, update, delete, RSVP), freebusy, special_events (out of office,
//! focus time).

use chrono_tz::Tz;
use wsmcp_core::ToolDef;
use wsmcp_core::ToolError;
use wsmcp_core::google::GoogleCtx;

use crate::api;
use crate::time;

mod calendars;
mod event_times;
mod events;
mod freebusy;
mod manage_event;
mod special_events;
mod split;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        calendars::list_calendars(),
        events::get_events(),
        manage_event::manage_event(),
        calendars::create_calendar(),
        freebusy::query_freebusy(),
        special_events::manage_out_of_office(),
        special_events::manage_focus_time(),
    ]
}

pub(crate) use wsmcp_core::args::{given, required};

/// The calendar id, `primary` when blank.
pub(crate) fn calendar_id(value: &str) -> &str {
    let v = value.trim();
    if v.is_empty() { "primary" } else { v }
}

/// A page size Calendar accepts (1..=2500).
pub(crate) fn page_size(value: i64, what: &str) -> Result<u32, ToolError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=2500).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("{what} must be between 1 and 2500, got {value}")))
}

/// An optional IANA zone argument, checked.
pub(crate) fn zone_arg(value: Option<&str>, what: &str) -> Result<Option<Tz>, ToolError> {
    given(value).map(|v| time::parse_zone(v, what)).transpose().map_err(ToolError::invalid)
}

/// The calendar's own zone, for values without offset when the caller named none.
pub(crate) async fn calendar_zone(g: &GoogleCtx, calendar_id: &str) -> Result<Tz, ToolError> {
    let name = api::calendar_time_zone(g, calendar_id).await?.ok_or_else(|| {
        ToolError::invalid(format!(
            "calendar {calendar_id} did not report its time zone; pass timezone or use times with an offset"
        ))
    })?;
    time::parse_zone(&name, "the calendar's time zone").map_err(ToolError::invalid)
}

/// The trailer of a paged listing: how to ask for the next page.
pub(crate) fn pagination(next_page_token: Option<&str>, time_min: Option<&str>) -> String {
    match next_page_token {
        Some(token) => {
            let mut out = format!("\nPagination:\n- next page_token: {token}\n");
            if let Some(t) = time_min {
                out.push_str(&format!("- time_min: {t} (pass it again with page_token)\n"));
            }
            out
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn seven_unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 7);
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            for combinator in ["anyOf", "oneOf", "allOf"] {
                assert!(!t.input_schema.contains_key(combinator), "{} top-level {combinator}", t.name);
            }
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }
}
