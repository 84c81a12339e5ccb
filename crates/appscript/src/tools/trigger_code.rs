//! generate_trigger_code: ScriptApp code for a trigger, with no Google call (see
//! `crate::trigger_code`).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use crate::trigger_code::{check_function_name, generate, parse};

// Arguments of `generate_trigger_code`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GenerateTriggerCodeParams {
    /// time_minutes (every N minutes), time_hours (every N hours), time_daily (daily at an
    /// hour), time_weekly (weekly on a day), on_open and on_edit (simple triggers),
    /// on_form_submit, on_change.
    pub trigger_type: String,
    /// The function the trigger calls, e.g. sendDailyReport.
    pub function_name: String,
    /// time_minutes: 1, 5, 10, 15 or 30; time_hours: 1, 2, 4, 6, 8 or 12; time_daily: an hour
    /// 0-23; time_weekly: MONDAY ... SUNDAY; not used by the other types.
    #[serde(default)]
    pub schedule: String,
}

pub fn generate_trigger_code() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "generate_trigger_code",
            title: "Generate Trigger Code",
            description: "Write the Apps Script code that sets up a trigger (time-driven, open, edit, form submit, \
                change). The Apps Script API cannot create triggers: a script creates its own with ScriptApp. Add \
                the code with manage_script_content and run its setup function once with run_script_function. \
                Makes no Google call.",
            service: Service::Appscript,
            tier: Tier::Core,
            hints: Hints { read_only: true, destructive: false, idempotent: true, open_world: false },
            scopes: &[],
        },
        run,
    )
    .without_user_param()
}

async fn run(_ctx: ToolCtx, p: GenerateTriggerCodeParams) -> Result<ToolOutput, ToolError> {
    let function = check_function_name(&p.function_name).map_err(ToolError::invalid)?;
    let trigger = parse(&p.trigger_type, &p.schedule).map_err(ToolError::invalid)?;
    Ok(ToolOutput::text(generate(&trigger, function)))
}
