//! The Forms tools, one explicit list: forms (create, get, batch update, publish settings)
//! and responses (list, get).

use wsmcp_core::ToolDef;

mod batch;
mod forms;
mod responses;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        forms::create_form(),
        forms::get_form(),
        responses::list_form_responses(),
        batch::batch_update_form(),
        responses::get_form_response(),
        forms::set_publish_settings(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank};

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
}
