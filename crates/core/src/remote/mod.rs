//! Fetching from user-given URLs safely, shared by every tool that accepts one (Gmail
//! attachments, Drive uploads): only public addresses are fetched, on every hop of a redirect
//! chain and pinned to the address that was checked ([`fetcher`], [`public`]), and this
//! server's own `/attachments/<id>` links map back to the saved file instead of a request.

mod fetcher;
mod public;

use std::net::IpAddr;
use std::path::{Path, PathBuf};

pub use fetcher::{HostResolver, MAX_REDIRECTS, SystemResolver, UrlFetcher};
pub use public::is_public;

use crate::ToolError;

/// What a user-given URL turned out to be, before its body is read.
#[derive(Debug)]
pub enum Opened {
    /// One of this server's own download links, resolved to the saved file.
    Saved { path: PathBuf, name: String },
    /// A public http(s) resource that answered 2xx; the body is still to be read.
    Remote { response: Box<reqwest::Response>, url: url::Url, name: String, mime: Option<String> },
}

/// Opens `raw` (the value of parameter `param`) for reading: this server's own
/// `/attachments/<id>` links map to the saved file; anything else must be http(s) on a public
/// address (every redirect hop checked by `fetcher`), answer 2xx and announce no more than
/// `max_bytes`. `instead` says what to pass rather than a refused URL.
pub async fn open_url(
    fetcher: &UrlFetcher,
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
        let (dir, wanted) = (attachment_dir.to_path_buf(), id.to_string());
        let found = tokio::task::spawn_blocking(move || find_saved(&dir, &wanted)).await.ok().flatten();
        if let Some(path) = found {
            let name = saved_display_name(&path, id);
            return Ok(Opened::Saved { path, name });
        }
        if is_local_host(&host) {
            return Err(ToolError::File(format!(
                "no saved file with id {id} on this server (download links expire after an hour); download it again"
            )));
        }
    }
    let (response, url) = fetcher.get(url, instead).await?;
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
    Ok(Opened::Remote { response: Box::new(response), url, name, mime })
}

/// Why [`read_capped`] stopped.
#[derive(Debug)]
pub enum BodyError {
    /// The body passed the cap.
    TooLarge,
    /// The connection failed while reading.
    Read(reqwest::Error),
}

/// Reads a response body into memory, refusing it as soon as it passes `max_bytes`, whatever
/// its Content-Length announced (a server can send more than it says).
pub async fn read_capped(response: &mut reqwest::Response, max_bytes: u64) -> Result<Vec<u8>, BodyError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > max_bytes {
            return Err(BodyError::TooLarge);
        }
    }
    Ok(bytes)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts() {
        assert!(is_local_host("localhost") && is_local_host("[::1]") && is_local_host("10.0.0.1"));
        assert!(!is_local_host("example.com"));
    }

    /// The cap holds for a chunked body, which announces no length: a body one byte over it is
    /// refused, one at it is read whole.
    #[tokio::test]
    async fn read_capped_stops_past_the_cap_whatever_the_length_announced() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let chunks = || {
            let parts: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(vec![b'a'; 6]), Ok(vec![b'b'; 5])];
            axum::body::Body::from_stream(futures::stream::iter(parts))
        };
        let app = axum::Router::new().route("/chunked", axum::routing::get(move || async move { chunks() }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let get = || async { reqwest::get(format!("http://{addr}/chunked")).await.unwrap() };
        let mut response = get().await;
        assert_eq!(response.content_length(), None, "chunked, no Content-Length");
        assert!(matches!(read_capped(&mut response, 10).await, Err(BodyError::TooLarge)));
        assert_eq!(read_capped(&mut get().await, 11).await.unwrap(), b"aaaaaabbbbb");
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
