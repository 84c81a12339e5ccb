//! The form of a Discovery document that is embedded in the binary: the same JSON without its
//! prose (`description` fields), which is two thirds of its bytes and which the validator does not
//! read, except for the few descriptions that state a rule the schema has no field for; those
//! stay. The copies live in `vendor/google-discovery/compact/`, derived from the vendored originals
//! by this function; a test keeps them current.

use serde_json::Value;

/// Descriptions that carry a rule the validator reads (see `schema.rs`).
const RULES_IN_PROSE: [&str; 2] = ["offset is required unless", "null values are cleared"];

/// `json` without the descriptions the validator does not need, serialized compactly.
pub fn compact(json: &str) -> Result<String, serde_json::Error> {
    let mut doc: Value = serde_json::from_str(json)?;
    strip(&mut doc);
    serde_json::to_string(&doc)
}

fn strip(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let keep = map
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| RULES_IN_PROSE.iter().any(|rule| d.contains(rule)));
            // Only prose: a property or parameter that is itself named `description` is an
            // object, not a string, and stays.
            if !keep && map.get("description").is_some_and(Value::is_string) {
                map.remove("description");
            }
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn prose_goes_rules_and_fields_named_description_stay() {
        let doc = r#"{"description":"An API.","schemas":{"Label":{"description":"A label.","properties":{
            "description":{"type":"string","description":"The label's description."},
            "when":{"type":"string","format":"date-time","description":"A time zone offset is required unless a time zone is explicitly specified."}}}}}"#;
        let out: Value = serde_json::from_str(&compact(doc).unwrap()).unwrap();
        assert!(out.get("description").is_none());
        let props = &out["schemas"]["Label"]["properties"];
        assert_eq!(props["description"], serde_json::json!({"type": "string"}));
        assert!(props["when"]["description"].as_str().unwrap().contains("offset is required unless"));
    }

    /// Each embedded copy is `compact` of its original; `UPDATE_DISCOVERY_COMPACT=1` rewrites them.
    #[test]
    fn the_compact_copies_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/google-discovery");
        let update = std::env::var_os("UPDATE_DISCOVERY_COMPACT").is_some();
        let mut stale = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let want = compact(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let copy = dir.join("compact").join(path.file_name().unwrap());
            if std::fs::read_to_string(&copy).ok().as_deref() != Some(want.as_str()) {
                if update {
                    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
                    std::fs::write(&copy, &want).unwrap();
                } else {
                    stale.push(copy.display().to_string());
                }
            }
        }
        for entry in std::fs::read_dir(dir.join("compact")).unwrap() {
            let copy = entry.unwrap().path();
            assert!(dir.join(copy.file_name().unwrap()).exists(), "{} has no original", copy.display());
        }
        assert!(
            stale.is_empty(),
            "stale compact Discovery copies {stale:?}; run UPDATE_DISCOVERY_COMPACT=1 cargo test -p wsmcp-discovery"
        );
    }
}
