//! Starts the in-process Google emulation that `--sandbox` runs against.

use wsmcp_sandbox_kit::{Sandbox, SandboxHandle};

/// Every emulated API, seeded for `user`, served on a free loopback port.
pub async fn start(user: &str) -> Result<SandboxHandle, String> {
    Sandbox::builder()
        .service(wsmcp_gmail::sandbox::emulation(user))
        .service(wsmcp_drive::sandbox::emulation(user))
        .service(wsmcp_calendar::sandbox::emulation(user))
        .services(wsmcp_sandbox_kit::oauth_emulation(user))
        .build()
        .serve("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))
}
