//! Docs' `--permissions docs:<level>` levels, as in the reference server: `readonly` reads
//! documents and finds them and their comments through Drive (`drive.readonly`, which also
//! checks an image to insert); `full` also creates and edits them, exports PDFs into Drive and
//! manages comments, which live in Drive's API and need `drive` (it covers the `drive.file` a
//! new document's move into a folder uses).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DOCUMENTS, DOCUMENTS_READONLY, DRIVE, DRIVE_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[DOCUMENTS_READONLY, DRIVE_READONLY] },
    PermissionLevel { name: "full", adds: &[DOCUMENTS, DRIVE] },
];
