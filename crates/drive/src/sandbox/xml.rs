//! A forgiving XML/HTML token reader, enough to pull text and a few attributes out of
//! Office Open XML parts and uploaded HTML when the sandbox converts them to Google
//! types. It never fails: malformed markup degrades to text.

/// One token: a tag (opening, closing or self-closing) or a run of decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Open { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    Close { name: String },
    Text(String),
}

impl Token {
    /// The value of attribute `name` of an opening tag (exact, namespaced name).
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Token::Open { attrs, .. } => {
                attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
            }
            _ => None,
        }
    }
}

/// Split `text` into tokens; comments, processing instructions and doctypes are dropped.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest);
            break;
        };
        let (before, tag_start) = rest.split_at(lt);
        push_text(&mut out, before);
        if let Some(after) = tag_start.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = tag_start.find('>') else {
            push_text(&mut out, tag_start);
            break;
        };
        let inner = &tag_start[1..gt];
        rest = &tag_start[gt + 1..];
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::Close { name: name.trim().to_string() });
            continue;
        }
        let self_closing = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let (name, attr_text) = inner.split_once(|c: char| c.is_whitespace()).unwrap_or((inner, ""));
        out.push(Token::Open { name: name.to_string(), attrs: attributes(attr_text), self_closing });
    }
    out
}

fn push_text(out: &mut Vec<Token>, raw: &str) {
    if !raw.is_empty() {
        out.push(Token::Text(decode_entities(raw)));
    }
}

/// `a="1" b='2' c=3` as pairs, values decoded.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            if !name.is_empty() {
                out.push((name, String::new()));
            }
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, next) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                match body.find(q) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        out.push((name, decode_entities(value)));
        rest = next.trim_start();
    }
    out
}

/// The five XML entities, numeric references and `&nbsp;`.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &after[..end];
            let ch = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => entity.strip_prefix('#').and_then(|num| {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            }?;
            Some((ch, end))
        });
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escape text for an XML/HTML text node or attribute.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_entities() {
        let t = tokens(
            "<?xml version=\"1.0\"?><w:p><w:pStyle w:val=\"Heading1\"/><w:t xml:space='preserve'>A &amp; B &#x263A;</w:t></w:p><!-- c -->x",
        );
        assert_eq!(t.len(), 7);
        assert_eq!(t[1].attr("w:val"), Some("Heading1"));
        assert_eq!(t[3], Token::Text("A & B \u{263a}".into()));
        assert_eq!(t[6], Token::Text("x".into()));
        assert_eq!(decode_entities("a &bogus; b"), "a &bogus; b");
        assert_eq!(escape("<a&\"b\">"), "&lt;a&amp;&quot;b&quot;&gt;");
    }
}
