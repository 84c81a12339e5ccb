//! HTML mail bodies as text a model can read: htmd turns the markup into light Markdown
//! (headings, lists, emphasis survive), with link targets and images left out of the
//! flow so tracking URLs do not drown the words. The http(s) link targets are collected
//! separately for the `include_links` option.

use std::sync::{Arc, Mutex};

use htmd::element_handler::Handlers;
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};

/// Readable text of an HTML document plus the http(s) links it contained, in order of
/// first appearance and without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub text: String,
    pub links: Vec<String>,
}

/// Converts HTML to readable text (light Markdown). Never fails: markup the parser cannot
/// make sense of degrades to its text content.
pub fn to_text(html: &str) -> HtmlText {
    convert(html, false)
}

/// Converts HTML to plain text without Markdown marks (no `**bold**`, no `#` headings):
/// for signatures and the text alternative of mail we send.
pub fn to_plain(html: &str) -> String {
    convert(html, true).text
}

fn convert(html: &str, plain: bool) -> HtmlText {
    let links: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let sink = links.clone();
    let options = Options { bullet_list_marker: BulletListMarker::Dash, ul_bullet_spacing: 1, ..Options::default() };
    let mut builder = HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style", "head", "title", "meta", "noscript"])
        .add_handler(vec!["a"], move |handlers: &dyn Handlers, element: Element| {
            if let Some(href) = attr(&element, "href") {
                let href = href.trim().to_string();
                if is_http(&href)
                    && let Ok(mut l) = sink.lock()
                {
                    l.push(href);
                }
            }
            Some(handlers.walk_children(element.node))
        })
        .add_handler(vec!["img"], |_: &dyn Handlers, element: Element| {
            let alt = attr(&element, "alt").map(|a| a.trim().to_string()).unwrap_or_default();
            if alt.is_empty() { None } else { Some(format!("[{alt}]").into()) }
        })
        .add_handler(vec!["td", "th"], |handlers: &dyn Handlers, element: Element| {
            let content = handlers.walk_children(element.node).content;
            Some(format!("{CELL_START}{}{CELL_END}", content.trim()).into())
        })
        .add_handler(vec!["tr"], |handlers: &dyn Handlers, element: Element| {
            Some(row(&handlers.walk_children(element.node).content).into())
        })
        .add_handler(vec!["table"], |handlers: &dyn Handlers, element: Element| {
            Some(format!("\n\n{}\n\n", handlers.walk_children(element.node).content.trim_matches('\n')).into())
        });
    if plain {
        builder = builder
            .add_handler(
                vec!["b", "strong", "i", "em", "u", "s", "del", "code", "span"],
                |handlers: &dyn Handlers, element: Element| Some(handlers.walk_children(element.node)),
            )
            .add_handler(vec!["h1", "h2", "h3", "h4", "h5", "h6"], |handlers: &dyn Handlers, element: Element| {
                Some(format!("\n\n{}\n\n", handlers.walk_children(element.node).content.trim()).into())
            });
    }
    let markdown = builder.build().convert(html).unwrap_or_default();
    let mut collected = links.lock().map(|l| l.clone()).unwrap_or_default();
    dedupe(&mut collected);
    HtmlText { text: tidy(&unescape(&markdown)), links: collected }
}

// Cells are marked while their row is converted, then joined by `row`. Tables in mail are
// mostly layout (Outlook, newsletters), not data, so no Markdown tables: a row of short
// cells becomes one line with ` | ` between them, a row holding paragraphs one block per
// cell. Either way the cells' texts stay apart.
const CELL_START: char = '\u{1f}';
const CELL_END: char = '\u{1e}';

/// Longest row (in characters) written on one line.
const ROW_LINE_LIMIT: usize = 160;

fn row(converted: &str) -> String {
    let cells: Vec<String> = converted
        .split(CELL_START)
        .skip(1)
        .filter_map(|c| c.split(CELL_END).next())
        .map(|c| tidy(c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    let one_line = cells.iter().all(|c| !c.contains('\n'))
        && cells.iter().map(|c| c.chars().count() + 3).sum::<usize>() <= ROW_LINE_LIMIT;
    if cells.is_empty() {
        String::new()
    } else if one_line {
        format!("{}\n", cells.join(" | "))
    } else {
        format!("\n{}\n\n", cells.join("\n\n"))
    }
}

/// Drops the backslashes htmd puts before Markdown-special characters of plain text
/// (`a\_b`, `1\. item`): a reader wants the text, not Markdown source. htmd writes a real
/// backslash as `\\`, so this is exact.
fn unescape(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && "\\*_`[]<.=~>-+#".contains(next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// Only the http(s) links of an HTML document.
pub fn links(html: &str) -> Vec<String> {
    to_text(html).links
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string())
}

fn is_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn dedupe(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
}

/// Trims trailing spaces (htmd's hard breaks), drops non-breaking-space-only lines and
/// collapses runs of blank lines, which newsletter layouts produce by the dozen.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank_run = 0;
    for line in markdown.lines() {
        let line = line.trim_end().replace('\u{a0}', " ").replace([CELL_START, CELL_END], "");
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.trim().to_string()
}

/// Escapes text for inclusion in HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text as HTML: escaped, with line breaks kept.
pub fn text_to_html(text: &str) -> String {
    escape(text).replace("\r\n", "\n").replace('\n', "<br>\n")
}

/// Whether an "HTML" body is really markup that was entity-escaped on the way in (for
/// example `&lt;div&gt;Hi&lt;/div&gt;`): sent as HTML it would show the tags as text.
pub fn looks_entity_escaped(body: &str) -> bool {
    let has_real_tag = has_tag(body, '<');
    let lower = body.to_ascii_lowercase();
    let escaped_tags = ["&lt;", "&#60;", "&#x3c;"].iter().any(|open| {
        lower.match_indices(open).any(|(i, _)| {
            let rest = lower.get(i + open.len()..).unwrap_or_default();
            rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        })
    });
    escaped_tags && !has_real_tag
}

fn has_tag(body: &str, open: char) -> bool {
    body.match_indices(open).any(|(i, _)| {
        let rest = body.get(i + open.len_utf8()..).unwrap_or_default();
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_markup_to_readable_text_and_keeps_links_aside() {
        let html = r#"<html><head><style>p{color:red}</style><title>T</title></head><body>
            <h1>Quarterly report</h1><p>Hello <b>team</b>, see <a href="https://example.com/r?a=1&amp;b=2">the report</a>.</p>
            <p>Also <a href="mailto:x@example.com">mail me</a> or <a href="https://example.com/r?a=1&amp;b=2">again</a>.</p>
            <img src="https://t.example.com/pixel.gif"><script>alert(1)</script></body></html>"#;
        let out = to_text(html);
        assert!(out.text.contains("Quarterly report"), "{}", out.text);
        assert!(out.text.contains("Hello **team**, see the report."), "{}", out.text);
        assert!(!out.text.contains("color:red"));
        assert!(!out.text.contains("alert"));
        assert!(!out.text.contains("https://"), "links stay out of the text: {}", out.text);
        assert_eq!(out.links, vec!["https://example.com/r?a=1&b=2".to_string()]);
    }

    #[test]
    fn empty_or_broken_markup_gives_text_not_a_panic() {
        assert_eq!(to_text("").text, "");
        assert_eq!(to_text("<div><p>unclosed <b>bold").text, "unclosed **bold**");
    }

    #[test]
    fn text_is_not_markdown_escaped_and_plain_has_no_marks() {
        let html = "<div><h2>Title</h2><b>Alex</b> a_b *c* [x]<br>1. one &amp; two<ul><li>item</li></ul></div>";
        assert_eq!(to_text(html).text, "## Title\n\n**Alex** a_b *c* [x]\n1. one & two\n\n- item");
        assert_eq!(to_plain(html), "Title\n\nAlex a_b *c* [x]\n1. one & two\n\n- item");
        assert_eq!(unescape(r"a\\b \_ \x"), r"a\b _ \x");
    }

    #[test]
    fn table_cells_stay_apart() {
        let html = "<p>Prices:</p><table><tr><th>Region</th><th>Seats</th></tr>\n\
            <tr><td><p>Gulf</p></td><td><p>250<o:p></o:p></p></td></tr><tr><td></td><td>&nbsp;</td></tr></table><p>Bye</p>";
        assert_eq!(to_text(html).text, "Prices:\n\nRegion | Seats\nGulf | 250\n\nBye");
        let layout = format!(
            "<table><tr><td><p>{}</p><p>Second paragraph</p></td><td>Side</td></tr></table>",
            "long ".repeat(40)
        );
        let out = to_text(&layout).text;
        assert!(out.contains("Second paragraph\n\nSide"), "{out}");
        // A table inside a cell (newsletter layouts) keeps its own rows.
        let nested = "<table><tr><td><table><tr><td>A</td><td>B</td></tr></table></td></tr></table>";
        assert_eq!(to_text(nested).text, "A | B");
    }

    #[test]
    fn outlook_markup_is_dropped() {
        let html = r##"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body><div class="WordSection1">
<p class="MsoNormal">Hi Alex,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<!--[if mso]><v:rect fillcolor="#1F4E79"><v:textbox>Banner</v:textbox></v:rect><![endif]-->
<!--[if !mso]><!--><p>Shown outside Outlook</p><!--<![endif]-->
<p class="MsoNormal">Omar<o:p></o:p></p></div></body></html>"##;
        assert_eq!(to_text(html).text, "Hi Alex,\n\nShown outside Outlook\n\nOmar");
    }

    #[test]
    fn links_only_http() {
        let l = links(r#"<a href="ftp://x">a</a><a href=" http://b.example/ ">b</a><a>c</a>"#);
        assert_eq!(l, vec!["http://b.example/".to_string()]);
    }

    #[test]
    fn detects_entity_escaped_markup() {
        assert!(looks_entity_escaped("&lt;div&gt;Hello&lt;/div&gt;"));
        assert!(!looks_entity_escaped("<div>Hello</div>"));
        assert!(!looks_entity_escaped("<p>1 &lt; 2</p>"));
        assert!(!looks_entity_escaped("Tom &amp; Jerry"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text_to_html("a<b>\n&c"), "a&lt;b&gt;<br>\n&amp;c");
    }
}
