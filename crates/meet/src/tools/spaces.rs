//! create_meet_space, get_meet_space, end_meet_conference.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::space_arg;
use crate::wire::{Space, SpaceConfig};
use crate::{api, render};

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessType {
    /// Anyone with the link joins without knocking.
    Open,
    /// People in the organization and invited guests join; others knock.
    Trusted,
    /// Only invitees join; everyone else knocks.
    Restricted,
}

// Arguments of `create_meet_space`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateMeetSpaceParams {
    /// Who may join without knocking: open, trusted or restricted (default: the
    /// organization's setting).
    pub access_type: Option<AccessType>,
}

pub fn create_meet_space() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_meet_space",
            title: "Create Meet Space",
            description: "Create a Google Meet meeting space and return its link and meeting code, ready to share \
                or put into a calendar event.",
            service: Service::Meet,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::MEETINGS_SPACE_CREATED],
        },
        create,
    )
}

async fn create(ctx: ToolCtx, p: CreateMeetSpaceParams) -> Result<ToolOutput, ToolError> {
    let config = p.access_type.map(|a| SpaceConfig {
        access_type: Some(
            match a {
                AccessType::Open => "OPEN",
                AccessType::Trusted => "TRUSTED",
                AccessType::Restricted => "RESTRICTED",
            }
            .into(),
        ),
        entry_point_access: None,
    });
    let g = ctx.google().await?;
    let made = api::spaces_create(&g, &Space { config, ..Default::default() }).await?;
    Ok(ToolOutput::text(format!("Created a meeting space for {}.\n{}", g.user(), render::space(&made))))
}

// Arguments of `get_meet_space` and `end_meet_conference`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SpaceParams {
    /// The space: its name (spaces/...), its meeting code (abc-mnop-xyz) or its meet.google.com link.
    pub space: String,
}

pub fn get_meet_space() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_meet_space",
            title: "Get Meet Space",
            description: "Show a Meet space (by name, meeting code or link): its link, access setting and whether a \
                conference is in progress.",
            service: Service::Meet,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::MEETINGS_SPACE_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: SpaceParams) -> Result<ToolOutput, ToolError> {
    let name = space_arg(&p.space)?;
    let g = ctx.google().await?;
    let s = api::spaces_get(&g, &name).await?;
    Ok(ToolOutput::text(render::space(&s)))
}

pub fn end_meet_conference() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "end_meet_conference",
            title: "End Meet Conference",
            description: "End the conference in progress in a Meet space: everyone is removed from the call. Works \
                for spaces this server created.",
            service: Service::Meet,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::MEETINGS_SPACE_CREATED],
        },
        end,
    )
}

async fn end(ctx: ToolCtx, p: SpaceParams) -> Result<ToolOutput, ToolError> {
    let mut name = space_arg(&p.space)?;
    let g = ctx.google().await?;
    // Ending takes the space's own id; a meeting code is looked up first.
    if super::meeting_code(&p.space, "space").is_ok() {
        name = api::spaces_get(&g, &name).await?.name.unwrap_or(name);
    }
    api::spaces_end_active_conference(&g, &name).await?;
    Ok(ToolOutput::text(format!("Ended the conference in {name}; everyone has left the call.")))
}
