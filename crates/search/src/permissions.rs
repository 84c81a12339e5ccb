//! Search's `--permissions search:<level>` levels. Custom Search needs no OAuth scope (it
//! authenticates with an API key), so both levels add none; they exist so the reference's
//! `search:readonly` and `search:full` still parse, and either lists both (read-only) tools.

use wsmcp_core::PermissionLevel;

pub const LEVELS: &[PermissionLevel] =
    &[PermissionLevel { name: "readonly", adds: &[] }, PermissionLevel { name: "full", adds: &[] }];
