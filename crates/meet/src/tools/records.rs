//! list_meet_conference_records, list_meet_participants.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, meeting_code, record_arg};
use crate::{api, render};

fn twenty_five() -> i64 {
    25
}

fn hundred() -> i64 {
    100
}

// Arguments of `list_meet_conference_records`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListMeetConferenceRecordsParams {
    /// Only conferences of this meeting (code abc-mnop-xyz or its meet.google.com link).
    pub meeting_code: Option<String>,
    /// Only conferences that started at or after this RFC 3339 time.
    pub started_after: Option<String>,
    /// Records per page (1-100).
    #[serde(default = "twenty_five")]
    pub page_size: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
}

pub fn list_meet_conference_records() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_meet_conference_records",
            title: "List Meet Conference Records",
            description: "List the user's past and current Meet conferences, newest first: record id, space, start \
                and end. Filter by meeting code (from a calendar event's Meet link) or start time.",
            service: Service::Meet,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::MEETINGS_SPACE_READONLY],
        },
        list_records,
    )
}

/// The AIP-160 filter Meet takes for conference records.
pub(crate) fn records_filter(code: Option<&str>, started_after: Option<&str>) -> Result<Option<String>, ToolError> {
    let mut parts = Vec::new();
    if let Some(c) = code {
        parts.push(format!("space.meeting_code = \"{}\"", meeting_code(c, "meeting_code")?));
    }
    if let Some(t) = started_after {
        chrono::DateTime::parse_from_rfc3339(t).map_err(|_| {
            ToolError::invalid(format!(
                "started_after must be an RFC 3339 time such as 2026-11-01T00:00:00Z, got '{t}'"
            ))
        })?;
        parts.push(format!("start_time >= \"{t}\""));
    }
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

async fn list_records(ctx: ToolCtx, p: ListMeetConferenceRecordsParams) -> Result<ToolOutput, ToolError> {
    let size = bounded(p.page_size, 100, "page_size")?;
    let filter = records_filter(given(p.meeting_code.as_deref()), given(p.started_after.as_deref()))?;
    let g = ctx.google().await?;
    let page = api::conference_records_list(&g, filter.as_deref(), size, given(p.page_token.as_deref())).await?;
    if page.conference_records.is_empty() {
        return Ok(ToolOutput::text(format!("No Meet conferences found for {}.", g.user())));
    }
    let mut out = format!("{} Meet conference(s) for {}:\n", page.conference_records.len(), g.user());
    for r in &page.conference_records {
        out.push_str(&render::record_line(r));
        out.push('\n');
    }
    if let Some(t) = page.next_page_token {
        out.push_str(&format!("\nMore conferences: pass page_token: {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `list_meet_participants`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListMeetParticipantsParams {
    /// The conference (conferenceRecords/..., from list_meet_conference_records).
    pub conference_record: String,
    /// Only people still in the call.
    #[serde(default)]
    pub active_only: bool,
    /// Participants per page (1-250).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
}

pub fn list_meet_participants() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_meet_participants",
            title: "List Meet Participants",
            description: "List who took part in a Meet conference: name, whether signed in, a guest or on the phone, \
                and when they first joined and last left.",
            service: Service::Meet,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::MEETINGS_SPACE_READONLY],
        },
        list_participants,
    )
}

async fn list_participants(ctx: ToolCtx, p: ListMeetParticipantsParams) -> Result<ToolOutput, ToolError> {
    let record = record_arg(&p.conference_record)?;
    let size = bounded(p.page_size, 250, "page_size")?;
    let filter = p.active_only.then_some("latest_end_time IS NULL");
    let g = ctx.google().await?;
    let page = api::participants_list(&g, &record, filter, size, given(p.page_token.as_deref())).await?;
    if page.participants.is_empty() {
        let who = if p.active_only { "Nobody is in the call" } else { "No participants" };
        return Ok(ToolOutput::text(format!("{who} for {record}.")));
    }
    let mut out = format!("{} participant(s) in {record}:\n", page.participants.len());
    for x in &page.participants {
        out.push_str(&render::participant_line(x));
        out.push('\n');
    }
    if let Some(t) = page.next_page_token {
        out.push_str(&format!("\nMore participants: pass page_token: {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_filters_follow_aip_160() {
        assert_eq!(records_filter(None, None).unwrap(), None);
        assert_eq!(
            records_filter(Some("https://meet.google.com/abc-defg-hij"), Some("2026-11-01T00:00:00Z"))
                .unwrap()
                .as_deref(),
            Some("space.meeting_code = \"abc-defg-hij\" AND start_time >= \"2026-11-01T00:00:00Z\"")
        );
        assert!(records_filter(Some("nope"), None).is_err());
        assert!(records_filter(None, Some("monday")).is_err());
    }
}
