//! Starts the in-process Google emulation that `--sandbox` runs against.

use wsmcp_sandbox_kit::{Sandbox, SandboxHandle};

/// Every emulated API, seeded for `user`, served on a free loopback port.
pub async fn start(user: &str) -> Result<SandboxHandle, String> {
    Sandbox::builder()
        .services(crate::services::emulations(user))
        .build()
        .serve("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))
}
