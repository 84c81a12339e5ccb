//! People and contact groups as text for the model. Pure functions.

use serde_json::Value;

use crate::wire::ContactGroup;

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty())
}

fn items<'a>(p: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    p.get(field).and_then(Value::as_array).into_iter().flatten()
}

/// The short id the tools take: `c123` for `people/c123`, `abc` for `contactGroups/abc`.
pub fn short_id(resource_name: &str) -> &str {
    resource_name.rsplit('/').next().unwrap_or(resource_name)
}

/// The contact's display name, else its first email, else "(no name)".
pub fn display_name(p: &Value) -> String {
    let name = items(p, "names").next();
    if let Some(n) = name.and_then(|n| s(n, "displayName")) {
        return n.to_string();
    }
    let parts: Vec<&str> = name.into_iter().flat_map(|n| [s(n, "givenName"), s(n, "familyName")]).flatten().collect();
    if !parts.is_empty() {
        return parts.join(" ");
    }
    items(p, "emailAddresses").find_map(|e| s(e, "value")).unwrap_or("(no name)").to_string()
}

fn typed(value: &str, kind: Option<&str>) -> String {
    match kind {
        Some(k) => format!("{value} ({k})"),
        None => value.to_string(),
    }
}

fn phone(e: &Value) -> Option<String> {
    let v = s(e, "value")?;
    Some(match s(e, "type") {
        Some("internal") => format!("Internal: {v}"),
        kind => typed(v, kind),
    })
}

fn organization(o: &Value) -> Option<String> {
    let parts: Vec<&str> = [s(o, "name"), s(o, "title"), s(o, "department")].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One contact on one line: name, id, first email, phone and organization.
pub fn person_line(p: &Value) -> String {
    let id = s(p, "resourceName").map(short_id).unwrap_or("?");
    let mut out = format!("- {} (ID: {id})", display_name(p));
    let firsts = [
        items(p, "emailAddresses").find_map(|e| s(e, "value").map(str::to_string)),
        items(p, "phoneNumbers").find_map(phone),
        items(p, "organizations").find_map(organization),
    ];
    for f in firsts.into_iter().flatten() {
        out.push_str(&format!(" | {f}"));
    }
    out
}

/// Every field of a contact the tools read, one line each.
pub fn person_details(p: &Value) -> String {
    let id = s(p, "resourceName").map(short_id).unwrap_or("?");
    let mut out = format!("Contact: {} (ID: {id})\n", display_name(p));
    let mut line = |label: &str, values: Vec<String>| {
        if !values.is_empty() {
            out.push_str(&format!("- {label}: {}\n", values.join("; ")));
        }
    };
    let typed_values = |field: &str| -> Vec<String> {
        items(p, field).filter_map(|e| s(e, "value").map(|v| typed(v, s(e, "type")))).collect()
    };
    line("Emails", typed_values("emailAddresses"));
    line("Phones", items(p, "phoneNumbers").filter_map(phone).collect());
    line("Organizations", items(p, "organizations").filter_map(organization).collect());
    line("Nicknames", typed_values("nicknames"));
    line("URLs", typed_values("urls"));
    line(
        "Custom fields",
        items(p, "userDefined")
            .filter_map(|e| Some(format!("{}: {}", s(e, "key")?, s(e, "value").unwrap_or(""))))
            .collect(),
    );
    line("Relations", items(p, "relations").filter_map(|e| s(e, "person").map(|v| typed(v, s(e, "type")))).collect());
    line("Addresses", items(p, "addresses").filter_map(|e| s(e, "formattedValue").map(str::to_string)).collect());
    line("Birthday", items(p, "birthdays").filter_map(|b| b.get("date").map(date)).collect());
    line("Notes", items(p, "biographies").filter_map(|e| s(e, "value").map(str::to_string)).collect());
    line(
        "Groups",
        items(p, "memberships")
            .filter_map(|m| m.pointer("/contactGroupMembership/contactGroupResourceName").and_then(Value::as_str))
            .map(|g| short_id(g).to_string())
            .collect(),
    );
    out
}

/// A People `Date`: `1990-05-17`, or `05-17` without a year.
fn date(d: &Value) -> String {
    let n = |k: &str| d.get(k).and_then(Value::as_u64).unwrap_or(0);
    match n("year") {
        0 => format!("{:02}-{:02}", n("month"), n("day")),
        y => format!("{y:04}-{:02}-{:02}", n("month"), n("day")),
    }
}

/// `- Name (ID: abc) | user group | 3 member(s)`
pub fn group_line(g: &ContactGroup) -> String {
    let name = g.formatted_name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&g.name);
    let kind = match g.group_type.as_deref() {
        Some("SYSTEM_CONTACT_GROUP") => "system group",
        _ => "user group",
    };
    format!("- {name} (ID: {}) | {kind} | {} member(s)", short_id(&g.resource_name), g.member_count.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_person_in_one_line_and_in_full() {
        let p = json!({"resourceName": "people/c42", "names": [{"givenName": "Lena", "familyName": "Fischer"}],
            "emailAddresses": [{"value": "lena.fischer@example.com", "type": "work"}],
            "phoneNumbers": [{"value": "250", "type": "internal"}],
            "birthdays": [{"date": {"month": 5, "day": 17}}],
            "memberships": [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/myContacts"}}]});
        assert_eq!(person_line(&p), "- Lena Fischer (ID: c42) | lena.fischer@example.com | Internal: 250");
        let d = person_details(&p);
        assert!(d.contains("- Emails: lena.fischer@example.com (work)\n"), "{d}");
        assert!(d.contains("- Birthday: 05-17\n") && d.contains("- Groups: myContacts\n"), "{d}");
        assert_eq!(display_name(&json!({"emailAddresses": [{"value": "x@y.z"}]})), "x@y.z");
    }
}
