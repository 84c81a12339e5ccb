//! The emulated presentations: pages (slides, layouts, masters, each slide with its notes
//! page) holding page elements (shapes with text, tables of text cells, images), every one
//! with a presentation-wide unique object id. `json` turns this into Slides' resources.

use serde_json::{Map, Value};

use super::text::Text;

/// Standard slide size of a new deck (16:9), in EMU.
pub const PAGE_WIDTH: f64 = 9_144_000.0;
pub const PAGE_HEIGHT: f64 = 5_143_500.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    pub scale_x: f64,
    pub scale_y: f64,
    pub shear_x: f64,
    pub shear_y: f64,
    pub translate_x: f64,
    pub translate_y: f64,
}

impl Transform {
    pub fn at(x: f64, y: f64) -> Self {
        Transform { scale_x: 1.0, scale_y: 1.0, shear_x: 0.0, shear_y: 0.0, translate_x: x, translate_y: y }
    }

    /// `self` applied after `first` (Slides' RELATIVE mode: the new matrix times the old).
    pub fn then(&self, first: &Transform) -> Transform {
        let (a, b) = (self, first);
        Transform {
            scale_x: a.scale_x * b.scale_x + a.shear_x * b.shear_y,
            shear_x: a.scale_x * b.shear_x + a.shear_x * b.scale_y,
            translate_x: a.scale_x * b.translate_x + a.shear_x * b.translate_y + a.translate_x,
            shear_y: a.shear_y * b.scale_x + a.scale_y * b.shear_y,
            scale_y: a.shear_y * b.shear_x + a.scale_y * b.scale_y,
            translate_y: a.shear_y * b.translate_x + a.scale_y * b.translate_y + a.translate_y,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    /// TITLE, CENTERED_TITLE, SUBTITLE, BODY, ...
    pub kind: String,
    pub index: u32,
    /// The layout (or master) shape this one inherits from.
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ElementKind {
    Shape {
        shape_type: String,
        text: Text,
        placeholder: Option<Placeholder>,
    },
    /// Rows of cells; every row has the same number of cells.
    Table {
        cells: Vec<Vec<Text>>,
    },
    Image {
        content_url: String,
        source_url: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub id: String,
    pub width: f64,
    pub height: f64,
    pub transform: Transform,
    pub kind: ElementKind,
}

impl Element {
    pub fn shape(id: &str, shape_type: &str, (x, y, w, h): (f64, f64, f64, f64), text: &str) -> Self {
        Element {
            id: id.to_string(),
            width: w,
            height: h,
            transform: Transform::at(x, y),
            kind: ElementKind::Shape { shape_type: shape_type.to_string(), text: Text::new(text), placeholder: None },
        }
    }

    pub fn placeholder(mut self, kind: &str, parent: Option<&str>) -> Self {
        if let ElementKind::Shape { placeholder, .. } = &mut self.kind {
            *placeholder = Some(Placeholder { kind: kind.to_string(), index: 0, parent: parent.map(str::to_string) });
        }
        self
    }

    /// The text of a shape, or of a table cell.
    pub fn text_mut(&mut self, cell: Option<(usize, usize)>) -> Option<&mut Text> {
        match (&mut self.kind, cell) {
            (ElementKind::Shape { text, .. }, None) => Some(text),
            (ElementKind::Table { cells }, Some((r, c))) => cells.get_mut(r).and_then(|row| row.get_mut(c)),
            _ => None,
        }
    }

    /// Every text the element holds (a shape's, each cell's).
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        match &mut self.kind {
            ElementKind::Shape { text, .. } => vec![text],
            ElementKind::Table { cells } => cells.iter_mut().flatten().collect(),
            ElementKind::Image { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Slide,
    Layout,
    Master,
    Notes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: String,
    pub kind: PageKind,
    pub elements: Vec<Element>,
    /// Slides: the layout they follow. Layouts: their predefined name (TITLE, BLANK, ...).
    pub layout: Option<String>,
    /// Slides: the notes page, whose one element is the speaker notes shape.
    pub notes: Option<Box<Page>>,
    /// Extra page properties set by requests (background fill), kept as JSON.
    pub properties: Map<String, Value>,
}

impl Page {
    pub fn new(id: &str, kind: PageKind) -> Self {
        Page { id: id.to_string(), kind, elements: Vec::new(), layout: None, notes: None, properties: Map::new() }
    }

    /// A slide with its notes page (`{id}_notes`) and speaker notes shape (`{id}_notes_body`).
    pub fn slide(id: &str, layout: &str, notes_ids: (&str, &str), notes: &str) -> Self {
        let mut page = Page::new(id, PageKind::Slide);
        page.layout = Some(layout.to_string());
        let mut notes_page = Page::new(notes_ids.0, PageKind::Notes);
        let body = Element::shape(notes_ids.1, "TEXT_BOX", (381_000.0, 4_343_400.0, 6_096_000.0, 4_114_800.0), notes)
            .placeholder("BODY", None);
        notes_page.elements.push(body);
        page.notes = Some(Box::new(notes_page));
        page
    }

    pub fn speaker_notes_id(&self) -> Option<&str> {
        self.notes.as_ref().and_then(|n| n.elements.first()).map(|e| e.id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    pub id: String,
    pub title: String,
    pub revision: u64,
    /// Counter behind generated object ids.
    pub next_id: u64,
    pub slides: Vec<Page>,
    pub layouts: Vec<Page>,
    pub masters: Vec<Page>,
}

impl Presentation {
    /// Every page, notes pages included.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.slides
            .iter()
            .chain(self.layouts.iter())
            .chain(self.masters.iter())
            .chain(self.slides.iter().filter_map(|s| s.notes.as_deref()))
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages().find(|p| p.id == id)
    }

    /// Whether any page or element already uses `id`.
    pub fn uses_id(&self, id: &str) -> bool {
        self.pages().any(|p| p.id == id || p.elements.iter().any(|e| e.id == id))
    }

    /// The slide or notes page holding element `id`, mutably, with the element's index.
    pub fn element_mut(&mut self, id: &str) -> Option<&mut Element> {
        for slide in &mut self.slides {
            if let Some(e) = slide.elements.iter_mut().find(|e| e.id == id) {
                return Some(e);
            }
            if let Some(e) = slide.notes.as_mut().and_then(|n| n.elements.iter_mut().find(|e| e.id == id)) {
                return Some(e);
            }
        }
        None
    }

    /// The slide with `id`, mutably (only slides take new elements).
    pub fn slide_mut(&mut self, id: &str) -> Option<&mut Page> {
        self.slides.iter_mut().find(|p| p.id == id)
    }

    /// A fresh object id Slides would hand out (`g` + hex), unused in this presentation.
    pub fn fresh_id(&mut self) -> String {
        loop {
            self.next_id += 1;
            let id = format!("g3a7f{:x}_{}", self.next_id * 7919 % 65_521, self.next_id);
            if !self.uses_id(&id) {
                return id;
            }
        }
    }

    /// The layout with `id`, or the one with predefined name `name`.
    pub fn layout(&self, key: &str) -> Option<&Page> {
        self.layouts.iter().find(|l| l.id == key || l.layout.as_deref() == Some(key))
    }
}
