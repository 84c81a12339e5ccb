//! Typed Meet calls: one function per REST method, named after its Discovery id
//! (`meet.conferenceRecords.participants.list` -> `participants_list`).

use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Meet REST API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "meet.googleapis.com",
    title: "Google Meet REST API",
    console_id: "meet.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v2";

/// `/v2/{name}` with each segment of the resource name escaped.
fn path(name: &str) -> String {
    let parts: Vec<String> = name.split('/').map(segment).collect();
    format!("{BASE}/{}", parts.join("/"))
}

pub async fn spaces_create(g: &GoogleCtx, space: &Space) -> Result<Space, GoogleError> {
    g.post(API, format!("{BASE}/spaces")).json(space).send().await
}

/// `name` is `spaces/{id}` or `spaces/{meetingCode}`: Meet accepts either.
pub async fn spaces_get(g: &GoogleCtx, name: &str) -> Result<Space, GoogleError> {
    g.get(API, path(name)).send().await
}

pub async fn spaces_end_active_conference(g: &GoogleCtx, name: &str) -> Result<(), GoogleError> {
    g.post(API, format!("{}:endActiveConference", path(name))).json(&serde_json::json!({})).send_empty().await
}

pub async fn conference_records_list(
    g: &GoogleCtx,
    filter: Option<&str>,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<ListConferenceRecordsResponse, GoogleError> {
    g.get(API, format!("{BASE}/conferenceRecords"))
        .query_opt("filter", filter)
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn conference_records_get(g: &GoogleCtx, name: &str) -> Result<ConferenceRecord, GoogleError> {
    g.get(API, path(name)).send().await
}

pub async fn participants_list(
    g: &GoogleCtx,
    record: &str,
    filter: Option<&str>,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<ListParticipantsResponse, GoogleError> {
    g.get(API, format!("{}/participants", path(record)))
        .query_opt("filter", filter)
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn recordings_list(g: &GoogleCtx, record: &str) -> Result<ListRecordingsResponse, GoogleError> {
    g.get(API, format!("{}/recordings", path(record))).send().await
}

pub async fn transcripts_list(g: &GoogleCtx, record: &str) -> Result<ListTranscriptsResponse, GoogleError> {
    g.get(API, format!("{}/transcripts", path(record))).send().await
}

pub async fn transcript_entries_list(
    g: &GoogleCtx,
    transcript: &str,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<ListTranscriptEntriesResponse, GoogleError> {
    g.get(API, format!("{}/entries", path(transcript)))
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
}
