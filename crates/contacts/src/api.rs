//! Typed People API calls: one function per REST method, named after its Discovery id
//! (`people.people.connections.list` -> `connections_list`, `people.contactGroups.get` ->
//! `contact_groups_get`).

use serde_json::{Map, Value, json};
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The People API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "people.googleapis.com",
    title: "People API",
    console_id: "people.googleapis.com",
    batch_path: "/batch",
};

/// The contact id alone (`c123`) from `c123` or `people/c123`.
pub fn person_id(id: &str) -> &str {
    id.trim().strip_prefix("people/").unwrap_or(id.trim())
}

/// The group id alone from `abc`, `contactGroups/abc` or a system group's name.
pub fn group_id(id: &str) -> &str {
    id.trim().strip_prefix("contactGroups/").unwrap_or(id.trim())
}

fn person_path(id: &str) -> String {
    format!("/v1/people/{}", segment(person_id(id)))
}

fn group_path(id: &str) -> String {
    format!("/v1/contactGroups/{}", segment(group_id(id)))
}

/// The query of a `connections.list` call.
#[derive(Debug, Clone, Default)]
pub struct ConnectionsQuery<'a> {
    pub person_fields: &'a str,
    pub page_size: u32,
    pub page_token: Option<&'a str>,
    pub sort_order: Option<&'a str>,
    pub request_sync_token: bool,
    pub sync_token: Option<&'a str>,
}

pub async fn connections_list(g: &GoogleCtx, q: &ConnectionsQuery<'_>) -> Result<Connections, GoogleError> {
    g.get(API, "/v1/people/me/connections")
        .query("personFields", q.person_fields)
        .query("pageSize", q.page_size)
        .query_opt("pageToken", q.page_token)
        .query_opt("sortOrder", q.sort_order)
        .query_opt("requestSyncToken", q.request_sync_token.then_some(true))
        .query_opt("syncToken", q.sync_token)
        .send()
        .await
}

pub async fn people_get(g: &GoogleCtx, id: &str, person_fields: &str) -> Result<Person, GoogleError> {
    g.get(API, person_path(id)).query("personFields", person_fields).send().await
}

pub async fn people_get_batch_get(g: &GoogleCtx, ids: &[String], person_fields: &str) -> Result<BatchGet, GoogleError> {
    g.get(API, "/v1/people:batchGet")
        .query_all("resourceNames", ids.iter().map(|id| format!("people/{}", person_id(id))))
        .query("personFields", person_fields)
        .send()
        .await
}

pub async fn people_search_contacts(
    g: &GoogleCtx,
    query: &str,
    page_size: u32,
    read_mask: &str,
) -> Result<SearchResults, GoogleError> {
    g.get(API, "/v1/people:searchContacts")
        .query("query", query)
        .query("pageSize", page_size)
        .query("readMask", read_mask)
        .send()
        .await
}

pub async fn other_contacts_search(
    g: &GoogleCtx,
    query: &str,
    page_size: u32,
    read_mask: &str,
) -> Result<SearchResults, GoogleError> {
    g.get(API, "/v1/otherContacts:search")
        .query("query", query)
        .query("pageSize", page_size)
        .query("readMask", read_mask)
        .send()
        .await
}

/// Searches the domain's profiles and shared contacts.
pub async fn people_search_directory_people(
    g: &GoogleCtx,
    query: &str,
    page_size: u32,
    read_mask: &str,
) -> Result<DirectoryResults, GoogleError> {
    g.get(API, "/v1/people:searchDirectoryPeople")
        .query("query", query)
        .query("pageSize", page_size)
        .query("readMask", read_mask)
        .query_all("sources", ["DIRECTORY_SOURCE_TYPE_DOMAIN_PROFILE", "DIRECTORY_SOURCE_TYPE_DOMAIN_CONTACT"])
        .send()
        .await
}

pub async fn people_create_contact(g: &GoogleCtx, person: &Value, person_fields: &str) -> Result<Person, GoogleError> {
    g.post(API, "/v1/people:createContact").query("personFields", person_fields).json(person).send().await
}

/// `updateContact`: `person` must carry the etag Google last returned for the contact.
pub async fn people_update_contact(
    g: &GoogleCtx,
    id: &str,
    person: &Value,
    update_person_fields: &str,
    person_fields: &str,
) -> Result<Person, GoogleError> {
    g.patch(API, format!("{}:updateContact", person_path(id)))
        .query("updatePersonFields", update_person_fields)
        .query("personFields", person_fields)
        .json(person)
        .send()
        .await
}

pub async fn people_delete_contact(g: &GoogleCtx, id: &str) -> Result<(), GoogleError> {
    g.delete(API, format!("{}:deleteContact", person_path(id))).idempotent().send_empty().await
}

pub async fn people_batch_create_contacts(
    g: &GoogleCtx,
    people: Vec<Value>,
    read_mask: &str,
) -> Result<BatchCreated, GoogleError> {
    let contacts: Vec<Value> = people.into_iter().map(|p| json!({ "contactPerson": p })).collect();
    g.post(API, "/v1/people:batchCreateContacts")
        .json(&json!({"contacts": contacts, "readMask": read_mask}))
        .send()
        .await
}

/// `batchUpdateContacts`: `people` maps resource names to Persons carrying their etags.
pub async fn people_batch_update_contacts(
    g: &GoogleCtx,
    people: Map<String, Value>,
    update_mask: &str,
    read_mask: &str,
) -> Result<BatchUpdated, GoogleError> {
    let body = json!({"contacts": people, "updateMask": update_mask, "readMask": read_mask});
    g.post(API, "/v1/people:batchUpdateContacts").json(&body).send().await
}

pub async fn people_batch_delete_contacts(g: &GoogleCtx, ids: &[String]) -> Result<(), GoogleError> {
    let names: Vec<String> = ids.iter().map(|id| format!("people/{}", person_id(id))).collect();
    g.post(API, "/v1/people:batchDeleteContacts")
        .json(&json!({ "resourceNames": names }))
        .idempotent()
        .send::<Value>()
        .await
        .map(|_| ())
}

pub async fn contact_groups_list(
    g: &GoogleCtx,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<ContactGroups, GoogleError> {
    g.get(API, "/v1/contactGroups")
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .query("groupFields", "name,groupType,memberCount")
        .send()
        .await
}

pub async fn contact_groups_get(g: &GoogleCtx, id: &str, max_members: u32) -> Result<ContactGroup, GoogleError> {
    g.get(API, group_path(id))
        .query("maxMembers", max_members)
        .query("groupFields", "name,groupType,memberCount")
        .send()
        .await
}

pub async fn contact_groups_create(g: &GoogleCtx, name: &str) -> Result<ContactGroup, GoogleError> {
    g.post(API, "/v1/contactGroups").json(&json!({"contactGroup": {"name": name}})).send().await
}

/// Renames a group; `etag` is the one Google last returned for it.
pub async fn contact_groups_update(
    g: &GoogleCtx,
    id: &str,
    name: &str,
    etag: Option<&str>,
) -> Result<ContactGroup, GoogleError> {
    let mut group = json!({"resourceName": format!("contactGroups/{}", group_id(id)), "name": name});
    if let Some(e) = etag {
        group["etag"] = json!(e);
    }
    g.put(API, group_path(id)).json(&json!({"contactGroup": group, "updateGroupFields": "name"})).send().await
}

pub async fn contact_groups_delete(g: &GoogleCtx, id: &str, delete_contacts: bool) -> Result<(), GoogleError> {
    g.delete(API, group_path(id)).query("deleteContacts", delete_contacts).idempotent().send_empty().await
}

pub async fn contact_groups_members_modify(
    g: &GoogleCtx,
    id: &str,
    add: &[String],
    remove: &[String],
) -> Result<MembersModified, GoogleError> {
    let names = |ids: &[String]| -> Vec<String> { ids.iter().map(|i| format!("people/{}", person_id(i))).collect() };
    let mut body = json!({});
    if !add.is_empty() {
        body["resourceNamesToAdd"] = json!(names(add));
    }
    if !remove.is_empty() {
        body["resourceNamesToRemove"] = json!(names(remove));
    }
    g.post(API, format!("{}/members:modify", group_path(id))).json(&body).idempotent().send().await
}
