//! Contact groups (labels): list_contact_groups, get_contact_group (with its members' names),
//! manage_contact_group (create, rename, delete, add or remove members).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, clean_ids, given, nonblank, required};
use crate::api;
use crate::render;

fn hundred() -> i64 {
    100
}

// Arguments of `list_contact_groups`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListContactGroupsParams {
    /// Groups per page (1-1000).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
}

pub fn list_contact_groups() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_contact_groups",
            title: "List Contact Groups",
            description: "List the user's contact groups (labels), system and own, with their ids and member counts.",
            service: Service::Contacts,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::CONTACTS_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListContactGroupsParams) -> Result<ToolOutput, ToolError> {
    let size = bounded(p.page_size, 1000, "page_size")?;
    let g = ctx.google().await?;
    let page = api::contact_groups_list(&g, size, given(p.page_token.as_deref())).await?;
    let mut out = format!("{} contact group(s) for {}:\n", page.contact_groups.len(), g.user());
    for group in &page.contact_groups {
        out.push_str(&render::group_line(group));
        out.push('\n');
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref()));
    Ok(ToolOutput::text(out))
}

// Arguments of `get_contact_group`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetContactGroupParams {
    /// The group's id (e.g. "myContacts" or the id list_contact_groups shows).
    pub group_id: String,
    /// Members to list (1-1000).
    #[serde(default = "hundred")]
    pub max_members: i64,
}

pub fn get_contact_group() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_contact_group",
            title: "Get Contact Group",
            description: "Show one contact group and its members (names, emails and contact ids).",
            service: Service::Contacts,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::CONTACTS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetContactGroupParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.group_id, "group_id")?;
    let max = bounded(p.max_members, 1000, "max_members")?;
    let g = ctx.google().await?;
    let group = api::contact_groups_get(&g, id, max).await?;
    let mut out = format!("Contact group:\n{}\n", render::group_line(&group));
    // Google caps a batchGet at 200 people.
    for chunk in group.member_resource_names.chunks(200) {
        let people = api::people_get_batch_get(&g, chunk, "names,emailAddresses,phoneNumbers,organizations").await?;
        for r in people.responses.iter().filter(|r| r.person.get("resourceName").is_some()) {
            out.push_str(&format!("  {}\n", render::person_line(&r.person)));
        }
    }
    if group.member_resource_names.is_empty() {
        out.push_str("  (no members)\n");
    } else if let Some(n) = group.member_count.filter(|n| *n as usize > group.member_resource_names.len()) {
        out.push_str(&format!("  ... {n} members in all; raise max_members to see more\n"));
    }
    Ok(ToolOutput::text(out))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupAction {
    Create,
    Update,
    Delete,
    ModifyMembers,
}

// Arguments of `manage_contact_group`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageContactGroupParams {
    /// create, update (rename), delete, or modify_members.
    pub action: GroupAction,
    /// The group; required for update, delete and modify_members.
    pub group_id: Option<String>,
    /// The group's name; required for create and update.
    pub name: Option<String>,
    /// On delete, also delete the contacts in the group (otherwise they stay, without this label).
    #[serde(default)]
    pub delete_contacts: bool,
    /// Contact ids to add (modify_members).
    pub add_contact_ids: Option<Vec<String>>,
    /// Contact ids to remove (modify_members).
    pub remove_contact_ids: Option<Vec<String>>,
}

pub fn manage_contact_group() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_contact_group",
            title: "Manage Contact Group",
            description: "Create, rename or delete a contact group (label), or add and remove its members. System \
                groups (myContacts, starred, ...) cannot be renamed or deleted.",
            service: Service::Contacts,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CONTACTS],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageContactGroupParams) -> Result<ToolOutput, ToolError> {
    let id = || required(p.group_id.as_deref(), "group_id is required for update, delete and modify_members");
    let name = || required(p.name.as_deref(), "name is required for create and update");
    let out = match p.action {
        GroupAction::Create => {
            let name = name()?;
            let g = ctx.google().await?;
            let group = api::contact_groups_create(&g, name).await?;
            format!("Created contact group:\n{}\n", render::group_line(&group))
        }
        GroupAction::Update => {
            let (id, name) = (id()?, name()?);
            let g = ctx.google().await?;
            let current = api::contact_groups_get(&g, id, 1).await?;
            let group = api::contact_groups_update(&g, id, name, current.etag.as_deref()).await?;
            format!("Renamed contact group:\n{}\n", render::group_line(&group))
        }
        GroupAction::Delete => {
            let id = id()?;
            let g = ctx.google().await?;
            api::contact_groups_delete(&g, id, p.delete_contacts).await?;
            let also = if p.delete_contacts { " and its contacts" } else { "; its contacts were kept" };
            format!("Deleted contact group {}{also}.\n", api::group_id(id))
        }
        GroupAction::ModifyMembers => {
            let id = id()?;
            let add = clean_ids(p.add_contact_ids.as_deref().unwrap_or_default());
            let remove = clean_ids(p.remove_contact_ids.as_deref().unwrap_or_default());
            if add.is_empty() && remove.is_empty() {
                return Err(ToolError::invalid("modify_members needs add_contact_ids or remove_contact_ids"));
            }
            let g = ctx.google().await?;
            let r = api::contact_groups_members_modify(&g, id, &add, &remove).await?;
            let skipped = |ids: &[String]| {
                let missed = |i: &String| {
                    let name = format!("people/{}", api::person_id(i));
                    r.not_found_resource_names.contains(&name)
                        || r.can_not_remove_last_contact_group_resource_names.contains(&name)
                };
                ids.iter().filter(|i| !missed(i)).count()
            };
            let mut out = format!(
                "Updated members of contact group {}: {} added, {} removed.\n",
                api::group_id(id),
                skipped(&add),
                skipped(&remove)
            );
            if !r.not_found_resource_names.is_empty() {
                out.push_str(&format!("Not found (unchanged): {}\n", r.not_found_resource_names.join(", ")));
            }
            if !r.can_not_remove_last_contact_group_resource_names.is_empty() {
                out.push_str(&format!(
                    "Not removed, as this is their last group: {}\n",
                    r.can_not_remove_last_contact_group_resource_names.join(", ")
                ));
            }
            out
        }
    };
    Ok(ToolOutput::text(out))
}
