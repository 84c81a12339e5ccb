//! insert_doc_image: an inline image from a public URL or a Drive file, as one batchUpdate.
//!
//! Docs fetches the image itself, once, from Google's servers and without the user's
//! credentials. So a URL must be public http(s) (never a local path, `data:` or a private
//! address), and a Drive file only works when anyone with the link may read it: it is then
//! passed as its download link. The file is checked first (an image of a type Docs takes,
//! shared by link) so a private file fails with advice rather than Google's generic "problem
//! retrieving the image".

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::elements::{body_index, location, tab_words};
use crate::api;

/// Image types Docs accepts.
const DOCS_IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/gif"];
/// Google's limit on the image URI ("at most 2 kB").
const MAX_URI_BYTES: usize = 2048;

// Arguments of `insert_doc_image`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct InsertDocImageParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// A public http(s) image URL (PNG, JPEG or GIF), or the id or link of a Drive image
    /// shared as "anyone with the link" (Docs fetches it without your sign-in).
    pub image_source: String,
    /// Where, as a UTF-16 index inside a paragraph (inspect_doc_structure shows them); 0
    /// means the start of the document. The image takes one index unit.
    pub index: i64,
    /// Width in points (0: from the image; with only one side given the other keeps the
    /// aspect ratio).
    #[serde(default)]
    pub width: i64,
    /// Height in points (0: from the image; with both given the image fits inside the box).
    #[serde(default)]
    pub height: i64,
}

pub fn insert_doc_image() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "insert_doc_image",
            title: "Insert Doc Image",
            description: "Insert an image into a Google Doc at an index, from a public image URL or a Drive \
                image shared by link, optionally sized in points. Google fetches the image itself, so private \
                or local images cannot be used.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::CREATE,
            scopes: &[scope::DOCUMENTS, scope::DRIVE_READONLY],
        },
        insert_image,
    )
}

/// Where the image comes from, as the user gave it.
#[derive(Debug, PartialEq)]
enum Source {
    Url(String),
    DriveFile(String),
}

/// A Drive file id from a bare id or a drive.google.com / docs.google.com link to a file.
fn drive_id(link: &url::Url) -> Option<String> {
    let host = link.host_str()?;
    if host != "drive.google.com" && host != "docs.google.com" {
        return None;
    }
    let mut segments = link.path_segments()?;
    if let Some(id) = segments.by_ref().skip_while(|s| *s != "d").nth(1) {
        return Some(id.to_string());
    }
    link.query_pairs().find(|(k, _)| k == "id").map(|(_, v)| v.into_owned())
}

fn parse_source(input: &str) -> Result<Source, ToolError> {
    let input = input.trim();
    let cannot = "Google fetches the image itself from its own servers, so image_source must be a public \
                  http(s) URL or a Drive image shared by link; local paths, data: URIs and other schemes cannot work";
    if input.is_empty() {
        return Err(ToolError::invalid("image_source must be a public image URL or a Drive file id"));
    }
    let lower = input.to_ascii_lowercase();
    if !lower.starts_with("http://") && !lower.starts_with("https://") {
        if input.contains([':', '/', '\\', '.']) {
            return Err(ToolError::invalid(format!("{cannot} (got \"{input}\")")));
        }
        if !input.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(ToolError::invalid(format!("\"{input}\" is neither an http(s) URL nor a Drive file id")));
        }
        return Ok(Source::DriveFile(input.to_string()));
    }
    let link = url::Url::parse(input).map_err(|e| ToolError::invalid(format!("image_source is not a URL: {e}")))?;
    if let Some(id) = drive_id(&link) {
        return Ok(Source::DriveFile(id));
    }
    let host = link.host_str().unwrap_or_default();
    if wsmcp_core::remote::is_local_host(host) {
        return Err(ToolError::invalid(format!("{cannot}; {host} is not reachable from Google")));
    }
    if input.len() > MAX_URI_BYTES {
        return Err(ToolError::invalid(format!(
            "image_source is {} bytes; Docs takes URLs of at most 2 kB",
            input.len()
        )));
    }
    Ok(Source::Url(input.to_string()))
}

/// The URL Docs can fetch for a Drive file, after checking it is an image anyone may read.
async fn drive_url(g: &wsmcp_core::google::GoogleCtx, file: &str) -> Result<(String, String), ToolError> {
    let f = api::drive_image(g, file).await?;
    if !DOCS_IMAGE_TYPES.contains(&f.mime_type.as_str()) {
        return Err(ToolError::invalid(format!(
            "Drive file {file} (\"{}\") is {}, not an image Docs can show (PNG, JPEG or GIF)",
            f.name, f.mime_type
        )));
    }
    let public = f.permission_ids.as_ref().map(|ids| ids.iter().any(|p| p == "anyoneWithLink" || p == "anyone"));
    if public == Some(false) {
        return Err(ToolError::invalid(format!(
            "Drive image {file} (\"{}\") is not shared by link. Docs fetches images from its own servers without \
             your sign-in, so it cannot read a private Drive file: share it as \"anyone with the link can view\" \
             (manage_drive_access), or give a public image URL.",
            f.name
        )));
    }
    let link = f.web_content_link.unwrap_or_else(|| format!("https://drive.google.com/uc?id={file}&export=download"));
    Ok((link, format!("Drive image \"{}\" ({file})", f.name)))
}

fn side(value: i64, name: &str) -> Result<Option<Value>, ToolError> {
    match value {
        0 => Ok(None),
        n if n > 0 => Ok(Some(json!({"magnitude": n, "unit": "PT"}))),
        n => Err(ToolError::invalid(format!("{name} must be 0 (automatic) or a positive number of points, got {n}"))),
    }
}

async fn insert_image(ctx: ToolCtx, p: InsertDocImageParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let index = body_index(p.index)?;
    let source = parse_source(&p.image_source)?;
    let (width, height) = (side(p.width, "width")?, side(p.height, "height")?);
    let tab = url_tab.as_deref();
    let g = ctx.google().await?;
    let (uri, described) = match source {
        Source::Url(u) => (u.clone(), format!("image {u}")),
        Source::DriveFile(file) => drive_url(&g, &file).await?,
    };
    let mut request = json!({"insertInlineImage": {"uri": uri, "location": location(index, tab)}});
    let mut size = serde_json::Map::new();
    if let Some(w) = width {
        size.insert("width".into(), w);
    }
    if let Some(h) = height {
        size.insert("height".into(), h);
    }
    if !size.is_empty() {
        request["insertInlineImage"]["objectSize"] = Value::Object(size);
    }
    let reply = api::documents_batch_update(&g, &id, vec![request], None).await?;
    let object = reply.replies.first().and_then(|r| r.pointer("/insertInlineImage/objectId")).and_then(Value::as_str);
    let dims = |n: i64| if n == 0 { "auto".to_string() } else { format!("{n}pt") };
    let mut out = format!(
        "Inserted {described} at index {index} of {} of document {id} (object id: {}, size {} x {}).\n\
         It takes one index unit: what followed index {index} is now one later.\n",
        tab_words(tab),
        object.unwrap_or("unknown"),
        dims(p.width),
        dims(p.height)
    );
    out.push_str(&format!("Link: https://docs.google.com/document/d/{id}/edit\n"));
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_urls_or_drive_files() {
        assert_eq!(
            parse_source(" https://example.com/a.png ").unwrap(),
            Source::Url("https://example.com/a.png".into())
        );
        assert_eq!(parse_source("1AbC_d-9").unwrap(), Source::DriveFile("1AbC_d-9".into()));
        assert_eq!(
            parse_source("https://drive.google.com/file/d/1xYz/view?usp=sharing").unwrap(),
            Source::DriveFile("1xYz".into())
        );
        assert_eq!(parse_source("https://drive.google.com/open?id=1q").unwrap(), Source::DriveFile("1q".into()));
        for bad in [
            "",
            "/tmp/a.png",
            "file:///tmp/a.png",
            "data:image/png;base64,AAA",
            "C:\\a.png",
            "logo.png",
            "http://localhost:8080/a.png",
            "https://192.168.1.4/a.png",
            "id with space",
        ] {
            assert!(parse_source(bad).is_err(), "{bad}");
        }
    }
}
