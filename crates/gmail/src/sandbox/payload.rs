//! Raw RFC 822 to Gmail's `MessagePart` tree, as `users.messages.get?format=full`
//! returns it: `partId` ("" for the root, then "0", "0.1"…), `mimeType`, `filename`,
//! `headers` (decoded values, in message order), `body {size, data | attachmentId}`
//! and `parts`. Parts with a filename get an `attachmentId` instead of inline data,
//! fetched with `users.messages.attachments.get`.

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use serde_json::{Value, json};

/// Gmail's attachment ids are long opaque strings; ours encode message and part.
const ATTACHMENT_PREFIX: &str = "ANGjdJ";

/// The `payload` of a message in `full` format.
pub fn payload(message_id: &str, raw: &[u8]) -> Value {
    match MessageParser::default().parse(raw) {
        Some(message) => part_json(&message, 0, "", message_id),
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
    headers_json(&message, root)
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
    let index = find_part(&message, 0, "", part_id)?;
    message.parts.get(index).map(|p| p.contents().to_vec())
}

pub fn attachment_id(message_id: &str, part_id: &str) -> String {
    format!("{ATTACHMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(format!("{message_id}/{part_id}")))
}

/// Gmail's base64url, with padding.
pub fn encode_data(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

fn part_json(message: &Message<'_>, index: usize, part_id: &str, message_id: &str) -> Value {
    let Some(part) = message.parts.get(index) else {
        return json!({ "partId": part_id, "mimeType": "text/plain", "filename": "", "headers": [], "body": { "size": 0 } });
    };
    let filename = part.attachment_name().unwrap_or_default().to_string();
    let mut out = json!({
        "partId": part_id,
        "mimeType": mime_type(part),
        "filename": filename,
        "headers": headers_json(message, part),
    });
    match &part.body {
        PartType::Multipart(children) => {
            out["body"] = json!({ "size": 0 });
            let parts: Vec<Value> = children
                .iter()
                .enumerate()
                .map(|(i, child)| part_json(message, *child as usize, &child_id(part_id, i), message_id))
                .collect();
            out["parts"] = Value::Array(parts);
        }
        _ => {
            let contents = part.contents();
            out["body"] = if filename.is_empty() {
                json!({ "size": contents.len(), "data": encode_data(contents) })
            } else {
                json!({ "attachmentId": attachment_id(message_id, part_id), "size": contents.len() })
            };
        }
    }
    out
}

fn child_id(parent: &str, i: usize) -> String {
    if parent.is_empty() { i.to_string() } else { format!("{parent}.{i}") }
}

/// The index in `message.parts` of the part numbered `wanted`.
fn find_part(message: &Message<'_>, index: usize, part_id: &str, wanted: &str) -> Option<usize> {
    if part_id == wanted {
        return Some(index);
    }
    let PartType::Multipart(children) = &message.parts.get(index)?.body else {
        return None;
    };
    children
        .iter()
        .enumerate()
        .find_map(|(i, child)| find_part(message, *child as usize, &child_id(part_id, i), wanted))
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

/// Each header as in the message: its name as written, its value unfolded and with
/// RFC 2047 encoded words decoded (Gmail returns `Grüße`, not `=?UTF-8?Q?…?=`).
fn headers_json(message: &Message<'_>, part: &mail_parser::MessagePart<'_>) -> Vec<Value> {
    let raw = message.raw_message();
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
