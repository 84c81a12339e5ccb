//! The Drive tools, one explicit list. Each file holds the declarations and thin handlers
//! of one area: search (search, folder listing), content (read, download), create (files,
//! folders), import (converting uploads), update (metadata and content, copy), permissions
//! (reading sharing state) and sharing (changing it).

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;
use wsmcp_core::ServiceOptions;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::local_files::FilePolicy;
use wsmcp_core::pdf::PdfReader;
use wsmcp_core::{ToolDef, ToolError};

use crate::api;
use crate::formats::SHORTCUT;
use crate::upload::UploadTuning;
use crate::wire::File;

mod content;
mod create;
mod import;
mod permissions;
mod search;
mod sharing;
mod update;

/// What the Drive tools need from their environment.
#[derive(Debug, Clone)]
pub struct DriveOptions {
    /// Which local files may be uploaded by `file_path` / `file://`.
    pub files: FilePolicy,
    /// Where this server keeps saved files; `.../attachments/<id>` URLs resolve here.
    pub attachment_dir: PathBuf,
    /// False under `WORKSPACE_MCP_DISABLE_LOCAL_FILES`: `file_path` leaves the schemas and
    /// local paths are refused.
    pub local_files: bool,
    /// Cap on XML inflated from one Office file (`WORKSPACE_MCP_MAX_OFFICE_XML_BYTES`).
    pub max_office_xml_bytes: u64,
    /// When uploads switch to resumable sessions, and their chunk size.
    pub upload: UploadTuning,
    /// Reads the text of PDF files (a child process in the server).
    pub pdf: PdfReader,
}

impl DriveOptions {
    /// Options over explicit directories, everything else at its default (tests, embedding).
    pub fn new(files: FilePolicy, attachment_dir: PathBuf) -> Self {
        DriveOptions {
            files,
            attachment_dir,
            local_files: true,
            max_office_xml_bytes: wsmcp_core::service::DEFAULT_MAX_OFFICE_XML_BYTES,
            upload: UploadTuning::default(),
            pdf: PdfReader::unavailable("no PDF reader was configured"),
        }
    }

    /// The options the server's configuration gives every service, with Drive's own defaults.
    pub fn from_service(o: &ServiceOptions) -> Self {
        DriveOptions {
            local_files: o.local_files,
            max_office_xml_bytes: o.max_office_xml_bytes,
            pdf: o.pdf.clone(),
            ..DriveOptions::new(o.files.clone(), o.attachment_dir.clone())
        }
    }
}

pub(crate) fn all(options: DriveOptions) -> Vec<ToolDef> {
    let o = Arc::new(options);
    let local = o.local_files;
    let tools = vec![
        search::search_drive_files(),
        content::get_drive_file_content(o.clone()),
        content::get_drive_file_download_url(),
        create::create_drive_file(o.clone()),
        create::create_drive_folder(),
        import::import_to_google_doc(o.clone()),
        import::import_to_google_sheets(o.clone()),
        import::import_to_google_slides(o.clone()),
        permissions::get_drive_shareable_link(),
        search::list_drive_items(),
        update::copy_drive_file(),
        update::update_drive_file(o),
        sharing::manage_drive_access(),
        sharing::set_drive_file_permissions(),
        permissions::get_drive_file_permissions(),
        permissions::check_drive_file_public_access(),
    ];
    if local { tools } else { tools.into_iter().map(|t| without_param(t, "file_path")).collect() }
}

/// The tool without parameter `name` in its schema (the handler refuses it as well).
fn without_param(mut tool: ToolDef, name: &str) -> ToolDef {
    let mut schema = (*tool.input_schema).clone();
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        props.remove(name);
    }
    if let Some(Value::Array(req)) = schema.get_mut("required") {
        req.retain(|r| r.as_str() != Some(name));
    }
    tool.input_schema = Arc::new(schema);
    tool
}

pub(crate) use wsmcp_core::args::{given_owned as opt, nonblank as required};

/// The file `id`, or the file its shortcut points to. `fields` must name `mimeType` and
/// `shortcutDetails`.
pub(crate) async fn resolve_item(g: &GoogleCtx, id: &str, fields: &str) -> Result<File, ToolError> {
    let file = api::files_get(g, id, fields).await?;
    if file.mime() != SHORTCUT {
        return Ok(file);
    }
    match file.shortcut_details.as_ref().and_then(|s| s.target_id.as_deref()) {
        Some(target) => Ok(api::files_get(g, target, fields).await?),
        None => {
            Err(ToolError::invalid(format!("{id} is a shortcut whose target is unknown; pass the target file's id")))
        }
    }
}

/// A page size within Drive's limits, refusing nonsense.
pub(crate) fn page_size(n: i64, max: u32) -> Result<u32, ToolError> {
    if n < 1 {
        return Err(ToolError::invalid(format!("page_size must be at least 1 (at most {max})")));
    }
    Ok(u32::try_from(n).unwrap_or(max).min(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> DriveOptions {
        DriveOptions::new(FilePolicy::new(vec![], vec![]), PathBuf::from("/nonexistent"))
    }

    #[test]
    fn sixteen_unique_tools_with_hints_and_scopes() {
        let tools = all(opts());
        assert_eq!(tools.len(), 16);
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 16);
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && t.description.len() > 20, "{}", t.name);
            let props = t.input_schema.get("properties").and_then(|p| p.as_object()).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            if t.hints.read_only {
                assert!(t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s)), "{}", t.name);
            }
        }
    }

    #[test]
    fn disabling_local_files_drops_file_path() {
        let with: Vec<_> = all(opts())
            .into_iter()
            .filter(|t| t.input_schema["properties"].get("file_path").is_some())
            .map(|t| t.name)
            .collect();
        assert_eq!(with.len(), 4, "{with:?}");
        let disabled = all(DriveOptions { local_files: false, ..opts() });
        assert!(disabled.iter().all(|t| t.input_schema["properties"].get("file_path").is_none()));
    }

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(10, 100).unwrap(), 10);
        assert_eq!(page_size(5000, 1000).unwrap(), 1000);
        assert!(page_size(0, 100).is_err());
    }
}
