//! The Chat tools, one explicit list: spaces (list), messages (get, search, send), reactions
//! (create) and attachments (download).

use wsmcp_core::{ToolDef, ToolError};

mod attachments;
mod messages;
mod reactions;
mod search;
mod send;
mod spaces;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        spaces::list_spaces(),
        messages::get_messages(),
        search::search_messages(),
        send::send_message(),
        reactions::create_reaction(),
        attachments::download_chat_attachment(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank};

/// A whole number in `1..=max`, for a page size.
pub(crate) fn bounded(value: i64, max: u32, what: &str) -> Result<u32, ToolError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("{what} must be between 1 and {max}, got {value}")))
}

/// A space's resource name from `spaces/X` or a bare `X`.
pub(crate) fn space_name(value: &str) -> Result<String, ToolError> {
    let v = nonblank(value, "space_id")?;
    let id = v.strip_prefix("spaces/").unwrap_or(v);
    if id.is_empty() || id.contains('/') {
        return Err(ToolError::invalid(format!(
            "space_id must be a space such as spaces/AAAAxyz (from list_spaces), got '{v}'"
        )));
    }
    Ok(format!("spaces/{id}"))
}

/// `spaces/X/<kind>/Y` checked and split into its space (`spaces/X`) and the whole name.
pub(crate) fn child_name(value: &str, kind: &str, what: &str) -> Result<(String, String), ToolError> {
    let v = nonblank(value, what)?;
    let parts: Vec<&str> = v.split('/').collect();
    match parts.as_slice() {
        ["spaces", s, k, id] if *k == kind && !s.is_empty() && !id.is_empty() => {
            Ok((format!("spaces/{s}"), v.to_string()))
        }
        _ => Err(ToolError::invalid(format!(
            "{what} must be a resource name such as spaces/AAAAxyz/{kind}/abc (as get_messages shows it), got '{v}'"
        ))),
    }
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
            if t.hints.read_only {
                assert!(reads, "{}: read-only hint but write scopes", t.name);
            }
        }
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(space_name("AAAA").unwrap(), "spaces/AAAA");
        assert_eq!(space_name(" spaces/AAAA ").unwrap(), "spaces/AAAA");
        assert!(space_name("spaces/A/messages/B").is_err());
        let (space, name) = child_name("spaces/A/messages/B.C", "messages", "message_id").unwrap();
        assert_eq!((space.as_str(), name.as_str()), ("spaces/A", "spaces/A/messages/B.C"));
        assert!(child_name("spaces/A/threads/B", "messages", "message_id").is_err());
        assert!(child_name("B", "messages", "message_id").is_err());
    }
}
