//! Changing files: update_drive_file (metadata PATCH, moves, star/trash, properties, and
//! new content: converted for Google types, written as is otherwise, or spliced onto a
//! text file) and copy_drive_file.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{DriveOptions, opt, required, resolve_item};
use crate::api;
use crate::formats::{self, SHORTCUT};
use crate::render;
use crate::sources::{self, Given};
use crate::upload::{self, Media, Target};
use crate::wire::{File, FileMetadata};

const FILE_FIELDS: &str = "id, name, description, mimeType, size, parents, starred, trashed, webViewLink, \
    writersCanShare, copyRequiresWriterPermission, properties, shortcutDetails, driveId";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Replace,
    Append,
    Prepend,
}

fn replace() -> Mode {
    Mode::Replace
}

// Arguments of `update_drive_file`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateDriveFileParams {
    /// The file to change.
    pub file_id: String,
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New MIME type (with new content, the type the content becomes). On a shortcut it
    /// only goes with content, and applies to the target.
    pub mime_type: Option<String>,
    /// Folder ids to add the file to, comma-separated.
    pub add_parents: Option<String>,
    /// Folder ids to take the file out of, comma-separated (with add_parents: a move).
    pub remove_parents: Option<String>,
    /// Star or unstar.
    pub starred: Option<bool>,
    /// Move to the trash (true) or restore (false).
    pub trashed: Option<bool>,
    /// Whether editors may share the file. Not on shortcuts: pass the target's id.
    pub writers_can_share: Option<bool>,
    /// Whether copying, printing and downloading need writer access. Not on shortcuts.
    pub copy_requires_writer_permission: Option<bool>,
    /// Custom properties to set (values become strings; null removes a property).
    pub properties: Option<Map<String, Value>>,
    /// New content as text (Markdown, plain text, HTML, CSV). With mode "append" or
    /// "prepend", the text to add.
    pub content: Option<String>,
    /// New content from a local file (path or file:// URL), read in chunks as it is
    /// uploaded. Only inside the allowed directories.
    pub file_path: Option<String>,
    /// New content from an http(s) URL.
    pub file_url: Option<String>,
    /// Format of the new content for Google Docs/Sheets/Slides (md, markdown, txt, html,
    /// rtf, docx, odt; csv, tsv, xlsx, xls, ods; pptx, ppt, odp). Detected from the content's
    /// name when omitted; ignored for other files, whose bytes are written as they are.
    pub source_format: Option<String>,
    /// "replace" the content, or "append"/"prepend" `content` to a UTF-8 text file (a
    /// newline is added at the seam). Google Docs are edited in place with the Docs tools.
    #[serde(default = "replace")]
    pub mode: Mode,
}

pub fn update_drive_file(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "update_drive_file",
            title: "Update Drive File",
            description: "Change a file's name, description, folders, star, trash state, sharing settings or custom \
                properties, and/or replace its content in place (same id, sharing and links). New content for Google \
                Docs/Sheets/Slides is converted like an import; text files can be appended or prepended to. On a \
                shortcut, metadata changes the shortcut and content goes to its target, not both in one call.",
            service: Service::Drive,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DRIVE],
        },
        move |ctx, p| update(ctx, opts.clone(), p),
    )
}

/// Comma-separated ids, trimmed; `None` when there are none.
fn id_list(raw: &Option<String>) -> Option<String> {
    let ids: Vec<&str> =
        raw.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    (!ids.is_empty()).then(|| ids.join(","))
}

/// Custom property values as Drive stores them: strings, or null to delete.
fn property_values(props: &Map<String, Value>) -> Result<BTreeMap<String, Option<String>>, ToolError> {
    props
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                Value::Bool(_) | Value::Number(_) => Some(v.to_string()),
                _ => {
                    return Err(ToolError::invalid(format!(
                        "properties.{k} must be a string, number, boolean or null"
                    )));
                }
            };
            Ok((k.clone(), value))
        })
        .collect()
}

async fn update(ctx: ToolCtx, opts: Arc<DriveOptions>, p: UpdateDriveFileParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let given = Given {
        content: p.content.as_deref(),
        base64: None,
        base64_sha256: None,
        file_path: opt(&p.file_path),
        url: opt(&p.file_url),
        url_param: "file_url",
    };
    given.check(&opts)?;
    let new_content = given.count() > 0;
    if p.mode != Mode::Replace {
        if given.content.is_none() || given.count() > 1 {
            return Err(ToolError::invalid(
                "mode \"append\"/\"prepend\" adds `content` (text); file_path and file_url only replace",
            ));
        }
        if p.mime_type.is_some() {
            return Err(ToolError::invalid("mime_type cannot change while appending or prepending"));
        }
    }
    let meta = FileMetadata {
        name: opt(&p.name).map(str::to_string),
        description: p.description.clone(),
        mime_type: opt(&p.mime_type).map(str::to_string),
        starred: p.starred,
        trashed: p.trashed,
        writers_can_share: p.writers_can_share,
        copy_requires_writer_permission: p.copy_requires_writer_permission,
        properties: p.properties.as_ref().map(property_values).transpose()?,
        ..Default::default()
    };
    let (add, remove) = (id_list(&p.add_parents), id_list(&p.remove_parents));
    let local_meta = FileMetadata { mime_type: None, ..meta.clone() };
    if !new_content && meta.is_empty() && add.is_none() && remove.is_none() {
        return Err(ToolError::invalid(
            "nothing to update: pass metadata (name, description, starred, ...), parents, or new content",
        ));
    }
    // Local paths and URLs are checked (and read) before Drive is asked anything.
    let mut source =
        if new_content && p.mode == Mode::Replace { sources::resolve(&ctx, &opts, &given).await? } else { None };
    let g = ctx.google().await?;
    let supplied = api::files_get(&g, id, FILE_FIELDS).await?;
    let mut current = supplied.clone();
    if supplied.mime() == SHORTCUT {
        let local = !local_meta.is_empty() || add.is_some() || remove.is_some();
        if new_content && local {
            return Err(ToolError::invalid(
                "this id is a shortcut: metadata changes apply to the shortcut, content to its target. Update them in two calls",
            ));
        }
        if p.writers_can_share.is_some()
            || p.copy_requires_writer_permission.is_some()
            || (p.mime_type.is_some() && !new_content)
        {
            return Err(ToolError::invalid(
                "sharing settings and MIME type cannot be set on a shortcut; pass the target file's id",
            ));
        }
        if new_content {
            current = resolve_item(&g, id, FILE_FIELDS).await?;
        }
    }
    let target_id = current.id().to_string();
    let updated = if new_content {
        let (media, content_type, converted) = new_media(&g, &p, &given, source.take(), &current).await?;
        let target =
            Target::Update { file_id: &target_id, add_parents: add.as_deref(), remove_parents: remove.as_deref() };
        let sent = upload::upload(&g, target, &meta, &media, &content_type, FILE_FIELDS, opts.upload).await?;
        (sent, Some((media.len(), content_type, converted)))
    } else {
        (api::files_update(&g, &target_id, &meta, add.as_deref(), remove.as_deref(), FILE_FIELDS).await?, None)
    };
    Ok(ToolOutput::text(report(&current, &updated.0, &p, add.as_deref(), remove.as_deref(), updated.1)))
}

/// The new content, its upload type, and whether Drive converts it.
async fn new_media(
    g: &wsmcp_core::google::GoogleCtx,
    p: &UpdateDriveFileParams,
    given: &Given<'_>,
    source: Option<sources::Source>,
    current: &File,
) -> Result<(Media, String, bool), ToolError> {
    let target_mime = opt(&p.mime_type).unwrap_or(current.mime()).to_string();
    let conversions = formats::sources_for(&target_mime);
    if conversions.is_none() && formats::is_google(&target_mime) {
        return Err(ToolError::invalid(format!(
            "content of a {target_mime} cannot be replaced; only Google Docs, Sheets and Slides take new content"
        )));
    }
    if p.mode != Mode::Replace {
        if conversions.is_some() {
            return Err(ToolError::invalid(
                "append/prepend works on text files; a Google Doc is edited in place with the Docs tools (e.g. insert text), not rewritten",
            ));
        }
        if !formats::is_text(&target_mime) {
            return Err(ToolError::invalid(format!(
                "append/prepend work on text files (Markdown, plain text, CSV, JSON, ...); \"{}\" is {target_mime}",
                current.name()
            )));
        }
        let existing = api::files_get_media(g, current.id()).await?;
        let existing = std::str::from_utf8(&existing).map_err(|_| {
            ToolError::invalid(format!("\"{}\" is not UTF-8 text, so text cannot be added to it", current.name()))
        })?;
        let addition = given.content.unwrap_or_default();
        let joined = splice(existing, addition, p.mode);
        return Ok((Media::Memory(Bytes::from(joined)), target_mime, false));
    }
    let source = source.ok_or_else(|| ToolError::invalid("no content given"))?;
    let Some(list) = conversions else {
        return Ok((source.media, target_mime, false));
    };
    let named = opt(&p.source_format);
    let format = match named {
        Some(n) => Some(formats::find_source(list, n).ok_or_else(|| {
            ToolError::invalid(format!(
                "source_format \"{n}\" does not convert to a {}; use {}",
                formats::kind_name(&target_mime),
                formats::source_names(list)
            ))
        })?),
        None => source
            .name_hint
            .as_deref()
            .or(opt(&p.name))
            .and_then(formats::extension)
            .and_then(|e| formats::find_source(list, &e))
            .or_else(|| source.served_mime.as_deref().and_then(|m| list.iter().copied().find(|s| s.mime == m)))
            .or_else(|| given.content.and_then(|_| list.iter().copied().find(|s| s.text))),
    };
    let format = format.ok_or_else(|| {
        ToolError::invalid(format!(
            "cannot tell the format of the new content; pass source_format ({})",
            formats::source_names(list)
        ))
    })?;
    if given.content.is_some() && !format.text {
        return Err(ToolError::invalid(format!(
            "content is text, but {} is a binary format; pass file_path or file_url",
            format.name
        )));
    }
    Ok((source.media, format.mime.to_string(), true))
}

/// `existing` with `addition` after (append) or before (prepend), a newline at the seam.
fn splice(existing: &str, addition: &str, mode: Mode) -> String {
    let (head, tail) = if mode == Mode::Append { (existing, addition) } else { (addition, existing) };
    let seam = if !head.is_empty() && !head.ends_with('\n') && !tail.starts_with('\n') { "\n" } else { "" };
    format!("{head}{seam}{tail}")
}

fn report(
    before: &File,
    after: &File,
    p: &UpdateDriveFileParams,
    add: Option<&str>,
    remove: Option<&str>,
    content: Option<(u64, String, bool)>,
) -> String {
    let mut changes = Vec::new();
    if let Some(n) = opt(&p.name).filter(|n| Some(*n) != before.name.as_deref()) {
        changes.push(format!("name: \"{}\" -> \"{n}\"", before.name()));
    }
    if let Some(d) = p.description.as_deref().filter(|d| Some(*d) != before.description.as_deref()) {
        changes.push(format!("description: {}", if d.is_empty() { "(cleared)" } else { d }));
    }
    if let Some(a) = add {
        changes.push(format!("added to folder(s) {a}"));
    }
    if let Some(r) = remove {
        changes.push(format!("removed from folder(s) {r}"));
    }
    if let Some(s) = p.starred.filter(|s| Some(*s) != before.starred) {
        changes.push(if s { "starred".into() } else { "unstarred".into() });
    }
    if let Some(t) = p.trashed.filter(|t| Some(*t) != before.trashed) {
        changes.push(if t { "moved to the trash".into() } else { "restored from the trash".into() });
    }
    if let Some(w) = p.writers_can_share {
        changes.push(format!("editors may share: {}", if w { "yes" } else { "no" }));
    }
    if let Some(c) = p.copy_requires_writer_permission {
        changes.push(format!("copying needs writer access: {}", if c { "yes" } else { "no" }));
    }
    if let Some(props) = &p.properties {
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        changes.push(format!("properties set: {}", keys.join(", ")));
    }
    if let Some((len, mime, converted)) = content {
        let how = match p.mode {
            Mode::Replace => "content replaced",
            Mode::Append => "text appended",
            Mode::Prepend => "text prepended",
        };
        let what = if converted { format!("{mime}, converted to {}", formats::kind_name(after.mime())) } else { mime };
        changes.push(format!("{how} ({}, {what})", render::size(len)));
    }
    let mut out = format!(
        "Updated \"{}\" (id: {}).\n",
        after.name.as_deref().unwrap_or(before.name()),
        after.id.as_deref().unwrap_or(before.id())
    );
    if changes.is_empty() {
        out.push_str("Nothing differed from the current values.\n");
    }
    for c in changes {
        out.push_str(&format!("  - {c}\n"));
    }
    out.push_str(&format!(
        "Link: {}\n",
        after.web_view_link.as_deref().or(before.web_view_link.as_deref()).unwrap_or("none")
    ));
    out
}

fn root() -> String {
    "root".into()
}

// Arguments of `copy_drive_file`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CopyDriveFileParams {
    /// The file to copy (a shortcut is followed to its target).
    pub file_id: String,
    /// Name of the copy; default "Copy of <name>".
    pub new_name: Option<String>,
    /// Folder for the copy; "root" is My Drive.
    #[serde(default = "root")]
    pub parent_folder_id: String,
    /// Copy open comments and suggestions too (Docs, Sheets, Slides).
    #[serde(default)]
    pub copy_comments: bool,
}

pub fn copy_drive_file() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "copy_drive_file",
            title: "Copy Drive File",
            description: "Copy a file (e.g. a template) into a folder, optionally renamed; the copy keeps the \
                content and formatting.",
            service: Service::Drive,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_READONLY, scope::DRIVE_FILE],
        },
        copy,
    )
}

async fn copy(ctx: ToolCtx, p: CopyDriveFileParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let parent = required(&p.parent_folder_id, "parent_folder_id")?;
    let g = ctx.google().await?;
    let source = resolve_item(&g, id, api::ITEM_FIELDS).await?;
    if source.mime() == formats::FOLDER {
        return Err(ToolError::invalid(format!("{} is a folder; Drive copies files only", source.id())));
    }
    let name = opt(&p.new_name).map(str::to_string).unwrap_or_else(|| format!("Copy of {}", source.name()));
    // Without parents a copy lands beside the original; "root" is asked for explicitly.
    let meta = FileMetadata { name: Some(name), parents: Some(vec![parent.to_string()]), ..Default::default() };
    let copied =
        api::files_copy(&g, source.id(), &meta, p.copy_comments, "id, name, mimeType, parents, webViewLink").await?;
    Ok(ToolOutput::text(format!(
        "Copied \"{}\" (id: {}).\nNew file: \"{}\" (id: {}, {})\nFolder: {parent}\nLink: {}\n",
        source.name(),
        source.id(),
        copied.name(),
        copied.id(),
        formats::kind_name(copied.mime()),
        copied.web_view_link.as_deref().unwrap_or("none")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splicing_adds_one_newline_at_the_seam() {
        assert_eq!(splice("a", "b", Mode::Append), "a\nb");
        assert_eq!(splice("a\n", "b", Mode::Append), "a\nb");
        assert_eq!(splice("a", "b", Mode::Prepend), "b\na");
        assert_eq!(splice("", "b", Mode::Append), "b");
    }

    #[test]
    fn ids_and_properties() {
        assert_eq!(id_list(&Some(" a, ,b ".into())).as_deref(), Some("a,b"));
        assert_eq!(id_list(&Some(" , ".into())), None);
        let props = json!({"team": "atlas", "n": 3, "gone": null}).as_object().cloned().unwrap();
        let v = property_values(&props).unwrap();
        assert_eq!(v["n"].as_deref(), Some("3"));
        assert_eq!(v["gone"], None);
        assert!(property_values(&json!({"x": [1]}).as_object().cloned().unwrap()).is_err());
    }
}
