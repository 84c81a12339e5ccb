//! The documents of this emulation as the Drive emulation of the same sandbox keeps them
//! (see `wsmcp_drive::sandbox::editors`): every document is a Google Doc file in Drive whose
//! export renders the document's current tabs, a Google Doc made in Drive opens here, and a
//! Drive rename or delete reaches it here.

use serde_json::Value;
use wsmcp_drive::sandbox::store::DOCUMENT;
use wsmcp_drive::sandbox::{Block as DriveBlock, BlockKind, Content, Editor, EditorFile};

use super::model::{Block, Doc, Para};
use super::seed::{PLAN_TAB, tab_from};
use super::store::{Entry, SharedStore};

/// The Docs store, lent to Drive.
pub struct DocsInDrive(pub SharedStore);

impl Editor for DocsInDrive {
    fn mime_type(&self) -> &'static str {
        DOCUMENT
    }

    fn files(&self) -> Vec<EditorFile> {
        let store = self.0.lock();
        store
            .docs
            .values()
            .map(|e| EditorFile {
                id: e.doc.id.clone(),
                mime_type: DOCUMENT,
                title: e.doc.title.clone(),
                content: drive_content(&e.doc),
            })
            .collect()
    }

    fn renamed(&self, id: &str, name: &str) {
        if let Some(entry) = self.0.lock().docs.get_mut(id) {
            entry.doc.title = name.to_string();
        }
    }

    fn deleted(&self, id: &str) {
        self.0.lock().docs.remove(id);
    }

    /// A Google Doc made in Drive (empty, converted on upload, copied) opens here as one tab.
    fn adopt(&self, file: &EditorFile, writable: bool) {
        let tab = tab_from(PLAN_TAB, "Tab 1", file.content.clone());
        let doc = Doc { id: file.id.clone(), title: file.title.clone(), tabs: vec![tab], revision: 1 };
        self.0.lock().docs.entry(file.id.clone()).or_insert(Entry { doc, writable });
    }
}

/// A document in Drive's model: every tab in order (Drive exports them all), a paragraph per
/// paragraph with links written inline, a table as one line per row with its cells
/// tab-separated.
pub fn drive_content(doc: &Doc) -> Content {
    let mut out = Vec::new();
    for tab in doc.all_tabs() {
        for block in &tab.body {
            match block {
                Block::Para(p) => out.push(DriveBlock { kind: kind(p), text: inline_text(p) }),
                Block::Table(t) => {
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| {
                                let paras =
                                    cell.iter().filter_map(|b| if let Block::Para(p) = b { Some(p) } else { None });
                                paras.map(inline_text).collect::<Vec<_>>().join(" ")
                            })
                            .collect();
                        out.push(DriveBlock { kind: BlockKind::Paragraph, text: cells.join("\t") });
                    }
                }
            }
        }
    }
    Content::Document(out)
}

fn kind(p: &Para) -> BlockKind {
    if p.bullet.is_some() {
        return BlockKind::Bullet;
    }
    match p.named_style.as_str() {
        "TITLE" => BlockKind::Title,
        style => match style.strip_prefix("HEADING_").and_then(|n| n.parse::<u8>().ok()) {
            Some(level) => BlockKind::Heading(level),
            None => BlockKind::Paragraph,
        },
    }
}

/// The paragraph's text without its newline, links as `[label](url)` (Drive's inline form).
fn inline_text(p: &Para) -> String {
    let mut text = String::new();
    for run in &p.runs {
        let run_text = run.text.strip_suffix('\n').unwrap_or(&run.text);
        match run.style.get("link").and_then(|l| l.get("url")).and_then(Value::as_str) {
            Some(url) if !run_text.is_empty() => text.push_str(&format!("[{run_text}]({url})")),
            _ => text.push_str(run_text),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use wsmcp_drive::sandbox::seed::ids;

    use super::*;
    use crate::sandbox::seed;

    #[test]
    fn seeded_documents_read_back_as_the_drive_seed_wrote_them() {
        let store = seed::account("me@example.com");
        let drive = wsmcp_drive::sandbox::seed::drive("me@example.com");
        for (id, entry) in &store.docs {
            let Content::Document(ours) = drive_content(&entry.doc) else { panic!() };
            let Some(Content::Document(seeded)) = drive.file(id).map(|f| &f.content) else { panic!("{id}") };
            // The Atlas plan has a second tab the Drive seed does not know.
            assert_eq!(&ours[..seeded.len()], seeded.as_slice(), "{id}");
            assert_eq!(ours.len() == seeded.len(), id != ids::ATLAS_PLAN_DOC, "{id}");
        }
    }

    #[test]
    fn every_tab_and_table_row_is_exported() {
        let store = seed::account("me@example.com");
        let Content::Document(blocks) = drive_content(&store.docs[ids::ATLAS_PLAN_DOC].doc) else { panic!() };
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"🚧 Risk register"), "{texts:?}");
        assert!(texts.contains(&"Offline mode slips\tAlex Rivera\tKeep the conflict UI minimal"), "{texts:?}");
        assert!(blocks.iter().filter(|b| b.kind == BlockKind::Bullet).count() >= 2);
    }
}
