//! What the emulation knows about a stored message without reparsing it: the fields
//! Gmail search looks at, the snippet, attachments, and the ids threading follows.

use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders, PartType};

/// Gmail's snippets are about this many characters of body text.
const SNIPPET_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub mime_type: String,
    pub size: usize,
}

/// The parsed view of one RFC 822 message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageIndex {
    pub subject: String,
    /// `name <address>` per sender/recipient, lower-cased, for `from:` and friends.
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    /// Plain body text (HTML converted), for free-text search and snippets.
    pub body: String,
    pub snippet: String,
    pub attachments: Vec<Attachment>,
    /// The `Message-ID` without angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To` then `References`, without angle brackets.
    pub parent_ids: Vec<String>,
    /// The `Date` header in Unix ms.
    pub date_ms: Option<i64>,
    pub size: usize,
}

impl MessageIndex {
    pub fn build(raw: &[u8]) -> Self {
        let Some(message) = MessageParser::default().parse(raw) else {
            return Self { size: raw.len(), ..Self::default() };
        };
        let body = body_text(&message);
        let attachments = attachments(&message);
        let mut parent_ids = ids(message.in_reply_to());
        parent_ids.extend(ids(message.references()));
        Self {
            subject: message.subject().unwrap_or_default().to_string(),
            from: addresses(message.from()),
            to: addresses(message.to()),
            cc: addresses(message.cc()),
            bcc: addresses(message.bcc()),
            snippet: snippet(&body),
            body,
            attachments,
            message_id: message.message_id().map(str::to_string),
            parent_ids,
            date_ms: message.date().map(|d| d.to_timestamp() * 1000),
            size: raw.len(),
        }
    }

    pub fn has_attachment(&self) -> bool {
        !self.attachments.is_empty()
    }

    /// Every recipient address (To, Cc, Bcc), lower-cased, brackets stripped.
    pub fn recipient_addresses(&self) -> Vec<String> {
        self.to.iter().chain(&self.cc).chain(&self.bcc).filter_map(|a| bare_address(a)).collect()
    }
}

/// `"priya shah <priya.shah@example.com>"` gives `priya.shah@example.com`.
pub fn bare_address(entry: &str) -> Option<String> {
    let inner = match (entry.rfind('<'), entry.rfind('>')) {
        (Some(start), Some(end)) if start < end => entry.get(start + 1..end)?,
        _ => entry,
    };
    let inner = inner.trim();
    inner.contains('@').then(|| inner.to_ascii_lowercase())
}

fn addresses(address: Option<&Address<'_>>) -> Vec<String> {
    address
        .map(|a| {
            a.iter()
                .map(|addr| {
                    let email = addr.address().unwrap_or_default();
                    match addr.name() {
                        Some(name) if !name.is_empty() => format!("{name} <{email}>"),
                        _ => email.to_string(),
                    }
                    .to_lowercase()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.trim_matches(['<', '>']).to_string()],
        HeaderValue::TextList(list) => list.iter().map(|id| id.trim_matches(['<', '>']).to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The text bodies, or the HTML bodies converted to text when there is no text part.
fn body_text(message: &mail_parser::Message<'_>) -> String {
    let mut out = String::new();
    for id in &message.text_body {
        match message.parts.get(*id as usize).map(|p| &p.body) {
            Some(PartType::Text(text)) => out.push_str(text),
            Some(PartType::Html(html)) => out.push_str(&html_to_text(html)),
            _ => {}
        }
        out.push('\n');
    }
    out
}

/// HTML to searchable text: tags become spaces (so `</h1><ul>` does not glue words
/// together), `<style>`/`<script>` are dropped, common entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start..).unwrap_or("");
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let tag = after.get(..end).unwrap_or("").to_ascii_lowercase();
        rest = after.get(end..).unwrap_or("");
        for hidden in ["style", "script"] {
            if tag.starts_with(&format!("<{hidden}")) {
                let close = format!("</{hidden}");
                let skip = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                rest = rest.get(skip..).unwrap_or("");
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Parts Gmail shows as attachments: a filename, and not an inline image of the HTML.
fn attachments(message: &mail_parser::Message<'_>) -> Vec<Attachment> {
    message
        .parts
        .iter()
        .filter(|part| !matches!(part.body, PartType::Multipart(_)))
        .filter_map(|part| {
            let filename = part.attachment_name()?.to_string();
            let inline = part.content_id().is_some() && part.content_disposition().is_none_or(|d| !d.is_attachment());
            if inline {
                return None;
            }
            let mime_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".into())
                .to_ascii_lowercase();
            Some(Attachment { filename, mime_type, size: part.contents().len() })
        })
        .collect()
}

/// Gmail's snippet: the start of the body, whitespace collapsed, HTML-escaped (Gmail
/// really does send `&#39;` and `&amp;` in snippets).
fn snippet(body: &str) -> String {
    let collapsed: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = collapsed.chars().take(SNIPPET_CHARS).collect();
    escape_html(cut.trim_end())
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_a_simple_reply() {
        let raw = b"From: Priya Shah <priya.shah@example.com>\r\nTo: alex@example.com\r\n\
Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMessage-ID: <b@x>\r\nIn-Reply-To: <a@x>\r\nReferences: <z@x> <a@x>\r\n\
Date: Tue, 14 Nov 2023 10:00:00 +0000\r\n\r\nIt's   ready & done.\r\n";
        let index = MessageIndex::build(raw);
        assert_eq!(index.subject, "Grüße");
        assert_eq!(index.from, vec!["priya shah <priya.shah@example.com>"]);
        assert_eq!(index.message_id.as_deref(), Some("b@x"));
        assert_eq!(index.parent_ids, vec!["a@x", "z@x", "a@x"]);
        assert_eq!(index.snippet, "It&#39;s ready &amp; done.");
        assert_eq!(index.date_ms, Some(1_699_956_000_000));
        assert_eq!(index.recipient_addresses(), vec!["alex@example.com"]);
    }

    #[test]
    fn html_only_bodies_become_words() {
        let text =
            html_to_text("<style>p{}</style><h1>Issue #3</h1><ul><li>Release&nbsp;notes</li></ul>Tom &amp; Jerry");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            vec!["Issue", "#3", "Release", "notes", "Tom", "&", "Jerry"]
        );
    }
}
