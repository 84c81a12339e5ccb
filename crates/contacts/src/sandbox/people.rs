//! `people.get`, `connections.list`, `createContact`, `updateContact` (etag checked, only the
//! `updatePersonFields` paths replaced) and `deleteContact`. Contact ids in paths come as one
//! segment, `c123` or `c123:updateContact`.

use axum::extract::{Path, State};
use axum::response::Response;
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, json_response, paginate};

use super::person::{READABLE, WRITABLE, mask, person_json, present_fields, writable_fields};
use super::store::{ContactRec, SharedStore, Store, new_contact_id, parse_sync_token, sync_token};
use super::{Reply, ok};

/// Google's answer to a stale etag: 400 with status FAILED_PRECONDITION.
pub fn stale_etag() -> Response {
    let message =
        "Request person.etag is different than the current person.etag. Clear local cache and get the latest person.";
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"error": {"code": 400, "message": message, "status": "FAILED_PRECONDITION",
            "errors": [{"message": message, "domain": "global", "reason": "failedPrecondition"}]}}),
    )
}

/// Checks the etag a write carries against the contact's current one.
pub fn check_etag(c: &ContactRec, body: &Value) -> Result<bool, GoogleError> {
    let given = body
        .get("etag")
        .and_then(Value::as_str)
        .or_else(|| body.pointer("/metadata/sources/0/etag").and_then(Value::as_str));
    let Some(given) = given else {
        return Err(GoogleError::bad_request(
            "Request must set person.etag or person.metadata.sources.etag for the source that is being updated.",
        ));
    };
    Ok(given == super::store::etag("person", &c.id, c.version))
}

/// Group ids from a body's `memberships`, each checked to exist.
fn memberships(s: &Store, body: &Value) -> Result<Option<Vec<String>>, GoogleError> {
    let Some(list) = body.get("memberships").and_then(Value::as_array) else { return Ok(None) };
    let mut out = Vec::new();
    for m in list {
        let name =
            m.pointer("/contactGroupMembership/contactGroupResourceName").and_then(Value::as_str).unwrap_or_default();
        let g = s.group(name).map_err(|_| GoogleError::bad_request(format!("Contact group not found: {name}")))?;
        out.push(g.id.clone());
    }
    Ok(Some(out))
}

/// Creates a contact from `body` (in My Contacts unless its memberships say otherwise).
pub fn create(s: &mut Store, body: &Value) -> Result<ContactRec, GoogleError> {
    let fields = writable_fields(body, &present_fields(body))?;
    let groups = memberships(s, body)?.filter(|g| !g.is_empty()).unwrap_or_else(|| vec!["myContacts".into()]);
    let now = wsmcp_core::clock::now();
    let changed = s.tick();
    let c = ContactRec { id: new_contact_id(), fields, groups, version: 1, updated: now, changed, deleted: false };
    s.contacts.push(c.clone());
    Ok(c)
}

/// Replaces the `paths` of contact `id` with the body's values.
pub fn update(s: &mut Store, id: &str, body: &Value, paths: &[String]) -> Result<ContactRec, GoogleError> {
    let groups = if paths.iter().any(|p| p == "memberships") { memberships(s, body)? } else { None };
    let fields = writable_fields(body, &paths.iter().filter(|p| *p != "memberships").cloned().collect::<Vec<_>>())?;
    let changed = s.tick();
    let c = s.contact_mut(id)?;
    for (k, v) in fields {
        c.fields.insert(k, v);
    }
    if let Some(g) = groups {
        c.groups = g;
    }
    c.version += 1;
    c.changed = changed;
    c.updated = wsmcp_core::clock::now();
    Ok(c.clone())
}

/// `GET /v1/people/{id}`.
pub async fn people_get(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let fields = mask(q.get("personFields"), "personFields", &READABLE)?;
    let s = store.lock();
    if id == "me" {
        let me = s.directory.iter().find(|p| p["emailAddresses"][0]["value"] == s.user.as_str());
        return me.map(|p| ok(super::person::masked(p, &fields))).unwrap_or_else(|| Err(GoogleError::not_found()));
    }
    ok(person_json(s.contact(&id)?, &fields))
}

/// `PATCH /v1/people/{id}:updateContact`.
pub async fn people_update_contact(
    State(store): State<SharedStore>,
    Path(target): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let id = target.strip_suffix(":updateContact").ok_or_else(GoogleError::not_found)?;
    let paths = mask(q.get("updatePersonFields"), "updatePersonFields", &WRITABLE)?;
    let read = q.get("personFields").map(|m| mask(Some(m), "personFields", &READABLE)).transpose()?;
    let mut s = store.lock();
    if !check_etag(s.contact(id)?, &body)? {
        return Ok(stale_etag());
    }
    let c = update(&mut s, id, &body, &paths)?;
    ok(person_json(&c, &read.unwrap_or(paths)))
}

/// `DELETE /v1/people/{id}:deleteContact`.
pub async fn people_delete_contact(State(store): State<SharedStore>, Path(target): Path<String>) -> Reply {
    let id = target.strip_suffix(":deleteContact").ok_or_else(GoogleError::not_found)?;
    store.lock().delete_contact(id, wsmcp_core::clock::now())?;
    ok(json!({}))
}

/// `POST /v1/people:createContact`.
pub async fn people_create_contact(
    State(store): State<SharedStore>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let read = q.get("personFields").map(|m| mask(Some(m), "personFields", &READABLE)).transpose()?;
    let mut s = store.lock();
    let c = create(&mut s, &body)?;
    let fields = read.unwrap_or_else(|| c.fields.keys().cloned().collect());
    ok(person_json(&c, &fields))
}

fn sort_key(c: &ContactRec, part: &str) -> String {
    c.fields.get("names").and_then(|n| n[0].get(part)).and_then(Value::as_str).unwrap_or("\u{10ffff}").to_lowercase()
}

/// `GET /v1/people/me/connections`: the user's contacts, sorted, paged, or the changes since a
/// sync token (tombstones included).
pub async fn people_connections_list(
    State(store): State<SharedStore>,
    Path(owner): Path<String>,
    q: QueryParams,
) -> Reply {
    if owner != "me" {
        return Err(GoogleError::bad_request("Only people/me is supported for resourceName."));
    }
    let fields = mask(q.get("personFields"), "personFields", &READABLE)?;
    let size = match q.uint("pageSize")? {
        None | Some(0) => 100,
        Some(n) if n > 1000 => return Err(GoogleError::bad_request("pageSize must be between 1 and 1000.")),
        Some(n) => n as usize,
    };
    let since = q.get("syncToken").filter(|t| !t.is_empty()).map(parse_sync_token).transpose()?;
    let s = store.lock();
    let mut people: Vec<&ContactRec> =
        s.contacts.iter().filter(|c| since.map_or(!c.deleted, |t| c.changed > t)).collect();
    match q.get("sortOrder").unwrap_or("LAST_MODIFIED_ASCENDING") {
        "LAST_MODIFIED_ASCENDING" => people.sort_by_key(|c| (c.changed, c.id.clone())),
        "LAST_MODIFIED_DESCENDING" => people.sort_by_key(|c| (std::cmp::Reverse(c.changed), c.id.clone())),
        "FIRST_NAME_ASCENDING" => people.sort_by_key(|c| (sort_key(c, "givenName"), c.id.clone())),
        "LAST_NAME_ASCENDING" => people.sort_by_key(|c| (sort_key(c, "familyName"), c.id.clone())),
        other => {
            return Err(GoogleError::bad_request(format!(
                "Invalid value at 'sort_order' (type.googleapis.com/google.people.v1.ListConnectionsRequest.SortOrder), \"{other}\""
            )));
        }
    }
    let total = people.len();
    let json: Vec<Value> = people
        .into_iter()
        .map(|c| {
            let mut p = person_json(c, &fields);
            if c.deleted {
                p["metadata"] = json!({"deleted": true, "objectType": "PERSON"});
            }
            p
        })
        .collect();
    let page = paginate(json, q.get("pageToken"), size)?;
    let mut out = json!({"connections": page.items, "totalPeople": total, "totalItems": total});
    if let Some(t) = &page.next_page_token {
        out["nextPageToken"] = json!(t);
    } else if q.flag("requestSyncToken")? || since.is_some() {
        out["nextSyncToken"] = json!(sync_token(s.seq));
    }
    ok(out)
}
