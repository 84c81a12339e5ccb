//! The emulated mailbox: messages (raw RFC 822 plus Gmail's metadata), labels, drafts,
//! filters, send-as addresses and the history counter, behind one mutex. Threads are
//! not stored separately: a thread is the messages sharing a `threadId`, as in Gmail.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use wsmcp_sandbox_kit::{GoogleError, ids};

use super::index::MessageIndex;

/// One stored message.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    pub id: String,
    pub thread_id: String,
    pub label_ids: Vec<String>,
    /// Unix ms; what Gmail sorts and searches dates by.
    pub internal_date: i64,
    pub history_id: u64,
    pub raw: Arc<[u8]>,
    pub index: MessageIndex,
}

impl StoredMessage {
    pub fn has_label(&self, id: &str) -> bool {
        self.label_ids.iter().any(|l| l == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelColor {
    pub text_color: String,
    pub background_color: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    pub name: String,
    pub system: bool,
    pub message_list_visibility: Option<String>,
    pub label_list_visibility: Option<String>,
    pub color: Option<LabelColor>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterCriteria {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negated_query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_attachment: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_chats: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_comparison: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterAction {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_label_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_label_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub criteria: FilterCriteria,
    #[serde(default)]
    pub action: FilterAction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SendAs {
    pub send_as_email: String,
    pub display_name: String,
    pub reply_to_address: String,
    pub signature: String,
    pub is_primary: bool,
    pub is_default: bool,
    pub treat_as_alias: bool,
}

/// A message to add: the store assigns id, thread and history id.
#[derive(Debug, Clone, Default)]
pub struct NewMessage {
    pub raw: Vec<u8>,
    pub label_ids: Vec<String>,
    /// The `threadId` the client asked for, honoured when that thread exists.
    pub thread_id: Option<String>,
    /// Defaults to the `Date` header, else now.
    pub internal_date: Option<i64>,
}

/// The whole mailbox of the sandbox user.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) user_email: String,
    pub(crate) messages: HashMap<String, StoredMessage>,
    pub(crate) labels: Vec<Label>,
    /// Draft id and message id, oldest first.
    pub(crate) drafts: Vec<(String, String)>,
    pub(crate) filters: Vec<Filter>,
    pub(crate) send_as: Vec<SendAs>,
    pub(crate) history_id: u64,
    pub(crate) next_label: u32,
}

/// System labels in the order Gmail lists them, with their list visibilities.
const SYSTEM_LABELS: &[(&str, Option<&str>, Option<&str>)] = &[
    ("CHAT", Some("hide"), Some("labelHide")),
    ("SENT", None, None),
    ("INBOX", Some("hide"), Some("labelShow")),
    ("IMPORTANT", Some("hide"), Some("labelHide")),
    ("TRASH", Some("hide"), Some("labelHide")),
    ("DRAFT", None, None),
    ("SPAM", Some("hide"), Some("labelHide")),
    ("CATEGORY_FORUMS", None, None),
    ("CATEGORY_UPDATES", None, None),
    ("CATEGORY_PERSONAL", None, None),
    ("CATEGORY_PROMOTIONS", None, None),
    ("CATEGORY_SOCIAL", None, None),
    ("STARRED", None, None),
    ("UNREAD", None, None),
];

impl Store {
    /// An empty mailbox: system labels and the primary send-as address only.
    pub fn new(user_email: &str) -> Self {
        let labels = SYSTEM_LABELS
            .iter()
            .map(|(id, mlv, llv)| Label {
                id: (*id).to_string(),
                name: (*id).to_string(),
                system: true,
                message_list_visibility: mlv.map(str::to_string),
                label_list_visibility: llv.map(str::to_string),
                color: None,
            })
            .collect();
        let name = wsmcp_sandbox_kit::oauth::display_name_for(user_email);
        let send_as = vec![SendAs {
            send_as_email: user_email.to_string(),
            display_name: name.clone(),
            reply_to_address: String::new(),
            signature: format!(
                "<div dir=\"ltr\"><b>{name}</b><br>Product Lead, Atlas<br>\
                 <a href=\"https://example.com\">example.com</a> · +1 555 0100</div>"
            ),
            is_primary: true,
            is_default: true,
            treat_as_alias: false,
        }];
        Self {
            user_email: user_email.to_string(),
            messages: HashMap::new(),
            labels,
            drafts: Vec::new(),
            filters: Vec::new(),
            send_as,
            history_id: 100_000,
            next_label: 1,
        }
    }

    pub fn user_email(&self) -> &str {
        &self.user_email
    }

    pub fn message(&self, id: &str) -> Option<&StoredMessage> {
        self.messages.get(id)
    }

    pub fn messages(&self) -> impl Iterator<Item = &StoredMessage> {
        self.messages.values()
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn label(&self, id: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    pub fn draft_ids(&self) -> Vec<String> {
        self.drafts.iter().map(|(d, _)| d.clone()).collect()
    }

    pub fn bump_history(&mut self) -> u64 {
        self.history_id += 1;
        self.history_id
    }

    /// The messages of a thread, oldest first.
    pub fn thread(&self, thread_id: &str) -> Vec<&StoredMessage> {
        let mut messages: Vec<&StoredMessage> = self.messages.values().filter(|m| m.thread_id == thread_id).collect();
        messages.sort_by(|a, b| (a.internal_date, &a.id).cmp(&(b.internal_date, &b.id)));
        messages
    }

    /// Every label id must exist; otherwise Gmail's 400 "Invalid label".
    pub fn check_labels<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Result<(), GoogleError> {
        for id in ids {
            if self.label(id).is_none() {
                return Err(GoogleError::invalid_argument(format!("Invalid label: {id}")));
            }
        }
        Ok(())
    }

    /// Add a message; returns its new id.
    pub fn insert(&mut self, new: NewMessage) -> String {
        let index = MessageIndex::build(&new.raw);
        let internal_date = new.internal_date.or(index.date_ms).unwrap_or_else(ids::now_millis);
        let mut id = ids::time_hex_id(internal_date);
        while self.messages.contains_key(&id) {
            id = ids::time_hex_id(internal_date);
        }
        let thread_id = self.choose_thread(new.thread_id.as_deref(), &index).unwrap_or_else(|| id.clone());
        let mut label_ids: Vec<String> = Vec::new();
        for label in new.label_ids {
            if !label_ids.contains(&label) {
                label_ids.push(label);
            }
        }
        let history_id = self.bump_history();
        let message = StoredMessage {
            id: id.clone(),
            thread_id,
            label_ids,
            internal_date,
            history_id,
            raw: new.raw.into(),
            index,
        };
        self.messages.insert(id.clone(), message);
        id
    }

    /// Gmail threading: the requested thread if it exists, else the thread of a message
    /// this one replies to (In-Reply-To / References) when the subjects agree.
    fn choose_thread(&self, requested: Option<&str>, index: &MessageIndex) -> Option<String> {
        if let Some(thread) = requested.filter(|t| self.messages.values().any(|m| m.thread_id == *t)) {
            return Some(thread.to_string());
        }
        let subject = normalize_subject(&index.subject);
        index.parent_ids.iter().find_map(|parent| {
            self.messages
                .values()
                .find(|m| m.index.message_id.as_deref() == Some(parent.as_str()))
                .filter(|m| normalize_subject(&m.index.subject) == subject)
                .map(|m| m.thread_id.clone())
        })
    }

    /// Apply label changes to one message; false if it does not exist.
    pub fn modify(&mut self, id: &str, add: &[String], remove: &[String]) -> bool {
        if !self.messages.contains_key(id) {
            return false;
        }
        let history_id = self.bump_history();
        let Some(message) = self.messages.get_mut(id) else {
            return false;
        };
        message.label_ids.retain(|l| !remove.contains(l));
        for label in add {
            if !message.label_ids.contains(label) {
                message.label_ids.push(label.clone());
            }
        }
        message.history_id = history_id;
        true
    }

    /// Delete a message for good (and the draft that held it).
    pub fn delete(&mut self, id: &str) -> bool {
        self.drafts.retain(|(_, m)| m != id);
        let removed = self.messages.remove(id).is_some();
        if removed {
            self.bump_history();
        }
        removed
    }

    /// `(messagesTotal, messagesUnread, threadsTotal, threadsUnread)` for a label.
    pub fn label_counts(&self, label_id: &str) -> (usize, usize, usize, usize) {
        let mut threads: HashMap<&str, bool> = HashMap::new();
        let (mut total, mut unread) = (0, 0);
        for m in self.messages.values().filter(|m| m.has_label(label_id)) {
            total += 1;
            let is_unread = m.has_label("UNREAD");
            if is_unread {
                unread += 1;
            }
            let entry = threads.entry(m.thread_id.as_str()).or_insert(false);
            *entry |= is_unread;
        }
        let threads_unread = threads.values().filter(|u| **u).count();
        (total, unread, threads.len(), threads_unread)
    }

    pub fn thread_count(&self) -> usize {
        let mut ids: Vec<&str> = self.messages.values().map(|m| m.thread_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// The subject Gmail compares when threading: reply and forward prefixes dropped.
pub fn normalize_subject(subject: &str) -> String {
    let mut s = subject.trim().to_lowercase();
    loop {
        let before = s.len();
        for prefix in ["re:", "fw:", "fwd:", "aw:", "wg:", "sv:", "antw:", "tr:", "rv:"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start().to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The store shared by the handlers and the reset hook.
pub type SharedStore = wsmcp_sandbox_kit::Shared<Store>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_reply_prefixes() {
        assert_eq!(normalize_subject("Re: AW: Fwd: Budget"), "budget");
        assert_eq!(normalize_subject("Budget"), "budget");
    }

    #[test]
    fn threads_replies_by_references_and_subject() {
        let mut store = Store::new("alex@example.com");
        let first = store.insert(NewMessage {
            raw: b"From: p@example.com\r\nSubject: Plan\r\nMessage-ID: <a@x>\r\n\r\nhi\r\n".to_vec(),
            ..Default::default()
        });
        let reply = store.insert(NewMessage {
            raw:
                b"From: alex@example.com\r\nSubject: Re: Plan\r\nMessage-ID: <b@x>\r\nIn-Reply-To: <a@x>\r\n\r\nok\r\n"
                    .to_vec(),
            ..Default::default()
        });
        let other = store.insert(NewMessage {
            raw: b"From: alex@example.com\r\nSubject: Other\r\nIn-Reply-To: <a@x>\r\n\r\nok\r\n".to_vec(),
            ..Default::default()
        });
        let thread = store.message(&first).unwrap().thread_id.clone();
        assert_eq!(thread, first);
        assert_eq!(store.message(&reply).unwrap().thread_id, thread);
        assert_ne!(store.message(&other).unwrap().thread_id, thread);
        assert_eq!(store.thread(&thread).len(), 2);
    }
}
