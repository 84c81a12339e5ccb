//! One paragraph's styled pieces written as Markdown: emphasis, strikethrough, code spans and
//! links opened and closed as the styles change from piece to piece (a style that continues
//! stays open), whitespace kept outside emphasis (`** a**` would not be bold), and every
//! character that would otherwise mean Markdown escaped.

/// The styles of a piece of text, as Markdown can say them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// `#rrggbb`, written after the text when colours are asked for.
    pub color: Option<String>,
    pub link: Option<String>,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
}

/// Styled text; `literal` pieces are Markdown already (an image) and are written as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marks: Marks,
    pub literal: bool,
}

impl Piece {
    pub fn text(text: impl Into<String>, marks: Marks) -> Self {
        Piece { text: text.into(), marks, literal: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tag {
    Color(String),
    Link(String),
    Bold,
    Italic,
    Strike,
    Code,
}

/// The tags of `m`, outermost first; code is always innermost (nothing nests in a code span).
fn tags(m: &Marks) -> Vec<Tag> {
    let mut t = Vec::new();
    if let Some(c) = &m.color {
        t.push(Tag::Color(c.clone()));
    }
    if let Some(l) = &m.link {
        t.push(Tag::Link(l.clone()));
    }
    for (on, tag) in [(m.bold, Tag::Bold), (m.italic, Tag::Italic), (m.strike, Tag::Strike), (m.code, Tag::Code)] {
        if on {
            t.push(tag);
        }
    }
    t
}

/// A link destination, in angle brackets when it has characters a bare one cannot.
fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

/// Plain text escaped so that nothing in it reads as Markdown.
pub fn escape(text: &str, in_table: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escaped = match c {
            '\\' | '*' | '`' | '[' | ']' | '~' => true,
            // snake_case needs no escape: `_` between letters never emphasizes.
            '_' => !(word(before) && word(after)),
            '<' => after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?')),
            '&' => after.is_some_and(|a| a.is_ascii_alphanumeric() || a == '#'),
            '|' => in_table,
            _ => false,
        };
        match c {
            '\u{b}' => out.push_str("<br>"),
            '\n' | '\r' => out.push(' '),
            _ => {
                if escaped {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

/// A whole line made safe at its start: no heading, quote, list item or rule can begin it.
pub fn escape_line_start(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    if line.starts_with(['#', '>', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && let Some(rest) = line.get(digits..)
        && rest.starts_with(['.', ')'])
    {
        return format!("{}\\{rest}", &line[..digits]);
    }
    line.to_string()
}

/// A code span holding `code` with a fence no backtick run inside it can close.
fn code_span(code: &str, in_table: bool) -> String {
    let code = code.replace(['\u{b}', '\n'], " ");
    let code = if in_table { code.replace('|', "\\|") } else { code };
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // One space each side is stripped by readers: pad when the code starts or ends with a
    // backtick, or with a space at both ends.
    let pad = code.starts_with('`') || code.ends_with('`') || (code.starts_with(' ') && code.ends_with(' '));
    let pad = if pad && !code.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

struct Writer {
    out: String,
    open: Vec<Tag>,
    code: Option<String>,
    in_table: bool,
}

impl Writer {
    fn close_to(&mut self, keep: usize) {
        while self.open.len() > keep {
            match self.open.pop() {
                Some(Tag::Code) => {
                    let code = self.code.take().unwrap_or_default();
                    self.out.push_str(&code_span(&code, self.in_table));
                }
                Some(Tag::Color(c)) => self.out.push_str(&format!("[color: {c}]")),
                Some(Tag::Link(url)) => self.out.push_str(&format!("]({})", destination(&url))),
                Some(Tag::Bold) => self.out.push_str("**"),
                Some(Tag::Italic) => self.out.push('*'),
                Some(Tag::Strike) => self.out.push_str("~~"),
                None => {}
            }
        }
    }

    /// Open exactly `want`: keep the open tags still wanted (up to the first that is not),
    /// close the rest, open the missing ones with code innermost.
    fn switch(&mut self, want: &[Tag]) {
        let mut keep = self.open.iter().take_while(|t| want.contains(t)).count();
        let missing: Vec<Tag> = want.iter().filter(|t| !self.open[..keep].contains(t)).cloned().collect();
        if !missing.is_empty()
            && let Some(code) = self.open[..keep].iter().position(|t| *t == Tag::Code)
        {
            keep = code;
        }
        self.close_to(keep);
        let mut missing: Vec<Tag> = want.iter().filter(|t| !self.open.contains(t)).cloned().collect();
        missing.sort_by_key(|t| matches!(t, Tag::Code));
        for t in missing {
            match &t {
                Tag::Code => self.code = Some(String::new()),
                Tag::Link(_) => self.out.push('['),
                Tag::Bold => self.out.push_str("**"),
                Tag::Italic => self.out.push('*'),
                Tag::Strike => self.out.push_str("~~"),
                Tag::Color(_) => {}
            }
            self.open.push(t);
        }
    }

    fn write(&mut self, piece: &Piece) {
        let mut want = tags(&piece.marks);
        if piece.literal {
            want.retain(|t| matches!(t, Tag::Color(_) | Tag::Link(_)));
            self.switch(&want);
            self.out.push_str(&piece.text);
            return;
        }
        self.switch(&want);
        match self.code.as_mut() {
            Some(code) => code.push_str(&piece.text),
            None => self.out.push_str(&escape(&piece.text, self.in_table)),
        }
    }
}

/// Leading and trailing whitespace of a piece as pieces of their own (marked `true`), so that
/// emphasis and code never start or end on a space.
fn split_space(p: &Piece) -> Vec<(Piece, bool)> {
    if p.literal {
        return vec![(p.clone(), false)];
    }
    let core = p.text.trim_matches(|c: char| c.is_whitespace() && c != '\u{b}');
    if core.len() == p.text.len() {
        return vec![(p.clone(), false)];
    }
    let start = p.text.find(core).unwrap_or(0);
    let (lead, rest) = p.text.split_at(start);
    let trail = rest.get(core.len()..).unwrap_or("");
    [(lead, true), (core, false), (trail, true)]
        .into_iter()
        .filter(|(text, _)| !text.is_empty())
        .map(|(text, space)| (Piece::text(text, p.marks.clone()), space))
        .collect()
}

/// A space keeps an emphasis or code only where the text on both sides has it (links and
/// colours it keeps as they are).
fn between(space: &Marks, before: Option<&Marks>, after: Option<&Marks>) -> Marks {
    let both = |f: fn(&Marks) -> bool| before.is_some_and(f) && after.is_some_and(f);
    Marks {
        color: space.color.clone(),
        link: space.link.clone(),
        bold: space.bold && both(|m| m.bold),
        italic: space.italic && both(|m| m.italic),
        strike: space.strike && both(|m| m.strike),
        code: space.code && both(|m| m.code),
    }
}

/// `pieces` as one line of Markdown.
pub fn markdown(pieces: &[Piece], in_table: bool) -> String {
    let split: Vec<(Piece, bool)> = pieces.iter().flat_map(split_space).collect();
    let mut w = Writer { out: String::new(), open: Vec::new(), code: None, in_table };
    for (i, (piece, space)) in split.iter().enumerate() {
        if *space {
            let before = i.checked_sub(1).and_then(|j| split.get(j)).map(|(p, _)| &p.marks);
            let after = split.get(i + 1).map(|(p, _)| &p.marks);
            let marks = between(&piece.marks, before, after);
            w.write(&Piece { marks, ..piece.clone() });
        } else {
            w.write(piece);
        }
    }
    w.close_to(0);
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(f: impl FnOnce(&mut Marks)) -> Marks {
        let mut marks = Marks::default();
        f(&mut marks);
        marks
    }

    #[test]
    fn styles_open_and_close_as_they_change() {
        let pieces = [
            Piece::text("Ship ", Marks::default()),
            Piece::text("bold ", m(|m| m.bold = true)),
            Piece::text("both", m(|m| (m.bold, m.italic) = (true, true))),
            Piece::text(" and ", Marks::default()),
            Piece::text("a|b", m(|m| m.code = true)),
            Piece::text(" ", Marks::default()),
            Piece::text("site", m(|m| m.link = Some("https://e.x/a b".into()))),
        ];
        assert_eq!(markdown(&pieces, false), "Ship **bold *both*** and `a|b` [site](<https://e.x/a b>)");
        assert_eq!(markdown(&pieces[4..5], true), "`a\\|b`");
        // Italic then bold-italic keeps italic open rather than closing and reopening it.
        let pieces =
            [Piece::text("a", m(|m| m.italic = true)), Piece::text("b", m(|m| (m.bold, m.italic) = (true, true)))];
        assert_eq!(markdown(&pieces, false), "*a**b***");
    }

    #[test]
    fn escapes_what_would_be_markdown() {
        assert_eq!(
            escape("2*3 [x] snake_case _y_ a|b <b> &amp; 🚀", true),
            "2\\*3 \\[x\\] snake_case \\_y\\_ a\\|b \\<b> \\&amp; 🚀"
        );
        assert_eq!(escape_line_start("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line_start("2026. A year"), "2026\\. A year");
        assert_eq!(escape_line_start("- dash"), "\\- dash");
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`x", false), "`` `x ``");
    }

    #[test]
    fn colours_follow_their_text() {
        let red = m(|m| (m.color, m.bold) = (Some("#ff0000".into()), true));
        assert_eq!(
            markdown(&[Piece::text("Late", red), Piece::text(" now", Marks::default())], false),
            "**Late**[color: #ff0000] now"
        );
    }
}
