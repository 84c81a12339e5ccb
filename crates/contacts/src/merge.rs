//! An update's new field values against what the contact has: lists merge (deduplicated by a
//! normalized key), replace, or lose the matching entries; names keep the part not given.
//! Google's `updateContact` replaces every field named in `updatePersonFields`, so the merge
//! happens here, on the contact just read with its etag.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// How an update treats a list the contact already has: merge keeps existing entries, adds
/// new ones and updates a matching one; replace keeps only the given entries; remove drops the
/// existing entries matching the given ones. (No per-variant docs: they would turn the
/// schema's plain `enum` into a `oneOf`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Merge,
    Replace,
    Remove,
}

/// What identifies an entry of `field`, so "+49 151 1234" and "+491511234" are one phone.
fn key(field: &str, entry: &Value) -> String {
    let s = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or_default().trim().to_lowercase();
    match field {
        "phoneNumbers" => {
            let v =
                entry.get("canonicalForm").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| s("value"));
            v.chars().filter(char::is_ascii_digit).collect()
        }
        "urls" => s("value").trim_end_matches('/').to_string(),
        "organizations" => {
            let name = s("name");
            if name.is_empty() { format!("title:{}", s("title")) } else { name }
        }
        "userDefined" => s("key"),
        "relations" => s("person"),
        _ => s("value"),
    }
}

/// An entry as it goes back to Google: without the fields Google computes.
fn writable(entry: &Value) -> Value {
    let mut e = entry.clone();
    if let Some(m) = e.as_object_mut() {
        for k in
            ["metadata", "formattedType", "canonicalForm", "displayName", "displayNameLastFirst", "formattedProtocol"]
        {
            m.remove(k);
        }
    }
    e
}

fn merged(field: &str, existing: &[Value], new: &[Value], mode: Mode) -> Vec<Value> {
    let new_keys: Vec<String> = new.iter().map(|n| key(field, n)).collect();
    match mode {
        Mode::Replace => new.to_vec(),
        Mode::Remove => existing.iter().filter(|e| !new_keys.contains(&key(field, e))).map(writable).collect(),
        Mode::Merge => {
            let mut out: Vec<Value> = existing.iter().map(writable).collect();
            for (n, k) in new.iter().zip(&new_keys) {
                match out.iter().position(|e| &key(field, e) == k) {
                    Some(i) => out[i] = n.clone(),
                    None => out.push(n.clone()),
                }
            }
            out
        }
    }
}

/// The body and `updatePersonFields` of an update: each field in `new` combined with the
/// contact's current value by its mode (`modes` names the list fields' modes; the rest replace).
pub fn update_body(
    current: &Value,
    new: &BTreeMap<&'static str, Value>,
    modes: &[(&str, Mode)],
) -> (Value, Vec<String>) {
    let mut body = Map::new();
    body.insert("etag".into(), current.get("etag").cloned().unwrap_or(Value::Null));
    let mut mask = Vec::new();
    for (field, value) in new {
        let new_items = value.as_array().cloned().unwrap_or_default();
        let have: Vec<Value> = current.get(*field).and_then(Value::as_array).cloned().unwrap_or_default();
        let out = if *field == "names" {
            let mut name = have.first().map(writable).unwrap_or_else(|| json!({}));
            for (k, v) in new_items.first().and_then(Value::as_object).into_iter().flatten() {
                name[k] = v.clone();
            }
            if let Some(m) = name.as_object_mut() {
                m.remove("unstructuredName");
            }
            vec![name]
        } else {
            let mode = modes.iter().find(|(f, _)| f == field).map_or(Mode::Replace, |(_, m)| *m);
            merged(field, &have, &new_items, mode)
        };
        body.insert(field.to_string(), Value::Array(out));
        mask.push(field.to_string());
    }
    (Value::Object(body), mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_merge_replace_and_remove_by_key() {
        let current = json!({"etag": "e1", "phoneNumbers": [
            {"value": "+49 151 1234", "canonicalForm": "+491511234", "type": "mobile", "metadata": {"primary": true}},
            {"value": "250", "type": "internal"}],
            "names": [{"givenName": "Lena", "familyName": "Fischer", "displayName": "Lena Fischer"}]});
        let mut new = BTreeMap::new();
        new.insert("phoneNumbers", json!([{"value": "+491511234", "type": "work"}, {"value": "+1 555 0100"}]));
        new.insert("names", json!([{"familyName": "Fischer-Braun"}]));
        let (body, mask) = update_body(&current, &new, &[("phoneNumbers", Mode::Merge)]);
        assert_eq!(mask, ["names", "phoneNumbers"]);
        assert_eq!(body["etag"], "e1");
        assert_eq!(body["names"], json!([{"givenName": "Lena", "familyName": "Fischer-Braun"}]));
        assert_eq!(
            body["phoneNumbers"],
            json!([{"value": "+491511234", "type": "work"}, {"value": "250", "type": "internal"}, {"value": "+1 555 0100"}])
        );
        let (body, _) = update_body(&current, &new, &[("phoneNumbers", Mode::Remove)]);
        assert_eq!(body["phoneNumbers"], json!([{"value": "250", "type": "internal"}]));
        let (body, _) = update_body(&current, &new, &[("phoneNumbers", Mode::Replace)]);
        assert_eq!(body["phoneNumbers"].as_array().unwrap().len(), 2);
        assert_eq!(key("urls", &json!({"value": "https://Example.com/"})), "https://example.com");
    }
}
