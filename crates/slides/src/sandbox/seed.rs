//! The sample account's Slides: the "Atlas kickoff deck" (the Drive seed's
//! `ids::ATLAS_KICKOFF_SLIDES`), built from the Drive seed's slide texts so the two cannot
//! drift, with speaker notes and the Atlas logo on the title slide.

use wsmcp_drive::sandbox::Content;
use wsmcp_drive::sandbox::seed::{ids as drive_ids, kickoff_deck};

use super::model::{Element, ElementKind, Presentation};
use super::store::{Store, empty_deck, slide_from_layout};
use super::text::Text;

/// Stable object ids of the seeded deck.
pub mod ids {
    pub const KICKOFF_DECK: &str = wsmcp_drive::sandbox::seed::ids::ATLAS_KICKOFF_SLIDES;
    pub const TITLE_SLIDE: &str = "atlas_kickoff_s1";
    pub const WHY_SLIDE: &str = "atlas_kickoff_s2";
    pub const TIMELINE_SLIDE: &str = "atlas_kickoff_s3";
    pub const NEXT_STEPS_SLIDE: &str = "atlas_kickoff_s4";
    pub const LOGO_IMAGE: &str = "atlas_kickoff_logo";
}

const NOTES: [&str; 4] = [
    "Welcome everyone. Introduce Priya, Marco and the Northwind pilot team.",
    "Stress the hours lost to spreadsheet syncing; quote the field survey.",
    "Dates are targets; Marco owns the sync engine milestone.",
    "Ask for volunteers for the Thursday sync and confirm the pilot date.",
];

fn set_text(p: &mut Presentation, id: &str, text: &str) {
    if let Some(e) = p.element_mut(id)
        && let ElementKind::Shape { text: t, .. } = &mut e.kind
    {
        *t = Text::new(text);
    }
}

pub fn kickoff(created_revision: u64) -> Presentation {
    let mut p = empty_deck(drive_ids::ATLAS_KICKOFF_SLIDES, "Atlas kickoff deck");
    p.revision = created_revision;
    let Content::Presentation(slides) = kickoff_deck() else { return p };
    let slide_ids = [ids::TITLE_SLIDE, ids::WHY_SLIDE, ids::TIMELINE_SLIDE, ids::NEXT_STEPS_SLIDE];
    for (i, (slide, sid)) in slides.iter().zip(slide_ids).enumerate() {
        let (layout, title_kind) = if i == 0 { ("TITLE", "CENTERED_TITLE") } else { ("TITLE_AND_BODY", "TITLE") };
        let naming = |kind: &str| Some(format!("{sid}_{}", if kind == title_kind { "title" } else { "body" }));
        let mut page = slide_from_layout(&mut p, sid, layout, &naming);
        if let Some(notes) = page.notes.as_mut() {
            notes.id = format!("{sid}_notes");
            if let Some(body) = notes.elements.first_mut() {
                body.id = format!("{sid}_notes_body");
                body.kind = ElementKind::Shape {
                    shape_type: "TEXT_BOX".into(),
                    text: Text::new(NOTES[i % 4]),
                    placeholder: Some(super::model::Placeholder { kind: "BODY".into(), index: 1, parent: None }),
                };
            }
        }
        p.slides.push(page);
        set_text(&mut p, &format!("{sid}_title"), slide.lines.first().map_or("", String::as_str));
        set_text(&mut p, &format!("{sid}_body"), &slide.lines[1.min(slide.lines.len())..].join("\n"));
    }
    if let Some(first) = p.slides.first_mut() {
        first.elements.push(Element {
            id: ids::LOGO_IMAGE.to_string(),
            width: 914_400.0,
            height: 914_400.0,
            transform: super::model::Transform::at(7_924_800.0, 228_600.0),
            kind: ElementKind::Image {
                content_url: "https://lh7-rt.googleusercontent.com/slidesz/atlas-logo".to_string(),
                source_url: "https://example.com/atlas/logo.png".to_string(),
            },
        });
    }
    p
}

/// The sample account of `user`.
pub fn account(user: &str) -> Store {
    let mut store = Store::new(user);
    let deck = kickoff(41);
    store.presentations.insert(deck.id.clone(), deck);
    store
}
