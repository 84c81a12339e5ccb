//! Person bodies from tool input: each given contact field becomes the People API field it
//! sets (`phones` and the deprecated `phone` both become `phoneNumbers`), checked before any
//! request. On update a field merges with, replaces, or is removed from what the contact has.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_core::args::given;

use crate::input::ContactInput;

/// The fields every tool reads back and shows.
pub const PERSON_FIELDS: &str = "names,nicknames,emailAddresses,phoneNumbers,organizations,addresses,birthdays,\
biographies,urls,userDefined,relations,memberships,metadata";

/// The People API fields the contact fields map to, in the order shown.
pub const FIELDS: [&str; 11] = [
    "names",
    "phoneNumbers",
    "emailAddresses",
    "organizations",
    "nicknames",
    "urls",
    "userDefined",
    "relations",
    "biographies",
    "addresses",
    "birthdays",
];

fn entry(pairs: &[(&str, Option<&str>)]) -> Value {
    let mut out = json!({});
    for (k, v) in pairs {
        if let Some(v) = given(*v) {
            out[*k] = json!(v);
        }
    }
    out
}

/// A phone number as the user typed it; an internal extension keeps digits only.
fn phone_value(number: &str, kind: Option<&str>) -> String {
    if kind == Some("internal") { number.trim().trim_start_matches('+').to_string() } else { number.trim().to_string() }
}

/// `YYYY-MM-DD` or `MM-DD` as a People `Date`; `None` for clear.
pub fn birthday(text: &str) -> Result<Option<Value>, ToolError> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("clear") {
        return Ok(None);
    }
    let bad = || ToolError::invalid(format!("birthday must be YYYY-MM-DD, MM-DD, or 'clear'; got '{t}'"));
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        use chrono::Datelike;
        return Ok(Some(json!({"year": d.year(), "month": d.month(), "day": d.day()})));
    }
    let (m, d) = t.split_once('-').ok_or_else(bad)?;
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is a valid birthday without a year.
    NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
    Ok(Some(json!({"month": m, "day": d})))
}

/// Each People field the input sets, with its new entries. Absent inputs set nothing; a
/// field given as "" (notes, address, birthday) maps to an empty list, which clears it.
pub fn fields(c: &ContactInput) -> Result<BTreeMap<&'static str, Value>, ToolError> {
    let mut out = BTreeMap::new();
    if given(c.given_name.as_deref()).is_some() || given(c.family_name.as_deref()).is_some() {
        out.insert(
            "names",
            json!([entry(&[("givenName", c.given_name.as_deref()), ("familyName", c.family_name.as_deref())])]),
        );
    }
    let mut phones = Vec::new();
    for p in c.phones.iter().flatten() {
        let number = given(p.number.as_deref()).or(given(p.value.as_deref()));
        let number = number.ok_or_else(|| ToolError::invalid("each phone needs a number"))?;
        let kind = given(p.kind.as_deref());
        phones.push(entry(&[("value", Some(&phone_value(number, kind))), ("type", kind)]));
    }
    if let Some(p) = given(c.phone.as_deref()) {
        phones.push(entry(&[("value", Some(p)), ("type", Some("mobile"))]));
    }
    if c.phones.is_some() || !phones.is_empty() {
        out.insert("phoneNumbers", Value::Array(phones));
    }
    let mut emails = Vec::new();
    for e in c.emails.iter().flatten() {
        let address = given(e.address.as_deref()).or(given(e.value.as_deref()));
        let address = address.ok_or_else(|| ToolError::invalid("each email needs an address"))?;
        if !address.contains('@') {
            return Err(ToolError::invalid(format!("'{address}' is not an email address")));
        }
        emails.push(entry(&[("value", Some(address)), ("type", given(e.kind.as_deref()))]));
    }
    if let Some(e) = given(c.email.as_deref()) {
        if !e.contains('@') {
            return Err(ToolError::invalid(format!("'{e}' is not an email address")));
        }
        emails.push(entry(&[("value", Some(e)), ("type", Some("other"))]));
    }
    if c.emails.is_some() || !emails.is_empty() {
        out.insert("emailAddresses", Value::Array(emails));
    }
    let mut orgs: Vec<Value> = c
        .organizations
        .iter()
        .flatten()
        .map(|o| {
            entry(&[
                ("name", o.name.as_deref()),
                ("title", o.title.as_deref()),
                ("department", o.department.as_deref()),
                ("jobDescription", o.job_description.as_deref()),
                ("type", o.kind.as_deref()),
            ])
        })
        .collect();
    if orgs.iter().any(|o| o.as_object().is_some_and(|m| m.is_empty())) {
        return Err(ToolError::invalid("each organization needs a name, title, department or jobDescription"));
    }
    if given(c.organization.as_deref()).is_some() || given(c.job_title.as_deref()).is_some() {
        orgs.push(entry(&[("name", c.organization.as_deref()), ("title", c.job_title.as_deref())]));
    }
    if c.organizations.is_some() || !orgs.is_empty() {
        out.insert("organizations", Value::Array(orgs));
    }
    let list = |what: &str, items: Vec<Value>| -> Result<Value, ToolError> {
        if items.iter().any(|i| i.as_object().is_none_or(|m| m.is_empty())) {
            return Err(ToolError::invalid(format!("each {what} needs a non-empty value")));
        }
        Ok(Value::Array(items))
    };
    if let Some(n) = &c.nicknames {
        let items = n.iter().map(|n| entry(&[("value", Some(&n.value)), ("type", n.kind.as_deref())])).collect();
        out.insert("nicknames", list("nickname", items)?);
    }
    if let Some(u) = &c.urls {
        let items = u.iter().map(|u| entry(&[("value", Some(&u.value)), ("type", u.kind.as_deref())])).collect();
        out.insert("urls", list("url", items)?);
    }
    if let Some(u) = &c.user_defined {
        if u.iter().any(|f| f.key.trim().is_empty()) {
            return Err(ToolError::invalid("each user_defined field needs a key"));
        }
        out.insert(
            "userDefined",
            Value::Array(u.iter().map(|f| json!({"key": f.key.trim(), "value": f.value})).collect()),
        );
    }
    if let Some(r) = &c.relations {
        let items = r.iter().map(|r| entry(&[("person", Some(&r.person)), ("type", r.kind.as_deref())])).collect();
        out.insert("relations", list("relation", items)?);
    }
    if let Some(n) = &c.notes {
        let v = given(Some(n)).map(|n| vec![json!({"value": n, "contentType": "TEXT_PLAIN"})]).unwrap_or_default();
        out.insert("biographies", Value::Array(v));
    }
    if let Some(a) = &c.address {
        let v = given(Some(a)).map(|a| vec![json!({"formattedValue": a, "type": "home"})]).unwrap_or_default();
        out.insert("addresses", Value::Array(v));
    }
    if let Some(b) = &c.birthday {
        out.insert("birthdays", Value::Array(birthday(b)?.map(|d| vec![json!({"date": d})]).unwrap_or_default()));
    }
    Ok(out)
}

/// A new contact's Person body.
pub fn create_body(c: &ContactInput) -> Result<Value, ToolError> {
    let f = fields(c)?;
    let has = |k: &str| f.get(k).and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if !["names", "emailAddresses", "phoneNumbers", "organizations"].iter().any(|k| has(k)) {
        return Err(ToolError::invalid("a new contact needs a name, an email, a phone or an organization"));
    }
    Ok(Value::Object(
        f.into_iter()
            .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::*;

    #[test]
    fn inputs_map_to_people_fields() {
        let c = ContactInput {
            given_name: Some("Ana".into()),
            phones: Some(vec![PhoneInput {
                value: Some("+250".into()),
                kind: Some("internal".into()),
                ..Default::default()
            }]),
            email: Some("ana@example.com".into()),
            birthday: Some("02-29".into()),
            notes: Some(String::new()),
            ..Default::default()
        };
        let f = fields(&c).unwrap();
        assert_eq!(f["phoneNumbers"], json!([{"value": "250", "type": "internal"}]));
        assert_eq!(f["emailAddresses"], json!([{"value": "ana@example.com", "type": "other"}]));
        assert_eq!(f["birthdays"], json!([{"date": {"month": 2, "day": 29}}]));
        assert_eq!(f["biographies"], json!([]), "\"\" clears the notes");
        let body = create_body(&c).unwrap();
        assert!(body.get("biographies").is_none(), "{body}");
        assert!(birthday("13-01").is_err() && birthday("1990-02-30").is_err());
        assert_eq!(birthday("clear").unwrap(), None);
        assert!(create_body(&ContactInput { notes: Some("x".into()), ..Default::default() }).is_err());
        assert!(fields(&ContactInput { email: Some("nope".into()), ..Default::default() }).is_err());
    }
}
