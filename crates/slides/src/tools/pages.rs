//! Pages: get_page and render_page_to_image (a thumbnail fetched and returned as image
//! content, plus its link).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::args::nonblank;
use wsmcp_core::tool::{InlineImage, ToolMeta};
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput, scope};

use crate::api;
use crate::render::{self, Detail};

// Arguments of `get_page`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetPageParams {
    /// Id of the presentation.
    pub presentation_id: String,
    /// Object id of the page (a slide id from get_presentation, or a notes page id).
    pub page_object_id: String,
    /// Also show each element's transform and size in EMU, and tables' column widths and row heights.
    #[serde(default)]
    pub include_geometry: bool,
    /// Also show explicitly set text styles per run, table cells included.
    #[serde(default)]
    pub include_styles: bool,
    /// Return the whole Page resource as JSON instead of the summary.
    #[serde(default)]
    pub raw: bool,
}

pub fn get_page() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_page",
            title: "Get Slide",
            description: "Read one page (slide) of a presentation: its elements with object ids and text, tables \
                cell by cell, speaker notes; optionally geometry, text styles, or the raw JSON.",
            service: Service::Slides,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::PRESENTATIONS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetPageParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.presentation_id, "presentation_id")?;
    let page_id = nonblank(&p.page_object_id, "page_object_id")?;
    let g = ctx.google().await?;
    let page = api::pages_get(&g, id, page_id).await?;
    if p.raw {
        return Ok(ToolOutput::text(serde_json::to_string_pretty(&page).unwrap_or_default()));
    }
    Ok(ToolOutput::text(render::page(id, &page, Detail { geometry: p.include_geometry, styles: p.include_styles })))
}

/// Thumbnail widths Slides renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum ThumbnailSize {
    Small,
    Medium,
    Large,
    #[serde(rename = "WIDTH2000_PX")]
    Width2000Px,
}

impl ThumbnailSize {
    fn as_str(self) -> &'static str {
        match self {
            ThumbnailSize::Small => "SMALL",
            ThumbnailSize::Medium => "MEDIUM",
            ThumbnailSize::Large => "LARGE",
            ThumbnailSize::Width2000Px => "WIDTH2000_PX",
        }
    }
}

fn medium() -> ThumbnailSize {
    ThumbnailSize::Medium
}

// Arguments of `render_page_to_image`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RenderParams {
    /// Id of the presentation.
    pub presentation_id: String,
    /// Object id of the page to render (a slide, or a notes page).
    pub page_object_id: String,
    /// Image width: SMALL 200 px (layout only), MEDIUM 800 px (titles and body text), LARGE
    /// 1600 px (small text, tables), WIDTH2000_PX 2000 px.
    #[serde(default = "medium")]
    pub size: ThumbnailSize,
}

pub fn render_page_to_image() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "render_page_to_image",
            title: "Render Slide to Image",
            description: "Render a page of a presentation (a slide or a notes page) as a PNG and return it as an \
                image, to look at layout and visuals; also gives the image's temporary link.",
            service: Service::Slides,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::PRESENTATIONS_READONLY],
        },
        render_page,
    )
}

async fn render_page(ctx: ToolCtx, p: RenderParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.presentation_id, "presentation_id")?;
    let page_id = nonblank(&p.page_object_id, "page_object_id")?;
    let g = ctx.google().await?;
    let thumb = api::pages_get_thumbnail(&g, id, page_id, p.size.as_str()).await?;
    let png = api::fetch_thumbnail(&ctx.google, &thumb.content_url).await?;
    let size = match (thumb.width, thumb.height) {
        (Some(w), Some(h)) => format!("{w} x {h} px"),
        _ => "unknown size".to_string(),
    };
    let mut text = format!(
        "Page {page_id} of presentation {id} rendered as PNG ({size}, {} bytes).\nLink (valid about 30 minutes): {}\n",
        png.len(),
        thumb.content_url
    );
    let image = InlineImage::within_cap("image/png", &png);
    if image.is_none() {
        text.push_str("The image is too large to show inline; open the link, or use a smaller size.\n");
    }
    Ok(ToolOutput { text, images: image.into_iter().collect(), ..Default::default() })
}
