//! list_contact_groups, get_contact_group, manage_contact_group.

use super::*;

#[tokio::test]
async fn groups_list_and_show_their_members() {
    let env = Env::new().await;
    let out = env.ok("list_contact_groups", json!({})).await;
    assert!(
        out.starts_with(&format!(
            "7 contact group(s) for {USER}:\n- My Contacts (ID: myContacts) | system group | 8 member(s)"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("- Atlas team (ID: {ATLAS_TEAM}) | user group | 3 member(s)")), "{out}");
    assert_eq!(env.last("people.contactGroups.list").query_param("pageSize"), Some("100"));
    let page = env.ok("list_contact_groups", json!({"page_size": 5})).await;
    assert!(page.contains("page_token: "), "{page}");

    let out = env.ok("get_contact_group", json!({"group_id": format!("contactGroups/{ATLAS_TEAM}")})).await;
    assert!(out.contains(&format!("  - Priya Shah (ID: {PRIYA})")) && out.contains("  - Lena Fischer"), "{out}");
    assert_eq!(env.last("people.contactGroups.get").query_param("maxMembers"), Some("100"));
    assert_eq!(env.last("people.people.getBatchGet").query_values("resourceNames").len(), 3);
    let one = env.ok("get_contact_group", json!({"group_id": ATLAS_TEAM, "max_members": 1})).await;
    assert!(one.contains("3 members in all"), "{one}");
    let e = env.err("get_contact_group", json!({"group_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.refused("get_contact_group", &[json!({"group_id": ATLAS_TEAM, "max_members": 0})]).await;
    env.refused("list_contact_groups", &[json!({"page_size": 1001})]).await;
    env.done();
}

#[tokio::test]
async fn manage_groups_and_their_members() {
    let env = Env::new().await;
    let out = env.ok("manage_contact_group", json!({"action": "create", "name": "Launch crew"})).await;
    let id = id_after(&out, "(ID: ");
    let out = env.ok("manage_contact_group", json!({"action": "update", "group_id": id, "name": "Launch team"})).await;
    assert!(out.contains("- Launch team (ID: "), "{out}");
    let put = env.last("people.contactGroups.update");
    assert!(put.body.clone().unwrap()["contactGroup"]["etag"].as_str().is_some());

    let out = env
        .ok(
            "manage_contact_group",
            json!({"action": "modify_members", "group_id": id, "add_contact_ids": [MARCO, "c1"]}),
        )
        .await;
    assert!(out.contains("1 added, 0 removed"), "{out}");
    assert!(out.contains("Not found (unchanged): people/c1"), "{out}");
    assert_eq!(
        env.last("people.contactGroups.members.modify").body.clone().unwrap(),
        json!({"resourceNamesToAdd": [format!("people/{MARCO}"), "people/c1"]})
    );
    // Dana is only in My Contacts and Northwind: leaving both is refused for the last one.
    env.ok(
        "manage_contact_group",
        json!({"action": "modify_members", "group_id": NORTHWIND, "remove_contact_ids": [DANA]}),
    )
    .await;
    let last = env
        .ok(
            "manage_contact_group",
            json!({"action": "modify_members", "group_id": "myContacts", "remove_contact_ids": [DANA]}),
        )
        .await;
    assert!(last.contains(&format!("Not removed, as this is their last group: people/{DANA}")), "{last}");

    // System groups keep their names and stay.
    let e =
        env.err("manage_contact_group", json!({"action": "update", "group_id": "myContacts", "name": "Mine"})).await;
    assert!(is_google(&e, 400), "{e}");
    let e = env.err("manage_contact_group", json!({"action": "delete", "group_id": "starred"})).await;
    assert!(is_google(&e, 400), "{e}");
    let e = env.err("manage_contact_group", json!({"action": "create", "name": "atlas TEAM"})).await;
    assert!(is_google(&e, 409), "{e}");

    let out =
        env.ok("manage_contact_group", json!({"action": "delete", "group_id": id, "delete_contacts": true})).await;
    assert!(out.contains("and its contacts"), "{out}");
    assert_eq!(env.last("people.contactGroups.delete").query_param("deleteContacts"), Some("true"));
    let e = env.err("get_contact", json!({"contact_id": MARCO})).await;
    assert!(is_google(&e, 404), "{e}");
    env.refused(
        "manage_contact_group",
        &[
            json!({"action": "create"}),
            json!({"action": "update", "group_id": id}),
            json!({"action": "modify_members", "group_id": id}),
            json!({"action": "rename", "group_id": id}),
        ],
    )
    .await;
    env.done();
}
