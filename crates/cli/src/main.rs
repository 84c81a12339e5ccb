//! `workspace-mcp`: parse flags and environment, set up logging, run the server.

mod args;
mod external_provider;
mod healthcheck;
mod identity;
mod stateless;

use clap::Parser;
use tokio_util::sync::CancellationToken;

fn main() {
    // The PDF reader's child process (see wsmcp_core::pdf): answered before flags, environment
    // and logging, and not a clap subcommand, so it stays out of --help.
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == wsmcp_core::pdf::protocol::SUBCOMMAND) {
        let rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
        std::process::exit(wsmcp_pdftext::child::main(&rest));
    }
    std::process::exit(real_main());
}

fn real_main() -> i32 {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return 0;
        }
        Err(e) => {
            // One line naming the problem; clap's full text adds usage noise.
            let text = e.to_string();
            eprintln!(
                "workspace-mcp: {}",
                text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ")
            );
            return 2;
        }
    };
    let env = |name: &str| std::env::var(name).ok();
    if let Some(args::Command::Healthcheck) = cli.command {
        let port = env("PORT").or_else(|| env("WORKSPACE_MCP_PORT")).and_then(|p| p.parse().ok()).unwrap_or(8000);
        return healthcheck::run(port);
    }
    let config = match cli.into_config(&env) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("workspace-mcp: {e}");
            return 2;
        }
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("workspace-mcp: cannot start the async runtime: {e}");
            return 1;
        }
    };
    runtime.block_on(async move {
        let cancel = CancellationToken::new();
        let on_signal = cancel.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            on_signal.cancel();
        });
        match wsmcp_server::run(config, cancel).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("workspace-mcp: {e}");
                1
            }
        }
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Logs go to stderr (stdout belongs to the stdio transport). Level from
/// WORKSPACE_MCP_LOG_LEVEL (default info) or RUST_LOG, as `target=level` directives (a
/// `Targets` filter: span-field filters would need a regex engine, ~200 KB of binary).
fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let directives = std::env::var("RUST_LOG").unwrap_or_else(|_| {
        let level = std::env::var("WORKSPACE_MCP_LOG_LEVEL").map(|l| l.to_ascii_lowercase());
        default_directives(level.as_deref().unwrap_or("info"))
    });
    let filter =
        directives.parse::<Targets>().or_else(|_| default_directives("info").parse::<Targets>()).unwrap_or_default();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(color).with_target(false);
    tracing_subscriber::registry().with(fmt).with(filter).init();
}

/// `level` for our own logs; rmcp only from WARN up at the usual levels, because its INFO
/// events and its `streamable_http_session{id=…}` span print session ids, and over HTTP a
/// session id is a bearer credential. `debug` and `trace` let rmcp through for diagnosis.
fn default_directives(level: &str) -> String {
    match level {
        "info" | "warn" | "error" => format!("{level},rmcp=warn"),
        other => other.to_string(),
    }
}
