//! `contactGroups.list/get/create/update/delete` and `members.modify`. System groups keep
//! their names and cannot be deleted; only myContacts and starred take member changes; a
//! contact is never left without a group.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, paginate};

use super::store::{GroupRec, SYSTEM_GROUPS, SharedStore, Store, etag, members_modifiable, new_group_id};
use super::{Reply, ok};

fn group_json(s: &Store, g: &GroupRec, max_members: usize) -> Value {
    let members = s.members(&g.id);
    let formatted = SYSTEM_GROUPS.iter().find(|(id, _)| *id == g.id).map_or(g.name.as_str(), |(_, n)| n);
    let mut out = json!({
        "resourceName": format!("contactGroups/{}", g.id),
        "etag": etag("group", &g.id, g.version),
        "metadata": {"updateTime": g.updated.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()},
        "groupType": if g.system { "SYSTEM_CONTACT_GROUP" } else { "USER_CONTACT_GROUP" },
        "name": g.name,
        "formattedName": formatted,
        "memberCount": members.len(),
    });
    if max_members > 0 && !members.is_empty() {
        let names: Vec<String> = members.iter().take(max_members).map(|c| format!("people/{}", c.id)).collect();
        out["memberResourceNames"] = json!(names);
    }
    out
}

/// A user group name: non-blank and not taken (Google compares names without case).
fn check_name(s: &Store, name: Option<&str>, except: &str) -> Result<String, GoogleError> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| GoogleError::bad_request("contactGroup.name is required."))?;
    let taken = s.groups.iter().any(|g| {
        g.id != except
            && (g.name.eq_ignore_ascii_case(name) || SYSTEM_GROUPS.iter().any(|(_, f)| f.eq_ignore_ascii_case(name)))
    });
    if taken {
        return Err(GoogleError::conflict("Contact group name already exists."));
    }
    Ok(name.to_string())
}

pub async fn contact_groups_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let size = match q.uint("pageSize")? {
        None | Some(0) => 30,
        Some(n) if n > 1000 => return Err(GoogleError::bad_request("pageSize must be between 1 and 1000.")),
        Some(n) => n as usize,
    };
    let s = store.lock();
    let all: Vec<Value> = s.groups.iter().map(|g| group_json(&s, g, 0)).collect();
    let total = all.len();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({"contactGroups": page.items, "totalItems": total});
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn contact_groups_get(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let max = q.uint("maxMembers")?.unwrap_or(0) as usize;
    let s = store.lock();
    ok(group_json(&s, s.group(&id)?, max))
}

pub async fn contact_groups_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let mut s = store.lock();
    let name = check_name(&s, body.pointer("/contactGroup/name").and_then(Value::as_str), "")?;
    let g = GroupRec { id: new_group_id(), name, system: false, version: 1, updated: wsmcp_core::clock::now() };
    s.groups.push(g.clone());
    ok(group_json(&s, &g, 0))
}

pub async fn contact_groups_update(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    let g = s.group(&id)?.clone();
    if g.system {
        return Err(GoogleError::bad_request("Cannot update a system contact group."));
    }
    let given = body.pointer("/contactGroup/etag").and_then(Value::as_str);
    if given.is_some_and(|e| e != etag("group", &g.id, g.version)) {
        return Ok(super::people::stale_etag());
    }
    let name = check_name(&s, body.pointer("/contactGroup/name").and_then(Value::as_str), &g.id)?;
    let rec = s.groups.iter_mut().find(|r| r.id == g.id).ok_or_else(GoogleError::not_found)?;
    rec.name = name;
    rec.version += 1;
    rec.updated = wsmcp_core::clock::now();
    let rec = rec.clone();
    ok(group_json(&s, &rec, 0))
}

pub async fn contact_groups_delete(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let delete_contacts = q.flag("deleteContacts")?;
    let mut s = store.lock();
    let g = s.group(&id)?.clone();
    if g.system {
        return Err(GoogleError::bad_request("Cannot delete a system contact group."));
    }
    let members: Vec<String> = s.members(&g.id).iter().map(|c| c.id.clone()).collect();
    let now = wsmcp_core::clock::now();
    for m in members {
        if delete_contacts {
            s.delete_contact(&m, now)?;
        } else {
            let seq = s.tick();
            let c = s.contact_mut(&m)?;
            c.groups.retain(|x| *x != g.id);
            c.changed = seq;
        }
    }
    s.groups.retain(|x| x.id != g.id);
    ok(json!({}))
}

fn names(body: &Value, key: &str) -> Vec<String> {
    body.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// `POST /v1/contactGroups/{id}/members:modify`.
pub async fn contact_groups_members_modify(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let (add, remove) = (names(&body, "resourceNamesToAdd"), names(&body, "resourceNamesToRemove"));
    if add.len() + remove.len() > 1000 {
        return Err(GoogleError::bad_request("Too many resource names: at most 1000 are allowed per request."));
    }
    let mut s = store.lock();
    let g = s.group(&id)?.clone();
    if !members_modifiable(&g) {
        return Err(GoogleError::bad_request(format!(
            "Cannot modify the members of the system contact group {}.",
            g.id
        )));
    }
    let (mut not_found, mut last) = (Vec::new(), Vec::new());
    for (name, adding) in add.iter().map(|n| (n, true)).chain(remove.iter().map(|n| (n, false))) {
        let seq = s.seq + 1;
        let Ok(c) = s.contact_mut(name) else {
            not_found.push(name.clone());
            continue;
        };
        let member = c.groups.contains(&g.id);
        if adding && !member {
            c.groups.push(g.id.clone());
        } else if !adding && member {
            if c.groups.len() == 1 {
                last.push(name.clone());
                continue;
            }
            c.groups.retain(|x| *x != g.id);
        } else {
            continue;
        }
        c.changed = seq;
        s.seq = seq;
    }
    let mut out = json!({});
    if !not_found.is_empty() {
        out["notFoundResourceNames"] = json!(not_found);
    }
    if !last.is_empty() {
        out["canNotRemoveLastContactGroupResourceNames"] = json!(last);
    }
    ok(out)
}
