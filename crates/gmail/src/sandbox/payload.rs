//! Raw RFC 822 to Gmail's `MessagePart` tree, as `users.messages.get?format=full`
//! returns it: `partId` ("" for the root, then "0", "0.1"…), `mimeType`, `filename`,
//! `headers` (decoded values, in message order), `body {size, data | attachmentId}`
//! and `parts`. Parts with a filename get an `attachmentId` instead of inline data,
//! fetched with `users.messages.attachments.get`.
//!
//! As in Gmail, `body.data` is a part's bytes after the transfer encoding is undone but
//! still in the charset the part declares (mail-parser's own text is transcoded to UTF-8,
//! so text parts are cut from the raw message instead). A body part larger than
//! [`INLINE_BODY_LIMIT`] is served like a file, behind an `attachmentId`. A
//! `message/rfc822` part is a file too, and its `parts` hold the inner message's root.

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, Message, MessageParser, MimeHeaders, PartType};
use serde_json::{Value, json};

/// Gmail's attachment ids are long opaque strings; ours encode message and part.
const ATTACHMENT_PREFIX: &str = "ANGjdJ";

/// Body parts larger than this many bytes come with an `attachmentId` instead of `data`.
/// Gmail does not document its cut-off; large bodies seen from it arrive this way, and
/// 48 KiB keeps the seeded large mail beyond it and every ordinary mail within it.
pub const INLINE_BODY_LIMIT: usize = 48 * 1024;

/// The `payload` of a message in `full` format.
pub fn payload(message_id: &str, raw: &[u8]) -> Value {
    match MessageParser::default().parse(raw) {
        Some(message) => part_json(&message, raw, 0, "", message_id),
        None => {
            json!({ "partId": "", "mimeType": "text/plain", "filename": "", "headers": [], "body": { "size": 0 } })
        }
    }
}

/// The root part's headers as `[{name, value}]`, optionally only the `wanted` ones.
pub fn top_headers(raw: &[u8], wanted: &[&str]) -> Vec<Value> {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Vec::new();
    };
    let Some(root) = message.parts.first() else {
        return Vec::new();
    };
    headers_json(raw, root)
        .into_iter()
        .filter(|h| {
            wanted.is_empty() || h["name"].as_str().is_some_and(|n| wanted.iter().any(|w| w.eq_ignore_ascii_case(n)))
        })
        .collect()
}

/// The root part's MIME type.
pub fn top_mime_type(raw: &[u8]) -> String {
    MessageParser::default()
        .parse(raw)
        .and_then(|m| m.parts.first().map(mime_type))
        .unwrap_or_else(|| "text/plain".into())
}

/// The decoded bytes behind an `attachmentId` of message `message_id`.
pub fn attachment(message_id: &str, raw: &[u8], attachment_id: &str) -> Option<Vec<u8>> {
    let encoded = attachment_id.strip_prefix(ATTACHMENT_PREFIX)?;
    let decoded = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    let (owner, part_id) = decoded.split_once('/')?;
    if owner != message_id {
        return None;
    }
    let message = MessageParser::default().parse(raw)?;
    find_bytes(&message, raw, 0, "", part_id)
}

pub fn attachment_id(message_id: &str, part_id: &str) -> String {
    format!("{ATTACHMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(format!("{message_id}/{part_id}")))
}

/// Gmail's base64url, with padding.
pub fn encode_data(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

/// `raw` holds the bytes the part offsets point into (see [`inner_raw`]).
fn part_json(message: &Message<'_>, raw: &[u8], index: usize, part_id: &str, message_id: &str) -> Value {
    let Some(part) = message.parts.get(index) else {
        return json!({ "partId": part_id, "mimeType": "text/plain", "filename": "", "headers": [], "body": { "size": 0 } });
    };
    let filename = file_name(raw, part);
    let mut out = json!({
        "partId": part_id,
        "mimeType": mime_type(part),
        "filename": filename,
        "headers": headers_json(raw, part),
    });
    match &part.body {
        PartType::Multipart(children) => {
            out["body"] = json!({ "size": 0 });
            let parts: Vec<Value> = children
                .iter()
                .enumerate()
                .map(|(i, child)| part_json(message, raw, *child as usize, &child_id(part_id, i), message_id))
                .collect();
            out["parts"] = Value::Array(parts);
        }
        PartType::Message(inner) => {
            out["body"] = json!({ "attachmentId": attachment_id(message_id, part_id), "size": part.contents().len() });
            let raw = inner_raw(raw, part, inner);
            out["parts"] = json!([part_json(inner, raw, 0, &child_id(part_id, 0), message_id)]);
        }
        _ => {
            let contents = leaf_bytes(raw, part);
            out["body"] = if filename.is_empty() && contents.len() <= INLINE_BODY_LIMIT {
                json!({ "size": contents.len(), "data": encode_data(&contents) })
            } else {
                json!({ "attachmentId": attachment_id(message_id, part_id), "size": contents.len() })
            };
        }
    }
    out
}

/// The bytes the parts of a nested message point into: mail-parser gives a nested message
/// the slice after its part's headers but keeps offsets into the outer message, except for
/// a nested message it had to transfer-decode first, whose offsets are its own.
fn inner_raw<'a>(outer: &'a [u8], part: &mail_parser::MessagePart<'_>, inner: &'a Message<'_>) -> &'a [u8] {
    let start = part.raw_body_offset() as usize;
    let own = inner.raw_message();
    if outer.get(start..start + own.len()) == Some(own) { outer } else { own }
}

/// A leaf part's bytes as Gmail serves them: transfer-decoded, charset untouched.
fn leaf_bytes(raw: &[u8], part: &mail_parser::MessagePart<'_>) -> Vec<u8> {
    if !matches!(part.body, PartType::Text(_) | PartType::Html(_)) {
        return part.contents().to_vec();
    }
    let (start, end) = (part.raw_body_offset() as usize, part.raw_end_offset() as usize);
    let encoded = raw.get(start..end).unwrap_or_default();
    let decoded = match part.encoding {
        Encoding::Base64 => base64_decode(encoded),
        Encoding::QuotedPrintable => quoted_printable_decode(encoded),
        Encoding::None => None,
    };
    decoded.unwrap_or_else(|| encoded.to_vec())
}

fn child_id(parent: &str, i: usize) -> String {
    if parent.is_empty() { i.to_string() } else { format!("{parent}.{i}") }
}

/// The bytes of the part numbered `wanted`, looking into forwarded messages too.
fn find_bytes(message: &Message<'_>, raw: &[u8], index: usize, part_id: &str, wanted: &str) -> Option<Vec<u8>> {
    let part = message.parts.get(index)?;
    if part_id == wanted {
        return Some(leaf_bytes(raw, part));
    }
    match &part.body {
        PartType::Multipart(children) => children
            .iter()
            .enumerate()
            .find_map(|(i, child)| find_bytes(message, raw, *child as usize, &child_id(part_id, i), wanted)),
        PartType::Message(inner) => find_bytes(inner, inner_raw(raw, part, inner), 0, &child_id(part_id, 0), wanted),
        _ => None,
    }
}

fn mime_type(part: &mail_parser::MessagePart<'_>) -> String {
    part.content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        })
        .unwrap_or_else(|| "text/plain".into())
        .to_ascii_lowercase()
}

/// A part's file name as Gmail gives it: RFC 2231 parameters (continuations joined before
/// decoding, which mail-parser does per piece) and RFC 2047 words decoded.
fn file_name(raw: &[u8], part: &mail_parser::MessagePart<'_>) -> String {
    let value = |name: &str| {
        part.headers.iter().find(|h| h.name().eq_ignore_ascii_case(name)).and_then(|h| {
            let bytes = raw.get(h.offset_start() as usize..h.offset_end() as usize)?;
            Some(String::from_utf8_lossy(bytes).replace("\r\n", "").replace('\n', ""))
        })
    };
    let from = |header: &str, param: &str| value(header).and_then(|v| crate::charset::param(&v, param));
    from("Content-Disposition", "filename")
        .or_else(|| from("Content-Type", "name"))
        .or_else(|| part.attachment_name().map(str::to_string))
        .unwrap_or_default()
}

/// Each header as in the message: its name as written, its value unfolded and with
/// RFC 2047 encoded words decoded (Gmail returns `Grüße`, not `=?UTF-8?Q?…?=`).
fn headers_json(raw: &[u8], part: &mail_parser::MessagePart<'_>) -> Vec<Value> {
    part.headers
        .iter()
        .map(|h| {
            let start = h.offset_start() as usize;
            let end = h.offset_end() as usize;
            let value = raw.get(start..end).map(String::from_utf8_lossy).unwrap_or_default();
            let name = raw
                .get(h.offset_field() as usize..start)
                .map(|n| String::from_utf8_lossy(n).trim_end_matches(':').trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| h.name().to_string());
            json!({ "name": name, "value": decode_header_value(&value) })
        })
        .collect()
}

pub fn decode_header_value(raw: &str) -> String {
    let unfolded: String = raw.replace("\r\n", "").replace('\n', "");
    let value = unfolded.trim();
    if !value.contains("=?") {
        return value.to_string();
    }
    // Let mail-parser's unstructured-text decoder do RFC 2047 (charsets included).
    let fake = format!("Subject: {value}\r\n\r\n");
    MessageParser::default()
        .parse(fake.as_bytes())
        .and_then(|m| m.subject().map(str::to_string))
        .unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RAW: &[u8] = b"From: a@example.com\r\nSubject: =?UTF-8?B?8J+OiSBIaQ==?=\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n\
--b1\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"q3.csv\"\r\n\r\na,b\r\n1,2\r\n--b1--\r\n";

    #[test]
    fn builds_the_part_tree() {
        let p = payload("m1", RAW);
        assert_eq!(p["partId"], "");
        assert_eq!(p["mimeType"], "multipart/mixed");
        assert_eq!(p["parts"][0]["partId"], "0");
        assert_eq!(p["parts"][0]["mimeType"], "text/plain");
        let data = URL_SAFE.decode(p["parts"][0]["body"]["data"].as_str().unwrap()).unwrap();
        assert_eq!(String::from_utf8(data).unwrap().trim_end(), "Hello");
        assert_eq!(p["parts"][1]["filename"], "q3.csv");
        assert!(p["parts"][1]["body"].get("data").is_none());
        let id = p["parts"][1]["body"]["attachmentId"].as_str().unwrap();
        assert_eq!(attachment("m1", RAW, id).unwrap(), b"a,b\r\n1,2");
        assert_eq!(attachment("m2", RAW, id), None);
        let subject = p["headers"].as_array().unwrap().iter().find(|h| h["name"] == "Subject").unwrap();
        assert_eq!(subject["value"], "🎉 Hi");
        assert_eq!(top_headers(RAW, &["from"]).len(), 1);
    }
}

#[cfg(test)]
mod served_as_gmail {
    use super::*;

    const FORWARD: &[u8] = b"From: p@example.com\r\nSubject: Fwd: Hi\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\r\nverz=F6gert\r\n--b1\r\nContent-Type: message/rfc822\r\n\
Content-Disposition: attachment; filename=\"hi.eml\"\r\n\r\nFrom: d@example.org\r\nSubject: Hi\r\n\
Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: base64\r\n\r\n8M/T1MHXy8E=\r\n--b1--\r\n";

    #[test]
    fn text_keeps_its_charset_and_forwarded_messages_nest() {
        let p = payload("m1", FORWARD);
        let text = URL_SAFE.decode(p["parts"][0]["body"]["data"].as_str().unwrap()).unwrap();
        assert_eq!(text.trim_ascii_end(), b"verz\xf6gert");
        let fwd = &p["parts"][1];
        assert_eq!(fwd["mimeType"], "message/rfc822", "{p:#}");
        assert_eq!(fwd["filename"], "hi.eml");
        assert!(fwd["body"]["attachmentId"].is_string(), "{fwd:#}");
        let inner = &fwd["parts"][0];
        assert_eq!(inner["partId"], "1.0", "{fwd:#}");
        assert!(inner["headers"].as_array().unwrap().iter().any(|h| h["value"] == "Hi"), "{inner:#}");
        let koi = URL_SAFE.decode(inner["body"]["data"].as_str().unwrap()).unwrap();
        assert_eq!(koi, b"\xf0\xcf\xd3\xd4\xc1\xd7\xcb\xc1");
        let eml = attachment("m1", FORWARD, fwd["body"]["attachmentId"].as_str().unwrap()).unwrap();
        assert!(eml.starts_with(b"From: d@example.org"), "{}", String::from_utf8_lossy(&eml));
        let inner_id = attachment_id("m1", "1.0");
        assert_eq!(attachment("m1", FORWARD, &inner_id).unwrap(), koi);
    }
}
