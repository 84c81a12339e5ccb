//! Request bodies: whether a body may be sent at all, and JSON bodies against the method's schema.
//!
//! Google parses a JSON body into the request proto, so unknown names, wrong types, bad enum
//! values and malformed 64-bit/bytes/timestamp strings are all 400s. Field names bind under the
//! JSON (camelCase) or the proto (snake_case) spelling. `null` means "unset" for a field.

use crate::document::{Api, Method};
use crate::error::Violation;
use crate::formats::Scalar;
use crate::request::Body;
use crate::schema::{Kind, Schema, snake_case};
use crate::upload::{self, Phase};
use serde_json::Value;

/// JSON nesting deeper than any real request; stops a hostile body from exhausting the stack.
const MAX_DEPTH: usize = 96;

/// Short rendering of an offending value (a `raw` message can be megabytes).
fn show(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

fn at(path: &str) -> String {
    if path.is_empty() { String::new() } else { format!(" at '{path}'") }
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") }
}

fn invalid_value(path: &str, label: &str, value: &Value) -> Violation {
    Violation::invalid(format!("Invalid value at '{path}' ({label}), {}", show(value)))
}

struct Walker<'s> {
    api: &'s Api,
}

impl<'s> Walker<'s> {
    fn value(&self, schema: &'s Schema, value: &Value, path: &str, depth: usize) -> Result<(), Violation> {
        if depth > MAX_DEPTH {
            return Err(Violation::invalid(format!("Invalid JSON payload received. Nesting too deep{}.", at(path))));
        }
        let (schema, name) = self
            .api
            .deref(schema)
            .ok_or_else(|| Violation::invalid(format!("Invalid JSON payload received{}.", at(path))))?;
        match &schema.kind {
            Kind::Scalar(scalar) => {
                if !scalar.accepts_json(value) {
                    return Err(invalid_value(path, scalar.proto_label(), value));
                }
                if let (Some(allowed), Some(text)) = (&schema.enum_values, value.as_str())
                    && !allowed.iter().any(|a| a == text)
                {
                    return Err(invalid_value(path, "TYPE_ENUM", value));
                }
                Ok(())
            }
            Kind::Array(items) => {
                let Value::Array(elements) = value else {
                    return Err(Violation::invalid(format!(
                        "Invalid JSON payload received. Expected a list{}, got {}.",
                        at(path),
                        show(value)
                    )));
                };
                for (i, element) in elements.iter().enumerate() {
                    self.element(items, element, &format!("{path}[{i}]"), depth + 1)?;
                }
                Ok(())
            }
            Kind::Object(obj) => {
                let Value::Object(map) = value else {
                    if value.is_array() {
                        return Err(Violation::invalid(format!(
                            "Invalid JSON payload received. Proto field is not repeating, cannot start list{}.",
                            at(path)
                        )));
                    }
                    return Err(invalid_value(path, name.unwrap_or("TYPE_MESSAGE"), value));
                };
                let mut seen: Vec<&str> = Vec::new();
                for (key, sub) in map {
                    if let Some(field) = obj.field(key) {
                        // Both spellings of one field in the same object set it twice.
                        if seen.contains(&field.name.as_str()) {
                            return Err(Violation::invalid(format!(
                                "Invalid JSON payload received. Field \"{key}\" is set more than once{}.",
                                at(path)
                            )));
                        }
                        seen.push(&field.name);
                        if !sub.is_null() {
                            self.value(&field.schema, sub, &child(path, &field.proto_name), depth + 1)?;
                        }
                    } else if let Some(values) = &obj.additional {
                        if !(sub.is_null() && obj.null_clears) {
                            self.element(values, sub, &format!("{path}[{key}]"), depth + 1)?;
                        }
                    } else {
                        return Err(Violation::invalid(format!(
                            "Invalid JSON payload received. Unknown name \"{key}\"{}: Cannot find field.",
                            at(path)
                        )));
                    }
                }
                Ok(())
            }
            Kind::Ref(_) => Err(Violation::invalid(format!("Invalid JSON payload received{}.", at(path)))),
        }
    }

    /// A list element or map value: `null` only where the element type is untyped (`any`).
    fn element(&self, schema: &'s Schema, value: &Value, path: &str, depth: usize) -> Result<(), Violation> {
        if value.is_null() {
            let untyped = self.api.deref(schema).is_some_and(|(s, _)| matches!(s.kind, Kind::Scalar(Scalar::Any)));
            if !untyped {
                return Err(Violation::invalid(format!(
                    "Invalid JSON payload received. null is not allowed{}.",
                    at(path)
                )));
            }
            return Ok(());
        }
        self.value(schema, value, path, depth)
    }
}

/// Validates a JSON document against the named request schema.
pub(crate) fn check_json(api: &Api, schema_name: &str, value: &Value) -> Result<(), Violation> {
    let Some(schema) = api.schemas.get(schema_name) else {
        return Err(Violation::bad_request(format!("Unknown request schema {schema_name}.")));
    };
    if !value.is_object() {
        return Err(Violation::invalid(format!(
            "Invalid JSON payload received. Expected an object as the request body, got {}.",
            show(value)
        )));
    }
    // Google reports body paths from the request message: a method whose body is a whole
    // `...Request` message starts at the top, otherwise the body is one field named after its type
    // (messages.send puts a Message into `message`).
    let root = if schema_name.ends_with("Request") { String::new() } else { snake_case(schema_name) };
    Walker { api }.value(schema, value, &root, 0)
}

/// Validates a JSON body for `method`; methods without a request schema take only `{}`.
pub(crate) fn check_method_json(api: &Api, method: &Method, value: &Value) -> Result<(), Violation> {
    match &method.request {
        Some(name) => check_json(api, name, value),
        None if value.as_object().is_some_and(serde_json::Map::is_empty) => Ok(()),
        None => {
            Err(Violation::bad_request(format!("Invalid JSON payload received. {} takes no request body.", method.id)))
        }
    }
}

/// Checks the body's presence and kind for the method and upload phase, then its content.
pub(crate) fn check(
    api: &Api,
    method: &Method,
    phase: Option<Phase>,
    http_method: &str,
    body: Body<'_>,
) -> Result<(), Violation> {
    if matches!(body, Body::None) {
        if phase == Some(Phase::Multipart) {
            return Err(Violation::bad_request("Invalid multipart upload: the request has no body."));
        }
        return Ok(());
    }
    if matches!(http_method, "GET" | "DELETE" | "HEAD") {
        return Err(Violation::bad_request(format!("A {http_method} request must not carry a body.")));
    }
    let media = method.media.as_ref();
    match (body, phase, media) {
        (Body::Json(value), None | Some(Phase::ResumableStart), _) => check_method_json(api, method, value),
        (Body::Media { content_type }, Some(Phase::Simple), Some(media)) => {
            upload::check_media_type(media, content_type)
        }
        (Body::Media { content_type }, Some(Phase::Multipart), _) => upload::check_multipart(content_type),
        (Body::Media { .. }, Some(Phase::ResumableChunk), _) => Ok(()),
        (Body::Media { .. }, None, _) => Err(Violation::bad_request(format!(
            "Media bodies are only accepted on the /upload/ URLs of {}; this URL takes JSON.",
            method.id
        ))),
        (Body::Media { .. }, Some(Phase::ResumableStart), _) => Err(Violation::bad_request(
            "A resumable upload session is opened with JSON metadata (or no body); send the media with PUT to the session URL.",
        )),
        (Body::Json(_), Some(_), _) => Err(Violation::bad_request(
            "This upload request expects media, not a JSON body; metadata-only requests go to the non-upload URL.",
        )),
        // Upload phases only arise for methods with mediaUpload; fail closed if that ever breaks.
        (Body::Media { .. }, Some(Phase::Simple), None) => Err(Violation::bad_request("This method takes no media.")),
        (Body::None, _, _) => Ok(()),
    }
}
