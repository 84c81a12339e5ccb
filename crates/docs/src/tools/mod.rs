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

/// The new editing tools' schemas hold everything the reference's do (the server's registry
/// audit checks every tool; this catches a difference without building the server).
#[cfg(test)]
mod reference_shape {
    use serde_json::Value;

    fn covers(ours: &Value, theirs: &Value, at: &str, problems: &mut Vec<String>) {
        match (theirs, ours) {
            (Value::Object(t), Value::Object(o)) => {
                for (k, tv) in t {
                    match o.get(k) {
                        Some(ov) if k == "enum" || k == "required" => {
                            if ov != tv {
                                problems.push(format!("{at}.{k}: ours {ov}, reference {tv}"));
                            }
                        }
                        Some(ov) => covers(ov, tv, &format!("{at}.{k}"), problems),
                        None => problems.push(format!("{at}.{k}: missing (reference {tv})")),
                    }
                }
            }
            (Value::Array(t), Value::Array(o)) if t.len() == o.len() => {
                for (i, (tv, ov)) in t.iter().zip(o).enumerate() {
                    covers(ov, tv, &format!("{at}[{i}]"), problems);
                }
            }
            _ if ours != theirs => problems.push(format!("{at}: ours {ours}, reference {theirs}")),
            _ => {}
        }
    }

    #[test]
    fn editing_tools_match_the_reference() {
        let text = include_str!("../../../server/tests/registry/fixtures/reference_interface.json");
        let reference: Value = serde_json::from_str(text).unwrap();
        let mut problems = Vec::new();
        for name in ["modify_doc_text", "update_paragraph_style", "batch_update_doc"] {
            let tool = super::all().into_iter().find(|t| t.name == name).unwrap();
            let theirs = reference["tools"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap();
            let mut props = theirs["inputSchema"]["properties"].as_object().unwrap().clone();
            props.remove("user_google_email");
            let ours = tool.input_schema.get("properties").unwrap().as_object().unwrap();
            let (mut a, mut b): (Vec<_>, Vec<_>) = (ours.keys().collect(), props.keys().collect());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{name} parameters");
            for (p, rp) in &props {
                covers(&ours[p], rp, &format!("{name}.{p}"), &mut problems);
            }
            let required: Vec<Value> = theirs["inputSchema"]["required"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| *r != "user_google_email")
                .cloned()
                .collect();
            let ours_required = tool.input_schema.get("required").cloned().unwrap_or(Value::Array(vec![]));
            assert_eq!(ours_required, Value::Array(required), "{name} required");
            assert_eq!(theirs["tier"], tool.tier.as_str(), "{name} tier");
        }
        assert!(problems.is_empty(), "differences:\n{}", problems.join("\n"));
    }
}
