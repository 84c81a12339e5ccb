//! The Docs tools, one explicit list: create_doc and find_and_replace_doc (writing),
//! get_doc_content and inspect_doc_structure (reading), tables (create_table_with_data,
//! debug_table_structure), insert_doc_elements, insert_doc_image and
//! update_doc_headers_footers; modify_doc_text, update_paragraph_style and batch_update_doc
//! (editing and formatting); search_docs and list_docs_in_folder (finding, through Drive),
//! export_doc_to_pdf, and the comment tools (Drive's comments API),
//! get_doc_as_markdown (`markdown`) and manage_doc_tab (`tabs`).

use wsmcp_core::ToolDef;
use wsmcp_core::ToolError;

mod batch;
mod comments;
mod elements;
mod export;
mod find;
mod headers;
mod image;
mod markdown;
mod modify_text;
mod paragraph;
mod read;
mod tables;
mod tabs;
mod target;
mod write;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        write::create_doc(),
        read::get_doc_content(),
        write::find_and_replace_doc(),
        read::inspect_doc_structure(),
        tables::create_table_with_data(),
        tables::debug_table_structure(),
        elements::insert_doc_elements(),
        image::insert_doc_image(),
        headers::update_doc_headers_footers(),
        modify_text::modify_doc_text(),
        paragraph::update_paragraph_style(),
        batch::batch_update_doc(),
        find::search_docs(),
        find::list_docs_in_folder(),
        export::export_doc_to_pdf(),
        comments::list_document_comments(),
        comments::manage_document_comment(),
        markdown::get_doc_as_markdown(),
        tabs::manage_doc_tab(),
    ]
}

pub(crate) use wsmcp_core::args::nonblank;

/// A document id or Docs URL: the id, and the URL's `?tab=` if it has one.
pub(crate) fn doc_ref(input: &str) -> Result<(String, Option<String>), ToolError> {
    let (id, tab) = crate::read::parse_doc_ref(nonblank(input, "document_id")?);
    if id.is_empty() || id.contains(['/', '?', ' ']) {
        return Err(ToolError::invalid(format!(
            "document_id must be a document id or a docs.google.com/document/d/<id> URL, got '{input}'"
        )));
    }
    Ok((id, tab))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), tools.len());
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }

    #[test]
    fn document_refs_are_checked() {
        assert_eq!(
            doc_ref("https://docs.google.com/document/d/1x/edit?tab=t.2").unwrap(),
            ("1x".into(), Some("t.2".into()))
        );
        assert!(doc_ref("  ").is_err());
        assert!(doc_ref("https://example.com/a?b").is_err());
    }
}
