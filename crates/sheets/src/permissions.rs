//! Sheets' `--permissions sheets:<level>` levels, as in the reference server: `readonly` reads
//! spreadsheets (and lists them through Drive), `full` also changes them and files new ones
//! into Drive folders (`drive.file` covers the files this app created). Comments live in
//! Drive's API: reading them needs `drive.readonly`, writing them `drive`.

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{DRIVE, DRIVE_FILE, DRIVE_READONLY, SPREADSHEETS, SPREADSHEETS_READONLY};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[SPREADSHEETS_READONLY, DRIVE_READONLY] },
    PermissionLevel { name: "full", adds: &[SPREADSHEETS, DRIVE_FILE, DRIVE] },
];
