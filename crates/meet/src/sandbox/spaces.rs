//! `spaces.create`, `spaces.get` (by id or meeting code) and `spaces.endActiveConference`.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson};

use super::store::{SharedStore, SpaceRec};
use super::{Reply, ok};

const ACCESS_TYPES: [&str; 3] = ["OPEN", "TRUSTED", "RESTRICTED"];

/// A meeting code like Meet's: `abc-mnop-xyz`, random lower-case letters.
fn new_code() -> String {
    let letters: String = wsmcp_sandbox_kit::ids::alphanumeric(40)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let l = format!("{letters}abcdefghij");
    format!("{}-{}-{}", &l[0..3], &l[3..7], &l[7..10])
}

pub async fn spaces_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let access = body.pointer("/config/accessType").and_then(Value::as_str);
    if let Some(a) = access.filter(|a| !ACCESS_TYPES.contains(a)) {
        return Err(GoogleError::invalid_argument(format!("Invalid accessType: {a}")));
    }
    let mut s = store.lock();
    let space = SpaceRec {
        id: wsmcp_sandbox_kit::ids::alphanumeric(12),
        code: new_code(),
        access: access.map(String::from),
        owner: s.user.clone(),
        by_app: true,
        active: None,
    };
    let out = space.json();
    s.spaces.push(space);
    ok(out)
}

/// GET `spaces/{id}`; POST `spaces/{id}:endActiveConference` arrives on the same route.
pub async fn spaces_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    ok(store.lock().space(&id)?.json())
}

pub async fn spaces_custom(
    State(store): State<SharedStore>,
    Path(segment): Path<String>,
    GoogleJson(_body): GoogleJson<Value>,
) -> Reply {
    let Some(id) = segment.strip_suffix(":endActiveConference") else {
        return Err(GoogleError::not_emulated("POST", &format!("/v2/spaces/{segment}")));
    };
    let mut s = store.lock();
    let user = s.user.clone();
    let space = s.spaces.iter_mut().find(|x| x.id == id).ok_or_else(GoogleError::not_found)?;
    if !(space.by_app && space.owner.eq_ignore_ascii_case(&user)) {
        return Err(GoogleError::forbidden("Permission denied on resource Space (or it might not exist)."));
    }
    let Some(record) = space.active.take() else {
        return Err(GoogleError::new(
            http::StatusCode::BAD_REQUEST,
            "failedPrecondition",
            "There is no active conference in the space.",
        ));
    };
    let now = wsmcp_core::clock::now();
    for r in s.records.iter_mut().filter(|r| r.id == record) {
        r.end = Some(now);
    }
    for p in s.participants.iter_mut().filter(|p| p.record == record && p.end.is_none()) {
        p.end = Some(now);
    }
    ok(json!({}))
}
