//! list_script_deployments and manage_deployment (create, update, delete). A deployment points
//! at a version; its entry points (API executable, web app, add-on) come from that version's
//! manifest. The HEAD deployment follows the saved code and cannot be changed.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::content::MANIFEST;
use super::{given, nonblank, required, version_number};
use crate::api;
use crate::render;
use crate::wire::{Deployment, DeploymentConfig, UpdateDeploymentRequest};

/// Pages of deployments read at most (50 each; Google caps a project at 50 deployments).
const MAX_PAGES: usize = 10;

/// Every deployment of a project.
pub(crate) async fn all_deployments(g: &GoogleCtx, script_id: &str) -> Result<Vec<Deployment>, ToolError> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = api::deployments_list(g, script_id, token.as_deref()).await?;
        all.extend(page.deployments);
        token = page.next_page_token;
        if token.is_none() {
            break;
        }
    }
    Ok(all)
}

// Arguments of `list_script_deployments`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListScriptDeploymentsParams {
    /// The script project id.
    pub script_id: String,
}

pub fn list_script_deployments() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_script_deployments",
            title: "List Script Deployments",
            description: "List a project's deployments: id, version (or HEAD), description and entry points (API \
                executable, web app with its URL, add-on).",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::SCRIPT_DEPLOYMENTS_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListScriptDeploymentsParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.script_id, "script_id")?;
    let g = ctx.google().await?;
    let all = all_deployments(&g, id).await?;
    if all.is_empty() {
        return Ok(ToolOutput::text(format!("Project {id} has no deployments.\n")));
    }
    let lines: Vec<String> = all.iter().map(render::deployment).collect();
    Ok(ToolOutput::text(format!("{} deployment(s) of project {id}:\n{}\n", all.len(), lines.join("\n"))))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentAction {
    Create,
    Update,
    Delete,
}

// Arguments of `manage_deployment`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageDeploymentParams {
    /// create (snapshot the saved code as a new version and deploy it), update (point a
    /// deployment at another version, or re-describe it) or delete.
    pub action: DeploymentAction,
    /// The script project id.
    pub script_id: String,
    /// The deployment to update or delete.
    pub deployment_id: Option<String>,
    /// The deployment's description (required for create; for update, replaces the current one).
    pub description: Option<String>,
    /// For create: the new version's description (defaults to description).
    pub version_description: Option<String>,
    /// For update: the version the deployment should serve (from manage_script_version).
    pub version_number: Option<i64>,
}

pub fn manage_deployment() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_deployment",
            title: "Manage Deployment",
            description: "Create a deployment of the saved code (a new version is made for it), point a deployment \
                at another version or change its description, or delete it. What a deployment offers (API \
                executable for run_script_function, web app) comes from the manifest's executionApi and webapp \
                sections. The HEAD deployment cannot be changed.",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SCRIPT_DEPLOYMENTS, scope::SCRIPT_PROJECTS],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageDeploymentParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.script_id, "script_id")?;
    let deployment = || required(p.deployment_id.as_deref(), "deployment_id is required for update and delete");
    let description = given(p.description.as_deref());
    match p.action {
        DeploymentAction::Create => {
            let description = description.ok_or_else(|| ToolError::invalid("description is required for create"))?;
            let g = ctx.google().await?;
            let version_text = given(p.version_description.as_deref()).unwrap_or(description);
            let version = api::versions_create(&g, id, Some(version_text)).await?;
            let config = DeploymentConfig {
                script_id: Some(id.to_string()),
                version_number: version.version_number,
                manifest_file_name: Some(MANIFEST.into()),
                description: Some(description.to_string()),
            };
            let d = api::deployments_create(&g, id, &config).await?;
            let hint = if d.is_api_executable() {
                "run_script_function can call it by this deployment_id."
            } else {
                "It is not an API executable: to call it with run_script_function, add \"executionApi\": \
                 {\"access\": \"MYSELF\"} to appsscript.json, then create a new version and update this deployment."
            };
            Ok(ToolOutput::text(format!(
                "Created version {} and deployed it:\n{}\n{hint}\n",
                version.version_number.unwrap_or_default(),
                render::deployment(&d)
            )))
        }
        DeploymentAction::Update => {
            let deployment_id = deployment()?;
            let number = p.version_number.map(|n| version_number(Some(n), "")).transpose()?;
            if number.is_none() && description.is_none() {
                return Err(ToolError::invalid("update needs version_number, description, or both"));
            }
            let g = ctx.google().await?;
            let current = api::deployments_get(&g, id, deployment_id).await?;
            let config = DeploymentConfig {
                script_id: Some(id.to_string()),
                version_number: number.or(current.deployment_config.version_number),
                manifest_file_name: Some(MANIFEST.into()),
                description: description.map(str::to_string).or(current.deployment_config.description),
            };
            let d =
                api::deployments_update(&g, id, deployment_id, &UpdateDeploymentRequest { deployment_config: config })
                    .await?;
            Ok(ToolOutput::text(format!("Updated deployment:\n{}\n", render::deployment(&d))))
        }
        DeploymentAction::Delete => {
            let deployment_id = deployment()?;
            let g = ctx.google().await?;
            api::deployments_delete(&g, id, deployment_id).await?;
            Ok(ToolOutput::text(format!("Deleted deployment {deployment_id} of project {id}.\n")))
        }
    }
}
