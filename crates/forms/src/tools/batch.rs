//! batch_update_form: Google's batchUpdate requests, checked for shape before they are sent.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::nonblank;
use crate::api;
use crate::render;
use crate::wire::BatchUpdateRequest;

// Arguments of `batch_update_form`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct BatchUpdateFormParams {
    /// The form's id.
    pub form_id: String,
    /// Forms API requests, applied in order, all or none. Each object holds exactly one of:
    /// createItem {item, location: {index}}; updateItem {item, location, updateMask};
    /// deleteItem {location}; moveItem {originalLocation, newLocation};
    /// updateFormInfo {info: {title, description}, updateMask}; updateSettings
    /// {settings: {quizSettings: {isQuiz}, emailCollectionType}, updateMask}. Indexes are
    /// 0-based positions as get_form lists them. Example question:
    /// {"createItem": {"item": {"title": "Rating", "questionItem": {"question": {"required": true,
    /// "scaleQuestion": {"low": 1, "high": 5}}}}, "location": {"index": 0}}}.
    pub requests: Vec<Map<String, Value>>,
}

pub fn batch_update_form() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "batch_update_form",
            title: "Batch Update Form",
            description: "Change a Google Form with Forms API batchUpdate requests: add questions and other items \
                (createItem), edit (updateItem), delete (deleteItem) or reorder (moveItem) items, change the \
                title and description (updateFormInfo) or settings such as quiz mode (updateSettings). All \
                requests apply or none; replies name the new item and question ids.",
            service: Service::Forms,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::FORMS_BODY],
        },
        batch_update,
    )
}

/// Each request kind and the fields Google requires in it.
const KINDS: &[(&str, &[&str])] = &[
    ("createItem", &["item", "location"]),
    ("updateItem", &["item", "location", "updateMask"]),
    ("deleteItem", &["location"]),
    ("moveItem", &["originalLocation", "newLocation"]),
    ("updateFormInfo", &["info", "updateMask"]),
    ("updateSettings", &["settings", "updateMask"]),
];

fn kind_names() -> String {
    KINDS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
}

/// `create_item` -> `createItem`, for a hint when a request uses the proto field names.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One request: exactly one known kind, an object with the fields that kind needs.
pub(crate) fn check_request(i: usize, r: &Map<String, Value>) -> Result<(), ToolError> {
    let bad = |msg: String| ToolError::invalid(format!("requests[{i}]: {msg}"));
    if r.len() != 1 {
        let keys: Vec<&String> = r.keys().collect();
        return Err(bad(format!("must hold exactly one of {}, got {keys:?}", kind_names())));
    }
    let (key, body) = r.iter().next().ok_or_else(|| bad("is empty".into()))?;
    let Some((kind, needs)) = KINDS.iter().find(|(k, _)| k == key) else {
        let hint = KINDS.iter().find(|(k, _)| *k == camel(key)).map_or(String::new(), |(k, _)| format!(" (use {k})"));
        return Err(bad(format!("unknown request kind '{key}'{hint}; use one of {}", kind_names())));
    };
    let Some(body) = body.as_object() else {
        return Err(bad(format!("{kind} must be an object")));
    };
    for field in *needs {
        if body.get(*field).is_none_or(Value::is_null) {
            return Err(bad(format!("{kind} needs '{field}'")));
        }
    }
    if let Some(mask) = body.get("updateMask")
        && mask.as_str().is_none_or(|m| m.trim().is_empty())
    {
        return Err(bad(format!(
            "{kind}.updateMask must name the fields to change, e.g. \"title,description\" or \"*\""
        )));
    }
    Ok(())
}

async fn batch_update(ctx: ToolCtx, p: BatchUpdateFormParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.form_id, "form_id")?;
    if p.requests.is_empty() {
        return Err(ToolError::invalid(format!("requests is empty: give at least one of {}", kind_names())));
    }
    for (i, r) in p.requests.iter().enumerate() {
        check_request(i, r)?;
    }
    let count = p.requests.len();
    let body = BatchUpdateRequest { requests: p.requests, include_form_in_response: true };
    let g = ctx.google().await?;
    let r = api::forms_batch_update(&g, id, &body).await?;
    let mut out = render::batch_result(id, count, &r);
    if let Some(form) = &r.form {
        out.push('\n');
        out.push_str(&render::form_details(form));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn req(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn requests_are_checked_for_shape() {
        let ok = req(json!({"deleteItem": {"location": {"index": 0}}}));
        assert!(check_request(0, &ok).is_ok());
        let snake = check_request(1, &req(json!({"create_item": {}}))).unwrap_err().to_string();
        assert!(snake.contains("requests[1]") && snake.contains("(use createItem)"), "{snake}");
        let two = req(json!({"deleteItem": {"location": {}}, "moveItem": {}}));
        assert!(check_request(0, &two).is_err());
        let no_mask = check_request(0, &req(json!({"updateFormInfo": {"info": {"title": "x"}}}))).unwrap_err();
        assert!(no_mask.to_string().contains("needs 'updateMask'"), "{no_mask}");
        let blank = req(json!({"updateSettings": {"settings": {}, "updateMask": " "}}));
        assert!(check_request(0, &blank).is_err());
    }
}
