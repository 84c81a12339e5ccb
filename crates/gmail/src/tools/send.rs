//! Writing mail: send_gmail_message and draft_gmail_message share one parameter set and
//! one composer (new message, reply in a thread, forward), and differ only in the last call
//! (`users.messages.send` vs `users.drafts.create`) and in what they require.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wsmcp_core::google::{GoogleCtx, GoogleError};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{GmailOptions, with_scopes};
use crate::address::{self, Mailbox};
use crate::api::{self, Format};
use crate::compose;
use crate::mime::{self, Composed, OutAttachment};
use crate::render::{self, bodies, msg_header};
use crate::wire::{DraftCreate, OutgoingMessage, SendAs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    #[default]
    Plain,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Auto,
    Ltr,
    Rtl,
}

fn yes() -> bool {
    true
}

// Arguments of `send_gmail_message` and `draft_gmail_message`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ComposeParams {
    /// Recipient(s), comma-separated ("a@x.org, Name <b@y.org>"). Required to send a new
    /// message or a forward; derived from the thread with reply_all.
    pub to: Option<String>,
    /// Subject. Required for a new message; a reply defaults to "Re: <original>" and a
    /// forward to "Fwd: <original>".
    pub subject: Option<String>,
    /// The message text (plain or HTML, see body_format). Required except when forwarding,
    /// where it is an optional note above the forwarded message.
    pub body: Option<String>,
    /// "plain" or "html". HTML must be real markup: entity-escaped markup ("&lt;div&gt;")
    /// is refused.
    #[serde(default)]
    pub body_format: BodyKind,
    /// Forward this message (id): its subject, body and attachments are carried over under a
    /// "Forwarded message" header. Reply, thread and signature options do not apply.
    pub forward_message_id: Option<String>,
    /// With forward_message_id: include the original's attachments.
    #[serde(default = "yes")]
    pub include_forwarded_attachments: bool,
    /// Cc recipient(s), comma-separated.
    pub cc: Option<String>,
    /// Bcc recipient(s), comma-separated.
    pub bcc: Option<String>,
    /// Display name for the From header, e.g. "Ann Lee".
    pub from_name: Option<String>,
    /// Send from this "Send mail as" alias (configured in Gmail settings). Default: the
    /// account's default Send-As address.
    pub from_email: Option<String>,
    /// Reply within this thread: answers its latest sent or received message (or the one
    /// in_reply_to names) with the right threading headers.
    pub thread_id: Option<String>,
    /// RFC Message-ID to answer, e.g. "<abc@mail.example.com>"; picks the message within
    /// thread_id. Without thread_id only the header is set.
    pub in_reply_to: Option<String>,
    /// Message-ID chain for the References header; normally derived from the thread.
    pub references: Option<String>,
    /// Files to attach. Each object has one source: "url" (http(s), e.g. a download link
    /// from get_gmail_attachment_content), "path" (a local file in the allowed
    /// directories) or "content" (standard base64, with "filename"). Optional "filename",
    /// "mime_type", and "content_id" to embed the file inline in an HTML body as
    /// <img src="cid:CONTENT_ID">.
    pub attachments: Option<Vec<Map<String, Value>>>,
    /// Append the Gmail signature of the sending address, when settings can be read.
    #[serde(default = "yes")]
    pub include_signature: bool,
    /// Text direction: "auto" (from the first strong character), "ltr" or "rtl". Right to
    /// left wraps an HTML body in <div dir="rtl">; plain text carries no direction.
    #[serde(default)]
    pub direction: Direction,
    /// With thread_id: quote the message being answered below the reply.
    #[serde(default)]
    pub quote_original: bool,
    /// With thread_id: reply to everyone on the message (To: its sender, Cc: the other
    /// recipients, never yourself). An explicit to/cc wins.
    #[serde(default)]
    pub reply_all: bool,
}

pub fn send_gmail_message(options: Arc<GmailOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "send_gmail_message",
            title: "Send Gmail Message",
            description: "Send an email now: a new message, a reply in a thread (thread_id, reply_all, \
                quote_original) or a forward (forward_message_id), with attachments and Send-As aliases. \
                It cannot schedule: to send later, create a draft with draft_gmail_message.",
            service: Service::Gmail,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::GMAIL_SEND],
        },
        move |ctx, p| {
            let options = options.clone();
            async move { run(ctx, p, Mode::Send, &options).await }
        },
    )
}

pub fn draft_gmail_message(options: Arc<GmailOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "draft_gmail_message",
            title: "Draft Gmail Message",
            description: "Save an email as a draft for review: new, reply (thread_id) or forward \
                (forward_message_id), with attachments. Drafts are the way to prepare mail for later; \
                the API cannot schedule sending.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::GMAIL_COMPOSE],
        },
        move |ctx, p| {
            let options = options.clone();
            async move { run(ctx, p, Mode::Draft, &options).await }
        },
    )
}

/// The tool as declared when local files are off (`WORKSPACE_MCP_DISABLE_LOCAL_FILES`): its
/// `attachments` list no longer offers a `path` source, and each entry may only carry the
/// remaining keys. The handler refuses a path as well, for clients that ignore schemas.
pub(crate) fn without_local_paths(mut tool: ToolDef) -> ToolDef {
    let mut schema = (*tool.input_schema).clone();
    if let Some(attachments) = schema.get_mut("properties").and_then(|p| p.get_mut("attachments")) {
        attachments["description"] = Value::from(
            "Files to attach. Each object has one source: \"url\" (http(s), e.g. a download link from \
             get_gmail_attachment_content) or \"content\" (standard base64, with \"filename\"). Optional \
             \"filename\", \"mime_type\", and \"content_id\" to embed the file inline in an HTML body as \
             <img src=\"cid:CONTENT_ID\">. Local files cannot be attached on this server.",
        );
        let text = serde_json::json!({"type": "string"});
        attachments["items"] = serde_json::json!({
            "type": "object",
            "properties": {
                "url": text, "content": text, "filename": text, "mime_type": text, "content_id": text,
            },
            "additionalProperties": false,
        });
    }
    tool.input_schema = Arc::new(schema);
    tool
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Send,
    Draft,
}

/// Trimmed, non-empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What the arguments say, checked before any request so a bad call costs nothing.
struct Checked<'a> {
    forward_id: Option<&'a str>,
    thread_id: Option<&'a str>,
    body: Option<&'a str>,
    is_html: bool,
    to: Option<Vec<Mailbox>>,
    cc: Option<Vec<Mailbox>>,
    bcc: Vec<Mailbox>,
    from_email: Option<Mailbox>,
}

/// Who the message is from: the Send-As entries (for signatures and reply-all exclusions), the
/// chosen one, and the resulting From mailbox.
struct Sender {
    send_as: Vec<SendAs>,
    entry: Option<SendAs>,
    from: Mailbox,
}

async fn run(ctx: ToolCtx, p: ComposeParams, mode: Mode, options: &GmailOptions) -> Result<ToolOutput, ToolError> {
    let c = check(&p, mode)?;
    let mut attachments = match &p.attachments {
        Some(list) if !list.is_empty() => crate::outgoing::resolve_all(&ctx, options, list).await?,
        _ => Vec::new(),
    };
    // Replies and forwards read mail, which the send/compose scopes alone do not allow.
    let g = if c.thread_id.is_some() || c.forward_id.is_some() {
        let read: &'static [&'static str] = match mode {
            Mode::Send => &[scope::GMAIL_SEND, scope::GMAIL_READONLY],
            Mode::Draft => &[scope::GMAIL_COMPOSE, scope::GMAIL_READONLY],
        };
        with_scopes(&ctx, read).google().await?
    } else {
        ctx.google().await?
    };
    let sender = sender(&g, &p, &c).await;
    let own_id = mime::new_message_id(&sender.from.email);
    let mut m = Composed {
        from: Some(sender.from.clone()),
        bcc: c.bcc.clone(),
        message_id: Some(own_id.clone()),
        ..Default::default()
    };
    let mut notes: Vec<String> = Vec::new();
    let out_thread = match (c.forward_id, c.thread_id) {
        (Some(fid), _) => {
            if given(&p.thread_id).is_some() {
                notes.push("thread_id was ignored: a forward starts its own conversation.".into());
            }
            attachments.extend(compose_forward(&g, &p, &c, fid, &mut m, &mut notes).await?);
            None
        }
        (None, Some(tid)) => Some(compose_reply(&g, &p, &c, mode, &sender, tid, &mut m, &mut notes).await?),
        (None, None) => {
            compose_new(&p, &c, &sender, &mut m);
            None
        }
    };
    if m.to.is_empty() && mode == Mode::Send {
        return Err(ToolError::invalid("to is required: pass the recipient address(es)"));
    }
    m.attachments = attachments;
    deliver(&g, mode, &m, out_thread, &own_id, &notes).await
}

fn check(p: &ComposeParams, mode: Mode) -> Result<Checked<'_>, ToolError> {
    let forward_id = given(&p.forward_message_id);
    let thread_id = if forward_id.is_some() { None } else { given(&p.thread_id) };
    let body = p.body.as_deref().filter(|b| !b.trim().is_empty());
    let is_html = p.body_format == BodyKind::Html;
    if is_html && body.is_some_and(crate::html::looks_entity_escaped) {
        return Err(ToolError::invalid(
            "body looks entity-escaped (\"&lt;div&gt;\"): with body_format=\"html\" pass real markup like <div>...</div>",
        ));
    }
    if p.reply_all && thread_id.is_none() {
        return Err(ToolError::invalid("reply_all needs thread_id: the recipients come from the thread"));
    }
    if forward_id.is_none() && body.is_none() {
        return Err(ToolError::invalid(
            "body is required (it is optional only when forwarding with forward_message_id)",
        ));
    }
    if forward_id.is_none() && thread_id.is_none() && given(&p.subject).is_none() {
        return Err(ToolError::invalid("subject is required for a new message (replies and forwards derive it)"));
    }
    if mode == Mode::Send && !p.reply_all && given(&p.to).is_none() {
        return Err(ToolError::invalid(
            "to is required: pass the recipient address(es), or use reply_all=true with thread_id",
        ));
    }
    let list = |v: &Option<String>, what: &str| {
        given(v).map(|v| address::parse_list_strict(v, what)).transpose().map_err(ToolError::invalid)
    };
    Ok(Checked {
        forward_id,
        thread_id,
        body,
        is_html,
        to: list(&p.to, "to")?,
        cc: list(&p.cc, "cc")?,
        bcc: list(&p.bcc, "bcc")?.unwrap_or_default(),
        from_email: given(&p.from_email)
            .map(|v| address::parse_one(v, "from_email"))
            .transpose()
            .map_err(ToolError::invalid)?,
    })
}

async fn sender(g: &GoogleCtx, p: &ComposeParams, c: &Checked<'_>) -> Sender {
    let send_as = if p.include_signature || c.from_email.is_none() { send_as_entries(g).await } else { Vec::new() };
    let entry = compose::pick_send_as(&send_as, c.from_email.as_ref().map(|m| m.email.as_str())).cloned();
    let from_addr = c
        .from_email
        .as_ref()
        .map(|m| m.email.clone())
        .or_else(|| entry.as_ref().map(|e| e.send_as_email.clone()))
        .unwrap_or_else(|| g.user().to_string());
    let from_display = given(&p.from_name)
        .map(str::to_string)
        .or_else(|| entry.as_ref().and_then(|e| e.display_name.clone()).filter(|n| !n.trim().is_empty()));
    Sender { send_as, entry, from: Mailbox::new(from_display, from_addr) }
}

/// Right-to-left when asked, or when the text starts so (HTML judged by what it displays).
fn right_to_left(p: &ComposeParams, c: &Checked<'_>) -> bool {
    match p.direction {
        Direction::Rtl => true,
        Direction::Ltr => false,
        Direction::Auto if c.is_html => c.body.is_some_and(|b| compose::starts_rtl(&crate::html::to_plain(b))),
        Direction::Auto => c.body.is_some_and(compose::starts_rtl),
    }
}

/// A forward of `fid`: its quoted body, subject, and (if asked) its attachments to carry along.
async fn compose_forward(
    g: &GoogleCtx,
    p: &ComposeParams,
    c: &Checked<'_>,
    fid: &str,
    m: &mut Composed,
    notes: &mut Vec<String>,
) -> Result<Vec<OutAttachment>, ToolError> {
    let original = api::users_messages_get(g, fid, Format::Full).await?;
    let b = bodies(original.payload.as_ref());
    let (text, html_out) = compose::forward_body(&original, &b, c.body, c.is_html, right_to_left(p, c));
    if html_out {
        m.html = Some(text)
    } else {
        m.text = Some(text)
    }
    m.subject = given(&p.subject)
        .map(str::to_string)
        .unwrap_or_else(|| compose::forward_subject(msg_header(&original, "Subject").unwrap_or("")));
    m.to = c.to.clone().unwrap_or_default();
    m.cc = c.cc.clone().unwrap_or_default();
    if !p.include_forwarded_attachments {
        notes.push(format!("Forwarded message {fid} without its attachments."));
        return Ok(Vec::new());
    }
    let forwarded = forwarded_attachments(g, &original).await?;
    notes.push(format!("Forwarded message {fid} with {} attachment(s).", forwarded.len()));
    Ok(forwarded)
}

/// A reply in thread `tid`: threading headers, subject, recipients (reply-all from the thread),
/// signature and quote. Returns the thread the message goes into.
#[allow(clippy::too_many_arguments)] // each is one piece of the message being composed
async fn compose_reply(
    g: &GoogleCtx,
    p: &ComposeParams,
    c: &Checked<'_>,
    mode: Mode,
    sender: &Sender,
    tid: &str,
    m: &mut Composed,
    notes: &mut Vec<String>,
) -> Result<String, ToolError> {
    let thread = api::users_threads_get(g, tid, Format::Full).await?;
    let target = compose::reply_target(&thread, given(&p.in_reply_to)).ok_or_else(|| match given(&p.in_reply_to) {
        Some(irt) => ToolError::invalid(format!("no message in thread {tid} has Message-ID {irt}")),
        None => {
            ToolError::invalid(format!("thread {tid} has no sent or received message with a Message-ID to reply to"))
        }
    })?;
    let target_id = msg_header(target, "Message-ID").map(mime::bare_id).unwrap_or_default().to_string();
    m.in_reply_to = Some(target_id.clone());
    m.references = match given(&p.references) {
        Some(r) => with_last(mime::split_ids(r), &target_id),
        None => compose::references_for(target),
    };
    m.subject = given(&p.subject)
        .map(str::to_string)
        .unwrap_or_else(|| compose::reply_subject(msg_header(target, "Subject").unwrap_or("")));
    if p.reply_all {
        let mut exclude = vec![g.user().to_string(), sender.from.email.clone()];
        exclude.extend(sender.send_as.iter().map(|s| s.send_as_email.clone()));
        let (t, cc) = compose::reply_all_recipients(target, c.to.clone(), c.cc.clone(), &exclude);
        if t.is_empty() && mode == Mode::Send {
            return Err(ToolError::invalid("reply_all found nobody to reply to besides you; pass to"));
        }
        m.to = t;
        m.cc = cc;
    } else {
        m.to = c.to.clone().unwrap_or_default();
        m.cc = c.cc.clone().unwrap_or_default();
    }
    let mut text = c.body.unwrap_or_default().to_string();
    if p.include_signature {
        text = signed(&text, sender.entry.as_ref(), c.is_html);
    }
    let tb = bodies(target.payload.as_ref());
    if c.is_html {
        text = compose::direction_wrap(&text, right_to_left(p, c));
        if p.quote_original {
            text.push_str(&compose::quote_html(target, &tb));
        }
    } else if p.quote_original {
        text.push_str(&compose::quote_plain(target, &tb));
    }
    set_body(m, text, c.is_html);
    notes.push(format!(
        "In reply to message {} ({}).",
        target.id,
        msg_header(target, "Message-ID").unwrap_or_default()
    ));
    Ok(Some(thread.id.clone()).filter(|t| !t.is_empty()).unwrap_or_else(|| tid.to_string()))
}

/// A new message, optionally threaded by hand through `in_reply_to`/`references`.
fn compose_new(p: &ComposeParams, c: &Checked<'_>, sender: &Sender, m: &mut Composed) {
    m.subject = given(&p.subject).unwrap_or_default().to_string();
    m.to = c.to.clone().unwrap_or_default();
    m.cc = c.cc.clone().unwrap_or_default();
    if let Some(irt) = given(&p.in_reply_to) {
        m.in_reply_to = Some(mime::bare_id(irt).to_string());
        m.references = with_last(given(&p.references).map(mime::split_ids).unwrap_or_default(), mime::bare_id(irt));
    }
    let mut text = c.body.unwrap_or_default().to_string();
    if p.include_signature {
        text = signed(&text, sender.entry.as_ref(), c.is_html);
    }
    if c.is_html {
        text = compose::direction_wrap(&text, right_to_left(p, c));
    }
    set_body(m, text, c.is_html);
}

fn set_body(m: &mut Composed, text: String, is_html: bool) {
    if is_html { m.html = Some(text) } else { m.text = Some(text) }
}

/// The one request that sends (or saves the draft); never repeated, and a lost answer is
/// reported as "may have gone out".
async fn deliver(
    g: &GoogleCtx,
    mode: Mode,
    m: &Composed,
    out_thread: Option<String>,
    own_id: &str,
    notes: &[String],
) -> Result<ToolOutput, ToolError> {
    let raw = mime::encode_raw(&mime::build(m));
    let outgoing = OutgoingMessage { raw, thread_id: out_thread };
    let (headline, message_id, thread, draft_id) = match mode {
        Mode::Send => {
            let sent = api::users_messages_send(g, &outgoing).await.map_err(|e| unknown_outcome(e, mode, own_id))?;
            ("Message sent.", sent.id, sent.thread_id, None)
        }
        Mode::Draft => {
            let draft = api::users_drafts_create(g, &DraftCreate { message: outgoing })
                .await
                .map_err(|e| unknown_outcome(e, mode, own_id))?;
            let msg = draft.message.unwrap_or_default();
            ("Draft saved (not sent).", msg.id, msg.thread_id, Some(draft.id))
        }
    };
    Ok(ToolOutput::text(summary(headline, m, &message_id, &thread, draft_id.as_deref(), notes)))
}

/// A send (or draft) that went out but got no answer may have worked: say how to find out
/// (by the Message-ID we gave it) instead of inviting a second, duplicate send.
fn unknown_outcome(mut e: GoogleError, mode: Mode, message_id: &str) -> ToolError {
    if e.outcome_unknown {
        e.advice = match mode {
            Mode::Send => format!(
                "The message may have gone out. Do not send it again before checking: look in the Sent \
                 folder, or search with search_gmail_messages for rfc822msgid:{message_id} (its Message-ID \
                 is <{message_id}>). Send it again only if that finds nothing."
            ),
            Mode::Draft => format!(
                "The draft may have been saved. Before creating it again, search with search_gmail_messages \
                 for in:drafts rfc822msgid:{message_id} (its Message-ID is <{message_id}>)."
            ),
        };
    }
    ToolError::Google(e)
}

/// Makes `last` the final id of a References chain.
fn with_last(mut refs: Vec<String>, last: &str) -> Vec<String> {
    if !last.is_empty() && !refs.iter().any(|r| r.eq_ignore_ascii_case(last)) {
        refs.push(last.to_string());
    }
    refs
}

fn signed(text: &str, entry: Option<&SendAs>, is_html: bool) -> String {
    match entry.and_then(|e| e.signature.as_deref()).filter(|s| !s.trim().is_empty()) {
        Some(sig) => compose::append_signature(text, sig, is_html),
        None => text.to_string(),
    }
}

/// The account's Send-As entries; empty when settings cannot be read (the token may only
/// allow sending), since signature and default alias are conveniences.
async fn send_as_entries(g: &GoogleCtx) -> Vec<SendAs> {
    match api::users_settings_send_as_list(g).await {
        Ok(list) => list.send_as,
        Err(e) => {
            tracing::debug!(error = %e, "send-as settings not readable; no signature or default alias");
            Vec::new()
        }
    }
}

/// The original's attachments, downloaded, keeping Content-IDs for inline images.
async fn forwarded_attachments(
    g: &GoogleCtx,
    original: &crate::wire::Message,
) -> Result<Vec<OutAttachment>, ToolError> {
    let mut out = Vec::new();
    for a in render::attachments(original.payload.as_ref()) {
        let bytes =
            super::attachments::download(g, &original.id, a.attachment_id.as_deref(), a.inline_data.as_deref()).await?;
        out.push(OutAttachment { filename: a.filename, mime_type: a.mime_type, bytes, content_id: a.content_id });
    }
    Ok(out)
}

fn summary(
    headline: &str,
    m: &Composed,
    message_id: &str,
    thread_id: &str,
    draft_id: Option<&str>,
    notes: &[String],
) -> String {
    let mut out = format!("{headline}\n");
    if let Some(d) = draft_id {
        out.push_str(&format!("Draft ID: {d}\n"));
    }
    out.push_str(&format!(
        "Message ID: {message_id}\nThread ID: {thread_id}\nLink: {}\n",
        render::web_link(message_id)
    ));
    if let Some(f) = &m.from {
        out.push_str(&format!("From: {f}\n"));
    }
    for (k, v) in [("To", &m.to), ("Cc", &m.cc), ("Bcc", &m.bcc)] {
        if !v.is_empty() {
            out.push_str(&format!("{k}: {}\n", address::join(v)));
        }
    }
    out.push_str(&format!("Subject: {}\n", m.subject));
    if !m.attachments.is_empty() {
        let list: Vec<String> = m
            .attachments
            .iter()
            .map(|a| {
                format!(
                    "{} ({}, {}{})",
                    a.filename,
                    a.mime_type,
                    render::size(a.bytes.len() as u64),
                    if a.content_id.is_some() { ", inline" } else { "" }
                )
            })
            .collect();
        out.push_str(&format!("Attachments: {}\n", list.join("; ")));
    }
    for n in notes {
        out.push_str(n);
        out.push('\n');
    }
    if draft_id.is_some() {
        out.push_str("Review and send it from Gmail's Drafts folder.\n");
    }
    out
}
