//! Drive's `--permissions drive:<level>` levels, as in the reference server (see
//! `wsmcp_core::permission` for how a level selects tools).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DRIVE, DRIVE_FILE, DRIVE_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[DRIVE_READONLY] },
    PermissionLevel { name: "full", adds: &[DRIVE, DRIVE_FILE] },
];
