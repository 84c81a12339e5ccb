//! Messages as text for the model: header summary, the body in the asked format, the
//! attachment list and links. Pure functions over `wire` types.
//!
//! Body rules (see `body`): plain text is preferred; an HTML-only (or stub-plain) message
//! is converted to readable text; the result is never empty (Gmail's snippet, then a note);
//! and nothing is cut silently: past [`BODY_LIMIT`] characters the text says what was cut
//! and how to get the rest.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::body::is_attachment;
pub use crate::body::{Bodies, BodyText, bodies, body_text};
use crate::charset;
use crate::mime::decode_base64url;
use crate::wire::{Message, MessagePart};

/// Characters of body shown inline before cutting.
pub const BODY_LIMIT: usize = 20_000;

/// How a body is returned. (Variants carry no doc comments: those would turn the schema's
/// `enum` into a `oneOf`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    // Plain text; HTML converted to text when there is no usable plain part.
    #[default]
    Text,
    // The HTML part as it is (plain text when there is none).
    Html,
    // The whole RFC 822 message, decoded.
    Raw,
}

/// The Gmail web link of a message.
pub fn web_link(message_id: &str) -> String {
    format!("https://mail.google.com/mail/u/0/#all/{message_id}")
}

/// A header of a part (case-insensitive), first occurrence.
pub fn header<'a>(part: Option<&'a MessagePart>, name: &str) -> Option<&'a str> {
    part?.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

/// A header of a message's top-level part.
pub fn msg_header<'a>(msg: &'a Message, name: &str) -> Option<&'a str> {
    header(msg.payload.as_ref(), name)
}

/// One attachment as listed to the caller; `index` is its position in this list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub index: usize,
    pub filename: String,
    pub mime_type: String,
    pub size: u64,
    pub attachment_id: Option<String>,
    pub content_id: Option<String>,
    /// Small parts may carry their bytes inline instead of an attachment id.
    pub inline_data: Option<String>,
}

/// The attachments of a message in MIME order (parts with a file name or an attachment id
/// that are not the message's text/HTML body).
pub fn attachments(payload: Option<&MessagePart>) -> Vec<AttachmentInfo> {
    let mut out = Vec::new();
    if let Some(p) = payload {
        collect_attachments(p, &mut out);
    }
    out
}

/// A part's file name: Gmail's `filename`, with any RFC 2047 words it left encoded decoded;
/// else the `filename` / `name` parameter (RFC 2231 included) of the part's headers.
fn file_name(part: &MessagePart) -> Option<String> {
    if !part.filename.trim().is_empty() {
        return Some(charset::decode_words(part.filename.trim()));
    }
    let from = |h: &str, p: &str| header(Some(part), h).and_then(|v| charset::param(v, p));
    from("Content-Disposition", "filename").or_else(|| from("Content-Type", "name")).filter(|n| !n.trim().is_empty())
}

fn collect_attachments(part: &MessagePart, out: &mut Vec<AttachmentInfo>) {
    let mime = part.mime_type.to_ascii_lowercase();
    let body = part.body.as_ref();
    let has_id = body.and_then(|b| b.attachment_id.as_ref()).is_some();
    let body_like = (mime == "text/plain" || mime == "text/html") && !is_attachment(part);
    if !mime.starts_with("multipart/") && !body_like && (!part.filename.is_empty() || has_id) {
        let content_id = header(Some(part), "Content-ID").map(|c| crate::mime::bare_id(c).to_string());
        out.push(AttachmentInfo {
            index: out.len(),
            filename: file_name(part).unwrap_or_else(|| format!("attachment-{}", out.len())),
            mime_type: if part.mime_type.is_empty() {
                "application/octet-stream".into()
            } else {
                part.mime_type.clone()
            },
            size: body.map(|b| b.size).unwrap_or(0),
            attachment_id: body.and_then(|b| b.attachment_id.clone()),
            content_id,
            inline_data: body.and_then(|b| b.data.clone()),
        });
        return;
    }
    for child in &part.parts {
        collect_attachments(child, out);
    }
}

/// Cuts `text` after `limit` characters. Returns the kept text and, when cut, the total
/// character count.
pub fn truncate(text: &str, limit: usize) -> (String, Option<usize>) {
    match text.char_indices().nth(limit) {
        None => (text.to_string(), None),
        Some((byte, _)) => (text.get(..byte).unwrap_or(text).to_string(), Some(text.chars().count())),
    }
}

/// What the caller is told when a body was cut, naming the call that gets all of it.
pub fn truncation_note(total: usize, limit: usize, message_id: &str, format: BodyFormat) -> String {
    let format_arg = match format {
        BodyFormat::Text => String::new(),
        BodyFormat::Html => ", body_format=\"html\"".to_string(),
        BodyFormat::Raw => ", body_format=\"raw\"".to_string(),
    };
    format!(
        "[Truncated: the body has {} characters; the first {} are shown and {} were cut. \
         For the complete body call get_gmail_message_content with message_id=\"{message_id}\"{format_arg} and full=true \
         (saves it to a file and returns its location).]",
        group(total),
        group(limit),
        group(total.saturating_sub(limit))
    )
}

/// `12345` -> `12,345`.
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2048` -> `2.0 KB (2,048 bytes)`.
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    let human = if b >= 1024.0 * 1024.0 {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    } else if b >= 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        return format!("{bytes} bytes");
    };
    format!("{human} ({} bytes)", group(bytes as usize))
}

/// The header summary of a message, one `Name: value` per line.
pub fn header_lines(msg: &Message) -> Vec<String> {
    let mut lines = Vec::new();
    // Gmail decodes RFC 2047 words itself, but not always (malformed or unusual ones).
    let get = |n: &str| msg_header(msg, n).map(str::trim).filter(|v| !v.is_empty()).map(charset::decode_words);
    lines.push(format!("Subject: {}", get("Subject").as_deref().unwrap_or("(no subject)")));
    lines.push(format!("From: {}", get("From").as_deref().unwrap_or("(unknown sender)")));
    if let Some(v) = get("Reply-To") {
        lines.push(format!("Reply-To: {v}"));
    }
    lines.push(format!("To: {}", get("To").as_deref().unwrap_or("(none)")));
    if let Some(v) = get("Cc") {
        lines.push(format!("Cc: {v}"));
    }
    lines.push(format!("Date: {}", get("Date").as_deref().unwrap_or("(unknown date)")));
    if let Some(v) = get("Message-ID") {
        lines.push(format!("Message-ID: {v}"));
    }
    if !msg.label_ids.is_empty() {
        lines.push(format!("Labels: {}", msg.label_ids.join(", ")));
    }
    lines
}

/// The attachment list block (empty string when there are none).
pub fn attachment_block(message_id: &str, list: &[AttachmentInfo]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!("Attachments ({}):\n", list.len());
    for a in list {
        out.push_str(&format!(
            "  [{}] {} | {} | {}{}\n      attachment_id: {}\n",
            a.index,
            a.filename,
            a.mime_type,
            size(a.size),
            a.content_id.as_deref().map(|c| format!(" | inline cid:{c}")).unwrap_or_default(),
            a.attachment_id.as_deref().unwrap_or("(inline data, no id)"),
        ));
    }
    out.push_str(&format!(
        "  Download with get_gmail_attachment_content(message_id=\"{message_id}\", attachment_id=..., attachment_index=N); \
         attachment ids change between fetches, the index resolves the current one.\n"
    ));
    out
}

/// The LINKS block for `include_links`.
pub fn links_block(links: &[String]) -> String {
    if links.is_empty() {
        return "Links: none in the HTML body.\n".into();
    }
    let mut out = format!("Links ({}):\n", links.len());
    for l in links {
        out.push_str(&format!("  {l}\n"));
    }
    out
}

/// Options for [`message_block`].
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub format: BodyFormat,
    pub include_headers: bool,
    pub include_links: bool,
    /// Whether the message was fetched with a body (`format=full`/`raw`).
    pub with_body: bool,
}

/// One message: ids, headers, body (cut at [`BODY_LIMIT`] with a note), attachments, links.
pub fn message_block(msg: &Message, view: View) -> String {
    let mut out = format!("Message ID: {}\nThread ID: {}\n", msg.id, msg.thread_id);
    if view.include_headers {
        for l in header_lines(msg) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out.push_str(&format!("Link: {}\n", web_link(&msg.id)));
    if !view.with_body {
        if !msg.snippet.is_empty() {
            out.push_str(&format!("Snippet: {}\n", msg.snippet));
        }
        return out;
    }
    let (body, links, note) = if view.format == BodyFormat::Raw {
        let raw = msg.raw.as_deref().and_then(decode_base64url).map(|b| String::from_utf8_lossy(&b).into_owned());
        match raw {
            Some(r) => (r, Vec::new(), None),
            None => ("[Gmail returned no raw content for this message.]".to_string(), Vec::new(), None),
        }
    } else {
        let b = body_text(&bodies(msg.payload.as_ref()), &msg.snippet, view.format);
        (b.text, b.links, b.note)
    };
    let label = match view.format {
        BodyFormat::Text => "Body",
        BodyFormat::Html => "Body (HTML)",
        BodyFormat::Raw => "Raw message",
    };
    out.push_str(&format!("\n--- {label} ---\n"));
    if let Some(n) = note {
        out.push_str(&format!("[Note: {n}]\n"));
    }
    let (shown, total) = truncate(&body, BODY_LIMIT);
    out.push_str(shown.trim_end());
    out.push('\n');
    if let Some(total) = total {
        out.push_str(&truncation_note(total, BODY_LIMIT, &msg.id, view.format));
        out.push('\n');
    }
    out.push_str("--- End ---\n");
    if view.format != BodyFormat::Raw {
        let list = attachments(msg.payload.as_ref());
        let block = attachment_block(&msg.id, &list);
        if !block.is_empty() {
            out.push('\n');
            out.push_str(&block);
        }
    }
    if view.include_links && view.format == BodyFormat::Text {
        out.push('\n');
        out.push_str(&links_block(&links));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::encode_raw;
    use crate::wire::{Header, PartBody};

    fn leaf(mime: &str, data: &str) -> MessagePart {
        MessagePart {
            mime_type: mime.into(),
            body: Some(PartBody {
                data: Some(encode_raw(data.as_bytes())),
                size: data.len() as u64,
                attachment_id: None,
            }),
            ..Default::default()
        }
    }

    fn multipart(mime: &str, parts: Vec<MessagePart>) -> MessagePart {
        MessagePart { mime_type: mime.into(), parts, ..Default::default() }
    }

    fn msg(payload: MessagePart) -> Message {
        let mut payload = payload;
        payload.headers = vec![
            Header { name: "Subject".into(), value: "Hello".into() },
            Header { name: "From".into(), value: "Ann <ann@example.com>".into() },
        ];
        Message {
            id: "m1".into(),
            thread_id: "t1".into(),
            snippet: "snip".into(),
            payload: Some(payload),
            ..Default::default()
        }
    }

    const VIEW: View = View { format: BodyFormat::Text, include_headers: true, include_links: false, with_body: true };

    #[test]
    fn plain_is_preferred_over_html() {
        let m = msg(multipart(
            "multipart/alternative",
            vec![leaf("text/plain", "plain words"), leaf("text/html", "<p>html words</p>")],
        ));
        let out = message_block(&m, VIEW);
        assert!(out.contains("plain words"), "{out}");
        assert!(!out.contains("html words"));
        assert!(out.contains("Subject: Hello"));
        assert!(out.contains("https://mail.google.com/mail/u/0/#all/m1"));
        let html = message_block(&m, View { format: BodyFormat::Html, ..VIEW });
        assert!(html.contains("<p>html words</p>"), "{html}");
    }

    #[test]
    fn html_only_is_converted_and_never_empty() {
        let m =
            msg(leaf("text/html", r#"<div><h2>News</h2><p>Read <a href="https://ex.example/a">this</a></p></div>"#));
        let out = message_block(&m, View { include_links: true, ..VIEW });
        assert!(out.contains("## News"), "{out}");
        assert!(out.contains("Read this"), "{out}");
        assert!(out.contains("Links (1):\n  https://ex.example/a"), "{out}");

        let empty = msg(leaf("text/html", "<div> </div><img src='https://t/p.gif'>"));
        let out = message_block(&empty, VIEW);
        assert!(out.contains("snip"), "falls back to the snippet: {out}");
        let mut none = empty.clone();
        none.snippet.clear();
        assert!(message_block(&none, VIEW).contains("no readable text body"));
    }

    #[test]
    fn placeholder_plain_part_gives_way_to_html() {
        let long = "Real content of the newsletter. ".repeat(10);
        let m = msg(multipart(
            "multipart/alternative",
            vec![
                leaf("text/plain", "Your client does not support HTML."),
                leaf("text/html", &format!("<p>{long}</p>")),
            ],
        ));
        assert!(message_block(&m, VIEW).contains("Real content of the newsletter."));
    }

    #[test]
    fn long_bodies_are_cut_with_a_note() {
        let body = "ab".repeat(15_000);
        let m = msg(leaf("text/plain", &body));
        let out = message_block(&m, VIEW);
        assert!(
            out.contains("the body has 30,000 characters; the first 20,000 are shown and 10,000 were cut"),
            "{}",
            &out[out.len() - 400..]
        );
        assert!(out.contains("message_id=\"m1\" and full=true"));
        assert!(!out.contains(&body));
        let (kept, total) = truncate("héllo", 2);
        assert_eq!((kept.as_str(), total), ("hé", Some(5)));
        assert_eq!(truncate("abc", 3), ("abc".to_string(), None));
    }

    #[test]
    fn attachments_are_listed_with_index_and_id() {
        let mut pdf = leaf("application/pdf", "x");
        pdf.filename = "report.pdf".into();
        pdf.body = Some(PartBody { attachment_id: Some("ANGjdJ_1".into()), size: 2048, data: None });
        let m = msg(multipart("multipart/mixed", vec![leaf("text/plain", "see file"), pdf]));
        let list = attachments(m.payload.as_ref());
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].filename, "report.pdf");
        let out = message_block(&m, VIEW);
        assert!(out.contains("[0] report.pdf | application/pdf | 2.0 KB (2,048 bytes)"), "{out}");
        assert!(out.contains("attachment_id: ANGjdJ_1"));
    }

    #[test]
    fn raw_format_decodes_the_message() {
        let mut m = msg(leaf("text/plain", "x"));
        m.raw = Some(encode_raw(b"Subject: Hi\r\n\r\nraw body"));
        let out = message_block(&m, View { format: BodyFormat::Raw, ..VIEW });
        assert!(out.contains("Subject: Hi\r\n\r\nraw body"), "{out}");
    }

    #[test]
    fn numbers() {
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(group(12), "12");
        assert_eq!(size(10), "10 bytes");
    }
}
