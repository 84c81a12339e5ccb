//! The form of a Discovery document that is embedded in the binary: the same JSON without its
//! prose (`description` fields), which is two thirds of its bytes and which the validator does not
//! read, except for the few descriptions that state a rule the schema has no field for; those
//! stay. The copies live in `vendor/google-discovery/compact/`, derived from the vendored originals
//! by this function and deflated (a sixth of the size again: with every service in, the embedded
//! documents would otherwise be 0.8 MB of the binary); a test keeps them current.

use std::io::{Read, Write};

use serde_json::Value;

/// The text of a deflated compact copy, or `None` if the bytes are not one.
pub fn inflate(deflated: &[u8]) -> Option<String> {
    let mut out = String::new();
    flate2::read::DeflateDecoder::new(deflated).read_to_string(&mut out).ok()?;
    Some(out)
}

/// `text` deflated, as the copies are stored.
pub fn deflate(text: &str) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(text.as_bytes());
    enc.finish().unwrap_or_default()
}

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
            let name = format!("{}.deflate", path.file_name().unwrap().to_str().unwrap());
            let copy = dir.join("compact").join(name);
            let current = std::fs::read(&copy).ok().and_then(|b| inflate(&b));
            if current.as_deref() != Some(want.as_str()) {
                if update {
                    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
                    std::fs::write(&copy, deflate(&want)).unwrap();
                } else {
                    stale.push(copy.display().to_string());
                }
            }
        }
        for entry in std::fs::read_dir(dir.join("compact")).unwrap() {
            let copy = entry.unwrap().path();
            let original = copy.file_name().unwrap().to_str().unwrap().trim_end_matches(".deflate").to_string();
            assert!(dir.join(original).exists(), "{} has no original", copy.display());
        }
        assert!(
            stale.is_empty(),
            "stale compact Discovery copies {stale:?}; run UPDATE_DISCOVERY_COMPACT=1 cargo test -p wsmcp-discovery"
        );
    }
}
