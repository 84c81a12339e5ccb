//! manage_contact: create, update (read the contact with its etag, merge, write back only the
//! fields given), or delete one contact.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::google::GoogleError;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::required;
use crate::api;
use crate::input::with_contact_fields;
use crate::merge::{Mode, update_body};
use crate::person::{self, PERSON_FIELDS};
use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContactAction {
    Create,
    Update,
    Delete,
}

with_contact_fields! {
    // Arguments of `manage_contact`.
    #[derive(Debug, Deserialize, JsonSchema)]
    pub struct ManageContactParams {
        /// create, update or delete.
        pub action: ContactAction,
        /// The contact's id ("c123" or "people/c123"); required for update and delete.
        pub contact_id: Option<String>,
        /// On update, how phones combine with the contact's: merge (add, deduplicated by
        /// number), replace (only these remain) or remove (drop these numbers).
        #[serde(default)]
        pub phones_mode: Mode,
        /// On update, how emails combine: merge, replace or remove.
        #[serde(default)]
        pub emails_mode: Mode,
        /// On update, how organizations combine: merge, replace or remove.
        #[serde(default)]
        pub organizations_mode: Mode,
        /// On update, how nicknames combine: merge, replace or remove.
        #[serde(default)]
        pub nicknames_mode: Mode,
        /// On update, how URLs combine: merge (deduplicated ignoring case and a trailing
        /// slash), replace or remove.
        #[serde(default)]
        pub urls_mode: Mode,
        /// On update, how custom fields combine: merge (a matching key takes the new value),
        /// replace or remove (by key).
        #[serde(default)]
        pub user_defined_mode: Mode,
        /// On update, how relations combine: merge, replace or remove.
        #[serde(default)]
        pub relations_mode: Mode,
    }
}

pub fn manage_contact() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_contact",
            title: "Manage Contact",
            description: "Create, update or delete a contact. An update changes only the fields given: lists \
                (phones, emails, organizations, nicknames, URLs, custom fields, relations) merge with, replace \
                or are removed from the contact's by their *_mode; other contact fields stay as they are.",
            service: Service::Contacts,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CONTACTS],
        },
        manage,
    )
}

/// Google refuses an update whose etag is no longer current with 400 FAILED_PRECONDITION.
pub(crate) fn stale_etag(mut e: GoogleError) -> ToolError {
    if e.status == Some(400) && matches!(e.reason.as_deref(), Some("failedPrecondition" | "FAILED_PRECONDITION")) {
        e.advice = "The contact changed after it was read (its etag is stale), so nothing was updated. Read it \
            again (get_contact) and repeat the update."
            .into();
    }
    ToolError::Google(e)
}

async fn manage(ctx: ToolCtx, p: ManageContactParams) -> Result<ToolOutput, ToolError> {
    let id = || required(p.contact_id.as_deref(), "contact_id is required for update and delete");
    let out = match p.action {
        ContactAction::Create => {
            let body = person::create_body(&p.contact())?;
            let g = ctx.google().await?;
            let created = api::people_create_contact(&g, &body, PERSON_FIELDS).await?;
            format!("Created contact:\n{}", render::person_details(&created))
        }
        ContactAction::Update => {
            let id = id()?;
            let new = person::fields(&p.contact())?;
            if new.is_empty() {
                return Err(ToolError::invalid("update needs at least one contact field to change"));
            }
            let modes = [
                ("phoneNumbers", p.phones_mode),
                ("emailAddresses", p.emails_mode),
                ("organizations", p.organizations_mode),
                ("nicknames", p.nicknames_mode),
                ("urls", p.urls_mode),
                ("userDefined", p.user_defined_mode),
                ("relations", p.relations_mode),
            ];
            let g = ctx.google().await?;
            let current = api::people_get(&g, id, PERSON_FIELDS).await?;
            let (body, mask) = update_body(&current, &new, &modes);
            let updated =
                api::people_update_contact(&g, id, &body, &mask.join(","), PERSON_FIELDS).await.map_err(stale_etag)?;
            format!("Updated contact ({}):\n{}", mask.join(", "), render::person_details(&updated))
        }
        ContactAction::Delete => {
            let id = id()?;
            let g = ctx.google().await?;
            api::people_delete_contact(&g, id).await?;
            format!("Deleted contact {}.\n", api::person_id(id))
        }
    };
    Ok(ToolOutput::text(out))
}
