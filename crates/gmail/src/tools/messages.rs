//! Finding and reading messages: search_gmail_messages, get_gmail_message_content,
//! get_gmail_messages_content_batch.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{READ_CHUNK, clean_ids};
use crate::api::{self, Format};
use crate::mime::decode_base64url;
use crate::render::{self, BodyFormat, View};
use crate::wire::{Message, MessageRef};
use crate::{charset, large_bodies};

fn ten() -> u32 {
    10
}
fn yes() -> bool {
    true
}

// Arguments of `search_gmail_messages`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchGmailMessagesParams {
    /// Gmail search query, with the same operators as the Gmail search box (from:, to:,
    /// subject:, has:attachment, after:2024/01/31, is:unread, label:, ...). Drafts match too
    /// unless excluded (e.g. -in:drafts).
    pub query: String,
    /// How many messages to return (1-500).
    #[serde(default = "ten")]
    pub page_size: u32,
    /// The next_page_token of a previous call, to get the following page.
    pub page_token: Option<String>,
    /// Also fetch Subject, From, Date and label ids (DRAFT, SENT, ...) of each result; costs
    /// one metadata read per result.
    #[serde(default)]
    pub include_headers: bool,
}

pub fn search_gmail_messages() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_gmail_messages",
            title: "Search Gmail Messages",
            description: "Search the mailbox with Gmail query syntax. Returns message ids, thread ids and Gmail \
                web links, plus a next_page_token when more results exist.",
            service: Service::Gmail,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        search,
    )
}

async fn search(ctx: ToolCtx, p: SearchGmailMessagesParams) -> Result<ToolOutput, ToolError> {
    let query = p.query.trim();
    if !(1..=500).contains(&p.page_size) {
        return Err(ToolError::invalid(format!("page_size must be between 1 and 500, got {}", p.page_size)));
    }
    let g = ctx.google().await?;
    let page_token = p.page_token.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let list = api::users_messages_list(&g, query, p.page_size, page_token).await?;
    let metadata: Vec<Option<Result<Message, String>>> = if p.include_headers && !list.messages.is_empty() {
        let items: Vec<_> =
            list.messages.iter().map(|m| api::users_messages_get_item(&m.id, Format::Metadata)).collect();
        // Smaller chunks than other reads: Gmail throttles concurrent metadata gets per user.
        api::batch_get::<Message>(&g, &items, 10)
            .await
            .into_iter()
            .map(|r| Some(r.map_err(|e| e.to_string())))
            .collect()
    } else {
        list.messages.iter().map(|_| None).collect()
    };
    Ok(ToolOutput::text(search_text(query, &list.messages, &metadata, list.next_page_token.as_deref())))
}

fn search_text(
    query: &str,
    found: &[MessageRef],
    metadata: &[Option<Result<Message, String>>],
    next: Option<&str>,
) -> String {
    if found.is_empty() {
        return format!("No messages match the query \"{query}\".");
    }
    let mut out = format!("Found {} message(s) matching \"{query}\":\n\n", found.len());
    for (i, (m, meta)) in found.iter().zip(metadata).enumerate() {
        out.push_str(&format!(
            "{}. Message ID: {}\n   Thread ID: {}\n   Link: {}\n",
            i + 1,
            m.id,
            m.thread_id,
            render::web_link(&m.id)
        ));
        match meta {
            Some(Ok(msg)) => {
                for name in ["Subject", "From", "Date"] {
                    let value = render::msg_header(msg, name).map_or_else(|| "(none)".into(), charset::decode_words);
                    out.push_str(&format!("   {name}: {value}\n"));
                }
                out.push_str(&format!("   Labels: {}\n", msg.label_ids.join(", ")));
            }
            Some(Err(e)) => out.push_str(&format!("   Headers: could not be read ({e})\n")),
            None => {}
        }
    }
    match next {
        Some(t) => out.push_str(&format!("\nMore results: call again with page_token=\"{t}\" (next_page_token).\n")),
        None => out.push_str("\nNo more results.\n"),
    }
    out
}

/// Whether to fetch the body (`full`) or only the headers (`metadata`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MessageFormat {
    #[default]
    Full,
    Metadata,
}

// Arguments of `get_gmail_message_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetGmailMessageContentParams {
    /// The Gmail message id (from search results).
    pub message_id: String,
    /// "full": headers, body and attachment list; "metadata": headers only.
    #[serde(default)]
    pub format: MessageFormat,
    /// With format "full": "text" (plain text, HTML converted when there is no plain part),
    /// "html" (the HTML part as is) or "raw" (the whole decoded RFC 822 message).
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Append the http(s) links of the HTML part (only with body_format "text").
    #[serde(default)]
    pub include_links: bool,
    /// Save the complete, uncut body to a file and return its download URL or path instead
    /// of the inline body (which is cut at 20,000 characters). With body_format "raw" the
    /// file is the .eml message.
    #[serde(default)]
    pub full: bool,
    /// Show the Subject/From/To/Date summary. When false, only the body is shown and a
    /// saved file is named after the message id. Needs format "full"; body_format "raw"
    /// then needs full=true.
    #[serde(default = "yes")]
    pub include_headers: bool,
}

pub fn get_gmail_message_content() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_gmail_message_content",
            title: "Get Gmail Message Content",
            description: "Read one message: subject, sender, recipients, date, body and attachment list. Bodies \
                longer than 20,000 characters are cut with a note; full=true saves the complete body to a file \
                and returns its location instead.",
            service: Service::Gmail,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        get_message,
    )
}

async fn get_message(ctx: ToolCtx, p: GetGmailMessageContentParams) -> Result<ToolOutput, ToolError> {
    let id = super::required(Some(&p.message_id), "message_id is required")?;
    if !p.include_headers && p.format == MessageFormat::Metadata {
        return Err(ToolError::invalid("include_headers=false needs format=\"full\": metadata is only headers"));
    }
    if !p.include_headers && p.body_format == BodyFormat::Raw && !p.full {
        return Err(ToolError::invalid(
            "body_format=\"raw\" always contains the headers; with include_headers=false set full=true to save the raw message to a file",
        ));
    }
    let g = ctx.google().await?;
    if p.format == MessageFormat::Metadata {
        let msg = api::users_messages_get(&g, id, Format::Metadata).await?;
        let view = View { format: BodyFormat::Text, include_headers: true, include_links: false, with_body: false };
        return Ok(ToolOutput::text(render::message_block(&msg, view)));
    }
    let fetch = if p.body_format == BodyFormat::Raw { Format::Raw } else { Format::Full };
    let mut msg = api::users_messages_get(&g, id, fetch).await?;
    if fetch == Format::Full {
        large_bodies::fill(&g, &mut msg).await;
    }
    // A raw fetch has no parsed headers; read them separately for the summary.
    let summary_msg = if fetch == Format::Raw && p.include_headers {
        api::users_messages_get(&g, id, Format::Metadata).await?
    } else {
        msg.clone()
    };
    if p.full {
        return export_full(&ctx, &msg, &summary_msg, p.body_format, p.include_headers).await;
    }
    let mut shown = msg.clone();
    if fetch == Format::Raw {
        shown.payload = summary_msg.payload.clone();
        shown.label_ids = summary_msg.label_ids.clone();
    }
    let view = View {
        format: p.body_format,
        include_headers: p.include_headers,
        include_links: p.include_links,
        with_body: true,
    };
    Ok(ToolOutput::text(render::message_block(&shown, view)))
}

/// Saves the complete body (or the .eml for raw) and answers with its location.
async fn export_full(
    ctx: &ToolCtx,
    msg: &Message,
    summary: &Message,
    format: BodyFormat,
    include_headers: bool,
) -> Result<ToolOutput, ToolError> {
    let (bytes, mime, ext, note) = match format {
        BodyFormat::Raw => {
            let raw =
                msg.raw.as_deref().and_then(decode_base64url).ok_or_else(|| {
                    ToolError::Internal(format!("Gmail returned no raw content for message {}", msg.id))
                })?;
            (raw, "message/rfc822", "eml", None)
        }
        BodyFormat::Html | BodyFormat::Text => {
            let b = render::body_text(&render::bodies(msg.payload.as_ref()), &msg.snippet, format);
            let is_html = format == BodyFormat::Html && b.note.is_none();
            let (mime, ext) = if is_html { ("text/html", "html") } else { ("text/plain", "txt") };
            (b.text.into_bytes(), mime, ext, b.note)
        }
    };
    let stem = match render::msg_header(summary, "Subject").map(str::trim).filter(|s| !s.is_empty()) {
        Some(subject) if include_headers => subject.to_string(),
        _ => format!("gmail-{}", msg.id),
    };
    let saved = ctx.files.save(&format!("{stem}.{ext}"), mime, &bytes).await?;
    let mut out = format!("Message ID: {}\nThread ID: {}\n", msg.id, msg.thread_id);
    if include_headers {
        for l in render::header_lines(summary) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out.push_str(&format!("Link: {}\n\n", render::web_link(&msg.id)));
    if let Some(n) = note {
        out.push_str(&format!("[Note: {n}]\n"));
    }
    out.push_str(&format!(
        "The complete {} ({}, {}) was saved: {}\n",
        if format == BodyFormat::Raw { "message" } else { "body" },
        mime,
        render::size(saved.size),
        saved.location()
    ));
    if format != BodyFormat::Raw {
        out.push_str(&render::attachment_block(&msg.id, &render::attachments(msg.payload.as_ref())));
    }
    Ok(ToolOutput::with_files(out, vec![saved]))
}

// Arguments of `get_gmail_messages_content_batch`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetGmailMessagesContentBatchParams {
    /// Message ids to read; fetched 25 per batch request.
    pub message_ids: Vec<String>,
    /// "full": headers and body; "metadata": headers only.
    #[serde(default)]
    pub format: MessageFormat,
    /// With format "full": "text", "html" or "raw" (see get_gmail_message_content).
    #[serde(default)]
    pub body_format: BodyFormat,
    /// Append the http(s) links of each HTML part (only with body_format "text").
    #[serde(default)]
    pub include_links: bool,
}

pub fn get_gmail_messages_content_batch() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_gmail_messages_content_batch",
            title: "Get Gmail Messages Content (Batch)",
            description: "Read several messages at once (fetched 25 per batch request). A message that cannot be \
                read is reported in place; the others are still returned.",
            service: Service::Gmail,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        get_batch,
    )
}

async fn get_batch(ctx: ToolCtx, p: GetGmailMessagesContentBatchParams) -> Result<ToolOutput, ToolError> {
    let ids = clean_ids(&p.message_ids);
    if ids.is_empty() {
        return Err(ToolError::invalid("message_ids is empty: pass at least one message id"));
    }
    let g = ctx.google().await?;
    let (fetch, with_body) = match (p.format, p.body_format) {
        (MessageFormat::Metadata, _) => (Format::Metadata, false),
        (MessageFormat::Full, BodyFormat::Raw) => (Format::Raw, true),
        (MessageFormat::Full, _) => (Format::Full, true),
    };
    let items: Vec<_> = ids.iter().map(|id| api::users_messages_get_item(id, fetch)).collect();
    let mut results = api::batch_get::<Message>(&g, &items, READ_CHUNK).await;
    if fetch == Format::Full {
        for msg in results.iter_mut().flatten() {
            large_bodies::fill(&g, msg).await;
        }
    }
    let view = View { format: p.body_format, include_headers: true, include_links: p.include_links, with_body };
    let mut ok = 0;
    let mut blocks = Vec::with_capacity(ids.len());
    for (id, r) in ids.iter().zip(results) {
        match r {
            Ok(msg) => {
                ok += 1;
                blocks.push(render::message_block(&msg, view));
            }
            Err(e) => blocks.push(format!("Message ID: {id}\nError: {e}\n")),
        }
    }
    let failed = ids.len() - ok;
    let mut out = format!(
        "Read {ok} of {} message(s){}.\n\n",
        ids.len(),
        if failed > 0 { format!("; {failed} failed") } else { String::new() }
    );
    out.push_str(&blocks.join("\n==========\n\n"));
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_lists_ids_links_and_next_token() {
        let found = vec![MessageRef { id: "m1".into(), thread_id: "t1".into() }];
        let out = search_text("from:bob", &found, &[None], Some("tok2"));
        assert!(
            out.contains("1. Message ID: m1\n   Thread ID: t1\n   Link: https://mail.google.com/mail/u/0/#all/m1"),
            "{out}"
        );
        assert!(out.contains("page_token=\"tok2\""));
        assert!(search_text("x", &[], &[], None).contains("No messages match"));
    }
}
