//! Changing who has access: manage_drive_access (grant, grant_batch, update, revoke,
//! transfer_owner) and set_drive_file_permissions (link sharing through an `anyone`
//! permission, and the file's sharing settings).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::notify::LogLevel;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{opt, required, resolve_item};
use crate::api::{self, CreatePermission, ITEM_FIELDS};
use crate::render;
use crate::wire::{File, FileMetadata, Permission};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    Grant,
    GrantBatch,
    Update,
    Revoke,
    TransferOwner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reader,
    Commenter,
    Writer,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Commenter => "commenter",
            Role::Writer => "writer",
        }
    }
    fn parse(s: &str) -> Option<Role> {
        [Role::Reader, Role::Commenter, Role::Writer].into_iter().find(|r| r.as_str() == s.trim().to_ascii_lowercase())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ShareType {
    User,
    Group,
    Domain,
    Anyone,
}

impl ShareType {
    fn as_str(self) -> &'static str {
        match self {
            ShareType::User => "user",
            ShareType::Group => "group",
            ShareType::Domain => "domain",
            ShareType::Anyone => "anyone",
        }
    }
    fn parse(s: &str) -> Option<ShareType> {
        [ShareType::User, ShareType::Group, ShareType::Domain, ShareType::Anyone]
            .into_iter()
            .find(|t| t.as_str() == s.trim().to_ascii_lowercase())
    }
}

fn user() -> ShareType {
    ShareType::User
}
fn yes() -> bool {
    true
}

// Arguments of `manage_drive_access`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageDriveAccessParams {
    /// The file or folder id (a shortcut is followed to its target).
    pub file_id: String,
    /// "grant": share with one user, group, domain or anyone. "grant_batch": share with
    /// several `recipients`. "update": change a permission's role or expiry. "revoke":
    /// remove a permission. "transfer_owner": make another user the owner.
    pub action: AccessAction,
    /// grant: the email (user, group) or domain name (domain); omit for anyone.
    pub share_with: Option<String>,
    /// grant (default "reader") and update: reader, commenter or writer.
    pub role: Option<Role>,
    /// grant: who share_with is.
    #[serde(default = "user")]
    pub share_type: ShareType,
    /// update and revoke: the permission id (get_drive_file_permissions lists them).
    pub permission_id: Option<String>,
    /// grant_batch: objects with "email" (or "domain" for share_type "domain"), and
    /// optionally "role", "share_type" and "expiration_time".
    pub recipients: Option<Vec<Map<String, Value>>>,
    /// grant, grant_batch: email users and groups about the share.
    #[serde(default = "yes")]
    pub send_notification: bool,
    /// grant, grant_batch: a message for the notification email.
    pub email_message: Option<String>,
    /// grant and update: when access ends, RFC 3339 (e.g. "2025-01-15T00:00:00Z"), in the future.
    pub expiration_time: Option<String>,
    /// grant to a domain or anyone: whether the file shows up in their searches.
    pub allow_file_discovery: Option<bool>,
    /// transfer_owner: the new owner's email.
    pub new_owner_email: Option<String>,
    /// transfer_owner: also move the file to the new owner's My Drive root.
    #[serde(default)]
    pub move_to_new_owners_root: bool,
}

pub fn manage_drive_access() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_drive_access",
            title: "Manage Drive Access",
            description: "Share a file or folder and change its access: grant one or many (grant_batch) \
                permissions, update a permission's role or expiry, revoke one, or transfer ownership.",
            service: Service::Drive,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DRIVE],
        },
        manage_access,
    )
}

/// One permission to create, checked.
#[derive(Debug)]
struct Grant {
    share_type: ShareType,
    role: Role,
    who: Option<String>,
    expiration: Option<String>,
}

impl Grant {
    fn label(&self) -> String {
        self.who.clone().unwrap_or_else(|| "anyone with the link".into())
    }

    fn body(&self, allow_discovery: Option<bool>) -> Permission {
        let mut p = Permission {
            r#type: Some(self.share_type.as_str().into()),
            role: Some(self.role.as_str().into()),
            expiration_time: self.expiration.clone(),
            ..Default::default()
        };
        match self.share_type {
            ShareType::User | ShareType::Group => p.email_address = self.who.clone(),
            ShareType::Domain => p.domain = self.who.clone(),
            ShareType::Anyone => {}
        }
        if matches!(self.share_type, ShareType::Domain | ShareType::Anyone) {
            p.allow_file_discovery = allow_discovery;
        }
        p
    }
}

fn grant(share_type: ShareType, role: Role, who: Option<&str>, expiration: Option<&str>) -> Result<Grant, String> {
    let who = who.map(str::trim).filter(|w| !w.is_empty());
    let who = match (share_type, who) {
        (ShareType::User | ShareType::Group, Some(w)) if looks_like_email(w) => Some(w.to_string()),
        (ShareType::User | ShareType::Group, Some(w)) => return Err(format!("\"{w}\" is not an email address")),
        (ShareType::User | ShareType::Group, None) => {
            return Err(format!("share_type \"{}\" needs an email address", share_type.as_str()));
        }
        (ShareType::Domain, Some(w)) if w.contains('.') && !w.contains('@') && !w.contains(' ') => Some(w.to_string()),
        (ShareType::Domain, Some(w)) => return Err(format!("\"{w}\" is not a domain name like example.com")),
        (ShareType::Domain, None) => return Err("share_type \"domain\" needs the domain name".into()),
        (ShareType::Anyone, Some(w)) => return Err(format!("share_type \"anyone\" takes no address (got \"{w}\")")),
        (ShareType::Anyone, None) => None,
    };
    let expiration = expiration.map(future_time).transpose()?;
    if expiration.is_some() && share_type == ShareType::Anyone {
        return Err("Drive does not let \"anyone\" permissions expire; give an expiry to users or groups".into());
    }
    Ok(Grant { share_type, role, who, expiration })
}

fn looks_like_email(s: &str) -> bool {
    s.split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !s.contains(char::is_whitespace))
}

/// An RFC 3339 time in the future (Drive allows up to a year ahead), normalized to UTC.
fn future_time(s: &str) -> Result<String, String> {
    let t = chrono::DateTime::parse_from_rfc3339(s.trim())
        .map_err(|_| format!("expiration_time \"{s}\" is not RFC 3339, e.g. \"2025-01-15T00:00:00Z\""))?;
    let utc = t.with_timezone(&chrono::Utc);
    let now = wsmcp_core::clock::now();
    if utc <= now {
        return Err(format!("expiration_time {s} is in the past; give a future time"));
    }
    if utc >= now + chrono::Duration::days(365) {
        return Err(format!("expiration_time {s} is more than a year ahead; Drive allows expiry within a year"));
    }
    Ok(utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// A `recipients` entry of grant_batch.
fn recipient(entry: &Map<String, Value>) -> Result<Grant, String> {
    let text = |k: &str| entry.get(k).and_then(Value::as_str);
    for key in entry.keys() {
        if !["email", "domain", "role", "share_type", "expiration_time"].contains(&key.as_str()) {
            return Err(format!("unknown key \"{key}\" (use email or domain, role, share_type, expiration_time)"));
        }
    }
    let share_type = match text("share_type") {
        Some(s) => {
            ShareType::parse(s).ok_or_else(|| format!("share_type \"{s}\" is not user, group, domain or anyone"))?
        }
        None if entry.contains_key("domain") && !entry.contains_key("email") => ShareType::Domain,
        None => ShareType::User,
    };
    let role = match text("role") {
        Some(r) => Role::parse(r).ok_or_else(|| format!("role \"{r}\" is not reader, commenter or writer"))?,
        None => Role::Reader,
    };
    let who = if share_type == ShareType::Domain { text("domain").or(text("email")) } else { text("email") };
    grant(share_type, role, who, text("expiration_time"))
}

async fn manage_access(ctx: ToolCtx, p: ManageDriveAccessParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    // Everything is checked before the first request, so a bad entry changes nothing.
    let plan = plan_grants(&p)?;
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, &format!("{ITEM_FIELDS}, owners(displayName, emailAddress)")).await?;
    let text = match p.action {
        AccessAction::Grant | AccessAction::GrantBatch => grant_all(&g, &file, &plan, &p).await?,
        AccessAction::Update => update_access(&g, &file, &p).await?,
        AccessAction::Revoke => revoke_access(&g, &file, &p).await?,
        AccessAction::TransferOwner => transfer_owner(&g, &file, &p).await?,
    };
    Ok(ToolOutput::text(text))
}

/// The permissions a grant or grant_batch will create, every entry checked; empty for the
/// other actions.
fn plan_grants(p: &ManageDriveAccessParams) -> Result<Vec<Grant>, ToolError> {
    match p.action {
        AccessAction::Grant => Ok(vec![
            grant(p.share_type, p.role.unwrap_or(Role::Reader), opt(&p.share_with), opt(&p.expiration_time))
                .map_err(ToolError::invalid)?,
        ]),
        AccessAction::GrantBatch => {
            let list = p
                .recipients
                .as_deref()
                .filter(|r| !r.is_empty())
                .ok_or_else(|| ToolError::invalid("grant_batch needs recipients"))?;
            let mut problems = Vec::new();
            let mut plan = Vec::new();
            for (i, entry) in list.iter().enumerate() {
                match recipient(entry) {
                    Ok(g) => plan.push(g),
                    Err(e) => problems.push(format!("recipients[{i}]: {e}")),
                }
            }
            if problems.is_empty() {
                Ok(plan)
            } else {
                Err(ToolError::invalid(format!("nothing was shared: {}", problems.join("; "))))
            }
        }
        _ => Ok(Vec::new()),
    }
}

/// Creates each planned permission; in a batch one failure is reported and the rest go on.
async fn grant_all(
    g: &GoogleCtx,
    file: &File,
    plan: &[Grant],
    p: &ManageDriveAccessParams,
) -> Result<String, ToolError> {
    let file_id = file.id();
    let message = opt(&p.email_message);
    let mut out = format!("Sharing \"{}\" (id: {file_id}):\n", file.name());
    let (mut ok, mut failed) = (0, 0);
    for gr in plan {
        let notify = matches!(gr.share_type, ShareType::User | ShareType::Group);
        let opts = CreatePermission {
            send_notification: notify.then_some(p.send_notification),
            email_message: if notify && p.send_notification { message } else { None },
            ..Default::default()
        };
        match api::permissions_create(g, file_id, &gr.body(p.allow_file_discovery), &opts).await {
            Ok(created) => {
                ok += 1;
                out.push_str(&format!("  - granted {}\n", render::permission(&created)));
            }
            Err(e) if plan.len() > 1 => {
                failed += 1;
                out.push_str(&format!("  - {}: FAILED: {e}\n", gr.label()));
                g.notifier().log(LogLevel::Warning, &format!("sharing with {} failed: {e}", gr.label()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if plan.len() > 1 {
        out.push_str(&format!("{ok} granted, {failed} failed.\n"));
    }
    out.push_str(&format!("Link: {}\n", file.web_view_link.as_deref().unwrap_or("none")));
    Ok(out)
}

async fn update_access(g: &GoogleCtx, file: &File, p: &ManageDriveAccessParams) -> Result<String, ToolError> {
    let perm = opt(&p.permission_id)
        .ok_or_else(|| ToolError::invalid("update needs permission_id (get_drive_file_permissions lists them)"))?;
    let expiration = opt(&p.expiration_time).map(future_time).transpose().map_err(ToolError::invalid)?;
    if p.role.is_none() && expiration.is_none() {
        return Err(ToolError::invalid("update changes role and/or expiration_time; pass at least one"));
    }
    let body =
        Permission { role: p.role.map(|r| r.as_str().to_string()), expiration_time: expiration, ..Default::default() };
    let updated = api::permissions_update(g, file.id(), perm, &body).await?;
    Ok(format!(
        "Updated a permission on \"{}\" (id: {}):\n  - {}\n",
        file.name(),
        file.id(),
        render::permission(&updated)
    ))
}

async fn revoke_access(g: &GoogleCtx, file: &File, p: &ManageDriveAccessParams) -> Result<String, ToolError> {
    let perm = opt(&p.permission_id)
        .ok_or_else(|| ToolError::invalid("revoke needs permission_id (get_drive_file_permissions lists them)"))?;
    api::permissions_delete(g, file.id(), perm).await?;
    Ok(format!("Revoked permission {perm} on \"{}\" (id: {}).\n", file.name(), file.id()))
}

async fn transfer_owner(g: &GoogleCtx, file: &File, p: &ManageDriveAccessParams) -> Result<String, ToolError> {
    let owner = opt(&p.new_owner_email).ok_or_else(|| ToolError::invalid("transfer_owner needs new_owner_email"))?;
    if !looks_like_email(owner) {
        return Err(ToolError::invalid(format!("new_owner_email \"{owner}\" is not an email address")));
    }
    let body = Permission {
        r#type: Some("user".into()),
        role: Some("owner".into()),
        email_address: Some(owner.into()),
        ..Default::default()
    };
    // Drive requires the notification email for an ownership transfer.
    let opts = CreatePermission {
        send_notification: Some(true),
        transfer_ownership: true,
        move_to_new_owners_root: p.move_to_new_owners_root,
        ..Default::default()
    };
    api::permissions_create(g, file.id(), &body, &opts).await?;
    let before: Vec<String> = file.owners.iter().map(render::who).collect();
    let mut out = format!(
        "Transferred ownership of \"{}\" (id: {}) to {owner}.\nPrevious owner(s): {} (now editors).\n",
        file.name(),
        file.id(),
        if before.is_empty() { "unknown".to_string() } else { before.join(", ") }
    );
    if p.move_to_new_owners_root {
        out.push_str(&format!("Moved to {owner}'s My Drive.\n"));
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LinkSharing {
    Off,
    Reader,
    Commenter,
    Writer,
}

impl LinkSharing {
    fn role(self) -> Option<&'static str> {
        match self {
            LinkSharing::Off => None,
            LinkSharing::Reader => Some("reader"),
            LinkSharing::Commenter => Some("commenter"),
            LinkSharing::Writer => Some("writer"),
        }
    }
}

// Arguments of `set_drive_file_permissions`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SetDriveFilePermissionsParams {
    /// The file or folder id (a shortcut is followed to its target).
    pub file_id: String,
    /// "Anyone with the link" access: "off", or the role it grants ("reader",
    /// "commenter", "writer").
    pub link_sharing: Option<LinkSharing>,
    /// Whether editors may share and change permissions (false: owners only).
    pub writers_can_share: Option<bool>,
    /// Whether viewers and commenters are kept from copying, printing and downloading.
    pub copy_requires_writer_permission: Option<bool>,
}

pub fn set_drive_file_permissions() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "set_drive_file_permissions",
            title: "Set Drive File Permissions",
            description: "Turn \"anyone with the link\" access off or on (as reader, commenter or writer), and set \
                whether editors may share and whether viewers may copy or download. For individual people use \
                manage_drive_access.",
            service: Service::Drive,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DRIVE],
        },
        set_permissions,
    )
}

async fn set_permissions(ctx: ToolCtx, p: SetDriveFilePermissionsParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    if p.link_sharing.is_none() && p.writers_can_share.is_none() && p.copy_requires_writer_permission.is_none() {
        return Err(ToolError::invalid("pass link_sharing, writers_can_share and/or copy_requires_writer_permission"));
    }
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, ITEM_FIELDS).await?;
    let file_id = file.id().to_string();
    let mut changes = Vec::new();
    if p.writers_can_share.is_some() || p.copy_requires_writer_permission.is_some() {
        let meta = FileMetadata {
            writers_can_share: p.writers_can_share,
            copy_requires_writer_permission: p.copy_requires_writer_permission,
            ..Default::default()
        };
        api::files_update(&g, &file_id, &meta, None, None, "id").await?;
        if let Some(w) = p.writers_can_share {
            changes.push(format!("editors may share: {}", if w { "yes" } else { "no (owners only)" }));
        }
        if let Some(c) = p.copy_requires_writer_permission {
            changes.push(format!("viewers may copy/print/download: {}", if c { "no" } else { "yes" }));
        }
    }
    if let Some(link) = p.link_sharing {
        let anyone: Vec<Permission> = api::permissions_list(&g, &file_id)
            .await?
            .into_iter()
            .filter(|p| p.r#type.as_deref() == Some("anyone"))
            .collect();
        match (link.role(), anyone.first()) {
            (None, None) => changes.push("link sharing: already off".into()),
            (None, Some(_)) => {
                for perm in &anyone {
                    api::permissions_delete(&g, &file_id, perm.id.as_deref().unwrap_or_default()).await?;
                }
                changes.push("link sharing: off (only people with a permission can open it)".into());
            }
            (Some(role), Some(existing)) if existing.role.as_deref() == Some(role) => {
                changes.push(format!("link sharing: already {role}"));
            }
            (Some(role), Some(existing)) => {
                let body = Permission { role: Some(role.into()), ..Default::default() };
                api::permissions_update(&g, &file_id, existing.id.as_deref().unwrap_or_default(), &body).await?;
                changes.push(format!("link sharing: changed to {role}"));
            }
            (Some(role), None) => {
                let body = Permission {
                    r#type: Some("anyone".into()),
                    role: Some(role.into()),
                    allow_file_discovery: Some(false),
                    ..Default::default()
                };
                api::permissions_create(&g, &file_id, &body, &CreatePermission::default()).await?;
                changes.push(format!("link sharing: on, anyone with the link is a {role}"));
            }
        }
    }
    let mut out = format!("Sharing settings of \"{}\" (id: {file_id}):\n", file.name());
    for c in changes {
        out.push_str(&format!("  - {c}\n"));
    }
    out.push_str(&format!("Link: {}\n", file.web_view_link.as_deref().unwrap_or("none")));
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn grants_are_checked() {
        assert!(grant(ShareType::User, Role::Reader, Some("bob@example.com"), None).is_ok());
        assert!(grant(ShareType::User, Role::Reader, None, None).unwrap_err().contains("needs an email"));
        assert!(grant(ShareType::Domain, Role::Reader, Some("bob@example.com"), None).is_err());
        assert!(grant(ShareType::Anyone, Role::Reader, Some("x@y.z"), None).is_err());
        assert!(
            grant(ShareType::User, Role::Reader, Some("b@x.io"), Some("2001-01-01T00:00:00Z"))
                .unwrap_err()
                .contains("past")
        );
        assert!(
            grant(ShareType::User, Role::Reader, Some("b@x.io"), Some("2999-01-01T00:00:00Z"))
                .unwrap_err()
                .contains("a year")
        );
        let soon = (wsmcp_core::clock::now() + chrono::Duration::days(10))
            .with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap());
        let g = grant(ShareType::User, Role::Writer, Some("b@x.io"), Some(&soon.to_rfc3339())).unwrap();
        assert!(g.expiration.as_deref().unwrap().ends_with('Z'), "normalized to UTC");
        let body = serde_json::to_value(
            grant(ShareType::Domain, Role::Reader, Some("example.com"), None).unwrap().body(Some(true)),
        )
        .unwrap();
        assert_eq!(
            body,
            json!({"type": "domain", "role": "reader", "domain": "example.com", "allowFileDiscovery": true})
        );
    }

    #[test]
    fn recipients_are_checked() {
        let entry = |v: Value| v.as_object().cloned().unwrap();
        let g = recipient(&entry(json!({"email": "a@x.io", "role": "Writer"}))).unwrap();
        assert_eq!((g.share_type, g.role), (ShareType::User, Role::Writer));
        assert_eq!(recipient(&entry(json!({"domain": "x.io"}))).unwrap().share_type, ShareType::Domain);
        assert!(recipient(&entry(json!({"email": "a@x.io", "role": "owner"}))).is_err());
        assert!(recipient(&entry(json!({"mail": "a@x.io"}))).unwrap_err().contains("unknown key"));
    }
}
