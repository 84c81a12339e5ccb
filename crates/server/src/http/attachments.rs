//! `GET /attachments/{id}`: files tools saved, for one hour.
//!
//! The bytes come from mail and Drive, so they are someone else's content served from this
//! server's origin. They are never sniffed (`nosniff`) or cached (`no-store`), and only
//! inert types (images other than SVG, PDF, plain text, ...) are shown inline; anything
//! else (HTML, SVG, XML, scripts, unknown types) is a download, so it cannot run as a page
//! of this origin.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;

/// Types a browser displays without running anything.
const INERT: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "image/avif",
    "application/pdf",
    "text/plain",
    "text/csv",
    "audio/mpeg",
    "audio/ogg",
    "audio/wav",
    "video/mp4",
    "video/webm",
];

pub async fn download(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(file) = app.attachments.as_ref().and_then(|store| store.get(&id)) else {
        return not_found();
    };
    match tokio::fs::read(&file.path).await {
        Ok(bytes) => {
            let (content_type, inline) = served_type(&file.mime_type);
            let disposition = disposition(if inline { "inline" } else { "attachment" }, &file.name);
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, content_type);
            headers.insert(header::CONTENT_DISPOSITION, disposition);
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => not_found(),
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, axum::Json(json!({"error": "Attachment not found or expired"}))).into_response()
}

/// The Content-Type to send for a declared type, and whether it may be shown inline. A
/// declared value that is not a plain `type/subtype` becomes `application/octet-stream`.
fn served_type(declared: &str) -> (HeaderValue, bool) {
    let essence = declared.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let token = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b));
    let valid = essence.split_once('/').is_some_and(|(t, s)| token(t) && token(s));
    if !valid {
        return (HeaderValue::from_static("application/octet-stream"), false);
    }
    let inline = INERT.contains(&essence.as_str());
    let value = HeaderValue::from_str(&essence).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (value, inline)
}

/// `inline` or `attachment` with the file name: an ASCII `filename` and the exact UTF-8
/// name in `filename*` (RFC 6266), so non-ASCII names survive and never break the header.
fn disposition(kind: &str, name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    HeaderValue::from_str(&format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or(HeaderValue::from_static("attachment"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_types_are_downloads_and_odd_values_are_octet_streams() {
        for active in ["text/html; charset=utf-8", "image/svg+xml", "text/xml", "application/javascript", "x/y"] {
            assert!(!served_type(active).1, "{active}");
        }
        for inert in ["image/png", "application/pdf", "Text/Plain; charset=utf-8"] {
            assert!(served_type(inert).1, "{inert}");
        }
        assert_eq!(served_type("TEXT/PLAIN; charset=utf-8").0, "text/plain");
        for odd in ["text/html\r\nx: y", "html", "", "a/b c"] {
            assert_eq!(served_type(odd), (HeaderValue::from_static("application/octet-stream"), false), "{odd:?}");
        }
    }

    #[test]
    fn non_ascii_names_survive_in_the_header() {
        let d = disposition("attachment", "Rechnung März \"final\".pdf");
        assert_eq!(
            d.to_str().unwrap(),
            "attachment; filename=\"Rechnung M_rz _final_.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%22final%22%2Epdf"
        );
    }
}
