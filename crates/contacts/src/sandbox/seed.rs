//! The contacts every sandbox starts with, matching the mailbox and the calendar: the Atlas
//! team (Priya Shah, Marco Bianchi, Lena Fischer, whose birthday the task list reminds of, five
//! days ahead), Northwind (Dana Whitfield, Jonas Weber), Kenji Watanabe, Omar Haddad of
//! Contoso and Yuki Tanaka. "Other contacts" are people the user wrote to but never saved;
//! the directory holds the example.com colleagues, the user included.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde_json::{Map, Value, json};

use super::store::{ContactRec, GroupRec, SYSTEM_GROUPS, Store};

/// Fixed ids, so tests and examples can name them.
pub const PRIYA: &str = "c4817390028561203741";
pub const MARCO: &str = "c5920481736205918302";
pub const LENA: &str = "c6031592847316029463";
pub const DANA: &str = "c7142603958427130574";
pub const ATLAS_TEAM: &str = "4a7f1c2e9b3d5f60";
pub const NORTHWIND: &str = "5b80d3f1ac4e6071";

fn fields(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn name(given: &str, family: &str) -> (&'static str, Value) {
    ("names", json!([{"givenName": given, "familyName": family}]))
}

fn email(value: &str) -> (&'static str, Value) {
    ("emailAddresses", json!([{"value": value, "type": "work"}]))
}

fn org(name: &str, title: &str) -> (&'static str, Value) {
    ("organizations", json!([{"name": name, "title": title, "type": "work"}]))
}

fn other(id: &str, given: &str, family: &str, address: &str) -> Value {
    json!({"resourceName": format!("otherContacts/{id}"), "etag": format!("%other-{id}"),
        "names": [{"displayName": format!("{given} {family}"), "givenName": given, "familyName": family}],
        "emailAddresses": [{"value": address}]})
}

fn colleague(id: &str, given: &str, family: &str, title: &str, phone: &str) -> Value {
    let address = format!("{}.{}@example.com", given.to_lowercase(), family.to_lowercase());
    json!({"resourceName": format!("people/{id}"), "etag": format!("%dir-{id}"),
        "names": [{"displayName": format!("{given} {family}"), "givenName": given, "familyName": family}],
        "emailAddresses": [{"value": address, "type": "work"}],
        "phoneNumbers": [{"value": phone, "type": "work"}],
        "organizations": [{"name": "Example Corp", "title": title, "type": "work"}]})
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    let mut s = Store {
        user: user.into(),
        contacts: Vec::new(),
        groups: Vec::new(),
        other: Vec::new(),
        directory: Vec::new(),
        contact_cache: None,
        other_warm: false,
        seq: 0,
    };
    let updated = now - Duration::days(30);
    for (id, _) in SYSTEM_GROUPS {
        s.groups.push(GroupRec { id: id.into(), name: id.into(), system: true, version: 1, updated });
    }
    for (id, name) in [(ATLAS_TEAM, "Atlas team"), (NORTHWIND, "Northwind")] {
        s.groups.push(GroupRec { id: id.into(), name: name.into(), system: false, version: 1, updated });
    }
    let birthday = now.date_naive() + Duration::days(5);
    let people: Vec<(&str, Map<String, Value>, &[&str])> = vec![
        (
            PRIYA,
            fields(&[
                name("Priya", "Shah"),
                email("priya.shah@example.com"),
                ("phoneNumbers", json!([{"value": "+44 20 7946 0321", "type": "work"}])),
                org("Example Corp", "Product Lead, Project Atlas"),
            ]),
            &["myContacts", "starred", ATLAS_TEAM],
        ),
        (
            MARCO,
            fields(&[
                name("Marco", "Bianchi"),
                email("marco.bianchi@example.com"),
                ("phoneNumbers", json!([{"value": "+39 02 5555 0142", "type": "mobile"}])),
                org("Example Corp", "Staff Engineer"),
            ]),
            &["myContacts", ATLAS_TEAM],
        ),
        (
            LENA,
            fields(&[
                name("Lena", "Fischer"),
                email("lena.fischer@example.com"),
                (
                    "phoneNumbers",
                    json!([{"value": "+49 30 5555 0178", "type": "mobile"}, {"value": "250", "type": "internal"}]),
                ),
                org("Example Corp", "Finance Controller"),
                ("birthdays", json!([{"date": {"month": birthday.month(), "day": birthday.day()}}])),
            ]),
            &["myContacts", ATLAS_TEAM],
        ),
        (
            DANA,
            fields(&[
                name("Dana", "Whitfield"),
                email("dana.whitfield@northwind.example"),
                org("Northwind Traders", "Head of Procurement"),
                (
                    "biographies",
                    json!([{"value": "Customer: the München visit and the delayed activation keys (order #4471).", "contentType": "TEXT_PLAIN"}]),
                ),
            ]),
            &["myContacts", NORTHWIND],
        ),
        (
            "c8253714069538241685",
            fields(&[
                name("Jonas", "Weber"),
                email("jonas.weber@northwind.example"),
                org("Northwind Traders", "IT Operations"),
            ]),
            &["myContacts", NORTHWIND],
        ),
        (
            "c9364825170649352796",
            fields(&[
                name("健二", "渡辺"),
                email("kenji.watanabe@example.jp"),
                ("nicknames", json!([{"value": "Kenji Watanabe", "type": "ALTERNATE_NAME"}])),
            ]),
            &["myContacts"],
        ),
        (
            "c1475936281750463807",
            fields(&[
                name("Omar", "Haddad"),
                email("omar.haddad@contoso.example"),
                org("Contoso", "Partnerships Manager"),
                ("urls", json!([{"value": "https://contoso.example/partners", "type": "work"}])),
            ]),
            &["myContacts"],
        ),
        ("c2586047392861574918", fields(&[name("由紀", "田中"), email("yuki.tanaka@example.jp")]), &["myContacts"]),
    ];
    for (i, (id, f, groups)) in people.into_iter().enumerate() {
        let changed = s.tick();
        s.contacts.push(ContactRec {
            id: id.into(),
            fields: f,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            version: 1,
            updated: now - Duration::days(60 - i as i64),
            changed,
            deleted: false,
        });
    }
    s.other = vec![
        other("c3697158403972685029", "Noa", "Levi", "noa.levi@example.org"),
        other("c3708269514083796130", "Dana", "Fox", "dana.fox@northwind.example"),
        other("c3819370625194807241", "Jürgen", "Weiß", "juergen.weiss@druckerei-weiss.example"),
        other("c3920481736205918352", "Иван", "Петров", "ivan.petrov@example.ru"),
    ];
    s.directory = vec![
        colleague("104857600000000000001", "Alex", "Rivera", "Engineering Manager, Project Atlas", "+1 415 555 0100"),
        colleague("104857600000000000002", "Priya", "Shah", "Product Lead, Project Atlas", "+44 20 7946 0321"),
        colleague("104857600000000000003", "Marco", "Bianchi", "Staff Engineer", "+39 02 5555 0142"),
        colleague("104857600000000000004", "Lena", "Fischer", "Finance Controller", "+49 30 5555 0178"),
    ];
    s
}
