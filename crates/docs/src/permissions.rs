//! Docs' `--permissions docs:<level>` levels, as in the reference server: `readonly` reads
//! documents, `full` also creates and edits them (and files a new document into a Drive
//! folder, which needs `drive.file`).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DOCUMENTS, DOCUMENTS_READONLY, DRIVE_FILE};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[DOCUMENTS_READONLY] },
    PermissionLevel { name: "full", adds: &[DOCUMENTS, DRIVE_FILE] },
];
