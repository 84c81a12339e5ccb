//! Sandbox emulation (being written).

/// The emulation of this API, seeded for `user`.
pub fn emulation(user: &str) -> wsmcp_sandbox_kit::ServiceEmulation {
    let _ = user;
    wsmcp_sandbox_kit::ServiceEmulation::new("www.googleapis.com", axum::Router::new())
}
