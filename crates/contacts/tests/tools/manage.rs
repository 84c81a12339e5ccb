//! manage_contact: create, update (merge/replace/remove, etag from a fresh read), delete.

use super::*;

#[tokio::test]
async fn create_sends_only_the_given_fields() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_contact",
            json!({"action": "create", "given_name": "Sofia", "family_name": "Rossi",
                "emails": [{"address": "sofia.rossi@fabrikam.example", "type": "work"}],
                "phones": [{"number": "+39 06 5555 0199", "type": "mobile"}],
                "organization": "Fabrikam", "job_title": "CTO", "birthday": "1988-03-14",
                "user_defined": [{"key": "Account", "value": "FAB-7"}]}),
        )
        .await;
    assert!(out.starts_with("Created contact:\nContact: Sofia Rossi (ID: c"), "{out}");
    assert!(out.contains("- Organizations: Fabrikam, CTO\n") && out.contains("- Birthday: 1988-03-14\n"), "{out}");
    let req = env.last("people.people.createContact");
    assert_eq!(
        req.body.clone().unwrap(),
        json!({"names": [{"givenName": "Sofia", "familyName": "Rossi"}],
            "emailAddresses": [{"value": "sofia.rossi@fabrikam.example", "type": "work"}],
            "phoneNumbers": [{"value": "+39 06 5555 0199", "type": "mobile"}],
            "organizations": [{"name": "Fabrikam", "title": "CTO"}],
            "birthdays": [{"date": {"year": 1988, "month": 3, "day": 14}}],
            "userDefined": [{"key": "Account", "value": "FAB-7"}]})
    );
    env.refused(
        "manage_contact",
        &[
            json!({"action": "create", "notes": "nobody"}),
            json!({"action": "create", "given_name": "A", "birthday": "14/03"}),
            json!({"action": "create", "emails": [{"type": "work"}]}),
            json!({"action": "update", "given_name": "A"}),
            json!({"action": "update", "contact_id": PRIYA}),
            json!({"action": "delete"}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn update_merges_with_what_the_contact_has() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_contact",
            json!({"action": "update", "contact_id": LENA, "phones": [{"number": "+49 30 5555 0178", "type": "work"},
                {"number": "+49 170 5555 0101"}], "family_name": "Fischer-Braun"}),
        )
        .await;
    assert!(out.starts_with("Updated contact (names, phoneNumbers):\nContact: Lena Fischer-Braun"), "{out}");
    assert!(out.contains("- Phones: +49 30 5555 0178 (work); Internal: 250; +49 170 5555 0101\n"), "{out}");
    let get = env.last("people.people.get");
    let req = env.last("people.people.updateContact");
    assert_eq!(req.path, format!("/v1/people/{LENA}:updateContact"));
    assert_eq!(req.query_param("updatePersonFields"), Some("names,phoneNumbers"));
    let body = req.body.clone().unwrap();
    assert!(body["etag"].as_str().unwrap().starts_with('%'), "the etag of the fresh read: {body}");
    assert!(get.query_param("personFields").unwrap().contains("phoneNumbers"));
    assert_eq!(body["names"], json!([{"givenName": "Lena", "familyName": "Fischer-Braun"}]));

    // remove drops the matching number however it is written; replace keeps only the given.
    let out = env
        .ok("manage_contact", json!({"action": "update", "contact_id": LENA, "phones": [{"number": "+491705555 0101"}], "phones_mode": "remove"}))
        .await;
    assert!(!out.contains("0101"), "{out}");
    let out = env
        .ok("manage_contact", json!({"action": "update", "contact_id": LENA, "emails": [{"address": "lena@fischer.example"}], "emails_mode": "replace", "notes": ""}))
        .await;
    assert!(out.contains("- Emails: lena@fischer.example\n") && !out.contains("example.com"), "{out}");
    assert_eq!(
        env.last("people.people.updateContact").query_param("updatePersonFields"),
        Some("biographies,emailAddresses")
    );
    env.done();
}

#[tokio::test]
async fn a_stale_etag_is_explained() {
    let env = Env::new().await;
    env.inject(Fault::status(":updateContact", 400).reason("failedPrecondition"));
    let e = env.err("manage_contact", json!({"action": "update", "contact_id": MARCO, "notes": "x"})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("etag is stale"), "{e}");
    let e = env.err("manage_contact", json!({"action": "update", "contact_id": "c1", "notes": "x"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn delete_removes_the_contact() {
    let env = Env::new().await;
    let out = env.ok("manage_contact", json!({"action": "delete", "contact_id": format!("people/{MARCO}")})).await;
    assert_eq!(out, format!("Deleted contact {MARCO}.\n"));
    assert_eq!(env.last("people.people.deleteContact").path, format!("/v1/people/{MARCO}:deleteContact"));
    let e = env.err("get_contact", json!({"contact_id": MARCO})).await;
    assert!(is_google(&e, 404), "{e}");
    let e = env.err("manage_contact", json!({"action": "delete", "contact_id": MARCO})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
