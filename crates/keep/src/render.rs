//! Notes as text for the model: one line per note in listings, the whole note (text or
//! checklist, attachments, who it is shared with) when read. Pure.

use crate::wire::{ListItem, Note};

/// Characters of a note's text shown in a listing.
const PREVIEW_CHARS: usize = 80;

pub fn title(n: &Note) -> &str {
    n.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("(untitled)")
}

fn name(n: &Note) -> &str {
    n.name.as_deref().unwrap_or("?")
}

/// `- "Title" (ID: notes/…) | checklist 2/5 done | updated …`
pub fn note_line(n: &Note) -> String {
    let mut out = format!("- \"{}\" (ID: {})", title(n), name(n));
    match n.body.as_ref() {
        Some(b) if b.list.is_some() => {
            let items = b.list.as_ref().map(|l| flatten(&l.list_items)).unwrap_or_default();
            let done = items.iter().filter(|(_, i)| i.checked).count();
            out.push_str(&format!(" | checklist {done}/{} done", items.len()));
        }
        Some(b) => {
            let text = b.text.as_ref().map(|t| t.text.as_str()).unwrap_or("");
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut preview: String = flat.chars().take(PREVIEW_CHARS).collect();
            if flat.chars().count() > PREVIEW_CHARS {
                preview.push('…');
            }
            if !preview.is_empty() {
                out.push_str(&format!(" | {preview}"));
            }
        }
        None => {}
    }
    if !n.attachments.is_empty() {
        out.push_str(&format!(" | {} attachment(s)", n.attachments.len()));
    }
    if n.trashed {
        out.push_str(" | in trash");
    }
    if let Some(t) = &n.update_time {
        out.push_str(&format!(" | updated {t}"));
    }
    out
}

/// Items with their depth, in reading order.
fn flatten(items: &[ListItem]) -> Vec<(usize, &ListItem)> {
    fn walk<'a>(items: &'a [ListItem], depth: usize, out: &mut Vec<(usize, &'a ListItem)>) {
        for i in items {
            out.push((depth, i));
            walk(&i.child_list_items, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(items, 0, &mut out);
    out
}

/// The whole note.
pub fn note(n: &Note) -> String {
    let mut out = format!("Note \"{}\" (ID: {})\n", title(n), name(n));
    if let Some(t) = &n.create_time {
        out.push_str(&format!("Created: {t}\n"));
    }
    if let Some(t) = &n.update_time {
        out.push_str(&format!("Updated: {t}\n"));
    }
    if n.trashed {
        out.push_str(&format!("In trash since {}\n", n.trash_time.as_deref().unwrap_or("?")));
    }
    let people: Vec<String> = n
        .permissions
        .iter()
        .filter(|p| !p.deleted)
        .map(|p| format!("{} ({})", p.email.as_deref().unwrap_or("?"), p.role.as_deref().unwrap_or("?").to_lowercase()))
        .collect();
    if !people.is_empty() {
        out.push_str(&format!("Access: {}\n", people.join(", ")));
    }
    for a in &n.attachments {
        out.push_str(&format!("Attachment: {} ({})\n", a.name, a.mime_type.join(", ")));
    }
    match n.body.as_ref() {
        Some(b) if b.list.is_some() => {
            out.push_str("Checklist:\n");
            for (depth, i) in b.list.as_ref().map(|l| flatten(&l.list_items)).unwrap_or_default() {
                let mark = if i.checked { "x" } else { " " };
                let text = i.text.as_ref().map(|t| t.text.as_str()).unwrap_or("");
                out.push_str(&format!("{}- [{mark}] {text}\n", "  ".repeat(depth)));
            }
        }
        Some(b) => {
            out.push_str("Text:\n");
            out.push_str(b.text.as_ref().map(|t| t.text.as_str()).unwrap_or(""));
            out.push('\n');
        }
        None => out.push_str("(empty note)\n"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ListContent, Section, TextContent};

    fn item(text: &str, checked: bool, children: Vec<ListItem>) -> ListItem {
        ListItem { text: Some(TextContent { text: text.into() }), checked, child_list_items: children }
    }

    #[test]
    fn checklists_nest_and_count() {
        let n = Note {
            name: Some("notes/a".into()),
            title: Some("Trip".into()),
            body: Some(Section {
                text: None,
                list: Some(ListContent {
                    list_items: vec![
                        item("Pack", false, vec![item("Charger", true, vec![])]),
                        item("Book", true, vec![]),
                    ],
                }),
            }),
            ..Default::default()
        };
        assert_eq!(note_line(&n), "- \"Trip\" (ID: notes/a) | checklist 2/3 done");
        assert!(note(&n).contains("Checklist:\n- [ ] Pack\n  - [x] Charger\n- [x] Book\n"), "{}", note(&n));
    }

    #[test]
    fn long_text_is_previewed_on_one_line() {
        let text = "word ".repeat(40);
        let n = Note { body: Some(Section { text: Some(TextContent { text }), list: None }), ..Default::default() };
        let line = note_line(&n);
        assert!(line.starts_with("- \"(untitled)\" (ID: ?) | word word") && line.ends_with('…'), "{line}");
    }
}
