//! Writing: send and draft, new messages, replies, forwards, attachments, signatures.

use super::*;

// ---------------------------------------------------------------- send and draft

#[tokio::test]
async fn send_new_message_with_encoded_headers_and_attachments() {
    let env = Env::new().await;
    std::fs::write(env.dir.path().join("allowed/notes.txt"), "from disk").unwrap();
    std::fs::write(env.dir.path().join("attachments/report_abc-123.csv"), "a,b\n1,2\n").unwrap();
    let out = env
        .ok(
            "send_gmail_message",
            json!({
                "to": "Bob <bob@example.com>, carol@example.com",
                "cc": "dan@example.com",
                "bcc": "hidden@example.com",
                "subject": "Grüße aus Köln ☕",
                "body": "<p>Hallo <img src=\"cid:logo1\"></p>",
                "body_format": "html",
                "from_name": "Alex Rivera",
                "include_signature": false,
                "attachments": [
                    {"content": "aGVsbG8gd29ybGQ=", "filename": "hello.txt"},
                    {"content": "iVBORw0KGgo=", "filename": "logo.png", "mime_type": "image/png", "content_id": "logo1"},
                    {"path": env.dir.path().join("allowed/notes.txt").to_str().unwrap()},
                    {"url": "http://localhost:8000/attachments/abc-123"}
                ]
            }),
        )
        .await;
    assert!(out.text.starts_with("Message sent.") && out.text.contains("Thread ID: "), "{}", out.text);
    let sends = env.requests("gmail.users.messages.send");
    assert_eq!(sends.len(), 1);
    assert!(sends[0].body.as_ref().unwrap().get("threadId").is_none());
    let raw = raw_of(&sends[0]);
    let head = String::from_utf8_lossy(&raw);
    assert!(head.contains("=?utf-8?"), "non-ASCII subject is RFC 2047 encoded:\n{head}");
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.subject(), Some("Grüße aus Köln ☕"));
    assert_eq!(p.from().unwrap().first().unwrap().name(), Some("Alex Rivera"));
    assert_eq!(p.from().unwrap().first().unwrap().address(), Some(USER));
    assert_eq!(p.to().unwrap().as_list().unwrap().len(), 2);
    assert_eq!(p.cc().unwrap().first().unwrap().address(), Some("dan@example.com"));
    assert_eq!(p.bcc().unwrap().first().unwrap().address(), Some("hidden@example.com"));
    let names: Vec<String> = p.attachments().filter_map(|a| a.attachment_name().map(str::to_string)).collect();
    for n in ["hello.txt", "logo.png", "notes.txt", "report.csv"] {
        assert!(names.contains(&n.to_string()), "{n} missing from {names:?}");
    }
    let logo = p.attachments().find(|a| a.attachment_name() == Some("logo.png")).unwrap();
    assert_eq!(logo.content_id(), Some("logo1"));
    assert!(head.contains("multipart/related"));
    assert_eq!(p.attachments().find(|a| a.attachment_name() == Some("hello.txt")).unwrap().contents(), b"hello world");
    assert_eq!(p.attachments().find(|a| a.attachment_name() == Some("notes.txt")).unwrap().contents(), b"from disk");
    env.done();
}

#[tokio::test]
async fn send_refuses_bad_input_before_any_request() {
    let env = Env::new().await;
    let cases = [
        json!({"to": "a@example.com", "body": "hi"}),
        json!({"subject": "s", "body": "hi"}),
        json!({"to": "a@example.com", "subject": "s"}),
        json!({"to": "not an address", "subject": "s", "body": "b"}),
        json!({"to": "a@example.com", "subject": "s", "body": "&lt;div&gt;Hi&lt;/div&gt;", "body_format": "html"}),
        json!({"to": "a@example.com", "subject": "s", "body": "b", "reply_all": true}),
        json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"content": "!!!", "filename": "x"}]}),
        json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"path": "/etc/passwd", "content": "eA=="}]}),
        json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"url": "ftp://x.example/a"}]}),
    ];
    for args in cases {
        let e = env.err("send_gmail_message", args.clone()).await;
        assert!(is_invalid(&e), "{args}: {e}");
    }
    for path in ["/etc/passwd", "../outside.txt"] {
        let e = env
            .err(
                "send_gmail_message",
                json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"path": path}]}),
            )
            .await;
        assert!(matches!(e, ToolError::Refused(_)), "{path}: {e}");
    }
    let e = env
        .err("send_gmail_message", json!({"to": "a@example.com", "subject": "s", "body": "b", "attachments": [{"url": "http://127.0.0.1:9/secret"}]}))
        .await;
    assert!(matches!(e, ToolError::Refused(_)), "{e}");
    assert!(env.requests("gmail.users.messages.send").is_empty());
    env.done();
}

#[tokio::test]
async fn reply_all_threads_and_quotes() {
    let env = Env::new().await;
    let (_, thread) = env.find("subject:(Atlas Q3 roadmap review)").await.remove(0);
    let t = api::users_threads_get(&env.g(), &thread, Format::Metadata).await.unwrap();
    let last = t.messages.last().unwrap();
    let last_id = render::msg_header(last, "Message-ID").unwrap().trim_matches(['<', '>']).to_string();
    let first_id = render::msg_header(&t.messages[0], "Message-ID").unwrap().trim_matches(['<', '>']).to_string();

    let out = env
        .ok(
            "send_gmail_message",
            json!({"thread_id": thread, "reply_all": true, "quote_original": true, "body": "Thanks, looks good."}),
        )
        .await;
    assert!(out.text.contains(&format!("Thread ID: {thread}")), "{}", out.text);
    let send = env.requests("gmail.users.messages.send").pop().unwrap();
    assert_eq!(send.body.as_ref().unwrap()["threadId"], thread.as_str());
    let raw = raw_of(&send);
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.in_reply_to().as_text(), Some(last_id.as_str()));
    let refs: Vec<String> = p
        .references()
        .as_text_list()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .unwrap_or_else(|| vec![p.references().as_text().unwrap().to_string()]);
    assert_eq!(refs.first(), Some(&first_id));
    assert_eq!(refs.last(), Some(&last_id));
    assert_eq!(p.subject(), Some("Re: Atlas Q3 roadmap review"));
    let to: Vec<_> = p.to().unwrap().iter().filter_map(|a| a.address()).collect();
    let cc: Vec<_> = p.cc().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(to, vec!["priya.shah@example.com"]);
    assert_eq!(cc, vec!["marco.bianchi@example.com"]);
    let text = p.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.starts_with("Thanks, looks good.\n\n-- \nAlex Rivera"),
        "the seeded signature follows the reply: {text}"
    );
    assert!(text.contains("wrote:\n> Thanks both. Final roadmap attached"), "{text}");

    // The sent reply landed in the same thread.
    let after = api::users_threads_get(&env.g(), &thread, Format::Minimal).await.unwrap();
    assert_eq!(after.messages.len(), 5);

    let e =
        env.err("send_gmail_message", json!({"thread_id": "no-such-thread", "to": "a@example.com", "body": "x"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    let e = env
        .err(
            "send_gmail_message",
            json!({"thread_id": thread, "in_reply_to": "<nope@x>", "to": "a@example.com", "body": "x"}),
        )
        .await;
    assert!(is_invalid(&e), "{e}");
    env.done();
}

#[tokio::test]
async fn forward_carries_the_original_and_its_attachments() {
    let env = Env::new().await;
    let (id, _) = env.find("subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let out = env
        .ok("send_gmail_message", json!({"forward_message_id": id, "to": "ext@partner.example", "body": "FYI"}))
        .await;
    assert!(out.text.contains("Forwarded message") && out.text.contains("1 attachment(s)"), "{}", out.text);
    let raw = raw_of(&env.requests("gmail.users.messages.send").pop().unwrap());
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.subject(), Some("Fwd: Re: Atlas Q3 roadmap review"));
    let text = p.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.starts_with(
            "FYI\n\n---------- Forwarded message ---------\nFrom: \"Priya Shah\" <priya.shah@example.com>\nDate: "
        ),
        "{text}"
    );
    assert!(text.contains("Final roadmap attached"));
    assert!(p.attachments().any(|a| a.attachment_name() == Some("Atlas-Q3-Roadmap.pdf")));

    env.ok("draft_gmail_message", json!({"forward_message_id": id, "include_forwarded_attachments": false})).await;
    let raw = raw_of(&env.requests("gmail.users.drafts.create").pop().unwrap());
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.attachments().count(), 0);
    let e = env.err("send_gmail_message", json!({"forward_message_id": "missing", "to": "a@example.com"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    env.done();
}

#[tokio::test]
async fn draft_with_signature_and_rtl() {
    let env = Env::new().await;
    // Give the account a signature to append.
    let body = json!({"signature": "<div>Alex Rivera<br>Atlas PM</div>"});
    let path = format!("/gmail/v1/users/me/settings/sendAs/{}", wsmcp_core::google::segment(USER));
    let _: Value = env.g().patch(&wsmcp_core::google::ApiInfo::GMAIL, path).json(&body).send().await.unwrap();

    let out = env.ok("draft_gmail_message", json!({"subject": "Plan", "body": "Draft text"})).await;
    assert!(out.text.starts_with("Draft saved (not sent).\nDraft ID: "), "{}", out.text);
    let drafts = env.requests("gmail.users.drafts.create");
    let raw = raw_of(&drafts[0]);
    let p = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(p.body_text(0).unwrap().replace("\r\n", "\n").trim_end(), "Draft text\n\n-- \nAlex Rivera\nAtlas PM");
    assert!(p.to().is_none(), "a draft may have no recipient");
    assert!(!env.requests("gmail.users.settings.sendAs.list").is_empty());

    env.ok(
        "draft_gmail_message",
        json!({"subject": "RTL", "body": "<p>שלום</p>", "body_format": "html", "include_signature": false}),
    )
    .await;
    let raw = raw_of(&env.requests("gmail.users.drafts.create").pop().unwrap());
    let p = MessageParser::default().parse(&raw).unwrap();
    assert!(p.body_html(0).unwrap().starts_with("<div dir=\"rtl\"><p>שלום</p></div>"), "{:?}", p.body_html(0));

    let e = env.err("draft_gmail_message", json!({"subject": "No body"})).await;
    assert!(is_invalid(&e));
    env.done();
}

/// Under WORKSPACE_MCP_DISABLE_LOCAL_FILES an attachment by `path` is refused, even for a file
/// inside the allowed directories, before any request; base64 content still works.
#[tokio::test]
async fn local_paths_are_refused_when_local_files_are_off() {
    let env = Env::without_local_files().await;
    let allowed = env.dir.path().join("allowed/report.txt");
    std::fs::write(&allowed, "numbers").unwrap();
    for tool in ["send_gmail_message", "draft_gmail_message"] {
        let args = json!({"to": "a@example.com", "subject": "s", "body": "b",
            "attachments": [{"path": allowed.to_str().unwrap()}]});
        let e = env.err(tool, args).await;
        let text = e.to_string();
        assert!(matches!(e, ToolError::Refused(_)) && text.contains("WORKSPACE_MCP_DISABLE_LOCAL_FILES"), "{text}");
    }
    assert!(
        env.requests("gmail.users.messages.send").is_empty() && env.requests("gmail.users.drafts.create").is_empty()
    );
    let out = env
        .ok(
            "send_gmail_message",
            json!({"to": "a@example.com", "subject": "s", "body": "b",
                "attachments": [{"content": "bnVtYmVycw==", "filename": "report.txt"}]}),
        )
        .await;
    assert!(out.text.contains("report.txt"), "{}", out.text);
    env.done();
}
