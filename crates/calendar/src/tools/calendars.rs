//! Calendars: list_calendars, create_calendar.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, page_size, required, zone_arg};
use crate::api;
use crate::render;
use crate::wire::Calendar;

// Arguments of `list_calendars`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListCalendarsParams {
    /// Calendars per page (1-2500); Google's default when omitted.
    pub max_results: Option<i64>,
    /// page_token from the previous page's reply.
    pub page_token: Option<String>,
}

pub fn list_calendars() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_calendars",
            title: "List Calendars",
            description: "List the calendars this account can see, with their ids (for calendar_id), the primary \
                one, access role and time zone.",
            service: Service::Calendar,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CALENDAR_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListCalendarsParams) -> Result<ToolOutput, ToolError> {
    let max = p.max_results.map(|m| page_size(m, "max_results")).transpose()?;
    let g = ctx.google().await?;
    let page = api::calendar_list_list(&g, max, given(p.page_token.as_deref())).await?;
    if page.items.is_empty() {
        return Ok(ToolOutput::text(format!("No calendars found for {}.", g.user())));
    }
    let mut out = format!("{} calendar(s) for {}:\n", page.items.len(), g.user());
    for c in &page.items {
        out.push_str(&render::calendar_line(c));
        out.push('\n');
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref(), None));
    Ok(ToolOutput::text(out))
}

// Arguments of `create_calendar`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateCalendarParams {
    /// Name of the new calendar.
    pub summary: String,
    /// Optional description.
    pub description: Option<String>,
    /// IANA time zone (e.g. "Europe/Berlin"); the account's zone when omitted.
    pub timezone: Option<String>,
}

pub fn create_calendar() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_calendar",
            title: "Create Calendar",
            description: "Create a new secondary calendar owned by this account; returns its id.",
            service: Service::Calendar,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::CALENDAR],
        },
        create,
    )
}

async fn create(ctx: ToolCtx, p: CreateCalendarParams) -> Result<ToolOutput, ToolError> {
    let summary = required(Some(&p.summary), "summary is required: the new calendar's name")?;
    let zone = zone_arg(p.timezone.as_deref(), "timezone")?;
    let body = Calendar {
        summary: Some(summary.to_string()),
        description: given(p.description.as_deref()).map(str::to_string),
        time_zone: zone.map(|z| z.name().to_string()),
        ..Default::default()
    };
    let g = ctx.google().await?;
    let c = api::calendars_insert(&g, &body).await?;
    let id = c.id.as_deref().unwrap_or("?");
    let mut out = format!("Created calendar \"{}\" (ID: {id}).\n", c.summary.as_deref().unwrap_or(summary));
    if let Some(z) = c.time_zone.as_deref() {
        out.push_str(&format!("- Time zone: {z}\n"));
    }
    out.push_str("Use this ID as calendar_id in get_events and manage_event.\n");
    Ok(ToolOutput::text(out))
}
