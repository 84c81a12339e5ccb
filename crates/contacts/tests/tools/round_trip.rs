//! The round trips of the issue: a contact created, found by search (after the warm-up) and
//! read back, then updated with its etag; a group created, a member added and read back.

use super::*;

#[tokio::test]
async fn create_search_get_update_a_contact_and_group_it() {
    let env = Env::new().await;
    // Warm the search cache before the contact exists: only the tool's own warm-up finds it.
    env.ok("search_contacts", json!({"query": "zeynep"})).await;
    let out = env
        .ok(
            "manage_contact",
            json!({"action": "create", "given_name": "Zeynep", "family_name": "Kaya",
            "emails": [{"address": "zeynep.kaya@fabrikam.example"}], "nicknames": [{"value": "Zey"}]}),
        )
        .await;
    let id = id_after(&out, "(ID: ");
    let found = env.ok("search_contacts", json!({"query": "zey"})).await;
    assert!(
        found.starts_with("1 match(es)")
            && found.contains(&format!("- Zeynep Kaya (ID: {id}) | zeynep.kaya@fabrikam.example [contact]")),
        "{found}"
    );
    let got = env.ok("get_contact", json!({"contact_id": id})).await;
    assert!(got.contains("- Nicknames: Zey\n") && got.contains("- Groups: myContacts\n"), "{got}");

    let reads = env.requests("people.people.get").len();
    let out = env
        .ok(
            "manage_contact",
            json!({"action": "update", "contact_id": id, "phones": [{"number": "+90 212 555 0100", "type": "work"}]}),
        )
        .await;
    assert!(out.contains("- Phones: +90 212 555 0100 (work)\n") && out.contains("- Nicknames: Zey"), "{out}");
    let sent = env.last("people.people.updateContact").body.clone().unwrap();
    assert_eq!(env.requests("people.people.get").len(), reads + 1, "the update read the contact and its etag first");
    assert!(sent["etag"].as_str().is_some_and(|e| got.is_empty() || e.starts_with('%')), "{sent}");

    let group =
        id_after(&env.ok("manage_contact_group", json!({"action": "create", "name": "Fabrikam"})).await, "(ID: ");
    env.ok("manage_contact_group", json!({"action": "modify_members", "group_id": group, "add_contact_ids": [id]}))
        .await;
    let shown = env.ok("get_contact_group", json!({"group_id": group})).await;
    assert!(
        shown.contains("| user group | 1 member(s)") && shown.contains(&format!("  - Zeynep Kaya (ID: {id})")),
        "{shown}"
    );
    let got = env.ok("get_contact", json!({"contact_id": id})).await;
    assert!(got.contains(&format!("- Groups: myContacts; {group}\n")), "{got}");
    env.done();
}
