//! The Keep emulation over real loopback HTTP: the seed, list filters and paging, creation
//! rules, deletes, sharing, attachment download, and the refusal of consumer accounts. Every
//! test ends by checking that its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use wsmcp_keep::sandbox::{self, seed::*};
use wsmcp_testkit::{Rest, enc};

const USER: &str = "alex.rivera@example.com";

async fn start_as(user: &str) -> Rest {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(user))).await;
    let base = format!("{}/v1", handle.url_for(sandbox::HOST));
    Rest::new(handle, base)
}

fn titles(body: &Value) -> Vec<String> {
    body["notes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn lists_leave_the_trash_out_unless_asked_and_page() {
    let api = start_as(USER).await;
    let (status, all) = api.get("/notes").await;
    assert_eq!(status, 200, "{all}");
    let names = titles(&all);
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"Hiring loop questions".to_string()), "shared with the user: {names:?}");
    assert!(!names.contains(&"Parking spot".to_string()), "{names:?}");
    let (_, trash) = api.get(&format!("/notes?filter={}", enc("trashed = true"))).await;
    assert_eq!(titles(&trash), ["Parking spot"]);
    assert!(trash["notes"][0]["trashTime"].is_string());

    let (_, first) = api.get("/notes?pageSize=2").await;
    assert_eq!(titles(&first).len(), 2);
    let token = first["nextPageToken"].as_str().unwrap();
    let (_, second) = api.get(&format!("/notes?pageSize=2&pageToken={token}")).await;
    assert_eq!(titles(&second).len(), 2);
    assert_ne!(titles(&first), titles(&second));

    let (status, err) = api.get(&format!("/notes?filter={}", enc("title = \"x\""))).await;
    assert_eq!((status, err["error"]["status"].as_str()), (400, Some("INVALID_ARGUMENT")), "{err}");
    api.assert_valid();
}

#[tokio::test]
async fn update_time_filters_compare_times() {
    let api = start_as(USER).await;
    let since = (wsmcp_testkit::now() - chrono::Duration::days(4)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (_, recent) = api.get(&format!("/notes?filter={}", enc(&format!("update_time > \"{since}\"")))).await;
    assert_eq!(titles(&recent), ["Atlas launch checklist", "Whiteboard – sync engine v2"]);
    api.assert_valid();
}

#[tokio::test]
async fn notes_are_created_as_keep_allows_and_read_back() {
    let api = start_as(USER).await;
    let body = json!({"title": "Groceries", "body": {"list": {"listItems": [
        {"text": {"text": "Milk"}, "checked": false, "childListItems": [{"text": {"text": "oat"}, "checked": true}]}
    ]}}});
    let (status, made) = api.post("/notes", body).await;
    assert_eq!(status, 200, "{made}");
    let name = made["name"].as_str().unwrap();
    assert_eq!(made["permissions"][0]["role"], "OWNER");
    assert_eq!(made["permissions"][0]["email"], USER);
    let (_, read) = api.get(&format!("/{name}")).await;
    assert_eq!(read["body"]["list"]["listItems"][0]["childListItems"][0]["text"]["text"], "oat");
    let (_, all) = api.get("/notes").await;
    assert_eq!(titles(&all)[0], "Groceries", "newest first");

    let both = json!({"body": {"text": {"text": "a"}, "list": {"listItems": []}}});
    let deep = json!({"body": {"list": {"listItems": [{"text": {"text": "a"}, "childListItems": [
        {"text": {"text": "b"}, "childListItems": [{"text": {"text": "c"}}]}]}]}}});
    let long = json!({"title": "t".repeat(1001)});
    for bad in [both, deep, long] {
        let (status, err) = api.post("/notes", bad.clone()).await;
        assert_eq!(status, 400, "{bad}: {err}");
    }
    api.assert_valid();
}

#[tokio::test]
async fn only_the_owner_deletes_and_deletes_are_final() {
    let api = start_as(USER).await;
    let (status, err) = api.delete(&format!("/notes/{HIRING_QUESTIONS}")).await;
    assert_eq!(status, 403, "a collaborator cannot delete: {err}");
    let (status, _) = api.delete(&format!("/notes/{OFFSITE_IDEAS}")).await;
    assert_eq!(status, 200);
    let (status, _) = api.get(&format!("/notes/{OFFSITE_IDEAS}")).await;
    assert_eq!(status, 404);
    let (status, _) = api.delete(&format!("/notes/{OFFSITE_IDEAS}")).await;
    assert_eq!(status, 404);
    api.assert_valid();
}

#[tokio::test]
async fn sharing_adds_writers_and_removes_them_but_never_the_owner() {
    let api = start_as(USER).await;
    let note = format!("notes/{OFFSITE_IDEAS}");
    let req =
        json!({"requests": [{"parent": note, "permission": {"email": "lena.fischer@example.com", "role": "WRITER"}}]});
    let (status, made) = api.post(&format!("/{note}/permissions:batchCreate"), req).await;
    assert_eq!(status, 200, "{made}");
    let perm = made["permissions"][0]["name"].as_str().unwrap().to_string();
    assert_eq!(made["permissions"][0]["user"]["email"], "lena.fischer@example.com");
    let owner_only = json!({"requests": [{"parent": note, "permission": {"email": "x@example.com", "role": "OWNER"}}]});
    let (status, _) = api.post(&format!("/{note}/permissions:batchCreate"), owner_only).await;
    assert_eq!(status, 400);

    let (_, read) = api.get(&format!("/{note}")).await;
    let owner = read["permissions"][0]["name"].as_str().unwrap().to_string();
    let (status, _) = api.post(&format!("/{note}/permissions:batchDelete"), json!({"names": [owner]})).await;
    assert_eq!(status, 400);
    let (status, _) = api.post(&format!("/{note}/permissions:batchDelete"), json!({"names": [perm]})).await;
    assert_eq!(status, 200);
    let (_, read) = api.get(&format!("/{note}")).await;
    assert_eq!(read["permissions"].as_array().unwrap().len(), 1);
    api.assert_valid();
}

#[tokio::test]
async fn attachments_download_in_a_listed_type_only() {
    let api = start_as(USER).await;
    let path = format!("/notes/{WHITEBOARD}/attachments/{WHITEBOARD_PHOTO}");
    let (_, meta) = api.get(&path).await;
    assert_eq!(meta["mimeType"], json!(["image/png"]));
    let url = format!("{}{path}?alt=media&mimeType=image%2Fpng", api.base);
    let bytes = api.client.get(&url).bearer_auth("t").send().await.unwrap().bytes().await.unwrap();
    assert_eq!(bytes.as_ref(), whiteboard_png().as_slice());
    let (status, _) = api.get(&format!("{path}?alt=media&mimeType=image%2Fjpeg")).await;
    assert_eq!(status, 400);
    api.assert_valid();
}

#[tokio::test]
async fn consumer_accounts_are_refused() {
    let api = start_as("alex.rivera@gmail.com").await;
    let (status, err) = api.get("/notes").await;
    assert_eq!(status, 403, "{err}");
    api.assert_valid();
}
