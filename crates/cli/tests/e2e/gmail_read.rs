//! The reading Gmail tools (and start_google_auth) through the real binary: search, message
//! and thread content (single and batch), attachments, labels and filters lists. Each test
//! checks a success, an error path, and the Google requests the sandbox saw; read retries,
//! malformed replies and injected 403s are shown here too.

use std::sync::Arc;

use base64::Engine as _;
use serde_json::json;
use wsmcp_core::google::{AccessToken, GoogleClient, GoogleCtx, RetryPolicy, build_http_client, segment};
use wsmcp_gmail::api::{self, Format};
use wsmcp_gmail::mime::decode_base64url;
use wsmcp_sandbox_kit::{Fault, SandboxHandle};

use crate::harness::{
    HttpServer, USER, assert_valid, call, command, err, find, ok, requests_for, sandbox, stdio_client, text,
    values_after,
};

/// The file name and bytes of attachment `index` of a message, read from the sandbox
/// directly (not through the binary), to compare what the tool hands back.
async fn sandbox_attachment(sb: &SandboxHandle, message_id: &str, index: usize) -> (String, Vec<u8>) {
    let http = build_http_client(&Default::default()).unwrap();
    let client = Arc::new(GoogleClient::new(http, Some(sb.base_url.clone()), RetryPolicy::default()));
    let g = GoogleCtx::new(client, AccessToken::new("test-token"), USER.into());
    let msg = api::users_messages_get(&g, message_id, Format::Full).await.unwrap();
    let info = wsmcp_gmail::render::attachments(msg.payload.as_ref()).remove(index);
    let bytes = match info.inline_data.as_deref() {
        Some(data) => decode_base64url(data).unwrap(),
        None => {
            let body = api::users_messages_attachments_get(&g, message_id, info.attachment_id.as_deref().unwrap())
                .await
                .unwrap();
            decode_base64url(body.data.as_deref().unwrap()).unwrap()
        }
    };
    (info.filename, bytes)
}

/// The `attachment_id` of entry `[index]` in a message content listing.
fn listed_attachment_id(content: &str, index: usize) -> String {
    values_after(content, "attachment_id: ")
        .into_iter()
        .nth(index)
        .unwrap_or_else(|| panic!("no attachment [{index}] in:\n{content}"))
}

/// search_gmail_messages sends the query as `q` and the page size as `maxResults`, pages
/// with `pageToken`, and a bad page_size fails before any request is made.
#[tokio::test]
async fn search_sends_q_and_pages_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let page1 = ok(&client, "search_gmail_messages", json!({"query": "label:Projects/Atlas", "page_size": 2})).await;
    assert!(page1.contains("Found 2 message(s) matching \"label:Projects/Atlas\""), "{page1}");
    assert!(page1.contains("https://mail.google.com/mail/u/0/#all/"), "{page1}");
    let token =
        page1.split("page_token=\"").nth(1).and_then(|s| s.split('"').next()).expect("a next page token").to_string();
    let list = requests_for(&sb, "gmail.users.messages.list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].method.as_str(), list[0].path.as_str()), ("GET", "/gmail/v1/users/me/messages"));
    assert_eq!(list[0].query_param("q"), Some("label:Projects/Atlas"));
    assert_eq!(list[0].query_param("maxResults"), Some("2"));

    let page2 = ok(
        &client,
        "search_gmail_messages",
        json!({"query": "label:Projects/Atlas", "page_size": 2, "page_token": token}),
    )
    .await;
    assert!(page2.contains("Message ID: "), "{page2}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.list")[1].query_param("pageToken"), Some(token.as_str()));

    let e = err(&client, "search_gmail_messages", json!({"query": "x", "page_size": 0})).await;
    assert!(e.contains("page_size must be between 1 and 500, got 0"), "{e}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.list").len(), 2, "bad input costs no request");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_gmail_message_content reads one message with format=full over HTTP; an unknown id
/// comes back as Google's 404 with advice to check the id.
#[tokio::test]
async fn message_content_over_http_and_unknown_id_is_404() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let (id, thread) = find(&client, "subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);

    let out = ok(&client, "get_gmail_message_content", json!({"message_id": id})).await;
    assert!(out.contains(&format!("Message ID: {id}\nThread ID: {thread}")), "{out}");
    assert!(out.contains("From: \"Priya Shah\" <priya.shah@example.com>"), "{out}");
    assert!(out.contains("Final roadmap attached"), "{out}");
    assert!(out.contains("[0] Atlas-Q3-Roadmap.pdf | application/pdf"), "{out}");
    let get = requests_for(&sb, "gmail.users.messages.get").pop().unwrap();
    assert_eq!(get.path, format!("/gmail/v1/users/me/messages/{id}"));
    assert_eq!(get.query_param("format"), Some("full"));
    assert!(!get.in_batch);

    let e = err(&client, "get_gmail_message_content", json!({"message_id": "doesnotexist"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("messages/doesnotexist"), "{e}");
    let get = requests_for(&sb, "gmail.users.messages.get").pop().unwrap();
    assert_eq!((get.path.as_str(), get.status), ("/gmail/v1/users/me/messages/doesnotexist", 404));
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Mail in legacy charsets reads back decoded through the binary: the sandbox serves each
/// body, as Gmail does, in the charset it declares (ISO-8859-1, ISO-2022-JP, KOI8-R) with
/// RFC 2047 subjects, and the tools decode them by that charset.
#[tokio::test]
async fn legacy_charsets_read_back_decoded_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let (german, _) = find(&client, "from:juergen.weiss@druckerei-weiss.example").await.remove(0);
    let (japanese, _) = find(&client, "from:kenji.watanabe@example.jp subject:見積り").await.remove(0);
    let (russian, russian_thread) = find(&client, "from:ivan.petrov@example.ru").await.remove(0);

    let out = ok(&client, "get_gmail_message_content", json!({"message_id": german})).await;
    assert!(out.contains("Subject: Lieferung verzögert: Messebroschüren für Atlas"), "{out}");
    assert!(out.contains("leider ist die Lieferung der Messebroschüren für den Atlas-Launch verzögert"), "{out}");
    assert!(!out.contains('\u{fffd}'), "{out}");

    let out = ok(&client, "get_gmail_messages_content_batch", json!({"message_ids": [japanese, russian]})).await;
    assert!(out.starts_with("Read 2 of 2 message(s)."), "{out}");
    assert!(out.contains("Subject: Atlas日本パイロットのお見積り") && out.contains("ライセンス50席"), "{out}");
    assert!(out.contains("Subject: Договор на поддержку Atlas") && out.contains("Договор подписан"), "{out}");

    let out = ok(&client, "get_gmail_thread_content", json!({"thread_id": russian_thread})).await;
    assert!(out.contains("Договор подписан, оригинал отправим почтой"), "{out}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_gmail_messages_content_batch reads through the batch endpoint, reports a missing id
/// in place while returning the others, and refuses an empty id list.
#[tokio::test]
async fn messages_batch_uses_the_batch_endpoint_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let ids: Vec<String> = find(&client, "label:Projects/Atlas").await.into_iter().map(|(id, _)| id).take(2).collect();

    let out =
        ok(&client, "get_gmail_messages_content_batch", json!({"message_ids": [ids[0], "missing-id", ids[1]]})).await;
    assert!(out.starts_with("Read 2 of 3 message(s); 1 failed."), "{out}");
    assert!(out.contains("Message ID: missing-id\nError: ") && out.contains("404"), "{out}");
    assert!(
        out.contains(&format!("Message ID: {}", ids[0])) && out.contains(&format!("Message ID: {}", ids[1])),
        "{out}"
    );
    let gets = requests_for(&sb, "gmail.users.messages.get");
    assert_eq!(gets.len(), 3, "{gets:#?}");
    assert!(gets.iter().all(|r| r.in_batch && r.query_param("format") == Some("full")), "{gets:#?}");
    // Ids go out as percent-encoded path segments.
    let missing = format!("/gmail/v1/users/me/messages/{}", segment("missing-id"));
    assert!(gets.iter().any(|r| r.path == missing && r.status == 404), "{gets:#?}");

    let e = err(&client, "get_gmail_messages_content_batch", json!({"message_ids": []})).await;
    assert!(e.contains("message_ids is empty"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_gmail_thread_content returns the whole conversation plus structured analysis over
/// HTTP; an unknown thread id is a 404.
#[tokio::test]
async fn thread_content_with_analysis_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let (_, thread) = find(&client, "subject:(Atlas Q3 roadmap review)").await.remove(0);

    let r = call(&client, "get_gmail_thread_content", json!({"thread_id": thread, "include_analysis": true})).await;
    let out = text(&r);
    assert_ne!(r.is_error, Some(true), "{out}");
    assert!(out.contains("Messages: 4") && out.contains("=== Message 4 of 4 ==="), "{out}");
    let s = r.structured_content.expect("structured analysis");
    assert_eq!(s["analysis"]["thread_id"], thread.as_str());
    assert_eq!(s["analysis"]["message_count"], 4);
    assert_eq!(s["analysis"]["ball_in_court_of"], "user");
    let get = requests_for(&sb, "gmail.users.threads.get").pop().unwrap();
    assert_eq!(get.path, format!("/gmail/v1/users/me/threads/{thread}"));
    assert_eq!(get.query_param("format"), Some("full"));

    let e = err(&client, "get_gmail_thread_content", json!({"thread_id": "nope"})).await;
    assert!(e.contains("404") && e.contains("Nothing was found at") && e.contains("threads/nope"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// get_gmail_threads_content_batch reads threads through the batch endpoint, reports a bogus
/// thread in place, and refuses a list of blank ids.
#[tokio::test]
async fn threads_batch_uses_the_batch_endpoint_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let (_, t1) = find(&client, "subject:(Atlas Q3 roadmap review)").await.remove(0);
    let (_, t2) = find(&client, "subject:(Order confirmation)").await.remove(0);

    let out = ok(&client, "get_gmail_threads_content_batch", json!({"thread_ids": [t1, "bogus-thread", t2]})).await;
    assert!(out.starts_with("Read 2 of 3 thread(s); 1 failed."), "{out}");
    assert!(out.contains("Thread ID: bogus-thread\nError: ") && out.contains("#BL-20931"), "{out}");
    let gets = requests_for(&sb, "gmail.users.threads.get");
    assert_eq!(gets.len(), 3, "{gets:#?}");
    assert!(gets.iter().all(|r| r.in_batch), "{gets:#?}");

    let e = err(&client, "get_gmail_threads_content_batch", json!({"thread_ids": [" "]})).await;
    assert!(e.contains("thread_ids is empty"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Over HTTP, get_gmail_attachment_content answers with a resource_link to
/// `http://localhost:<port>/attachments/<id>` whose download is the sandbox's attachment,
/// byte for byte; return_base64 adds the same bytes as base64.
#[tokio::test]
async fn attachment_over_http_is_a_link_serving_the_same_bytes() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let (id, _) = find(&client, "subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let (name, expected) = sandbox_attachment(&sb, &id, 0).await;
    let content = ok(&client, "get_gmail_message_content", json!({"message_id": id})).await;
    let attachment_id = listed_attachment_id(&content, 0);

    let r = call(
        &client,
        "get_gmail_attachment_content",
        json!({"message_id": id, "attachment_id": attachment_id, "attachment_index": 0, "return_base64": true}),
    )
    .await;
    let out = text(&r);
    assert_ne!(r.is_error, Some(true), "{out}");
    assert!(out.contains(&format!("File name: {name}")) && out.contains("Type: application/pdf"), "{out}");
    let link = r.content.iter().find_map(|c| c.as_resource_link()).expect("a resource_link block");
    let prefix = format!("http://localhost:{}/attachments/", server.port);
    let file_id = link.uri.strip_prefix(&prefix).unwrap_or_else(|| panic!("{} does not start with {prefix}", link.uri));
    assert_eq!(link.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(link.size, Some(expected.len() as u64));
    assert!(out.contains(&format!("Location: {}", link.uri)), "{out}");
    let b64 = out.split("Base64 (standard alphabet):\n").nth(1).expect("base64 on request").trim();
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(b64).unwrap(), expected);

    let download = reqwest::get(server.url(&format!("/attachments/{file_id}"))).await.unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.bytes().await.unwrap().as_ref(), expected.as_slice());
    let att = requests_for(&sb, "gmail.users.messages.attachments.get").pop().unwrap();
    assert!(att.path.starts_with(&format!("/gmail/v1/users/me/messages/{id}/attachments/")), "{}", att.path);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Over stdio the attachment is a `file://` resource_link to a local file with the same
/// bytes, without base64 unless asked; an out-of-range index says how many there are.
#[tokio::test]
async fn attachment_over_stdio_is_a_file_and_bad_index_is_named() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let (id, _) = find(&client, "subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let (_, expected) = sandbox_attachment(&sb, &id, 0).await;
    let content = ok(&client, "get_gmail_message_content", json!({"message_id": id})).await;

    let r = call(
        &client,
        "get_gmail_attachment_content",
        json!({"message_id": id, "attachment_id": listed_attachment_id(&content, 0)}),
    )
    .await;
    let out = text(&r);
    assert_ne!(r.is_error, Some(true), "{out}");
    assert!(!out.contains("Base64"), "base64 only on request: {out}");
    let link = r.content.iter().find_map(|c| c.as_resource_link()).expect("a resource_link block");
    let path = link.uri.strip_prefix("file://").unwrap_or_else(|| panic!("not a file URI: {}", link.uri));
    assert!(path.starts_with(home.path().to_str().unwrap()), "saved under the server's home: {path}");
    assert_eq!(std::fs::read(path).unwrap(), expected);

    let e = err(
        &client,
        "get_gmail_attachment_content",
        json!({"message_id": id, "attachment_id": "x", "attachment_index": 7}),
    )
    .await;
    assert!(e.contains("attachment_index 7 is out of range") && e.contains("has 1 attachment(s)"), "{e}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// list_gmail_labels lists and filters by prefix over HTTP; a Google 403 on the labels
/// endpoint is reported as an error naming the status.
#[tokio::test]
async fn labels_list_over_http_and_injected_403() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "list_gmail_labels", json!({"prefix": "Projects/", "compact": true})).await;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["labels"], json!([{"id": "Label_1", "name": "Projects/Atlas"}]), "{out}");
    let user = ok(&client, "list_gmail_labels", json!({"include_system": false})).await;
    assert!(user.contains("Receipts (id: Label_2)") && !user.contains("INBOX"), "{user}");
    let list = requests_for(&sb, "gmail.users.labels.list");
    assert!(!list.is_empty() && list.iter().all(|r| r.method == "GET" && r.path == "/gmail/v1/users/me/labels"));

    sb.inject(Fault::status("/gmail/v1/users/me/labels", 403));
    let e = err(&client, "list_gmail_labels", json!({})).await;
    assert!(e.contains("list_gmail_labels failed.") && e.contains("403"), "{e}");
    assert_eq!(sb.sandbox().faults_served(), 1);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// list_gmail_filters shows the seeded filter; a truncated (malformed) reply from Google is
/// a clear tool error, not a crash: the next call on the same connection works.
#[tokio::test]
async fn filters_list_and_malformed_reply_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let out = ok(&client, "list_gmail_filters", json!({})).await;
    assert!(out.contains("Filter ID: ANe1BmjSandboxReceiptsFilter01"), "{out}");
    assert!(out.contains("Adds labels: Receipts (Label_2)") && out.contains("Removes labels: INBOX"), "{out}");
    assert_eq!(requests_for(&sb, "gmail.users.settings.filters.list").len(), 1);

    sb.inject(Fault::malformed("/gmail/v1/users/me/settings/filters"));
    let e = err(&client, "list_gmail_filters", json!({})).await;
    assert!(e.contains("malformedResponse") && e.contains("could not be read"), "{e}");
    assert_eq!(sb.sandbox().faults_served(), 1);
    let again = ok(&client, "list_gmail_filters", json!({})).await;
    assert!(again.contains("ANe1BmjSandboxReceiptsFilter01"), "{again}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// A read answered 429 twice is retried (default backoff) and still succeeds; the sandbox
/// served both faults and logged the one attempt that got through.
#[tokio::test]
async fn read_succeeds_after_two_429s() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    sb.inject(Fault::status("/gmail/v1/users/me/messages", 429).times(2));

    let out = ok(&client, "search_gmail_messages", json!({"query": "from:priya.shah@example.com"})).await;
    assert!(out.contains("Message ID: "), "{out}");
    assert_eq!(sb.sandbox().faults_served(), 2);
    assert!(sb.sandbox().faults().is_empty(), "both uses of the fault were consumed");
    let list = requests_for(&sb, "gmail.users.messages.list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status, 200);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// Google's 403 "slow down" (rateLimitExceeded) is retried like a 429; a 403 for a disabled
/// API is not, and its message says where to enable the API.
#[tokio::test]
async fn rate_limit_403_is_retried_and_disabled_api_points_to_the_console() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    sb.inject(Fault::status("/gmail/v1/users/me/messages", 403).reason("rateLimitExceeded"));
    ok(&client, "search_gmail_messages", json!({"query": "is:unread"})).await;
    assert_eq!(sb.sandbox().faults_served(), 1);

    sb.inject(Fault::status("/gmail/v1/users/me/labels", 403).reason("SERVICE_DISABLED").times(0));
    let e = err(&client, "list_gmail_labels", json!({})).await;
    assert!(
        e.contains("SERVICE_DISABLED")
            && e.contains("https://console.cloud.google.com/apis/library/gmail.googleapis.com"),
        "{e}"
    );
    assert_eq!(sb.sandbox().faults_served(), 2, "a disabled API is not retried");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// start_google_auth over HTTP says no sign-in is needed in the sandbox; without its
/// required service_name it fails naming the missing argument.
#[tokio::test]
async fn start_google_auth_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "start_google_auth", json!({"service_name": "Gmail"})).await;
    assert!(out.contains("Google sign-in (Gmail)") && out.contains("Sandbox mode") && out.contains(USER), "{out}");
    let e = err(&client, "start_google_auth", json!({})).await;
    assert!(e.contains("start_google_auth failed.") && e.contains("service_name"), "{e}");
    assert!(sb.requests().is_empty(), "the sandbox account needs no Google request");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}
