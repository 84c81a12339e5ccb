//! `media.download`: an attachment's metadata, or with `alt=media` its bytes in one of the
//! types Keep lists for it (any other type is a 400, as Google answers).

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use http::{StatusCode, header};
use wsmcp_sandbox_kit::{GoogleError, QueryParams};

use super::store::{SharedStore, attachment_json};
use super::{Reply, ok};

pub async fn media_download(
    State(store): State<SharedStore>,
    Path((note, att)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let s = store.lock();
    let n = s.note(&note)?;
    let a = n.attachments.iter().find(|a| a.id == att).ok_or_else(GoogleError::not_found)?;
    if q.get("alt") != Some("media") {
        return ok(attachment_json(&format!("notes/{note}"), a));
    }
    let wanted = q.get("mimeType").unwrap_or("");
    let (mime, bytes) = a.variants.iter().find(|(m, _)| m == wanted).ok_or_else(|| {
        GoogleError::bad_request(format!("Attachment media is not available in the requested MIME type '{wanted}'."))
    })?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, mime.clone())], bytes.clone()).into_response())
}
