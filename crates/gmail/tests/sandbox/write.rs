//! Changing the mailbox: send and threading, modify/trash, labels, drafts, filters, reset.

use serde_json::{Value, json};

use crate::support::{USER, label_ids, raw, start};

#[tokio::test]
async fn send_threads_a_reply() {
    let g = start().await;
    let thread_msgs = g.search("subject:\"roadmap review\"").await;
    let last = g.message(&thread_msgs[0], "format=metadata&metadataHeaders=Message-ID").await;
    let parent = last["payload"]["headers"][0]["value"].as_str().unwrap().to_string();
    let reply = format!(
        "From: Alex Rivera <{USER}>\nTo: priya.shah@example.com\nSubject: Re: Atlas Q3 roadmap review\n\
         In-Reply-To: {parent}\nReferences: {parent}\n\nThanks Priya, looks good.\n"
    );
    let (status, sent) = g.post("/messages/send", json!({ "raw": raw(&reply) })).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["threadId"], last["threadId"], "threaded by In-Reply-To and subject");
    assert_eq!(label_ids(&sent), vec!["SENT"]);
    let (_, thread) = g.get(&format!("/threads/{}?format=minimal", last["threadId"].as_str().unwrap())).await;
    assert_eq!(thread["messages"].as_array().unwrap().len(), 5);
    assert_eq!(thread["messages"][4]["id"], sent["id"]);

    let fresh = "To: dana.whitfield@northwind.example\nSubject: A new topic\n\nHello\n";
    let (_, new_thread) = g.post("/messages/send", json!({ "raw": raw(fresh) })).await;
    assert_eq!(new_thread["threadId"], new_thread["id"]);
    let stored = g.message(new_thread["id"].as_str().unwrap(), "format=metadata").await;
    let names: Vec<&str> =
        stored["payload"]["headers"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Message-ID") && names.contains(&"Date") && names.contains(&"From"), "{names:?}");

    let explicit = "To: priya.shah@example.com\nSubject: Re: Atlas Q3 roadmap review\n\nOne more thing.\n";
    let (_, in_thread) = g.post("/messages/send", json!({ "raw": raw(explicit), "threadId": last["threadId"] })).await;
    assert_eq!(in_thread["threadId"], last["threadId"]);

    let to_self = format!("To: {USER}\nSubject: Note to self\n\nBuy milk\n");
    let upload = g
        .client
        .post(format!(
            "{}/upload/gmail/v1/users/me/messages/send?uploadType=media",
            g.handle.url_for("gmail.googleapis.com")
        ))
        .bearer_auth("t")
        .header("content-type", "message/rfc822")
        .body(to_self.replace('\n', "\r\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status().as_u16(), 200);
    let uploaded: Value = upload.json().await.unwrap();
    assert_eq!(label_ids(&uploaded), vec!["SENT", "INBOX"]);

    let related = format!(
        "--b\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{}\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n\
         To: priya.shah@example.com\r\nSubject: Re: Atlas Q3 roadmap review\r\n\r\nvia multipart\r\n--b--\r\n",
        json!({ "threadId": last["threadId"] })
    );
    let upload = g
        .client
        .post(format!(
            "{}/upload/gmail/v1/users/me/messages/send?uploadType=multipart",
            g.handle.url_for("gmail.googleapis.com")
        ))
        .bearer_auth("t")
        .header("content-type", "multipart/related; boundary=b")
        .body(related)
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status().as_u16(), 200);
    assert_eq!(upload.json::<Value>().await.unwrap()["threadId"], last["threadId"]);

    let (status, error) = g.post("/messages/send", json!({ "threadId": "x" })).await;
    assert_eq!(status, 400, "{error}");
    let (status, _) = g.post("/messages/send", json!({ "raw": raw("Subject: nobody\n\nhi\n") })).await;
    assert_eq!(status, 400, "no recipients");
    g.assert_valid();
}

#[tokio::test]
async fn modify_trash_and_batch_modify() {
    let g = start().await;
    let unread = g.search("is:unread").await;
    let (status, modified) = g
        .post(
            &format!("/messages/{}/modify", unread[0]),
            json!({ "removeLabelIds": ["UNREAD"], "addLabelIds": ["STARRED"] }),
        )
        .await;
    assert_eq!(status, 200);
    assert!(label_ids(&modified).contains(&"STARRED".to_string()));
    let (status, error) =
        g.post(&format!("/messages/{}/modify", unread[0]), json!({ "addLabelIds": ["Label_99"] })).await;
    assert_eq!(status, 400);
    assert!(error["error"]["message"].as_str().unwrap().starts_with("Invalid label"));

    let mut ids = unread[1..].to_vec();
    ids.push("ffffffffffffffff".into());
    let (status, _) = g.post("/messages/batchModify", json!({ "ids": ids, "removeLabelIds": ["UNREAD"] })).await;
    assert_eq!(status, 204);
    assert!(g.search("is:unread").await.is_empty());
    let too_many: Vec<String> = (0..1001).map(|i| format!("{i:016x}")).collect();
    let (status, _) = g.post("/messages/batchModify", json!({ "ids": too_many, "addLabelIds": ["STARRED"] })).await;
    assert_eq!(status, 400);

    let (status, trashed) = g.post(&format!("/messages/{}/trash", unread[0]), json!({})).await;
    assert_eq!(status, 200);
    assert!(label_ids(&trashed).contains(&"TRASH".to_string()));
    assert!(!g.search("").await.contains(&unread[0]));
    assert!(g.search("in:trash").await.contains(&unread[0]));
    let (_, untrashed) = g.post(&format!("/messages/{}/untrash", unread[0]), json!({})).await;
    assert!(!label_ids(&untrashed).contains(&"TRASH".to_string()));
    let (status, _) = g.call(reqwest::Method::DELETE, &format!("/messages/{}", unread[0]), None).await;
    assert_eq!(status, 204);
    let (status, _) = g.get(&format!("/messages/{}", unread[0])).await;
    assert_eq!(status, 404);

    let (_, threads) = g.get("/threads?q=from%3Adana&maxResults=10").await;
    // The order #4471 thread and her renewal quote (a real-world seed mail).
    assert_eq!(threads["threads"].as_array().unwrap().len(), 2);
    let thread_id = threads["threads"][0]["id"].as_str().unwrap();
    let (status, thread) = g.post(&format!("/threads/{thread_id}/modify"), json!({ "addLabelIds": ["Label_1"] })).await;
    assert_eq!(status, 200);
    assert!(thread["messages"].as_array().unwrap().iter().all(|m| label_ids(m).contains(&"Label_1".to_string())));
    g.assert_valid();
}

#[tokio::test]
async fn labels_crud_with_palette() {
    let g = start().await;
    let new_label = json!({
        "name": "Follow-up", "labelListVisibility": "labelShow", "messageListVisibility": "show",
        "color": { "backgroundColor": "#fad165", "textColor": "#000000" }
    });
    let (status, created) = g.post("/labels", new_label.clone()).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(id, "Label_3");
    let (status, conflict) = g.post("/labels", new_label).await;
    assert_eq!(status, 409);
    assert_eq!(conflict["error"]["message"], "Label name exists or conflicts");
    let bad = json!({ "name": "Odd", "labelListVisibility": "labelShow", "messageListVisibility": "show", "color": { "backgroundColor": "#123456", "textColor": "#000000" } });
    assert_eq!(g.post("/labels", bad).await.0, 400);

    let (status, patched) =
        g.call(reqwest::Method::PATCH, &format!("/labels/{id}"), Some(json!({ "name": "Follow up" }))).await;
    assert_eq!(status, 200);
    assert_eq!(patched["name"], "Follow up");
    assert_eq!(patched["color"]["backgroundColor"], "#fad165");
    let (status, _) =
        g.call(reqwest::Method::PATCH, &format!("/labels/{id}"), Some(json!({ "name": "Receipts" }))).await;
    assert_eq!(status, 409);
    let update = json!({ "id": id, "name": "Waiting", "labelListVisibility": "labelShowIfUnread", "messageListVisibility": "hide" });
    let (status, updated) = g.call(reqwest::Method::PUT, &format!("/labels/{id}"), Some(update)).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["labelListVisibility"], "labelShowIfUnread");

    let target = g.search("from:dana").await;
    g.post("/messages/batchModify", json!({ "ids": target, "addLabelIds": [id] })).await;
    let (_, counted) = g.get(&format!("/labels/{id}")).await;
    // Three mails of the order #4471 thread and the renewal quote, both threads unread.
    assert_eq!(counted["messagesTotal"], 4);
    assert_eq!(counted["threadsTotal"], 2);
    assert_eq!(counted["messagesUnread"], 2);
    let (_, inbox) = g.get("/labels/INBOX").await;
    assert!(inbox["messagesTotal"].as_u64().unwrap() > 10);

    let (status, _) = g.call(reqwest::Method::DELETE, "/labels/INBOX", None).await;
    assert_eq!(status, 400);
    let (status, _) = g.call(reqwest::Method::PATCH, "/labels/SENT", Some(json!({ "name": "Outbox2" }))).await;
    assert_eq!(status, 400);
    let (status, _) = g.call(reqwest::Method::DELETE, &format!("/labels/{id}"), None).await;
    assert_eq!(status, 204);
    assert_eq!(g.get(&format!("/labels/{id}")).await.0, 404);
    assert!(g.search(&format!("label:{id}")).await.is_empty());
    g.assert_valid();
}

#[tokio::test]
async fn drafts_create_update_send() {
    let g = start().await;
    let message = "To: marco.bianchi@example.com\nSubject: Sidebar width\n\nCan we try 240px?\n";
    let (status, draft) = g.post("/drafts", json!({ "message": { "raw": raw(message) } })).await;
    assert_eq!(status, 200, "{draft}");
    let draft_id = draft["id"].as_str().unwrap().to_string();
    assert!(draft_id.starts_with('r'));
    assert_eq!(label_ids(&draft["message"]), vec!["DRAFT"]);
    let (_, listed) = g.get("/drafts").await;
    assert_eq!(listed["drafts"].as_array().unwrap().len(), 2);

    let updated_text = "To: marco.bianchi@example.com\nSubject: Sidebar width\n\nCan we try 220px?\n";
    let (status, updated) = g
        .call(
            reqwest::Method::PUT,
            &format!("/drafts/{draft_id}"),
            Some(json!({ "id": draft_id, "message": { "raw": raw(updated_text) } })),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_ne!(updated["message"]["id"], draft["message"]["id"]);
    let (_, fetched) = g.get(&format!("/drafts/{draft_id}?format=full")).await;
    assert!(fetched["message"]["snippet"].as_str().unwrap().contains("220px"));

    let (status, sent) = g.post("/drafts/send", json!({ "id": draft_id })).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(label_ids(&sent), vec!["SENT"]);
    assert_eq!(g.get(&format!("/drafts/{draft_id}")).await.0, 404);
    assert!(g.search("in:sent subject:sidebar").await.contains(&sent["id"].as_str().unwrap().to_string()));
    assert!(g.search("in:drafts subject:sidebar").await.is_empty());
    let (_, listed) = g.get("/drafts").await;
    assert_eq!(listed["drafts"].as_array().unwrap().len(), 1);
    let seeded = listed["drafts"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(g.call(reqwest::Method::DELETE, &format!("/drafts/{seeded}"), None).await.0, 204);
    assert_eq!(g.post("/drafts/send", json!({ "id": "r-1" })).await.0, 404);
    g.assert_valid();
}

#[tokio::test]
async fn filters_create_list_delete() {
    let g = start().await;
    let filter = json!({ "criteria": { "from": "newsletter@rustweekly.example" }, "action": { "addLabelIds": ["Label_1"], "removeLabelIds": ["INBOX"] } });
    let (status, created) = g.post("/settings/filters", filter.clone()).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["criteria"]["from"], "newsletter@rustweekly.example");
    let (_, list) = g.get("/settings/filters").await;
    assert_eq!(list["filter"].as_array().unwrap().len(), 2);
    assert_eq!(g.get(&format!("/settings/filters/{id}")).await.1["action"]["addLabelIds"][0], "Label_1");
    assert_eq!(g.post("/settings/filters", filter).await.0, 400, "duplicate");
    assert_eq!(
        g.post("/settings/filters", json!({ "criteria": {}, "action": { "addLabelIds": ["STARRED"] } })).await.0,
        400
    );
    assert_eq!(
        g.post("/settings/filters", json!({ "criteria": { "from": "x" }, "action": { "addLabelIds": ["Label_42"] } }))
            .await
            .0,
        400
    );
    assert_eq!(g.call(reqwest::Method::DELETE, &format!("/settings/filters/{id}"), None).await.0, 204);
    let (_, list) = g.get("/settings/filters").await;
    assert_eq!(list["filter"].as_array().unwrap().len(), 1);
    assert_eq!(g.call(reqwest::Method::DELETE, &format!("/settings/filters/{id}"), None).await.0, 404);
    g.assert_valid();
}

#[tokio::test]
async fn reset_reseeds() {
    let g = start().await;
    let before = g.get("/profile").await.1["messagesTotal"].as_u64().unwrap();
    let id = g.search("").await.remove(0);
    assert_eq!(g.call(reqwest::Method::DELETE, &format!("/messages/{id}"), None).await.0, 204);
    assert_eq!(g.get("/profile").await.1["messagesTotal"].as_u64().unwrap(), before - 1);
    let reset = g.client.post(format!("{}/_sandbox/reset", g.handle.base_url)).send().await.unwrap();
    assert_eq!(reset.status().as_u16(), 204);
    assert_eq!(g.get("/profile").await.1["messagesTotal"].as_u64().unwrap(), before);
}
