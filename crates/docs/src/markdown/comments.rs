//! Drive comments in the Markdown of a document. Inline: a footnote reference `[^cN]` after
//! the first paragraph (list item, table cell) whose text holds the comment's quoted text,
//! and the note after that block. Appendix: every comment in a section at the end, its quoted
//! text as a block quote. A comment whose quote is found nowhere (or that has none) goes to
//! the section at the end in either mode.

use wsmcp_drive::comments::{Author, Comment};

use super::inline::escape;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Inline,
    Appendix,
}

/// The comments of one rendering, and which of them have found their place.
#[derive(Debug, Default)]
pub struct Placer {
    threads: Vec<Comment>,
    /// The footnote label each placed thread got.
    labels: Vec<Option<usize>>,
    inline: bool,
}

/// `&amp;`, `&lt;`, `&#39;` ... as text (Drive serves quoted text as HTML).
pub fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest.find(';').filter(|end| *end <= 10).map(|end| (&rest[1..end], end));
        let decoded = entity.and_then(|(name, end)| {
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                n => n
                    .strip_prefix("#x")
                    .or_else(|| n.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn who(a: &Option<Author>) -> String {
    let name = a.as_ref().and_then(|a| a.display_name.clone()).unwrap_or_else(|| "Unknown".into());
    if a.as_ref().is_some_and(|a| a.me) { format!("{name} (you)") } else { name }
}

/// The quoted text a thread is anchored to (its first line), if any.
fn quote(c: &Comment) -> Option<String> {
    let q = unescape_html(c.quoted_file_content.as_ref()?.value.as_deref()?);
    let first = q.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(first.to_string())
}

fn one_line(text: &str) -> String {
    escape(&text.replace(['\n', '\r'], " "), false)
}

/// "**Priya Shah** (2026-05-10, comment AAAB…, resolved)".
fn byline(c: &Comment) -> String {
    let date = c.created_time.as_deref().and_then(|t| t.get(..10)).unwrap_or("");
    let mut facts: Vec<String> = Vec::new();
    if !date.is_empty() {
        facts.push(date.to_string());
    }
    facts.push(format!("comment {}", c.id.as_deref().unwrap_or("?")));
    if c.resolved {
        facts.push("resolved".into());
    }
    format!("**{}** ({})", escape(&who(&c.author), false), facts.join(", "))
}

fn replies(c: &Comment, indent: &str) -> Vec<String> {
    c.replies
        .iter()
        .filter(|r| !r.deleted)
        .map(|r| {
            let action = match r.action.as_deref() {
                Some("resolve") => " (resolved the comment)",
                Some("reopen") => " (reopened the comment)",
                _ => "",
            };
            let text = one_line(r.content.as_deref().unwrap_or(""));
            format!("{indent}- **{}**{action}: {text}", escape(&who(&r.author), false))
        })
        .collect()
}

impl Placer {
    /// No comments at all.
    pub fn none() -> Self {
        Placer::default()
    }

    /// `comments` to place inline or (`Placement::Appendix`) to list at the end; resolved
    /// threads only with `include_resolved`, deleted ones never.
    pub fn new(comments: Vec<Comment>, placement: Placement, include_resolved: bool) -> Self {
        let threads: Vec<Comment> =
            comments.into_iter().filter(|c| !c.deleted && (include_resolved || !c.resolved)).collect();
        let labels = vec![None; threads.len()];
        Placer { threads, labels, inline: placement == Placement::Inline }
    }

    /// Footnote references for the comments quoting `text` (not placed yet), and their notes.
    pub fn place(&mut self, text: &str) -> (String, Vec<String>) {
        let (mut refs, mut notes) = (String::new(), Vec::new());
        if !self.inline {
            return (refs, notes);
        }
        for i in 0..self.threads.len() {
            let Some(c) = self.threads.get(i) else { continue };
            let Some(q) = quote(c).filter(|q| text.contains(q.as_str())) else { continue };
            if self.labels.get(i).is_some_and(Option::is_some) {
                continue;
            }
            let label = self.labels.iter().flatten().count() + 1;
            refs.push_str(&format!("[^c{label}]"));
            let mut note = format!(
                "[^c{label}]: {} on \"{}\": {}",
                byline(c),
                one_line(&q),
                one_line(c.content.as_deref().unwrap_or(""))
            );
            for r in replies(c, "    ") {
                note.push('\n');
                note.push_str(&r);
            }
            notes.push(note);
            if let Some(slot) = self.labels.get_mut(i) {
                *slot = Some(label);
            }
        }
        (refs, notes)
    }

    /// The section for every comment not placed in the text ("" when there is none).
    pub fn rest(&self) -> String {
        let rest: Vec<&Comment> =
            self.threads.iter().zip(&self.labels).filter(|(_, l)| l.is_none()).map(|(c, _)| c).collect();
        if rest.is_empty() {
            return String::new();
        }
        let title = if self.inline { "Other comments" } else { "Comments" };
        let mut out = format!("## {title}\n");
        for c in rest {
            out.push('\n');
            out.push_str(&byline(c));
            out.push('\n');
            if let Some(q) = quote(c) {
                out.push_str(&format!("> {}\n", one_line(&q)));
            }
            out.push('\n');
            out.push_str(&one_line(c.content.as_deref().unwrap_or("")));
            out.push('\n');
            let replies = replies(c, "");
            if !replies.is_empty() {
                out.push('\n');
                out.push_str(&replies.join("\n"));
                out.push('\n');
            }
        }
        out
    }

    pub fn count(&self) -> usize {
        self.threads.len()
    }
}

#[cfg(test)]
mod tests {
    use wsmcp_drive::comments::{Quoted, Reply};

    use super::*;

    fn thread(id: &str, quoted: Option<&str>, resolved: bool) -> Comment {
        Comment {
            id: Some(id.into()),
            content: Some("Is *this* right?".into()),
            author: Some(Author { display_name: Some("Priya Shah".into()), me: false }),
            created_time: Some("2026-03-04T10:00:00.000Z".into()),
            resolved,
            quoted_file_content: quoted.map(|q| Quoted { value: Some(q.into()) }),
            replies: vec![Reply {
                content: Some("Yes".into()),
                author: Some(Author { display_name: Some("Alex".into()), me: true }),
                ..Reply::default()
            }],
            ..Comment::default()
        }
    }

    #[test]
    fn inline_places_each_thread_once_and_the_rest_goes_last() {
        let all = vec![
            thread("c1", Some("Marco&#39;s mockups"), false),
            thread("c2", None, false),
            thread("c3", Some("x"), true),
        ];
        let mut p = Placer::new(all, Placement::Inline, false);
        assert_eq!(p.count(), 2, "resolved threads left out");
        let (refs, notes) = p.place("Based on Marco's mockups v2.");
        assert_eq!(refs, "[^c1]");
        assert_eq!(
            notes,
            [
                "[^c1]: **Priya Shah** (2026-03-04, comment c1) on \"Marco's mockups\": Is \\*this\\* right?\n    - **Alex (you)**: Yes"
            ]
        );
        assert_eq!(p.place("Marco's mockups again"), (String::new(), vec![]));
        assert_eq!(
            p.rest(),
            "## Other comments\n\n**Priya Shah** (2026-03-04, comment c2)\n\nIs \\*this\\* right?\n\n- **Alex (you)**: Yes\n"
        );
    }

    #[test]
    fn appendix_lists_everything_with_quotes() {
        let mut p = Placer::new(vec![thread("c3", Some("a &amp; b"), true)], Placement::Appendix, true);
        assert_eq!(p.place("a & b"), (String::new(), vec![]));
        assert!(
            p.rest().starts_with("## Comments\n\n**Priya Shah** (2026-03-04, comment c3, resolved)\n> a & b\n"),
            "{}",
            p.rest()
        );
        assert_eq!(Placer::none().rest(), "");
        assert_eq!(unescape_html("&lt;b&gt; &#x1F680; &bogus; &"), "<b> 🚀 &bogus; &");
    }
}
