//! The emulated account: saved contacts (with tombstones, so a sync can report deletions),
//! contact groups, "other contacts", the domain directory, and the search caches Google
//! refreshes on a warm-up request. Every change bumps `seq`; sync tokens are a `seq`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct ContactRec {
    /// `c` and digits, as in `people/c8571862384735619`.
    pub id: String,
    /// The writable Person fields (`names`, `emailAddresses`, ...), as arrays of entries.
    pub fields: Map<String, Value>,
    /// Ids of the groups it belongs to (`myContacts` included).
    pub groups: Vec<String>,
    pub version: u64,
    pub updated: DateTime<Utc>,
    /// The `seq` of its last change, for sync tokens.
    pub changed: u64,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct GroupRec {
    pub id: String,
    pub name: String,
    pub system: bool,
    pub version: u64,
    pub updated: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub contacts: Vec<ContactRec>,
    pub groups: Vec<GroupRec>,
    /// Other contacts: people the user wrote to but never saved, as Person JSON.
    pub other: Vec<Value>,
    /// The domain directory's profiles, as Person JSON.
    pub directory: Vec<Value>,
    /// What `searchContacts` searches: the contacts as of the last warm-up (`None` before one).
    pub contact_cache: Option<Vec<Value>>,
    /// Whether `otherContacts.search` has had its warm-up.
    pub other_warm: bool,
    pub seq: u64,
}

/// System groups Google gives every account, with the names it shows.
pub const SYSTEM_GROUPS: [(&str, &str); 5] = [
    ("myContacts", "My Contacts"),
    ("starred", "Starred"),
    ("friends", "Friends"),
    ("family", "Family"),
    ("coworkers", "Coworkers"),
];

/// Groups whose members a client may change.
pub fn members_modifiable(group: &GroupRec) -> bool {
    !group.system || matches!(group.id.as_str(), "myContacts" | "starred")
}

/// An opaque etag that changes with every version, like Google's `%Eg...` etags.
pub fn etag(kind: &str, id: &str, version: u64) -> String {
    format!("%{}", URL_SAFE_NO_PAD.encode(format!("{kind}:{id}:{version}")))
}

pub fn sync_token(seq: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("sync:{seq}"))
}

pub fn parse_sync_token(token: &str) -> Result<u64, GoogleError> {
    let bad =
        || GoogleError::bad_request("Sync token is expired. Clear local cache and retry call without the sync token.");
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| bad())?;
    String::from_utf8(bytes).ok().and_then(|t| t.strip_prefix("sync:").and_then(|n| n.parse().ok())).ok_or_else(bad)
}

/// A new contact id: `c` and 19 digits.
pub fn new_contact_id() -> String {
    let n: u64 = rand::random::<u64>() % 9_000_000_000_000_000_000 + 1_000_000_000_000_000_000;
    format!("c{n}")
}

/// A new user group id: 16 hex digits.
pub fn new_group_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

impl Store {
    /// The live contact `id` names (`c123`, or `people/c123` in a body).
    pub fn contact(&self, id: &str) -> Result<&ContactRec, GoogleError> {
        let id = id.strip_prefix("people/").unwrap_or(id);
        self.contacts.iter().find(|c| c.id == id && !c.deleted).ok_or_else(GoogleError::not_found)
    }

    pub fn contact_mut(&mut self, id: &str) -> Result<&mut ContactRec, GoogleError> {
        let id = id.strip_prefix("people/").unwrap_or(id);
        self.contacts.iter_mut().find(|c| c.id == id && !c.deleted).ok_or_else(GoogleError::not_found)
    }

    pub fn group(&self, id: &str) -> Result<&GroupRec, GoogleError> {
        let id = id.strip_prefix("contactGroups/").unwrap_or(id);
        self.groups.iter().find(|g| g.id == id).ok_or_else(GoogleError::not_found)
    }

    /// The next change number.
    pub fn tick(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Live members of group `id`, in contact order.
    pub fn members(&self, id: &str) -> Vec<&ContactRec> {
        self.contacts.iter().filter(|c| !c.deleted && c.groups.iter().any(|g| g == id)).collect()
    }

    /// Marks contact `id` deleted (a tombstone stays for syncs).
    pub fn delete_contact(&mut self, id: &str, now: DateTime<Utc>) -> Result<(), GoogleError> {
        let seq = self.tick();
        let c = self.contact_mut(id)?;
        c.deleted = true;
        c.changed = seq;
        c.version += 1;
        c.updated = now;
        c.fields.clear();
        c.groups.clear();
        Ok(())
    }
}
