//! Where uploaded content comes from. A tool takes at most one of: `content` (text),
//! `base64_content` (bytes, optionally checked against `base64_sha256`), a local file
//! (`file_path`, or a `file://` URL, only as the [`FilePolicy`] allows and only while
//! local files are enabled), or an http(s) URL ([`crate::remote`]).
//!
//! [`FilePolicy`]: wsmcp_core::local_files::FilePolicy

use base64::Engine as _;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use wsmcp_core::{ToolCtx, ToolError};

use crate::tools::DriveOptions;
use crate::upload::Media;

/// The content arguments of one call, with the names this tool gives them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Given<'a> {
    pub content: Option<&'a str>,
    pub base64: Option<&'a str>,
    pub base64_sha256: Option<&'a str>,
    pub file_path: Option<&'a str>,
    pub url: Option<&'a str>,
    /// How this tool spells the URL parameter (`fileUrl` or `file_url`).
    pub url_param: &'a str,
}

/// Which argument the content came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Content,
    Base64,
    File,
    Url,
}

/// Resolved content: the bytes, a file name it suggests, and a MIME type it declared.
#[derive(Debug)]
pub struct Source {
    pub media: Media,
    pub origin: Origin,
    pub name_hint: Option<String>,
    pub served_mime: Option<String>,
    /// For messages: "content", "file /x/y.docx", "https://...".
    pub label: String,
}

impl Given<'_> {
    fn names(&self) -> Vec<&str> {
        let mut v = Vec::new();
        if self.content.is_some() {
            v.push("content");
        }
        if self.base64.is_some() {
            v.push("base64_content");
        }
        if self.file_path.is_some() {
            v.push("file_path");
        }
        if self.url.is_some() {
            v.push(self.url_param);
        }
        v
    }

    pub fn count(&self) -> usize {
        self.names().len()
    }

    /// Checks the combination before anything is read or requested.
    pub fn check(&self, opts: &DriveOptions) -> Result<(), ToolError> {
        let given = self.names();
        if given.len() > 1 {
            return Err(ToolError::invalid(format!("give one content source, not {}", given.join(" and "))));
        }
        if self.base64_sha256.is_some() && self.base64.is_none() {
            return Err(ToolError::invalid("base64_sha256 checks base64_content; pass base64_content with it"));
        }
        if let Some(h) = self.base64_sha256 {
            let h = h.trim();
            if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(ToolError::invalid(
                    "base64_sha256 must be 64 hexadecimal digits (the SHA-256 of the decoded bytes)",
                ));
            }
        }
        if self.file_path.is_some() && !opts.local_files {
            return Err(local_files_disabled("file_path", self.url_param));
        }
        if self.url.is_some_and(is_file_url) && !opts.local_files {
            return Err(local_files_disabled(self.url_param, self.url_param));
        }
        Ok(())
    }
}

fn local_files_disabled(what: &str, url_param: &str) -> ToolError {
    ToolError::Refused(format!(
        "{what} reads a file on the server, and local file access is disabled here (WORKSPACE_MCP_DISABLE_LOCAL_FILES). \
         Pass the text as content, the bytes as base64_content, or an http(s) URL in {url_param} instead"
    ))
}

fn is_file_url(u: &str) -> bool {
    u.trim().get(..7).is_some_and(|p| p.eq_ignore_ascii_case("file://"))
}

/// Reads the one given source (call [`Given::check`] first). `None` when none was given.
pub async fn resolve(ctx: &ToolCtx, opts: &DriveOptions, given: &Given<'_>) -> Result<Option<Source>, ToolError> {
    given.check(opts)?;
    if let Some(text) = given.content {
        let media = Media::Memory(Bytes::copy_from_slice(text.as_bytes()));
        return Ok(Some(Source {
            media,
            origin: Origin::Content,
            name_hint: None,
            served_mime: None,
            label: "content".into(),
        }));
    }
    if let Some(b64) = given.base64 {
        let bytes = decode_base64(b64)?;
        if let Some(expected) = given.base64_sha256 {
            let actual = hex(&Sha256::digest(&bytes));
            if !actual.eq_ignore_ascii_case(expected.trim()) {
                return Err(ToolError::invalid(format!(
                    "base64_content does not match base64_sha256: the decoded {} bytes hash to {actual}; the content was damaged or cut off on the way",
                    bytes.len()
                )));
            }
        }
        let media = Media::Memory(Bytes::from(bytes));
        return Ok(Some(Source {
            media,
            origin: Origin::Base64,
            name_hint: None,
            served_mime: None,
            label: "base64_content".into(),
        }));
    }
    if let Some(path) = given.file_path {
        return local(opts, path).map(Some);
    }
    if let Some(url) = given.url {
        if is_file_url(url) {
            return local(opts, url).map(Some);
        }
        let fetched = crate::remote::fetch(ctx, &opts.attachment_dir, url, given.url_param).await?;
        return Ok(Some(Source {
            media: fetched.media,
            origin: Origin::Url,
            name_hint: Some(fetched.name),
            served_mime: fetched.mime,
            label: url.trim().to_string(),
        }));
    }
    Ok(None)
}

/// A local file (a path or a `file://` URL) the policy allows.
fn local(opts: &DriveOptions, raw: &str) -> Result<Source, ToolError> {
    let path = match url::Url::parse(raw.trim()) {
        Ok(u) if u.scheme() == "file" => {
            if u.host_str().is_some_and(|h| !h.is_empty() && !h.eq_ignore_ascii_case("localhost")) {
                return Err(ToolError::invalid(format!(
                    "file URL \"{raw}\" names another host; only local files can be read"
                )));
            }
            u.to_file_path()
                .map_err(|_| ToolError::invalid(format!("\"{raw}\" is not a usable file URL")))?
                .display()
                .to_string()
        }
        _ => raw.trim().to_string(),
    };
    let canonical = opts.files.resolve(&path)?;
    let name = canonical.file_name().map(|n| n.to_string_lossy().into_owned());
    let label = format!("file {}", canonical.display());
    Ok(Source { media: Media::file(canonical)?, origin: Origin::File, name_hint: name, served_mime: None, label })
}

/// Standard base64 (URL-safe and unpadded forms too; whitespace ignored).
fn decode_base64(text: &str) -> Result<Vec<u8>, ToolError> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let cleaned = cleaned
        .strip_prefix("data:")
        .and_then(|rest| rest.split_once(";base64,").map(|(_, d)| d.to_string()))
        .unwrap_or(cleaned);
    let engines = [
        &base64::engine::general_purpose::STANDARD,
        &base64::engine::general_purpose::STANDARD_NO_PAD,
        &base64::engine::general_purpose::URL_SAFE,
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    engines.iter().find_map(|e| e.decode(cleaned.as_bytes()).ok()).ok_or_else(|| {
        ToolError::invalid("base64_content is not valid base64 (standard alphabet, e.g. from `base64 -w0 file`)")
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_forms() {
        assert_eq!(decode_base64("aGVsbG8gd29ybGQ=").unwrap(), b"hello world");
        assert_eq!(decode_base64("aGVsbG8gd29y\nbGQ").unwrap(), b"hello world");
        assert_eq!(decode_base64("data:text/plain;base64,aGk=").unwrap(), b"hi");
        assert!(decode_base64("!!!").is_err());
        assert_eq!(hex(&Sha256::digest(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_file_url("FILE:///tmp/x") && !is_file_url("https://x"));
    }
}
