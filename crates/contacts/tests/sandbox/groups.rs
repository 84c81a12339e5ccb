//! contactGroups: list, get with maxMembers, create/update/delete and members.modify.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn groups_and_members() {
    let api = start().await;
    let all = api.ok("/contactGroups").await;
    assert_eq!(all["totalItems"], 7);
    assert_eq!(all["contactGroups"][0]["groupType"], "SYSTEM_CONTACT_GROUP");
    let atlas = api.ok(&format!("/contactGroups/{ATLAS_TEAM}?maxMembers=2")).await;
    assert_eq!(atlas["memberCount"], 3);
    assert_eq!(atlas["memberResourceNames"].as_array().unwrap().len(), 2);
    assert!(api.ok(&format!("/contactGroups/{ATLAS_TEAM}")).await.get("memberResourceNames").is_none());

    let g = api.created("/contactGroups", json!({"contactGroup": {"name": "Vendors"}})).await;
    let id = g["resourceName"].as_str().unwrap().trim_start_matches("contactGroups/").to_string();
    assert_eq!(api.post("/contactGroups", json!({"contactGroup": {"name": "vendors"}})).await.0, 409);
    assert_eq!(api.post("/contactGroups", json!({"contactGroup": {"name": " "}})).await.0, 400);
    let (status, renamed) = api
        .put(&format!("/contactGroups/{id}"), json!({"contactGroup": {"name": "Suppliers", "etag": g["etag"]}}))
        .await;
    assert_eq!(status, 200, "{renamed}");
    let (status, stale) =
        api.put(&format!("/contactGroups/{id}"), json!({"contactGroup": {"name": "X", "etag": g["etag"]}})).await;
    assert_eq!((status, stale["error"]["status"].as_str()), (400, Some("FAILED_PRECONDITION")));
    assert_eq!(api.put("/contactGroups/myContacts", json!({"contactGroup": {"name": "Mine"}})).await.0, 400);
    assert_eq!(api.delete("/contactGroups/starred").await.0, 400);

    let path = format!("/contactGroups/{id}/members:modify");
    let r = api.created(&path, json!({"resourceNamesToAdd": [format!("people/{DANA}"), "people/c1"]})).await;
    assert_eq!(r["notFoundResourceNames"], json!(["people/c1"]));
    assert_eq!(api.ok(&format!("/contactGroups/{id}")).await["memberCount"], 1);
    assert_eq!(
        api.post("/contactGroups/friends/members:modify", json!({"resourceNamesToAdd": [format!("people/{DANA}")]}))
            .await
            .0,
        400
    );
    // Lena, only in My Contacts and Atlas team, cannot leave her last group.
    api.created(
        &format!("/contactGroups/{ATLAS_TEAM}/members:modify"),
        json!({"resourceNamesToRemove": [format!("people/{LENA}")]}),
    )
    .await;
    let r = api
        .created(
            "/contactGroups/myContacts/members:modify",
            json!({"resourceNamesToRemove": [format!("people/{LENA}")]}),
        )
        .await;
    assert_eq!(r["canNotRemoveLastContactGroupResourceNames"], json!([format!("people/{LENA}")]));

    // Deleting the group keeps its contacts unless asked.
    assert_eq!(api.delete(&format!("/contactGroups/{id}")).await.0, 200);
    assert_eq!(api.get(&format!("/people/{DANA}?personFields=names")).await.0, 200);
    let n = api.created("/contactGroups", json!({"contactGroup": {"name": "Gone"}})).await;
    let nid = n["resourceName"].as_str().unwrap().trim_start_matches("contactGroups/").to_string();
    api.created(
        &format!("/contactGroups/{nid}/members:modify"),
        json!({"resourceNamesToAdd": [format!("people/{MARCO}")]}),
    )
    .await;
    assert_eq!(api.delete(&format!("/contactGroups/{nid}?deleteContacts=true")).await.0, 200);
    assert_eq!(api.get(&format!("/people/{MARCO}?personFields=names")).await.0, 404);
    assert_eq!(api.get(&format!("/contactGroups/{nid}")).await.0, 404);
    api.assert_valid();
}
