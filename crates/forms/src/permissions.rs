//! Forms' `--permissions forms:<level>` levels: `readonly` reads forms and their responses,
//! `full` also creates and edits forms and their publish settings.

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{FORMS_BODY, FORMS_BODY_READONLY, FORMS_RESPONSES_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[FORMS_BODY_READONLY, FORMS_RESPONSES_READONLY] },
    PermissionLevel { name: "full", adds: &[FORMS_BODY] },
];
