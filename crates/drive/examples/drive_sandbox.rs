//! A stand-alone Drive sandbox on loopback, for measurements that must keep the emulation
//! out of the server's process (`bench/upload_memory.sh` points the server at it with
//! `WORKSPACE_MCP_SANDBOX_URL`). Prints its base URL on stdout, then serves until killed.
//!
//! Usage: cargo run -p wsmcp-drive --example drive_sandbox [-- user@example.com]

use std::io::Write;

use wsmcp_sandbox_kit::{Sandbox, oauth_emulation};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let user = std::env::args().nth(1).unwrap_or_else(|| "alex.rivera@example.com".to_string());
    let handle = Sandbox::builder()
        .service(wsmcp_drive::sandbox::emulation(&user))
        .services(oauth_emulation(&user))
        .build()
        .serve("127.0.0.1:0")
        .await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", handle.base_url)?;
    out.flush()?;
    tokio::signal::ctrl_c().await?;
    handle.shutdown().await;
    Ok(())
}
