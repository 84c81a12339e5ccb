//! Request-body schemas from a Discovery document's `schemas` section.

use crate::formats::Scalar;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One schema node: a reference, a scalar, an array or an object.
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    pub(crate) kind: Kind,
    /// Allowed string values when the node is an enum.
    pub(crate) enum_values: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// `$ref` to a named schema.
    Ref(String),
    Scalar(Scalar),
    Array(Box<Schema>),
    Object(ObjectSchema),
}

#[derive(Debug, Clone)]
pub(crate) struct ObjectSchema {
    pub(crate) fields: Vec<Field>,
    /// Both spellings of every field name (JSON camelCase and proto snake_case) -> index in `fields`.
    by_name: HashMap<String, usize>,
    /// Value schema when the object is a map (`additionalProperties`).
    pub(crate) additional: Option<Box<Schema>>,
    /// The map takes `null` values to clear entries (Drive documents its `properties` maps
    /// with "Entries with null values are cleared in update and copy requests").
    pub(crate) null_clears: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The name as the document spells it (JSON name, usually camelCase).
    pub(crate) name: String,
    /// The proto field name Google also accepts and uses in error paths (snake_case).
    pub(crate) proto_name: String,
    pub(crate) schema: Schema,
}

impl ObjectSchema {
    /// Looks a body key up under either spelling.
    pub(crate) fn field(&self, key: &str) -> Option<&Field> {
        self.by_name.get(key).and_then(|&i| self.fields.get(i))
    }
}

/// `threadId` -> `thread_id`: the proto name Google derives the JSON name from, reversed.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses one schema node; `at` names the node for error messages.
pub(crate) fn parse(node: &Value, at: &str) -> Result<Schema, String> {
    let obj = node.as_object().ok_or_else(|| format!("schema {at} is not an object"))?;
    let enum_values = string_list(obj, "enum", at)?;
    if let Some(r) = obj.get("$ref") {
        let name = r.as_str().ok_or_else(|| format!("$ref of {at} is not a string"))?;
        return Ok(Schema { kind: Kind::Ref(name.to_owned()), enum_values });
    }
    let ty = obj.get("type").and_then(Value::as_str).ok_or_else(|| format!("schema {at} has no type"))?;
    let kind = match ty {
        "object" => Kind::Object(parse_object(obj, at)?),
        "array" => {
            let items = obj.get("items").ok_or_else(|| format!("array {at} has no items"))?;
            Kind::Array(Box::new(parse(items, &format!("{at}[]"))?))
        }
        other => {
            let format = obj.get("format").and_then(Value::as_str);
            let mut scalar = Scalar::from_discovery(other, format)
                .ok_or_else(|| format!("schema {at} has unknown type {other:?}"))?;
            // Calendar documents `EventDateTime.dateTime` as "a time zone offset is required
            // unless a time zone is explicitly specified": a local time passes the front end.
            let description = obj.get("description").and_then(Value::as_str);
            if scalar == Scalar::Timestamp && description.is_some_and(|d| d.contains("offset is required unless")) {
                scalar = Scalar::LocalTimestamp;
            }
            Kind::Scalar(scalar)
        }
    };
    Ok(Schema { kind, enum_values })
}

fn parse_object(obj: &Map<String, Value>, at: &str) -> Result<ObjectSchema, String> {
    let mut fields = Vec::new();
    let mut by_name = HashMap::new();
    if let Some(props) = obj.get("properties") {
        let props = props.as_object().ok_or_else(|| format!("properties of {at} is not an object"))?;
        for (name, sub) in props {
            let schema = parse(sub, &format!("{at}.{name}"))?;
            let proto_name = snake_case(name);
            by_name.insert(name.clone(), fields.len());
            // A camelCase spelling never collides with another field's snake_case spelling in
            // practice; if it did, the document's own spelling wins.
            by_name.entry(proto_name.clone()).or_insert(fields.len());
            fields.push(Field { name: name.clone(), proto_name, schema });
        }
    }
    let additional = match obj.get("additionalProperties") {
        Some(sub) => Some(Box::new(parse(sub, &format!("{at}{{}}"))?)),
        None => None,
    };
    let null_clears = additional.is_some()
        && obj.get("description").and_then(Value::as_str).is_some_and(|d| d.contains("null values are cleared"));
    Ok(ObjectSchema { fields, by_name, additional, null_clears })
}

/// Reads an optional list of strings such as `enum`.
pub(crate) fn string_list(obj: &Map<String, Value>, key: &str, at: &str) -> Result<Option<Vec<String>>, String> {
    let Some(list) = obj.get(key) else {
        return Ok(None);
    };
    let list = list.as_array().ok_or_else(|| format!("{key} of {at} is not a list"))?;
    list.iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| format!("{key} of {at} holds a non-string")))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Every `$ref` reachable from `schema`, for load-time dangling-reference checks.
pub(crate) fn collect_refs<'s>(schema: &'s Schema, out: &mut Vec<&'s str>) {
    match &schema.kind {
        Kind::Ref(name) => out.push(name),
        Kind::Scalar(_) => {}
        Kind::Array(items) => collect_refs(items, out),
        Kind::Object(obj) => {
            for f in &obj.fields {
                collect_refs(&f.schema, out);
            }
            if let Some(a) = &obj.additional {
                collect_refs(a, out);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("threadId"), "thread_id");
        assert_eq!(snake_case("messageListVisibility"), "message_list_visibility");
        assert_eq!(snake_case("raw"), "raw");
        assert_eq!(snake_case("sha256Fingerprint"), "sha256_fingerprint");
        assert_eq!(snake_case("SendAs"), "send_as");
    }

    #[test]
    fn object_fields_under_both_spellings() {
        let s = parse(
            &json!({"type":"object","properties":{"threadId":{"type":"string"},"labelIds":{"type":"array","items":{"type":"string"}}}}),
            "T",
        )
        .unwrap();
        let Kind::Object(obj) = &s.kind else { panic!("not an object") };
        assert_eq!(obj.field("threadId").unwrap().proto_name, "thread_id");
        assert_eq!(obj.field("thread_id").unwrap().name, "threadId");
        assert!(obj.field("ThreadId").is_none());
        assert!(matches!(obj.field("label_ids").unwrap().schema.kind, Kind::Array(_)));
    }

    #[test]
    fn refs_and_errors() {
        let s = parse(&json!({"type":"object","additionalProperties":{"$ref":"X"}}), "M").unwrap();
        let mut refs = Vec::new();
        collect_refs(&s, &mut refs);
        assert_eq!(refs, ["X"]);
        assert!(parse(&json!({"type":"array"}), "A").is_err());
        assert!(parse(&json!({"description":"no type"}), "N").is_err());
        assert!(parse(&json!({"type":"string","enum":[1]}), "E").is_err());
    }
}
