//! Chat's `--permissions chat:<level>` levels: `readonly` lists spaces and reads messages (and
//! saves their attachments); `full` also sends, edits and reacts. `chat.messages` covers
//! creating, editing and reacting (Google accepts it for all three).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{CHAT_MESSAGES, CHAT_MESSAGES_READONLY, CHAT_SPACES_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[CHAT_SPACES_READONLY, CHAT_MESSAGES_READONLY] },
    PermissionLevel { name: "full", adds: &[CHAT_MESSAGES] },
];
