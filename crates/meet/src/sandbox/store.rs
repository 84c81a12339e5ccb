//! The emulated Meet account: spaces, conference records and what each conference left
//! (participants, recordings, transcripts and their entries), behind one mutex.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct SpaceRec {
    pub id: String,
    pub code: String,
    pub access: Option<String>,
    pub owner: String,
    /// Spaces made through the API by this app: only those can have their conference ended
    /// under `meetings.space.created`.
    pub by_app: bool,
    pub active: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RecordRec {
    pub id: String,
    pub space: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct ParticipantRec {
    pub record: String,
    pub id: String,
    /// `signedinUser`, `anonymousUser` or `phoneUser`.
    pub kind: &'static str,
    pub display_name: String,
    pub email: Option<String>,
    pub user: Option<String>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

/// A recording (Drive file) or a transcript (Docs document).
#[derive(Debug, Clone)]
pub struct ArtifactRec {
    pub record: String,
    pub id: String,
    pub file: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct EntryRec {
    pub transcript: String,
    pub id: String,
    pub participant: String,
    pub text: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub spaces: Vec<SpaceRec>,
    pub records: Vec<RecordRec>,
    pub participants: Vec<ParticipantRec>,
    pub recordings: Vec<ArtifactRec>,
    pub transcripts: Vec<ArtifactRec>,
    pub entries: Vec<EntryRec>,
}

pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl SpaceRec {
    pub fn json(&self) -> Value {
        let mut v = json!({
            "name": format!("spaces/{}", self.id),
            "meetingUri": format!("https://meet.google.com/{}", self.code),
            "meetingCode": self.code,
            "config": { "accessType": self.access.as_deref().unwrap_or("TRUSTED"), "entryPointAccess": "ALL" },
        });
        if let Some(r) = &self.active {
            v["activeConference"] = json!({ "conferenceRecord": format!("conferenceRecords/{r}") });
        }
        v
    }
}

impl RecordRec {
    pub fn json(&self) -> Value {
        let mut v = json!({
            "name": format!("conferenceRecords/{}", self.id),
            "startTime": stamp(self.start),
            "space": format!("spaces/{}", self.space),
            // Meet keeps records 30 days after the conference ends.
            "expireTime": stamp(self.end.unwrap_or(self.start) + chrono::Duration::days(30)),
        });
        if let Some(e) = self.end {
            v["endTime"] = json!(stamp(e));
        }
        v
    }
}

impl ParticipantRec {
    pub fn name(&self) -> String {
        format!("conferenceRecords/{}/participants/{}", self.record, self.id)
    }

    pub fn json(&self) -> Value {
        let mut person = json!({ "displayName": self.display_name });
        if let Some(u) = &self.user {
            person["user"] = json!(u);
        }
        let mut v = json!({ "name": self.name(), "earliestStartTime": stamp(self.start), self.kind: person });
        if let Some(e) = self.end {
            v["latestEndTime"] = json!(stamp(e));
        }
        v
    }
}

impl ArtifactRec {
    pub fn recording_json(&self) -> Value {
        json!({
            "name": format!("conferenceRecords/{}/recordings/{}", self.record, self.id),
            "state": "FILE_GENERATED",
            "startTime": stamp(self.start),
            "endTime": stamp(self.end),
            "driveDestination": {
                "file": self.file,
                "exportUri": format!("https://drive.google.com/file/d/{}/view", self.file),
            },
        })
    }

    pub fn transcript_json(&self) -> Value {
        json!({
            "name": format!("conferenceRecords/{}/transcripts/{}", self.record, self.id),
            "state": "FILE_GENERATED",
            "startTime": stamp(self.start),
            "endTime": stamp(self.end),
            "docsDestination": {
                "document": self.file,
                "exportUri": format!("https://docs.google.com/document/d/{}/edit", self.file),
            },
        })
    }
}

impl EntryRec {
    pub fn json(&self, record: &str) -> Value {
        json!({
            "name": format!("conferenceRecords/{record}/transcripts/{}/entries/{}", self.transcript, self.id),
            "participant": format!("conferenceRecords/{record}/participants/{}", self.participant),
            "text": self.text,
            "languageCode": "en-US",
            "startTime": stamp(self.start),
            "endTime": stamp(self.end),
        })
    }
}

impl Store {
    /// A space by id or meeting code, as `spaces.get` accepts either.
    pub fn space(&self, id: &str) -> Result<&SpaceRec, GoogleError> {
        self.spaces.iter().find(|s| s.id == id || s.code == id).ok_or_else(GoogleError::not_found)
    }

    /// Whether the user may see a conference: they own its space or took part in it.
    pub fn visible(&self, r: &RecordRec) -> bool {
        let owns = self.spaces.iter().any(|s| s.id == r.space && s.owner.eq_ignore_ascii_case(&self.user));
        owns || self
            .participants
            .iter()
            .any(|p| p.record == r.id && p.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&self.user)))
    }

    pub fn record(&self, id: &str) -> Result<&RecordRec, GoogleError> {
        self.records.iter().find(|r| r.id == id && self.visible(r)).ok_or_else(GoogleError::not_found)
    }
}
