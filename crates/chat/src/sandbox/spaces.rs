//! `spaces.list` and `spaces.get`: the spaces the user is a member of.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{QueryParams, page_size, paginate};

use super::filter::space_types;
use super::store::{SharedStore, space_json};
use super::{Reply, ok};

pub async fn spaces_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("pageSize")?, 100, 1000);
    let types = space_types(q.get("filter"))?;
    let s = store.lock();
    let all: Vec<Value> = s
        .spaces
        .iter()
        .filter(|sp| sp.members.contains(&s.user_name))
        .filter(|sp| types.as_ref().is_none_or(|t| t.contains(&sp.space_type)))
        .map(space_json)
        .collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({ "spaces": page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn spaces_get(State(store): State<SharedStore>, Path(space): Path<String>) -> Reply {
    let s = store.lock();
    ok(space_json(s.space(&format!("spaces/{space}"))?))
}
