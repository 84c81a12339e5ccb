//! Who spoke last in a thread and who owes a reply: a pure summary of a `threads.get`
//! reply, returned as structured data by `get_gmail_thread_content(include_analysis)`.
//! Key names match the reference server so callers that parse them keep working.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::address::parse_list;
use crate::render::msg_header;
use crate::wire::Thread;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadAnalysis {
    pub thread_id: String,
    pub thread_subject: Option<String>,
    /// From header of the latest message that is not a draft.
    pub last_sender: Option<String>,
    /// RFC 3339 time of that message.
    pub last_timestamp: Option<String>,
    /// "user": the account owes a reply; "them": the others do; null: cannot tell.
    pub ball_in_court_of: Option<String>,
    /// Sent (non-draft) messages per sender address.
    pub message_count_by_sender: BTreeMap<String, usize>,
    /// Every address seen in From/To/Cc, drafts included, sorted.
    pub participants: Vec<String>,
    pub excluded_drafts: usize,
    pub message_count: usize,
}

/// Analyses `thread` from the point of view of `user` (their address).
pub fn analyze(thread: &Thread, user: &str) -> ThreadAnalysis {
    let user = user.trim().to_lowercase();
    let thread_subject = thread
        .messages
        .first()
        .and_then(|m| msg_header(m, "Subject"))
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty());
    let mut counts = BTreeMap::new();
    let mut participants = BTreeSet::new();
    let mut sent_participants = BTreeSet::new();
    let mut excluded_drafts = 0;
    // (epoch millis, From header); ties go to the later message in thread order.
    let mut last: Option<(i64, String)> = None;
    for m in &thread.messages {
        let is_draft = m.label_ids.iter().any(|l| l == "DRAFT");
        let mut here = BTreeSet::new();
        for name in ["From", "To", "Cc"] {
            for h in m.payload.iter().flat_map(|p| p.headers.iter()).filter(|h| h.name.eq_ignore_ascii_case(name)) {
                here.extend(parse_list(&h.value).into_iter().map(|mb| mb.key()));
            }
        }
        participants.extend(here.iter().cloned());
        if is_draft {
            excluded_drafts += 1;
            continue;
        }
        sent_participants.extend(here);
        let from = msg_header(m, "From").unwrap_or_default().to_string();
        if let Some(addr) = parse_list(&from).first() {
            *counts.entry(addr.key()).or_insert(0) += 1;
        }
        if let Some(at) = timestamp(m)
            && last.as_ref().is_none_or(|(t, _)| at >= *t)
        {
            last = Some((at, from));
        }
    }
    let (last_timestamp, last_sender) = match &last {
        Some((t, from)) => (
            chrono::DateTime::from_timestamp_millis(*t).map(|d| d.to_rfc3339()),
            Some(from.clone()).filter(|f| !f.is_empty()),
        ),
        None => (None, None),
    };
    let last_addr = last_sender.as_deref().and_then(|s| parse_list(s).into_iter().next()).map(|m| m.key());
    let others = sent_participants.iter().any(|p| *p != user);
    let ball_in_court_of = match last_addr {
        Some(addr) if user.contains('@') && others => Some(if addr == user { "them" } else { "user" }.to_string()),
        _ => None,
    };
    ThreadAnalysis {
        thread_id: thread.id.clone(),
        thread_subject,
        last_sender,
        last_timestamp,
        ball_in_court_of,
        message_count_by_sender: counts,
        participants: participants.into_iter().collect(),
        excluded_drafts,
        message_count: thread.messages.len(),
    }
}

/// Gmail's internalDate, else the Date header.
fn timestamp(m: &crate::wire::Message) -> Option<i64> {
    if let Some(ms) = m.internal_date.as_deref().and_then(|d| d.parse::<i64>().ok()) {
        return Some(ms);
    }
    let date = msg_header(m, "Date")?;
    chrono::DateTime::parse_from_rfc2822(date.trim()).ok().map(|d| d.timestamp_millis())
}

/// The analysis as a few lines of text, appended to the thread content.
pub fn summary(a: &ThreadAnalysis) -> String {
    let verdict = match a.ball_in_court_of.as_deref() {
        Some("user") => "the user owes a reply (the last message came from someone else)",
        Some("them") => "waiting on the others (the user sent the last message)",
        _ => "unknown (no sent messages, or no other participants)",
    };
    let counts: Vec<String> = a.message_count_by_sender.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!(
        "--- Analysis ---\nLast sender: {}\nLast message at: {}\nReply owed: {verdict}\nMessages by sender: {}\nParticipants: {}\nDrafts excluded: {}\n",
        a.last_sender.as_deref().unwrap_or("(none)"),
        a.last_timestamp.as_deref().unwrap_or("(unknown)"),
        if counts.is_empty() { "(none)".to_string() } else { counts.join(", ") },
        a.participants.join(", "),
        a.excluded_drafts,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{Header, Message, MessagePart};

    fn m(from: &str, to: &str, ms: i64, labels: &[&str]) -> Message {
        Message {
            id: format!("m{ms}"),
            internal_date: Some(ms.to_string()),
            label_ids: labels.iter().map(|s| s.to_string()).collect(),
            payload: Some(MessagePart {
                headers: vec![
                    Header { name: "From".into(), value: from.into() },
                    Header { name: "To".into(), value: to.into() },
                    Header { name: "Subject".into(), value: "Plan".into() },
                ],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn user_owes_reply_when_someone_else_wrote_last() {
        let t = Thread {
            id: "t1".into(),
            messages: vec![
                m("Me <me@example.com>", "bob@example.com", 1_000, &["SENT"]),
                m("Bob <bob@example.com>", "me@example.com", 2_000, &["INBOX"]),
                m("Me <me@example.com>", "bob@example.com, carol@example.com", 3_000, &["DRAFT"]),
            ],
            ..Default::default()
        };
        let a = analyze(&t, "Me@Example.com");
        assert_eq!(a.ball_in_court_of.as_deref(), Some("user"));
        assert_eq!(a.last_sender.as_deref(), Some("Bob <bob@example.com>"));
        assert_eq!(a.excluded_drafts, 1);
        assert_eq!(a.message_count, 3);
        assert_eq!(a.message_count_by_sender.get("me@example.com"), Some(&1));
        assert_eq!(a.participants, vec!["bob@example.com", "carol@example.com", "me@example.com"]);
        assert_eq!(a.thread_subject.as_deref(), Some("Plan"));
        assert!(a.last_timestamp.as_deref().unwrap().starts_with("1970-01-01T00:00:02"));
        assert!(summary(&a).contains("the user owes a reply"));
    }

    #[test]
    fn them_when_user_wrote_last_and_none_for_drafts_only() {
        let t = Thread {
            id: "t".into(),
            messages: vec![
                m("bob@example.com", "me@example.com", 1, &[]),
                m("me@example.com", "bob@example.com", 2, &[]),
            ],
            ..Default::default()
        };
        assert_eq!(analyze(&t, "me@example.com").ball_in_court_of.as_deref(), Some("them"));
        let drafts = Thread {
            id: "t".into(),
            messages: vec![m("me@example.com", "bob@example.com", 2, &["DRAFT"])],
            ..Default::default()
        };
        let a = analyze(&drafts, "me@example.com");
        assert_eq!(a.ball_in_court_of, None);
        assert_eq!(a.last_sender, None);
    }
}
