//! permissions.list/get/create/update/delete on a file: user, group, domain and anyone
//! grants; roles from reader to owner; ownership transfer (which needs
//! `transferOwnership=true`); expirations; Drive's refusals for each.

use axum::extract::{Path, State};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams, ids, paginate};

use super::access::{Effective, Role, can_share, effective_permissions};
use super::error::DriveError;
use super::fields::project;
use super::files::visible;
use super::query::parse_time;
use super::render::{permission_id_for, permission_json};
use super::store::{Permission, Person, SharedStore, Store};
use super::{Reply, no_content, ok, supports_all_drives};

fn permission_not_found(id: &str) -> DriveError {
    DriveError::new(StatusCode::NOT_FOUND, "notFound", format!("Permission not found: {id}.")).at("permissionId")
}

fn sharing(message: impl Into<String>) -> DriveError {
    DriveError::bad_request(message).with_reason("invalidSharingRequest")
}

fn reply_permission(e: &Effective, in_drive: bool, q: &QueryParams) -> Reply {
    ok(project(&permission_json(e, in_drive), q.get("fields"), "*"))
}

/// `GET /drive/v3/files/{fileId}/permissions`
pub async fn permissions_list(State(store): State<SharedStore>, Path(file_id): Path<String>, q: QueryParams) -> Reply {
    let supports = supports_all_drives(&q)?;
    let store = store.lock();
    let (file, _) = visible(&store, &file_id, supports)?;
    let in_drive = file.drive_id.is_some();
    let all: Vec<Value> = effective_permissions(&store, file).iter().map(|e| permission_json(e, in_drive)).collect();
    let size = match q.uint("pageSize")? {
        Some(n) => usize::try_from(n).unwrap_or(100).clamp(1, 100),
        None if in_drive => 100,
        None => all.len().max(1),
    };
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut body = json!({ "kind": "drive#permissionList", "permissions": page.items });
    if let (Some(token), Some(obj)) = (page.next_page_token, body.as_object_mut()) {
        obj.insert("nextPageToken".into(), token.into());
    }
    ok(project(&body, q.get("fields"), "*"))
}

/// `GET /drive/v3/files/{fileId}/permissions/{permissionId}`
pub async fn permissions_get(
    State(store): State<SharedStore>,
    Path((file_id, permission_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let store = store.lock();
    let (file, _) = visible(&store, &file_id, supports)?;
    let effective = effective_permissions(&store, file);
    let e = effective
        .iter()
        .find(|e| e.permission.id == permission_id)
        .ok_or_else(|| permission_not_found(&permission_id))?;
    reply_permission(e, file.drive_id.is_some(), &q)
}

fn str_field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// An expiration must be a future RFC 3339 time, on a user or group grant below owner.
fn expiration(body: &Value, kind: &str, role: Role) -> Result<Option<String>, DriveError> {
    let Some(text) = str_field(body, "expirationTime") else {
        return Ok(None);
    };
    if !matches!(kind, "user" | "group") || role > Role::Writer {
        return Err(DriveError::bad_request("Expiration dates cannot be set on this item.")
            .with_reason("expirationDatesNotAllowed"));
    }
    let when =
        parse_time(text).ok_or_else(|| DriveError::invalid(format!("Invalid value for expirationTime: {text}")))?;
    if when <= ids::now_millis() {
        return Err(DriveError::bad_request("Expiration dates must be in the future.")
            .with_reason("expirationDatesMustBeInTheFuture"));
    }
    if when > ids::now_millis() + 366 * 24 * 3600 * 1000 {
        return Err(DriveError::bad_request("Expiration dates must be less than a year in the future.")
            .with_reason("expirationDatesMustBeLessThanAYear"));
    }
    Ok(Some(text.to_string()))
}

/// The permission a create request describes, checked as Drive checks it.
fn new_permission(store: &Store, body: &Value, q: &QueryParams, in_drive: bool) -> Result<Permission, DriveError> {
    let kind = str_field(body, "type")
        .ok_or_else(|| DriveError::required("The permission type field is required.").at("permission.type"))?;
    let role_text = str_field(body, "role")
        .ok_or_else(|| DriveError::required("The permission role field is required.").at("permission.role"))?;
    let role = Role::parse(role_text).ok_or_else(|| {
        DriveError::invalid(format!("The provided value for the permission role is invalid: {role_text}."))
            .at("permission.role")
    })?;
    if !matches!(kind, "user" | "group" | "domain" | "anyone") {
        return Err(DriveError::invalid(format!("The provided value for the permission type is invalid: {kind}."))
            .at("permission.type"));
    }
    if matches!(role, Role::Organizer | Role::FileOrganizer) && !in_drive {
        return Err(sharing(format!("The role {role_text} is only supported on shared drive items.")));
    }
    let email = match kind {
        "user" | "group" => Some(
            str_field(body, "emailAddress")
                .ok_or_else(|| {
                    DriveError::required("The permission emailAddress field is required for this type.")
                        .at("permission.emailAddress")
                })?
                .to_string(),
        ),
        _ => None,
    };
    if let Some(email) = &email
        && !email.contains('@')
    {
        return Err(sharing(format!("Invalid email address: {email}.")));
    }
    let domain = match kind {
        "domain" => Some(
            str_field(body, "domain")
                .ok_or_else(|| {
                    DriveError::required("The permission domain field is required for type domain.")
                        .at("permission.domain")
                })?
                .to_string(),
        ),
        _ => None,
    };
    let notify = q.get("sendNotificationEmail").is_none() || q.flag("sendNotificationEmail")?;
    if let Some(email) = &email
        && !notify
        && !store.is_known_account(email)
    {
        return Err(sharing(format!(
            "Bad Request. User message: \"You are trying to invite {email}. Since there is no Google account associated with this email address, you must check the 'Notify people' box to invite this recipient.\""
        )));
    }
    let allow = body.get("allowFileDiscovery").and_then(Value::as_bool);
    let id = match kind {
        "anyone" if allow == Some(true) => "anyone".to_string(),
        "anyone" => "anyoneWithLink".to_string(),
        "domain" => format!("{}k", permission_id_for(domain.as_deref().unwrap_or(""))),
        _ => permission_id_for(email.as_deref().unwrap_or("")),
    };
    Ok(Permission {
        id,
        kind: kind.to_string(),
        role,
        display_name: match (&email, &domain) {
            (Some(e), _) => store.display_name(e),
            (None, Some(d)) => Some(d.clone()),
            _ => None,
        },
        expiration_time: expiration(body, kind, role)?,
        allow_file_discovery: matches!(kind, "domain" | "anyone").then_some(allow.unwrap_or(false)),
        email,
        domain,
        pending_owner: false,
    })
}

/// Make the user with `permission` the owner; the previous owner becomes a writer.
fn transfer(store: &mut Store, file_id: &str, permission: &mut Permission, q: &QueryParams) -> Result<(), DriveError> {
    let email = permission.email.clone().unwrap_or_default();
    let my_domain = store.me().email.rsplit_once('@').map(|(_, d)| d.to_lowercase());
    let their_domain = email.rsplit_once('@').map(|(_, d)| d.to_lowercase());
    if permission.kind != "user" || my_domain != their_domain {
        return Err(DriveError::forbidden(
            "invalidSharingRequest",
            "Ownership can only be transferred to another user in the same organization as the current owner.",
        ));
    }
    let move_to_root = q.flag("moveToNewOwnersRoot")?;
    let name = store.display_name(&email).unwrap_or_else(|| email.clone());
    let Some(file) = store.file_mut(file_id) else {
        return Err(DriveError::file_not_found(file_id));
    };
    for p in file.permissions.iter_mut().filter(|p| p.role == Role::Owner) {
        p.role = Role::Writer;
    }
    file.owner = Some(Person::new(&name, &email));
    if move_to_root {
        file.parents.clear();
    }
    permission.role = Role::Owner;
    Ok(())
}

/// `POST /drive/v3/files/{fileId}/permissions`
pub async fn permissions_create(
    State(store): State<SharedStore>,
    Path(file_id): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let mut store = store.lock();
    let (file, role) = visible(&store, &file_id, supports)?;
    let in_drive = file.drive_id.is_some();
    let id = file.id.clone();
    if !can_share(file, role) {
        return Err(DriveError::insufficient());
    }
    let mut permission = new_permission(&store, &body, &q, in_drive)?;
    if permission.role == Role::Owner {
        if in_drive {
            return Err(sharing("Shared drive items cannot be owned by a user."));
        }
        if !q.flag("transferOwnership")? {
            return Err(DriveError::forbidden(
                "forbidden",
                "The transferOwnership parameter must be enabled when the permission role is 'owner'.",
            ));
        }
        if role != Role::Owner {
            return Err(DriveError::insufficient());
        }
        transfer(&mut store, &id, &mut permission, &q)?;
    }
    let Some(file) = store.file_mut(&id) else {
        return Err(DriveError::file_not_found(&id));
    };
    match file.permissions.iter_mut().find(|p| p.id == permission.id) {
        Some(existing) => *existing = permission.clone(),
        None => file.permissions.push(permission.clone()),
    }
    let effective = Effective { permission, inherited_from: None };
    reply_permission(&effective, in_drive, &q)
}

/// `PATCH /drive/v3/files/{fileId}/permissions/{permissionId}`
pub async fn permissions_update(
    State(store): State<SharedStore>,
    Path((file_id, permission_id)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let mut store = store.lock();
    let (file, role) = visible(&store, &file_id, supports)?;
    let in_drive = file.drive_id.is_some();
    let id = file.id.clone();
    if !can_share(file, role) {
        return Err(DriveError::insufficient());
    }
    if let Some(key) =
        body.as_object().and_then(|m| m.keys().find(|k| !matches!(k.as_str(), "role" | "expirationTime" | "kind")))
    {
        return Err(DriveError::not_writable(key));
    }
    let effective = effective_permissions(&store, file);
    let current = effective
        .iter()
        .find(|e| e.permission.id == permission_id)
        .ok_or_else(|| permission_not_found(&permission_id))?;
    if current.inherited_from.is_some() {
        return Err(DriveError::forbidden(
            "cannotModifyInheritedPermission",
            "The permission is inherited from a parent folder or the shared drive and cannot be changed on this file.",
        ));
    }
    let mut permission = current.permission.clone();
    if let Some(text) = str_field(&body, "role") {
        let new_role = Role::parse(text).ok_or_else(|| {
            DriveError::invalid(format!("The provided value for the permission role is invalid: {text}."))
        })?;
        if permission.role == Role::Owner && new_role != Role::Owner {
            return Err(DriveError::forbidden(
                "cannotModifyOwner",
                "The owner's role cannot be changed; transfer ownership to someone else first.",
            ));
        }
        if new_role == Role::Owner && permission.role != Role::Owner {
            if !q.flag("transferOwnership")? {
                return Err(DriveError::forbidden(
                    "forbidden",
                    "The transferOwnership parameter must be enabled when the permission role is 'owner'.",
                ));
            }
            if role != Role::Owner || in_drive {
                return Err(DriveError::insufficient());
            }
            transfer(&mut store, &id, &mut permission, &q)?;
        } else {
            permission.role = new_role;
        }
    }
    if q.flag("removeExpiration")? {
        permission.expiration_time = None;
    } else if body.get("expirationTime").is_some() {
        permission.expiration_time = expiration(&body, &permission.kind, permission.role)?;
    }
    let Some(file) = store.file_mut(&id) else {
        return Err(DriveError::file_not_found(&id));
    };
    if let Some(slot) = file.permissions.iter_mut().find(|p| p.id == permission.id) {
        *slot = permission.clone();
    }
    let effective = Effective { permission, inherited_from: None };
    reply_permission(&effective, in_drive, &q)
}

/// `DELETE /drive/v3/files/{fileId}/permissions/{permissionId}`
pub async fn permissions_delete(
    State(store): State<SharedStore>,
    Path((file_id, permission_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let mut store = store.lock();
    let (file, role) = visible(&store, &file_id, supports)?;
    let id = file.id.clone();
    let effective = effective_permissions(&store, file);
    let current = effective
        .iter()
        .find(|e| e.permission.id == permission_id)
        .ok_or_else(|| permission_not_found(&permission_id))?;
    // Anyone may remove their own access; everything else needs sharing rights.
    let own = current.permission.applies_to(&store.me().email)
        && matches!(current.permission.kind.as_str(), "user" | "group");
    if !can_share(file, role) && !own {
        return Err(DriveError::insufficient());
    }
    if current.permission.role == Role::Owner || current.inherited_from.is_some() {
        return Err(DriveError::forbidden(
            "cannotDeletePermission",
            "The authenticated user cannot delete this permission.",
        ));
    }
    if let Some(file) = store.file_mut(&id) {
        file.permissions.retain(|p| p.id != permission_id);
    }
    no_content()
}
