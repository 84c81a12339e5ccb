//! The clock of service tests: real time, or the instant `WORKSPACE_MCP_SANDBOX_NOW` names, the
//! same variable the binary reads, so one setting moves every test (in-process and end-to-end)
//! to that day. CI runs the suites under fixed dates to show no test depends on today's date.

use chrono::{DateTime, Utc};
use wsmcp_sandbox_kit::{Sandbox, SandboxBuilder};

/// The variable that anchors the clock.
pub const CLOCK_VAR: &str = "WORKSPACE_MCP_SANDBOX_NOW";

/// Anchors the process clock from [`CLOCK_VAR`] if it is set (once; later calls do nothing).
pub fn fix_clock() {
    if let Ok(text) = std::env::var(CLOCK_VAR)
        && !text.trim().is_empty()
    {
        let at = wsmcp_core::clock::parse_instant(&text).unwrap_or_else(|e| panic!("{CLOCK_VAR}: {e}"));
        wsmcp_core::clock::start_at(at).unwrap_or_else(|e| panic!("{CLOCK_VAR}: {e}"));
    }
}

/// The time tests reason about: the same clock seeds and emulations read.
pub fn now() -> DateTime<Utc> {
    fix_clock();
    wsmcp_core::clock::now()
}

/// A sandbox builder, with the clock fixed first so seeds are dated from the test's clock.
pub fn sandbox() -> SandboxBuilder {
    fix_clock();
    Sandbox::builder()
}
