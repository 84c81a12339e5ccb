//! run_script_function: `scripts.run` on the saved code (dev mode, owner only) or on an API
//! executable deployment (the given one, else the one serving the highest version). Google
//! answers a script's own failure with HTTP 200 and an `Operation` whose error details carry
//! the message and stack; those become a tool error with advice.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::google::{GoogleCtx, GoogleError};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::deployments::all_deployments;
use super::{given, nonblank};
use crate::api;
use crate::wire::{ExecutionRequest, Operation};

// Arguments of `run_script_function`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RunScriptFunctionParams {
    /// The script project id.
    pub script_id: String,
    /// The function to call (a top-level function; names ending in _ are private and cannot be run).
    pub function_name: String,
    /// Arguments for the function, as JSON values (strings, numbers, booleans, arrays, objects).
    #[serde(default)]
    #[schemars(schema_with = "parameters_schema")]
    pub parameters: Option<Vec<Value>>,
    /// true: run the latest saved code (only the project's owner may). false: run a deployed version.
    #[serde(default)]
    pub dev_mode: bool,
    /// The API executable deployment to run (when dev_mode is false). Without it, the API
    /// executable deployment serving the highest version is used.
    pub deployment_id: Option<String>,
}

/// Any JSON values: `items: {}` (a schema that accepts everything).
fn parameters_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "array", "items": {}, "default": null })
}

pub fn run_script_function() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "run_script_function",
            title: "Run Script Function",
            description: "Run a function of an Apps Script project through the Execution API and return its result. \
                Google's rules: the project must be deployed as an API executable (manifest executionApi); the \
                OAuth client of this server must belong to the script's Cloud project; dev_mode runs the saved code \
                and only for the owner; and the signed-in token must hold every scope the script uses (this tool \
                asks for Drive; a script using Gmail, Sheets or other services needs those scopes granted too).",
            service: Service::Appscript,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SCRIPT_DEPLOYMENTS_READONLY, scope::DRIVE],
        },
        run,
    )
}

/// The deployment id `scripts.run` should get when not in dev mode: the API executable
/// deployment serving the highest version.
pub(crate) async fn executable_deployment(g: &GoogleCtx, script_id: &str) -> Result<String, ToolError> {
    let all = all_deployments(g, script_id).await?;
    all.into_iter()
        .filter(|d| d.is_api_executable() && d.deployment_config.version_number.is_some())
        .max_by_key(|d| d.deployment_config.version_number)
        .map(|d| d.deployment_id)
        .ok_or_else(|| {
            ToolError::invalid(format!(
                "project {script_id} has no versioned API executable deployment: add \"executionApi\": {{\"access\": \
                 \"MYSELF\"}} to appsscript.json, then create one with manage_deployment (or use dev_mode=true as \
                 the owner)"
            ))
        })
}

/// Runs `function` and returns its result (`Value::Null` when it returns nothing).
pub(crate) async fn execute(g: &GoogleCtx, target: &str, request: &ExecutionRequest) -> Result<Value, ToolError> {
    let op = api::scripts_run(g, target, request).await.map_err(|e| explain_refusal(e, request.dev_mode))?;
    outcome(op, target, &request.function)
}

/// Google's refusals of a run, with what usually causes them.
fn explain_refusal(mut e: GoogleError, dev_mode: bool) -> GoogleError {
    let cause = match e.status {
        Some(404) => Some(
            "Google answers 404 when the id is neither a script nor an API executable deployment, or when the \
             project is not deployed as an API executable (manifest executionApi plus a deployment).",
        ),
        Some(403) if dev_mode => Some(
            "dev_mode runs only for the project's owner, and the OAuth client of this server must belong to the \
             same Cloud project as the script (Project Settings > Google Cloud Platform project).",
        ),
        Some(403) => Some(
            "The OAuth client of this server must belong to the script's Cloud project, the deployment's access \
             setting must include you, and the token must hold every scope the script uses.",
        ),
        Some(401) => Some("The token lacks a scope the script needs: sign in again granting the script's scopes."),
        _ => None,
    };
    if let Some(c) = cause {
        e.advice = format!("{c} {}", e.advice).trim().to_string();
    }
    e
}

/// The function's result, or its failure as a tool error.
fn outcome(op: Operation, target: &str, function: &str) -> Result<Value, ToolError> {
    let Some(err) = op.error else {
        return Ok(op.response.and_then(|r| r.get("result").cloned()).unwrap_or(Value::Null));
    };
    let detail = err.details.first().cloned().unwrap_or(Value::Null);
    let message = detail["errorMessage"].as_str().unwrap_or(&err.message).to_string();
    let kind = detail["errorType"].as_str().unwrap_or(&err.message).to_string();
    let stack: Vec<String> = detail["scriptStackTraceElements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| format!("{} (line {})", s["function"].as_str().unwrap_or("?"), s["lineNumber"].as_i64().unwrap_or(0)))
        .collect();
    let mut advice = if message.starts_with("Script function not found") {
        format!(
            "Check that {function} is a top-level function of the code that ran (saved code in dev mode, else the \
             deployed version: create a version and update the deployment after adding it) and that its name does \
             not end with _."
        )
    } else if stack.is_empty() {
        "The script failed before running its code (often authorization: grant the scopes it uses).".to_string()
    } else {
        "The script threw: fix its code (manage_script_content), or the arguments it got.".to_string()
    };
    if !stack.is_empty() {
        advice.push_str(&format!(" Stack: {}.", stack.join(" <- ")));
    }
    Err(ToolError::Google(GoogleError {
        api: api::API.title,
        call: format!("POST /v1/scripts/{target}:run"),
        status: None,
        reason: Some(kind),
        message: message.trim_end_matches('.').to_string(),
        advice,
        outcome_unknown: false,
    }))
}

async fn run(ctx: ToolCtx, p: RunScriptFunctionParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.script_id, "script_id")?;
    let function = crate::trigger_code::check_function_name(&p.function_name).map_err(ToolError::invalid)?;
    let deployment = given(p.deployment_id.as_deref());
    if p.dev_mode && deployment.is_some() {
        return Err(ToolError::invalid(
            "dev_mode runs the saved code: pass either dev_mode=true or deployment_id, not both",
        ));
    }
    let g = ctx.google().await?;
    let target = match (p.dev_mode, deployment) {
        (true, _) => id.to_string(),
        (false, Some(d)) => d.to_string(),
        (false, None) => executable_deployment(&g, id).await?,
    };
    let request = ExecutionRequest {
        function: function.to_string(),
        parameters: p.parameters.unwrap_or_default(),
        dev_mode: p.dev_mode,
    };
    let result = execute(&g, &target, &request).await?;
    let ran = if p.dev_mode { "saved code (dev mode)".to_string() } else { format!("deployment {target}") };
    let shown = match &result {
        Value::Null => "(no return value)".to_string(),
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    };
    Ok(ToolOutput::text(format!("Ran {function} of project {id} on {ran}.\nResult:\n{shown}\n")))
}
