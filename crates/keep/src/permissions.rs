//! Keep's `--permissions keep:<level>` levels: `readonly` reads notes and attachments, `full`
//! also creates, deletes and shares them (Google has no narrower write scope than `keep`).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{KEEP, KEEP_READONLY};

pub const LEVELS: &[PermissionLevel] =
    &[PermissionLevel { name: "readonly", adds: &[KEEP_READONLY] }, PermissionLevel { name: "full", adds: &[KEEP] }];
