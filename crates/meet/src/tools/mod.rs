//! The Meet tools, one explicit list: spaces (create, get, end the conference) and the
//! records of past and current conferences (list, participants, recordings, transcript).

use wsmcp_core::{ToolDef, ToolError};

mod artifacts;
mod records;
mod spaces;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        spaces::create_meet_space(),
        spaces::get_meet_space(),
        spaces::end_meet_conference(),
        records::list_meet_conference_records(),
        records::list_meet_participants(),
        artifacts::list_meet_recordings(),
        artifacts::get_meet_transcript(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank};

/// A meeting code as Meet prints them: three groups of lower-case letters (`abc-mnop-xyz`).
fn is_meeting_code(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 3 && groups.iter().all(|g| (3..=4).contains(&g.len()) && g.chars().all(|c| c.is_ascii_lowercase()))
}

/// A meeting code from a code or a `meet.google.com` link.
pub(crate) fn meeting_code(value: &str, what: &str) -> Result<String, ToolError> {
    let v = nonblank(value, what)?;
    let code = v
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("meet.google.com/")
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if is_meeting_code(&code) {
        Ok(code)
    } else {
        Err(ToolError::invalid(format!(
            "{what} must be a meeting code such as abc-mnop-xyz or its meet.google.com link, got '{v}'"
        )))
    }
}

/// `spaces/{id}` from a space name, a bare id, a meeting code or a meeting link.
pub(crate) fn space_arg(value: &str) -> Result<String, ToolError> {
    let v = nonblank(value, "space")?;
    if let Ok(code) = meeting_code(v, "space") {
        return Ok(format!("spaces/{code}"));
    }
    let id = v.strip_prefix("spaces/").unwrap_or(v);
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ToolError::invalid(format!(
            "space must be a space name (spaces/...), a meeting code (abc-mnop-xyz) or a meeting link, got '{v}'"
        )));
    }
    Ok(format!("spaces/{id}"))
}

/// `conferenceRecords/{id}` from a record name or a bare id.
pub(crate) fn record_arg(value: &str) -> Result<String, ToolError> {
    let v = nonblank(value, "conference_record")?;
    let id = v.strip_prefix("conferenceRecords/").unwrap_or(v);
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ToolError::invalid(format!(
            "conference_record must be a record name such as conferenceRecords/abc123 (from list_meet_conference_records), got '{v}'"
        )));
    }
    Ok(format!("conferenceRecords/{id}"))
}

/// A page size within `1..=max`.
pub(crate) fn bounded(value: i64, max: u32, what: &str) -> Result<u32, ToolError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("{what} must be between 1 and {max}, got {value}")))
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
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }

    #[test]
    fn spaces_are_named_by_id_code_or_link() {
        assert_eq!(space_arg("spaces/jQCFfuBOdN5z").unwrap(), "spaces/jQCFfuBOdN5z");
        assert_eq!(space_arg("abc-defg-hij").unwrap(), "spaces/abc-defg-hij");
        assert_eq!(space_arg("https://meet.google.com/abc-defg-hij?authuser=0").unwrap(), "spaces/abc-defg-hij");
        assert!(space_arg("spaces/a/b").is_err());
        assert_eq!(record_arg("conferenceRecords/x1").unwrap(), "conferenceRecords/x1");
        assert!(record_arg("conferenceRecords/x1/participants/2").is_err());
        assert!(meeting_code("abc-defg", "meeting_code").is_err());
    }
}
