//! `workspace-mcp healthcheck`: the container's health probe without curl or a shell.
//! A plain blocking HTTP/1.0 GET of `/health` on the loopback port the server uses.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub fn run(port: u16) -> i32 {
    match probe(port) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("workspace-mcp healthcheck: {e}");
            1
        }
    }
}

fn probe(port: u16) -> Result<(), String> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).map_err(|e| e.to_string())?;
    stream
        .write_all(format!("GET /health HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).map_err(|e| e.to_string())?;
    let status_ok = reply.lines().next().is_some_and(|l| l.split_whitespace().nth(1) == Some("200"));
    if status_ok && reply.contains("\"healthy\"") {
        Ok(())
    } else {
        Err(format!("unexpected reply: {}", reply.lines().next().unwrap_or("(empty)")))
    }
}
