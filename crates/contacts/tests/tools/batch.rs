//! manage_contacts_batch: create, update one field (etags read in one batchGet), delete.

use super::*;

#[tokio::test]
async fn batch_create_update_and_delete() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_contacts_batch",
            json!({"action": "create", "contacts": [
                {"given_name": "Ana", "family_name": "Silva", "emails": [{"address": "ana.silva@fabrikam.example"}]},
                {"given_name": "Ben", "phone": "+1 206 555 0111"}]}),
        )
        .await;
    assert!(out.starts_with("Created 2 contact(s):\n- Ana Silva (ID: c"), "{out}");
    let req = env.last("people.people.batchCreateContacts");
    let body = req.body.clone().unwrap();
    assert_eq!(
        body["contacts"][1],
        json!({"contactPerson": {"names": [{"givenName": "Ben"}],
        "phoneNumbers": [{"value": "+1 206 555 0111", "type": "mobile"}]}})
    );
    let ana = id_after(&out, "Ana Silva (ID: ");
    let ben = id_after(&out, "Ben (ID: ");

    let out = env
        .ok(
            "manage_contacts_batch",
            json!({"action": "update", "field": "organizations", "updates": [
                {"contact_id": ana, "organizations": [{"name": "Fabrikam", "title": "Buyer"}]},
                {"contact_id": format!("people/{ben}"), "organization": "Fabrikam"}]}),
        )
        .await;
    assert!(out.starts_with("Updated organizations on 2 contact(s):"), "{out}");
    assert!(out.contains("| Fabrikam, Buyer"), "{out}");
    assert_eq!(env.last("people.people.getBatchGet").query_values("resourceNames").len(), 2);
    let upd = env.last("people.people.batchUpdateContacts").body.clone().unwrap();
    assert_eq!(upd["updateMask"], "organizations");
    assert!(upd["contacts"][format!("people/{ana}")]["etag"].as_str().is_some(), "{upd}");

    let out = env.ok("manage_contacts_batch", json!({"action": "delete", "contact_ids": [ana, ben, ana]})).await;
    assert_eq!(out, format!("Deleted 2 contact(s): {ana}, {ben}\n"));
    assert_eq!(
        env.last("people.people.batchDeleteContacts").body.clone().unwrap(),
        json!({"resourceNames": [format!("people/{ana}"), format!("people/{ben}")]})
    );
    let e = env.err("manage_contacts_batch", json!({"action": "delete", "contact_ids": [ana]})).await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}

#[tokio::test]
async fn batch_input_is_checked_first() {
    let env = Env::new().await;
    let many: Vec<Value> = (0..201).map(|i| json!({"given_name": format!("P{i}")})).collect();
    let ids: Vec<String> = (0..501).map(|i| format!("c{i}")).collect();
    env.refused(
        "manage_contacts_batch",
        &[
            json!({"action": "create"}),
            json!({"action": "create", "contacts": many}),
            json!({"action": "create", "contacts": [{"given_name": "A"}, {"notes": "no name"}]}),
            json!({"action": "update", "updates": [{"contact_id": PRIYA, "notes": "x"}]}),
            json!({"action": "update", "field": "names", "updates": [{"contact_id": PRIYA, "notes": "x"}]}),
            json!({"action": "update", "field": "biographies", "updates": [{"contact_id": PRIYA, "notes": "x", "given_name": "P"}]}),
            json!({"action": "update", "field": "biographies", "updates": [{"contact_id": PRIYA, "notes": "x"}, {"contact_id": PRIYA, "notes": "y"}]}),
            json!({"action": "delete", "contact_ids": ids}),
            json!({"action": "delete", "contact_ids": [" "]}),
        ],
    )
    .await;
    let e = env
        .err(
            "manage_contacts_batch",
            json!({"action": "update", "field": "biographies", "updates": [{"contact_id": "c1", "notes": "x"}]}),
        )
        .await;
    assert!(e.to_string().contains("c1 was not found"), "{e}");
    env.done();
}
