//! Docs' `--permissions docs:<level>` levels, as in the reference server: `readonly` reads
//! documents and their comments (which live in Drive, hence `drive.readonly`), `full` also
//! creates and edits them (and files a new document into a Drive folder, which needs
//! `drive.file`).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DOCUMENTS, DOCUMENTS_READONLY, DRIVE_FILE, DRIVE_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[DOCUMENTS_READONLY, DRIVE_READONLY] },
    PermissionLevel { name: "full", adds: &[DOCUMENTS, DRIVE_FILE] },
];
