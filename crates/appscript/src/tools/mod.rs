//! The Apps Script tools, one explicit list: projects (get, manage), content, versions (get,
//! manage), deployments (list, manage), runs, activity, triggers (manage, generate code).

use wsmcp_core::ToolDef;
use wsmcp_core::ToolError;

mod activity;
mod content;
mod deployments;
mod projects;
mod run;
mod trigger_code;
mod triggers;
mod versions;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        projects::get_script_project(),
        projects::manage_script_project(),
        content::manage_script_content(),
        run::run_script_function(),
        activity::get_script_activity(),
        versions::get_script_version(),
        deployments::list_script_deployments(),
        deployments::manage_deployment(),
        triggers::manage_script_trigger(),
        versions::manage_script_version(),
        trigger_code::generate_trigger_code(),
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

/// A version number: Apps Script numbers versions from 1.
pub(crate) fn version_number(value: Option<i64>, message: &str) -> Result<i64, ToolError> {
    match value {
        Some(n) if n >= 1 => Ok(n),
        Some(n) => Err(ToolError::invalid(format!("version_number must be 1 or more, got {n}"))),
        None => Err(ToolError::invalid(message)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn eleven_unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 11);
        for t in &tools {
            assert!(!t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            assert_eq!(t.scopes.is_empty(), !t.acts_for_user, "{}: only the pure generator needs no scope", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }

    #[test]
    fn version_numbers_start_at_one() {
        assert_eq!(version_number(Some(3), "x").unwrap(), 3);
        assert!(version_number(Some(0), "x").is_err() && version_number(None, "x").is_err());
    }
}
