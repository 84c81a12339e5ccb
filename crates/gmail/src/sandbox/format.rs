//! The `format` parameter of `messages.get`, `threads.get` and `drafts.get`: which parts
//! of a stored message go into the JSON (`minimal`, `metadata`, `full`, `raw`).

use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams};

use super::payload;
use super::store::StoredMessage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Minimal,
    Metadata,
    Full,
    Raw,
}

impl Format {
    /// `format` from the query, `full` when absent, as Gmail defaults.
    pub fn from_query(query: &QueryParams) -> Result<Self, GoogleError> {
        match query.get("format").unwrap_or("full").to_ascii_lowercase().as_str() {
            "full" => Ok(Self::Full),
            "metadata" => Ok(Self::Metadata),
            "minimal" => Ok(Self::Minimal),
            "raw" => Ok(Self::Raw),
            other => Err(GoogleError::invalid_argument(format!("Invalid value for format: {other}"))),
        }
    }
}

/// A message resource in the requested format.
pub fn message_json(m: &StoredMessage, format: Format, metadata_headers: &[&str]) -> Value {
    let mut out = json!({
        "id": m.id,
        "threadId": m.thread_id,
    });
    if !m.label_ids.is_empty() {
        out["labelIds"] = json!(m.label_ids);
    }
    out["snippet"] = json!(m.index.snippet);
    out["sizeEstimate"] = json!(m.index.size);
    out["historyId"] = json!(m.history_id.to_string());
    out["internalDate"] = json!(m.internal_date.to_string());
    match format {
        Format::Minimal => {}
        Format::Raw => out["raw"] = json!(payload::encode_data(&m.raw)),
        Format::Full => out["payload"] = payload::payload(&m.id, &m.raw),
        Format::Metadata => {
            out["payload"] = json!({
                "mimeType": payload::top_mime_type(&m.raw),
                "headers": payload::top_headers(&m.raw, metadata_headers),
            });
        }
    }
    out
}

/// `{id, threadId}`, what list methods return per message.
pub fn message_ref(m: &StoredMessage) -> Value {
    json!({ "id": m.id, "threadId": m.thread_id })
}

/// `{id, threadId, labelIds}`, what send, modify and trash return.
pub fn message_labels(m: &StoredMessage) -> Value {
    let mut out = message_ref(m);
    out["labelIds"] = json!(m.label_ids);
    out
}
