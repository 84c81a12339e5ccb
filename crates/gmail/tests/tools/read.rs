//! Reading: search, message content (single and batch), threads, attachments.

use super::*;

// ---------------------------------------------------------------- search

#[tokio::test]
async fn search_pages_and_reads_headers() {
    let env = Env::new().await;
    let out = env.ok("search_gmail_messages", json!({"query": "label:Projects/Atlas", "page_size": 2})).await;
    assert!(out.text.contains("Found 2 message(s)"), "{}", out.text);
    assert!(out.text.contains("Thread ID: ") && out.text.contains("https://mail.google.com/mail/u/0/#all/"));
    let token = out
        .text
        .split("page_token=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a next page token")
        .to_string();
    let list = env.requests("gmail.users.messages.list");
    assert_eq!(list[0].query_param("q"), Some("label:Projects/Atlas"));
    assert_eq!(list[0].query_param("maxResults"), Some("2"));

    let page2 = env
        .ok(
            "search_gmail_messages",
            json!({"query": "label:Projects/Atlas", "page_size": 2, "page_token": token, "include_headers": true}),
        )
        .await;
    assert!(
        page2.text.contains("Subject: ") && page2.text.contains("From: ") && page2.text.contains("Labels: "),
        "{}",
        page2.text
    );
    assert_eq!(env.requests("gmail.users.messages.list")[1].query_param("pageToken"), Some(token.as_str()));
    let meta: Vec<_> = env
        .requests("gmail.users.messages.get")
        .into_iter()
        .filter(|r| r.query_param("format") == Some("metadata"))
        .collect();
    assert!(!meta.is_empty() && meta.iter().all(|r| r.in_batch), "metadata reads go through the batch endpoint");
    assert!(meta[0].query_values("metadataHeaders").contains(&"Subject"));

    let none = env.ok("search_gmail_messages", json!({"query": "from:nobody-at-all@nowhere.example"})).await;
    assert!(none.text.contains("No messages match"));
    env.done();
}

#[tokio::test]
async fn search_errors() {
    let env = Env::new().await;
    assert!(is_invalid(&env.err("search_gmail_messages", json!({"query": "x", "page_size": 0})).await));
    assert!(env.requests("gmail.users.messages.list").is_empty(), "bad input costs no request");
    env.handle.inject(Fault::status("/messages", 403));
    let e = env.err("search_gmail_messages", json!({"query": "x"})).await;
    assert!(matches!(e, ToolError::Google(_)) && e.to_string().contains("403"), "{e}");
    env.done();
}

// ---------------------------------------------------------------- read messages

#[tokio::test]
async fn message_content_text_html_raw_metadata() {
    let env = Env::new().await;
    let (id, thread) = env.find("subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await;
    assert!(out.text.contains(&format!("Message ID: {id}\nThread ID: {thread}")), "{}", out.text);
    assert!(out.text.contains("From: \"Priya Shah\" <priya.shah@example.com>"), "{}", out.text);
    assert!(out.text.contains("Final roadmap attached"));
    assert!(out.text.contains("[0] Atlas-Q3-Roadmap.pdf | application/pdf"), "{}", out.text);

    let meta = env.ok("get_gmail_message_content", json!({"message_id": id, "format": "metadata"})).await;
    assert!(
        meta.text.contains("Subject: Re: Atlas Q3 roadmap review") && !meta.text.contains("--- Body"),
        "{}",
        meta.text
    );
    assert!(env.requests("gmail.users.messages.get").iter().any(|r| r.query_param("format") == Some("metadata")));

    let raw = env.ok("get_gmail_message_content", json!({"message_id": id, "body_format": "raw"})).await;
    assert!(
        raw.text.contains("--- Raw message ---") && raw.text.contains("Content-Type: multipart/mixed"),
        "{}",
        raw.text
    );
    assert!(env.requests("gmail.users.messages.get").iter().any(|r| r.query_param("format") == Some("raw")));

    // HTML-only mail comes out as readable text, with its links on request.
    let html_id = env
        .insert(&html_mail(
            "Weekly news",
            r#"<h1>Big news</h1><p>Read <a href="https://news.example/a">the story</a>.</p>"#,
        ))
        .await;
    let text = env.ok("get_gmail_message_content", json!({"message_id": html_id, "include_links": true})).await;
    assert!(text.text.contains("# Big news") && text.text.contains("Read the story."), "{}", text.text);
    assert!(text.text.contains("Links (1):\n  https://news.example/a"), "{}", text.text);
    let as_html = env.ok("get_gmail_message_content", json!({"message_id": html_id, "body_format": "html"})).await;
    assert!(as_html.text.contains("<h1>Big news</h1>"));
    env.done();
}

#[tokio::test]
async fn long_bodies_are_cut_and_full_saves_them() {
    let env = Env::new().await;
    let body = "0123456789".repeat(2_500);
    let raw = format!("From: a@x.example\r\nTo: {USER}\r\nSubject: Long\r\nContent-Type: text/plain\r\n\r\n{body}\r\n");
    let id = env.insert(raw.as_bytes()).await;
    let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await;
    assert!(
        out.text.contains("the first 20,000 are shown and 5,000 were cut"),
        "{}",
        &out.text[out.text.len() - 500..]
    );
    assert!(out.files.is_empty());

    let full = env.ok("get_gmail_message_content", json!({"message_id": id, "full": true})).await;
    assert_eq!(full.files.len(), 1);
    let saved = std::fs::read_to_string(&full.files[0].path).unwrap();
    assert_eq!(saved.trim(), body);
    assert!(full.text.contains(&full.files[0].location()) && !full.text.contains(&body[..100]));

    let eml = env
        .ok(
            "get_gmail_message_content",
            json!({"message_id": id, "full": true, "body_format": "raw", "include_headers": false}),
        )
        .await;
    assert!(eml.files[0].name.starts_with("gmail-") && eml.files[0].name.ends_with(".eml"), "{:?}", eml.files[0]);
    assert!(std::fs::read_to_string(&eml.files[0].path).unwrap().contains("Subject: Long"));
    env.done();
}

#[tokio::test]
async fn message_content_errors() {
    let env = Env::new().await;
    let e = env.err("get_gmail_message_content", json!({"message_id": "doesnotexist"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    let e = env
        .err("get_gmail_message_content", json!({"message_id": "x", "format": "metadata", "include_headers": false}))
        .await;
    assert!(is_invalid(&e));
    let e = env
        .err("get_gmail_message_content", json!({"message_id": "x", "body_format": "raw", "include_headers": false}))
        .await;
    assert!(is_invalid(&e) && e.to_string().contains("full=true"));
    env.done();
}

#[tokio::test]
async fn batch_reports_failures_inline() {
    let env = Env::new().await;
    let ids: Vec<String> = env.find("label:Projects/Atlas").await.into_iter().map(|(id, _)| id).take(2).collect();
    let out = env.ok("get_gmail_messages_content_batch", json!({"message_ids": [ids[0], "missing-id", ids[1]]})).await;
    assert!(out.text.starts_with("Read 2 of 3 message(s); 1 failed."), "{}", out.text);
    assert!(out.text.contains("Message ID: missing-id\nError: ") && out.text.contains("404"), "{}", out.text);
    assert!(out.text.contains(&format!("Message ID: {}", ids[1])));
    let gets = env.requests("gmail.users.messages.get");
    assert!(gets.iter().filter(|r| r.query_param("format") == Some("full")).all(|r| r.in_batch));

    let meta = env.ok("get_gmail_messages_content_batch", json!({"message_ids": [ids[0]], "format": "metadata"})).await;
    assert!(meta.text.contains("Subject: ") && !meta.text.contains("--- Body"));
    assert!(is_invalid(&env.err("get_gmail_messages_content_batch", json!({"message_ids": [" "]})).await));
    env.done();
}

// ---------------------------------------------------------------- threads

#[tokio::test]
async fn thread_content_with_analysis() {
    let env = Env::new().await;
    let (_, thread) = env.find("subject:(Atlas Q3 roadmap review)").await.remove(0);
    let out = env.ok("get_gmail_thread_content", json!({"thread_id": thread, "include_analysis": true})).await;
    assert!(out.text.contains("Messages: 4"), "{}", out.text);
    let first = out.text.find("=== Message 1 of 4 ===").unwrap();
    let last = out.text.find("=== Message 4 of 4 ===").unwrap();
    assert!(first < last && out.text[first..].contains("can we review the Q3 roadmap"));
    let s = out.structured.expect("structured analysis");
    let a = &s["analysis"];
    assert_eq!(a["thread_id"], thread.as_str());
    assert_eq!(a["ball_in_court_of"], "user");
    assert_eq!(a["last_sender"], "\"Priya Shah\" <priya.shah@example.com>");
    assert_eq!(a["message_count"], 4);
    assert_eq!(a["message_count_by_sender"]["priya.shah@example.com"], 2);
    assert!(a["participants"].as_array().unwrap().contains(&json!("marco.bianchi@example.com")));
    assert!(s["content"].as_str().unwrap().contains("Reply owed: the user owes a reply"));

    let raw = env.ok("get_gmail_thread_content", json!({"thread_id": thread, "body_format": "raw"})).await;
    assert_eq!(raw.text.matches("--- Raw message ---").count(), 4);
    assert!(raw.text.contains("In-Reply-To: <"), "raw sources include headers");

    let e = env.err("get_gmail_thread_content", json!({"thread_id": "nope"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    env.done();
}

#[tokio::test]
async fn threads_batch_reports_failures_inline() {
    let env = Env::new().await;
    let (_, t1) = env.find("subject:(Atlas Q3 roadmap review)").await.remove(0);
    let (_, t2) = env.find("subject:(Order confirmation)").await.remove(0);
    let out = env
        .ok("get_gmail_threads_content_batch", json!({"thread_ids": [t1, "bogus-thread", t2], "include_links": true}))
        .await;
    assert!(out.text.starts_with("Read 2 of 3 thread(s); 1 failed."), "{}", out.text);
    assert!(out.text.contains("Thread ID: bogus-thread\nError: "));
    assert!(out.text.contains("Order #BL-20931") || out.text.contains("#BL-20931"));
    assert!(env.requests("gmail.users.threads.get").iter().all(|r| r.in_batch));
    assert!(is_invalid(&env.err("get_gmail_threads_content_batch", json!({"thread_ids": []})).await));
    env.done();
}

// ---------------------------------------------------------------- attachments

#[tokio::test]
async fn attachment_is_saved_by_index() {
    let env = Env::new().await;
    let (id, _) = env.find("subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let msg = api::users_messages_get(&env.g(), &id, Format::Full).await.unwrap();
    let listed = render::attachments(msg.payload.as_ref());
    let expected =
        api::users_messages_attachments_get(&env.g(), &id, listed[0].attachment_id.as_deref().unwrap()).await.unwrap();
    let expected = decode_base64url(expected.data.as_deref().unwrap()).unwrap();

    // A stale id plus the index: the current id is looked up.
    let out = env
        .ok(
            "get_gmail_attachment_content",
            json!({"message_id": id, "attachment_id": "stale-id", "attachment_index": 0, "return_base64": true}),
        )
        .await;
    assert_eq!(out.files.len(), 1);
    assert_eq!(std::fs::read(&out.files[0].path).unwrap(), expected);
    assert!(
        out.text.contains("File name: Atlas-Q3-Roadmap.pdf") && out.text.contains("Type: application/pdf"),
        "{}",
        out.text
    );
    assert!(out.text.contains(&wsmcp_gmail::mime::encode_standard(&expected)));
    let got = env.requests("gmail.users.messages.attachments.get");
    assert!(
        got.last().unwrap().path.ends_with(&wsmcp_core::google::segment(listed[0].attachment_id.as_deref().unwrap()))
    );

    let plain = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": listed[0].attachment_id}))
        .await;
    assert!(!plain.text.contains("Base64"), "base64 only on request");

    let e = env
        .err("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "x", "attachment_index": 7}))
        .await;
    assert!(is_invalid(&e) && e.to_string().contains("has 1 attachment(s)"), "{e}");
    env.done();
}

#[tokio::test]
async fn a_batch_of_several_requests_reports_progress_between_them() {
    let env = Env::new().await;
    let ids: Vec<String> = env.find("in:anywhere").await.into_iter().map(|(id, _)| id).collect();
    assert!(ids.len() > 25, "the seed has {} messages", ids.len());
    let take: Vec<String> = ids.into_iter().take(30).collect();
    env.ok("get_gmail_messages_content_batch", json!({"message_ids": take, "format": "metadata"})).await;
    let progress = env.notes.progress.lock().unwrap().clone();
    assert_eq!(
        progress.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(),
        [(25.0, Some(30.0)), (30.0, Some(30.0))],
        "{progress:?}"
    );
    env.done();
}
