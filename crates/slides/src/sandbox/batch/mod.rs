//! `presentations.batchUpdate`: the requests run in order against a copy of the deck and
//! land together only if all succeed (Slides is atomic); `writeControl.requiredRevisionId`
//! must name the current revision. A failing request is a 400 naming it, in Slides' words:
//! `Invalid requests[2].insertText: The object (x) could not be found.`

use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::json::revision_id;
use super::model::{Element, Presentation};

mod create;
mod edit;

/// Why one request failed (the prefix naming it is added by the caller).
pub(crate) type Failure = String;
pub(crate) type Outcome = Result<Value, Failure>;

pub(crate) fn not_found(id: &str) -> Failure {
    format!("The object ({id}) could not be found.")
}

pub(crate) fn str_arg<'a>(r: &'a Value, name: &str) -> Option<&'a str> {
    r.get(name).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The element a request names, mutably.
pub(crate) fn element<'a>(p: &'a mut Presentation, r: &Value) -> Result<&'a mut Element, Failure> {
    let id = str_arg(r, "objectId").ok_or("The objectId must be specified.")?;
    p.element_mut(id).ok_or_else(|| not_found(id))
}

/// A client-chosen object id: 5 to 50 characters, `[a-zA-Z0-9_][a-zA-Z0-9_-:]*`, unused.
pub(crate) fn new_id(p: &mut Presentation, wanted: Option<&str>) -> Result<String, Failure> {
    let Some(id) = wanted else { return Ok(p.fresh_id()) };
    let len = id.chars().count();
    let mut chars = id.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':'));
    if !(5..=50).contains(&len) || !first_ok || !rest_ok {
        return Err(format!(
            "The object ID ({id}) should be 5 to 50 characters long, start with a letter, digit or underscore, \
             and contain only letters, digits, underscores, hyphens and colons."
        ));
    }
    if p.uses_id(id) {
        return Err(format!("The object ID ({id}) should be unique among all pages and page elements."));
    }
    Ok(id.to_string())
}

fn apply_one(p: &mut Presentation, kind: &str, r: &Value) -> Outcome {
    match kind {
        "createSlide" => create::create_slide(p, r),
        "createShape" => create::create_shape(p, r),
        "createTable" => create::create_table(p, r),
        "createImage" => create::create_image(p, r),
        "duplicateObject" => create::duplicate_object(p, r),
        "deleteObject" => create::delete_object(p, r),
        "insertText" => edit::insert_text(p, r),
        "deleteText" => edit::delete_text(p, r),
        "replaceAllText" => edit::replace_all_text(p, r),
        "insertTableRows" => edit::insert_table_rows(p, r),
        "updatePageElementTransform" => edit::update_transform(p, r),
        "updateTextStyle" => edit::update_text_style(p, r),
        other => Err(format!("NOT_EMULATED:{other}")),
    }
}

/// Apply `body` (a BatchUpdatePresentationRequest) to `p`; on success `p` is the new state
/// and the reply body is returned.
pub fn apply(p: &mut Presentation, body: &Value) -> Result<Value, GoogleError> {
    if let Some(required) = body.pointer("/writeControl/requiredRevisionId").and_then(Value::as_str)
        && required != revision_id(p)
    {
        return Err(GoogleError::bad_request(format!(
            "The revision ID '{required}' does not match the presentation's current revision ID. \
             Read the presentation again and retry with its latest revisionId."
        )));
    }
    let requests = body.get("requests").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut work = p.clone();
    let mut replies = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let Some((kind, r)) = request.as_object().and_then(|o| o.iter().next()) else {
            return Err(GoogleError::invalid_argument(format!("Invalid requests[{i}]: The request is empty.")));
        };
        match apply_one(&mut work, kind, r) {
            Ok(reply) => replies.push(reply),
            Err(reason) if reason.starts_with("NOT_EMULATED:") => {
                return Err(GoogleError::new(
                    http::StatusCode::NOT_IMPLEMENTED,
                    "notImplemented",
                    format!("The workspace-mcp sandbox does not emulate the {kind} request (requests[{i}])."),
                ));
            }
            Err(reason) => {
                return Err(GoogleError::invalid_argument(format!("Invalid requests[{i}].{kind}: {reason}")));
            }
        }
    }
    if !requests.is_empty() {
        work.revision += 1;
    }
    *p = work;
    Ok(json!({
        "presentationId": p.id,
        "replies": replies,
        "writeControl": { "requiredRevisionId": revision_id(p) },
    }))
}

/// An empty reply, for requests Slides answers with `{}`.
pub(crate) fn empty() -> Outcome {
    Ok(Value::Object(Map::new()))
}
