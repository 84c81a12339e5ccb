//! The emulated account's forms behind one mutex. A form keeps Google's JSON for its info,
//! settings and items (items in display order), a revision counter that every content write
//! bumps, its publish state (`None` for a legacy form without publish settings) and its
//! submitted responses.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publish {
    pub published: bool,
    pub accepting: bool,
}

#[derive(Debug, Clone)]
pub struct ResponseRec {
    pub id: String,
    pub created: DateTime<Utc>,
    pub submitted: DateTime<Utc>,
    pub email: Option<String>,
    /// Answers as (question id, text values), in question order.
    pub answers: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct FormRec {
    pub id: String,
    /// The id in the responder link (`/forms/d/e/<id>/viewform`).
    pub responder_id: String,
    /// `title`, `documentTitle`, `description`.
    pub info: Map<String, Value>,
    pub settings: Map<String, Value>,
    pub items: Vec<Value>,
    pub revision: u64,
    pub publish: Option<Publish>,
    pub responses: Vec<ResponseRec>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub forms: Vec<FormRec>,
}

/// Google's timestamp shape for responses: microseconds and `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A revision id as Google shows it: opaque, here the counter in eight digits.
pub fn revision_id(n: u64) -> String {
    format!("{n:08}")
}

/// A Forms-like item or question id (Google's are 8 hex digits).
pub fn short_id() -> String {
    wsmcp_sandbox_kit::ids::hex_id()[..8].to_string()
}

impl Store {
    pub fn form(&self, id: &str) -> Result<&FormRec, GoogleError> {
        self.forms.iter().find(|f| f.id == id).ok_or_else(GoogleError::not_found)
    }

    pub fn form_mut(&mut self, id: &str) -> Result<&mut FormRec, GoogleError> {
        self.forms.iter_mut().find(|f| f.id == id).ok_or_else(GoogleError::not_found)
    }
}

impl FormRec {
    /// Every item id and question id in use (they share one namespace in a form).
    pub fn ids_in_use(&self) -> Vec<String> {
        let mut out = Vec::new();
        for item in &self.items {
            collect_ids(item, &mut out);
        }
        out
    }
}

/// The `itemId` and every `questionId` inside one item.
pub fn collect_ids(item: &Value, out: &mut Vec<String>) {
    if let Some(id) = item.get("itemId").and_then(Value::as_str) {
        out.push(id.to_string());
    }
    if let Some(id) = item.pointer("/questionItem/question/questionId").and_then(Value::as_str) {
        out.push(id.to_string());
    }
    for q in item.pointer("/questionGroupItem/questions").and_then(Value::as_array).into_iter().flatten() {
        if let Some(id) = q.get("questionId").and_then(Value::as_str) {
            out.push(id.to_string());
        }
    }
}

pub fn form_json(f: &FormRec) -> Value {
    let mut out = json!({
        "formId": f.id,
        "info": f.info,
        "settings": f.settings,
        "revisionId": revision_id(f.revision),
        "responderUri": format!("https://docs.google.com/forms/d/e/{}/viewform", f.responder_id),
    });
    // Google leaves `items` out of an empty form.
    if !f.items.is_empty() {
        out["items"] = json!(f.items);
    }
    if let Some(p) = f.publish {
        out["publishSettings"] = publish_json(p);
    }
    out
}

/// Google's JSON leaves out `false` booleans, so an unpublished form's state is `{}`.
pub fn publish_json(p: Publish) -> Value {
    let mut state = Map::new();
    if p.published {
        state.insert("isPublished".into(), json!(true));
    }
    if p.accepting {
        state.insert("isAcceptingResponses".into(), json!(true));
    }
    json!({ "publishState": state })
}

/// A response; `formId` is left out of list replies, as Google does.
pub fn response_json(form: &str, r: &ResponseRec, with_form_id: bool) -> Value {
    let answers: Map<String, Value> = r
        .answers
        .iter()
        .map(|(qid, values)| {
            let answers: Vec<Value> = values.iter().map(|v| json!({ "value": v })).collect();
            (qid.clone(), json!({ "questionId": qid, "textAnswers": { "answers": answers } }))
        })
        .collect();
    let mut out = json!({
        "responseId": r.id,
        "createTime": stamp(r.created),
        "lastSubmittedTime": stamp(r.submitted),
        "answers": answers,
    });
    if with_form_id {
        out["formId"] = json!(form);
    }
    if let Some(e) = &r.email {
        out["respondentEmail"] = json!(e);
    }
    out
}
