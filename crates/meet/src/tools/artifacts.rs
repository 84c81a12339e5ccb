//! list_meet_recordings and get_meet_transcript: what Meet kept of a conference. A transcript
//! is read as text, each entry with its speaker's name.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, record_arg};
use crate::{api, render};

// Arguments of `list_meet_recordings`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListMeetRecordingsParams {
    /// The conference (conferenceRecords/..., from list_meet_conference_records).
    pub conference_record: String,
}

pub fn list_meet_recordings() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_meet_recordings",
            title: "List Meet Recordings and Transcripts",
            description: "List the recordings (Drive videos) and transcripts (Docs) of a Meet conference, with their \
                state and links.",
            service: Service::Meet,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::MEETINGS_SPACE_READONLY],
        },
        list_recordings,
    )
}

async fn list_recordings(ctx: ToolCtx, p: ListMeetRecordingsParams) -> Result<ToolOutput, ToolError> {
    let record = record_arg(&p.conference_record)?;
    let g = ctx.google().await?;
    let recordings = api::recordings_list(&g, &record).await?.recordings;
    let transcripts = api::transcripts_list(&g, &record).await?.transcripts;
    let mut out = format!("Artifacts of {record}:\n");
    out.push_str(&format!("Recordings ({}):\n", recordings.len()));
    for r in &recordings {
        out.push_str(&render::artifact_line(r));
        out.push('\n');
    }
    out.push_str(&format!("Transcripts ({}):\n", transcripts.len()));
    for t in &transcripts {
        out.push_str(&render::artifact_line(t));
        out.push('\n');
    }
    if !transcripts.is_empty() {
        out.push_str("\nRead a transcript's text with get_meet_transcript.\n");
    }
    Ok(ToolOutput::text(out))
}

fn five_hundred() -> i64 {
    500
}

// Arguments of `get_meet_transcript`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetMeetTranscriptParams {
    /// The conference (conferenceRecords/..., from list_meet_conference_records).
    pub conference_record: String,
    /// Which transcript (conferenceRecords/.../transcripts/...); default the conference's first.
    pub transcript_id: Option<String>,
    /// Most entries to return (1-5000).
    #[serde(default = "five_hundred")]
    pub max_entries: i64,
}

pub fn get_meet_transcript() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_meet_transcript",
            title: "Get Meet Transcript",
            description: "Read a Meet conference's transcript as text: each spoken entry with its time and the \
                speaker's name.",
            service: Service::Meet,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::MEETINGS_SPACE_READONLY],
        },
        transcript,
    )
}

/// Entries per page Meet serves at most.
const ENTRIES_PAGE: u32 = 100;

async fn transcript(ctx: ToolCtx, p: GetMeetTranscriptParams) -> Result<ToolOutput, ToolError> {
    let record = record_arg(&p.conference_record)?;
    let max = bounded(p.max_entries, 5000, "max_entries")? as usize;
    let g = ctx.google().await?;
    let transcripts = api::transcripts_list(&g, &record).await?.transcripts;
    let chosen = match given(p.transcript_id.as_deref()) {
        Some(id) => {
            transcripts.iter().find(|t| t.name == id || t.name.rsplit('/').next() == Some(id)).ok_or_else(|| {
                let names: Vec<&str> = transcripts.iter().map(|t| t.name.as_str()).collect();
                ToolError::invalid(format!(
                    "{record} has no transcript '{id}'; its transcripts: {}",
                    list_or_none(&names)
                ))
            })?
        }
        None => transcripts.first().ok_or_else(|| {
            ToolError::invalid(format!("{record} has no transcript: transcription was not turned on in that call"))
        })?,
    };
    // Speaker names: entries name participants by resource name only.
    let mut names = HashMap::new();
    let mut token: Option<String> = None;
    loop {
        let page = api::participants_list(&g, &record, None, 250, token.as_deref()).await?;
        for x in &page.participants {
            names.insert(x.name.clone(), render::who(x).0);
        }
        match page.next_page_token {
            Some(t) if !t.is_empty() => token = Some(t),
            _ => break,
        }
    }
    let mut lines = Vec::new();
    let mut token: Option<String> = None;
    let mut more = false;
    loop {
        let page = api::transcript_entries_list(&g, &chosen.name, ENTRIES_PAGE, token.as_deref()).await?;
        for e in page.transcript_entries {
            if lines.len() == max {
                more = true;
                break;
            }
            let who = e.participant.as_ref().and_then(|p| names.get(p)).map_or("(unknown speaker)", String::as_str);
            let at = e.start_time.as_deref().and_then(|t| t.get(11..19)).unwrap_or("--:--:--");
            lines.push(format!("[{at}] {who}: {}", e.text));
        }
        match page.next_page_token {
            Some(t) if !t.is_empty() && !more => token = Some(t),
            _ => break,
        }
    }
    let mut out = format!(
        "Transcript {} ({} entries{}; times UTC)\n",
        chosen.name,
        lines.len(),
        if more { format!(", first {max} shown") } else { String::new() }
    );
    if let Some(d) = chosen.docs_destination.as_ref().and_then(|d| d.export_uri.as_deref()) {
        out.push_str(&format!("Document: {d}\n"));
    }
    out.push('\n');
    out.push_str(&lines.join("\n"));
    out.push('\n');
    Ok(ToolOutput::text(out))
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() { "none".into() } else { names.join(", ") }
}
