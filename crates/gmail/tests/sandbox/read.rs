//! Reading the seeded mailbox: profile, labels, search operators, message formats,
//! attachments, batch.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::Value;
use wsmcp_sandbox_kit::multipart;

use crate::support::{USER, label_ids, start, url_encode};

#[tokio::test]
async fn seed_loads() {
    let g = start().await;
    let (status, profile) = g.get("/profile").await;
    assert_eq!(status, 200);
    assert_eq!(profile["emailAddress"], USER);
    assert!(profile["messagesTotal"].as_u64().unwrap() >= 40);
    assert!(profile["threadsTotal"].as_u64().unwrap() >= 15);
    let (_, labels) = g.get("/labels").await;
    let labels = labels["labels"].as_array().unwrap();
    let atlas = labels.iter().find(|l| l["name"] == "Projects/Atlas").unwrap();
    assert_eq!(atlas["type"], "user");
    assert_eq!(atlas["color"]["backgroundColor"], "#4a86e8");
    assert!(labels.iter().any(|l| l["id"] == "INBOX" && l["type"] == "system"));
    let (_, send_as) = g.get("/settings/sendAs").await;
    assert_eq!(send_as["sendAs"][0]["sendAsEmail"], USER);
    assert!(send_as["sendAs"][0]["signature"].as_str().unwrap().contains("<div"));
    let (_, drafts) = g.get("/drafts").await;
    assert_eq!(drafts["drafts"].as_array().unwrap().len(), 1);
    let (_, filters) = g.get("/settings/filters").await;
    assert_eq!(filters["filter"].as_array().unwrap().len(), 1);
    let (status, error) = g.get("/messages/0123456789abcdef").await;
    assert_eq!(status, 404);
    assert_eq!(error["error"]["status"], "NOT_FOUND");
    let other = g
        .client
        .get(format!("{}/gmail.googleapis.com/gmail/v1/users/sam@example.com/profile", g.handle.base_url))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 403, "another user's mailbox is a delegation error");
    g.assert_valid();
}

#[tokio::test]
async fn search_operators() {
    let g = start().await;
    let from_priya = g.search("from:priya").await;
    assert!(from_priya.len() >= 5);
    for id in &from_priya {
        assert!(g.header(id, "From").await.contains("priya.shah@example.com"));
    }
    let unread = g.search("is:unread").await;
    // Six story mails plus two of the real-world ones (the German supplier, Dana's quote).
    assert_eq!(unread.len(), 8, "spam is unread too but excluded");
    let with_files = g.search("has:attachment").await;
    assert_eq!(with_files.len(), 8, "six story mails, the forwarded questionnaire, the delivery note");
    assert_eq!(g.search("filename:pdf").await.len(), 3, "the roadmap, the proposal, the delivery note");
    assert_eq!(g.search("from:priya has:attachment").await.len(), 3, "roadmap PDF, the invite, the forward");
    let no_files = g.search("from:priya -has:attachment").await;
    assert_eq!(no_files.len(), from_priya.len() - 3);

    let week = g.search("newer_than:7d").await;
    assert!(!week.is_empty());
    let now = wsmcp_testkit::now().timestamp_millis();
    for id in &week {
        let m = g.message(id, "format=minimal").await;
        let date: i64 = m["internalDate"].as_str().unwrap().parse().unwrap();
        assert!(date > now - 7 * 86_400_000);
    }
    let old = g.search("older_than:30d").await;
    assert!(!old.is_empty() && old.iter().all(|id| !week.contains(id)));
    let ten_days_ago = (wsmcp_testkit::now() - chrono::Duration::days(10)).format("%Y/%m/%d").to_string();
    let after = g.search(&format!("after:{ten_days_ago}")).await;
    let before = g.search(&format!("before:{ten_days_ago}")).await;
    assert_eq!(after.len() + before.len(), g.search("").await.len());

    let atlas = g.search("label:projects-atlas").await;
    assert!(atlas.len() >= 10);
    assert_eq!(g.search("label:\"Projects/Atlas\"").await, atlas);
    assert_eq!(g.search("label:Label_1").await, atlas);

    let kenji = g.search("from:kenji").await;
    let omar = g.search("from:omar").await;
    let either = g.search("from:kenji OR from:omar").await;
    assert_eq!(either.len(), kenji.len() + omar.len());
    assert_eq!(g.search("{from:kenji from:omar}").await.len(), either.len());
    assert_eq!(g.search("(from:kenji OR from:omar) has:attachment").await.len(), 1);

    assert_eq!(g.search("subject:\"roadmap review\"").await.len(), 4);
    assert!(!g.search("\"activation keys\"").await.is_empty());
    assert_eq!(g.search("打ち合わせ").await.len(), 3, "Japanese subject, substring match");
    assert_eq!(g.search("いかがでしょうか").await.len(), 1, "Japanese body text");
    assert!(g.search("gift card").await.is_empty(), "spam is excluded by default");
    assert_eq!(g.search("in:spam").await.len(), 1);
    assert_eq!(g.search("in:trash").await.len(), 1);
    let (_, with_spam) = g.get(&format!("/messages?includeSpamTrash=true&q={}", url_encode("gift card"))).await;
    assert_eq!(with_spam["resultSizeEstimate"], 1);
    assert!(g.search("in:sent").await.len() >= 10);
    assert_eq!(g.search("in:drafts").await.len(), 1);
    assert_eq!(g.search("is:starred").await.len(), 3);
    assert!(!g.search("label:inbox is:important").await.is_empty());

    let (_, and) = g.get("/messages?labelIds=INBOX&labelIds=UNREAD").await;
    assert_eq!(and["resultSizeEstimate"], 8, "the unread mails above, all in the inbox");
    let (_, page1) = g.get("/messages?maxResults=5").await;
    assert_eq!(page1["messages"].as_array().unwrap().len(), 5);
    let token = page1["nextPageToken"].as_str().unwrap();
    let (_, page2) = g.get(&format!("/messages?maxResults=5&pageToken={token}")).await;
    assert_ne!(page1["messages"][0]["id"], page2["messages"][0]["id"]);
    let (status, _) = g.get("/messages?pageToken=bogus").await;
    assert_eq!(status, 400);

    let log = g.handle.requests();
    let list = log.iter().find(|r| r.method_id.as_deref() == Some("gmail.users.messages.list")).unwrap();
    assert_eq!(list.query_param("q"), Some("from:priya"));
    g.assert_valid();
}

#[tokio::test]
async fn get_formats_and_attachments() {
    let g = start().await;
    let id = g.search("filename:Atlas-Q3-Roadmap.pdf").await.remove(0);
    let full = g.message(&id, "format=full").await;
    assert_eq!(full["payload"]["mimeType"], "multipart/mixed");
    assert_eq!(full["payload"]["partId"], "");
    assert_eq!(full["payload"]["parts"][0]["partId"], "0");
    assert_eq!(full["payload"]["parts"][0]["mimeType"], "text/plain");
    assert!(full["payload"]["parts"][0]["body"]["data"].is_string());
    let pdf_part = &full["payload"]["parts"][1];
    assert_eq!(pdf_part["filename"], "Atlas-Q3-Roadmap.pdf");
    assert!(pdf_part["body"].get("data").is_none());
    let attachment_id = pdf_part["body"]["attachmentId"].as_str().unwrap();
    let (status, attachment) = g.get(&format!("/messages/{id}/attachments/{attachment_id}")).await;
    assert_eq!(status, 200);
    let bytes = URL_SAFE.decode(attachment["data"].as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(attachment["size"].as_u64().unwrap() as usize, bytes.len());
    assert!(label_ids(&full).contains(&"STARRED".to_string()));
    assert!(full["snippet"].as_str().unwrap().starts_with("Thanks both."));
    let newsletter = g.message(&g.search("from:rustweekly").await.remove(0), "format=minimal").await;
    assert!(newsletter["snippet"].as_str().unwrap().contains("one year on Release notes"), "{newsletter}");
    assert!(full["historyId"].is_string() && full["internalDate"].is_string());

    let meta = g.message(&id, "format=metadata&metadataHeaders=Subject&metadataHeaders=from").await;
    let names: Vec<&str> =
        meta["payload"]["headers"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["From", "Subject"]);
    assert!(meta["payload"].get("parts").is_none());

    let raw = g.message(&id, "format=raw").await;
    let text = String::from_utf8(URL_SAFE.decode(raw["raw"].as_str().unwrap()).unwrap()).unwrap();
    assert!(text.contains("Message-ID: <") && text.contains("In-Reply-To:"));
    let minimal = g.message(&id, "format=minimal").await;
    assert!(minimal.get("payload").is_none() && minimal.get("raw").is_none());

    // RFC 2047 subjects come back decoded, and the inline logo is not "an attachment".
    let budget = g.search("filename:csv").await.remove(0);
    assert_eq!(g.header(&budget, "Subject").await, "Budget-Übersicht Oktober");
    let mockups = g.search("subject:\"design mockups\"").await;
    let first = g.message(mockups.last().unwrap(), "format=full").await;
    let related = &first["payload"]["parts"][0];
    assert_eq!(related["mimeType"], "multipart/related");
    assert_eq!(related["parts"][1]["filename"], "atlas-logo.png");
    assert!(related["parts"][1]["headers"].as_array().unwrap().iter().any(|h| h["name"] == "Content-ID"));
    let invite = g.search("subject:invitation").await.remove(0);
    let invite = g.message(&invite, "").await;
    let alternative = &invite["payload"]["parts"][0]["parts"];
    assert_eq!(alternative[2]["mimeType"], "text/calendar");
    let (status, _) = g.get(&format!("/messages/{id}?format=bogus")).await;
    assert_eq!(status, 400);
    let failures_so_far = g.handle.validation_failures();
    assert_eq!(failures_so_far, 1, "format=bogus is refused by Discovery validation");
}

#[tokio::test]
async fn batch_get_through_the_kit() {
    let g = start().await;
    let ids = g.search("from:priya").await;
    let mut body = String::new();
    for (i, id) in ids.iter().take(3).enumerate() {
        body.push_str(&format!(
            "--sep\r\nContent-Type: application/http\r\nContent-ID: <msg{i}>\r\n\r\nGET /gmail/v1/users/me/messages/{id}?format=metadata&metadataHeaders=Subject\r\n\r\n"
        ));
    }
    body.push_str("--sep--\r\n");
    let response = g
        .client
        .post(format!("{}/batch/gmail/v1", g.handle.url_for("gmail.googleapis.com")))
        .bearer_auth("t")
        .header("content-type", "multipart/mixed; boundary=sep")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
    let text = response.text().await.unwrap();
    let parts = multipart::parse(text.as_bytes(), &multipart::boundary(&content_type).unwrap()).unwrap();
    assert_eq!(parts.len(), 3);
    for (i, part) in parts.iter().enumerate() {
        assert_eq!(part.header("Content-ID"), Some(format!("<response-msg{i}>").as_str()));
        let http = String::from_utf8_lossy(&part.body).to_string();
        assert!(http.starts_with("HTTP/1.1 200 OK"), "{http}");
        let json: Value = serde_json::from_str(http.split("\r\n\r\n").nth(1).unwrap().trim()).unwrap();
        assert_eq!(json["id"], ids[i].as_str());
    }
    let inner = g.handle.requests().into_iter().filter(|r| r.in_batch).count();
    assert_eq!(inner, 3);
    g.assert_valid();
}
