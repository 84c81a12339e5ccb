//! `docs/tools.md`, generated from the tool declarations so the page cannot drift from the
//! code (a test in `tests/registry/docs.rs` compares it with the committed file).

use std::fmt::Write;

use wsmcp_core::{Service, ToolDef};

/// The tools page: per service, each tool with its tier, its four annotation hints and the
/// first sentence of its description.
pub fn markdown(tools: &[ToolDef]) -> String {
    let mut out = String::from(
        "# Tools\n\n\
         Generated from the tool registry; do not edit by hand. Regenerate with\n\
         `UPDATE_DOCS=1 cargo test -p wsmcp-server --test registry`.\n\n\
         Tiers are cumulative: `--tool-tier extended` also lists the core tools, `complete` lists\n\
         every tool. The hints are the MCP tool annotations a client sees.\n",
    );
    let _ = writeln!(out, "\n{} tools.", tools.len());
    for service in Service::ALL {
        let mut mine: Vec<&ToolDef> = tools.iter().filter(|t| t.service == service).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by_key(|t| (t.tier, t.name));
        let _ = writeln!(out, "\n## {} ({} tools)\n", service.as_str(), mine.len());
        out.push_str("| Tool | Tier | Read-only | Destructive | Idempotent | Open world | What it does |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for t in mine {
            let h = t.hints;
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} | {} |",
                t.name,
                t.tier.as_str(),
                yes_no(h.read_only),
                yes_no(h.destructive),
                yes_no(h.idempotent),
                yes_no(h.open_world),
                first_sentence(t.description).replace('|', "\\|"),
            );
        }
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The description's first sentence, on one line.
fn first_sentence(description: &str) -> String {
    let para = description.split("\n\n").next().unwrap_or_default();
    let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
    // A sentence ends at ". ", unless the word before is an abbreviation such as "e.g.".
    let end = line.match_indices(". ").map(|(i, _)| i).find(|&i| {
        let word = line[..i].rsplit(' ').next().unwrap_or_default().trim_start_matches(|c: char| !c.is_alphanumeric());
        !matches!(word, "e.g" | "i.e" | "etc" | "vs")
    });
    match end {
        Some(i) => line[..=i].to_string(),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_is_one_line() {
        assert_eq!(first_sentence("Reads a\nmessage. Then more.\n\nDetails."), "Reads a message.");
        assert_eq!(first_sentence("No period"), "No period");
        assert_eq!(first_sentence("Labels (e.g. INBOX) on many. More."), "Labels (e.g. INBOX) on many.");
    }
}
