//! Typed Gmail calls: one function per REST method, named after its Discovery id
//! (`gmail.users.messages.list` -> `users_messages_list`). Every call acts for `me`, the
//! user whose token the `GoogleCtx` carries.

use serde_json::Value;
use wsmcp_core::google::{ApiInfo, BatchItem, GoogleCtx, GoogleError, segment};

use crate::wire::*;

const API: &ApiInfo = &ApiInfo::GMAIL;
const BASE: &str = "/gmail/v1/users/me";

/// Gmail's accepted `format` values for messages.get / threads.get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Full,
    Metadata,
    Minimal,
    Raw,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Full => "full",
            Format::Metadata => "metadata",
            Format::Minimal => "minimal",
            Format::Raw => "raw",
        }
    }
}

/// Headers asked for with `format=metadata`.
pub const METADATA_HEADERS: &[&str] =
    &["Subject", "From", "To", "Cc", "Date", "Message-ID", "In-Reply-To", "References", "Reply-To"];

pub async fn users_messages_list(
    g: &GoogleCtx,
    q: &str,
    max_results: u32,
    page_token: Option<&str>,
) -> Result<MessageList, GoogleError> {
    g.get(API, format!("{BASE}/messages"))
        .query("q", q)
        .query("maxResults", max_results)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn users_messages_get(g: &GoogleCtx, id: &str, format: Format) -> Result<Message, GoogleError> {
    let mut call = g.get(API, format!("{BASE}/messages/{}", segment(id))).query("format", format.as_str());
    if format == Format::Metadata {
        call = call.query_all("metadataHeaders", METADATA_HEADERS);
    }
    call.send().await
}

/// A batch item for `users.messages.get`, to use with [`GoogleCtx::batch_get`].
pub fn users_messages_get_item(id: &str, format: Format) -> BatchItem {
    let mut path_and_query = format!("{BASE}/messages/{}?format={}", segment(id), format.as_str());
    if format == Format::Metadata {
        for h in METADATA_HEADERS {
            path_and_query.push_str(&format!("&metadataHeaders={}", segment(h)));
        }
    }
    BatchItem { path_and_query }
}

/// A batch item for `users.threads.get`.
pub fn users_threads_get_item(id: &str, format: Format) -> BatchItem {
    BatchItem { path_and_query: format!("{BASE}/threads/{}?format={}", segment(id), format.as_str()) }
}

/// Runs a batch of gets and parses each reply into `T`, keeping one result per item.
pub async fn batch_get<T: serde::de::DeserializeOwned>(
    g: &GoogleCtx,
    items: &[BatchItem],
    chunk: usize,
) -> Vec<Result<T, GoogleError>> {
    g.batch_get(API, items, chunk)
        .await
        .into_iter()
        .map(|r| {
            r.and_then(|v: Value| {
                serde_json::from_value(v).map_err(|e| GoogleError::malformed(API, "batch item".into(), e.to_string()))
            })
        })
        .collect()
}

pub async fn users_messages_send(g: &GoogleCtx, body: &OutgoingMessage) -> Result<Message, GoogleError> {
    g.post(API, format!("{BASE}/messages/send")).json(body).send().await
}

pub async fn users_drafts_create(g: &GoogleCtx, body: &DraftCreate) -> Result<Draft, GoogleError> {
    g.post(API, format!("{BASE}/drafts")).json(body).send().await
}

pub async fn users_messages_attachments_get(
    g: &GoogleCtx,
    message_id: &str,
    attachment_id: &str,
) -> Result<AttachmentBody, GoogleError> {
    g.get(API, format!("{BASE}/messages/{}/attachments/{}", segment(message_id), segment(attachment_id))).send().await
}

pub async fn users_messages_modify(g: &GoogleCtx, id: &str, body: &ModifyRequest<'_>) -> Result<Message, GoogleError> {
    g.post(API, format!("{BASE}/messages/{}/modify", segment(id))).json(body).send().await
}

pub async fn users_messages_batch_modify(g: &GoogleCtx, body: &BatchModifyRequest<'_>) -> Result<(), GoogleError> {
    // Setting the same labels twice leaves the same state, so a retry is safe.
    g.post(API, format!("{BASE}/messages/batchModify")).json(body).idempotent().send_empty().await
}

pub async fn users_threads_get(g: &GoogleCtx, id: &str, format: Format) -> Result<Thread, GoogleError> {
    g.get(API, format!("{BASE}/threads/{}", segment(id))).query("format", format.as_str()).send().await
}

pub async fn users_threads_modify(g: &GoogleCtx, id: &str, body: &ModifyRequest<'_>) -> Result<Thread, GoogleError> {
    g.post(API, format!("{BASE}/threads/{}/modify", segment(id))).json(body).idempotent().send().await
}

pub async fn users_labels_list(g: &GoogleCtx) -> Result<LabelList, GoogleError> {
    g.get(API, format!("{BASE}/labels")).send().await
}

pub async fn users_labels_get(g: &GoogleCtx, id: &str) -> Result<Label, GoogleError> {
    g.get(API, format!("{BASE}/labels/{}", segment(id))).send().await
}

pub async fn users_labels_create(g: &GoogleCtx, label: &Label) -> Result<Label, GoogleError> {
    g.post(API, format!("{BASE}/labels")).json(label).send().await
}

pub async fn users_labels_patch(g: &GoogleCtx, id: &str, changes: &Label) -> Result<Label, GoogleError> {
    g.patch(API, format!("{BASE}/labels/{}", segment(id))).json(changes).idempotent().send().await
}

/// Full replacement: the only way to drop a label's color, since PATCH keeps absent fields.
pub async fn users_labels_update(g: &GoogleCtx, id: &str, label: &Label) -> Result<Label, GoogleError> {
    g.put(API, format!("{BASE}/labels/{}", segment(id))).json(label).idempotent().send().await
}

pub async fn users_labels_delete(g: &GoogleCtx, id: &str) -> Result<(), GoogleError> {
    g.delete(API, format!("{BASE}/labels/{}", segment(id))).send_empty().await
}

pub async fn users_settings_filters_list(g: &GoogleCtx) -> Result<FilterList, GoogleError> {
    g.get(API, format!("{BASE}/settings/filters")).send().await
}

pub async fn users_settings_filters_get(g: &GoogleCtx, id: &str) -> Result<Filter, GoogleError> {
    g.get(API, format!("{BASE}/settings/filters/{}", segment(id))).send().await
}

pub async fn users_settings_filters_create(g: &GoogleCtx, filter: &Filter) -> Result<Filter, GoogleError> {
    g.post(API, format!("{BASE}/settings/filters")).json(filter).send().await
}

pub async fn users_settings_filters_delete(g: &GoogleCtx, id: &str) -> Result<(), GoogleError> {
    g.delete(API, format!("{BASE}/settings/filters/{}", segment(id))).send_empty().await
}

pub async fn users_settings_send_as_list(g: &GoogleCtx) -> Result<SendAsList, GoogleError> {
    g.get(API, format!("{BASE}/settings/sendAs")).send().await
}
