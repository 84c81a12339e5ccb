//! `people.searchContacts`, `otherContacts.search` and `people.searchDirectoryPeople`.
//!
//! As at Google, the two contact searches answer from a cache that only a request with an
//! empty query (the warm-up) refreshes: a contact created after the last warm-up is not found
//! until the next one. Matching is by prefix, word by word, over names, nicknames, emails,
//! organizations and phone digits.

use axum::extract::State;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams};

use super::person::{READABLE, mask, masked, person_json};
use super::store::SharedStore;
use super::{Reply, ok};

/// Other contacts serve only these fields.
const OTHER_READABLE: [&str; 5] = ["emailAddresses", "metadata", "names", "phoneNumbers", "photos"];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn strings<'a>(p: &'a Value, field: &str, key: &'a str) -> impl Iterator<Item = &'a str> {
    p.get(field).and_then(Value::as_array).into_iter().flatten().filter_map(move |e| e.get(key).and_then(Value::as_str))
}

/// Whether `p` matches `query` as Google's contact search does.
pub fn matches(p: &Value, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let phone_like = digits.len() >= 3 && q.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like {
        return strings(p, "phoneNumbers", "value")
            .chain(strings(p, "phoneNumbers", "canonicalForm"))
            .any(|v| v.chars().filter(char::is_ascii_digit).collect::<String>().starts_with(&digits));
    }
    if strings(p, "emailAddresses", "value").any(|e| e.to_lowercase().starts_with(&q)) {
        return true;
    }
    let mut haystack = Vec::new();
    for (field, key) in [
        ("names", "displayName"),
        ("names", "givenName"),
        ("names", "familyName"),
        ("nicknames", "value"),
        ("emailAddresses", "value"),
        ("organizations", "name"),
    ] {
        strings(p, field, key).for_each(|s| haystack.extend(words(s)));
    }
    let wanted = words(&q);
    !wanted.is_empty() && wanted.iter().all(|w| haystack.iter().any(|h| h.starts_with(w.as_str())))
}

/// Google's page size for the contact searches: 10 by default, capped at 30.
fn search_size(q: &QueryParams) -> Result<usize, GoogleError> {
    Ok(match q.uint("pageSize")? {
        None | Some(0) => 10,
        Some(n) => n.min(30) as usize,
    })
}

fn results(people: Vec<Value>) -> Value {
    let r: Vec<Value> = people.into_iter().map(|p| json!({ "person": p })).collect();
    if r.is_empty() { json!({}) } else { json!({ "results": r }) }
}

pub async fn people_search_contacts(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let fields = mask(q.get("readMask"), "readMask", &READABLE)?;
    let size = search_size(&q)?;
    let query = q.get("query").unwrap_or_default();
    let mut s = store.lock();
    if query.trim().is_empty() {
        let all: Vec<String> = READABLE.iter().map(|f| f.to_string()).collect();
        let snapshot = s.contacts.iter().filter(|c| !c.deleted).map(|c| person_json(c, &all)).collect();
        s.contact_cache = Some(snapshot);
        return ok(json!({}));
    }
    let cache = s.contact_cache.as_deref().unwrap_or_default();
    let hits = cache.iter().filter(|p| matches(p, query)).take(size).map(|p| masked(p, &fields)).collect();
    ok(results(hits))
}

pub async fn other_contacts_search(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let fields = mask(q.get("readMask"), "readMask", &OTHER_READABLE)?;
    let size = search_size(&q)?;
    let query = q.get("query").unwrap_or_default();
    let mut s = store.lock();
    if query.trim().is_empty() {
        s.other_warm = true;
        return ok(json!({}));
    }
    if !s.other_warm {
        return ok(json!({}));
    }
    let hits = s.other.iter().filter(|p| matches(p, query)).take(size).map(|p| masked(p, &fields)).collect();
    ok(results(hits))
}

pub async fn people_search_directory_people(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let fields = mask(q.get("readMask"), "readMask", &READABLE)?;
    if q.all("sources").is_empty() {
        return Err(GoogleError::bad_request("sources must be specified."));
    }
    let query = q.get("query").unwrap_or_default();
    if query.trim().is_empty() {
        return Err(GoogleError::bad_request("query must be specified."));
    }
    let size = match q.uint("pageSize")? {
        None | Some(0) => 100,
        Some(n) if n > 500 => return Err(GoogleError::bad_request("pageSize must be between 1 and 500.")),
        Some(n) => n as usize,
    };
    let s = store.lock();
    let all: Vec<&Value> = s.directory.iter().filter(|p| matches(p, query)).collect();
    let people: Vec<Value> = all.iter().take(size).map(|p| masked(p, &fields)).collect();
    ok(json!({ "people": people, "totalSize": all.len() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matching_on_words_emails_and_phones() {
        let p = json!({"names": [{"displayName": "Priya Shah", "givenName": "Priya", "familyName": "Shah"}],
            "emailAddresses": [{"value": "priya.shah@example.com"}],
            "phoneNumbers": [{"value": "+44 20 7946 0321", "canonicalForm": "+442079460321"}],
            "organizations": [{"name": "Example Corp"}]});
        for q in ["pri", "Shah", "priya sh", "priya.shah@ex", "example", "+44 20 79", "4420"] {
            assert!(matches(&p, q), "{q}");
        }
        for q in ["riya", "hah", "priya x", "7946", "corp x"] {
            assert!(!matches(&p, q), "{q}");
        }
    }
}
