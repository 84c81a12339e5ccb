//! list_form_responses and get_form_response.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank};
use crate::api;
use crate::render;

fn ten() -> i64 {
    10
}

/// Google serves at most 5000 responses per page.
const MAX_PAGE: i64 = 5000;

// Arguments of `list_form_responses`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListFormResponsesParams {
    /// The form's id.
    pub form_id: String,
    /// Responses per page (1-5000).
    #[serde(default = "ten")]
    pub page_size: i64,
    /// page_token from the previous reply, for the next page.
    #[serde(default)]
    pub page_token: Option<String>,
}

pub fn list_form_responses() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_form_responses",
            title: "List Form Responses",
            description: "List the submitted responses of a Google Form, oldest first: response id, submission \
                time, respondent email (when the form collects it) and each answer keyed by question id \
                (get_form names the questions). Paged.",
            service: Service::Forms,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::FORMS_RESPONSES_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListFormResponsesParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.form_id, "form_id")?;
    let size = u32::try_from(p.page_size).ok().filter(|s| (1..=MAX_PAGE as u32).contains(s)).ok_or_else(|| {
        ToolError::invalid(format!("page_size must be between 1 and {MAX_PAGE}, got {}", p.page_size))
    })?;
    let g = ctx.google().await?;
    let page = api::responses_list(&g, id, Some(size), given(p.page_token.as_deref())).await?;
    if page.responses.is_empty() {
        return Ok(ToolOutput::text(format!("No responses found for form {id}.\n")));
    }
    let mut out = format!("{} response(s) to form {id}:\n", page.responses.len());
    for r in &page.responses {
        out.push_str(&render::response(r));
    }
    if let Some(t) = &page.next_page_token {
        out.push_str(&format!("\nMore responses: pass page_token: {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `get_form_response`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetFormResponseParams {
    /// The form's id.
    pub form_id: String,
    /// The response's id (from list_form_responses).
    pub response_id: String,
}

pub fn get_form_response() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_form_response",
            title: "Get Form Response",
            description: "Show one response to a Google Form: when it was submitted, by whom (when collected), its \
                score for a quiz, and every answer keyed by question id.",
            service: Service::Forms,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::FORMS_RESPONSES_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetFormResponseParams) -> Result<ToolOutput, ToolError> {
    let form = nonblank(&p.form_id, "form_id")?;
    let id = nonblank(&p.response_id, "response_id")?;
    let g = ctx.google().await?;
    let r = api::responses_get(&g, form, id).await?;
    Ok(ToolOutput::text(format!("Form {form}:\n{}", render::response(&r))))
}
