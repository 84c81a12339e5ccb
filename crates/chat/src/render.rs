//! Spaces and messages as text for the model. Pure functions.

use crate::wire::{Attachment, Message, Space, User};

/// What a space's type means to a reader.
pub fn space_kind(space_type: Option<&str>) -> &'static str {
    match space_type {
        Some("SPACE") => "space",
        Some("GROUP_CHAT") => "group chat",
        Some("DIRECT_MESSAGE") => "direct message",
        _ => "unknown type",
    }
}

/// `- "Name" (spaces/X) | space`
pub fn space_line(s: &Space) -> String {
    let title = match s.display_name.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => format!("\"{n}\""),
        // Direct messages have no name of their own.
        None => "(unnamed)".to_string(),
    };
    let mut out = format!("- {title} (ID: {}) | {}", s.name, space_kind(s.space_type.as_deref()));
    if let Some(t) = &s.last_active_time {
        out.push_str(&format!(" | last active {t}"));
    }
    out
}

/// Chat names people as `users/{id}` (with user authorization it sends no display name);
/// show the name when Google gave one.
pub fn person(u: Option<&User>) -> String {
    match u {
        Some(User { display_name: Some(d), name }) if !d.is_empty() => format!("{d} ({name})"),
        Some(u) if !u.name.is_empty() => u.name.clone(),
        _ => "unknown sender".to_string(),
    }
}

/// `[0] name.png (image/png)`; Drive files say so, since they download through Drive.
pub fn attachment_line(i: usize, a: &Attachment) -> String {
    let name = a.content_name.as_deref().unwrap_or("(unnamed)");
    let kind = a.content_type.as_deref().unwrap_or("unknown type");
    let drive = if a.drive_data_ref.is_some() { ", a Drive file" } else { "" };
    format!("[{i}] {name} ({kind}{drive})")
}

/// One message: when, who, the text, its ids, reactions and attachments.
pub fn message_block(m: &Message) -> String {
    let when = m.create_time.as_deref().unwrap_or("?");
    let mut out = format!("- [{when}] {}", person(m.sender.as_ref()));
    if m.thread_reply {
        out.push_str(" (reply in thread)");
    }
    out.push('\n');
    let text = m.text.as_deref().unwrap_or("").trim();
    if text.is_empty() {
        out.push_str("  (no text)\n");
    } else {
        for line in text.lines() {
            out.push_str(&format!("  > {line}\n"));
        }
    }
    out.push_str(&format!("  Message: {}", m.name));
    if let Some(t) = m.thread.as_ref().and_then(|t| t.name.as_deref()) {
        out.push_str(&format!(" | Thread: {t}"));
    }
    if m.last_update_time.is_some() {
        out.push_str(" | edited");
    }
    out.push('\n');
    let reactions: Vec<String> = m
        .emoji_reaction_summaries
        .iter()
        .filter_map(|r| {
            let e = r.emoji.as_ref()?.unicode.as_deref()?;
            Some(format!("{e} {}", r.reaction_count.unwrap_or(1)))
        })
        .collect();
    if !reactions.is_empty() {
        out.push_str(&format!("  Reactions: {}\n", reactions.join(", ")));
    }
    if !m.attachment.is_empty() {
        let list: Vec<String> = m.attachment.iter().enumerate().map(|(i, a)| attachment_line(i, a)).collect();
        out.push_str(&format!("  Attachments: {}\n", list.join("; ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Thread;

    #[test]
    fn a_message_shows_ids_and_a_named_sender() {
        let m = Message {
            name: "spaces/A/messages/M".into(),
            sender: Some(User { name: "users/1".into(), display_name: Some("Priya Shah".into()) }),
            create_time: Some("2026-01-01T10:00:00Z".into()),
            text: Some("Hello\nteam".into()),
            thread: Some(Thread { name: Some("spaces/A/threads/T".into()), thread_key: None }),
            ..Default::default()
        };
        let text = message_block(&m);
        assert!(text.contains("Priya Shah (users/1)"), "{text}");
        assert!(text.contains("  > Hello\n  > team\n"), "{text}");
        assert!(text.contains("Message: spaces/A/messages/M | Thread: spaces/A/threads/T"), "{text}");
        assert_eq!(person(Some(&User { name: "users/2".into(), display_name: None })), "users/2");
    }
}
