//! The 8 Contacts tools through the real binary over stdio, against the seeded contacts of
//! alex.rivera@example.com (the Atlas team, Northwind, other contacts, the directory). One test
//! walks every tool: a contact created, found by search after the warm-up, read and updated
//! with its etag; an update from a stale etag refused; a group created, a member added and
//! read back; a batch; and an error path per tool. It checks the People requests the sandbox saw.

use serde_json::{Value, json};
use wsmcp_contacts::sandbox::seed::{ATLAS_TEAM, LENA, PRIYA};

use crate::harness::{USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next `)`, space, `|` or line end.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_contacts_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // list_contacts, get_contact on the seed.
    let all = ok(&client, "list_contacts", json!({"sort_order": "FIRST_NAME_ASCENDING"})).await;
    assert!(all.starts_with(&format!("8 contact(s) (of 8) for {USER}:\n- Dana Whitfield")), "{all}");
    let lena = ok(&client, "get_contact", json!({"contact_id": LENA})).await;
    assert!(lena.contains("Internal: 250") && lena.contains(ATLAS_TEAM), "{lena}");

    // A contact created, then found (after the warm-up), read and updated with its etag.
    let out = ok(
        &client,
        "manage_contact",
        json!({"action": "create", "given_name": "Zeynep", "family_name": "Kaya",
            "emails": [{"address": "zeynep.kaya@fabrikam.example", "type": "work"}]}),
    )
    .await;
    let id = id_after(&out, "(ID: ");
    let found = ok(&client, "search_contacts", json!({"query": "zeynep ka"})).await;
    assert!(found.contains(&format!("- Zeynep Kaya (ID: {id})")) && found.contains("[contact]"), "{found}");
    let queries: Vec<String> = requests_for(&sb, "people.people.searchContacts")
        .iter()
        .map(|r| r.query_param("query").unwrap().to_string())
        .collect();
    assert_eq!(queries, ["", "zeynep ka"], "the warm-up goes first");
    let got = ok(&client, "get_contact", json!({"contact_id": format!("people/{id}")})).await;
    assert!(got.contains("- Emails: zeynep.kaya@fabrikam.example (work)"), "{got}");
    let old_etag = {
        let r = reqwest::Client::new()
            .get(format!("{}/v1/people/{id}?personFields=names", sb.url_for(wsmcp_contacts::sandbox::HOST)))
            .bearer_auth("e2e")
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["etag"].as_str().unwrap().to_string()
    };
    let upd = ok(
        &client,
        "manage_contact",
        json!({"action": "update", "contact_id": id, "phones": [{"number": "+90 212 555 0100"}]}),
    )
    .await;
    assert!(upd.contains("- Phones: +90 212 555 0100"), "{upd}");
    let req = requests_for(&sb, "people.people.updateContact").pop().unwrap();
    assert_eq!(req.query_param("updatePersonFields"), Some("phoneNumbers"));
    assert_eq!(req.body.clone().unwrap()["etag"], old_etag.as_str(), "the etag of the read just before");
    // The etag read before that update is stale now: Google's FAILED_PRECONDITION.
    let stale = reqwest::Client::new()
        .patch(format!(
            "{}/v1/people/{id}:updateContact?updatePersonFields=biographies",
            sb.url_for(wsmcp_contacts::sandbox::HOST)
        ))
        .bearer_auth("e2e")
        .json(&json!({"etag": old_etag, "biographies": [{"value": "late"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 400);
    assert_eq!(stale.json::<Value>().await.unwrap()["error"]["status"], "FAILED_PRECONDITION");

    // Groups: create, add the contact, read back.
    let group =
        id_after(&ok(&client, "manage_contact_group", json!({"action": "create", "name": "Fabrikam"})).await, "(ID: ");
    ok(
        &client,
        "manage_contact_group",
        json!({"action": "modify_members", "group_id": group, "add_contact_ids": [id]}),
    )
    .await;
    let shown = ok(&client, "get_contact_group", json!({"group_id": group})).await;
    assert!(shown.contains("1 member(s)") && shown.contains(&format!("- Zeynep Kaya (ID: {id})")), "{shown}");
    let groups = ok(&client, "list_contact_groups", json!({})).await;
    assert!(groups.starts_with("8 contact group(s)") && groups.contains("- Fabrikam (ID: "), "{groups}");

    // A batch: create two, set their notes, delete them.
    let made = ok(
        &client,
        "manage_contacts_batch",
        json!({"action": "create", "contacts": [{"given_name": "Ana"}, {"given_name": "Ben"}]}),
    )
    .await;
    let (ana, ben) = (id_after(&made, "Ana (ID: "), id_after(&made, "Ben (ID: "));
    let set = ok(
        &client,
        "manage_contacts_batch",
        json!({"action": "update", "field": "biographies", "updates": [
            {"contact_id": ana, "notes": "Fabrikam buyer"}, {"contact_id": ben, "notes": "Fabrikam IT"}]}),
    )
    .await;
    assert!(set.starts_with("Updated biographies on 2 contact(s)"), "{set}");
    ok(&client, "manage_contacts_batch", json!({"action": "delete", "contact_ids": [ana, ben]})).await;
    assert_eq!(requests_for(&sb, "people.people.batchDeleteContacts").len(), 1);

    // An error path per tool.
    let e = err(&client, "get_contact", json!({"contact_id": "c1"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "manage_contact", json!({"action": "delete", "contact_id": "c1"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "manage_contact_group", json!({"action": "delete", "group_id": "myContacts"})).await;
    assert!(e.contains("400"), "system groups stay: {e}");
    let e = err(&client, "get_contact_group", json!({"group_id": "nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "manage_contacts_batch", json!({"action": "delete", "contact_ids": ["c1"]})).await;
    assert!(e.contains("400"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "list_contacts", json!({"page_size": 0})).await;
    assert!(e.contains("page_size"), "{e}");
    let e = err(&client, "search_contacts", json!({"query": " "})).await;
    assert!(e.contains("query"), "{e}");
    let e = err(&client, "list_contact_groups", json!({"page_size": 5000})).await;
    assert!(e.contains("page_size"), "{e}");
    let e = err(&client, "manage_contact", json!({"action": "update", "contact_id": PRIYA})).await;
    assert!(e.contains("at least one"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
