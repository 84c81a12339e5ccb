//! Media upload rules: which protocol a request on an upload URL uses, and what body it may carry.
//!
//! Google's upload front end takes three protocols on the `/upload/...` path, chosen by
//! `uploadType`: `media` (the body is the file), `multipart` (`multipart/related`, JSON metadata then
//! the file) and `resumable` (a JSON metadata request opens a session, then the bytes follow with
//! `PUT` on the session URL, which carries `upload_id`). The `/resumable/upload/...` path is
//! resumable only.

use crate::document::{MediaUpload, Method, RouteKind};
use crate::error::Violation;
use crate::request::UploadKind;

/// Where in an upload a request stands; decides which body shapes are legitimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Simple,
    Multipart,
    /// The request that opens a resumable session (optional JSON metadata, no media).
    ResumableStart,
    /// A request on an open session (`upload_id` present): media bytes or a status probe.
    ResumableChunk,
}

impl Phase {
    pub(crate) fn kind(self) -> UploadKind {
        match self {
            Phase::Simple => UploadKind::Simple,
            Phase::Multipart => UploadKind::Multipart,
            Phase::ResumableStart | Phase::ResumableChunk => UploadKind::Resumable,
        }
    }
}

fn first<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Works out the upload phase (None off the upload URLs) and checks `uploadType` and the verb.
pub(crate) fn resolve(
    method: &Method,
    kind: RouteKind,
    http_method: &str,
    query: &[(String, String)],
) -> Result<Option<Phase>, Violation> {
    let upload_type = first(query, "uploadType");
    let media = match (kind, &method.media) {
        (RouteKind::Rest { .. }, _) => {
            if upload_type.is_some() {
                return Err(Violation::invalid(format!(
                    "uploadType is only accepted on media upload URLs; {} uploads go to /upload/...",
                    method.id
                )));
            }
            return Ok(None);
        }
        (_, Some(media)) => media,
        // Upload routes only exist for methods with mediaUpload, so this is unreachable in practice.
        (_, None) => return Err(Violation::method_not_found()),
    };
    let resumable = || {
        if first(query, "upload_id").is_some() { Phase::ResumableChunk } else { Phase::ResumableStart }
    };
    let phase = match (kind, upload_type) {
        (RouteKind::ResumableUpload, None | Some("resumable")) => resumable(),
        (RouteKind::SimpleUpload, Some("media")) => Phase::Simple,
        (RouteKind::SimpleUpload, Some("multipart")) if media.multipart => Phase::Multipart,
        (RouteKind::SimpleUpload, Some("resumable")) if media.resumable => resumable(),
        (RouteKind::SimpleUpload, None) => {
            return Err(Violation::required(
                "Upload requests must include an uploadType URL parameter (media, multipart or resumable).",
            ));
        }
        (_, Some(other)) => {
            return Err(Violation::invalid(format!(
                "Invalid value for uploadType: \"{other}\" is not supported here."
            )));
        }
        (RouteKind::Rest { .. }, None) => return Ok(None),
    };
    if http_method != method.http_method && phase != Phase::ResumableChunk {
        return Err(Violation::method_not_found());
    }
    Ok(Some(phase))
}

/// The media type without parameters, lower-cased.
fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn accepts(range: &str, essence: &str) -> bool {
    let range = range.trim().to_ascii_lowercase();
    match range.strip_suffix("/*") {
        _ if range == "*/*" => true,
        Some(top) => essence.strip_prefix(top).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1),
        None => range == essence,
    }
}

/// Checks the media type of an uploaded file against the method's `accept` list.
pub(crate) fn check_media_type(media: &MediaUpload, content_type: &str) -> Result<(), Violation> {
    let ess = essence(content_type);
    let well_formed = ess.split_once('/').is_some_and(|(t, s)| !t.is_empty() && !s.is_empty());
    if well_formed && media.accept.iter().any(|range| accepts(range, &ess)) {
        return Ok(());
    }
    Err(Violation::bad_request(format!(
        "Media type '{}' is not supported. Valid media types: [{}]",
        content_type.trim(),
        media.accept.join(", ")
    )))
}

/// A multipart upload must be `multipart/related` with a boundary, or the parts cannot be found.
pub(crate) fn check_multipart(content_type: &str) -> Result<(), Violation> {
    let has_boundary = content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.split_once('='))
        .any(|(k, v)| k.trim().eq_ignore_ascii_case("boundary") && !v.trim().trim_matches('"').is_empty());
    if essence(content_type) == "multipart/related" && has_boundary {
        return Ok(());
    }
    Err(Violation::bad_request(format!(
        "Invalid multipart upload: Content-Type must be multipart/related with a boundary, got '{}'.",
        content_type.trim()
    )))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn gmail_media() -> MediaUpload {
        MediaUpload { accept: vec!["message/*".into()], max_size: None, multipart: true, resumable: true }
    }

    #[test]
    fn media_types() {
        let m = gmail_media();
        assert!(check_media_type(&m, "message/rfc822").is_ok());
        assert!(check_media_type(&m, "Message/RFC822; charset=utf-8").is_ok());
        let err = check_media_type(&m, "text/plain").unwrap_err();
        assert_eq!(err.message, "Media type 'text/plain' is not supported. Valid media types: [message/*]");
        assert!(check_media_type(&m, "message/").is_err());
        assert!(check_media_type(&m, "").is_err());
        let any = MediaUpload { accept: vec!["*/*".into()], ..gmail_media() };
        assert!(check_media_type(&any, "application/pdf").is_ok());
        assert!(check_media_type(&any, "garbage").is_err());
    }

    #[test]
    fn multipart_needs_related_and_boundary() {
        assert!(check_multipart("multipart/related; boundary=foo_bar").is_ok());
        assert!(check_multipart("multipart/related; boundary=\"x y\"").is_ok());
        assert!(check_multipart("multipart/related").is_err());
        assert!(check_multipart("multipart/form-data; boundary=x").is_err());
    }
}
