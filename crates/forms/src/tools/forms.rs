//! create_form, get_form, set_publish_settings.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank};
use crate::api;
use crate::render;
use crate::wire::{BatchUpdateRequest, PublishState};

// Arguments of `create_form`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateFormParams {
    /// The form's title, shown to responders.
    pub title: String,
    /// Text shown under the title.
    #[serde(default)]
    pub description: Option<String>,
    /// The file name in Drive (and the browser tab); the title when omitted.
    #[serde(default)]
    pub document_title: Option<String>,
}

pub fn create_form() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_form",
            title: "Create Form",
            description: "Create an empty Google Form with a title (and optionally a description and Drive file \
                name). Returns its form_id and links; add questions with batch_update_form.",
            service: Service::Forms,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::FORMS_BODY],
        },
        create,
    )
}

async fn create(ctx: ToolCtx, p: CreateFormParams) -> Result<ToolOutput, ToolError> {
    let title = nonblank(&p.title, "title")?;
    let description = given(p.description.as_deref());
    let g = ctx.google().await?;
    let mut form = api::forms_create(&g, title, given(p.document_title.as_deref())).await?;
    // Google takes only the titles at creation; the description is a second write.
    if let Some(d) = description {
        let body = BatchUpdateRequest {
            requests: vec![json_object(json!({
                "updateFormInfo": { "info": { "description": d }, "updateMask": "description" }
            }))],
            include_form_in_response: true,
        };
        match api::forms_batch_update(&g, &form.form_id, &body).await {
            Ok(r) => form = r.form.unwrap_or(form),
            Err(mut e) => {
                e.message =
                    format!("form {} was created, but setting its description failed: {}", form.form_id, e.message);
                return Err(e.into());
            }
        }
    }
    Ok(ToolOutput::text(format!(
        "Created form for {}:\n{}Next: add questions with batch_update_form (form_id: {}).\n",
        g.user(),
        render::form_summary(&form),
        form.form_id
    )))
}

fn json_object(v: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    v.as_object().cloned().unwrap_or_default()
}

// Arguments of `get_form`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetFormParams {
    /// The form's id (from its URL docs.google.com/forms/d/<id>/edit, or create_form).
    pub form_id: String,
}

pub fn get_form() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_form",
            title: "Get Form",
            description: "Show a Google Form: title, description, publish state, links, revision, and every item \
                with its index (for batch_update_form locations), item id and question id (the keys of \
                response answers), question type and choices.",
            service: Service::Forms,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::FORMS_BODY_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetFormParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.form_id, "form_id")?;
    let g = ctx.google().await?;
    let form = api::forms_get(&g, id).await?;
    Ok(ToolOutput::text(render::form_details(&form)))
}

fn yes() -> bool {
    true
}

// Arguments of `set_publish_settings`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SetPublishSettingsParams {
    /// The form's id.
    pub form_id: String,
    /// Publish the form (responders can open it); false unpublishes it.
    #[serde(default = "yes")]
    pub is_published: bool,
    /// Accept new responses; only meaningful while the form is published (unpublishing
    /// always stops responses).
    #[serde(default = "yes")]
    pub is_accepting_responses: bool,
}

pub fn set_publish_settings() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "set_publish_settings",
            title: "Set Form Publish Settings",
            description: "Publish or unpublish a Google Form and open or close it for responses. An unpublished \
                form never accepts responses.",
            service: Service::Forms,
            tier: Tier::Complete,
            // Not destructive: it changes who may respond, never the form or its responses.
            hints: Hints { read_only: false, destructive: false, idempotent: false, open_world: true },
            scopes: &[scope::FORMS_BODY],
        },
        set_publish,
    )
}

async fn set_publish(ctx: ToolCtx, p: SetPublishSettingsParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.form_id, "form_id")?;
    // Google refuses "accepting but unpublished"; unpublishing stops responses anyway.
    let state = PublishState {
        is_published: p.is_published,
        is_accepting_responses: p.is_published && p.is_accepting_responses,
    };
    let g = ctx.google().await?;
    let r = api::forms_set_publish_settings(&g, id, state).await?;
    let mut out = format!("Form {id} is now {}.\n", render::publish_state(Some(&r.publish_settings)));
    if !p.is_published && p.is_accepting_responses {
        out.push_str("(An unpublished form cannot accept responses, so responses are closed too.)\n");
    }
    Ok(ToolOutput::text(out))
}
