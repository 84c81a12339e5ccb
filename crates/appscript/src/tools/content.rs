//! manage_script_content: writes source files, merged into the saved project or replacing it.
//! `projects.updateContent` always replaces the whole file set, so a merge reads the current
//! files first.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::nonblank;
use crate::api;
use crate::render;
use crate::wire::{Content, ScriptFile};

/// The manifest every project must keep.
pub(crate) const MANIFEST: &str = "appsscript";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContentAction {
    Update,
}

fn yes() -> bool {
    true
}

// Arguments of `manage_script_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageScriptContentParams {
    /// update: write the given files.
    pub action: ContentAction,
    /// The script project id.
    pub script_id: String,
    /// Files to write, each {"name": "Code", "type": "SERVER_JS", "source": "..."}. type is
    /// SERVER_JS, HTML or JSON (JSON only for the appsscript manifest); without it, the name's
    /// extension (.gs, .html, .json) decides, else SERVER_JS. Required for update.
    pub files: Option<Vec<BTreeMap<String, String>>>,
    /// true (default): add or replace these files and keep the others. false: the project
    /// becomes exactly these files (which must then include the appsscript manifest).
    #[serde(default = "yes")]
    pub merge: bool,
}

pub fn manage_script_content() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_script_content",
            title: "Manage Script Content",
            description: "Write an Apps Script project's source files (.gs code, HTML, the appsscript.json \
                manifest). By default the files are merged into the saved code; merge=false replaces the whole \
                project. Saved code is what dev-mode runs use; deployments keep their version until updated.",
            service: Service::Appscript,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SCRIPT_PROJECTS],
        },
        manage,
    )
}

/// One file argument, checked and normalized (extension stripped, type decided).
pub(crate) fn parse_file(raw: &BTreeMap<String, String>) -> Result<ScriptFile, ToolError> {
    if let Some(k) = raw.keys().find(|k| !["name", "type", "source"].contains(&k.as_str())) {
        return Err(ToolError::invalid(format!("files: unknown key '{k}' (each file has name, type and source)")));
    }
    let given = raw.get("name").map(|n| n.trim()).unwrap_or_default();
    let (stem, ext_kind) = match given.rsplit_once('.') {
        Some((stem, "gs" | "js")) => (stem, Some("SERVER_JS")),
        Some((stem, "html")) => (stem, Some("HTML")),
        Some((stem, "json")) => (stem, Some("JSON")),
        _ => (given, None),
    };
    if stem.is_empty() {
        return Err(ToolError::invalid("files: every file needs a name, e.g. {\"name\": \"Code\", ...}"));
    }
    let kind = match raw.get("type").map(|t| t.trim().to_ascii_uppercase()) {
        Some(t) if ["SERVER_JS", "HTML", "JSON"].contains(&t.as_str()) => t,
        Some(t) => {
            return Err(ToolError::invalid(format!(
                "files: type of '{stem}' must be SERVER_JS, HTML or JSON, got '{t}'"
            )));
        }
        None if stem == MANIFEST => "JSON".into(),
        None => ext_kind.unwrap_or("SERVER_JS").into(),
    };
    let source = raw.get("source").ok_or_else(|| ToolError::invalid(format!("files: '{stem}' needs a source")))?;
    if (kind == "JSON") != (stem == MANIFEST) {
        return Err(ToolError::invalid(format!(
            "files: '{stem}' has type {kind}, but the only JSON file a project has is the appsscript manifest"
        )));
    }
    if kind == "JSON" && !serde_json::from_str::<serde_json::Value>(source).is_ok_and(|v| v.is_object()) {
        return Err(ToolError::invalid("files: the appsscript manifest's source must be a JSON object"));
    }
    Ok(ScriptFile { name: stem.to_string(), kind, source: source.clone() })
}

/// `current` with `files` laid over it by name (new names are added at the end).
pub(crate) fn overlay(mut current: Vec<ScriptFile>, files: Vec<ScriptFile>) -> Vec<ScriptFile> {
    for f in files {
        match current.iter_mut().find(|c| c.name == f.name) {
            Some(c) => *c = f,
            None => current.push(f),
        }
    }
    current
}

async fn manage(ctx: ToolCtx, p: ManageScriptContentParams) -> Result<ToolOutput, ToolError> {
    let ContentAction::Update = p.action;
    let id = nonblank(&p.script_id, "script_id")?;
    let raw = p.files.as_deref().filter(|f| !f.is_empty()).ok_or_else(|| {
        ToolError::invalid("files is required for update: a list of {\"name\", \"type\", \"source\"} objects")
    })?;
    let files = raw.iter().map(parse_file).collect::<Result<Vec<_>, _>>()?;
    for (i, f) in files.iter().enumerate() {
        if files[..i].iter().any(|o| o.name == f.name) {
            return Err(ToolError::invalid(format!("files: '{}' is given twice", f.name)));
        }
    }
    if !p.merge && !files.iter().any(|f| f.name == MANIFEST) {
        return Err(ToolError::invalid(
            "merge=false replaces every file, and a project must keep its appsscript manifest: include \
             {\"name\": \"appsscript\", \"type\": \"JSON\", \"source\": ...} or use merge=true",
        ));
    }
    let names: Vec<String> = files.iter().map(render::file_name).collect();
    let g = ctx.google().await?;
    let all = if p.merge { overlay(api::projects_get_content(&g, id, None).await?.files, files) } else { files };
    let saved = api::projects_update_content(&g, id, &Content { script_id: Some(id.to_string()), files: all }).await?;
    Ok(ToolOutput::text(format!(
        "Saved {} in project {id}. The project now has {} file(s):\n{}",
        names.join(", "),
        saved.files.len(),
        render::file_list(&saved.files)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn files_are_normalized_and_checked() {
        let f = parse_file(&file(&[("name", "Util.gs"), ("source", "x")])).unwrap();
        assert_eq!((f.name.as_str(), f.kind.as_str()), ("Util", "SERVER_JS"));
        let f = parse_file(&file(&[("name", "Page.html"), ("source", "<p>")])).unwrap();
        assert_eq!(f.kind, "HTML");
        let f = parse_file(&file(&[("name", "appsscript"), ("source", "{}")])).unwrap();
        assert_eq!(f.kind, "JSON");
        for bad in [
            file(&[("source", "x")]),
            file(&[("name", "A"), ("type", "PYTHON"), ("source", "x")]),
            file(&[("name", "A"), ("type", "JSON"), ("source", "{}")]),
            file(&[("name", "appsscript"), ("source", "[1]")]),
            file(&[("name", "A")]),
            file(&[("name", "A"), ("source", "x"), ("body", "y")]),
        ] {
            assert!(parse_file(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn overlay_replaces_by_name_and_appends() {
        let f = |n: &str, s: &str| ScriptFile { name: n.into(), kind: "SERVER_JS".into(), source: s.into() };
        let out = overlay(vec![f("A", "1"), f("B", "2")], vec![f("B", "3"), f("C", "4")]);
        assert_eq!(out, vec![f("A", "1"), f("B", "3"), f("C", "4")]);
    }
}
