//! Reading sharing state: get_drive_shareable_link, get_drive_file_permissions and
//! check_drive_file_public_access. Shared-drive items carry no inline permissions, so
//! those are read with `permissions.list` instead.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{opt, required, resolve_item};
use crate::api::{self, ListRequest};
use crate::formats;
use crate::query::{self, Corpora, Scope};
use crate::render;
use crate::wire::{File, Permission};

const SHARING_FIELDS: &str = "id, name, mimeType, size, parents, createdTime, modifiedTime, trashed, driveId, \
    shortcutDetails, webViewLink, webContentLink, shared, writersCanShare, copyRequiresWriterPermission, \
    owners(displayName, emailAddress), sharingUser(displayName, emailAddress), \
    permissions(id, type, role, emailAddress, domain, displayName, expirationTime, allowFileDiscovery)";

/// A file's permissions: inline when Drive gave them, else from `permissions.list`.
async fn permissions_of(g: &GoogleCtx, file: &File) -> Result<Vec<Permission>, ToolError> {
    match &file.permissions {
        Some(p) if file.drive_id.is_none() => Ok(p.clone()),
        _ => Ok(api::permissions_list(g, file.id()).await?),
    }
}

/// Drive's `shared` flag, or (shared drives omit it) whether anyone but an owner has access.
fn is_shared(file: &File, perms: &[Permission]) -> bool {
    file.shared.unwrap_or_else(|| perms.iter().any(|p| p.role.as_deref() != Some("owner")))
}

// Arguments of `get_drive_shareable_link`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDriveShareableLinkParams {
    /// The file or folder id (a shortcut is followed to its target).
    pub file_id: String,
}

pub fn get_drive_shareable_link() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_drive_shareable_link",
            title: "Get Drive Shareable Link",
            description: "Get a file's or folder's links (view, and download for files) and who can open them. \
                The link works for the people listed; set_drive_file_permissions opens it to anyone with the link.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        shareable_link,
    )
}

async fn shareable_link(ctx: ToolCtx, p: GetDriveShareableLinkParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, SHARING_FIELDS).await?;
    let perms = permissions_of(&g, &file).await?;
    let mut out = format!(
        "File: \"{}\" (id: {}, {})\nShared: {}\n\nLinks:\n  View: {}\n",
        file.name(),
        file.id(),
        formats::kind_name(file.mime()),
        if is_shared(&file, &perms) { "yes" } else { "no" },
        file.web_view_link.as_deref().unwrap_or("none")
    );
    if let Some(d) = &file.web_content_link {
        out.push_str(&format!("  Download: {d}\n"));
    }
    let public = render::public_roles(&perms);
    out.push_str(&match public.first() {
        Some(role) => format!("Anyone with the link can open it ({role}).\n"),
        None => "Only the people below can open the link.\n".into(),
    });
    if !perms.is_empty() {
        out.push_str("\nPermissions:\n");
        for perm in &perms {
            out.push_str(&format!("  - {}\n", render::permission(perm)));
        }
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `get_drive_file_permissions`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDriveFilePermissionsParams {
    /// The file or folder id (a shortcut is followed to its target).
    pub file_id: String,
}

pub fn get_drive_file_permissions() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_drive_file_permissions",
            title: "Get Drive File Permissions",
            description: "Show a file's sharing in detail: every permission (with ids for manage_drive_access), \
                owners, parent folders, shared drive, sharing settings, dates and links.",
            service: Service::Drive,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        file_permissions,
    )
}

async fn file_permissions(ctx: ToolCtx, p: GetDriveFilePermissionsParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, SHARING_FIELDS).await?;
    let perms = permissions_of(&g, &file).await?;
    let owners: Vec<String> = file.owners.iter().map(render::who).collect();
    let mut out = format!(
        "File: \"{}\"\nID: {}\nType: {}\nParents: {}\nOwners: {}\nSize: {}\nCreated: {}\nModified: {}\nTrashed: {}\n",
        file.name(),
        file.id(),
        file.mime(),
        if file.parents.is_empty() { "none (root or not in a folder)".to_string() } else { file.parents.join(", ") },
        if owners.is_empty() {
            "none listed (shared-drive items belong to the drive)".to_string()
        } else {
            owners.join(", ")
        },
        file.size_bytes().map(render::size).unwrap_or_else(|| "n/a".into()),
        file.created_time.as_deref().unwrap_or("?"),
        file.modified_time.as_deref().unwrap_or("?"),
        if file.trashed == Some(true) { "yes" } else { "no" },
    );
    if let Some(d) = &file.drive_id {
        out.push_str(&format!("Shared drive: {d}\n"));
    }
    out.push_str(&format!("\nSharing:\n  Shared: {}\n", if is_shared(&file, &perms) { "yes" } else { "no" }));
    if let Some(u) = &file.sharing_user {
        out.push_str(&format!("  Shared by: {}\n", render::who(u)));
    }
    if let Some(w) = file.writers_can_share {
        out.push_str(&format!("  Editors may share: {}\n", if w { "yes" } else { "no (owners only)" }));
    }
    if let Some(c) = file.copy_requires_writer_permission {
        out.push_str(&format!("  Viewers may copy/print/download: {}\n", if c { "no" } else { "yes" }));
    }
    out.push_str(&format!("  Permissions ({}):\n", perms.len()));
    for perm in &perms {
        out.push_str(&format!("    - {}\n", render::permission(perm)));
    }
    out.push_str(&format!("\nLinks:\n  View: {}\n", file.web_view_link.as_deref().unwrap_or("none")));
    if let Some(d) = &file.web_content_link {
        out.push_str(&format!("  Download: {d}\n"));
    }
    out.push_str(&public_note(&perms));
    Ok(ToolOutput::text(out))
}

fn public_note(perms: &[Permission]) -> String {
    match render::public_roles(perms).first() {
        Some(role) => format!("\nPublic: anyone with the link ({role}); it can be embedded, e.g. as an image in a Google Doc.\n"),
        None => "\nPublic: no. To open it to anyone with the link: set_drive_file_permissions with link_sharing \"reader\".\n".into(),
    }
}

// Arguments of `check_drive_file_public_access`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CheckDriveFilePublicAccessParams {
    /// The exact file name to look for.
    pub file_name: String,
    /// Search only this shared drive (needed to find files that live only there).
    pub drive_id: Option<String>,
}

pub fn check_drive_file_public_access() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "check_drive_file_public_access",
            title: "Check Drive File Public Access",
            description: "Find a file by exact name and report whether anyone with the link can open it (needed to \
                embed it, e.g. an image in a Google Doc). Lists other files of the same name.",
            service: Service::Drive,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        public_access,
    )
}

async fn public_access(ctx: ToolCtx, p: CheckDriveFilePublicAccessParams) -> Result<ToolOutput, ToolError> {
    let name = required(&p.file_name, "file_name")?;
    let scope = match opt(&p.drive_id) {
        Some(d) => query::scope(Some(d), None, true).map_err(ToolError::invalid)?,
        None => Scope { corpora: Some(Corpora::AllDrives), drive_id: None, include_all_drives: true },
    };
    let q = format!("name = {} and trashed = false", query::quote(name));
    let request = ListRequest {
        q: &q,
        page_size: 10,
        scope,
        fields: "files(id, name, mimeType, webViewLink)",
        ..Default::default()
    };
    let g = ctx.google().await?;
    let found = api::files_list(&g, &request).await?.files;
    let Some(first) = found.first() else {
        return Ok(ToolOutput::text(format!("No file is named \"{name}\" (exact name, trash excluded).")));
    };
    let mut out = String::new();
    if found.len() > 1 {
        out.push_str(&format!("{} files are named \"{name}\":\n", found.len()));
        for f in &found {
            out.push_str(&format!("  - {} ({})\n", f.id(), formats::kind_name(f.mime())));
        }
        out.push_str("Checking the first one.\n\n");
    }
    let file = resolve_item(&g, first.id(), SHARING_FIELDS).await?;
    let perms = permissions_of(&g, &file).await?;
    out.push_str(&format!(
        "File: \"{}\" (id: {}, {})\nShared: {}\n",
        file.name(),
        file.id(),
        formats::kind_name(file.mime()),
        if is_shared(&file, &perms) { "yes" } else { "no" }
    ));
    let public: Vec<&Permission> = perms.iter().filter(|p| p.r#type.as_deref() == Some("anyone")).collect();
    if public.is_empty() {
        out.push_str("Public access: NO. Nobody without a permission can open it.\n");
        out.push_str("To allow it: set_drive_file_permissions with link_sharing \"reader\".\n");
    } else {
        out.push_str("Public access: YES, anyone with the link:\n");
        for perm in public {
            out.push_str(&format!("  - {}\n", render::permission(perm)));
        }
        out.push_str(&format!("Direct image/content URL: https://drive.google.com/uc?export=view&id={}\n", file.id()));
    }
    Ok(ToolOutput::text(out))
}
