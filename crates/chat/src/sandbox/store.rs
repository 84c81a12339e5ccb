//! The emulated Chat account: spaces with their members, messages (each in a thread),
//! reactions and attachment bytes, behind one mutex. Messages keep the order they were
//! created in (`seq` breaks ties between equal times).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct SpaceRec {
    /// `spaces/{id}`.
    pub name: String,
    pub display_name: Option<String>,
    /// SPACE, GROUP_CHAT or DIRECT_MESSAGE.
    pub space_type: &'static str,
    /// Member user names (`users/{id}`).
    pub members: Vec<String>,
    pub create_time: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct AttachmentRec {
    pub id: String,
    pub content_name: String,
    pub content_type: String,
    /// The `attachmentDataRef.resourceName` that `media.download` takes.
    pub resource_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct MessageRec {
    /// `spaces/{space}/messages/{id}`.
    pub name: String,
    pub space: String,
    /// `spaces/{space}/threads/{id}`.
    pub thread: String,
    /// The key the thread was started with, if any.
    pub thread_key: Option<String>,
    pub thread_reply: bool,
    pub sender: String,
    pub text: String,
    pub create_time: DateTime<Utc>,
    pub update_time: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentRec>,
    /// The `requestId` the message was created with: a repeat returns this message.
    pub request_id: Option<String>,
    pub deleted: bool,
    pub seq: u64,
}

#[derive(Debug, Clone)]
pub struct ReactionRec {
    pub name: String,
    pub message: String,
    pub user: String,
    pub emoji: String,
}

#[derive(Debug, Clone)]
pub struct Store {
    /// The signed-in user's email and Chat user name.
    pub user: String,
    pub user_name: String,
    pub spaces: Vec<SpaceRec>,
    pub messages: Vec<MessageRec>,
    pub reactions: Vec<ReactionRec>,
    pub next_seq: u64,
}

/// Google's timestamp shape for Chat: microseconds and `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A Chat-like id segment (Google's are 11 URL-safe characters).
pub fn new_id() -> String {
    wsmcp_sandbox_kit::ids::alphanumeric(11)
}

impl Store {
    /// A space the user is a member of; others are "not found", as Google answers.
    pub fn space(&self, name: &str) -> Result<&SpaceRec, GoogleError> {
        self.spaces
            .iter()
            .find(|s| s.name == name && s.members.contains(&self.user_name))
            .ok_or_else(GoogleError::not_found)
    }

    pub fn message(&self, name: &str) -> Result<&MessageRec, GoogleError> {
        let m = self.messages.iter().find(|m| m.name == name && !m.deleted).ok_or_else(GoogleError::not_found)?;
        self.space(&m.space)?;
        Ok(m)
    }

    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn message_json(&self, m: &MessageRec) -> Value {
        let mut out = json!({
            "name": m.name,
            "sender": { "name": m.sender, "type": "HUMAN" },
            "createTime": stamp(m.create_time),
            "text": m.text,
            "formattedText": m.text,
            "argumentText": m.text,
            "thread": { "name": m.thread },
            "space": { "name": m.space },
        });
        if let Some(u) = m.update_time {
            out["lastUpdateTime"] = json!(stamp(u));
        }
        if m.thread_reply {
            out["threadReply"] = json!(true);
        }
        if m.deleted {
            out["deleteTime"] = json!(stamp(m.update_time.unwrap_or(m.create_time)));
        }
        if !m.attachments.is_empty() {
            out["attachment"] = m.attachments.iter().map(|a| attachment_json(m, a)).collect();
        }
        let summaries = self.reaction_summaries(&m.name);
        if !summaries.is_empty() {
            out["emojiReactionSummaries"] = Value::Array(summaries);
        }
        out
    }

    /// One summary per emoji, in the order each was first used.
    fn reaction_summaries(&self, message: &str) -> Vec<Value> {
        let mut order: Vec<(&str, usize)> = Vec::new();
        for r in self.reactions.iter().filter(|r| r.message == message) {
            match order.iter_mut().find(|(e, _)| *e == r.emoji) {
                Some((_, n)) => *n += 1,
                None => order.push((&r.emoji, 1)),
            }
        }
        order.into_iter().map(|(e, n)| json!({ "emoji": { "unicode": e }, "reactionCount": n })).collect()
    }
}

pub fn space_json(s: &SpaceRec) -> Value {
    let id = s.name.trim_start_matches("spaces/");
    let mut out = json!({
        "name": s.name,
        "type": if s.space_type == "SPACE" { "ROOM" } else { "DM" },
        "spaceType": s.space_type,
        "singleUserBotDm": false,
        "threaded": s.space_type == "SPACE",
        "spaceThreadingState": if s.space_type == "SPACE" { "THREADED_MESSAGES" } else { "UNTHREADED_MESSAGES" },
        "createTime": stamp(s.create_time),
        "membershipCount": { "joinedDirectHumanUserCount": s.members.len() },
        "spaceUri": format!("https://mail.google.com/chat/u/0/#chat/space/{id}"),
    });
    if let Some(d) = &s.display_name {
        out["displayName"] = json!(d);
    }
    out
}

fn attachment_json(m: &MessageRec, a: &AttachmentRec) -> Value {
    json!({
        "name": format!("{}/attachments/{}", m.name, a.id),
        "contentName": a.content_name,
        "contentType": a.content_type,
        "attachmentDataRef": { "resourceName": a.resource_name },
        "downloadUri": format!("https://chat.google.com/api/get_attachment_url?url_type=DOWNLOAD_URL&content_type={}", a.content_type),
        "source": "UPLOADED_CONTENT",
    })
}
