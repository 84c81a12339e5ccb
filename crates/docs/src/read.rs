//! Walking a document read with `includeTabsContent=true`: its tabs depth first (child tabs
//! nested under their parent), each with its body; and a paragraph's text. A document read
//! the legacy way (no `tabs`) is one unnamed tab.

use crate::wire::{Document, Paragraph, StructuralElement};

/// One tab and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct TabView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// 0 for top-level tabs, 1 for their children, ...
    pub depth: usize,
    pub content: &'a [StructuralElement],
}

impl TabView<'_> {
    /// The index just past the tab body's final newline.
    pub fn end_index(&self) -> usize {
        self.content.last().map_or(1, |e| e.end_index)
    }
}

/// Every tab, depth first, in the order Docs shows them.
pub fn tabs(doc: &Document) -> Vec<TabView<'_>> {
    fn walk<'a>(tabs: &'a [crate::wire::Tab], depth: usize, out: &mut Vec<TabView<'a>>) {
        for t in tabs {
            let content = t.document_tab.as_ref().map_or(&[][..], |d| &d.body.content[..]);
            out.push(TabView { id: &t.tab_properties.tab_id, title: &t.tab_properties.title, depth, content });
            walk(&t.child_tabs, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.tabs, 0, &mut out);
    if out.is_empty()
        && let Some(body) = &doc.body
    {
        out.push(TabView { id: "", title: "", depth: 0, content: &body.content });
    }
    out
}

/// The tab with `id`, or an error listing the tabs there are.
pub fn tab<'a>(doc: &'a Document, id: &str) -> Result<TabView<'a>, String> {
    let all = tabs(doc);
    all.iter().find(|t| t.id == id).copied().ok_or_else(|| {
        let known: Vec<String> = all.iter().map(|t| format!("{} ({})", t.id, t.title)).collect();
        format!("Document {} has no tab '{id}'. Its tabs: {}.", doc.document_id, known.join(", "))
    })
}

/// A paragraph's text runs, newline included.
pub fn para_text(p: &Paragraph) -> String {
    p.elements.iter().filter_map(|e| e.text_run.as_ref()).map(|r| r.content.as_str()).collect()
}

/// A Docs URL's document id and `?tab=` (ids pass through unchanged).
pub fn parse_doc_ref(input: &str) -> (String, Option<String>) {
    let input = input.trim();
    let Some(rest) = input.split("/document/d/").nth(1) else { return (input.to_string(), None) };
    let id = rest.split(['/', '?', '#']).next().unwrap_or_default().to_string();
    let tab = input
        .split(['?', '&', '#'])
        .find_map(|part| part.strip_prefix("tab="))
        .filter(|t| !t.is_empty())
        .map(String::from);
    (id, tab)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_give_their_id_and_tab() {
        assert_eq!(parse_doc_ref(" 1abc "), ("1abc".into(), None));
        assert_eq!(
            parse_doc_ref("https://docs.google.com/document/d/1abc/edit?tab=t.risks"),
            ("1abc".into(), Some("t.risks".into()))
        );
        assert_eq!(parse_doc_ref("https://docs.google.com/document/d/1abc/edit#heading=h.x"), ("1abc".into(), None));
    }
}
