//! list_contacts (paged, sorted, or as a full/incremental sync) and get_contact.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, nonblank};
use crate::api::{self, ConnectionsQuery};
use crate::person::PERSON_FIELDS;
use crate::render;

const SORT_ORDERS: [&str; 4] =
    ["LAST_MODIFIED_ASCENDING", "LAST_MODIFIED_DESCENDING", "FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING"];

fn hundred() -> i64 {
    100
}

// Arguments of `list_contacts`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListContactsParams {
    /// Contacts per page (1-1000).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// page_token from the previous reply; keep the other arguments unchanged when following it.
    pub page_token: Option<String>,
    /// LAST_MODIFIED_ASCENDING, LAST_MODIFIED_DESCENDING, FIRST_NAME_ASCENDING or
    /// LAST_NAME_ASCENDING. Not with a sync.
    pub sort_order: Option<String>,
    /// Start a full sync: the last page ends with a sync token.
    #[serde(default)]
    pub request_sync_token: bool,
    /// List only what changed since the sync that returned this token (deleted contacts are
    /// marked); the last page ends with a new sync token.
    pub sync_token: Option<String>,
}

pub fn list_contacts() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_contacts",
            title: "List Contacts",
            description: "List the user's Google Contacts with their ids, emails, phones and organizations; \
                optionally sorted, or as a full or incremental sync (sync tokens).",
            service: Service::Contacts,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CONTACTS_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListContactsParams) -> Result<ToolOutput, ToolError> {
    let page_size = bounded(p.page_size, 1000, "page_size")?;
    let sort_order = given(p.sort_order.as_deref());
    let sync_token = given(p.sync_token.as_deref());
    if let Some(o) = sort_order {
        if !SORT_ORDERS.contains(&o) {
            return Err(ToolError::invalid(format!("sort_order must be one of {}, got '{o}'", SORT_ORDERS.join(", "))));
        }
        if p.request_sync_token || sync_token.is_some() {
            return Err(ToolError::invalid("sort_order cannot be combined with a sync; leave it out"));
        }
    }
    let q = ConnectionsQuery {
        person_fields: PERSON_FIELDS,
        page_size,
        page_token: given(p.page_token.as_deref()),
        sort_order,
        request_sync_token: p.request_sync_token || sync_token.is_some(),
        sync_token,
    };
    let g = ctx.google().await?;
    let page = api::connections_list(&g, &q).await?;
    let mut out = if page.connections.is_empty() {
        let what = if sync_token.is_some() { "No contacts changed" } else { "No contacts found" };
        format!("{what} for {}.\n", g.user())
    } else {
        let total = page.total_people.map(|t| format!(" (of {t})")).unwrap_or_default();
        format!("{} contact(s){total} for {}:\n", page.connections.len(), g.user())
    };
    for c in &page.connections {
        out.push_str(&line(c));
        out.push('\n');
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref()));
    if let Some(t) = &page.next_sync_token {
        out.push_str(&format!("\nSync token (pass as sync_token for later changes): {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

/// A contact's line; one deleted since the sync token shows as such.
fn line(c: &Value) -> String {
    if c.pointer("/metadata/deleted").and_then(Value::as_bool) == Some(true) {
        let id = c.get("resourceName").and_then(Value::as_str).map(render::short_id).unwrap_or("?");
        return format!("- (deleted) (ID: {id})");
    }
    render::person_line(c)
}

// Arguments of `get_contact`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetContactParams {
    /// The contact's id, e.g. "c1234567890" or "people/c1234567890".
    pub contact_id: String,
}

pub fn get_contact() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_contact",
            title: "Get Contact",
            description: "Show one contact in full: names, emails, phones, organizations, addresses, birthday, \
                notes, nicknames, URLs, custom fields, relations and groups.",
            service: Service::Contacts,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CONTACTS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetContactParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.contact_id, "contact_id")?;
    let g = ctx.google().await?;
    let person = api::people_get(&g, id, PERSON_FIELDS).await?;
    Ok(ToolOutput::text(render::person_details(&person)))
}
