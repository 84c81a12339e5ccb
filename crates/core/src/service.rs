//! How a service describes itself to the server: its tools (built from the options the server
//! hands every service) and its `--permissions` levels. The sandbox emulation and its Discovery
//! documents come from the same crate (`sandbox::emulation`), so the server's one list of
//! services (`crates/server/src/services.rs`) is all that names a service.

use std::path::PathBuf;

use crate::local_files::FilePolicy;
use crate::pdf::PdfReader;
use crate::{PermissionLevel, Service, ToolDef};

/// Cap on XML inflated from one Office file unless `WORKSPACE_MCP_MAX_OFFICE_XML_BYTES` says
/// otherwise: well above real documents, far below a zip bomb's output.
pub const DEFAULT_MAX_OFFICE_XML_BYTES: u64 = 25 * 1024 * 1024;

/// What the server's configuration says that tools need, built once from its `Config`. Services
/// read no environment variables: everything they are configured with arrives here.
#[derive(Debug, Clone)]
pub struct ServiceOptions {
    /// Which local files a tool may read (attachments, uploads).
    pub files: FilePolicy,
    /// Where this server keeps saved files; its `.../attachments/<id>` links resolve here.
    pub attachment_dir: PathBuf,
    /// False under `WORKSPACE_MCP_DISABLE_LOCAL_FILES`: local-path parameters leave the schemas
    /// and are refused.
    pub local_files: bool,
    /// Cap on XML inflated from one Office file.
    pub max_office_xml_bytes: u64,
    /// Custom Search: the API key (`GOOGLE_PSE_API_KEY`) and the Programmable Search Engine id
    /// (`GOOGLE_PSE_ENGINE_ID`); the search tools explain what to set when either is missing.
    pub pse_api_key: Option<crate::google::ApiKey>,
    pub pse_engine_id: Option<String>,
    /// Reads the text of PDFs (Drive files, Gmail attachments): the server's binary in a
    /// child process, or unavailable where no binary offers that (tests, embedding).
    pub pdf: PdfReader,
}

impl ServiceOptions {
    /// Options over explicit directories, everything else at its default (tests, embedding).
    pub fn new(files: FilePolicy, attachment_dir: PathBuf) -> Self {
        ServiceOptions {
            files,
            attachment_dir,
            local_files: true,
            max_office_xml_bytes: DEFAULT_MAX_OFFICE_XML_BYTES,
            pse_api_key: None,
            pse_engine_id: None,
            pdf: PdfReader::unavailable("this server was built without its PDF reader"),
        }
    }
}

/// One service, as the server sees it.
#[derive(Clone, Copy)]
pub struct ServiceDef {
    pub service: Service,
    /// Every tool of the service, configured by `options`.
    pub tools: fn(&ServiceOptions) -> Vec<ToolDef>,
    /// `--permissions <service>:<level>` levels, least access first.
    pub levels: &'static [PermissionLevel],
}
