//! Outgoing mail as RFC 822 bytes (mail-builder does the header encoding: RFC 2047 for
//! non-ASCII subjects and names, folding, transfer encodings), plus the base64 flavours the
//! Gmail API speaks.
//!
//! Shape of what is built:
//! - plain body: `text/plain`
//! - HTML body: `multipart/alternative` of a text rendering and the HTML; with inline parts
//!   (a `content_id`) the HTML sits in `multipart/related` next to them
//! - attachments: everything above wrapped in `multipart/mixed`
//!
//! Bcc stays in the bytes on purpose: Gmail reads the recipients from the headers of the raw
//! message and strips Bcc before delivery.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::message_id::MessageId;
use mail_builder::mime::MimePart;

use crate::address::Mailbox;

/// A file to send along, already read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutAttachment {
    pub filename: String,
    pub mime_type: String,
    pub bytes: Vec<u8>,
    /// Set for inline parts an HTML body references as `cid:<content_id>`.
    pub content_id: Option<String>,
}

/// Everything that goes into one outgoing message.
#[derive(Debug, Clone, Default)]
pub struct Composed {
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    /// The plain text body; with `html` set, the text alternative (derived when `None`).
    pub text: Option<String>,
    pub html: Option<String>,
    /// Message-ID being answered, with or without angle brackets.
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub attachments: Vec<OutAttachment>,
    /// This message's own Message-ID (bare). Set by the sender so that, when a send's
    /// outcome is unknown, the message can be found with `rfc822msgid:`; mail-builder
    /// generates one when `None`.
    pub message_id: Option<String>,
}

/// The message as RFC 822 bytes.
pub fn build(m: &Composed) -> Vec<u8> {
    let mut b = MessageBuilder::new();
    if let Some(from) = &m.from {
        b = b.from(address(from));
    }
    if !m.to.is_empty() {
        b = b.to(address_list(&m.to));
    }
    if !m.cc.is_empty() {
        b = b.cc(address_list(&m.cc));
    }
    if !m.bcc.is_empty() {
        b = b.bcc(address_list(&m.bcc));
    }
    b = b.subject(m.subject.as_str());
    if let Some(id) = m.message_id.as_deref().map(bare_id).filter(|s| !s.is_empty()) {
        b = b.message_id(id.to_string());
    }
    if let Some(irt) = m.in_reply_to.as_deref().map(bare_id).filter(|s| !s.is_empty()) {
        b = b.in_reply_to(MessageId::new(irt.to_string()));
    }
    let refs: Vec<String> = m.references.iter().map(|r| bare_id(r).to_string()).filter(|r| !r.is_empty()).collect();
    if !refs.is_empty() {
        b = b.references(MessageId::from(refs));
    }
    b = b.body(body_part(m));
    let mut out = Vec::new();
    b.serialize(&mut out);
    out
}

fn body_part(m: &Composed) -> MimePart<'static> {
    let (inline, regular): (Vec<&OutAttachment>, Vec<&OutAttachment>) =
        m.attachments.iter().partition(|a| a.content_id.is_some() && m.html.is_some());
    let body = match &m.html {
        Some(html) => {
            let text = m.text.clone().unwrap_or_else(|| crate::html::to_plain(html));
            let html_part = MimePart::new("text/html", html.clone());
            let rich = if inline.is_empty() {
                html_part
            } else {
                let mut parts = vec![html_part];
                parts.extend(inline.iter().map(|a| attachment_part(a)));
                MimePart::new("multipart/related", parts)
            };
            MimePart::new("multipart/alternative", vec![MimePart::new("text/plain", text), rich])
        }
        None => MimePart::new("text/plain", m.text.clone().unwrap_or_default()),
    };
    if regular.is_empty() {
        return body;
    }
    let mut parts = vec![body];
    parts.extend(regular.iter().map(|a| attachment_part(a)));
    MimePart::new("multipart/mixed", parts)
}

fn attachment_part(a: &OutAttachment) -> MimePart<'static> {
    let ctype = ContentType::new(a.mime_type.clone()).attribute("name", a.filename.clone());
    let part = MimePart::new(ctype, a.bytes.clone());
    match &a.content_id {
        Some(cid) => part
            .header("Content-Disposition", ContentType::new("inline").attribute("filename", a.filename.clone()))
            .cid(bare_id(cid).to_string()),
        None => part.attachment(a.filename.clone()),
    }
}

fn address(m: &Mailbox) -> Address<'static> {
    Address::new_address(m.name.clone(), m.email.clone())
}

fn address_list(list: &[Mailbox]) -> Address<'static> {
    Address::new_list(list.iter().map(address).collect())
}

/// A fresh Message-ID (bare) on the sender's domain: random, so it names exactly one
/// message and a search `rfc822msgid:<id>` finds it.
pub fn new_message_id(from: &str) -> String {
    let domain = from.rsplit_once('@').map(|(_, d)| d.trim()).filter(|d| !d.is_empty()).unwrap_or("workspace-mcp");
    format!("wsmcp.{}@{domain}", uuid::Uuid::new_v4().simple())
}

/// A Message-ID without its angle brackets (mail-builder adds them).
pub fn bare_id(id: &str) -> &str {
    id.trim().trim_start_matches('<').trim_end_matches('>').trim()
}

/// Splits a References header value into ids.
pub fn split_ids(value: &str) -> Vec<String> {
    value
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(bare_id)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `raw` field Gmail expects: base64url of the message.
pub fn encode_raw(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

/// Decodes Gmail's base64url data (padded or not; stray whitespace tolerated).
pub fn decode_base64url(data: &str) -> Option<Vec<u8>> {
    let cleaned: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = cleaned.trim_end_matches('=');
    URL_SAFE_NO_PAD.decode(trimmed).ok().or_else(|| STANDARD.decode(&cleaned).ok())
}

/// Standard base64, as callers get it with `return_base64` and pass it in `content`.
pub fn encode_standard(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes standard base64 from a caller; URL-safe input is accepted too.
pub fn decode_standard(data: &str) -> Option<Vec<u8>> {
    let cleaned: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD.decode(&cleaned).ok().or_else(|| decode_base64url(&cleaned))
}

/// A MIME type from a file name's extension, for attachments given without one.
pub fn guess_mime(filename: &str) -> &'static str {
    let ext = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "md" => "text/markdown",
        "json" => "application/json",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ics" => "text/calendar",
        "eml" => "message/rfc822",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};

    fn mb(name: Option<&str>, email: &str) -> Mailbox {
        Mailbox::new(name.map(str::to_string), email)
    }

    fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
        MessageParser::default().parse(bytes).unwrap()
    }

    #[test]
    fn non_ascii_headers_are_encoded_and_round_trip() {
        let m = Composed {
            from: Some(mb(Some("José Müller"), "jose@example.com")),
            to: vec![mb(None, "a@example.com"), mb(Some("Doe, Jane"), "jane@example.com")],
            cc: vec![mb(None, "c@example.com")],
            bcc: vec![mb(None, "hidden@example.com")],
            subject: "Grüße aus Köln ☕".into(),
            text: Some("Hallo ☕".into()),
            ..Default::default()
        };
        let raw = build(&m);
        let head = String::from_utf8_lossy(&raw);
        assert!(raw.is_ascii(), "headers and body must be 7-bit encoded:\n{head}");
        assert!(head.contains("=?utf-8?"), "{head}");
        let p = parse(&raw);
        assert_eq!(p.subject(), Some("Grüße aus Köln ☕"));
        let from = p.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("José Müller"));
        assert_eq!(p.to().unwrap().as_list().unwrap().len(), 2);
        assert_eq!(p.to().unwrap().as_list().unwrap()[1].name(), Some("Doe, Jane"));
        assert_eq!(p.cc().unwrap().first().unwrap().address(), Some("c@example.com"));
        // Gmail needs Bcc in the raw message to deliver to it.
        assert_eq!(p.bcc().unwrap().first().unwrap().address(), Some("hidden@example.com"));
        assert_eq!(p.body_text(0).unwrap().trim(), "Hallo ☕");
    }

    #[test]
    fn threading_headers() {
        let m = Composed {
            to: vec![mb(None, "a@example.com")],
            subject: "Re: Plan".into(),
            text: Some("ok".into()),
            in_reply_to: Some("<m2@example.com>".into()),
            references: vec!["<m1@example.com>".into(), "m2@example.com".into()],
            ..Default::default()
        };
        let raw = build(&m);
        let head = String::from_utf8_lossy(&raw);
        assert!(head.contains("In-Reply-To: <m2@example.com>"), "{head}");
        assert!(head.contains("References: <m1@example.com> <m2@example.com>"), "{head}");
        assert_eq!(split_ids("<a@x> <b@y>,<c@z>"), vec!["a@x", "b@y", "c@z"]);
    }

    #[test]
    fn attachments_and_inline_parts() {
        let m = Composed {
            to: vec![mb(None, "a@example.com")],
            subject: "Files".into(),
            html: Some(r#"<p>See <img src="cid:logo1"></p>"#.into()),
            attachments: vec![
                OutAttachment {
                    filename: "report.pdf".into(),
                    mime_type: "application/pdf".into(),
                    bytes: b"%PDF-1.4 fake".to_vec(),
                    content_id: None,
                },
                OutAttachment {
                    filename: "logo.png".into(),
                    mime_type: "image/png".into(),
                    bytes: vec![0x89, b'P', b'N', b'G', 0, 1, 2],
                    content_id: Some("logo1".into()),
                },
            ],
            ..Default::default()
        };
        let raw = build(&m);
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("multipart/mixed"), "{text}");
        assert!(text.contains("multipart/related"), "{text}");
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(text.contains("Content-ID: <logo1>"), "{text}");
        let p = parse(&raw);
        let names: Vec<_> = p.attachments().filter_map(|a| a.attachment_name().map(str::to_string)).collect();
        assert!(names.contains(&"report.pdf".to_string()), "{names:?}");
        let pdf = p.attachments().find(|a| a.attachment_name() == Some("report.pdf")).unwrap();
        assert_eq!(pdf.contents(), b"%PDF-1.4 fake");
        let logo = p.attachments().find(|a| a.attachment_name() == Some("logo.png")).unwrap();
        assert_eq!(logo.content_id(), Some("logo1"));
        assert_eq!(logo.contents(), &[0x89, b'P', b'N', b'G', 0, 1, 2]);
        // The text alternative is derived from the HTML.
        assert_eq!(p.body_text(0).unwrap().trim(), "See");
        assert!(p.body_html(0).unwrap().contains("cid:logo1"));
    }

    #[test]
    fn base64_flavours() {
        let bytes = b"\xfb\xff hello?";
        let raw = encode_raw(bytes);
        assert!(!raw.contains('+') && !raw.contains('/'));
        assert_eq!(decode_base64url(&raw).unwrap(), bytes);
        assert_eq!(decode_base64url(raw.trim_end_matches('=')).unwrap(), bytes);
        assert_eq!(decode_standard(&encode_standard(bytes)).unwrap(), bytes);
        assert_eq!(decode_standard(&raw).unwrap(), bytes);
        assert!(decode_standard("not base64!!").is_none());
        assert_eq!(guess_mime("a.PDF"), "application/pdf");
    }
}
