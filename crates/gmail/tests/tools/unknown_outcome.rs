//! A send that was written but never answered (a timeout) may have gone out: the error says
//! so, names the Message-ID we generated for the `rfc822msgid:` search, and never invites a
//! retry; the send itself is never repeated.

use std::time::Duration;

use super::*;

/// The Message-ID the error names (`... its Message-ID is <id>`).
fn named_message_id(text: &str) -> String {
    let after = text.split("Message-ID is <").nth(1).unwrap_or_else(|| panic!("no Message-ID in: {text}"));
    after.split('>').next().unwrap().to_string()
}

#[tokio::test]
async fn a_timed_out_send_may_have_gone_out_and_says_how_to_check() {
    let env = Env::with_google_timeout(Duration::from_millis(300)).await;
    // Gmail takes the message, but its answer comes after our timeout.
    env.inject(Fault::late_answer("messages/send", 1_500));
    let args =
        json!({"to": "a@example.com", "subject": "Budget", "body": "Numbers attached.", "include_signature": false});
    let e = env.err("send_gmail_message", args).await;
    let text = e.to_string();
    assert!(text.contains("timed out") && text.contains("may have gone out"), "{text}");
    assert!(text.contains("Sent folder"), "{text}");
    assert!(!text.to_ascii_lowercase().contains("retry"), "never invites a blind retry: {text}");
    let id = named_message_id(&text);
    assert!(text.contains(&format!("rfc822msgid:{id}")), "{text}");

    // The message did go out, once, with exactly the Message-ID the error named, so the
    // advised search finds it.
    let sends = env.requests("gmail.users.messages.send");
    assert_eq!(sends.len(), 1, "sent once, never retried");
    let parsed = MessageParser::default().parse(&raw_of(&sends[0])).map(|m| m.message_id().map(str::to_string));
    assert_eq!(parsed, Some(Some(id.clone())));
    let found = env.ok("search_gmail_messages", json!({"query": format!("rfc822msgid:{id}")})).await;
    assert!(found.text.contains("Found 1 message"), "{}", found.text);
    env.done();
}

#[tokio::test]
async fn a_timed_out_draft_may_have_been_saved() {
    let env = Env::with_google_timeout(Duration::from_millis(300)).await;
    env.inject(Fault::late_answer("users/me/drafts", 1_500).method("POST"));
    let e = env.err("draft_gmail_message", json!({"to": "a@example.com", "subject": "Plan", "body": "Draft."})).await;
    let text = e.to_string();
    assert!(text.contains("may have been saved") && text.contains("in:drafts rfc822msgid:"), "{text}");
    assert!(!text.to_ascii_lowercase().contains("retry"), "{text}");
    env.done();
}

/// The plain slow fault (Gmail answers late, before doing anything): the client cannot tell
/// the difference, so the wording is the same, and nothing is tried a second time (a second
/// attempt would pass the spent fault and be logged).
#[tokio::test]
async fn a_slow_send_is_not_repeated() {
    let env = Env::with_google_timeout(Duration::from_millis(200)).await;
    env.inject(Fault::delay("messages/send", 1_000));
    let e = env.err("send_gmail_message", json!({"to": "a@example.com", "subject": "s", "body": "b"})).await;
    let text = e.to_string();
    assert!(text.contains("may have gone out") && text.contains("rfc822msgid:"), "{text}");
    assert!(!text.to_ascii_lowercase().contains("retry"), "{text}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(env.handle.sandbox().faults().is_empty(), "the one attempt took the fault");
    assert!(env.requests("gmail.users.messages.send").is_empty(), "no second attempt");
    env.done();
}
