//! Person JSON as Google serves it (computed names, canonical phone forms, per-entry source
//! metadata, memberships), field masks checked as Google checks them, and the writable fields
//! of a Person body.

use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::store::{ContactRec, etag};

/// Every path a read mask (`personFields`, `readMask`) may name.
pub const READABLE: [&str; 29] = [
    "addresses",
    "ageRanges",
    "biographies",
    "birthdays",
    "calendarUrls",
    "clientData",
    "coverPhotos",
    "emailAddresses",
    "events",
    "externalIds",
    "genders",
    "imClients",
    "interests",
    "locales",
    "locations",
    "memberships",
    "metadata",
    "miscKeywords",
    "names",
    "nicknames",
    "occupations",
    "organizations",
    "phoneNumbers",
    "photos",
    "relations",
    "sipAddresses",
    "skills",
    "urls",
    "userDefined",
];

/// The paths `updatePersonFields` and a batch `updateMask` may name.
pub const WRITABLE: [&str; 24] = [
    "addresses",
    "biographies",
    "birthdays",
    "calendarUrls",
    "clientData",
    "emailAddresses",
    "events",
    "externalIds",
    "genders",
    "imClients",
    "interests",
    "locales",
    "locations",
    "memberships",
    "miscKeywords",
    "names",
    "nicknames",
    "occupations",
    "organizations",
    "phoneNumbers",
    "relations",
    "sipAddresses",
    "urls",
    "userDefined",
];

/// Fields that hold at most one entry.
const SINGLE: [&str; 3] = ["names", "birthdays", "biographies"];

/// A comma-separated field mask checked against `valid`; `name` is the parameter (Google's
/// messages name it). Required masks may not be empty.
pub fn mask(value: Option<&str>, name: &str, valid: &[&str]) -> Result<Vec<String>, GoogleError> {
    let paths: Vec<String> = value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.strip_prefix("person.").unwrap_or(p).to_string())
        .collect();
    if paths.is_empty() {
        return Err(GoogleError::bad_request(format!(
            "{name} mask is required. Please specify one or more valid paths. Valid paths are documented at \
             https://developers.google.com/people/api/rest/v1/people/get."
        )));
    }
    if let Some(bad) = paths.iter().find(|p| !valid.contains(&p.as_str())) {
        return Err(GoogleError::bad_request(format!(
            "Invalid {name} mask path: \"{bad}\". Valid paths are documented at \
             https://developers.google.com/people/api/rest/v1/people/get."
        )));
    }
    Ok(paths)
}

/// The writable fields of a Person body that `paths` name, output-only parts removed.
pub fn writable_fields(body: &Value, paths: &[String]) -> Result<Map<String, Value>, GoogleError> {
    let mut out = Map::new();
    for path in paths {
        let entries = match body.get(path) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => {
                return Err(GoogleError::bad_request(format!("Invalid value at 'person.{path}': expected a list")));
            }
        };
        if SINGLE.contains(&path.as_str()) && entries.len() > 1 {
            return Err(GoogleError::bad_request(format!("Invalid person.{path}: only one {path} entry is allowed.")));
        }
        let clean: Vec<Value> = entries
            .into_iter()
            .map(|mut e| {
                if let Some(m) = e.as_object_mut() {
                    for k in ["metadata", "formattedType", "canonicalForm", "displayName", "displayNameLastFirst"] {
                        m.remove(k);
                    }
                }
                e
            })
            .filter(|e| e.as_object().is_some_and(|m| !m.is_empty()))
            .collect();
        if path == "emailAddresses"
            && clean.iter().any(|e| e.get("value").and_then(Value::as_str).is_none_or(|v| !v.contains('@')))
        {
            return Err(GoogleError::bad_request("Invalid email address."));
        }
        out.insert(path.clone(), Value::Array(clean));
    }
    Ok(out)
}

/// The fields a body sets (a create names no mask: everything writable it carries).
pub fn present_fields(body: &Value) -> Vec<String> {
    WRITABLE.iter().filter(|f| body.get(**f).is_some() && **f != "memberships").map(|f| f.to_string()).collect()
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn source_id(id: &str) -> String {
    id.trim_start_matches('c').parse::<u64>().map(|n| format!("{n:x}")).unwrap_or_else(|_| id.to_string())
}

/// One field's entries as Google returns them.
fn decorate(field: &str, entries: &[Value], source: &Value) -> Vec<Value> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut e = e.clone();
            e["metadata"] = if i == 0 { json!({"primary": true, "source": source}) } else { json!({"source": source}) };
            if let Some(t) = e.get("type").and_then(Value::as_str) {
                e["formattedType"] = json!(capitalized(t));
            }
            match field {
                "names" => {
                    let part = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
                    let (given, family) = (part("givenName"), part("familyName"));
                    let display = [given.as_str(), family.as_str()]
                        .iter()
                        .filter(|p| !p.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let display = if display.is_empty() { part("unstructuredName") } else { display };
                    let last_first = if !family.is_empty() && !given.is_empty() {
                        format!("{family}, {given}")
                    } else {
                        display.clone()
                    };
                    e["displayName"] = json!(display);
                    e["displayNameLastFirst"] = json!(last_first);
                    e["unstructuredName"] = json!(display);
                }
                "phoneNumbers" => {
                    let v = e.get("value").and_then(Value::as_str).unwrap_or_default();
                    if v.starts_with('+') {
                        e["canonicalForm"] =
                            json!(format!("+{}", v.chars().filter(char::is_ascii_digit).collect::<String>()));
                    }
                }
                _ => {}
            }
            e
        })
        .collect()
}

/// A contact as Google returns it, with the fields of `mask`.
pub fn person_json(c: &ContactRec, mask: &[String]) -> Value {
    let tag = etag("person", &c.id, c.version);
    let mut out = json!({"resourceName": format!("people/{}", c.id), "etag": tag});
    let source = json!({"type": "CONTACT", "id": source_id(&c.id)});
    for field in mask {
        match field.as_str() {
            "metadata" => {
                let mut meta = json!({
                    "sources": [{"type": "CONTACT", "id": source_id(&c.id), "etag": tag,
                        "updateTime": c.updated.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()}],
                    "objectType": "PERSON",
                });
                if c.deleted {
                    meta["deleted"] = json!(true);
                }
                out["metadata"] = meta;
            }
            "memberships" if !c.groups.is_empty() => {
                let m: Vec<Value> = c
                    .groups
                    .iter()
                    .map(|g| {
                        json!({"metadata": {"source": source}, "contactGroupMembership": {
                        "contactGroupId": g, "contactGroupResourceName": format!("contactGroups/{g}")}})
                    })
                    .collect();
                out["memberships"] = Value::Array(m);
            }
            f => {
                if let Some(entries) = c.fields.get(f).and_then(Value::as_array).filter(|a| !a.is_empty()) {
                    out[f] = Value::Array(decorate(f, entries, &source));
                }
            }
        }
    }
    out
}

/// Person JSON kept as JSON (other contacts, directory), cut to `mask`.
pub fn masked(p: &Value, mask: &[String]) -> Value {
    let mut out = json!({"resourceName": p["resourceName"], "etag": p["etag"]});
    for f in mask {
        if let Some(v) = p.get(f.as_str()) {
            out[f.as_str()] = v.clone();
        }
    }
    out
}
