//! get_script_project (list through Drive, get with source) and manage_script_project
//! (create; delete through Drive, as the Apps Script API has no delete).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, nonblank, required};
use crate::api;
use crate::render;
use crate::wire::CreateProjectRequest;

fn fifty() -> i64 {
    50
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadAction {
    List,
    Get,
}

// Arguments of `get_script_project`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetScriptProjectParams {
    /// list (your Apps Script projects, from Drive) or get (one project with its source files).
    pub action: ReadAction,
    /// The script project id (required for get).
    pub script_id: Option<String>,
    /// For get: show only this file (name with or without extension, e.g. Code or Code.gs).
    pub file_name: Option<String>,
    /// Projects per page for list (1-1000).
    #[serde(default = "fifty")]
    pub page_size: i64,
    /// page_token from the previous list reply, for the next page.
    pub page_token: Option<String>,
}

pub fn get_script_project() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_script_project",
            title: "Get Script Project",
            description: "List your Apps Script projects (standalone and bound, from Drive), or read one project: \
                its title, container, times and every source file (or just file_name).",
            service: Service::Appscript,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::SCRIPT_PROJECTS_READONLY, scope::DRIVE_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetScriptProjectParams) -> Result<ToolOutput, ToolError> {
    match p.action {
        ReadAction::List => {
            let size = bounded(p.page_size, 1000, "page_size")?;
            let g = ctx.google().await?;
            let page = api::drive_list_scripts(&g, size, given(p.page_token.as_deref())).await?;
            if page.files.is_empty() {
                return Ok(ToolOutput::text(format!("No Apps Script projects found for {}.", g.user())));
            }
            let mut out = format!("{} Apps Script project(s) for {}:\n", page.files.len(), g.user());
            for f in &page.files {
                let modified = f.modified_time.as_deref().map(|t| format!(" | modified {t}")).unwrap_or_default();
                out.push_str(&format!("- \"{}\" (Script ID: {}){modified}\n", f.name, f.id));
            }
            if let Some(t) = page.next_page_token {
                out.push_str(&format!("\nMore results: pass page_token: {t}\n"));
            }
            Ok(ToolOutput::text(out))
        }
        ReadAction::Get => {
            let id = required(p.script_id.as_deref(), "script_id is required for get")?;
            let wanted = given(p.file_name.as_deref());
            let g = ctx.google().await?;
            let project = api::projects_get(&g, id).await?;
            let content = api::projects_get_content(&g, id, None).await?;
            let mut out = render::project(&project);
            match wanted {
                Some(name) => {
                    let f = content.files.iter().find(|f| f.name == name || render::file_name(f) == name);
                    let Some(f) = f else {
                        return Err(ToolError::invalid(format!(
                            "project {id} has no file '{name}'; its files:\n{}",
                            render::file_list(&content.files)
                        )));
                    };
                    out.push('\n');
                    out.push_str(&render::file(f));
                }
                None => {
                    out.push_str(&format!("\n{} file(s):\n", content.files.len()));
                    for f in &content.files {
                        out.push_str(&render::file(f));
                    }
                }
            }
            Ok(ToolOutput::text(out))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectAction {
    Create,
    Delete,
}

// Arguments of `manage_script_project`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageScriptProjectParams {
    /// create (a new project) or delete (the project's Drive file, permanently).
    pub action: ProjectAction,
    /// The project to delete (required for delete).
    pub script_id: Option<String>,
    /// The new project's title (required for create).
    pub title: Option<String>,
    /// For create: the Drive id of a Doc, Sheet, Form or Slides file to bind the script to
    /// (a standalone project when omitted).
    pub parent_id: Option<String>,
}

pub fn manage_script_project() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_script_project",
            title: "Manage Script Project",
            description: "Create an Apps Script project (standalone, or bound to a Doc/Sheet/Form/Slides file with \
                parent_id), or permanently delete one. The Apps Script API cannot delete projects, so delete removes \
                the project's Drive file (bound scripts go with their container and cannot be deleted alone).",
            service: Service::Appscript,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SCRIPT_PROJECTS, scope::DRIVE],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageScriptProjectParams) -> Result<ToolOutput, ToolError> {
    match p.action {
        ProjectAction::Create => {
            let title = required(p.title.as_deref(), "title is required for create")?;
            let parent = given(p.parent_id.as_deref()).map(str::to_string);
            let g = ctx.google().await?;
            let project =
                api::projects_create(&g, &CreateProjectRequest { title: title.into(), parent_id: parent }).await?;
            Ok(ToolOutput::text(format!(
                "Created Apps Script project:\n{}\nIt holds only the appsscript.json manifest: add code with \
                 manage_script_content (script_id {}).\n",
                render::project(&project),
                project.script_id
            )))
        }
        ProjectAction::Delete => {
            let id = nonblank(required(p.script_id.as_deref(), "script_id is required for delete")?, "script_id")?;
            let g = ctx.google().await?;
            api::drive_delete(&g, id).await?;
            Ok(ToolOutput::text(format!("Deleted Apps Script project {id} (its Drive file is gone permanently).\n")))
        }
    }
}
