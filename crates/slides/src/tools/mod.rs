//! The Slides tools, one explicit list: presentations (create, get, batch update), pages
//! (get, render to an image) and comments (list, manage, through Drive's comments API).

use wsmcp_core::ToolDef;

mod comments;
mod pages;
mod presentations;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        presentations::create_presentation(),
        presentations::get_presentation(),
        presentations::batch_update_presentation(),
        pages::get_page(),
        pages::render_page_to_image(),
        comments::list(),
        comments::manage(),
    ]
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
}
