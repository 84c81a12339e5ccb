//! The pure half of composing mail: which message a reply answers, its threading headers
//! and subject, reply-all recipients, quoting, the forwarded-message block, signatures and
//! text direction. `tools::send` does the fetching and calls these.

use crate::address::{Mailbox, parse_list};
use crate::html;
use crate::mime::{bare_id, split_ids};
use crate::render::{Bodies, msg_header};
use crate::wire::{Message, SendAs, Thread};

/// `Re: <subject>`, unless it already starts with a reply prefix.
pub fn reply_subject(original: &str) -> String {
    let s = original.trim();
    if has_prefix(s, &["re:", "aw:", "sv:"]) { s.to_string() } else { format!("Re: {s}") }
}

/// `Fwd: <subject>`, unless it already starts with a forward prefix.
pub fn forward_subject(original: &str) -> String {
    let s = original.trim();
    if has_prefix(s, &["fwd:", "fw:"]) { s.to_string() } else { format!("Fwd: {s}") }
}

fn has_prefix(s: &str, prefixes: &[&str]) -> bool {
    let lower = s.to_lowercase();
    prefixes.iter().any(|p| lower.starts_with(p))
}

/// The message a reply in `thread` answers: the one whose Message-ID is `in_reply_to`, or
/// else the latest one that is neither a draft nor in the trash and has a Message-ID.
pub fn reply_target<'a>(thread: &'a Thread, in_reply_to: Option<&str>) -> Option<&'a Message> {
    let eligible = |m: &&Message| {
        !m.label_ids.iter().any(|l| l == "DRAFT" || l == "TRASH")
            && msg_header(m, "Message-ID").is_some_and(|v| !bare_id(v).is_empty())
    };
    if let Some(wanted) = in_reply_to.map(bare_id).filter(|w| !w.is_empty()) {
        return thread
            .messages
            .iter()
            .find(|m| msg_header(m, "Message-ID").is_some_and(|v| bare_id(v).eq_ignore_ascii_case(wanted)));
    }
    thread.messages.iter().rev().find(eligible)
}

/// The References chain of a reply to `target`: its own References (or In-Reply-To) plus
/// its Message-ID.
pub fn references_for(target: &Message) -> Vec<String> {
    let mut refs = msg_header(target, "References").map(split_ids).unwrap_or_default();
    if refs.is_empty() {
        refs = msg_header(target, "In-Reply-To").map(split_ids).unwrap_or_default();
    }
    if let Some(id) = msg_header(target, "Message-ID").map(bare_id).filter(|i| !i.is_empty())
        && !refs.iter().any(|r| r.eq_ignore_ascii_case(id))
    {
        refs.push(id.to_string());
    }
    refs
}

/// Reply-all recipients: To = whoever `target` asks replies to go to (Reply-To, else From),
/// Cc = everyone else on it; `exclude` (the user's own addresses) never appear. An
/// explicit `to`/`cc` wins over the derived one. Replying to one's own message goes to its
/// original recipients.
pub fn reply_all_recipients(
    target: &Message,
    to: Option<Vec<Mailbox>>,
    cc: Option<Vec<Mailbox>>,
    exclude: &[String],
) -> (Vec<Mailbox>, Vec<Mailbox>) {
    let excluded = |m: &Mailbox| exclude.iter().any(|e| e.eq_ignore_ascii_case(&m.email));
    let header_list = |n: &str| msg_header(target, n).map(parse_list).unwrap_or_default();
    let reply_to = header_list("Reply-To");
    let sender = if reply_to.is_empty() { header_list("From") } else { reply_to };
    let original_to = header_list("To");
    let original_cc = header_list("Cc");
    let derived_to = match to {
        Some(t) => t,
        None => {
            let from_sender: Vec<Mailbox> = sender.iter().filter(|m| !excluded(m)).cloned().collect();
            if from_sender.is_empty() {
                original_to.iter().filter(|m| !excluded(m)).cloned().collect()
            } else {
                from_sender
            }
        }
    };
    let derived_cc = match cc {
        Some(c) => c,
        None => {
            let mut seen: Vec<String> = derived_to.iter().map(Mailbox::key).collect();
            let mut out = Vec::new();
            for m in sender.iter().chain(&original_to).chain(&original_cc) {
                if excluded(m) || seen.contains(&m.key()) {
                    continue;
                }
                seen.push(m.key());
                out.push(m.clone());
            }
            out
        }
    };
    (dedupe(derived_to), derived_cc)
}

fn dedupe(list: Vec<Mailbox>) -> Vec<Mailbox> {
    let mut seen = std::collections::HashSet::new();
    list.into_iter().filter(|m| seen.insert(m.key())).collect()
}

/// "On <date>, <from> wrote:" then the original text with `> ` before each line.
pub fn quote_plain(target: &Message, bodies: &Bodies) -> String {
    let text = original_text(bodies, &target.snippet);
    let quoted: Vec<String> =
        text.lines().map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") }).collect();
    format!("\n\n{}\n{}", attribution(target), quoted.join("\n"))
}

/// The quoted original as HTML (Gmail's own quote markup).
pub fn quote_html(target: &Message, bodies: &Bodies) -> String {
    let inner = match bodies.html.as_deref().filter(|h| !h.trim().is_empty()) {
        Some(h) => h.to_string(),
        None => html::text_to_html(&original_text(bodies, &target.snippet)),
    };
    format!(
        "<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{}</div>\
         <blockquote class=\"gmail_quote\" style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">{inner}</blockquote></div>",
        html::escape(&attribution(target))
    )
}

fn attribution(m: &Message) -> String {
    let from = msg_header(m, "From").unwrap_or("someone");
    match msg_header(m, "Date") {
        Some(d) => format!("On {d}, {from} wrote:"),
        None => format!("{from} wrote:"),
    }
}

fn original_text(b: &Bodies, snippet: &str) -> String {
    match (b.text.as_deref().filter(|t| !t.trim().is_empty()), b.html.as_deref()) {
        (Some(t), _) => t.trim_end().to_string(),
        (None, Some(h)) => html::to_plain(h),
        (None, None) => snippet.to_string(),
    }
}

/// A forward's body: the optional note, then the "Forwarded message" block with the
/// original's From/Date/Subject/To and its body. HTML when the original or the note is.
/// Returns `(body, is_html)`.
pub fn forward_body(
    original: &Message,
    bodies: &Bodies,
    note: Option<&str>,
    note_is_html: bool,
    rtl: bool,
) -> (String, bool) {
    let h = |n: &str| msg_header(original, n).unwrap_or("").to_string();
    let fields = [("From", h("From")), ("Date", h("Date")), ("Subject", h("Subject")), ("To", h("To"))];
    let has_html = bodies.html.as_deref().is_some_and(|x| !x.trim().is_empty());
    if has_html || (note.is_some() && note_is_html) {
        let note_html = note
            .map(|n| if note_is_html { n.to_string() } else { html::text_to_html(n) })
            .map(|n| format!("{}<br><br>", direction_wrap(&n, rtl)))
            .unwrap_or_default();
        let header: String = fields.iter().map(|(k, v)| format!("{k}: {}<br>", html::escape(v))).collect();
        let original_html = match bodies.html.as_deref().filter(|x| !x.trim().is_empty()) {
            Some(x) => x.to_string(),
            None => html::text_to_html(&original_text(bodies, &original.snippet)),
        };
        let body = format!(
            "{note_html}<div class=\"gmail_quote\">---------- Forwarded message ---------<br>{header}<br>{original_html}</div>"
        );
        return (body, true);
    }
    let header: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let note = note.map(|n| format!("{n}\n\n")).unwrap_or_default();
    let body =
        format!("{note}---------- Forwarded message ---------\n{header}\n{}", original_text(bodies, &original.snippet));
    (body, false)
}

/// The Send-As entry to write from: `from_email`'s, else the default, else the primary.
pub fn pick_send_as<'a>(entries: &'a [SendAs], from_email: Option<&str>) -> Option<&'a SendAs> {
    match from_email {
        Some(f) => entries.iter().find(|e| e.send_as_email.trim().eq_ignore_ascii_case(f.trim())),
        None => {
            entries.iter().find(|e| e.is_default).or_else(|| entries.iter().find(|e| e.is_primary)).or(entries.first())
        }
    }
}

/// Appends a Gmail signature (HTML in settings) to a body.
pub fn append_signature(body: &str, signature_html: &str, is_html: bool) -> String {
    if is_html {
        format!("{body}<br><br><div class=\"gmail_signature\">{signature_html}</div>")
    } else {
        let text = html::to_plain(signature_html);
        if text.trim().is_empty() { body.to_string() } else { format!("{body}\n\n-- \n{text}") }
    }
}

/// Whether the first strongly directional character of `text` is right-to-left (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko and their presentation forms).
pub fn starts_rtl(text: &str) -> bool {
    for c in text.chars() {
        let u = c as u32;
        let rtl =
            matches!(u, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF);
        if rtl {
            return true;
        }
        if c.is_alphabetic() {
            return false;
        }
    }
    false
}

/// Wraps HTML in a right-to-left block when asked.
pub fn direction_wrap(html_body: &str, rtl: bool) -> String {
    if rtl { format!("<div dir=\"rtl\">{html_body}</div>") } else { html_body.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{Header, MessagePart};

    fn m(id: &str, headers: &[(&str, &str)], labels: &[&str]) -> Message {
        Message {
            id: id.into(),
            label_ids: labels.iter().map(|s| s.to_string()).collect(),
            payload: Some(MessagePart {
                headers: headers.iter().map(|(n, v)| Header { name: n.to_string(), value: v.to_string() }).collect(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn subjects() {
        assert_eq!(reply_subject("Plan"), "Re: Plan");
        assert_eq!(reply_subject("RE: Plan"), "RE: Plan");
        assert_eq!(forward_subject("Plan"), "Fwd: Plan");
        assert_eq!(forward_subject("Fw: Plan"), "Fw: Plan");
    }

    #[test]
    fn reply_target_skips_drafts_trash_and_missing_ids() {
        let t = Thread {
            id: "t".into(),
            messages: vec![
                m("m1", &[("Message-ID", "<a@x>")], &["INBOX"]),
                m("m2", &[("Message-ID", "<b@x>"), ("References", "<a@x>")], &["SENT"]),
                m("m3", &[], &["INBOX"]),
                m("m4", &[("Message-ID", "<c@x>")], &["DRAFT"]),
                m("m5", &[("Message-ID", "<d@x>")], &["TRASH"]),
            ],
            ..Default::default()
        };
        assert_eq!(reply_target(&t, None).unwrap().id, "m2");
        assert_eq!(reply_target(&t, Some("a@x")).unwrap().id, "m1");
        assert!(reply_target(&t, Some("<zzz@x>")).is_none());
        assert_eq!(references_for(reply_target(&t, None).unwrap()), vec!["a@x", "b@x"]);
    }

    #[test]
    fn reply_all_excludes_the_user() {
        let target = m(
            "m",
            &[("From", "Bob <bob@x.org>"), ("To", "me@x.org, carol@x.org"), ("Cc", "Dan <dan@x.org>, bob@x.org")],
            &[],
        );
        let (to, cc) = reply_all_recipients(&target, None, None, &["ME@x.org".into()]);
        assert_eq!(to.iter().map(|m| m.email.as_str()).collect::<Vec<_>>(), vec!["bob@x.org"]);
        assert_eq!(cc.iter().map(|m| m.email.as_str()).collect::<Vec<_>>(), vec!["carol@x.org", "dan@x.org"]);
        // Replying to one's own message goes back to its recipients.
        let own = m("m", &[("From", "me@x.org"), ("To", "bob@x.org")], &[]);
        let (to, cc) = reply_all_recipients(&own, None, None, &["me@x.org".into()]);
        assert_eq!(to[0].email, "bob@x.org");
        assert!(cc.is_empty());
        // Reply-To wins over From; explicit cc wins.
        let rt = m("m", &[("From", "list@x.org"), ("Reply-To", "owner@x.org"), ("To", "me@x.org")], &[]);
        let (to, cc) = reply_all_recipients(&rt, None, Some(vec![]), &["me@x.org".into()]);
        assert_eq!(to[0].email, "owner@x.org");
        assert!(cc.is_empty());
    }

    #[test]
    fn quoting_and_forwarding() {
        let original = m(
            "m",
            &[
                ("From", "Bob <bob@x.org>"),
                ("Date", "Mon, 1 Jan 2024 10:00:00 +0000"),
                ("Subject", "Plan"),
                ("To", "me@x.org"),
            ],
            &[],
        );
        let bodies = Bodies { text: Some("line one\n\nline two".into()), ..Default::default() };
        let q = quote_plain(&original, &bodies);
        assert!(
            q.contains("On Mon, 1 Jan 2024 10:00:00 +0000, Bob <bob@x.org> wrote:\n> line one\n>\n> line two"),
            "{q}"
        );
        assert!(quote_html(&original, &bodies).contains("line one<br>"));
        let (body, is_html) = forward_body(&original, &bodies, Some("FYI"), false, false);
        assert!(!is_html);
        assert!(
            body.starts_with("FYI\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.org>\nDate: Mon"),
            "{body}"
        );
        assert!(body.contains("Subject: Plan\nTo: me@x.org\n\nline one"));
        let html_bodies = Bodies { html: Some("<p>orig</p>".into()), ..Default::default() };
        let (body, is_html) = forward_body(&original, &html_bodies, Some("שלום"), false, true);
        assert!(is_html);
        assert!(body.starts_with("<div dir=\"rtl\">שלום</div>"), "{body}");
        assert!(body.contains("From: Bob &lt;bob@x.org&gt;<br>") && body.contains("<p>orig</p>"));
    }

    #[test]
    fn signature_direction_and_send_as() {
        assert_eq!(append_signature("Hi", "<div>Ann<br>CEO</div>", false), "Hi\n\n-- \nAnn\nCEO");
        assert!(
            append_signature("<p>Hi</p>", "<b>Ann</b>", true)
                .ends_with("<div class=\"gmail_signature\"><b>Ann</b></div>")
        );
        assert!(starts_rtl("  123 שלום"));
        assert!(starts_rtl("مرحبا"));
        assert!(!starts_rtl("Hello שלום"));
        let entries = vec![
            SendAs { send_as_email: "me@x.org".into(), is_primary: true, ..Default::default() },
            SendAs { send_as_email: "alias@x.org".into(), is_default: true, ..Default::default() },
        ];
        assert_eq!(pick_send_as(&entries, None).unwrap().send_as_email, "alias@x.org");
        assert_eq!(pick_send_as(&entries, Some("ME@x.org")).unwrap().send_as_email, "me@x.org");
        assert!(pick_send_as(&entries, Some("other@x.org")).is_none());
    }
}
