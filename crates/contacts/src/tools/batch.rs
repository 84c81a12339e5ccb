//! manage_contacts_batch: many contacts created, updated (one field across all of them) or
//! deleted in one People API batch call. Google's limits: 200 contacts per create or update,
//! 500 per delete. An update first reads the contacts' etags in one `people:batchGet`.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::clean_ids;
use crate::api;
use crate::input::{BatchContact, BatchUpdate};
use crate::person::{self, PERSON_FIELDS};
use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BatchAction {
    Create,
    Update,
    Delete,
}

/// The one People field a batch update sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BatchField {
    Names,
    PhoneNumbers,
    EmailAddresses,
    Organizations,
    Nicknames,
    Urls,
    UserDefined,
    Relations,
    Biographies,
    Addresses,
    Birthdays,
}

impl BatchField {
    fn as_str(self) -> &'static str {
        person::FIELDS[self as usize]
    }
}

// Arguments of `manage_contacts_batch`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageContactsBatchParams {
    /// create, update or delete.
    pub action: BatchAction,
    /// For create: the new contacts (at most 200), each with the fields manage_contact takes.
    pub contacts: Option<Vec<BatchContact>>,
    /// For update: at most 200 entries, each a contact_id and the new value of `field`.
    pub updates: Option<Vec<BatchUpdate>>,
    /// For delete: the contacts' ids (at most 500).
    pub contact_ids: Option<Vec<String>>,
    /// For update (required): the one field every entry sets, replacing the contact's value
    /// (names: given_name/family_name, phoneNumbers: phones, emailAddresses: emails,
    /// biographies: notes, addresses: address, birthdays: birthday, the rest by their name).
    /// One field per call keeps an update from clearing fields an entry did not mention.
    pub field: Option<BatchField>,
}

pub fn manage_contacts_batch() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_contacts_batch",
            title: "Manage Contacts in Batch",
            description: "Create up to 200 contacts, set one field on up to 200 contacts, or delete up to 500 \
                contacts in one call.",
            service: Service::Contacts,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CONTACTS],
        },
        batch,
    )
}

fn within(n: usize, max: usize, what: &str) -> Result<(), ToolError> {
    match n {
        0 => Err(ToolError::invalid(format!("{what} must list at least one entry for this action"))),
        n if n > max => {
            Err(ToolError::invalid(format!("{what} holds {n} entries; Google takes at most {max} per call")))
        }
        _ => Ok(()),
    }
}

async fn batch(ctx: ToolCtx, p: ManageContactsBatchParams) -> Result<ToolOutput, ToolError> {
    match p.action {
        BatchAction::Create => {
            let contacts = p.contacts.unwrap_or_default();
            within(contacts.len(), 200, "contacts")?;
            let bodies = contacts
                .iter()
                .enumerate()
                .map(|(i, c)| person::create_body(&c.contact()).map_err(|e| at(i, "contacts", e)))
                .collect::<Result<Vec<_>, _>>()?;
            let g = ctx.google().await?;
            let created = api::people_batch_create_contacts(&g, bodies, PERSON_FIELDS).await?;
            Ok(ToolOutput::text(listing(
                &format!("Created {} contact(s):", created.created_people.len()),
                created.created_people.iter().map(|r| &r.person),
            )))
        }
        BatchAction::Update => update(ctx, p.updates.unwrap_or_default(), p.field).await,
        BatchAction::Delete => {
            let ids = clean_ids(&p.contact_ids.unwrap_or_default());
            within(ids.len(), 500, "contact_ids")?;
            let g = ctx.google().await?;
            api::people_batch_delete_contacts(&g, &ids).await?;
            let shown: Vec<&str> = ids.iter().map(|i| api::person_id(i)).collect();
            Ok(ToolOutput::text(format!("Deleted {} contact(s): {}\n", ids.len(), shown.join(", "))))
        }
    }
}

fn at(i: usize, list: &str, e: ToolError) -> ToolError {
    match e {
        ToolError::InvalidInput(m) => ToolError::invalid(format!("{list}[{i}]: {m}")),
        other => other,
    }
}

fn listing<'a>(head: &str, people: impl Iterator<Item = &'a Value>) -> String {
    let mut out = format!("{head}\n");
    for p in people {
        out.push_str(&render::person_line(p));
        out.push('\n');
    }
    out
}

async fn update(ctx: ToolCtx, updates: Vec<BatchUpdate>, field: Option<BatchField>) -> Result<ToolOutput, ToolError> {
    let field = field.ok_or_else(|| ToolError::invalid("field is required for update: the one field to set"))?.as_str();
    within(updates.len(), 200, "updates")?;
    let mut values = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, u) in updates.iter().enumerate() {
        let id = api::person_id(&u.contact_id).to_string();
        if id.is_empty() || !seen.insert(id.clone()) {
            return Err(ToolError::invalid(format!("updates[{i}]: contact_id is blank or repeated")));
        }
        let mut f = person::fields(&u.contact()).map_err(|e| at(i, "updates", e))?;
        let value = f.remove(field).ok_or_else(|| {
            ToolError::invalid(format!("updates[{i}] gives no value for {field}, the field this batch sets"))
        })?;
        if let Some(other) = f.keys().next() {
            return Err(ToolError::invalid(format!(
                "updates[{i}] also sets {other}, but this batch sets only {field}; use one call per field"
            )));
        }
        values.push((id, value));
    }
    let ids: Vec<String> = values.iter().map(|(id, _)| id.clone()).collect();
    let g = ctx.google().await?;
    let current = api::people_get_batch_get(&g, &ids, "metadata").await?;
    let mut contacts = Map::new();
    for (id, value) in values {
        let name = format!("people/{id}");
        let etag = current
            .responses
            .iter()
            .find(|r| r.person.get("resourceName").and_then(Value::as_str) == Some(name.as_str()))
            .and_then(|r| r.person.get("etag").cloned())
            .ok_or_else(|| ToolError::invalid(format!("contact {id} was not found; nothing was updated")))?;
        let mut body = json!({ "etag": etag });
        body[field] = value;
        contacts.insert(name, body);
    }
    let updated = api::people_batch_update_contacts(&g, contacts, field, PERSON_FIELDS)
        .await
        .map_err(super::manage::stale_etag)?;
    let head = format!("Updated {field} on {} contact(s):", updated.update_result.len());
    Ok(ToolOutput::text(listing(&head, updated.update_result.values().map(|r| &r.person))))
}
