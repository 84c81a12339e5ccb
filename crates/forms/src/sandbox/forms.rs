//! `forms.create`, `forms.get`, and the custom methods posted to `/v1/forms/{id}:<verb>`
//! (`batchUpdate`, `setPublishSettings`).

use axum::extract::{Path, State};
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::store::{FormRec, Publish, SharedStore, form_json, publish_json};
use super::{Reply, batch, ok};

/// `forms.create` copies only the titles: anything else in the body is refused, as Google
/// does (items, description and settings come with batchUpdate).
pub async fn forms_create(
    State(store): State<SharedStore>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let unpublished = if q.get("unpublished").is_some() { q.flag("unpublished")? } else { false };
    let only_info = body.as_object().is_some_and(|b| b.keys().all(|k| k == "info"));
    let info = body.get("info").and_then(Value::as_object).cloned().unwrap_or_default();
    if !only_info || info.keys().any(|k| k != "title" && k != "documentTitle") {
        return Err(GoogleError::bad_request(
            "Only info.title and info.document_title may be set when creating a form; add items, the \
             description and settings with batchUpdate.",
        ));
    }
    let text = |k: &str| info.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let title = text("title");
    let document_title = match text("documentTitle") {
        d if !d.is_empty() => d,
        _ if !title.is_empty() => title.clone(),
        _ => "Untitled form".to_string(),
    };
    let mut info = Map::new();
    info.insert("title".into(), json!(title));
    info.insert("documentTitle".into(), json!(document_title));
    let mut settings = Map::new();
    settings.insert("emailCollectionType".into(), json!("DO_NOT_COLLECT"));
    let form = FormRec {
        id: format!("1{}", wsmcp_sandbox_kit::ids::alphanumeric(43)),
        responder_id: format!("1FAIpQLS{}", wsmcp_sandbox_kit::ids::alphanumeric(48)),
        info,
        settings,
        items: Vec::new(),
        revision: 1,
        publish: Some(Publish { published: !unpublished, accepting: !unpublished }),
        responses: Vec::new(),
    };
    let out = form_json(&form);
    store.lock().forms.push(form);
    ok(out)
}

pub async fn forms_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let s = store.lock();
    ok(form_json(s.form(&id)?))
}

/// `POST /v1/forms/{formId}:batchUpdate` and `:setPublishSettings`.
pub async fn forms_custom(
    State(store): State<SharedStore>,
    Path(target): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let Some((id, verb)) = target.rsplit_once(':') else {
        return Err(GoogleError::not_found());
    };
    let mut s = store.lock();
    let form = s.form_mut(id)?;
    match verb {
        "batchUpdate" => ok(batch::run(form, &body)?),
        "setPublishSettings" => set_publish_settings(form, &body),
        _ => Err(GoogleError::not_found()),
    }
}

fn set_publish_settings(form: &mut FormRec, body: &Value) -> Reply {
    if form.publish.is_none() {
        return Err(GoogleError::bad_request("This form is a legacy form and does not support publish settings."));
    }
    let mask = body.get("updateMask").and_then(Value::as_str).unwrap_or("*");
    if !matches!(mask.trim(), "*" | "publishState" | "publish_state") {
        return Err(GoogleError::bad_request(format!("Invalid update mask '{mask}': use publish_state or *.")));
    }
    let state = body.pointer("/publishSettings/publishState").filter(|s| s.is_object());
    let state = state.ok_or_else(|| GoogleError::bad_request("publishSettings.publishState is required."))?;
    let flag = |k: &str| state.get(k).and_then(Value::as_bool).unwrap_or(false);
    let (published, accepting) = (flag("isPublished"), flag("isAcceptingResponses"));
    if accepting && !published {
        return Err(GoogleError::bad_request("An unpublished form cannot accept responses."));
    }
    form.publish = Some(Publish { published, accepting });
    ok(json!({ "formId": form.id, "publishSettings": publish_json(Publish { published, accepting }) }))
}
