//! list_contacts (paging, sorting, sync tokens), get_contact, search_contacts.

use super::*;

#[tokio::test]
async fn list_contacts_pages_sorts_and_syncs() {
    let env = Env::new().await;
    let out = env.ok("list_contacts", json!({"page_size": 3, "sort_order": "LAST_NAME_ASCENDING"})).await;
    assert!(out.starts_with(&format!("3 contact(s) (of 8) for {USER}:\n- Marco Bianchi (ID: {MARCO})")), "{out}");
    let req = env.last("people.people.connections.list");
    assert_eq!(req.query_param("sortOrder"), Some("LAST_NAME_ASCENDING"));
    assert_eq!(req.query_param("pageSize"), Some("3"));
    assert!(req.query_param("personFields").unwrap().contains("emailAddresses"));
    let token = id_after(&out, "page_token: ");
    let next = env
        .ok("list_contacts", json!({"page_size": 3, "sort_order": "LAST_NAME_ASCENDING", "page_token": token}))
        .await;
    assert!(!next.contains("Marco Bianchi") && next.contains("Priya Shah"), "{next}");

    // A full sync returns a token; after a deletion the next sync lists only the deletion.
    let full = env.ok("list_contacts", json!({"request_sync_token": true})).await;
    assert_eq!(env.last("people.people.connections.list").query_param("requestSyncToken"), Some("true"));
    let sync = id_after(&full, "sync_token for later changes): ");
    env.ok("manage_contact", json!({"action": "delete", "contact_id": DANA})).await;
    let changes = env.ok("list_contacts", json!({"sync_token": sync})).await;
    assert!(changes.starts_with("1 contact(s)") && changes.contains(&format!("- (deleted) (ID: {DANA})")), "{changes}");
    assert!(changes.contains("Sync token"), "{changes}");
    env.done();
}

#[tokio::test]
async fn list_contacts_refuses_bad_arguments() {
    let env = Env::new().await;
    env.refused(
        "list_contacts",
        &[
            json!({"page_size": 0}),
            json!({"page_size": 1001}),
            json!({"sort_order": "NEWEST"}),
            json!({"sort_order": "FIRST_NAME_ASCENDING", "request_sync_token": true}),
        ],
    )
    .await;
    let e = env.err("list_contacts", json!({"sync_token": "bm9wZQ"})).await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}

#[tokio::test]
async fn get_contact_shows_every_field() {
    let env = Env::new().await;
    let out = env.ok("get_contact", json!({"contact_id": format!("people/{LENA}")})).await;
    assert!(out.starts_with(&format!("Contact: Lena Fischer (ID: {LENA})\n")), "{out}");
    assert!(out.contains("- Phones: +49 30 5555 0178 (mobile); Internal: 250\n"), "{out}");
    assert!(out.contains("- Birthday: ") && out.contains(&format!("- Groups: myContacts; {ATLAS_TEAM}\n")), "{out}");
    assert_eq!(env.last("people.people.get").path, format!("/v1/people/{LENA}"));
    let e = env.err("get_contact", json!({"contact_id": "c1"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.refused("get_contact", &[json!({"contact_id": " "})]).await;
    env.done();
}

#[tokio::test]
async fn search_merges_contacts_other_contacts_and_the_directory() {
    let env = Env::new().await;
    let out = env.ok("search_contacts", json!({"query": "dana"})).await;
    assert!(out.starts_with(&format!("2 match(es) for 'dana' for {USER}:")), "{out}");
    assert!(out.contains(&format!("- Dana Whitfield (ID: {DANA}) | dana.whitfield@northwind.example")), "{out}");
    assert!(out.contains("Dana Fox") && out.contains("[other contact]"), "{out}");
    // Both contact searches were warmed up with an empty query first.
    let searches = env.requests("people.people.searchContacts");
    assert_eq!(searches.iter().map(|r| r.query_param("query").unwrap()).collect::<Vec<_>>(), ["", "dana"]);
    let others = env.requests("people.otherContacts.search");
    assert_eq!(others.iter().map(|r| r.query_param("query").unwrap()).collect::<Vec<_>>(), ["", "dana"]);
    let dir = env.last("people.people.searchDirectoryPeople");
    assert_eq!(dir.query_values("sources").len(), 2);

    // A saved contact also in the directory is one hit with both labels.
    let priya = env.ok("search_contacts", json!({"query": "priya sh", "page_size": 5})).await;
    assert!(priya.starts_with("1 match(es)") && priya.contains("[contact, directory]"), "{priya}");
    let by_phone = env.ok("search_contacts", json!({"query": "+39 02"})).await;
    assert!(by_phone.contains("Marco Bianchi"), "{by_phone}");
    env.refused("search_contacts", &[json!({"query": ""}), json!({"query": "a", "page_size": 31})]).await;
    env.done();
}

#[tokio::test]
async fn a_refused_source_is_named_not_fatal() {
    let env = Env::new().await;
    env.inject(Fault::status("people:searchDirectoryPeople", 403).reason("ACCESS_TOKEN_SCOPE_INSUFFICIENT"));
    let out = env.ok("search_contacts", json!({"query": "lena"})).await;
    assert!(out.contains("Lena Fischer") && out.contains("[contact]"), "{out}");
    assert!(out.contains("Note: The directory was not searched") && out.contains("403"), "{out}");
    // The contacts themselves failing fails the search.
    env.inject(Fault::status("people:searchContacts", 500).times(5));
    let e = env.err("search_contacts", json!({"query": "lena"})).await;
    assert!(is_google(&e, 500), "{e}");
    env.done();
}
