//! The writing Gmail tools through the real binary: send (new message and reply), draft,
//! label management, single and batch label changes, filters. Each test checks a success,
//! an error path, and what was posted to Google (decoding the MIME the sandbox received);
//! a failed send is shown never to be retried.

use mail_parser::MessageParser;
use serde_json::json;
use wsmcp_core::google::segment;
use wsmcp_gmail::mime::decode_base64url;
use wsmcp_sandbox_kit::{Fault, LoggedRequest};

use crate::harness::{
    HttpServer, USER, assert_valid, command, err, find, ok, requests_for, sandbox, stdio_client, values_after,
};

/// The decoded RFC 822 message of a logged send (`{raw}`) or draft (`{message: {raw}}`).
fn raw_of(r: &LoggedRequest) -> Vec<u8> {
    let body = r.body.as_ref().expect("a JSON body");
    let raw = body["raw"].as_str().or_else(|| body["message"]["raw"].as_str()).expect("a raw message");
    decode_base64url(raw).expect("base64url")
}

/// A new message goes out as one `messages.send` POST whose MIME has the recipient and the
/// non-ASCII subject RFC 2047-encoded; Gmail (the sandbox) reads the subject back intact.
/// Without a recipient the send is refused before any request.
#[tokio::test]
async fn send_new_message_encodes_non_ascii_subject_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "send_gmail_message",
        json!({"to": "Priya Shah <priya.shah@example.com>", "subject": "Grüße aus Köln ☕", "body": "Bis bald!", "include_signature": false}),
    )
    .await;
    assert!(out.starts_with("Message sent.") && out.contains("Subject: Grüße aus Köln ☕"), "{out}");
    let sends = requests_for(&sb, "gmail.users.messages.send");
    assert_eq!(sends.len(), 1);
    assert_eq!((sends[0].method.as_str(), sends[0].path.as_str()), ("POST", "/gmail/v1/users/me/messages/send"));
    assert!(sends[0].body.as_ref().unwrap().get("threadId").is_none(), "a new message starts its own thread");
    let raw = raw_of(&sends[0]);
    let head = String::from_utf8_lossy(&raw);
    assert!(head.contains("Subject: =?utf-8?"), "non-ASCII subject is RFC 2047 encoded:\n{head}");
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.subject(), Some("Grüße aus Köln ☕"));
    let to: Vec<_> = p.to().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(to, ["priya.shah@example.com"]);
    assert_eq!(p.from().unwrap().first().unwrap().address(), Some(USER));
    assert_eq!(p.body_text(0).unwrap().trim_end(), "Bis bald!");

    let sent_id = values_after(&out, "Message ID: ").remove(0);
    let read_back = ok(&client, "get_gmail_message_content", json!({"message_id": sent_id})).await;
    assert!(read_back.contains("Subject: Grüße aus Köln ☕") && read_back.contains("SENT"), "{read_back}");

    let e = err(&client, "send_gmail_message", json!({"subject": "s", "body": "b"})).await;
    assert!(e.contains("send_gmail_message failed. Invalid input: to is required"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.send").len(), 1, "a refused send costs no request");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// A reply-all in a thread posts `threadId` and threads its MIME: In-Reply-To is the last
/// message's Message-ID and References runs from the first to the last. An unknown thread
/// is a 404 and nothing is sent.
#[tokio::test]
async fn reply_carries_thread_id_and_threading_headers_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let (_, thread) = find(&client, "subject:(Atlas Q3 roadmap review)").await.remove(0);
    let conversation = ok(&client, "get_gmail_thread_content", json!({"thread_id": thread})).await;
    let message_ids: Vec<String> = values_after(&conversation, "Message-ID: ")
        .into_iter()
        .map(|m| m.trim_matches(['<', '>']).to_string())
        .collect();
    assert_eq!(message_ids.len(), 4, "{conversation}");

    let out = ok(
        &client,
        "send_gmail_message",
        json!({"thread_id": thread, "reply_all": true, "body": "Thanks, looks good."}),
    )
    .await;
    assert!(out.contains(&format!("Thread ID: {thread}")), "{out}");
    let sends = requests_for(&sb, "gmail.users.messages.send");
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].body.as_ref().unwrap()["threadId"], thread.as_str());
    let raw = raw_of(&sends[0]);
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.subject(), Some("Re: Atlas Q3 roadmap review"));
    assert_eq!(p.in_reply_to().as_text(), Some(message_ids[3].as_str()));
    let refs: Vec<String> = match p.references().as_text_list() {
        Some(list) => list.iter().map(|s| s.to_string()).collect(),
        None => vec![p.references().as_text().unwrap().to_string()],
    };
    assert_eq!(refs.first(), Some(&message_ids[0]));
    assert_eq!(refs.last(), Some(&message_ids[3]));
    let to: Vec<_> = p.to().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(to, ["priya.shah@example.com"], "reply-all answers the last sender");

    let e =
        err(&client, "send_gmail_message", json!({"thread_id": "no-such-thread", "to": "a@example.com", "body": "x"}))
            .await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("threads/no-such-thread"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.send").len(), 1, "nothing sent for the unknown thread");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// A 503 on `messages.send` fails the tool with an actionable message, and the send is not
/// retried: the sandbox answered exactly one attempt (the fault) and no send got through.
#[tokio::test]
async fn send_is_not_retried_after_503_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    // Applies to every matching request until cleared, so a retry would hit it again.
    sb.inject(Fault::status("/gmail/v1/users/me/messages/send", 503).times(0));

    let e = err(
        &client,
        "send_gmail_message",
        json!({"to": "marco.bianchi@example.com", "subject": "Once", "body": "only once"}),
    )
    .await;
    assert!(e.contains("503") && e.contains("temporary server error") && e.contains("retry later"), "{e}");
    assert_eq!(sb.sandbox().faults_served(), 1, "exactly one send attempt reached Google");
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty());
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// draft_gmail_message posts `drafts.create` with the MIME under `message.raw` and sends
/// nothing; a draft without a body is refused, naming the argument.
#[tokio::test]
async fn draft_is_created_not_sent_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "draft_gmail_message", json!({"to": "marco.bianchi@example.com", "subject": "Atlas draft", "body": "Draft text", "include_signature": false})).await;
    assert!(out.starts_with("Draft saved (not sent).\nDraft ID: "), "{out}");
    let draft_id = values_after(&out, "Draft ID: ").remove(0);
    assert_ne!(draft_id, "r-7340918827164385021", "a new draft, not the seeded one");
    let create = requests_for(&sb, "gmail.users.drafts.create");
    assert_eq!(create.len(), 1);
    assert_eq!((create[0].method.as_str(), create[0].path.as_str()), ("POST", "/gmail/v1/users/me/drafts"));
    let raw = raw_of(&create[0]);
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.subject(), Some("Atlas draft"));
    assert_eq!(p.to().unwrap().first().unwrap().address(), Some("marco.bianchi@example.com"));
    assert!(requests_for(&sb, "gmail.users.messages.send").is_empty(), "a draft is never sent");

    let e = err(&client, "draft_gmail_message", json!({"subject": "No body"})).await;
    assert!(e.contains("Invalid input: body is required"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.drafts.create").len(), 1);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// manage_gmail_label create posts the label with its colour, delete removes it; a colour
/// off Gmail's palette is refused with the nearest allowed one, and deleting an unknown
/// label is a 404.
#[tokio::test]
async fn manage_label_create_and_delete_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(
        &client,
        "manage_gmail_label",
        json!({"action": "create", "name": "Clients/ACME", "background_color": "#FB4C2F", "text_color": "#ffffff"}),
    )
    .await;
    assert!(out.starts_with("Created label \"Clients/ACME\"."), "{out}");
    let id = out.split("(id: ").nth(1).and_then(|s| s.split(')').next()).expect("the new label id").to_string();
    let create = requests_for(&sb, "gmail.users.labels.create");
    assert_eq!(create.len(), 1);
    assert_eq!((create[0].method.as_str(), create[0].path.as_str()), ("POST", "/gmail/v1/users/me/labels"));
    assert_eq!(
        create[0].body.clone().unwrap(),
        json!({"name": "Clients/ACME", "labelListVisibility": "labelShow", "messageListVisibility": "show", "color": {"textColor": "#ffffff", "backgroundColor": "#fb4c2f"}})
    );

    let deleted = ok(&client, "manage_gmail_label", json!({"action": "delete", "label_id": id})).await;
    assert!(deleted.starts_with(&format!("Deleted label {id}.")), "{deleted}");
    let delete = requests_for(&sb, "gmail.users.labels.delete").pop().unwrap();
    assert_eq!(
        (delete.method.as_str(), delete.path),
        ("DELETE", format!("/gmail/v1/users/me/labels/{}", segment(&id)))
    );

    let before = sb.requests().len();
    let e = err(
        &client,
        "manage_gmail_label",
        json!({"action": "create", "name": "X", "background_color": "#fb4c30", "text_color": "#ffffff"}),
    )
    .await;
    assert!(e.contains("background_color") && e.contains("nearest allowed color is #fb4c2f"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reaches no API");
    let e = err(&client, "manage_gmail_label", json!({"action": "delete", "label_id": "Label_999"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("labels/Label_999"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// modify_gmail_message_labels posts addLabelIds/removeLabelIds to `messages.modify` and
/// reports the resulting labels; adding and removing the same label is refused.
#[tokio::test]
async fn modify_message_labels_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let (id, _) = find(&client, "subject:(Action required: your password expires)").await.remove(0);

    let out = ok(
        &client,
        "modify_gmail_message_labels",
        json!({"message_id": id, "add_label_ids": ["STARRED"], "remove_label_ids": ["UNREAD", "INBOX"]}),
    )
    .await;
    let now = out.split("Labels now: ").nth(1).expect("the resulting labels");
    assert!(now.contains("STARRED") && !now.contains("UNREAD") && !now.contains("INBOX"), "{out}");
    let modify = requests_for(&sb, "gmail.users.messages.modify");
    assert_eq!(modify.len(), 1);
    assert_eq!(
        (modify[0].method.as_str(), modify[0].path.clone()),
        ("POST", format!("/gmail/v1/users/me/messages/{id}/modify"))
    );
    assert_eq!(
        modify[0].body.clone().unwrap(),
        json!({"addLabelIds": ["STARRED"], "removeLabelIds": ["UNREAD", "INBOX"]})
    );

    let e = err(
        &client,
        "modify_gmail_message_labels",
        json!({"message_id": id, "add_label_ids": ["STARRED"], "remove_label_ids": ["STARRED"]}),
    )
    .await;
    assert!(e.contains("label STARRED is both added and removed"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.modify").len(), 1);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// batch_modify_gmail_message_labels sends all ids in one `messages.batchModify`, verifies
/// them through the batch endpoint and names the id Gmail skipped; with no ids it refuses.
#[tokio::test]
async fn batch_modify_uses_batch_modify_and_batch_reads_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let mut ids: Vec<String> = find(&client, "label:Receipts").await.into_iter().map(|(id, _)| id).collect();
    let real = ids.len();
    ids.push("bogus-message".into());

    let out =
        ok(&client, "batch_modify_gmail_message_labels", json!({"message_ids": ids, "add_label_ids": ["STARRED"]}))
            .await;
    assert!(out.contains(&format!("Verified: {real} of {} message(s)", real + 1)), "{out}");
    assert!(out.contains("Not found (Gmail skipped them): bogus-message"), "{out}");
    let bm = requests_for(&sb, "gmail.users.messages.batchModify");
    assert_eq!(bm.len(), 1);
    assert_eq!(bm[0].path, "/gmail/v1/users/me/messages/batchModify");
    let body = bm[0].body.clone().unwrap();
    assert_eq!(body["ids"], json!(ids));
    assert_eq!(body["addLabelIds"], json!(["STARRED"]));
    let reads = requests_for(&sb, "gmail.users.messages.get");
    assert_eq!(reads.len(), real + 1);
    assert!(reads.iter().all(|r| r.in_batch && r.query_param("format") == Some("minimal")), "{reads:#?}");

    let e = err(&client, "batch_modify_gmail_message_labels", json!({"add_label_ids": ["STARRED"]})).await;
    assert!(e.contains("pass message_ids and/or thread_ids"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.batchModify").len(), 1);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// manage_gmail_filter create posts criteria and action, the new filter is listed, delete
/// removes it; deleting an unknown filter is a 404.
#[tokio::test]
async fn manage_filter_create_and_delete_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(
        &client,
        "manage_gmail_filter",
        json!({"action": "create", "criteria": {"from": "orders@beanleaf.example"}, "filter_action": {"addLabelIds": ["STARRED"]}}),
    )
    .await;
    let id =
        out.split("Created filter ").nth(1).and_then(|s| s.split(".\n").next()).expect("the new filter id").to_string();
    let create = requests_for(&sb, "gmail.users.settings.filters.create");
    assert_eq!(create.len(), 1);
    assert_eq!((create[0].method.as_str(), create[0].path.as_str()), ("POST", "/gmail/v1/users/me/settings/filters"));
    assert_eq!(
        create[0].body.clone().unwrap(),
        json!({"criteria": {"from": "orders@beanleaf.example"}, "action": {"addLabelIds": ["STARRED"]}})
    );
    let listed = ok(&client, "list_gmail_filters", json!({})).await;
    assert!(
        listed.contains(&format!("Filter ID: {id}")) && listed.contains("ANe1BmjSandboxReceiptsFilter01"),
        "{listed}"
    );

    ok(&client, "manage_gmail_filter", json!({"action": "delete", "filter_id": id})).await;
    let delete = requests_for(&sb, "gmail.users.settings.filters.delete").pop().unwrap();
    assert_eq!(
        (delete.method.as_str(), delete.path),
        ("DELETE", format!("/gmail/v1/users/me/settings/filters/{}", segment(&id)))
    );

    let e = err(&client, "manage_gmail_filter", json!({"action": "delete", "filter_id": "no-such-filter"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("filters/no-such-filter"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// A send whose answer never arrives in time (Gmail took it; the reply is later than the
/// 1 s Google timeout) is reported as possibly sent, naming the Message-ID the binary gave
/// the message and the Sent folder, never "retry"; the advised `rfc822msgid:` search then
/// finds the one message that went out.
#[tokio::test]
async fn timed_out_send_says_it_may_have_gone_out_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("WORKSPACE_MCP_GOOGLE_API_TIMEOUT_SECONDS", "1");
    let client = stdio_client(cmd).await;
    sb.inject(Fault::late_answer("messages/send", 3_000));
    let e = err(
        &client,
        "send_gmail_message",
        json!({"to": "priya.shah@example.com", "subject": "Offsite dates", "body": "See you there.", "include_signature": false}),
    )
    .await;
    assert!(e.contains("may have gone out") && e.contains("Sent folder"), "{e}");
    assert!(!e.to_ascii_lowercase().contains("retry"), "{e}");
    let id = e.split("Message-ID is <").nth(1).and_then(|s| s.split('>').next()).expect("the Message-ID").to_string();
    let sends = requests_for(&sb, "gmail.users.messages.send");
    assert_eq!(sends.len(), 1, "sent once, never repeated");
    let sent = MessageParser::default().parse(&raw_of(&sends[0])).unwrap().message_id().map(str::to_string);
    assert_eq!(sent.as_deref(), Some(id.as_str()));
    let found = ok(&client, "search_gmail_messages", json!({"query": format!("rfc822msgid:{id}")})).await;
    assert!(found.contains("Found 1 message"), "{found}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}
