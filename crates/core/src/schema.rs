//! Input schemas as strict MCP clients want them: JSON Schema 2020-12 objects with every
//! subschema inlined, no top-level combinators, and optional parameters written as their
//! plain type with `"default": null` (the shape the reference server published, so clients
//! that cached it see no change).

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

/// The input schema of a parameters type.
pub fn input_schema<P: JsonSchema>() -> Map<String, Value> {
    let settings = SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = true);
    let schema = settings.into_generator().into_root_schema_for::<P>();
    let mut value = schema.to_value();
    normalize(&mut value);
    let mut map = match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    map.remove("$schema");
    map.remove("title");
    map.remove("$defs");
    map.entry("type").or_insert_with(|| Value::String("object".into()));
    map.entry("properties").or_insert_with(|| Value::Object(Map::new()));
    map
}

/// Rewrites nullable shapes into plain types and drops noise, recursively.
fn normalize(value: &mut Value) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            items.iter_mut().for_each(normalize);
        }
        return;
    };
    // `{"anyOf": [X, {"type": "null"}]}` -> X (with default null)
    if let Some(Value::Array(variants)) = map.get("anyOf") {
        let non_null: Vec<&Value> = variants.iter().filter(|v| !is_null_schema(v)).collect();
        if non_null.len() == 1
            && variants.len() == 2
            && let Some(Value::Object(inner)) = non_null.first().map(|v| (*v).clone())
        {
            map.remove("anyOf");
            for (k, v) in inner {
                map.entry(k).or_insert(v);
            }
            map.entry("default").or_insert(Value::Null);
        }
    }
    // `"type": ["string", "null"]` -> `"type": "string"` (with default null)
    if let Some(Value::Array(types)) = map.get("type") {
        let non_null: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
        if non_null.len() == 1
            && types.len() == 2
            && let Some(t) = non_null.into_iter().next()
        {
            map.insert("type".into(), t);
            map.entry("default").or_insert(Value::Null);
        }
    }
    // `"enum": ["a", "b", null]` -> without the null
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    map.remove("format")
        .filter(|f| !matches!(f.as_str(), Some("uint" | "uint32" | "uint64" | "int32" | "int64" | "double" | "float")))
        .map(|f| map.insert("format".into(), f));
    map.remove("minimum").filter(|m| m.as_f64() != Some(0.0)).map(|m| map.insert("minimum".into(), m));
    for v in map.values_mut() {
        normalize(v);
    }
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null") || v.get("const").is_some_and(Value::is_null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Mode {
        Fast,
        Slow,
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct P {
        /// Required text.
        query: String,
        /// Optional page token.
        page_token: Option<String>,
        /// Optional mode.
        mode: Option<Mode>,
        /// Size.
        #[serde(default = "ten")]
        page_size: u32,
    }
    fn ten() -> u32 {
        10
    }

    #[test]
    fn optional_fields_are_plain_types_with_null_default() {
        let s = input_schema::<P>();
        assert!(s.get("$schema").is_none());
        let props = &s["properties"];
        assert_eq!(props["page_token"]["type"], "string");
        assert_eq!(props["page_token"]["default"], Value::Null);
        assert_eq!(props["mode"]["enum"], serde_json::json!(["fast", "slow"]));
        assert!(props["mode"].get("anyOf").is_none());
        assert_eq!(props["page_size"]["type"], "integer");
        assert_eq!(props["page_size"]["default"], 10);
        assert!(props["page_size"].get("format").is_none());
        assert_eq!(s["required"], serde_json::json!(["query"]));
        assert_eq!(props["query"]["description"], "Required text.");
    }
}
