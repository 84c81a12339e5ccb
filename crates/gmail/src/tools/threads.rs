//! Reading conversations: get_gmail_thread_content, get_gmail_threads_content_batch.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use wsmcp_core::google::{GoogleCtx, GoogleError};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{READ_CHUNK, clean_ids};
use crate::analysis;
use crate::api::{self, Format};
use crate::large_bodies;
use crate::render::{self, BodyFormat, View};
use crate::wire::{Message, Thread};

// Arguments of `get_gmail_thread_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetGmailThreadContentParams {
    /// The Gmail thread (conversation) id.
    pub thread_id: String,
    /// "text" (plain text, HTML converted when needed), "html" (HTML parts as they are) or
    /// "raw" (each message's decoded RFC 822 source).
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Also return an analysis of the conversation as structured data: the last sender,
    /// whether the user owes a reply, messages per sender and all participants.
    #[serde(default)]
    pub include_analysis: bool,
    /// Append the http(s) links of each HTML part (only with body_format "text").
    #[serde(default)]
    pub include_links: bool,
}

pub fn get_gmail_thread_content() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_gmail_thread_content",
            title: "Get Gmail Thread Content",
            description: "Read a whole conversation: every message in order with sender, date and body. \
                include_analysis adds who wrote last and who owes a reply, as structured data.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        get_thread,
    )
}

async fn get_thread(ctx: ToolCtx, p: GetGmailThreadContentParams) -> Result<ToolOutput, ToolError> {
    let id = super::required(Some(&p.thread_id), "thread_id is required")?;
    let g = ctx.google().await?;
    let thread = fetch_thread(&g, id, p.body_format).await?;
    let view = View { format: p.body_format, include_headers: true, include_links: p.include_links, with_body: true };
    let mut text = thread_text(&thread, view);
    if !p.include_analysis {
        return Ok(ToolOutput::text(text));
    }
    let a = analysis::analyze(&thread, g.user());
    text.push('\n');
    text.push_str(&analysis::summary(&a));
    let structured = json!({ "content": text, "analysis": a });
    Ok(ToolOutput { text, structured: Some(structured), ..Default::default() })
}

/// A thread with bodies in the asked format. Gmail's threads.get has no raw format, so raw
/// reads the headers with the thread and each message's source in one batch.
async fn fetch_thread(g: &GoogleCtx, id: &str, format: BodyFormat) -> Result<Thread, GoogleError> {
    if format != BodyFormat::Raw {
        let mut thread = api::users_threads_get(g, id, Format::Full).await?;
        large_bodies::fill_all(g, &mut thread.messages).await;
        return Ok(thread);
    }
    let mut thread = api::users_threads_get(g, id, Format::Metadata).await?;
    attach_raw(g, std::slice::from_mut(&mut thread)).await;
    Ok(thread)
}

/// Fills `raw` of every message of `threads` (failures leave it empty; the renderer says so).
async fn attach_raw(g: &GoogleCtx, threads: &mut [Thread]) {
    let items: Vec<_> = threads
        .iter()
        .flat_map(|t| t.messages.iter())
        .map(|m| api::users_messages_get_item(&m.id, Format::Raw))
        .collect();
    let mut raws = api::batch_get::<Message>(g, &items, READ_CHUNK).await.into_iter();
    for m in threads.iter_mut().flat_map(|t| t.messages.iter_mut()) {
        if let Some(Ok(r)) = raws.next() {
            m.raw = r.raw;
        }
    }
}

fn thread_text(thread: &Thread, view: View) -> String {
    let subject = thread
        .messages
        .first()
        .and_then(|m| render::msg_header(m, "Subject"))
        .map_or_else(|| "(no subject)".to_string(), crate::charset::decode_words);
    let n = thread.messages.len();
    let mut out = format!(
        "Thread ID: {}\nSubject: {subject}\nMessages: {n}\nLink: {}\n",
        thread.id,
        render::web_link(&thread.id)
    );
    if n == 0 {
        out.push_str("\nThis thread has no messages.\n");
    }
    for (i, m) in thread.messages.iter().enumerate() {
        out.push_str(&format!("\n=== Message {} of {n} ===\n", i + 1));
        out.push_str(&render::message_block(m, view));
    }
    out
}

// Arguments of `get_gmail_threads_content_batch`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetGmailThreadsContentBatchParams {
    /// Thread ids to read; fetched 25 per batch request.
    pub thread_ids: Vec<String>,
    /// "text", "html" or "raw" (see get_gmail_thread_content).
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Append the http(s) links of each HTML part (only with body_format "text").
    #[serde(default)]
    pub include_links: bool,
}

pub fn get_gmail_threads_content_batch() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_gmail_threads_content_batch",
            title: "Get Gmail Threads Content (Batch)",
            description: "Read several conversations at once (fetched 25 per batch request). A thread that \
                cannot be read is reported in place; the others are still returned.",
            service: Service::Gmail,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        get_threads,
    )
}

async fn get_threads(ctx: ToolCtx, p: GetGmailThreadsContentBatchParams) -> Result<ToolOutput, ToolError> {
    let ids = clean_ids(&p.thread_ids);
    if ids.is_empty() {
        return Err(ToolError::invalid("thread_ids is empty: pass at least one thread id"));
    }
    let g = ctx.google().await?;
    let fetch = if p.body_format == BodyFormat::Raw { Format::Metadata } else { Format::Full };
    let items: Vec<_> = ids.iter().map(|id| api::users_threads_get_item(id, fetch)).collect();
    let results = api::batch_get::<Thread>(&g, &items, READ_CHUNK).await;
    let mut found: Vec<Thread> = results.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    if p.body_format == BodyFormat::Raw {
        attach_raw(&g, &mut found).await;
    } else {
        for thread in &mut found {
            large_bodies::fill_all(&g, &mut thread.messages).await;
        }
    }
    // `found` holds the successful replies in request order, so each Ok takes the next one.
    let mut found = found.into_iter();
    let view = View { format: p.body_format, include_headers: true, include_links: p.include_links, with_body: true };
    let mut blocks = Vec::with_capacity(ids.len());
    let mut ok = 0;
    for (id, r) in ids.iter().zip(results) {
        match r.map(|_| found.next()) {
            Ok(Some(t)) => {
                ok += 1;
                blocks.push(thread_text(&t, view));
            }
            Ok(None) => blocks.push(format!("Thread ID: {id}\nError: no reply for this thread\n")),
            Err(e) => blocks.push(format!("Thread ID: {id}\nError: {e}\n")),
        }
    }
    let failed = ids.len() - ok;
    let mut out = format!(
        "Read {ok} of {} thread(s){}.\n\n",
        ids.len(),
        if failed > 0 { format!("; {failed} failed") } else { String::new() }
    );
    out.push_str(&blocks.join("\n##########\n\n"));
    Ok(ToolOutput::text(out))
}
