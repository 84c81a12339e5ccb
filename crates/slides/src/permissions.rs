//! Slides' `--permissions slides:<level>` levels, as in the reference server: `readonly`
//! reads presentations and their comments, `full` also edits them. Comments live in Drive's
//! API, so the levels add the Drive scopes the comment tools declare.

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DRIVE, DRIVE_READONLY, PRESENTATIONS, PRESENTATIONS_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[PRESENTATIONS_READONLY, DRIVE_READONLY] },
    PermissionLevel { name: "full", adds: &[PRESENTATIONS, DRIVE] },
];
