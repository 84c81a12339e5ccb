//! Free/busy: query_freebusy (busy blocks per calendar; per-calendar errors shown inline).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{calendar_zone, given};
use crate::api;
use crate::time::{self, When};
use crate::wire::{FreeBusyError, FreeBusyItem, FreeBusyRequest};

// Arguments of `query_freebusy`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct QueryFreebusyParams {
    /// Interval start: RFC 3339 ('2026-05-12T10:00:00Z'), a date ('2026-05-12', its
    /// midnight), or a time without offset, read in the primary calendar's time zone.
    pub time_min: String,
    /// Interval end, same formats.
    pub time_max: String,
    /// Calendars to check: "primary", calendar ids from list_calendars, or people's emails.
    /// Defaults to ["primary"].
    pub calendar_ids: Option<Vec<String>>,
    /// For group addresses: fail a group with more members than this (at most 100).
    pub group_expansion_max: Option<i64>,
    /// Report at most this many calendars (at most 50).
    pub calendar_expansion_max: Option<i64>,
}

pub fn query_freebusy() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "query_freebusy",
            title: "Query Free/Busy",
            description: "Busy time blocks of one or more calendars (yours or colleagues') within an interval, \
                to find a free slot. A calendar that cannot be read is reported with its error.",
            service: Service::Calendar,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::CALENDAR_READONLY],
        },
        query,
    )
}

fn limit(value: Option<i64>, max: i64, what: &str) -> Result<Option<i64>, ToolError> {
    match value {
        Some(v) if !(1..=max).contains(&v) => {
            Err(ToolError::invalid(format!("{what} must be between 1 and {max}, got {v}")))
        }
        v => Ok(v),
    }
}

fn errors_text(errors: &[FreeBusyError]) -> String {
    let list: Vec<String> = errors
        .iter()
        .map(|e| if e.domain.is_empty() { e.reason.clone() } else { format!("{} ({})", e.reason, e.domain) })
        .collect();
    list.join(", ")
}

async fn query(ctx: ToolCtx, p: QueryFreebusyParams) -> Result<ToolOutput, ToolError> {
    let min = time::parse(&p.time_min, "time_min").map_err(ToolError::invalid)?;
    let max = time::parse(&p.time_max, "time_max").map_err(ToolError::invalid)?;
    let group_max = limit(p.group_expansion_max, 100, "group_expansion_max")?;
    let calendar_max = limit(p.calendar_expansion_max, 50, "calendar_expansion_max")?;
    let mut ids: Vec<String> = Vec::new();
    for id in p.calendar_ids.unwrap_or_default() {
        if let Some(id) = given(Some(&id))
            && !ids.iter().any(|i| i == id)
        {
            ids.push(id.to_string());
        }
    }
    if ids.is_empty() {
        ids.push("primary".into());
    }
    let g = ctx.google().await?;
    let zone = if [min, max].iter().any(When::needs_zone) { Some(calendar_zone(&g, "primary").await?) } else { None };
    let time_min = time::instant(min, zone, "time_min").map_err(ToolError::invalid)?;
    let time_max = time::instant(max, zone, "time_max").map_err(ToolError::invalid)?;
    if !time::is_before(&time_min, &time_max) {
        return Err(ToolError::invalid(format!("time_max ({time_max}) must be after time_min ({time_min})")));
    }
    let body = FreeBusyRequest {
        time_min: time_min.clone(),
        time_max: time_max.clone(),
        items: ids.iter().map(|id| FreeBusyItem { id: id.clone() }).collect(),
        group_expansion_max: group_max,
        calendar_expansion_max: calendar_max,
    };
    let reply = api::freebusy_query(&g, &body).await?;
    let mut out = format!("Free/busy from {time_min} to {time_max}:\n");
    // Asked-for ids first, in order; then any calendars a group expanded to.
    let mut order: Vec<&String> = ids.iter().filter(|id| reply.calendars.contains_key(*id)).collect();
    order.extend(reply.calendars.keys().filter(|k| !ids.contains(k)));
    for id in order {
        let Some(c) = reply.calendars.get(id) else { continue };
        if !c.errors.is_empty() {
            out.push_str(&format!("- {id}: could not be read: {}\n", errors_text(&c.errors)));
        } else if c.busy.is_empty() {
            out.push_str(&format!("- {id}: free for the whole interval\n"));
        } else {
            out.push_str(&format!("- {id}: {} busy block(s)\n", c.busy.len()));
            for b in &c.busy {
                out.push_str(&format!("    {} to {}\n", b.start, b.end));
            }
        }
    }
    for (id, group) in &reply.groups {
        if !group.errors.is_empty() {
            out.push_str(&format!("- group {id}: could not be expanded: {}\n", errors_text(&group.errors)));
        }
    }
    for id in ids.iter().filter(|id| !reply.calendars.contains_key(*id) && !reply.groups.contains_key(*id)) {
        out.push_str(&format!("- {id}: not in Google's reply\n"));
    }
    Ok(ToolOutput::text(out))
}
