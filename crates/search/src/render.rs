//! Search results as text for the model. Pure functions.

use crate::wire::{Result, Search};

/// One result: its number, title, link, and the snippet (or the image's size and page).
pub fn result_block(n: u32, r: &Result) -> String {
    let title = r.title.as_deref().unwrap_or("(untitled)");
    let mut out = format!("{n}. {title}\n   {}\n", r.link.as_deref().unwrap_or("(no link)"));
    if let Some(img) = &r.image {
        let size = match (img.width, img.height) {
            (Some(w), Some(h)) => format!("{w}x{h}"),
            _ => "unknown size".into(),
        };
        out.push_str(&format!("   Image {size}, {}", r.mime.as_deref().unwrap_or("image")));
        if let Some(page) = &img.context_link {
            out.push_str(&format!(", on {page}"));
        }
        out.push('\n');
    } else if let Some(f) = &r.file_format {
        out.push_str(&format!("   [{f}]\n"));
    }
    if let Some(s) = r.snippet.as_deref().map(|s| s.replace('\n', " ")).filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("   {}\n", s.trim()));
    }
    out
}

/// The whole reply: a header with the estimate, numbered results, and how to get more.
pub fn search(q: &str, start: u32, reply: &Search) -> String {
    let total = reply.search_information.as_ref().and_then(|s| s.total_results.as_deref()).unwrap_or("0");
    if reply.items.is_empty() {
        let mut out = format!("No results for \"{q}\" (from result {start}).\n");
        if let Some(c) = reply.spelling.as_ref().and_then(|s| s.corrected_query.as_deref()) {
            out.push_str(&format!("Did you mean: {c}\n"));
        }
        return out;
    }
    let last = start + reply.items.len() as u32 - 1;
    let mut out = format!("Results {start}-{last} of about {total} for \"{q}\":\n\n");
    for (i, r) in reply.items.iter().enumerate() {
        out.push_str(&result_block(start + i as u32, r));
    }
    if let Some(next) = reply.queries.as_ref().and_then(|q| q.next_page.first()).and_then(|p| p.start_index) {
        out.push_str(&format!("\nMore results: pass start={next}.\n"));
    }
    out
}
