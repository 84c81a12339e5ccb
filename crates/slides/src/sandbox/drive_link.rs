//! The presentations of this emulation as the Drive emulation of the same sandbox keeps them
//! (see `wsmcp_drive::sandbox::editors`): every presentation is a Google Slides file in Drive
//! whose text export shows each slide's current text, and a Drive rename or delete reaches
//! it here.

use wsmcp_drive::sandbox::store::PRESENTATION;
use wsmcp_drive::sandbox::{Content, Editor, EditorFile, Slide};

use super::model::{ElementKind, Presentation};
use super::store::SharedStore;

/// The Slides store, lent to Drive.
pub struct SlidesInDrive(pub SharedStore);

impl Editor for SlidesInDrive {
    fn mime_type(&self) -> &'static str {
        PRESENTATION
    }

    fn files(&self) -> Vec<EditorFile> {
        let store = self.0.lock();
        store
            .presentations
            .values()
            .map(|deck| EditorFile {
                id: deck.id.clone(),
                mime_type: PRESENTATION,
                title: deck.title.clone(),
                content: drive_content(deck),
            })
            .collect()
    }

    fn renamed(&self, id: &str, name: &str) {
        if let Some(deck) = self.0.lock().presentations.get_mut(id) {
            deck.title = name.to_string();
        }
    }

    fn deleted(&self, id: &str) {
        self.0.lock().presentations.remove(id);
    }
}

/// Each slide's lines of text, shape by shape in page order (table cells row by row).
fn drive_content(deck: &Presentation) -> Content {
    let slides = deck
        .slides
        .iter()
        .map(|page| {
            let texts = page.elements.iter().flat_map(|e| match &e.kind {
                ElementKind::Shape { text, .. } => vec![text.as_str()],
                ElementKind::Table { cells } => cells.iter().flatten().map(|t| t.as_str()).collect(),
                ElementKind::Image { .. } => Vec::new(),
            });
            let lines = texts.flat_map(str::lines).filter(|l| !l.is_empty()).map(str::to_string).collect();
            Slide { lines }
        })
        .collect();
    Content::Presentation(slides)
}
