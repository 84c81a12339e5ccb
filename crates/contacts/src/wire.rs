//! The People API's reply shapes the tools read. A Person stays JSON (`Value`): the tools show
//! and merge many of its repeated fields, and sending back exactly what Google returned keeps
//! fields this server does not know about intact.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// A `people.Person` as Google returns it.
pub type Person = Value;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connections {
    #[serde(default)]
    pub connections: Vec<Person>,
    pub next_page_token: Option<String>,
    pub next_sync_token: Option<String>,
    pub total_people: Option<u32>,
}

/// `searchContacts` and `otherContacts.search`: `results[].person`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchResults {
    #[serde(default)]
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchResult {
    #[serde(default)]
    pub person: Person,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryResults {
    #[serde(default)]
    pub people: Vec<Person>,
    pub next_page_token: Option<String>,
}

/// `people.getBatchGet`: `responses[].person`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BatchGet {
    #[serde(default)]
    pub responses: Vec<SearchResult>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCreated {
    #[serde(default)]
    pub created_people: Vec<SearchResult>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchUpdated {
    #[serde(default)]
    pub update_result: BTreeMap<String, SearchResult>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactGroup {
    #[serde(default)]
    pub resource_name: String,
    pub etag: Option<String>,
    #[serde(default)]
    pub name: String,
    pub formatted_name: Option<String>,
    pub group_type: Option<String>,
    pub member_count: Option<u32>,
    #[serde(default)]
    pub member_resource_names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactGroups {
    #[serde(default)]
    pub contact_groups: Vec<ContactGroup>,
    pub next_page_token: Option<String>,
    pub total_items: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MembersModified {
    #[serde(default)]
    pub not_found_resource_names: Vec<String>,
    #[serde(default)]
    pub can_not_remove_last_contact_group_resource_names: Vec<String>,
}
