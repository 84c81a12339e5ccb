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
    // Keep
    Plugged { def: wsmcp_keep::SERVICE, emulation: wsmcp_keep::sandbox::emulation },
    // Meet
    Plugged { def: wsmcp_meet::SERVICE, emulation: wsmcp_meet::sandbox::emulation },
    // Forms
    Plugged { def: wsmcp_forms::SERVICE, emulation: wsmcp_forms::sandbox::emulation },
    // Apps Script
    Plugged { def: wsmcp_appscript::SERVICE, emulation: wsmcp_appscript::sandbox::emulation },
    // Contacts
    Plugged { def: wsmcp_contacts::SERVICE, emulation: wsmcp_contacts::sandbox::emulation },
    // Slides
    Plugged { def: wsmcp_slides::SERVICE, emulation: wsmcp_slides::sandbox::emulation },
    // Sheets
    Plugged { def: wsmcp_sheets::SERVICE, emulation: wsmcp_sheets::sandbox::emulation },
    // Docs
    Plugged { def: wsmcp_docs::SERVICE, emulation: wsmcp_docs::sandbox::emulation },
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
