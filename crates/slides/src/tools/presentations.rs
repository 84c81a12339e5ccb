//! Presentations: create_presentation, get_presentation, batch_update_presentation.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};
use wsmcp_core::args::nonblank;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput, scope};

use crate::api;
use crate::render::{self, Detail, PresentationView};

fn untitled() -> String {
    "Untitled Presentation".to_string()
}

// Arguments of `create_presentation`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateParams {
    /// Title of the new presentation.
    #[serde(default = "untitled")]
    pub title: String,
}

pub fn create_presentation() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_presentation",
            title: "Create Presentation",
            description: "Create a Google Slides presentation with one empty title slide; returns its id, link \
                and the id of the first slide.",
            service: Service::Slides,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::PRESENTATIONS],
        },
        create,
    )
}

async fn create(ctx: ToolCtx, p: CreateParams) -> Result<ToolOutput, ToolError> {
    let title = nonblank(&p.title, "title")?;
    let g = ctx.google().await?;
    let deck = api::presentations_create(&g, title).await?;
    let id = deck.get("presentationId").and_then(Value::as_str).unwrap_or("");
    let slides: Vec<&str> = deck
        .get("slides")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("objectId").and_then(Value::as_str))
        .collect();
    Ok(ToolOutput::text(format!(
        "Created presentation \"{title}\" for {}.\nId: {id}\nLink: {}\nSlides: {} ({})\n",
        g.user(),
        render::edit_link(id),
        slides.len(),
        slides.join(", ")
    )))
}

// Arguments of `get_presentation`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetParams {
    /// Id of the presentation (from its URL or a Drive search).
    pub presentation_id: String,
    /// Also show each slide's speaker notes and the object id of the shape holding them (the
    /// shape batch_update_presentation edits notes through).
    #[serde(default)]
    pub include_speaker_notes: bool,
    /// Also show each element's transform and size in EMU (to match a deck's margins).
    #[serde(default)]
    pub include_geometry: bool,
    /// Also show explicitly set text styles per run.
    #[serde(default)]
    pub include_styles: bool,
    /// Return the whole Presentation resource as JSON instead of the summary.
    #[serde(default)]
    pub raw: bool,
}

pub fn get_presentation() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_presentation",
            title: "Get Presentation",
            description: "Read a Google Slides presentation: title, revision, page size, and every slide with \
                its elements' object ids and text (tables cell by cell); optionally speaker notes, geometry, \
                text styles, or the raw JSON.",
            service: Service::Slides,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::PRESENTATIONS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.presentation_id, "presentation_id")?;
    let g = ctx.google().await?;
    let deck = api::presentations_get(&g, id).await?;
    if p.raw {
        return Ok(ToolOutput::text(serde_json::to_string_pretty(&deck).unwrap_or_default()));
    }
    let view = PresentationView {
        notes: p.include_speaker_notes,
        detail: Detail { geometry: p.include_geometry, styles: p.include_styles },
    };
    Ok(ToolOutput::text(render::presentation(&deck, view)))
}

// Arguments of `batch_update_presentation`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct BatchParams {
    /// Id of the presentation to change.
    pub presentation_id: String,
    /// Slides API requests, applied in order and all or nothing, each an object with one key
    /// naming the request, e.g. {"createSlide": {...}}, {"insertText": {"objectId": ..., "text": ...}}.
    pub requests: Vec<Map<String, Value>>,
}

pub fn batch_update_presentation() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "batch_update_presentation",
            title: "Batch Update Presentation",
            description: "Apply Slides API batchUpdate requests to a presentation (create slides, shapes, tables \
                and images; insert, delete, replace and style text; move, duplicate or delete objects). All \
                requests succeed or none is applied; the reply lists the ids of created objects.",
            service: Service::Slides,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::PRESENTATIONS],
        },
        batch,
    )
}

async fn batch(ctx: ToolCtx, p: BatchParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.presentation_id, "presentation_id")?;
    if p.requests.is_empty() {
        return Err(ToolError::invalid("requests is empty: pass at least one Slides request"));
    }
    for (i, r) in p.requests.iter().enumerate() {
        if r.len() != 1 {
            return Err(ToolError::invalid(format!(
                "requests[{i}] must have exactly one key naming the request (e.g. createSlide), found {}",
                if r.is_empty() { "none".to_string() } else { r.keys().cloned().collect::<Vec<_>>().join(", ") }
            )));
        }
    }
    let requests: Vec<Value> = p.requests.into_iter().map(Value::Object).collect();
    let g = ctx.google().await?;
    let reply = api::presentations_batch_update(&g, id, &requests).await?;
    Ok(ToolOutput::text(render::batch_replies(id, requests.len(), &reply)))
}
