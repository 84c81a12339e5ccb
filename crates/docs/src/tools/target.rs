//! What the editing tools share: the tab a call edits (named in every answer, so an edit
//! without tab_id still says where it went) and index arguments checked at the edge.

use wsmcp_core::ToolError;

use crate::edits::Target;
use crate::read::{TabView, tab, tabs};
use crate::wire::Document;

/// The tab to edit (`tab_id`, else the URL's `?tab=`, else the first tab), the target of the
/// requests (always naming the tab, so a tab added meanwhile cannot shift the edit), and how
/// the answer names it.
pub(crate) fn open_tab<'a>(
    doc: &'a Document,
    tab_id: Option<&str>,
    url_tab: Option<String>,
    segment_id: Option<&str>,
) -> Result<(TabView<'a>, Target, String), ToolError> {
    let chosen = tab_id.map(str::trim).filter(|t| !t.is_empty()).map(String::from).or(url_tab);
    let (view, how) = match &chosen {
        Some(id) => (tab(doc, id).map_err(ToolError::invalid)?, ""),
        None => (
            *tabs(doc)
                .first()
                .ok_or_else(|| ToolError::invalid(format!("Document {} has no tabs", doc.document_id)))?,
            "; no tab_id was given, so the first tab",
        ),
    };
    let target = Target::new(Some(view.id), segment_id);
    let mut named = format!("tab \"{}\" (tab_id: {}{how})", view.title, view.id);
    if let Some(s) = &target.segment_id {
        named.push_str(&format!(", segment {s}"));
    }
    Ok((view, target, named))
}

/// An index argument: never negative; in the body, 0 stands for 1 (the first position after
/// the section break), as the reference server allows.
pub(crate) fn index_arg(value: Option<i64>, name: &str, body_alias: bool) -> Result<Option<usize>, ToolError> {
    match value {
        None => Ok(None),
        Some(0) if body_alias => Ok(Some(1)),
        Some(n) => {
            usize::try_from(n).map(Some).map_err(|_| ToolError::invalid(format!("{name} must be 0 or more, got {n}")))
        }
    }
}
