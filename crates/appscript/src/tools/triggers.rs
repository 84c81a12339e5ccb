//! manage_script_trigger: lists or deletes the user's installable triggers of a project. The
//! Apps Script API has no trigger resource, so (in dev mode) a small helper file is written
//! into the project when missing or outdated, and its functions are run through `scripts.run`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::content::overlay;
use super::run::{executable_deployment, execute};
use super::{given, nonblank};
use crate::api;
use crate::trigger_code::helper::{DELETE_FUNCTION, HELPER_FILE, HELPER_SOURCE, LIST_FUNCTION};
use crate::wire::{Content, ExecutionRequest, ScriptFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TriggerAction {
    List,
    Delete,
}

fn yes() -> bool {
    true
}

// Arguments of `manage_script_trigger`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageScriptTriggerParams {
    /// list (your installable triggers on the project) or delete.
    pub action: TriggerAction,
    /// The script project id.
    pub script_id: String,
    /// For delete: the trigger's id (from list).
    pub trigger_id: Option<String>,
    /// For delete: remove every trigger that calls this function.
    pub handler_function: Option<String>,
    /// true (default): write the helper into the saved code if needed and run it there (owner
    /// only). false: run the helper in a deployed version, which must already contain it.
    #[serde(default = "yes")]
    pub dev_mode: bool,
    /// With dev_mode false: the API executable deployment to run (default: the highest version).
    pub deployment_id: Option<String>,
}

pub fn manage_script_trigger() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_script_trigger",
            title: "Manage Script Trigger",
            description: "List or delete your installable triggers on an Apps Script project. The Apps Script API \
                has no trigger endpoints, so this writes a small helper file (workspace_mcp_triggers.gs) into the \
                project's saved code when it is missing and runs it through the Execution API (the project must be \
                an API executable). To create a trigger use generate_trigger_code.",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SCRIPT_PROJECTS, scope::SCRIPT_DEPLOYMENTS_READONLY, scope::SCRIPT_SCRIPTAPP],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageScriptTriggerParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.script_id, "script_id")?;
    let trigger = given(p.trigger_id.as_deref());
    let handler = given(p.handler_function.as_deref());
    let deployment = given(p.deployment_id.as_deref());
    let (function, parameters) = match p.action {
        TriggerAction::List => (LIST_FUNCTION, vec![]),
        TriggerAction::Delete => match (trigger, handler) {
            (None, None) => return Err(ToolError::invalid("delete needs trigger_id or handler_function")),
            (Some(_), Some(_)) => {
                return Err(ToolError::invalid("pass trigger_id or handler_function for delete, not both"));
            }
            (t, h) => (DELETE_FUNCTION, vec![json!(t), json!(h)]),
        },
    };
    if p.dev_mode && deployment.is_some() {
        return Err(ToolError::invalid("deployment_id is for dev_mode=false; dev mode runs the saved code"));
    }
    let g = ctx.google().await?;
    let mut note = String::new();
    let target = if p.dev_mode {
        let current = api::projects_get_content(&g, id, None).await?.files;
        let has_helper = current.iter().any(|f| f.name == HELPER_FILE && f.source == HELPER_SOURCE);
        if !has_helper {
            let helper =
                ScriptFile { name: HELPER_FILE.into(), kind: "SERVER_JS".into(), source: HELPER_SOURCE.into() };
            let files = overlay(current, vec![helper]);
            api::projects_update_content(&g, id, &Content { script_id: Some(id.into()), files }).await?;
            note = format!("(Wrote the helper file {HELPER_FILE}.gs into the project's saved code.)\n");
        }
        id.to_string()
    } else {
        match deployment {
            Some(d) => d.to_string(),
            None => executable_deployment(&g, id).await?,
        }
    };
    let request = ExecutionRequest { function: function.into(), parameters, dev_mode: p.dev_mode };
    let result = execute(&g, &target, &request).await.map_err(|e| {
        if p.dev_mode {
            e
        } else {
            ToolError::invalid(format!(
                "{e}\nWith dev_mode=false the deployed version must already contain {HELPER_FILE}.gs: run once with \
                 dev_mode=true, then create a version and update the deployment."
            ))
        }
    })?;
    Ok(ToolOutput::text(format!("{note}{}", describe(p.action, id, &result))))
}

fn describe(action: TriggerAction, id: &str, result: &Value) -> String {
    let items = result.as_array().cloned().unwrap_or_default();
    match action {
        TriggerAction::List if items.is_empty() => format!("No installable triggers of yours on project {id}.\n"),
        TriggerAction::List => {
            let lines: Vec<String> = items
                .iter()
                .map(|t| {
                    let s = |k: &str| t[k].as_str().unwrap_or("?").to_string();
                    format!("- {} | calls {} | {} from {}", s("id"), s("handler"), s("eventType"), s("source"))
                })
                .collect();
            format!(
                "{} trigger(s) on project {id} (id | handler | event from source):\n{}\n",
                items.len(),
                lines.join("\n")
            )
        }
        TriggerAction::Delete if items.is_empty() => format!("No matching trigger on project {id}; nothing deleted.\n"),
        TriggerAction::Delete => {
            let ids: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            format!("Deleted {} trigger(s) on project {id}: {}\n", ids.len(), ids.join(", "))
        }
    }
}
