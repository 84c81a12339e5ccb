//! `people:batchGet` (200 at most), `batchCreateContacts` and `batchUpdateContacts` (200 at
//! most, all or nothing: one stale etag fails the batch), `batchDeleteContacts` (500 at most).

use axum::extract::State;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::people::{check_etag, create, stale_etag, update};
use super::person::{READABLE, WRITABLE, mask, person_json};
use super::store::SharedStore;
use super::{Reply, ok};

fn at_most(n: usize, max: usize, what: &str) -> Result<(), GoogleError> {
    if n == 0 {
        return Err(GoogleError::bad_request(format!("{what} must not be empty.")));
    }
    if n > max {
        return Err(GoogleError::bad_request(format!("Too many {what}: at most {max} are allowed per request.")));
    }
    Ok(())
}

pub async fn people_get_batch_get(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let fields = mask(q.get("personFields"), "personFields", &READABLE)?;
    let names = q.all("resourceNames");
    at_most(names.len(), 200, "resourceNames")?;
    let s = store.lock();
    let responses: Vec<Value> = names
        .iter()
        .map(|n| match s.contact(n) {
            Ok(c) => json!({"requestedResourceName": n, "httpStatusCode": 200, "person": person_json(c, &fields), "status": {}}),
            Err(_) => json!({"requestedResourceName": n, "httpStatusCode": 404,
                "status": {"code": 5, "message": "Requested entity was not found."}}),
        })
        .collect();
    ok(json!({ "responses": responses }))
}

pub async fn people_batch_create_contacts(
    State(store): State<SharedStore>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let fields = mask(body.get("readMask").and_then(Value::as_str), "readMask", &READABLE)?;
    let contacts = body.get("contacts").and_then(Value::as_array).cloned().unwrap_or_default();
    at_most(contacts.len(), 200, "contacts")?;
    let mut s = store.lock();
    // Check every contact before creating any, so a bad one creates nothing.
    let mut trial = s.clone();
    for c in &contacts {
        create(&mut trial, c.get("contactPerson").unwrap_or(&Value::Null))?;
    }
    let mut created = Vec::new();
    for c in &contacts {
        let rec = create(&mut s, c.get("contactPerson").unwrap_or(&Value::Null))?;
        created.push(json!({"person": person_json(&rec, &fields), "httpStatusCode": 200, "requestedResourceName": format!("people/{}", rec.id)}));
    }
    ok(json!({ "createdPeople": created }))
}

pub async fn people_batch_update_contacts(
    State(store): State<SharedStore>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let paths = mask(body.get("updateMask").and_then(Value::as_str), "updateMask", &WRITABLE)?;
    let read =
        body.get("readMask").and_then(Value::as_str).map(|m| mask(Some(m), "readMask", &READABLE)).transpose()?;
    let contacts = body.get("contacts").and_then(Value::as_object).cloned().unwrap_or_default();
    at_most(contacts.len(), 200, "contacts")?;
    let mut s = store.lock();
    for (name, person) in &contacts {
        let c = s.contact(name).map_err(|_| GoogleError::bad_request(format!("Resource not found: {name}")))?;
        if !check_etag(c, person)? {
            return Ok(stale_etag());
        }
    }
    let mut result = serde_json::Map::new();
    for (name, person) in &contacts {
        let c = update(&mut s, name, person, &paths)?;
        let shown = person_json(&c, read.as_deref().unwrap_or(&paths));
        result.insert(name.clone(), json!({"person": shown, "httpStatusCode": 200, "requestedResourceName": name}));
    }
    ok(json!({ "updateResult": result }))
}

pub async fn people_batch_delete_contacts(
    State(store): State<SharedStore>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let names: Vec<String> = body
        .get("resourceNames")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    at_most(names.len(), 500, "resourceNames")?;
    let mut s = store.lock();
    if let Some(missing) = names.iter().find(|n| s.contact(n).is_err()) {
        return Err(GoogleError::bad_request(format!("Resource not found: {missing}")));
    }
    let now = wsmcp_core::clock::now();
    for n in &names {
        // A name listed twice is deleted once.
        let _ = s.delete_contact(n, now);
    }
    ok(json!({}))
}
