//! Messages coming in from a client: the `raw` field of a JSON `Message` (base64url) or
//! an upload (`uploadType=media` with `message/rfc822`, or `multipart` with JSON
//! metadata first), and what Gmail does on send: add missing `Message-ID`, `Date` and
//! `From`, refuse a message without recipients, label it SENT, thread it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderMap, header};
use mail_parser::MessageParser;
use serde_json::Value;
use wsmcp_sandbox_kit::{GoogleError, QueryParams, ids, multipart};

use super::index::MessageIndex;
use super::store::{NewMessage, Store};

/// A message as the client sent it.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub raw: Vec<u8>,
    pub thread_id: Option<String>,
    pub label_ids: Vec<String>,
}

/// From a JSON `Message` resource: `{raw, threadId, labelIds}`.
pub fn from_message_json(message: &Value) -> Result<Incoming, GoogleError> {
    let raw = message.get("raw").and_then(Value::as_str).ok_or_else(|| {
        GoogleError::invalid_argument(
            "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
        )
    })?;
    Ok(Incoming {
        raw: decode_raw(raw)?,
        thread_id: message.get("threadId").and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_string),
        label_ids: string_list(message.get("labelIds")),
    })
}

/// From an upload. `draft` says the metadata is a `Draft` (`{id, message: {...}}`)
/// rather than a `Message`. Returns the message and the metadata JSON.
pub fn from_upload(
    query: &QueryParams,
    headers: &HeaderMap,
    body: &[u8],
    draft: bool,
) -> Result<(Incoming, Value), GoogleError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    match query.get("uploadType").unwrap_or("media") {
        "media" => Ok((Incoming { raw: body.to_vec(), ..Incoming::default() }, Value::Null)),
        "multipart" => {
            let boundary = multipart::boundary(content_type).ok_or_else(|| {
                GoogleError::bad_request("Multipart upload needs a multipart/related Content-Type with a boundary.")
            })?;
            let parts = multipart::parse(body, &boundary).map_err(GoogleError::bad_request)?;
            let (Some(meta), Some(media)) = (parts.first(), parts.get(1)) else {
                return Err(GoogleError::bad_request("Multipart upload needs a metadata part and a media part."));
            };
            let metadata: Value = if meta.body.iter().all(u8::is_ascii_whitespace) {
                Value::Object(Default::default())
            } else {
                serde_json::from_slice(&meta.body)
                    .map_err(|e| GoogleError::invalid_argument(format!("Invalid JSON payload received. {e}")))?
            };
            let message =
                if draft { metadata.get("message").cloned().unwrap_or(Value::Null) } else { metadata.clone() };
            let incoming = Incoming {
                raw: media.body.to_vec(),
                thread_id: message.get("threadId").and_then(Value::as_str).map(str::to_string),
                label_ids: string_list(message.get("labelIds")),
            };
            Ok((incoming, metadata))
        }
        other => {
            Err(GoogleError::bad_request(format!("The sandbox accepts uploadType=media or multipart, not {other}.")))
        }
    }
}

/// Gmail takes base64url, padded or not; standard base64 is accepted too.
pub fn decode_raw(raw: &str) -> Result<Vec<u8>, GoogleError> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    URL_SAFE_NO_PAD.decode(cleaned).map_err(|_| {
        GoogleError::invalid_argument("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed.")
    })
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Add the headers Gmail adds when a client leaves them out.
pub fn complete_headers(raw: Vec<u8>, store: &Store) -> Vec<u8> {
    let Some(message) = MessageParser::default().parse(&raw) else {
        return raw;
    };
    let mut extra = String::new();
    if message.from().is_none() {
        let name = store.send_as.first().map(|s| s.display_name.clone()).unwrap_or_default();
        extra.push_str(&format!("From: {name} <{}>\r\n", store.user_email()));
    }
    if message.date().is_none() {
        extra.push_str(&format!("Date: {}\r\n", wsmcp_core::clock::now().to_rfc2822()));
    }
    if message.message_id().is_none() {
        extra.push_str(&format!("Message-ID: <CA+sbx{}@mail.gmail.com>\r\n", ids::alphanumeric(28)));
    }
    if extra.is_empty() {
        return raw;
    }
    let mut out = extra.into_bytes();
    out.extend_from_slice(&raw);
    out
}

/// Send: complete headers, check recipients, store as SENT (and INBOX when the user is a
/// recipient), threaded by `threadId` or by References/In-Reply-To. Returns the new id.
pub fn send(store: &mut Store, incoming: Incoming) -> Result<String, GoogleError> {
    let raw = complete_headers(incoming.raw, store);
    let index = MessageIndex::build(&raw);
    let recipients = index.recipient_addresses();
    if recipients.is_empty() {
        return Err(GoogleError::invalid_argument("Recipient address required"));
    }
    let mut label_ids = vec!["SENT".to_string()];
    if recipients.iter().any(|r| r.eq_ignore_ascii_case(store.user_email())) {
        label_ids.push("INBOX".to_string());
    }
    Ok(store.insert(NewMessage {
        raw,
        label_ids,
        thread_id: incoming.thread_id,
        internal_date: Some(ids::now_millis()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_any_base64_flavour() {
        assert_eq!(decode_raw("SGk_").unwrap(), b"Hi?");
        assert_eq!(decode_raw("SGk/").unwrap(), b"Hi?");
        assert_eq!(decode_raw("SGk=").unwrap(), b"Hi");
        assert!(decode_raw("%%%").is_err());
    }

    #[test]
    fn send_fills_headers_and_needs_recipients() {
        let mut store = Store::new("alex@example.com");
        let no_rcpt = Incoming { raw: b"Subject: x\r\n\r\nbody\r\n".to_vec(), ..Default::default() };
        assert!(send(&mut store, no_rcpt).is_err());
        let to_self =
            Incoming { raw: b"To: alex@example.com\r\nSubject: x\r\n\r\nbody\r\n".to_vec(), ..Default::default() };
        let id = send(&mut store, to_self).unwrap();
        let m = store.message(&id).unwrap();
        assert_eq!(m.label_ids, vec!["SENT", "INBOX"]);
        assert!(m.index.message_id.is_some());
        assert_eq!(m.index.from.len(), 1);
    }
}
