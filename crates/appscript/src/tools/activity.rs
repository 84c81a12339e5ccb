//! get_script_activity: recent executions (one script's, or all of the user's) or a script's
//! aggregate metrics (executions, failures, active users per day or week).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, required};
use crate::api;
use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityAction {
    Processes,
    Metrics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Granularity {
    #[serde(rename = "DAILY")]
    Daily,
    #[serde(rename = "WEEKLY")]
    Weekly,
}

fn fifty() -> i64 {
    50
}

fn daily() -> Granularity {
    Granularity::Daily
}

// Arguments of `get_script_activity`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetScriptActivityParams {
    /// processes (recent executions, newest first) or metrics (totals per period).
    pub action: ActivityAction,
    /// The script project id: required for metrics; for processes, limits them to this
    /// script (else all of your scripts).
    pub script_id: Option<String>,
    /// How many processes to show (1-200).
    #[serde(default = "fifty")]
    pub page_size: i64,
    /// Metrics per day (DAILY, the last 7 days) or per week (WEEKLY).
    #[serde(default = "daily")]
    pub metrics_granularity: Granularity,
}

pub fn get_script_activity() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_script_activity",
            title: "Get Script Activity",
            description: "Show Apps Script executions: recent processes (function, how it was started, status, \
                duration) of one script or all of yours, or a script's metrics (executions, failures and active \
                users per day or week).",
            service: Service::Appscript,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::SCRIPT_PROCESSES, scope::SCRIPT_METRICS],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetScriptActivityParams) -> Result<ToolOutput, ToolError> {
    let script = given(p.script_id.as_deref());
    match p.action {
        ActivityAction::Processes => {
            let size = bounded(p.page_size, 200, "page_size")?;
            let g = ctx.google().await?;
            let page = match script {
                Some(id) => api::processes_list_script_processes(&g, id, size).await?,
                None => api::processes_list(&g, size).await?,
            };
            let whose = script.map_or_else(|| format!("{}'s scripts", g.user()), |id| format!("project {id}"));
            if page.processes.is_empty() {
                return Ok(ToolOutput::text(format!("No recent executions of {whose}.\n")));
            }
            let lines: Vec<String> = page.processes.iter().map(render::process).collect();
            let more = if page.next_page_token.is_some() { "\n(More, older executions exist.)" } else { "" };
            Ok(ToolOutput::text(format!(
                "{} recent execution(s) of {whose} (start | function in project | type | status | duration):\n{}{more}\n",
                page.processes.len(),
                lines.join("\n")
            )))
        }
        ActivityAction::Metrics => {
            let id = required(script, "script_id is required for metrics")?;
            let granularity = match p.metrics_granularity {
                Granularity::Daily => "DAILY",
                Granularity::Weekly => "WEEKLY",
            };
            let g = ctx.google().await?;
            let m = api::projects_get_metrics(&g, id, granularity).await?;
            let body = render::metrics(&m);
            if body.is_empty() {
                return Ok(ToolOutput::text(format!("No {granularity} metrics for project {id} yet.\n")));
            }
            Ok(ToolOutput::text(format!("{granularity} metrics of project {id}:\n{body}")))
        }
    }
}
