//! get_script_version (list, get) and manage_script_version (create): immutable snapshots of
//! a project's saved code, which deployments point at.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank, version_number};
use crate::api;
use crate::render;

/// Pages of versions read at most (50 each): far beyond any real project.
const MAX_PAGES: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VersionReadAction {
    List,
    Get,
}

// Arguments of `get_script_version`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetScriptVersionParams {
    /// list (every version) or get (one version, with its files).
    pub action: VersionReadAction,
    /// The script project id.
    pub script_id: String,
    /// The version to get (required for get).
    pub version_number: Option<i64>,
}

pub fn get_script_version() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_script_version",
            title: "Get Script Version",
            description: "List a project's versions (immutable snapshots of its code), or show one version with \
                the files it holds.",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::SCRIPT_PROJECTS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetScriptVersionParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.script_id, "script_id")?;
    match p.action {
        VersionReadAction::List => {
            let g = ctx.google().await?;
            let mut all = Vec::new();
            let mut token: Option<String> = None;
            for _ in 0..MAX_PAGES {
                let page = api::versions_list(&g, id, token.as_deref()).await?;
                all.extend(page.versions);
                token = page.next_page_token;
                if token.is_none() {
                    break;
                }
            }
            if all.is_empty() {
                return Ok(ToolOutput::text(format!(
                    "Project {id} has no versions yet: create one with manage_script_version.\n"
                )));
            }
            let lines: Vec<String> = all.iter().map(render::version).collect();
            Ok(ToolOutput::text(format!("{} version(s) of project {id}:\n{}\n", all.len(), lines.join("\n"))))
        }
        VersionReadAction::Get => {
            let n = version_number(p.version_number, "version_number is required for get")?;
            let g = ctx.google().await?;
            let v = api::versions_get(&g, id, n).await?;
            let content = api::projects_get_content(&g, id, Some(n)).await?;
            Ok(ToolOutput::text(format!(
                "Version of project {id}:\n{}\nFiles:\n{}",
                render::version(&v),
                render::file_list(&content.files)
            )))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VersionAction {
    Create,
}

// Arguments of `manage_script_version`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageScriptVersionParams {
    /// create: snapshot the project's saved code as a new version.
    pub action: VersionAction,
    /// The script project id.
    pub script_id: String,
    /// What changed in this version (optional).
    pub description: Option<String>,
}

pub fn manage_script_version() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_script_version",
            title: "Manage Script Version",
            description: "Create a version: an immutable, numbered snapshot of the project's saved code. Point a \
                deployment at it with manage_deployment.",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::SCRIPT_PROJECTS],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageScriptVersionParams) -> Result<ToolOutput, ToolError> {
    let VersionAction::Create = p.action;
    let id = nonblank(&p.script_id, "script_id")?;
    let g = ctx.google().await?;
    let v = api::versions_create(&g, id, given(p.description.as_deref())).await?;
    Ok(ToolOutput::text(format!(
        "Created version {} of project {id}:\n{}\n",
        v.version_number.unwrap_or_default(),
        render::version(&v)
    )))
}
