//! The one list of services this build offers. Each entry is what a service crate exports: its
//! description (tools, permission levels) and its sandbox emulation (which brings its Discovery
//! documents). Adding a service is one line here; see ARCHITECTURE.md, "Adding a service".

use wsmcp_core::ServiceDef;
use wsmcp_sandbox_kit::ServiceEmulation;

/// A service as this server plugs it in.
pub struct Plugged {
    pub def: ServiceDef,
    /// The service's emulation of its Google API, seeded for the given user.
    pub emulation: fn(&str) -> ServiceEmulation,
}

pub const SERVICES: &[Plugged] = &[
    Plugged { def: wsmcp_gmail::SERVICE, emulation: wsmcp_gmail::sandbox::emulation },
    Plugged { def: wsmcp_drive::SERVICE, emulation: wsmcp_drive::sandbox::emulation },
    Plugged { def: wsmcp_calendar::SERVICE, emulation: wsmcp_calendar::sandbox::emulation },
    Plugged { def: wsmcp_tasks::SERVICE, emulation: wsmcp_tasks::sandbox::emulation },
    // Chat
    Plugged { def: wsmcp_chat::SERVICE, emulation: wsmcp_chat::sandbox::emulation },
    // Search
    Plugged { def: wsmcp_search::SERVICE, emulation: wsmcp_search::sandbox::emulation },
];

/// Every emulation the sandbox serves for `user`: each service's, and Google's sign-in endpoints.
pub fn emulations(user: &str) -> Vec<ServiceEmulation> {
    let mut all: Vec<ServiceEmulation> = SERVICES.iter().map(|p| (p.emulation)(user)).collect();
    all.extend(wsmcp_sandbox_kit::oauth_emulation(user));
    all
}
