//! Typed Forms calls: one function per REST method, named after its Discovery id
//! (`forms.forms.get` -> `forms_get`, `forms.forms.responses.list` -> `responses_list`).

use serde_json::Value;
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Forms API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "forms.googleapis.com",
    title: "Google Forms API",
    console_id: "forms.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v1/forms";

fn form_path(form: &str) -> String {
    format!("{BASE}/{}", segment(form))
}

/// `forms.create`: Google copies only `info.title` and `info.documentTitle` from the body.
pub async fn forms_create(g: &GoogleCtx, title: &str, document_title: Option<&str>) -> Result<Form, GoogleError> {
    let mut info = serde_json::json!({ "title": title });
    if let Some(d) = document_title {
        info["documentTitle"] = Value::from(d);
    }
    g.post(API, BASE).json(&serde_json::json!({ "info": info })).send().await
}

pub async fn forms_get(g: &GoogleCtx, form: &str) -> Result<Form, GoogleError> {
    g.get(API, form_path(form)).send().await
}

/// `forms.batchUpdate`: all requests apply or none do.
pub async fn forms_batch_update(
    g: &GoogleCtx,
    form: &str,
    body: &BatchUpdateRequest,
) -> Result<BatchUpdateResponse, GoogleError> {
    g.post(API, format!("{}:batchUpdate", form_path(form))).json(body).send().await
}

/// `forms.setPublishSettings`: the whole publish state at once (the same call twice leaves
/// the same state, so it is safe to repeat).
pub async fn forms_set_publish_settings(
    g: &GoogleCtx,
    form: &str,
    state: PublishState,
) -> Result<SetPublishSettingsResponse, GoogleError> {
    let body = serde_json::json!({
        "publishSettings": { "publishState": state },
        "updateMask": "publishState",
    });
    g.post(API, format!("{}:setPublishSettings", form_path(form))).json(&body).idempotent().send().await
}

pub async fn responses_list(
    g: &GoogleCtx,
    form: &str,
    page_size: Option<u32>,
    page_token: Option<&str>,
) -> Result<ResponseList, GoogleError> {
    g.get(API, format!("{}/responses", form_path(form)))
        .query_opt("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn responses_get(g: &GoogleCtx, form: &str, response: &str) -> Result<FormResponse, GoogleError> {
    g.get(API, format!("{}/responses/{}", form_path(form), segment(response))).send().await
}
