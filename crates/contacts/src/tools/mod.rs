//! The Contacts tools, one explicit list: contacts (list, get, search, manage, batch) and
//! contact groups (list, get, manage).

use wsmcp_core::google::GoogleCtx;
use wsmcp_core::{ToolCtx, ToolDef, ToolError};

mod batch;
mod groups;
mod manage;
mod read;
mod search;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        read::list_contacts(),
        read::get_contact(),
        search::search_contacts(),
        manage::manage_contact(),
        groups::list_contact_groups(),
        groups::get_contact_group(),
        groups::manage_contact_group(),
        batch::manage_contacts_batch(),
    ]
}

pub(crate) use wsmcp_core::args::{clean_ids, given, nonblank, required};

/// A whole number in `1..=max`, for a page size.
pub(crate) fn bounded(value: i64, max: u32, what: &str) -> Result<u32, ToolError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("{what} must be between 1 and {max}, got {value}")))
}

/// The trailer of a paged listing: how to ask for the next page.
pub(crate) fn pagination(next_page_token: Option<&str>) -> String {
    next_page_token.map(|t| format!("\nMore results: pass page_token: {t}\n")).unwrap_or_default()
}

/// A Google client holding only `scopes` of the tool's: a search asks for its optional
/// sources' scopes separately, so a sign-in without them still searches the contacts.
pub(crate) async fn google_with(ctx: &ToolCtx, scopes: &'static [&'static str]) -> Result<GoogleCtx, ToolError> {
    let mut narrow = ctx.clone();
    narrow.scopes = scopes;
    narrow.google().await
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn eight_unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 8);
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }
}
