//! The meet/v2 JSON shapes the tools send and read (camelCase on the wire).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Space {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<SpaceConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_conference: Option<ActiveConference>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpaceConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_point_access: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveConference {
    pub conference_record: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConferenceRecord {
    #[serde(default)]
    pub name: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub space: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListConferenceRecordsResponse {
    #[serde(default)]
    pub conference_records: Vec<ConferenceRecord>,
    pub next_page_token: Option<String>,
}

/// Whoever a participant is: a signed-in user, an anonymous guest or a phone dial-in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub display_name: Option<String>,
    pub user: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    #[serde(default)]
    pub name: String,
    pub earliest_start_time: Option<String>,
    pub latest_end_time: Option<String>,
    pub signedin_user: Option<Person>,
    pub anonymous_user: Option<Person>,
    pub phone_user: Option<Person>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListParticipantsResponse {
    #[serde(default)]
    pub participants: Vec<Participant>,
    pub next_page_token: Option<String>,
}

/// Where Meet put a recording (Drive) or transcript (Docs).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    pub file: Option<String>,
    pub document: Option<String>,
    pub export_uri: Option<String>,
}

/// A recording or a transcript: both have a state, times and a destination.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Artifact {
    #[serde(default)]
    pub name: String,
    pub state: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub drive_destination: Option<Destination>,
    pub docs_destination: Option<Destination>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRecordingsResponse {
    #[serde(default)]
    pub recordings: Vec<Artifact>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListTranscriptsResponse {
    #[serde(default)]
    pub transcripts: Vec<Artifact>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptEntry {
    pub participant: Option<String>,
    #[serde(default)]
    pub text: String,
    pub start_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListTranscriptEntriesResponse {
    #[serde(default)]
    pub transcript_entries: Vec<TranscriptEntry>,
    pub next_page_token: Option<String>,
}
