//! Gmail's `--permissions gmail:<level>` ladder, as in the reference server. Each level adds
//! scopes to the one below; a tool is listed when every scope it needs is allowed (see
//! `wsmcp_core::permission`).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{GMAIL_COMPOSE, GMAIL_LABELS, GMAIL_MODIFY, GMAIL_READONLY, GMAIL_SEND, GMAIL_SETTINGS_BASIC};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[GMAIL_READONLY] },
    PermissionLevel { name: "organize", adds: &[GMAIL_LABELS, GMAIL_MODIFY] },
    PermissionLevel { name: "drafts", adds: &[GMAIL_COMPOSE] },
    PermissionLevel { name: "send", adds: &[GMAIL_SEND] },
    PermissionLevel { name: "full", adds: &[GMAIL_SETTINGS_BASIC] },
];
