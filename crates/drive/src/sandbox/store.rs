//! The emulated Drive of the sandbox user: files (folders, Google-native documents with
//! structured content, binaries), their permissions, the shared drives the user belongs
//! to, and open resumable upload sessions, behind one mutex.
//!
//! Access is computed the way Drive does it: the owner, the user's own, group, domain and
//! link permissions on the file and on its ancestor folders, and, inside a shared drive,
//! the user's membership of that drive.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::access::Role;
use super::content::Content;

pub const FOLDER: &str = "application/vnd.google-apps.folder";
pub const DOCUMENT: &str = "application/vnd.google-apps.document";
pub const SPREADSHEET: &str = "application/vnd.google-apps.spreadsheet";
pub const PRESENTATION: &str = "application/vnd.google-apps.presentation";
pub const FORM: &str = "application/vnd.google-apps.form";
pub const SCRIPT: &str = "application/vnd.google-apps.script";

/// A Google account (or a group) as Drive shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

impl Person {
    pub fn new(name: &str, email: &str) -> Self {
        Self { name: name.to_string(), email: email.to_string() }
    }
}

/// One entry of a file's (or shared drive's) access list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permission {
    pub id: String,
    /// `user`, `group`, `domain` or `anyone`.
    pub kind: String,
    pub role: Role,
    pub email: Option<String>,
    pub domain: Option<String>,
    pub display_name: Option<String>,
    pub allow_file_discovery: Option<bool>,
    /// RFC 3339, as the client sent it.
    pub expiration_time: Option<String>,
    pub pending_owner: bool,
}

impl Permission {
    /// Whether this entry grants something to `email` (user/group by address, domain by
    /// the address's domain, anyone always).
    pub fn applies_to(&self, email: &str) -> bool {
        match self.kind.as_str() {
            "user" | "group" => self.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email)),
            "domain" => {
                let user_domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
                self.domain.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(user_domain))
            }
            "anyone" => true,
            _ => false,
        }
    }
}

/// A file, folder or Google-native document.
#[derive(Debug, Clone)]
pub struct DriveFile {
    pub id: String,
    pub name: String,
    pub mime_type: String,
    pub description: Option<String>,
    pub parents: Vec<String>,
    /// The shared drive holding the file; `None` in someone's My Drive.
    pub drive_id: Option<String>,
    /// The owner of a My Drive file; shared drive files have none.
    pub owner: Option<Person>,
    /// Unix milliseconds.
    pub created: i64,
    pub modified: i64,
    pub viewed_by_me: Option<i64>,
    pub shared_with_me: Option<i64>,
    pub sharing_user: Option<Person>,
    pub last_modifying: Person,
    pub starred: bool,
    pub trashed: bool,
    pub explicitly_trashed: bool,
    pub trashed_time: Option<i64>,
    pub trashing_user: Option<Person>,
    pub properties: BTreeMap<String, String>,
    pub app_properties: BTreeMap<String, String>,
    pub content: Content,
    /// Permissions set on this file itself (inherited ones are computed from the parents).
    pub permissions: Vec<Permission>,
    pub writers_can_share: bool,
    pub copy_requires_writer_permission: bool,
    pub version: u64,
    pub original_filename: Option<String>,
    pub folder_color_rgb: Option<String>,
    /// Extra text for `fullText` search (`contentHints.indexableText`).
    pub indexable_text: Option<String>,
    /// Hex SHA-256 of binary content, kept with it so listing never rehashes.
    pub sha256: Option<String>,
}

impl DriveFile {
    pub fn is_folder(&self) -> bool {
        self.mime_type == FOLDER
    }

    /// Google-native types have no bytes: they are exported, not downloaded.
    pub fn is_native(&self) -> bool {
        self.mime_type.starts_with("application/vnd.google-apps.")
    }

    /// Replace the content (and the checksum that goes with it).
    pub fn set_content(&mut self, content: Content) {
        self.sha256 = content.bytes().map(|b| {
            use sha2::Digest as _;
            sha2::Sha256::digest(b).iter().map(|byte| format!("{byte:02x}")).collect()
        });
        self.content = content;
    }
}

/// A shared drive; its id doubles as the id of its root folder.
#[derive(Debug, Clone)]
pub struct SharedDrive {
    pub id: String,
    pub name: String,
    pub created: i64,
    pub color_rgb: String,
    pub theme_id: String,
    pub hidden: bool,
    pub members: Vec<Permission>,
}

/// What a resumable session will do once all bytes are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionTarget {
    Create,
    Update(String),
}

/// An open resumable upload.
#[derive(Debug, Clone)]
pub struct UploadSession {
    pub target: SessionTarget,
    /// The JSON metadata of the request that opened the session.
    pub metadata: Value,
    /// The query of the opening request (flags such as `supportsAllDrives`, `fields`).
    pub query: Vec<(String, String)>,
    /// `X-Upload-Content-Type` of the opening request.
    pub content_type: Option<String>,
    /// `X-Upload-Content-Length`, or the total from a `Content-Range`.
    pub total: Option<u64>,
    pub received: Vec<u8>,
}

/// The whole emulated Drive.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) me: Person,
    pub(crate) root_id: String,
    pub(crate) files: HashMap<String, DriveFile>,
    pub(crate) drives: Vec<SharedDrive>,
    pub(crate) sessions: HashMap<String, UploadSession>,
    /// People the sandbox knows as Google accounts (display names for permissions).
    pub(crate) directory: Vec<Person>,
    /// Ids handed out by files.generateIds and not used yet.
    pub(crate) generated_ids: HashSet<String>,
    /// Comments on files, in the order they were made (see `comment_store`).
    pub(crate) comments: Vec<super::comment_store::Comment>,
}

impl Store {
    /// An empty My Drive for `me` whose root folder has id `root_id`.
    pub fn new(me: Person, root_id: &str, created: i64) -> Self {
        let root = DriveFile {
            id: root_id.to_string(),
            name: "My Drive".to_string(),
            mime_type: FOLDER.to_string(),
            description: None,
            parents: Vec::new(),
            drive_id: None,
            owner: Some(me.clone()),
            created,
            modified: created,
            viewed_by_me: None,
            shared_with_me: None,
            sharing_user: None,
            last_modifying: me.clone(),
            starred: false,
            trashed: false,
            explicitly_trashed: false,
            trashed_time: None,
            trashing_user: None,
            properties: BTreeMap::new(),
            app_properties: BTreeMap::new(),
            content: Content::None,
            permissions: Vec::new(),
            writers_can_share: true,
            copy_requires_writer_permission: false,
            version: 1,
            original_filename: None,
            folder_color_rgb: None,
            indexable_text: None,
            sha256: None,
        };
        let mut files = HashMap::new();
        files.insert(root.id.clone(), root);
        Self {
            directory: vec![me.clone()],
            me,
            root_id: root_id.to_string(),
            files,
            drives: Vec::new(),
            sessions: HashMap::new(),
            generated_ids: HashSet::new(),
            comments: Vec::new(),
        }
    }

    pub fn me(&self) -> &Person {
        &self.me
    }

    pub fn root_id(&self) -> &str {
        &self.root_id
    }

    /// `root` is Drive's alias for the user's My Drive folder.
    pub fn resolve_id<'a>(&'a self, id: &'a str) -> &'a str {
        if id == "root" { &self.root_id } else { id }
    }

    pub fn file(&self, id: &str) -> Option<&DriveFile> {
        self.files.get(self.resolve_id(id))
    }

    pub fn file_mut(&mut self, id: &str) -> Option<&mut DriveFile> {
        let id = self.resolve_id(id).to_string();
        self.files.get_mut(&id)
    }

    pub fn files(&self) -> impl Iterator<Item = &DriveFile> {
        self.files.values()
    }

    pub fn insert(&mut self, file: DriveFile) {
        self.files.insert(file.id.clone(), file);
    }

    pub fn remove(&mut self, id: &str) -> Option<DriveFile> {
        self.files.remove(id)
    }

    pub fn drive(&self, id: &str) -> Option<&SharedDrive> {
        self.drives.iter().find(|d| d.id == id)
    }

    pub fn drives(&self) -> &[SharedDrive] {
        &self.drives
    }

    /// The display name of a known account.
    pub fn display_name(&self, email: &str) -> Option<String> {
        self.directory.iter().find(|p| p.email.eq_ignore_ascii_case(email)).map(|p| p.name.clone())
    }

    /// Whether `email` is a Google account the sandbox knows (the user's domain counts).
    pub fn is_known_account(&self, email: &str) -> bool {
        let my_domain = self.me.email.rsplit_once('@').map(|(_, d)| d);
        let domain = email.rsplit_once('@').map(|(_, d)| d);
        (domain.is_some() && domain == my_domain) || self.display_name(email).is_some()
    }

    /// The ancestor folders of `id`, nearest first, stopping at a cycle or a missing one.
    pub fn ancestors(&self, id: &str) -> Vec<&DriveFile> {
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut next = self.file(id).and_then(|f| f.parents.first());
        while let Some(parent_id) = next {
            if !seen.insert(parent_id.as_str()) {
                break;
            }
            let Some(parent) = self.files.get(parent_id) else {
                break;
            };
            out.push(parent);
            next = parent.parents.first();
        }
        out
    }

    /// Whether `ancestor` is `id` itself or one of its ancestors.
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        id == ancestor || self.ancestors(id).iter().any(|f| f.id == ancestor)
    }

    /// Every file below folder `id` (not the folder itself).
    pub fn descendants(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut queue = vec![id.to_string()];
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(folder) = queue.pop() {
            for f in self.files.values() {
                if f.parents.contains(&folder) && seen.insert(f.id.clone()) {
                    out.push(f.id.clone());
                    queue.push(f.id.clone());
                }
            }
        }
        out
    }
}

/// The store shared by the handlers and the reset hook.
pub type SharedStore = wsmcp_sandbox_kit::Shared<Store>;
