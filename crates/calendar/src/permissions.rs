//! Calendar's `--permissions calendar:<level>` levels, as in the reference server (see
//! `wsmcp_core::permission` for how a level selects tools).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{CALENDAR, CALENDAR_EVENTS, CALENDAR_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[CALENDAR_READONLY] },
    PermissionLevel { name: "full", adds: &[CALENDAR, CALENDAR_EVENTS] },
];
