//! Shared foundation of workspace-mcp: how a tool is declared (name, schema, hints, scopes,
//! tier), the errors a tool can return, and the one Google REST client every service uses.
//!
//! Services depend on this crate and never on each other; only `wsmcp-server` knows about
//! transports and auth.

pub mod args;
pub mod clock;
pub mod error;
pub mod files;
pub mod google;
pub mod local_files;
pub mod notify;
pub mod pdf;
pub mod permission;
pub mod remote;
pub mod schema;
pub mod scope;
pub mod service;
pub mod tool;

pub use error::ToolError;
pub use permission::PermissionLevel;
pub use service::{ServiceDef, ServiceOptions};
pub use tool::{Hints, Service, Tier, ToolCtx, ToolDef, ToolOutput};
