//! Host names and addresses, judged the same way wherever the server decides on them.

use std::net::IpAddr;

/// Whether `host` (a bind address or a URL/Host-header host, brackets and port allowed) names this
/// machine only: a literal in 127.0.0.0/8 or `::1` (IPv4-mapped included), or `localhost`. A DNS
/// name that merely starts with `127.` is not loopback: anyone can register `127.evil.example`.
pub fn is_loopback_host(host: &str) -> bool {
    let host = strip_port(host.trim());
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        Err(_) => false,
    }
}

/// `[::1]:8000` -> `::1`, `127.0.0.1:8000` -> `127.0.0.1`, `::1` -> `::1`, `name:80` -> `name`.
pub fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        // More than one colon without brackets: a bare IPv6 address, no port.
        Some((name, _)) if !name.contains(':') => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_literal_loopback_and_localhost_count() {
        for yes in ["127.0.0.1", "127.1.2.3:8000", "localhost", "LOCALHOST:80", "::1", "[::1]:8000", "::ffff:127.0.0.1"]
        {
            assert!(is_loopback_host(yes), "{yes}");
        }
        for no in [
            "127.evil.example",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "0.0.0.0",
            "::",
            "[::]:8000",
            "10.0.0.1",
            "example.com:8000",
            "",
        ] {
            assert!(!is_loopback_host(no), "{no}");
        }
    }
}
