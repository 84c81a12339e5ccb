//! Meet's `--permissions meet:<level>` levels: `readonly` reads spaces and the records of the
//! user's meetings (participants, recordings, transcripts); `full` also creates spaces and ends
//! their conferences (`meetings.space.created`, which covers only spaces this app created).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{MEETINGS_SPACE_CREATED, MEETINGS_SPACE_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[MEETINGS_SPACE_READONLY] },
    PermissionLevel { name: "full", adds: &[MEETINGS_SPACE_CREATED] },
];
