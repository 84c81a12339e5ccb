//! Fetching from user-given URLs safely, shared by every tool that accepts one (Gmail
//! attachments, Drive uploads): only public addresses are fetched (no loopback, private,
//! link-local or metadata-service addresses, checked on every resolved address), and this
//! server's own `/attachments/<id>` links map back to the saved file instead of a request.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::ToolError;

/// What a user-given URL turned out to be, before its body is read.
#[derive(Debug)]
pub enum Opened {
    /// One of this server's own download links, resolved to the saved file.
    Saved { path: PathBuf, name: String },
    /// A public http(s) resource that answered 2xx; the body is still to be read.
    Remote { response: reqwest::Response, url: url::Url, name: String, mime: Option<String> },
}

/// Opens `raw` (the value of parameter `param`) for reading: this server's own
/// `/attachments/<id>` links map to the saved file; anything else must be http(s) on a public
/// address (checked before the request and again after redirects), answer 2xx and announce no
/// more than `max_bytes`. `instead` says what to pass rather than a refused URL.
pub async fn open_url(
    http: &reqwest::Client,
    attachment_dir: &Path,
    raw: &str,
    param: &str,
    max_bytes: u64,
    instead: &str,
) -> Result<Opened, ToolError> {
    let url = url::Url::parse(raw.trim())
        .map_err(|e| ToolError::invalid(format!("{param} \"{raw}\" is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ToolError::invalid(format!("{param} must be an http or https URL, got \"{}:\"", url.scheme())));
    }
    let host = url.host_str().unwrap_or_default().to_string();
    if let Some(id) = own_attachment_id(&url) {
        if let Some(path) = find_saved(attachment_dir, id) {
            let name = saved_display_name(&path, id);
            return Ok(Opened::Saved { path, name });
        }
        if is_local_host(&host) {
            return Err(ToolError::File(format!(
                "no saved file with id {id} on this server (download links expire after an hour); download it again"
            )));
        }
    }
    ensure_public(&host, url.port_or_known_default().unwrap_or(443), instead).await?;
    let response =
        http.get(url.clone()).send().await.map_err(|e| ToolError::File(format!("cannot fetch {url}: {e}")))?;
    // The shared client follows redirects; wherever it ended up must be public too.
    if let Some(final_host) = response.url().host_str().map(str::to_string).filter(|h| *h != host) {
        ensure_public(&final_host, response.url().port_or_known_default().unwrap_or(443), instead).await?;
    }
    if !response.status().is_success() {
        return Err(ToolError::File(format!("fetching {url} answered HTTP {}", response.status())));
    }
    if response.content_length().is_some_and(|l| l > max_bytes) {
        return Err(ToolError::File(format!("{url} is larger than {max_bytes} bytes, the limit for URL content")));
    }
    let mime = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase())
        .filter(|m| m.contains('/') && m != "application/octet-stream");
    let name = url.path_segments().and_then(|mut s| s.next_back()).filter(|s| !s.is_empty()).unwrap_or("download");
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned();
    Ok(Opened::Remote { response, url, name, mime })
}

/// The id in one of this server's download links, `.../attachments/<id>`.
pub fn own_attachment_id(url: &url::Url) -> Option<&str> {
    let mut segs: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let id = segs.pop()?;
    let parent = segs.pop()?;
    let safe = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (parent == "attachments" && safe).then_some(id)
}

/// The file the store saved under `id` (named `<stem>_<id><.ext>`, or just `<id>`), unless
/// it has expired (files outlive their link only until the next sweep removes them).
pub fn find_saved(dir: &Path, id: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let name = p.file_name().and_then(|s| s.to_str()).unwrap_or_default();
            p.is_file() && (name == id || stem == id || stem.ends_with(&format!("_{id}")))
        })
        .filter(|p| crate::files::is_fresh(p))
}

/// `report_<id>.pdf` -> `report.pdf`.
pub fn saved_display_name(p: &Path, id: &str) -> String {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.replacen(&format!("_{id}"), "", 1)
}

pub fn is_local_host(host: &str) -> bool {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    h == "localhost" || h.ends_with(".localhost") || h.parse::<IpAddr>().is_ok_and(|ip| !is_public(ip))
}

/// Refuses hosts that are, or resolve to, non-public addresses; `instead` tells the caller
/// what to pass rather than the URL.
pub async fn ensure_public(host: &str, port: u16, instead: &str) -> Result<(), ToolError> {
    let bare = host.trim_matches(['[', ']']);
    let refuse = |why: String| ToolError::Refused(format!("will not fetch from {host}: {why}. {instead}"));
    if is_local_host(bare) {
        return Err(refuse("it is this machine or a private network address".into()));
    }
    let addrs: Vec<_> = tokio::net::lookup_host((bare, port))
        .await
        .map_err(|e| ToolError::File(format!("cannot resolve {host}: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(ToolError::File(format!("cannot resolve {host}")));
    }
    if let Some(a) = addrs.iter().find(|a| !is_public(a.ip())) {
        return Err(refuse(format!("it resolves to the non-public address {}", a.ip())));
    }
    Ok(())
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments().first().copied().unwrap_or(0);
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "142.250.1.1", "2001:4860:4860::8888"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
        assert!(is_local_host("localhost") && is_local_host("[::1]") && !is_local_host("example.com"));
    }

    #[test]
    fn own_links_map_to_saved_files() {
        let u = url::Url::parse("http://localhost:8000/attachments/0f3c-11ab").unwrap();
        assert_eq!(own_attachment_id(&u), Some("0f3c-11ab"));
        let u = url::Url::parse("http://localhost:8000/attachments/../etc").unwrap();
        assert_eq!(own_attachment_id(&u), None);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report_0f3c-11ab.pdf"), "x").unwrap();
        let found = find_saved(dir.path(), "0f3c-11ab").unwrap();
        assert_eq!(saved_display_name(&found, "0f3c-11ab"), "report.pdf");
        assert!(find_saved(dir.path(), "other").is_none());
        // An expired file (older than the link lifetime) is no longer found.
        let old = std::fs::File::options().write(true).open(&found).unwrap();
        old.set_modified(std::time::SystemTime::now() - crate::files::LIFETIME - std::time::Duration::from_secs(1))
            .unwrap();
        assert!(find_saved(dir.path(), "0f3c-11ab").is_none());
    }
}
