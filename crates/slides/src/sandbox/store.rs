//! The emulated Slides account: presentations by id, and the thumbnails handed out by
//! `pages.getThumbnail`, kept under the token of their content URL.

use std::collections::HashMap;

use super::model::{Element, Page, PageKind, Presentation};

pub type SharedStore = wsmcp_sandbox_kit::Shared<Store>;

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub user: String,
    pub presentations: HashMap<String, Presentation>,
    /// Rendered PNGs by content URL token.
    pub thumbnails: HashMap<String, Vec<u8>>,
}

impl Store {
    pub fn new(user: &str) -> Self {
        Store { user: user.to_string(), ..Default::default() }
    }
}

/// A placeholder of a layout: its type and box (x, y, width, height in EMU).
pub type PlaceholderBox = (&'static str, (f64, f64, f64, f64));

/// The predefined layouts every new deck gets, with their placeholder boxes (EMU).
const LAYOUTS: &[(&str, &[PlaceholderBox])] = &[
    (
        "TITLE",
        &[
            ("CENTERED_TITLE", (311_700.0, 744_575.0, 8_520_600.0, 2_052_600.0)),
            ("SUBTITLE", (311_700.0, 2_834_125.0, 8_520_600.0, 792_600.0)),
        ],
    ),
    (
        "TITLE_AND_BODY",
        &[
            ("TITLE", (311_700.0, 445_025.0, 8_520_600.0, 572_700.0)),
            ("BODY", (311_700.0, 1_152_475.0, 8_520_600.0, 3_416_400.0)),
        ],
    ),
    ("TITLE_ONLY", &[("TITLE", (311_700.0, 445_025.0, 8_520_600.0, 572_700.0))]),
    ("BLANK", &[]),
];

/// The id of a predefined layout in a deck.
pub fn layout_id(name: &str) -> String {
    format!("p_layout_{}", name.to_lowercase())
}

/// The placeholder shapes of a layout: (type, box).
pub fn layout_placeholders(name: &str) -> &'static [PlaceholderBox] {
    LAYOUTS.iter().find(|(n, _)| *n == name).map_or(&[], |(_, p)| p)
}

/// An empty deck: one master, the predefined layouts, no slides.
pub fn empty_deck(id: &str, title: &str) -> Presentation {
    let master = Page::new("p_master", PageKind::Master);
    let layouts = LAYOUTS
        .iter()
        .map(|(name, placeholders)| {
            let lid = layout_id(name);
            let mut page = Page::new(&lid, PageKind::Layout);
            page.layout = Some(name.to_string());
            for (kind, bounds) in placeholders.iter() {
                let eid = format!("{lid}_{}", kind.to_lowercase());
                page.elements.push(Element::shape(&eid, "TEXT_BOX", *bounds, "").placeholder(kind, None));
            }
            page
        })
        .collect();
    Presentation {
        id: id.to_string(),
        title: title.to_string(),
        revision: 1,
        next_id: 0,
        slides: Vec::new(),
        layouts,
        masters: vec![master],
    }
}

/// A new slide following predefined layout `layout`, with an empty copy of each of the
/// layout's placeholders; `placeholder_id` names a placeholder's object id by its type
/// (a fresh id when it says nothing). The caller inserts the slide.
pub fn slide_from_layout(
    p: &mut Presentation,
    slide_id: &str,
    layout: &str,
    placeholder_id: &dyn Fn(&str) -> Option<String>,
) -> Page {
    let notes = (p.fresh_id(), p.fresh_id());
    let lid = layout_id(layout);
    let mut slide = Page::slide(slide_id, &lid, (&notes.0, &notes.1), "");
    for (kind, bounds) in layout_placeholders(layout) {
        let id = placeholder_id(kind).unwrap_or_else(|| p.fresh_id());
        let parent = format!("{lid}_{}", kind.to_lowercase());
        slide.elements.push(Element::shape(&id, "TEXT_BOX", *bounds, "").placeholder(kind, Some(&parent)));
    }
    slide
}
