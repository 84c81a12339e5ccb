//! The Keep tools, one explicit list: notes (list, get, create, delete), attachment download
//! and sharing.

use wsmcp_core::ToolDef;
use wsmcp_core::ToolError;

mod attachments;
mod create;
mod notes;
mod sharing;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        notes::list_keep_notes(),
        notes::get_keep_note(),
        create::create_keep_note(),
        notes::delete_keep_note(),
        attachments::download_keep_attachment(),
        sharing::manage_keep_note_sharing(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank};

/// A note id as the user gives it (`abc` or `notes/abc`), as the resource name Keep wants.
pub(crate) fn note_arg(value: &str) -> Result<String, ToolError> {
    let v = nonblank(value, "note_id")?;
    let id = v.strip_prefix("notes/").unwrap_or(v);
    if id.is_empty() || id.contains('/') {
        return Err(ToolError::invalid(format!(
            "note_id must be a note id such as 'notes/1a2b3c' or '1a2b3c', got '{v}'"
        )));
    }
    Ok(crate::api::note_name(id))
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
    fn note_ids_are_checked() {
        assert_eq!(note_arg(" notes/abc ").unwrap(), "notes/abc");
        assert_eq!(note_arg("abc").unwrap(), "notes/abc");
        assert!(note_arg("notes/a/attachments/b").is_err());
        assert!(note_arg(" ").is_err());
    }
}
