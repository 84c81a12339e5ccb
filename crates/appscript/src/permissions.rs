//! Apps Script's `--permissions appscript:<level>` levels: `readonly` reads projects, versions,
//! deployments, processes and metrics (and lists projects through Drive); `full` also writes
//! code, versions and deployments, deletes projects (through Drive), runs functions (whose
//! scripts most often need Drive) and manages triggers (`script.scriptapp`).

use wsmcp_core::PermissionLevel;
use wsmcp_core::scope::{
    DRIVE, DRIVE_READONLY, SCRIPT_DEPLOYMENTS, SCRIPT_DEPLOYMENTS_READONLY, SCRIPT_METRICS, SCRIPT_PROCESSES,
    SCRIPT_PROJECTS, SCRIPT_PROJECTS_READONLY, SCRIPT_SCRIPTAPP,
};

pub const LEVELS: &[PermissionLevel] = &[
    PermissionLevel {
        name: "readonly",
        adds: &[
            SCRIPT_PROJECTS_READONLY,
            SCRIPT_DEPLOYMENTS_READONLY,
            SCRIPT_PROCESSES,
            SCRIPT_METRICS,
            DRIVE_READONLY,
        ],
    },
    PermissionLevel { name: "full", adds: &[SCRIPT_PROJECTS, SCRIPT_DEPLOYMENTS, SCRIPT_SCRIPTAPP, DRIVE] },
];
