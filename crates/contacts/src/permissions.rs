//! Contacts' `--permissions contacts:<level>` levels, as in the reference server: `readonly`
//! reads contacts and groups (and searches "other contacts" and the domain directory, each
//! under its own read-only scope); `full` also changes contacts and groups.

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{CONTACTS, CONTACTS_OTHER_READONLY, CONTACTS_READONLY, DIRECTORY_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[CONTACTS_READONLY, CONTACTS_OTHER_READONLY, DIRECTORY_READONLY] },
    PermissionLevel { name: "full", adds: &[CONTACTS] },
];
