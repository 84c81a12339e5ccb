//! Documents as text for a model: plain (the text as Docs holds it), annotated (headings,
//! list items, tables, links and non-text elements marked), and the structure with the
//! indices edits need. Pure.

use serde_json::Value;

use crate::read::{TabView, para_text};
use crate::utf16;
use crate::wire::{Paragraph, StructuralElement, Table};

/// The tab's text: paragraphs as they are, table cells one after another.
pub fn plain(content: &[StructuralElement]) -> String {
    let mut out = String::new();
    for e in content {
        if let Some(p) = &e.paragraph {
            out.push_str(&para_text(p));
        } else if let Some(t) = &e.table {
            for cell in t.table_rows.iter().flat_map(|r| &r.table_cells) {
                out.push_str(&plain(&cell.content));
            }
        } else if let Some(toc) = &e.table_of_contents {
            out.push_str(&plain(&toc.content));
        }
    }
    out
}

fn style_label(p: &Paragraph) -> Option<String> {
    match p.paragraph_style.named_style_type.as_deref()? {
        "TITLE" => Some("Title".into()),
        "SUBTITLE" => Some("Subtitle".into()),
        s => s.strip_prefix("HEADING_").map(|n| format!("Heading {n}")),
    }
}

/// A paragraph's text with links, images and breaks spelled out.
fn annotated_para(p: &Paragraph) -> String {
    let mut out = String::new();
    for e in &p.elements {
        if let Some(r) = &e.text_run {
            let text = r.content.trim_end_matches('\n');
            match r.text_style.pointer("/link/url").and_then(Value::as_str) {
                Some(url) if !text.is_empty() => out.push_str(&format!("{text} (link: {url})")),
                _ => out.push_str(text),
            }
        } else if let Some(o) = &e.inline_object_element {
            out.push_str(&format!("[image {}]", o["inlineObjectId"].as_str().unwrap_or("")));
        } else if e.page_break.is_some() {
            out.push_str("[page break]");
        } else if e.horizontal_rule.is_some() {
            out.push_str("[horizontal rule]");
        } else if let Some(person) = &e.person {
            out.push_str(&format!(
                "[person {}]",
                person.pointer("/personProperties/email").and_then(Value::as_str).unwrap_or("")
            ));
        } else if let Some(link) = &e.rich_link {
            let props = &link["richLinkProperties"];
            out.push_str(&format!(
                "[{}]({})",
                props["title"].as_str().unwrap_or(""),
                props["uri"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

/// The tab's content with its meaning marked: `[Heading 1] Goals`, `• item` (indented by
/// nesting), tables as `| a | b |` rows between markers.
pub fn annotated(content: &[StructuralElement]) -> String {
    let mut out = String::new();
    for e in content {
        if let Some(p) = &e.paragraph {
            let text = annotated_para(p);
            match (&p.bullet, style_label(p)) {
                (Some(b), _) => out.push_str(&format!("{}• {text}\n", "  ".repeat(b.nesting_level as usize))),
                (None, Some(label)) => out.push_str(&format!("[{label}] {text}\n")),
                (None, None) => out.push_str(&format!("{text}\n")),
            }
        } else if let Some(t) = &e.table {
            out.push_str(&format!("[Table {}x{}]\n", t.rows, t.columns));
            for row in &t.table_rows {
                let cells: Vec<String> =
                    row.table_cells.iter().map(|c| annotated(&c.content).trim_end().replace('\n', " / ")).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push_str("[End of table]\n");
        } else if let Some(toc) = &e.table_of_contents {
            out.push_str("[Table of contents]\n");
            out.push_str(&annotated(&toc.content));
        }
    }
    out
}

/// `text` cut to `max` chars (0: whole), on one line.
fn preview(text: &str, max: usize) -> String {
    let one_line = text.trim_end_matches('\n').replace('\n', "\\n");
    if max == 0 || one_line.chars().count() <= max {
        return one_line;
    }
    format!("{}…", one_line.chars().take(max).collect::<String>())
}

/// The tab's elements with their `[start, end)` indices; `detailed` adds each table cell and
/// each paragraph's text runs.
pub fn structure(tab: &TabView<'_>, detailed: bool, max: usize) -> String {
    let mut out = String::new();
    let end = tab.end_index();
    out.push_str(&format!(
        "Body indices 1 to {end}: insert at 1 for the start, at {} for the end (before the final newline).\n",
        end.saturating_sub(1).max(1)
    ));
    elements(tab.content, detailed, max, 0, &mut out);
    out
}

fn elements(content: &[StructuralElement], detailed: bool, max: usize, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for e in content {
        let at = format!("{pad}[{}-{}]", e.start_index, e.end_index);
        if e.section_break.is_some() {
            out.push_str(&format!("{at} section break\n"));
        } else if let Some(p) = &e.paragraph {
            let style = p.paragraph_style.named_style_type.as_deref().unwrap_or("NORMAL_TEXT");
            let bullet = p.bullet.as_ref().map(|b| format!(" list {} level {}", b.list_id, b.nesting_level));
            let text = para_text(p);
            out.push_str(&format!(
                "{at} paragraph {style}{}: \"{}\"\n",
                bullet.unwrap_or_default(),
                preview(&text, max)
            ));
            if detailed {
                for el in &p.elements {
                    let kind = match &el.text_run {
                        Some(r) => format!("text \"{}\" ({} units)", preview(&r.content, max), utf16::len(&r.content)),
                        None => "non-text element (1 unit)".into(),
                    };
                    out.push_str(&format!("{pad}  [{}-{}] {kind}\n", el.start_index, el.end_index));
                }
            }
        } else if let Some(t) = &e.table {
            out.push_str(&format!("{at} table {}x{}\n", t.rows, t.columns));
            table(t, detailed, max, depth, out);
        } else if e.table_of_contents.is_some() {
            out.push_str(&format!("{at} table of contents\n"));
        }
    }
}

fn table(t: &Table, detailed: bool, max: usize, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth + 1);
    for (r, row) in t.table_rows.iter().enumerate() {
        for (c, cell) in row.table_cells.iter().enumerate() {
            let text = plain(&cell.content);
            // A cell's text starts one past the cell's own marker.
            out.push_str(&format!(
                "{pad}cell ({r},{c}) [{}-{}], text at {}: \"{}\"\n",
                cell.start_index,
                cell.end_index,
                cell.start_index + 1,
                preview(&text, max)
            ));
            if detailed {
                elements(&cell.content, true, max, depth + 2, out);
            }
        }
    }
}

/// The tab list of a document, one line each, children indented.
pub fn tab_list(tabs: &[TabView<'_>]) -> String {
    tabs.iter()
        .map(|t| {
            format!("{}- \"{}\" (tab_id: {}, end index {})\n", "  ".repeat(t.depth + 1), t.title, t.id, t.end_index())
        })
        .collect()
}
