//! searchContacts and otherContacts.search answer from a cache the warm-up refreshes;
//! searchDirectoryPeople needs its sources.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn contact_search_needs_a_warm_up_and_matches_prefixes() {
    let api = start().await;
    assert!(api.search("priya").await.is_empty(), "no warm-up yet, an empty cache");
    assert!(api.search("").await.is_empty());
    assert_eq!(api.search("priya").await, ["Priya Shah"]);
    assert_eq!(api.search("fisch").await, ["Lena Fischer"]);
    assert_eq!(api.search("northwind.ex").await, ["Dana Whitfield", "Jonas Weber"]);
    assert!(api.search("ischer").await.is_empty(), "prefixes only");

    api.created("/people:createContact", json!({"names": [{"givenName": "Petra", "familyName": "Novak"}]})).await;
    assert!(api.search("petra").await.is_empty(), "the cache predates the contact");
    api.search("").await;
    assert_eq!(api.search("petra").await, ["Petra Novak"]);
    let (status, _) = api.get("/people:searchContacts?query=a").await;
    assert_eq!(status, 400, "readMask is required");
    api.assert_valid();
}

#[tokio::test]
async fn other_contacts_and_the_directory() {
    let api = start().await;
    let path = "/otherContacts:search?query=noa&readMask=names,emailAddresses";
    assert!(api.ok(path).await.get("results").is_none(), "no warm-up yet");
    api.ok("/otherContacts:search?query=&readMask=names").await;
    let found = api.ok(path).await;
    assert_eq!(found["results"][0]["person"]["emailAddresses"][0]["value"], "noa.levi@example.org");
    assert!(found["results"][0]["person"]["resourceName"].as_str().unwrap().starts_with("otherContacts/c"));
    let (status, _) = api.get("/otherContacts:search?query=noa&readMask=organizations").await;
    assert_eq!(status, 400, "other contacts have no organizations");

    let dir = api
        .ok("/people:searchDirectoryPeople?query=lena&readMask=names,organizations&sources=DIRECTORY_SOURCE_TYPE_DOMAIN_PROFILE")
        .await;
    assert_eq!(dir["people"][0]["names"][0]["displayName"], "Lena Fischer");
    assert_eq!(dir["totalSize"], 1);
    let (status, _) = api.get("/people:searchDirectoryPeople?query=lena&readMask=names").await;
    assert_eq!(status, 400, "sources are required");
    api.assert_valid();
}
