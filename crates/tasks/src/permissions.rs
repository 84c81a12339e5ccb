//! Tasks' `--permissions tasks:<level>` levels, as in the reference server: `readonly` reads
//! lists and tasks, `manage` also changes them. Google has no narrower write scope than
//! `tasks`, so `full` adds nothing to `manage`; it exists so the reference's flags still parse.

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{TASKS, TASKS_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[TASKS_READONLY] },
    PermissionLevel { name: "manage", adds: &[TASKS] },
    PermissionLevel { name: "full", adds: &[] },
];
