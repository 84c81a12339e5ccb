//! Which body of a message is shown, as text: the parts are decoded by their declared
//! charset, a plain part that is only a stub of its HTML alternative gives way to the HTML,
//! and forwarded messages (`message/rfc822` parts) are shown inline with their own sender,
//! date and subject.

use crate::charset;
use crate::mime::decode_base64url;
use crate::render::{BodyFormat, header};
use crate::wire::MessagePart;

/// The text and HTML bodies of a message, if it has them, and the messages it forwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    pub text: Option<String>,
    pub html: Option<String>,
    pub forwarded: Vec<Forwarded>,
}

/// A message carried inside another (`message/rfc822`), as Gmail parses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forwarded {
    /// `(name, value)` of From, To, Cc, Date and Subject, in that order, when present.
    pub headers: Vec<(String, String)>,
    pub bodies: Bodies,
}

/// Finds the first plain and the first HTML body part (depth first, skipping attachments)
/// and the forwarded messages.
pub fn bodies(payload: Option<&MessagePart>) -> Bodies {
    let mut out = Bodies::default();
    if let Some(p) = payload {
        collect(p, &mut out);
    }
    out
}

fn collect(part: &MessagePart, out: &mut Bodies) {
    let mime = part.mime_type.to_ascii_lowercase();
    if mime == "message/rfc822" {
        // Gmail puts the inner message's root part (with its headers) under `parts`.
        if let Some(inner) = part.parts.first() {
            out.forwarded.push(forwarded(inner));
        }
        return;
    }
    if !is_attachment(part) {
        if mime == "text/plain" && out.text.is_none() {
            out.text = part_text(part);
        } else if mime == "text/html" && out.html.is_none() {
            out.html = part_text(part);
        }
    }
    for child in &part.parts {
        collect(child, out);
    }
}

fn forwarded(root: &MessagePart) -> Forwarded {
    let headers = ["From", "To", "Cc", "Date", "Subject"]
        .iter()
        .filter_map(|name| {
            let value = header(Some(root), name)?.trim();
            (!value.is_empty()).then(|| (name.to_string(), charset::decode_words(value)))
        })
        .collect();
    Forwarded { headers, bodies: bodies(Some(root)) }
}

/// A text part's content, decoded by the charset its `Content-Type` declares (Gmail serves
/// the bytes untranscoded). `None` when the bytes are not inline (see `large_bodies`).
pub fn part_text(part: &MessagePart) -> Option<String> {
    let bytes = decode_base64url(part.body.as_ref()?.data.as_deref()?)?;
    let declared = header(Some(part), "Content-Type").and_then(charset::charset_of);
    Some(charset::decode(&bytes, declared.as_deref()))
}

/// Whether a part is an attachment rather than a body (a file name or that disposition).
pub fn is_attachment(part: &MessagePart) -> bool {
    if !part.filename.is_empty() {
        return true;
    }
    header(Some(part), "Content-Disposition").is_some_and(|d| d.trim().to_ascii_lowercase().starts_with("attachment"))
}

/// A body chosen and converted, with the http(s) links of its HTML part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    pub text: String,
    pub links: Vec<String>,
    /// Said to the caller when the body is not what was asked (fallbacks).
    pub note: Option<String>,
}

/// Picks the body for `format` (`Text` or `Html`; `Raw` is handled by the caller).
pub fn body_text(b: &Bodies, snippet: &str, format: BodyFormat) -> BodyText {
    let own = own_body(b, format);
    let forwarded: Vec<String> = b.forwarded.iter().map(forwarded_text).collect();
    if forwarded.is_empty() {
        return own.unwrap_or_else(|links| fallback(snippet, links));
    }
    let sections = forwarded.join("\n\n");
    match own {
        // HTML stays HTML: the forwarded text is not mixed into markup.
        Ok(body) if format == BodyFormat::Html && body.note.is_none() => body,
        Ok(mut body) => {
            body.text = format!("{}\n\n{sections}", body.text);
            body
        }
        Err(links) => BodyText { text: sections, links, note: None },
    }
}

/// The message's own body (forwarded messages aside), or, when it has none, the links its
/// HTML held.
fn own_body(b: &Bodies, format: BodyFormat) -> Result<BodyText, Vec<String>> {
    let plain = b.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let html = b.html.as_deref().filter(|h| !h.trim().is_empty());
    let converted = html.map(crate::html::to_text);
    let links = converted.as_ref().map(|c| c.links.clone()).unwrap_or_default();
    if format == BodyFormat::Html {
        return match (html, plain) {
            (Some(h), _) => Ok(BodyText { text: h.to_string(), links, note: None }),
            (None, Some(p)) => Ok(BodyText {
                text: p.to_string(),
                links,
                note: Some("no HTML part; showing the plain text body".into()),
            }),
            (None, None) => Err(links),
        };
    }
    let html_text = converted.as_ref().map(|c| c.text.trim()).filter(|t| !t.is_empty());
    match (plain, html_text) {
        (Some(p), Some(h)) if plain_is_stub(p, h) => Ok(BodyText {
            text: h.to_string(),
            links,
            note: Some("the plain text part is only a stub of the HTML part; showing the HTML as text".into()),
        }),
        (Some(p), _) => Ok(BodyText { text: p.to_string(), links, note: None }),
        (None, Some(h)) => Ok(BodyText { text: h.to_string(), links, note: None }),
        (None, None) => Err(links),
    }
}

/// Whether the plain part is a stand-in for the HTML rather than the same content: it is
/// markup itself, or it holds far fewer words than the HTML does ("view this mail in an
/// HTML-capable client", a lone link). Judged on letters and digits, so layout and
/// Markdown marks do not count.
fn plain_is_stub(plain: &str, html_text: &str) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    let (p, h) = (letters(plain), letters(html_text));
    plain.contains("<!--") || (h >= 200 && p * 3 < h)
}

/// A forwarded message as text: a header block like mail clients write, then its body.
fn forwarded_text(f: &Forwarded) -> String {
    let mut out = String::from("---------- Forwarded message ----------\n");
    for (name, value) in &f.headers {
        out.push_str(&format!("{name}: {value}\n"));
    }
    let body = body_text(&f.bodies, "", BodyFormat::Text);
    out.push('\n');
    out.push_str(body.text.trim());
    out
}

fn fallback(snippet: &str, links: Vec<String>) -> BodyText {
    let snippet = snippet.trim();
    if snippet.is_empty() {
        BodyText { text: "[This message has no readable text body.]".into(), links, note: None }
    } else {
        BodyText {
            text: snippet.to_string(),
            links,
            note: Some("no readable body part; showing Gmail's snippet (the first words of the message)".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::encode_raw;
    use crate::wire::{Header, PartBody};

    fn leaf(mime: &str, charset: &str, bytes: &[u8]) -> MessagePart {
        MessagePart {
            mime_type: mime.into(),
            headers: vec![Header { name: "Content-Type".into(), value: format!("{mime}; charset=\"{charset}\"") }],
            body: Some(PartBody { data: Some(encode_raw(bytes)), size: bytes.len() as u64, attachment_id: None }),
            ..Default::default()
        }
    }

    fn multipart(mime: &str, parts: Vec<MessagePart>) -> MessagePart {
        MessagePart { mime_type: mime.into(), parts, ..Default::default() }
    }

    #[test]
    fn parts_are_read_in_their_charset() {
        let b = bodies(Some(&leaf("text/plain", "koi8-r", b"\xf0\xcf\xd3\xd4\xc1\xd7\xcb\xc1")));
        assert_eq!(b.text.as_deref(), Some("Поставка"));
        let b = bodies(Some(&leaf("text/plain", "no-such-charset", "grüße".as_bytes())));
        assert_eq!(b.text.as_deref(), Some("grüße"));
    }

    #[test]
    fn a_plain_part_much_poorer_than_the_html_is_a_stub() {
        let rich = format!("<h1>Q3 results</h1><p>{}</p>", "Revenue grew in every region this quarter. ".repeat(8));
        // No known phrase: a lone link is still a stub.
        let stub = multipart(
            "multipart/alternative",
            vec![leaf("text/plain", "utf-8", b"https://news.example/q3"), leaf("text/html", "utf-8", rich.as_bytes())],
        );
        let out = body_text(&bodies(Some(&stub)), "", BodyFormat::Text);
        assert!(out.text.contains("Revenue grew in every region"), "{out:?}");
        assert!(out.note.is_some());
        // A plain part with the same words wins, as mail clients intend.
        let same = format!("Q3 results\n\n{}", "Revenue grew in every region this quarter. ".repeat(8));
        let real = multipart(
            "multipart/alternative",
            vec![leaf("text/plain", "utf-8", same.as_bytes()), leaf("text/html", "utf-8", rich.as_bytes())],
        );
        let out = body_text(&bodies(Some(&real)), "", BodyFormat::Text);
        assert!(out.text.starts_with("Q3 results\n\nRevenue") && out.note.is_none(), "{out:?}");
    }

    #[test]
    fn forwarded_messages_show_sender_date_subject_and_text() {
        let mut inner = leaf("text/plain", "iso-8859-1", b"Die Lieferung ist verz\xf6gert.");
        inner.headers.extend([
            Header { name: "From".into(), value: "Jürgen <j@example.de>".into() },
            Header { name: "Date".into(), value: "Mon, 30 Nov 2026 09:00:00 +0100".into() },
            Header { name: "Subject".into(), value: "=?ISO-8859-1?Q?Verz=F6gerung?=".into() },
        ]);
        let mut rfc822 = MessagePart { mime_type: "message/rfc822".into(), parts: vec![inner], ..Default::default() };
        rfc822.filename = "fwd.eml".into();
        let outer = multipart("multipart/mixed", vec![leaf("text/plain", "utf-8", b"FYI"), rfc822]);
        let out = body_text(&bodies(Some(&outer)), "", BodyFormat::Text);
        assert_eq!(
            out.text,
            "FYI\n\n---------- Forwarded message ----------\nFrom: Jürgen <j@example.de>\n\
             Date: Mon, 30 Nov 2026 09:00:00 +0100\nSubject: Verzögerung\n\nDie Lieferung ist verzögert."
        );
        // Only the forwarded message: it is the body, no snippet fallback.
        let alone = multipart("multipart/mixed", vec![outer.parts[1].clone()]);
        let out = body_text(&bodies(Some(&alone)), "snippet", BodyFormat::Text);
        assert!(out.text.starts_with("---------- Forwarded message") && out.note.is_none(), "{out:?}");
    }
}
