//! Finding documents through Drive: search_docs (by name or text, across My Drive and shared
//! drives) and list_docs_in_folder (the Google Docs directly in one folder).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::args::given_owned;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_drive::api::{self, ListRequest};
use wsmcp_drive::query::{self, Corpora};
use wsmcp_drive::wire::{File, FileList};

use super::nonblank;

/// Google Docs' MIME type in Drive.
pub(crate) const DOC_MIME: &str = "application/vnd.google-apps.document";
/// What a document line shows.
const FIELDS: &str = "nextPageToken, incompleteSearch, files(id, name, modifiedTime, webViewLink, driveId)";
/// Drive serves at most this many files per page.
const MAX_PAGE: u32 = 1000;

fn ten() -> i64 {
    10
}
fn hundred() -> i64 {
    100
}
fn root() -> String {
    "root".into()
}

fn page_size(n: i64) -> Result<u32, ToolError> {
    if n < 1 {
        return Err(ToolError::invalid(format!("page_size must be between 1 and {MAX_PAGE}, got {n}")));
    }
    Ok(u32::try_from(n).unwrap_or(MAX_PAGE).min(MAX_PAGE))
}

// Arguments of `search_docs`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchDocsParams {
    /// Words to look for in document names and text (plain words, not Drive query syntax).
    pub query: String,
    /// Most documents to return (1-1000).
    #[serde(default = "ten")]
    pub page_size: i64,
    /// nextPageToken of a previous call, for the next page.
    pub page_token: Option<String>,
    /// Which items to search: "user" (My Drive and shared with me), "domain", "drive" (one
    /// shared drive, needs drive_id) or "allDrives". Default: "drive" with drive_id, else
    /// "allDrives".
    pub corpora: Option<Corpora>,
    /// Search only this shared drive.
    pub drive_id: Option<String>,
}

pub fn search_docs() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_docs",
            title: "Search Google Docs",
            description: "Find Google Docs whose name or text contains the given words, in My Drive, files \
                shared with you and shared drives. Returns each document's name, document_id, last \
                modification and link.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        search,
    )
}

async fn search(ctx: ToolCtx, p: SearchDocsParams) -> Result<ToolOutput, ToolError> {
    let words = nonblank(&p.query, "query")?;
    let quoted = query::quote(words);
    let q = format!(
        "(name contains {quoted} or fullText contains {quoted}) and mimeType = '{DOC_MIME}' and trashed = false"
    );
    let scope = query::scope(given_owned(&p.drive_id), p.corpora, true).map_err(ToolError::invalid)?;
    let request = ListRequest {
        q: &q,
        page_size: page_size(p.page_size)?,
        page_token: given_owned(&p.page_token),
        order_by: None,
        scope,
        fields: FIELDS,
    };
    let g = ctx.google().await?;
    let page = api::files_list(&g, &request).await?;
    let header = format!("Google Docs matching \"{words}\"");
    Ok(ToolOutput::text(listing(&header, &page)))
}

// Arguments of `list_docs_in_folder`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListDocsInFolderParams {
    /// The folder's id ("root" is My Drive; a shared drive's id lists its top level).
    #[serde(default = "root")]
    pub folder_id: String,
    /// Most documents to return (1-1000).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// nextPageToken of a previous call, for the next page.
    pub page_token: Option<String>,
}

pub fn list_docs_in_folder() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_docs_in_folder",
            title: "List Google Docs in Folder",
            description: "List the Google Docs directly inside a Drive folder (My Drive by default, shared \
                drive folders too), with their document_id, last modification and link.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        list_in_folder,
    )
}

async fn list_in_folder(ctx: ToolCtx, p: ListDocsInFolderParams) -> Result<ToolOutput, ToolError> {
    let folder = nonblank(&p.folder_id, "folder_id")?;
    let q = format!("{} in parents and mimeType = '{DOC_MIME}' and trashed = false", query::quote(folder));
    // Folders in shared drives list only with items from all drives included.
    let scope = query::scope(None, None, true).map_err(ToolError::invalid)?;
    let request = ListRequest {
        q: &q,
        page_size: page_size(p.page_size)?,
        page_token: given_owned(&p.page_token),
        order_by: Some("name"),
        scope,
        fields: FIELDS,
    };
    let g = ctx.google().await?;
    let page = api::files_list(&g, &request).await?;
    let header = format!("Google Docs in folder {folder}");
    Ok(ToolOutput::text(listing(&header, &page)))
}

/// One line per document, then how to get the next page.
fn listing(header: &str, page: &FileList) -> String {
    if page.files.is_empty() {
        let more = if page.next_page_token.is_some() { " on this page" } else { "" };
        let mut out = format!("No {header}{more}.\n");
        if let Some(token) = &page.next_page_token {
            out.push_str(&format!("More may follow: call again with page_token \"{token}\".\n"));
        }
        return out;
    }
    let mut out = format!("{header} ({}):\n", page.files.len());
    for f in &page.files {
        out.push_str(&doc_line(f));
        out.push('\n');
    }
    if page.incomplete_search == Some(true) {
        out.push_str("Drive searched only part of the corpora; narrow it with corpora or drive_id.\n");
    }
    if let Some(token) = &page.next_page_token {
        out.push_str(&format!("More documents: call again with page_token \"{token}\".\n"));
    }
    out
}

fn doc_line(f: &File) -> String {
    let mut line = format!("- \"{}\" (document_id: {}", f.name(), f.id());
    if let Some(t) = &f.modified_time {
        line.push_str(&format!(", modified {t}"));
    }
    if let Some(d) = &f.drive_id {
        line.push_str(&format!(", shared drive {d}"));
    }
    line.push(')');
    let link = f.web_view_link.clone().unwrap_or_else(|| format!("https://docs.google.com/document/d/{}/edit", f.id()));
    line.push(' ');
    line.push_str(&link);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_and_lines_name_the_id() {
        assert!(page_size(0).is_err());
        assert_eq!(page_size(5000).unwrap(), MAX_PAGE);
        let f = File { id: Some("1a".into()), name: Some("Plan".into()), ..Default::default() };
        assert_eq!(doc_line(&f), "- \"Plan\" (document_id: 1a) https://docs.google.com/document/d/1a/edit");
        let empty = FileList { next_page_token: Some("t".into()), ..Default::default() };
        assert!(listing("Google Docs in folder x", &empty).contains("page_token \"t\""));
    }
}
