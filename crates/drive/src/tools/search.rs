//! Finding files: search_drive_files (Drive query syntax or a plain phrase) and
//! list_drive_items (a folder's contents, or the shared drives themselves).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{opt, page_size, required};
use crate::api::{self, ITEM_FIELDS, LIST_FIELDS, LIST_FIELDS_SHORT, ListRequest};
use crate::formats::{self, FOLDER, SHORTCUT};
use crate::query::{self, Corpora};
use crate::render;

fn yes() -> bool {
    true
}
fn ten() -> i64 {
    10
}
fn hundred() -> i64 {
    100
}
fn root() -> String {
    "root".into()
}

// Arguments of `search_drive_files`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchDriveFilesParams {
    /// Drive query syntax (e.g. "name contains 'Atlas' and mimeType = 'application/pdf'",
    /// "'<folder id>' in parents", "modifiedTime > '2024-01-01T00:00:00'"), or a plain phrase,
    /// which becomes a full-text search. Owner queries ("x@y.com in owners") find nothing in
    /// shared drives: there the drive owns the files; filter by modifiedTime instead.
    pub query: String,
    /// Most files to return (1-1000).
    #[serde(default = "ten")]
    pub page_size: i64,
    /// nextPageToken of a previous call, for the next page.
    pub page_token: Option<String>,
    /// Search only this shared drive (implies corpora "drive").
    pub drive_id: Option<String>,
    /// Include shared-drive items when no drive_id is given (searches corpora "allDrives").
    #[serde(default = "yes")]
    pub include_items_from_all_drives: bool,
    /// Which items to search: "user" (My Drive and shared with me), "domain", "drive" (needs
    /// drive_id) or "allDrives". Default: "drive" with drive_id, else "allDrives" while
    /// include_items_from_all_drives is true.
    pub corpora: Option<Corpora>,
    /// Only this type: folder, document/doc, spreadsheet/sheet, presentation/slides, form,
    /// drawing, pdf, shortcut, script, site, jam/jamboard, or a MIME type.
    pub file_type: Option<String>,
    /// Show size, modification time, last editor, link sharing and link per file.
    #[serde(default = "yes")]
    pub detailed: bool,
    /// Sort keys, comma-separated, each optionally with " desc": createdTime, folder,
    /// modifiedByMeTime, modifiedTime, name, name_natural, quotaBytesUsed, recency,
    /// sharedWithMeTime, starred, viewedByMeTime (e.g. "modifiedTime desc").
    pub order_by: Option<String>,
    /// Include files in the trash. A trashed clause in the query wins over this.
    #[serde(default)]
    pub include_trashed: bool,
}

pub fn search_drive_files() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_drive_files",
            title: "Search Drive Files",
            description: "Find files and folders in Drive, shared drives included, with Drive query syntax or a \
                plain phrase (searched as full text). Returns names, ids, types and links.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        search,
    )
}

async fn search(ctx: ToolCtx, p: SearchDriveFilesParams) -> Result<ToolOutput, ToolError> {
    let text = required(&p.query, "query (a Drive query or a phrase to search for)")?;
    let mime = opt(&p.file_type).map(formats::file_type_mime).transpose().map_err(ToolError::invalid)?;
    let q = query::search_q(text, p.include_trashed, mime.as_deref());
    let scope =
        query::scope(opt(&p.drive_id), p.corpora, p.include_items_from_all_drives).map_err(ToolError::invalid)?;
    let order_by = opt(&p.order_by).map(query::order_by).transpose().map_err(ToolError::invalid)?;
    let request = ListRequest {
        q: &q,
        page_size: page_size(p.page_size, 1000)?,
        page_token: opt(&p.page_token),
        order_by: order_by.as_deref(),
        scope,
        fields: if p.detailed { LIST_FIELDS } else { LIST_FIELDS_SHORT },
    };
    let g = ctx.google().await?;
    let page = api::files_list(&g, &request).await?;
    if page.files.is_empty() {
        let more = if page.next_page_token.is_some() { " on this page; more may follow with page_token" } else { "" };
        return Ok(ToolOutput::text(format!("No files match \"{text}\"{more}.\n(Drive query used: {q})")));
    }
    let header = format!("Found {} file(s) matching \"{text}\" (Drive query: {q}):", page.files.len());
    Ok(ToolOutput::text(render::listing(
        &header,
        &page.files,
        p.detailed,
        page.next_page_token.as_deref(),
        page.incomplete_search == Some(true),
    )))
}

/// What list_drive_items lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResourceType {
    Items,
    SharedDrives,
}

fn items() -> ResourceType {
    ResourceType::Items
}

// Arguments of `list_drive_items`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListDriveItemsParams {
    /// The folder to list: "root" (My Drive), a folder id, or a shared drive's id for its
    /// top level.
    #[serde(default = "root")]
    pub folder_id: String,
    /// Most items to return (1-1000; 1-100 for shared drives).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// nextPageToken of a previous call, for the next page.
    pub page_token: Option<String>,
    /// The shared drive the folder is in; with folder_id "root" its top level is listed.
    pub drive_id: Option<String>,
    /// Include shared-drive items when no drive_id is given.
    #[serde(default = "yes")]
    pub include_items_from_all_drives: bool,
    /// "user", "drive" (needs drive_id) or "allDrives"; worked out from drive_id and
    /// include_items_from_all_drives when omitted.
    pub corpora: Option<Corpora>,
    /// Only this type: folder, document/doc, spreadsheet/sheet, presentation/slides, form,
    /// drawing, pdf, shortcut, script, site, jam/jamboard, or a MIME type.
    pub file_type: Option<String>,
    /// Show size, modification time, last editor and link per item.
    #[serde(default = "yes")]
    pub detailed: bool,
    /// Sort keys as in search_drive_files, e.g. "folder,name".
    pub order_by: Option<String>,
    /// "items" lists folder contents; "shared_drives" lists the shared drives themselves.
    #[serde(default = "items")]
    pub resource_type: ResourceType,
    /// With resource_type "shared_drives": a shared-drive query, e.g. "name contains 'Eng'".
    pub query: Option<String>,
    /// With resource_type "shared_drives": also list each drive's organizers (one more
    /// call per drive).
    #[serde(default)]
    pub include_organizers: bool,
}

pub fn list_drive_items() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_drive_items",
            title: "List Drive Items",
            description: "List a folder's files and subfolders (My Drive root by default, or a folder in a shared \
                drive), or with resource_type \"shared_drives\" the shared drives you can see.",
            service: Service::Drive,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        list_items,
    )
}

async fn list_items(ctx: ToolCtx, p: ListDriveItemsParams) -> Result<ToolOutput, ToolError> {
    if p.resource_type == ResourceType::SharedDrives {
        return list_shared_drives(ctx, &p).await;
    }
    if opt(&p.query).is_some() {
        return Err(ToolError::invalid(
            "query applies to resource_type \"shared_drives\"; to search files use search_drive_files",
        ));
    }
    let drive_id = opt(&p.drive_id);
    let given = p.folder_id.trim();
    let folder = match (given, drive_id) {
        ("" | "root", Some(d)) => d.to_string(),
        ("", None) => "root".to_string(),
        (f, _) => f.to_string(),
    };
    let mime = opt(&p.file_type).map(formats::file_type_mime).transpose().map_err(ToolError::invalid)?;
    let scope = query::scope(drive_id, p.corpora, p.include_items_from_all_drives).map_err(ToolError::invalid)?;
    let order_by = opt(&p.order_by).map(query::order_by).transpose().map_err(ToolError::invalid)?;
    let size = page_size(p.page_size, 1000)?;
    let g = ctx.google().await?;
    // A folder shortcut lists its target; anything else that is not a folder is a mistake.
    let folder = if folder == "root" || Some(folder.as_str()) == drive_id {
        folder
    } else {
        let item = api::files_get(&g, &folder, ITEM_FIELDS).await?;
        let target = item.shortcut_details.as_ref().filter(|_| item.mime() == SHORTCUT);
        match target {
            Some(s) if s.target_mime_type.as_deref() == Some(FOLDER) => s.target_id.clone().unwrap_or(folder),
            _ if item.mime() == FOLDER => folder,
            // A shared drive's id answers files.get as its root folder on Google.
            _ if item.drive_id.as_deref() == Some(folder.as_str()) => folder,
            _ => {
                return Err(ToolError::invalid(format!(
                    "{folder} is \"{}\" ({}), not a folder; pass a folder id (search_drive_files with file_type \"folder\" finds them)",
                    item.name(),
                    formats::kind_name(item.mime())
                )));
            }
        }
    };
    let mut q = format!("{} in parents and trashed = false", query::quote(&folder));
    if let Some(m) = &mime {
        q = format!("({q}) and mimeType = {}", query::quote(m));
    }
    let request = ListRequest {
        q: &q,
        page_size: size,
        page_token: opt(&p.page_token),
        order_by: order_by.as_deref(),
        scope,
        fields: if p.detailed { LIST_FIELDS } else { LIST_FIELDS_SHORT },
    };
    let page = api::files_list(&g, &request).await?;
    if page.files.is_empty() {
        let what = if mime.is_some() { "items of that type" } else { "items" };
        return Ok(ToolOutput::text(format!("No {what} in folder {folder}.")));
    }
    let header = format!("{} item(s) in folder {folder}:", page.files.len());
    Ok(ToolOutput::text(render::listing(&header, &page.files, p.detailed, page.next_page_token.as_deref(), false)))
}

async fn list_shared_drives(ctx: ToolCtx, p: &ListDriveItemsParams) -> Result<ToolOutput, ToolError> {
    let size = page_size(p.page_size, 100)?;
    let g = ctx.google().await?;
    let page = api::drives_list(&g, size, opt(&p.page_token), opt(&p.query)).await?;
    if page.drives.is_empty() {
        return Ok(ToolOutput::text("No shared drives found."));
    }
    let mut out = format!("{} shared drive(s):\n", page.drives.len());
    for d in &page.drives {
        out.push_str(&render::shared_drive(d));
        out.push('\n');
        if p.include_organizers {
            let id = d.id.as_deref().unwrap_or_default();
            match api::permissions_list(&g, id).await {
                Ok(perms) => {
                    let organizers: Vec<String> = perms
                        .iter()
                        .filter(|p| p.role.as_deref() == Some("organizer"))
                        .map(|p| {
                            p.email_address
                                .clone()
                                .or_else(|| p.domain.clone())
                                .or_else(|| p.display_name.clone())
                                .unwrap_or_else(|| "?".into())
                        })
                        .collect();
                    let list = if organizers.is_empty() { "none listed".to_string() } else { organizers.join(", ") };
                    out.push_str(&format!("  Organizers: {list}\n"));
                }
                Err(e) => out.push_str(&format!("  Organizers: could not be read ({e})\n")),
            }
        }
    }
    if let Some(t) = page.next_page_token.as_deref().filter(|t| !t.is_empty()) {
        out.push_str(&format!("More shared drives: pass page_token=\"{t}\".\n"));
    }
    Ok(ToolOutput::text(out))
}
