//! people.get, connections.list, createContact/updateContact/deleteContact and the batches.

use serde_json::json;

use crate::support::*;

const FIELDS: &str = "personFields=names,emailAddresses,phoneNumbers,memberships,metadata";

#[tokio::test]
async fn people_are_served_with_computed_fields_and_masks() {
    let api = start().await;
    let p = api.ok(&format!("/people/{PRIYA}?{FIELDS}")).await;
    assert_eq!(p["resourceName"], format!("people/{PRIYA}"));
    assert_eq!(p["names"][0]["displayName"], "Priya Shah");
    assert_eq!(p["names"][0]["displayNameLastFirst"], "Shah, Priya");
    assert_eq!(p["names"][0]["metadata"]["primary"], true);
    assert_eq!(p["phoneNumbers"][0]["canonicalForm"], "+442079460321");
    assert_eq!(p["memberships"].as_array().unwrap().len(), 3);
    assert_eq!(p["metadata"]["sources"][0]["type"], "CONTACT");
    assert!(p.get("organizations").is_none(), "only the mask's fields: {p}");
    for path in [format!("/people/{PRIYA}"), format!("/people/{PRIYA}?personFields=names,shoeSize")] {
        let (status, body) = api.get(&path).await;
        assert_eq!(status, 400, "{path}: {body}");
    }
    assert_eq!(api.get(&format!("/people/c1?{FIELDS}")).await.0, 404);
    let me = api.ok("/people/me?personFields=names,emailAddresses").await;
    assert_eq!(me["emailAddresses"][0]["value"], USER);
    api.assert_valid();
}

#[tokio::test]
async fn connections_sort_page_and_sync() {
    let api = start().await;
    let first = api.ok("/people/me/connections?personFields=names&pageSize=2&sortOrder=FIRST_NAME_ASCENDING").await;
    let names: Vec<&str> =
        first["connections"].as_array().unwrap().iter().map(|c| c["names"][0]["givenName"].as_str().unwrap()).collect();
    assert_eq!(names, ["Dana", "Jonas"]);
    assert_eq!(first["totalPeople"], 8);
    assert!(first.get("nextSyncToken").is_none());
    let token = first["nextPageToken"].as_str().unwrap();
    let next = api
        .ok(&format!(
            "/people/me/connections?personFields=names&pageSize=2&sortOrder=FIRST_NAME_ASCENDING&pageToken={token}"
        ))
        .await;
    assert_eq!(next["connections"][0]["names"][0]["givenName"], "Lena");

    let full = api.ok("/people/me/connections?personFields=names&pageSize=1000&requestSyncToken=true").await;
    let sync = full["nextSyncToken"].as_str().unwrap().to_string();
    let changes = format!("/people/me/connections?personFields=names&requestSyncToken=true&syncToken={sync}");
    assert!(api.ok(&changes).await.get("connections").is_none_or(|c| c.as_array().unwrap().is_empty()));
    api.delete(&format!("/people/{MARCO}:deleteContact")).await;
    let delta = api.ok(&changes).await;
    assert_eq!(delta["connections"].as_array().unwrap().len(), 1);
    assert_eq!(delta["connections"][0]["metadata"]["deleted"], true);
    let (status, _) = api.get("/people/me/connections?personFields=names&syncToken=garbage").await;
    assert_eq!(status, 400);
    let (status, _) = api.get("/people/me/connections?personFields=names&pageSize=1001").await;
    assert_eq!(status, 400);
    api.assert_valid();
}

#[tokio::test]
async fn updates_need_the_current_etag() {
    let api = start().await;
    let c = api
        .created(
            "/people:createContact?personFields=names,emailAddresses",
            json!({
        "names": [{"givenName": "Ivo"}], "emailAddresses": [{"value": "ivo@fabrikam.example"}]}),
        )
        .await;
    let id = c["resourceName"].as_str().unwrap().trim_start_matches("people/").to_string();
    let etag = c["etag"].as_str().unwrap().to_string();
    let path = format!("/people/{id}:updateContact?updatePersonFields=names&personFields=names,emailAddresses");
    let (status, missing) = api.patch(&path, json!({"names": [{"givenName": "Ivo", "familyName": "Horvat"}]})).await;
    assert_eq!(status, 400, "an update without an etag: {missing}");
    let (status, updated) =
        api.patch(&path, json!({"etag": etag, "names": [{"givenName": "Ivo", "familyName": "Horvat"}]})).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["names"][0]["displayName"], "Ivo Horvat");
    assert_eq!(updated["emailAddresses"][0]["value"], "ivo@fabrikam.example", "fields outside the mask stay");
    assert_ne!(updated["etag"], etag.as_str());
    let (status, stale) = api.patch(&path, json!({"etag": etag, "names": [{"givenName": "X"}]})).await;
    assert_eq!(status, 400);
    assert_eq!(stale["error"]["status"], "FAILED_PRECONDITION", "{stale}");
    let (status, _) = api.patch(&format!("/people/{id}:updateContact"), json!({"etag": updated["etag"]})).await;
    assert_eq!(status, 400, "updatePersonFields is required");
    let (status, _) = api.post("/people:createContact", json!({"emailAddresses": [{"value": "not-an-address"}]})).await;
    assert_eq!(status, 400);
    let (status, _) = api.delete(&format!("/people/{id}:deleteContact")).await;
    assert_eq!(status, 200);
    assert_eq!(api.get(&format!("/people/{id}?personFields=names")).await.0, 404);
    api.assert_valid();
}

#[tokio::test]
async fn batches_respect_limits_and_etags() {
    let api = start().await;
    let contacts: Vec<_> =
        (0..3).map(|i| json!({"contactPerson": {"names": [{"givenName": format!("B{i}")}]}})).collect();
    let made = api.created("/people:batchCreateContacts", json!({"contacts": contacts, "readMask": "names"})).await;
    let names: Vec<String> = made["createdPeople"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"]["resourceName"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 3);
    let too_many: Vec<_> = (0..201).map(|_| json!({"contactPerson": {"names": [{"givenName": "x"}]}})).collect();
    assert_eq!(
        api.post("/people:batchCreateContacts", json!({"contacts": too_many, "readMask": "names"})).await.0,
        400
    );

    let query: String = names.iter().map(|n| format!("&resourceNames={n}")).collect();
    let got = api.ok(&format!("/people:batchGet?personFields=metadata{query}&resourceNames=people/c1")).await;
    assert_eq!(got["responses"][3]["httpStatusCode"], 404);
    let etag = got["responses"][0]["person"]["etag"].clone();
    let body = json!({"contacts": {names[0].clone(): {"etag": etag, "biographies": [{"value": "hi"}]}}, "updateMask": "biographies", "readMask": "biographies"});
    let upd = api.created("/people:batchUpdateContacts", body.clone()).await;
    assert_eq!(upd["updateResult"][&names[0]]["person"]["biographies"][0]["value"], "hi");
    let (status, stale) = api.post("/people:batchUpdateContacts", body).await;
    assert_eq!((status, stale["error"]["status"].as_str()), (400, Some("FAILED_PRECONDITION")));

    let (status, _) = api.post("/people:batchDeleteContacts", json!({"resourceNames": names})).await;
    assert_eq!(status, 200);
    assert_eq!(api.post("/people:batchDeleteContacts", json!({"resourceNames": [names[0]]})).await.0, 400);
    api.assert_valid();
}
